/* libFuzzer target: /proc/PID/environ splitting, and the difference of the
 * input's two halves taken as a process's environment and its parent's. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#include "probe/environ.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	char **self = environ_split(text, size / 2);
	char **parent = environ_split(text + size / 2, size - size / 2);
	EnvDiff d;

	EnvDiff_compute(&d, self, parent);
	assert(d.added + d.same == environ_len(self));
	assert(d.n == d.added + d.removed);
	for (size_t i = 0; i < d.n; i++)
		(void)environ_name_len(d.v[i].entry);
	EnvDiff_done(&d);
	environ_free(self);
	environ_free(parent);
	return 0;
}
