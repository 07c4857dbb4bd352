/*
 * The exec records of a session (probe/execrec.h), newest last, each named
 * by an id that the EV_EXEC event carries (Event.record). The log is
 * bounded: past its capacity the oldest record goes, and an event whose
 * record went finds none.
 */
#ifndef FORKSCOPE_MODEL_EXECLOG_H
#define FORKSCOPE_MODEL_EXECLOG_H

#include <stddef.h>
#include <stdint.h>

#include "base/pidmap.h"
#include "probe/execrec.h"

typedef struct ExecLog {
	ExecRecord *v;        /* owned, oldest first */
	size_t n, cap;
	uint32_t first_id;    /* the id of v[0]; ids are consecutive */
	PidMap last;          /* pid -> the id of its newest record (it may have gone) */
} ExecLog;

#define EXECLOG_DEFAULT_CAP 4000

void ExecLog_init(ExecLog *log, size_t cap);
void ExecLog_done(ExecLog *log);
/* Takes the record (it is left empty) and returns its id, never 0. */
uint32_t ExecLog_add(ExecLog *log, ExecRecord *rec);
/* NULL when the id is 0 or its record is gone. */
const ExecRecord *ExecLog_find(const ExecLog *log, uint32_t id);
/* The newest record of pid, or NULL. */
const ExecRecord *ExecLog_last_of(const ExecLog *log, pid_t pid);

#endif
