/* libFuzzer target: signal mask parsing and formatting. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "probe/sigset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t mask;
	char buf[1024];

	if (sigmask_parse_hex((const char *)data, size, &mask) == 0) {
		size_t n = sigmask_format(mask, buf, sizeof buf);
		if (n >= sizeof buf)
			abort();
	}
	return 0;
}
