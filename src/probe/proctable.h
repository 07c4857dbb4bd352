/*
 * The process table: the whole-table refresh a live tree needs. Each
 * refresh reads only what changes (stat: state, ppid, pgid, sid, times,
 * through files held open between refreshes); libproc2 reads a process
 * when it is first seen, and command line, exe and ids are read once per
 * new process and again after an exec (comm changed), a pid reuse (the
 * held process was reaped, or the start time changed) or a change of owner
 * (the /proc/PID directory's uid or gid changed: setuid without exec). Rows
 * of processes not seen in a refresh are dropped from the table and their
 * files closed; the model keeps ghosts, not this. Rows are sorted by pid.
 * A table holds two descriptors per process up to a budget taken from
 * RLIMIT_NOFILE (see statcache.h) and reads the rest by path.
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
	size_t vanished;    /* listed in /proc but gone before they were read */
	size_t held;        /* processes whose stat is held open */
	size_t parsed;      /* known processes whose stat text changed and was parsed */
} ProcTableStats;

ProcTable *ProcTable_new(void);
void ProcTable_delete(ProcTable *table);
/* Returns 0, or -1 with errno when /proc could not be listed or libproc2
 * could not be asked about new processes; the table is then unchanged. */
int ProcTable_refresh(ProcTable *table);
size_t ProcTable_count(const ProcTable *table);
/* Borrowed pointers, valid until the next refresh. */
const ProcIdentity *ProcTable_at(const ProcTable *table, size_t i);
const ProcIdentity *ProcTable_find(const ProcTable *table, pid_t pid);
ProcTableStats ProcTable_stats(const ProcTable *table);
/* How many threads may read new processes' identities (identity_batch.h):
 * 0, the default, is one per online CPU; 1 reads them all in the caller. */
void ProcTable_set_threads(ProcTable *table, unsigned threads);

#endif
