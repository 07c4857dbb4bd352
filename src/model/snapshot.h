/*
 * The snapshot store: what the detail panes would have shown of a process
 * at an event, read while the tracer held it there (a Focus: the process
 * and its parent in full, the page map of the default mapping, FD
 * sharing). Looking back at event K (the screen's time cursor), the panes
 * show the newest snapshot of the selected process taken at or before K.
 *
 * Bounded: past cap_bytes the oldest snapshots are dropped (and counted),
 * so a long watch keeps the recent past. A cap of 0 takes none.
 */
#ifndef FORKSCOPE_MODEL_SNAPSHOT_H
#define FORKSCOPE_MODEL_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "trace/event.h"

struct Focus;

typedef struct Snapshot {
	pid_t pid;
	uint64_t t_us;            /* the event's time */
	EventKind kind;           /* the event it was taken at */
	struct Focus *focus;      /* owned */
	size_t bytes;             /* Focus_bytes, counted against the cap */
} Snapshot;

typedef struct SnapshotStore {
	Snapshot *v;              /* owned ring: n from first, oldest first */
	size_t first, n, cap;
	size_t bytes, cap_bytes;
	size_t dropped;           /* dropped for the cap since the start */
	size_t taken;             /* every snapshot ever added */
} SnapshotStore;

/* Default cap: a full scenario's every event many times over. */
#define SNAPSHOT_CAP_MIB_DEFAULT 32

void SnapshotStore_init(SnapshotStore *st, size_t cap_bytes);
void SnapshotStore_done(SnapshotStore *st);
/* Takes focus (owned from now on) as pid's state at the event (t_us, kind). */
void SnapshotStore_add(SnapshotStore *st, pid_t pid, uint64_t t_us, EventKind kind,
		       struct Focus *focus);
/* The newest snapshot of pid taken at or before t_us; NULL: none kept. */
const Snapshot *SnapshotStore_find(const SnapshotStore *st, pid_t pid, uint64_t t_us);
size_t SnapshotStore_count(const SnapshotStore *st);

#endif
