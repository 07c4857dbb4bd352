/*
 * The one place a program is started under the tracer, for the runner (a
 * scenario's demo, a command on the screen) and for the live engine (a
 * command watched in batch): a Tracer, its exec hook feeding capture, and
 * the spawn. Every event source forkscope opens is opened in src/live.
 */
#ifndef FORKSCOPE_LIVE_SPAWN_H
#define FORKSCOPE_LIVE_SPAWN_H

#include <sys/types.h>

#include "live/breakpoint.h"
#include "live/exec_capture.h"
#include "trace/tracer.h"

/* 0 with *tracer (owned by the caller) and *pid set, or -errno with
 * *tracer NULL: nothing is left of a spawn that failed. capture may be
 * NULL (no exec records); breaks (borrowed) may be NULL (none), else they
 * are asked from the first exec on, the program's own included. */
int live_spawn_traced(const TracerSpawn *spec, ExecCapture *capture, BreakList *breaks,
		      Tracer **tracer, pid_t *pid);
/* Installs breaks (borrowed; NULL: none) as t's break callback; the
 * exec records come from capture's log when there is one. */
void live_set_breaks(Tracer *t, ExecCapture *capture, BreakList *breaks);

#endif
