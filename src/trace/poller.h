/*
 * /proc polling, the source of last resort when neither ptrace nor the proc
 * connector is allowed: successive scans of /proc are compared and the
 * differences become synthetic events, every one marked polled (Event.polled)
 * because it is approximate: its time is the scan's, a process that lived
 * and died between two scans is never seen, an exec is inferred from a
 * changed comm or program image (or a child whose comm or image differs
 * from its parent's; the image is only shown for processes this one may
 * ptrace, see ProcImage), and exit statuses are unknown (-1). A zombie seen is an exit; its disappearance is
 * the reap, by its last known parent.
 *
 * The first scan is the baseline and makes no events. A process is followed
 * when it is root or descends from a followed one (root 0: every process).
 */
#ifndef FORKSCOPE_TRACE_POLLER_H
#define FORKSCOPE_TRACE_POLLER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "trace/event.h"

typedef struct Poller Poller;

/* NULL with errno when the timer cannot be made. interval_ms >= 1. */
Poller *Poller_open(pid_t root, int interval_ms);
void Poller_close(Poller *p);

/* A timerfd: readable when the next scan is due. */
int Poller_fd(const Poller *p);
/* Scans if a scan is due, waiting up to timeout_ms for it (0: no wait, -1:
 * until it is due). Returns the events ready to pop, -1 on error. */
int Poller_dispatch(Poller *p, int timeout_ms);
bool Poller_pop(Poller *p, Event *ev);
/* Scans now (a rescan after the connector lost events). */
void Poller_scan(Poller *p);
/* Processes followed as of the last scan. */
size_t Poller_count(const Poller *p);

#endif
