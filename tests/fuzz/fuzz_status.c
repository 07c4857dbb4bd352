/* libFuzzer target: /proc/PID/stat and /proc/PID/status parsers. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "probe/status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	ProcStat st;
	ProcStatus status;

	memcpy(text, data, size);
	text[size] = '\0';
	stat_parse(text, size, &st);
	status_parse(text, size, &status);
	free(text);
	return 0;
}
