/*
 * The /proc poller: see poller.h. A scan reads /proc/PID/stat of every pid
 * into a fresh table (pid -> PolledProc), decides which are followed, diffs
 * it against the previous table and swaps. A pid names the same process in
 * both tables only if its start time is the same too (pids are reused).
 */
#include "trace/poller.h"

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/xalloc.h"
#include "trace/event_queue.h"
#include "base/pidmap.h"
#include "probe/brief.h"
#include "probe/procfs.h"

typedef struct PolledProc {
	ProcBrief brief;
	bool followed;
	bool exit_seen;      /* seen as a zombie: its exit is already reported */
} PolledProc;

typedef struct Snapshot {
	PolledProc *procs;   /* owned */
	size_t count;
	PidMap index;        /* pid -> entry of procs */
} Snapshot;

struct Poller {
	pid_t root;
	int timerfd;
	bool scanned;        /* the baseline exists */
	Snapshot last;
	size_t followed;
	EventQueue queue;
};

static void Snapshot_done(Snapshot *s)
{
	free(s->procs);
	PidMap_done(&s->index);
	memset(s, 0, sizeof *s);
}

static void Snapshot_read(Snapshot *s)
{
	pid_t *pids = NULL;
	size_t n = 0;

	procfs_pids(0, &pids, &n);
	s->procs = xcalloc(n + 1, sizeof *s->procs);
	s->count = 0;
	PidMap_init(&s->index);
	for (size_t i = 0; i < n; i++) {
		PolledProc *pp = &s->procs[s->count];
		if (ProcBrief_read(pids[i], &pp->brief) == READ_OK)
			s->count++;
	}
	/* Index after the array stops moving. */
	for (size_t i = 0; i < s->count; i++)
		PidMap_put(&s->index, s->procs[i].brief.pid, &s->procs[i]);
	free(pids);
}

static PolledProc *same_process(const Snapshot *s, const PolledProc *pp)
{
	PolledProc *other = PidMap_get(&s->index, pp->brief.pid);

	return other != NULL && other->brief.start_ticks == pp->brief.start_ticks ? other : NULL;
}

/* Followed: root, what was followed before, and descendants of followed
 * processes (repeated until nothing changes: a child may be listed before
 * its parent). */
static size_t mark_followed(Poller *p, Snapshot *now)
{
	size_t followed = 0;
	bool grew = true;

	for (size_t i = 0; i < now->count; i++) {
		PolledProc *pp = &now->procs[i], *before = same_process(&p->last, pp);
		pp->followed = p->root == 0 || pp->brief.pid == p->root || (before != NULL && before->followed);
		if (before != NULL)
			pp->exit_seen = before->exit_seen;
	}
	while (grew) {
		grew = false;
		for (size_t i = 0; i < now->count; i++) {
			PolledProc *pp = &now->procs[i], *parent;
			if (pp->followed)
				continue;
			parent = PidMap_get(&now->index, pp->brief.ppid);
			if (parent != NULL && parent->followed)
				pp->followed = grew = true;
		}
	}
	for (size_t i = 0; i < now->count; i++)
		followed += now->procs[i].followed;
	return followed;
}

/* Did the process run another program in b than in a (its parent, or
 * itself at the last scan)? Its comm or its image tells (ProcImage). */
static bool other_program(const ProcBrief *a, const ProcBrief *b)
{
	return strcmp(a->comm, b->comm) != 0 || ProcImage_differs(&a->image, &b->image);
}

static void emit(Poller *p, EventKind kind, const ProcBrief *b, pid_t ppid, uint64_t t_us)
{
	Event ev = { .t_us = t_us, .kind = kind, .pid = b->pid, .ppid = ppid, .polled = true };

	snprintf(ev.comm, sizeof ev.comm, "%s", b->comm);
	if (kind == EV_EXIT)
		ev.status = -1;
	if (kind == EV_EXEC) {
		brief_exe(b->pid, ev.detail, sizeof ev.detail);
		brief_cmdline(b->pid, ev.argv, sizeof ev.argv);
	}
	EventQueue_push(&p->queue, &ev);
}

static int by_start(const void *a, const void *b)
{
	const PolledProc *x = *(PolledProc *const *)a, *y = *(PolledProc *const *)b;

	if (x->brief.start_ticks != y->brief.start_ticks)
		return x->brief.start_ticks < y->brief.start_ticks ? -1 : 1;
	return (x->brief.pid > y->brief.pid) - (x->brief.pid < y->brief.pid);
}

/* New processes, parents first (by start time). */
static void diff_births(Poller *p, Snapshot *now, uint64_t t_us)
{
	PolledProc **born = xcalloc(now->count + 1, sizeof *born);
	size_t n = 0;

	for (size_t i = 0; i < now->count; i++)
		if (now->procs[i].followed && same_process(&p->last, &now->procs[i]) == NULL)
			born[n++] = &now->procs[i];
	qsort(born, n, sizeof *born, by_start);
	for (size_t i = 0; i < n; i++) {
		const ProcBrief *b = &born[i]->brief;
		PolledProc *parent = PidMap_get(&now->index, b->ppid);

		emit(p, EV_FORK, b, b->ppid, t_us);
		/* Kernel threads are named at birth and renamed at will: no exec. */
		if (parent != NULL && !b->kthread && other_program(&parent->brief, b))
			emit(p, EV_EXEC, b, b->ppid, t_us); /* it became another program */
		if (b->state == 'Z') {
			emit(p, EV_EXIT, b, b->ppid, t_us);
			born[i]->exit_seen = true;
		}
	}
	free(born);
}

/* Changes to processes in both scans, and disappearances. */
static void diff_changes(Poller *p, Snapshot *now, uint64_t t_us)
{
	for (size_t i = 0; i < p->last.count; i++) {
		PolledProc *before = &p->last.procs[i], *after = same_process(now, before);
		const ProcBrief *b = &before->brief;

		if (!before->followed)
			continue;
		if (after == NULL) {
			if (!before->exit_seen)
				emit(p, EV_EXIT, b, b->ppid, t_us);
			emit(p, EV_REAP, b, b->ppid, t_us);
			continue;
		}
		/* Caught in the middle of an exec, a process has no image yet
		 * (all zeros, unknown): it keeps the last one known, so the next
		 * scan still sees the new image differ from the old. */
		if (!ProcImage_known(&after->brief.image) && ProcImage_known(&b->image) &&
		    strcmp(after->brief.comm, b->comm) == 0)
			after->brief.image = b->image;
		if (after->brief.ppid != b->ppid)
			emit(p, EV_REPARENT, &after->brief, after->brief.ppid, t_us);
		if (other_program(b, &after->brief) && after->brief.state != 'Z' && !b->kthread)
			emit(p, EV_EXEC, &after->brief, after->brief.ppid, t_us);
		if (after->brief.state == 'Z' && !after->exit_seen) {
			emit(p, EV_EXIT, &after->brief, after->brief.ppid, t_us);
			after->exit_seen = true;
		}
	}
}

void Poller_scan(Poller *p)
{
	Snapshot now = { 0 };
	uint64_t t_us = clock_now_us();

	Snapshot_read(&now);
	p->followed = mark_followed(p, &now);
	if (p->scanned) {
		diff_births(p, &now, t_us);
		diff_changes(p, &now, t_us);
	} else {
		for (size_t i = 0; i < now.count; i++)
			now.procs[i].exit_seen = now.procs[i].brief.state == 'Z';
	}
	Snapshot_done(&p->last);
	p->last = now;
	p->scanned = true;
}

Poller *Poller_open(pid_t root, int interval_ms)
{
	Poller *p;
	struct itimerspec its = { 0 };

	if (interval_ms < 1)
		interval_ms = 1;
	p = xcalloc(1, sizeof *p);
	p->root = root;
	EventQueue_init(&p->queue);
	PidMap_init(&p->last.index);
	p->timerfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (p->timerfd < 0) {
		int e = errno;
		Poller_close(p);
		errno = e;
		return NULL;
	}
	its.it_interval.tv_sec = interval_ms / 1000;
	its.it_interval.tv_nsec = (long)(interval_ms % 1000) * 1000000L;
	its.it_value = its.it_interval;
	timerfd_settime(p->timerfd, 0, &its, NULL);
	Poller_scan(p); /* the baseline */
	return p;
}

void Poller_close(Poller *p)
{
	if (p == NULL)
		return;
	if (p->timerfd >= 0)
		close(p->timerfd);
	Snapshot_done(&p->last);
	EventQueue_done(&p->queue);
	free(p);
}

int Poller_fd(const Poller *p)
{
	return p->timerfd;
}

int Poller_dispatch(Poller *p, int timeout_ms)
{
	uint64_t ticks;

	if (timeout_ms != 0 && p->queue.count == 0) {
		struct pollfd pfd = { .fd = p->timerfd, .events = POLLIN };
		if (poll(&pfd, 1, timeout_ms) < 0 && errno != EINTR)
			return -1;
	}
	if (read(p->timerfd, &ticks, sizeof ticks) == (ssize_t)sizeof ticks)
		Poller_scan(p);
	return (int)p->queue.count;
}

bool Poller_pop(Poller *p, Event *ev)
{
	return EventQueue_pop(&p->queue, ev);
}

size_t Poller_count(const Poller *p)
{
	return p->followed;
}
