/*
 * The state of one process at a step, as scenario batch output shows it:
 * its tree row, program and directory (exe, cwd), scheduling, memory
 * totals, FD table, signal sets and environment (what differs from the
 * parent's). Text for people, JSON for scripts and tests; what could not be
 * read says so.
 */
#ifndef FORKSCOPE_PRINT_PROCSTATE_H
#define FORKSCOPE_PRINT_PROCSTATE_H

#include <json-c/json.h>
#include <stdio.h>

#include "model/session.h"
#include "probe/detail.h"

/* Maps pids to the values printed (stable mode replaces them). */
typedef int (*PidMapper)(void *ctx, pid_t pid);

typedef struct ProcState {
	const ProcRecord *record;  /* borrowed */
	ProcDetail detail;         /* owned: what the probe read at this instant */
	pid_t parent;              /* the parent the environment is compared with, 0: none */
	ReadState parent_environ_state;
	char **parent_environ;     /* owned, when parent_environ_state == READ_OK */
} ProcState;

/* Reads the parts batch output shows (no mappings), and the parent's
 * environment unless the parent is forkscope itself (the session's root:
 * the screen compares it with nothing either). */
void ProcState_read(ProcState *ps, const ProcRecord *record);
void ProcState_done(ProcState *ps);

void ProcState_print_text(FILE *out, const ProcState *ps, PidMapper map, void *ctx);
json_object *ProcState_json(const ProcState *ps, PidMapper map, void *ctx);


#endif
