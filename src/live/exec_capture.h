/*
 * What each exec received, captured while the process waits at its exec
 * stop: the tracer calls ExecCapture_event for every EV_EXEC (the process
 * stopped) and EV_EXEC_FAILED before queueing it. The record goes into the
 * ExecLog and the event carries its id. The failed attempts of a process
 * wait here until its next exec that works, and join that record.
 *
 * With a snapshot store, every event whose processes the tracer stops
 * (fork, vfork and clone: parent and child; exec; exit; a signal; a
 * vfork's end) also leaves a snapshot of them read at that stop: what the
 * detail panes show when the screen looks back at that event.
 *
 * The environment before the exec: the process's own previous record, else
 * its parent's, else its parent's environment read now (the block its last
 * exec got; setenv in the parent after that is not seen there).
 */
#ifndef FORKSCOPE_LIVE_EXEC_CAPTURE_H
#define FORKSCOPE_LIVE_EXEC_CAPTURE_H

#include <stddef.h>
#include <stdint.h>

#include "model/execlog.h"
#include "model/snapshot.h"
#include "trace/event.h"

typedef struct PendingAttempts PendingAttempts;

/* The environment of a parent with no record of its own (it was there
 * before forkscope): read once, not at each of its children's execs. */
typedef struct ParentEnv {
	pid_t pid;                 /* 0: free */
	char **env;                /* owned */
} ParentEnv;
enum { PARENT_ENVS = 8 };

typedef struct ExecCapture {
	ExecLog *log;              /* borrowed */
	SnapshotStore *snaps;      /* borrowed; NULL or a cap of 0: no snapshots */
	PendingAttempts *pending;  /* owned */
	size_t npending, pending_cap;
	ParentEnv parents[PARENT_ENVS];
	size_t next_parent;        /* the slot to take next, round robin */
} ExecCapture;

void ExecCapture_init(ExecCapture *c, ExecLog *log);
void ExecCapture_done(ExecCapture *c);
/* For the tracer's hook (every event): ctx is an ExecCapture. Sets
 * ev->record for an exec; takes the snapshots. */
void ExecCapture_event(void *ctx, Event *ev);
/* A snapshot of pid (parent 0: the one /proc names) as it is now, filed at
 * the event (t_us, kind): for a moment the caller knows is quiet (a
 * scenario's step boundary). Nothing without a store. */
void ExecCapture_snapshot(ExecCapture *c, pid_t pid, pid_t parent, uint64_t t_us, EventKind kind);
/* A record read after the event (the connector): late, and said so. */
void ExecCapture_late(ExecCapture *c, Event *ev);

#endif
