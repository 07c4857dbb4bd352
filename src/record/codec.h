/*
 * A recording's objects as JSON (json-c): an event with every field, a
 * snapshot with everything its Focus holds, and an exec record, so that a
 * replay shows what the live screen showed. Pure: no files, no /proc.
 */
#ifndef FORKSCOPE_RECORD_CODEC_H
#define FORKSCOPE_RECORD_CODEC_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/session.h"
#include "model/snapshot.h"
#include "trace/event.h"

/* {"type": "event", "kind": "fork", "t_us": ..., ...}; the caller puts it. */
json_object *record_event_json(const Event *ev);
/* false when j is no event (no kind, or a kind this version does not know). */
bool record_event_read(json_object *j, Event *ev);

json_object *record_snapshot_json(const Snapshot *snap);
/* The snapshot's pid, time, kind and a Focus the caller owns; false when
 * j is not one. */
bool record_snapshot_read(json_object *j, pid_t *pid, uint64_t *t_us, EventKind *kind,
			  Focus **focus);

/* An exec record (what the exec received) under its id in the session's
 * ExecLog, which its EV_EXEC event names. */
json_object *record_exec_json(uint32_t id, const ExecRecord *rec);
/* false when j is not one; else rec is the caller's (ExecRecord_done). */
bool record_exec_read(json_object *j, uint32_t *id, ExecRecord *rec);

#endif
