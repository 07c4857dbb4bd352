/* libFuzzer target: pagemap entry decoding and page counting. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "probe/pagemap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	PageInfo pages[512], earlier[512];
	PageMap map = { .state = READ_OK, .pages = pages };
	PageMap before = { .state = READ_OK, .pages = earlier };
	size_t n = size / 8 > 512 ? 512 : size / 8;

	for (size_t i = 0; i < n; i++) {
		uint64_t entry;
		memcpy(&entry, data + i * 8, 8);
		pages[i] = pagemap_decode(entry);
		/* The same bytes read backwards: an earlier read of the range. */
		earlier[n - 1 - i] = pages[i];
	}
	map.npages = n;
	before.npages = n / 2; /* a shorter earlier read, as after a resize */
	before.start = size > 0 ? (unsigned long)data[0] * 4096u : 0; /* not at the same place */
	PageMap_note_shared(&map, &before);
	PageMap_note_shared(&map, NULL);
	(void)PageMap_count(&map);
	return 0;
}
