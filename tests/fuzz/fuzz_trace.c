/* libFuzzer target: the trace part's parsers — the proc connector's
 * datagram decoder (with its per-CPU sequence state carried across inputs,
 * as a socket's is) and the /proc/PID/stat brief the tracer and poller read. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "trace/cn_decode.h"
#include "probe/brief.h"
#include "probe/procfs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static CnSequence seq;
	static int started;
	EventQueue q;
	ProcBrief brief;
	char *text = malloc(size + 1);

	if (!started) {
		CnSequence_init(&seq);
		started = 1;
	}
	EventQueue_init(&q);
	cn_decode(data, size, &seq, &q);
	EventQueue_done(&q);
	memcpy(text, data, size);
	text[size] = '\0';
	ProcBrief_parse(text, size, &brief);
	free(text);
	return 0;
}
