/* The snapshot store: see snapshot.h. */
#include "model/snapshot.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "model/session.h"

void SnapshotStore_init(SnapshotStore *st, size_t cap_bytes)
{
	memset(st, 0, sizeof *st);
	st->cap_bytes = cap_bytes;
}

static Snapshot *at(const SnapshotStore *st, size_t i)
{
	return &st->v[(st->first + i) % st->cap];
}

static void drop_oldest(SnapshotStore *st)
{
	Snapshot *s = at(st, 0);

	Focus_done(s->focus);
	free(s->focus);
	st->bytes -= s->bytes;
	st->first = (st->first + 1) % st->cap;
	st->n--;
	st->dropped++;
}

void SnapshotStore_done(SnapshotStore *st)
{
	while (st->n > 0)
		drop_oldest(st);
	free(st->v);
	memset(st, 0, sizeof *st);
}

/* Room for one more: the ring doubles, its order kept. */
static void grow(SnapshotStore *st)
{
	size_t cap = st->cap ? st->cap * 2 : 64;
	Snapshot *v = xcalloc(cap, sizeof *v);

	for (size_t i = 0; i < st->n; i++)
		v[i] = *at(st, i);
	free(st->v);
	st->v = v;
	st->cap = cap;
	st->first = 0;
}

void SnapshotStore_add(SnapshotStore *st, pid_t pid, uint64_t t_us, EventKind kind, Focus *focus)
{
	size_t bytes = Focus_bytes(focus) + sizeof(Snapshot);

	if (bytes > st->cap_bytes) {
		/* No room at all (a cap of 0, or one reading larger than it). */
		Focus_done(focus);
		free(focus);
		st->dropped++;
		return;
	}
	while (st->n > 0 && st->bytes + bytes > st->cap_bytes)
		drop_oldest(st);
	if (st->n == st->cap)
		grow(st);
	*at(st, st->n) = (Snapshot){ .pid = pid, .t_us = t_us, .kind = kind, .focus = focus,
				     .bytes = bytes };
	st->n++;
	st->bytes += bytes;
	st->taken++;
}

const Snapshot *SnapshotStore_find(const SnapshotStore *st, pid_t pid, uint64_t t_us)
{
	/* Newest first: the snapshots are in the order of their events. */
	for (size_t i = st->n; i-- > 0;) {
		const Snapshot *s = at(st, i);
		if (s->pid == pid && s->t_us <= t_us)
			return s;
	}
	return NULL;
}

size_t SnapshotStore_count(const SnapshotStore *st)
{
	return st->n;
}
