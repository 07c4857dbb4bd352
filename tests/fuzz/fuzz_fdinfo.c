/* libFuzzer target: fdinfo parsing and FD kinds from readlink text. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "probe/fdtable.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	char anon[24];
	FdInfo info;

	memcpy(text, data, size);
	text[size] = '\0';
	fdinfo_parse(text, size, &info);
	(void)fd_kind_from_target(text, anon, sizeof anon);
	free(text);
	return 0;
}
