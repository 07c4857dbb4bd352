/*
 * forkscope --batch watching: a command, a running process tree, or the
 * whole machine, with no terminal — one line (or one JSON object) per event
 * as it happens, from the chosen event source:
 *
 *   ptrace     exact, every process of the subtree (a command, or -p PID
 *              where attaching is permitted); the default for both
 *   connector  the kernel's proc connector: the whole machine (--system,
 *              its default) or filtered to the subtree; lighter than ptrace
 *              for heavy commands, no holds, fork and vfork not told apart
 *   poll       /proc scans: approximate, the last resort
 *
 * A source that is refused falls back to the next one (ptrace attach ->
 * connector -> poll) and the output says so in a "note" line first. With a
 * command, forkscope is a child subreaper while it watches, so orphans of
 * the command come back to it and are reaped and reported; whatever is
 * left when watching ends (a signal, --duration) is killed: a command never
 * outlives forkscope. A watched -p PID is detached and left running.
 */
#ifndef FORKSCOPE_REPORT_WATCH_H
#define FORKSCOPE_REPORT_WATCH_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

typedef enum WatchSource {
	WATCH_AUTO = 0,   /* ptrace for a command or PID, connector for --system */
	WATCH_PTRACE,
	WATCH_CONNECTOR,
	WATCH_POLL,
} WatchSource;

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
} WatchOptions;

/* "ptrace", "connector", "poll"; NULL or "" is WATCH_AUTO. -1 when unknown. */
int watch_source_parse(const char *name, WatchSource *out);
const char *WatchSource_name(WatchSource source);

/* Watches until done. Returns the command's exit status as a shell reports
 * it (its code, or 128 + the signal that killed it; 127 when it could not
 * be started); 0 after watching a PID or the system; 1 when the watch could
 * not start (a message on stderr says why); 128 + signo when a signal ended
 * the watch before the command ended. */
int watch_batch(const WatchOptions *opt);

#endif
