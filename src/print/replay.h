/* forkscope --batch --replay FILE: a recording printed as the live --batch printed it. */
#ifndef FORKSCOPE_PRINT_REPLAY_H
#define FORKSCOPE_PRINT_REPLAY_H

#include <stdbool.h>

typedef struct ReplayOptions {
	const char *path;         /* the recording */
	bool json;                /* JSON lines, as --batch --json */
	bool stable;              /* no times */
	const char *export_trace; /* also its Chrome trace; NULL none */
} ReplayOptions;

/* Prints every event of the recording, one line (or JSON object) each,
 * with the times the live run printed. 0, or 1 with a message on stderr
 * (a recording that cannot be read names its file and line). */
int replay_batch(const ReplayOptions *opt);

#endif
