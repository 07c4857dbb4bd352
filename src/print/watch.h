/*
 * forkscope --batch watching: a command, a running process tree, or the
 * whole machine, with no terminal: one line (or one JSON object) per event
 * as it happens. The sources, their fallbacks and what is started or
 * attached are the live engine's (live/watch.h), the same as the screen's;
 * the output says which source is in use in a "note" line first. Whatever
 * is left of a started command when watching ends (a signal, --duration)
 * is killed: a command never outlives forkscope. A watched -p PID is
 * detached and left running.
 */
#ifndef FORKSCOPE_PRINT_WATCH_H
#define FORKSCOPE_PRINT_WATCH_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "live/watch.h"

typedef struct WatchOptions {
	char *const *command;   /* -- CMD ARGS..., NULL-terminated; NULL for pid or system */
	pid_t pid;              /* -p PID; 0 none */
	bool system;            /* --system */
	WatchSource source;     /* --events= */
	double duration_s;      /* --duration; 0: until the subtree is gone (forever for --system) */
	bool json;              /* JSON lines instead of text */
	bool stable;            /* no times in the output (documents, tests) */
	int poll_interval_ms;   /* poll source: 0 means 100 */
	FILE *out;              /* borrowed; NULL: stdout */
	const char *export_trace; /* --export-trace FILE: the session's Chrome trace, written at the end; NULL none */
	const char *record;     /* --record FILE: the session as a recording, written as it goes; NULL none */
	BreakList *breaks;      /* borrowed: --break; NULL none (ptrace only) */
	double break_hold_s;    /* --break-hold: a process held at a breakpoint is
	                         * released this long after its state was printed */
} WatchOptions;

/* Watches until done. Returns the command's exit status as a shell reports
 * it (its code, or 128 + the signal that killed it; 127 when it could not
 * be started); 0 after watching a PID or the system; 1 when the watch could
 * not start (a message on stderr says why); 128 + signo when a signal ended
 * the watch before the command ended; 1 when the trace could not be written
 * (the message says why) and nothing else went wrong. */
int watch_batch(const WatchOptions *opt);

#endif
