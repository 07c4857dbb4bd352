/*
 * PidIndex: see pidindex.h. Slots hold (pid, value); pid 0 marks an empty
 * slot, pid -1 a tombstone. The table grows at 50% load (tombstones count),
 * so a probe always ends at an empty slot.
 */
#include "model/pidindex.h"

#include <stdint.h>
#include <stdlib.h>

#include "base/xalloc.h"

#define EMPTY 0
#define TOMB (-1)

typedef struct Slot {
	pid_t pid;
	long value;
} Slot;

struct PidIndex {
	Slot *slots;
	size_t cap;   /* a power of two */
	size_t used;  /* live + tombstones */
};

static size_t slot_of(pid_t pid, size_t cap)
{
	uint32_t h = (uint32_t)pid * 2654435761u; /* Knuth's multiplicative hash */
	return (size_t)h & (cap - 1);
}

PidIndex *PidIndex_new(void)
{
	PidIndex *ix = xcalloc(1, sizeof *ix);

	ix->cap = 256;
	ix->slots = xcalloc(ix->cap, sizeof *ix->slots);
	return ix;
}

void PidIndex_delete(PidIndex *ix)
{
	if (ix == NULL)
		return;
	free(ix->slots);
	free(ix);
}

void PidIndex_clear(PidIndex *ix)
{
	for (size_t i = 0; i < ix->cap; i++)
		ix->slots[i].pid = EMPTY;
	ix->used = 0;
}

static void grow(PidIndex *ix)
{
	Slot *old = ix->slots;
	size_t oldcap = ix->cap;

	ix->cap *= 2;
	ix->slots = xcalloc(ix->cap, sizeof *ix->slots);
	ix->used = 0;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].pid > 0)
			PidIndex_put(ix, old[i].pid, old[i].value);
	free(old);
}

void PidIndex_put(PidIndex *ix, pid_t pid, long value)
{
	size_t i, tomb = SIZE_MAX;

	if ((ix->used + 1) * 2 > ix->cap)
		grow(ix);
	for (i = slot_of(pid, ix->cap); ix->slots[i].pid != EMPTY; i = (i + 1) & (ix->cap - 1)) {
		if (ix->slots[i].pid == pid) {
			ix->slots[i].value = value;
			return;
		}
		if (ix->slots[i].pid == TOMB && tomb == SIZE_MAX)
			tomb = i;
	}
	if (tomb != SIZE_MAX)
		i = tomb;
	else
		ix->used++;
	ix->slots[i].pid = pid;
	ix->slots[i].value = value;
}

static long find_slot(const PidIndex *ix, pid_t pid)
{
	for (size_t i = slot_of(pid, ix->cap); ix->slots[i].pid != EMPTY; i = (i + 1) & (ix->cap - 1))
		if (ix->slots[i].pid == pid)
			return (long)i;
	return -1;
}

long PidIndex_get(const PidIndex *ix, pid_t pid)
{
	long i;

	if (pid <= 0)
		return -1;
	i = find_slot(ix, pid);
	return i < 0 ? -1 : ix->slots[i].value;
}

void PidIndex_remove(PidIndex *ix, pid_t pid)
{
	long i;

	if (pid <= 0 || (i = find_slot(ix, pid)) < 0)
		return;
	ix->slots[i].pid = TOMB;
}
