/* libFuzzer target: pagemap entry decoding and page counting. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "probe/pagemap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	PageInfo pages[512];
	PageMap map = { .state = READ_OK, .pages = pages };
	size_t n = size / 8 > 512 ? 512 : size / 8;

	for (size_t i = 0; i < n; i++) {
		uint64_t entry;
		memcpy(&entry, data + i * 8, 8);
		pages[i] = pagemap_decode(entry);
	}
	map.npages = n;
	(void)PageMap_count(&map);
	return 0;
}
