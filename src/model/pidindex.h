/*
 * pid -> record index, an open-addressing hash table with linear probing
 * and tombstones. The session keeps thousands of records under --system;
 * a linear search per event would cost O(n) on every fork of a storm.
 */
#ifndef FORKSCOPE_MODEL_PIDINDEX_H
#define FORKSCOPE_MODEL_PIDINDEX_H

#include <sys/types.h>

typedef struct PidIndex PidIndex;

PidIndex *PidIndex_new(void);
void PidIndex_delete(PidIndex *ix);
void PidIndex_clear(PidIndex *ix);
/* Sets pid's value (value >= 0). */
void PidIndex_put(PidIndex *ix, pid_t pid, long value);
/* The value, or -1. */
long PidIndex_get(const PidIndex *ix, pid_t pid);
void PidIndex_remove(PidIndex *ix, pid_t pid);

#endif
