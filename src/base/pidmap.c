/*
 * PidMap: see pidmap.h. Load stays at most 1/2, so every probe ends at an
 * empty slot within a few steps. Deletion shifts the following run of the
 * cluster back into the hole when their home slot allows it (Knuth's
 * algorithm R), which keeps lookups correct without tombstones.
 */
#include "base/pidmap.h"

#include <stdint.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "base/xalloc.h"

#define MIN_CAP 64

static size_t home_of(pid_t pid, size_t cap)
{
	uint32_t h = (uint32_t)pid * 2654435761u; /* Knuth's multiplicative hash */
	return (size_t)(h ^ (h >> 16)) & (cap - 1);
}

void PidMap_init(PidMap *m)
{
	m->cap = MIN_CAP;
	m->count = 0;
	m->keys = xcalloc(m->cap, sizeof *m->keys);
	m->values = xcalloc(m->cap, sizeof *m->values);
}

void PidMap_done(PidMap *m)
{
	free(m->keys);
	free(m->values);
	m->keys = NULL;
	m->values = NULL;
	m->cap = m->count = 0;
}

void PidMap_clear(PidMap *m)
{
	for (size_t i = 0; i < m->cap; i++) {
		m->keys[i] = 0;
		m->values[i] = NULL;
	}
	m->count = 0;
}

static size_t find_slot(const PidMap *m, pid_t pid)
{
	size_t i = home_of(pid, m->cap);

	while (m->keys[i] != 0 && m->keys[i] != pid)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void grow(PidMap *m)
{
	PidMap bigger = {
		.cap = m->cap * 2,
		.keys = xcalloc(m->cap * 2, sizeof *m->keys),
		.values = xcalloc(m->cap * 2, sizeof *m->values),
	};

	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i] != 0)
			PidMap_put(&bigger, m->keys[i], m->values[i]);
	PidMap_done(m);
	*m = bigger;
}

void PidMap_put(PidMap *m, pid_t pid, void *value)
{
	size_t i;

	if (pid <= 0 || value == NULL)
		/* TRANSLATORS: a bug in forkscope, should it ever show; PidMap_put
		 * is the name of a function. */
		fatal(_("PidMap_put: bad entry (pid %d)"), (int)pid);
	if ((m->count + 1) * 2 > m->cap)
		grow(m);
	i = find_slot(m, pid);
	if (m->keys[i] == 0) {
		m->keys[i] = pid;
		m->count++;
	}
	m->values[i] = value;
}

void *PidMap_get(const PidMap *m, pid_t pid)
{
	size_t i;

	if (pid <= 0 || m->cap == 0)
		return NULL;
	i = find_slot(m, pid);
	return m->keys[i] == pid ? m->values[i] : NULL;
}

bool PidMap_has(const PidMap *m, pid_t pid)
{
	return PidMap_get(m, pid) != NULL;
}

/* Is home h outside the cyclic range (hole, j]? Then the entry at j may
 * move back into the hole without becoming unreachable. */
static bool may_fill(size_t hole, size_t j, size_t h)
{
	if (hole <= j)
		return h <= hole || h > j;
	return h <= hole && h > j;
}

void *PidMap_remove(PidMap *m, pid_t pid)
{
	size_t hole, j;
	void *old;

	if (pid <= 0 || m->cap == 0)
		return NULL;
	hole = find_slot(m, pid);
	if (m->keys[hole] != pid)
		return NULL;
	old = m->values[hole];
	j = hole;
	for (;;) {
		j = (j + 1) & (m->cap - 1);
		if (m->keys[j] == 0)
			break;
		if (may_fill(hole, j, home_of(m->keys[j], m->cap))) {
			m->keys[hole] = m->keys[j];
			m->values[hole] = m->values[j];
			hole = j;
		}
	}
	m->keys[hole] = 0;
	m->values[hole] = NULL;
	m->count--;
	return old;
}

void *PidMap_slot(const PidMap *m, size_t i, pid_t *pid)
{
	*pid = m->keys[i];
	return m->values[i];
}
