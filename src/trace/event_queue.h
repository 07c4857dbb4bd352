/*
 * EventQueue: a first-in first-out ring of Event values that grows as
 * needed. Every event source queues what it saw here and hands it out
 * oldest first. Not thread-safe: the connector guards its shared one.
 */
#ifndef FORKSCOPE_TRACE_EVENT_QUEUE_H
#define FORKSCOPE_TRACE_EVENT_QUEUE_H

#include <stdbool.h>
#include <stddef.h>

#include "trace/event.h"

typedef struct EventQueue {
	Event *ring;     /* owned */
	size_t cap;      /* a power of two, or 0 before the first push */
	size_t head;     /* index of the oldest event */
	size_t count;
} EventQueue;

void EventQueue_init(EventQueue *q);
void EventQueue_done(EventQueue *q);
void EventQueue_push(EventQueue *q, const Event *ev);
bool EventQueue_pop(EventQueue *q, Event *ev);
static inline size_t EventQueue_count(const EventQueue *q)
{
	return q->count;
}
/* Moves every event of src to the end of dst, oldest first. */
void EventQueue_move_all(EventQueue *dst, EventQueue *src);
/* Drops the queued events of pid (a spawn that failed leaves none behind). */
void EventQueue_drop_pid(EventQueue *q, pid_t pid);

#endif
