/* libFuzzer target: the smaps and smaps_rollup parsers on any bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "probe/smaps.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Parsers get a NUL-terminated copy, as procfs_read gives them. */
	char *text = malloc(size + 1);
	MappingList maps = { 0 };
	MemTotals totals;

	memcpy(text, data, size);
	text[size] = '\0';
	if (smaps_parse(text, size, &maps) == READ_OK)
		for (size_t i = 0; i < maps.n; i++)
			(void)MappingList_find(&maps, maps.v[i].start);
	MappingList_done(&maps);
	smaps_rollup_parse(text, size, &totals);
	free(text);
	return 0;
}
