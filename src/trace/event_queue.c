/*
 * EventQueue: see event_queue.h. The ring doubles when full; the live
 * events are copied in order, so head is 0 after a growth.
 */
#include "trace/event_queue.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

void EventQueue_init(EventQueue *q)
{
	memset(q, 0, sizeof *q);
}

void EventQueue_done(EventQueue *q)
{
	free(q->ring);
	memset(q, 0, sizeof *q);
}

static void grow(EventQueue *q)
{
	size_t cap = q->cap ? q->cap * 2 : 64;
	Event *ring = xreallocarray(NULL, cap, sizeof *ring);

	for (size_t i = 0; i < q->count; i++)
		ring[i] = q->ring[(q->head + i) & (q->cap - 1)];
	free(q->ring);
	q->ring = ring;
	q->cap = cap;
	q->head = 0;
}

void EventQueue_push(EventQueue *q, const Event *ev)
{
	if (q->count == q->cap)
		grow(q);
	q->ring[(q->head + q->count) & (q->cap - 1)] = *ev;
	q->count++;
}

bool EventQueue_pop(EventQueue *q, Event *ev)
{
	if (q->count == 0)
		return false;
	*ev = q->ring[q->head];
	q->head = (q->head + 1) & (q->cap - 1);
	q->count--;
	return true;
}

void EventQueue_move_all(EventQueue *dst, EventQueue *src)
{
	Event ev;

	if (dst->count == 0) {
		/* The common case: hand the whole ring over. */
		EventQueue tmp = *dst;
		*dst = *src;
		*src = tmp;
		src->head = src->count = 0;
		return;
	}
	while (EventQueue_pop(src, &ev))
		EventQueue_push(dst, &ev);
}

void EventQueue_drop_pid(EventQueue *q, pid_t pid)
{
	size_t kept = 0;

	for (size_t i = 0; i < q->count; i++) {
		Event *ev = &q->ring[(q->head + i) & (q->cap - 1)];
		if (ev->pid != pid)
			q->ring[(q->head + kept++) & (q->cap - 1)] = *ev;
	}
	q->count = kept;
}
