/* libFuzzer target: the helper's report lines, parsed and formatted back. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "scenario/protocol.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Report r, again;
	char line[PROTOCOL_MAX_LINE + 64];
	size_t len;

	if (report_parse((const char *)data, size, &r) != 0)
		return 0;
	/* What parses formats to a line that parses to the same report. */
	len = report_format(&r, line, sizeof line);
	if (len == 0 || line[len - 1] != '\n' || report_parse(line, len - 1, &again) != 0 ||
	    again.kind != r.kind || again.pid != r.pid || again.t_us != r.t_us)
		abort();
	return 0;
}
