/*
 * The process table through libproc2: the whole-table refresh a live tree
 * needs. Each refresh reads only what changes (stat: state, ppid, pgid, sid,
 * times); command line, exe and ids are read once per new process and again
 * after an exec (start time or comm changed). Rows of processes not seen in
 * a refresh are dropped from the table; the model keeps ghosts, not this.
 */
#ifndef FORKSCOPE_PROBE_PROCTABLE_H
#define FORKSCOPE_PROBE_PROCTABLE_H

#include <stddef.h>
#include <sys/types.h>

#include "probe/identity.h"

typedef struct ProcTable ProcTable;

ProcTable *ProcTable_new(void);
void ProcTable_delete(ProcTable *table);
/* Returns 0, or -1 with errno when libproc2 could not read /proc at all. */
int ProcTable_refresh(ProcTable *table);
size_t ProcTable_count(const ProcTable *table);
/* Borrowed pointers, valid until the next refresh. */
const ProcIdentity *ProcTable_at(const ProcTable *table, size_t i);
const ProcIdentity *ProcTable_find(const ProcTable *table, pid_t pid);

#endif
