/*
 * The process table through libproc2: the whole-table refresh a live tree
 * needs. Each refresh reads only what changes (stat: state, ppid, pgid, sid,
 * times); command line, exe and ids are read once per new process and again
 * after an exec (comm changed), a pid reuse (start time changed) or a change
 * of owner (the /proc/PID directory's uid or gid changed: setuid without
 * exec). Rows of processes not seen in a refresh are dropped from the
 * table; the model keeps ghosts, not this. Rows are sorted by pid.
 */
#ifndef FORKSCOPE_PROBE_PROCTABLE_H
#define FORKSCOPE_PROBE_PROCTABLE_H

#include <stddef.h>
#include <sys/types.h>

#include "probe/identity.h"

typedef struct ProcTable ProcTable;

/* What the last refresh did, for benchmarks and tests. */
typedef struct ProcTableStats {
	size_t rows;        /* processes in the table */
	size_t read_new;    /* identities read for pids not in the table before */
	size_t read_again;  /* identities read again: exec, pid reuse, owner change */
	size_t vanished;    /* listed by libproc2 but gone before their identity read */
} ProcTableStats;

ProcTable *ProcTable_new(void);
void ProcTable_delete(ProcTable *table);
/* Returns 0, or -1 with errno when libproc2 could not read /proc at all. */
int ProcTable_refresh(ProcTable *table);
size_t ProcTable_count(const ProcTable *table);
/* Borrowed pointers, valid until the next refresh. */
const ProcIdentity *ProcTable_at(const ProcTable *table, size_t i);
const ProcIdentity *ProcTable_find(const ProcTable *table, pid_t pid);
ProcTableStats ProcTable_stats(const ProcTable *table);

#endif
