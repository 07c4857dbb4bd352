/*
 * PidMap: pid -> borrowed pointer, an open-addressing hash table with linear
 * probing and backward-shift deletion (no tombstones, so a storm of births
 * and deaths never degrades it). The trace sources keep one per set of
 * processes they follow; pids are reused, so callers remove a pid when its
 * process is gone. Values are not owned.
 */
#ifndef FORKSCOPE_BASE_PIDMAP_H
#define FORKSCOPE_BASE_PIDMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct PidMap {
	pid_t *keys;     /* 0 = empty slot */
	void **values;
	size_t cap;      /* a power of two */
	size_t count;
} PidMap;

void PidMap_init(PidMap *m);
void PidMap_done(PidMap *m);
void PidMap_clear(PidMap *m);
/* Sets pid's value (pid > 0, value not NULL), replacing any old one. */
void PidMap_put(PidMap *m, pid_t pid, void *value);
/* The value, or NULL. */
void *PidMap_get(const PidMap *m, pid_t pid);
bool PidMap_has(const PidMap *m, pid_t pid);
/* Removes pid; returns its old value or NULL. */
void *PidMap_remove(PidMap *m, pid_t pid);
static inline size_t PidMap_count(const PidMap *m)
{
	return m->count;
}
/* Iteration: slot indices 0..cap-1; *pid is 0 for an empty slot. Removing
 * during iteration may move later entries: collect first, then remove. */
static inline size_t PidMap_capacity(const PidMap *m)
{
	return m->cap;
}
void *PidMap_slot(const PidMap *m, size_t i, pid_t *pid);

#endif
