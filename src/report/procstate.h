/*
 * The state of one process at a step, as scenario batch output shows it:
 * its tree row, memory totals, FD table and signal sets. Text for people,
 * JSON for scripts and tests; what could not be read says so.
 */
#ifndef FORKSCOPE_REPORT_PROCSTATE_H
#define FORKSCOPE_REPORT_PROCSTATE_H

#include <json-c/json.h>
#include <stdio.h>

#include "model/session.h"
#include "probe/detail.h"

/* Maps pids to the values printed (stable mode replaces them). */
typedef int (*PidMapper)(void *ctx, pid_t pid);

typedef struct ProcState {
	const ProcRecord *record;  /* borrowed */
	ProcDetail detail;         /* owned: what the probe read at this instant */
} ProcState;

/* Reads the parts batch output shows (no mappings). */
void ProcState_read(ProcState *ps, const ProcRecord *record);
void ProcState_done(ProcState *ps);

void ProcState_print_text(FILE *out, const ProcState *ps, PidMapper map, void *ctx);
json_object *ProcState_json(const ProcState *ps, PidMapper map, void *ctx);

/* JSON array of signal names in a mask. */
json_object *sigmask_json(uint64_t mask);

#endif
