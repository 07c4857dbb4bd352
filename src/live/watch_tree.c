/*
 * WatchTree: see watch_tree.h. A rescan or the initial read walks /proc
 * once: pid -> parent for every process, then follows descendants of what
 * is followed until nothing changes (a child may be listed before its
 * parent).
 */
#include "live/watch_tree.h"

#include <signal.h>
#include <stdlib.h>

#include "base/xalloc.h"
#include "probe/brief.h"
#include "probe/procfs.h"

typedef struct WatchProc {
	pid_t ppid;
} WatchProc;

static uintptr_t kids_of(const WatchTree *t, pid_t pid)
{
	return (uintptr_t)PidMap_get(&t->kids, pid);
}

static void kids_add(WatchTree *t, pid_t pid, int delta)
{
	uintptr_t n = kids_of(t, pid);

	if (pid <= 0 || (delta < 0 && n == 0))
		return;
	n = delta > 0 ? n + 1 : n - 1;
	if (n == 0)
		PidMap_remove(&t->kids, pid);
	else
		PidMap_put(&t->kids, pid, (void *)n);
}

size_t WatchTree_orphans(WatchTree *t, pid_t exited, uint64_t t_us, Event *out, size_t max)
{
	size_t cap = PidMap_capacity(&t->procs), n = 0;

	/* Most processes end without children: no walk of the machine then. */
	if (kids_of(t, exited) == 0)
		return 0;
	for (size_t i = 0; i < cap && n < max; i++) {
		pid_t pid;
		WatchProc *p = PidMap_slot(&t->procs, i, &pid);
		ProcBrief brief;

		if (pid == 0 || p->ppid != exited || ProcBrief_read(pid, &brief) != READ_OK ||
		    brief.ppid == exited)
			continue;
		kids_add(t, p->ppid, -1);
		kids_add(t, brief.ppid, +1);
		p->ppid = brief.ppid;
		out[n++] = (Event){ .t_us = t_us, .kind = EV_REPARENT, .pid = pid, .ppid = brief.ppid };
	}
	return n;
}

void WatchTree_follow(WatchTree *t, pid_t pid, pid_t ppid)
{
	WatchProc *p = PidMap_get(&t->procs, pid);

	if (p == NULL) {
		p = xcalloc(1, sizeof *p);
		PidMap_put(&t->procs, pid, p);
	} else if (p->ppid == ppid) {
		return;
	} else {
		kids_add(t, p->ppid, -1);
	}
	p->ppid = ppid;
	kids_add(t, ppid, +1);
}

static void forget(WatchTree *t, pid_t pid)
{
	WatchProc *p = PidMap_remove(&t->procs, pid);

	if (p != NULL)
		kids_add(t, p->ppid, -1);
	free(p);
}

/* Reads /proc and follows what belongs (everything when not filtering);
 * with forget_gone, drops followed processes /proc no longer has. */
static void read_proc(WatchTree *t, bool forget_gone)
{
	pid_t *pids = NULL, *ppids;
	size_t n = 0;
	bool grew = true;
	PidMap present;

	if (procfs_pids(0, &pids, &n) != READ_OK)
		return;
	ppids = xcalloc(n + 1, sizeof *ppids);
	PidMap_init(&present);
	for (size_t i = 0; i < n; i++) {
		ProcBrief b;
		if (ProcBrief_read(pids[i], &b) == READ_OK) {
			ppids[i] = b.ppid;
			PidMap_put(&present, pids[i], &present);
		}
	}
	while (grew) {
		grew = false;
		for (size_t i = 0; i < n; i++) {
			if (ppids[i] == 0 && pids[i] != 1 && pids[i] != 2)
				continue; /* gone while reading */
			if (PidMap_has(&t->procs, pids[i]) || (t->filter && !PidMap_has(&t->procs, ppids[i])))
				continue;
			WatchTree_follow(t, pids[i], ppids[i]);
			grew = t->filter;
		}
	}
	if (forget_gone) {
		pid_t *gone = xcalloc(PidMap_count(&t->procs) + 1, sizeof *gone);
		size_t ngone = 0;
		for (size_t i = 0; i < PidMap_capacity(&t->procs); i++) {
			pid_t pid;
			PidMap_slot(&t->procs, i, &pid);
			if (pid != 0 && !PidMap_has(&present, pid))
				gone[ngone++] = pid;
		}
		for (size_t i = 0; i < ngone; i++)
			forget(t, gone[i]);
		free(gone);
	}
	PidMap_done(&present);
	free(ppids);
	free(pids);
}

void WatchTree_init(WatchTree *t, pid_t root)
{
	PidMap_init(&t->procs);
	PidMap_init(&t->reaps);
	PidMap_init(&t->kids);
	t->filter = root != 0;
	if (root > 0) {
		ProcBrief b;
		if (ProcBrief_read(root, &b) == READ_OK)
			WatchTree_follow(t, root, b.ppid);
	}
	if (root >= 0)
		read_proc(t, false);
}

static void free_values(PidMap *m)
{
	for (size_t i = 0; i < PidMap_capacity(m); i++) {
		pid_t pid;
		void *v = PidMap_slot(m, i, &pid);
		if (pid != 0)
			free(v);
	}
}

void WatchTree_done(WatchTree *t)
{
	free_values(&t->procs);
	free_values(&t->reaps);
	PidMap_done(&t->procs);
	PidMap_done(&t->reaps);
	PidMap_done(&t->kids);
}

bool WatchTree_filter(WatchTree *t, Event *ev)
{
	WatchProc *p = PidMap_get(&t->procs, ev->pid);

	switch (ev->kind) {
	case EV_FORK:
	case EV_VFORK:
	case EV_CLONE:
		/* Followed already: the command, whose parent (forkscope) is not. */
		if (t->filter && !PidMap_has(&t->procs, ev->ppid) && p == NULL)
			return false;
		WatchTree_follow(t, ev->pid, ev->ppid);
		return true;
	case EV_THREAD:
		return !t->filter || PidMap_has(&t->procs, ev->ppid);
	case EV_EXIT:
		if (ev->how == HOW_THREAD)
			return !t->filter || PidMap_has(&t->procs, ev->ppid);
		if (p == NULL)
			return !t->filter;
		if (ev->ppid == 0)
			ev->ppid = p->ppid; /* the parent had reaped it already */
		forget(t, ev->pid);
		return true;
	case EV_LOST:
	case EV_NOTE:
	case EV_OUTPUT:
		return true;
	default:
		if (p == NULL)
			return !t->filter;
		if (ev->ppid == 0)
			ev->ppid = p->ppid;
		return true;
	}
}

bool WatchTree_reaped(WatchTree *t, const Event *reap)
{
	Event *held;

	if (!PidMap_has(&t->procs, reap->pid))
		return true; /* its exit has passed (or it was never followed) */
	held = xmalloc(sizeof *held);
	*held = *reap;
	free(PidMap_remove(&t->reaps, reap->pid));
	PidMap_put(&t->reaps, reap->pid, held);
	return false;
}

bool WatchTree_take_reap(WatchTree *t, pid_t pid, Event *out)
{
	Event *held = PidMap_remove(&t->reaps, pid);

	if (held == NULL)
		return false;
	*out = *held;
	free(held);
	return true;
}

void WatchTree_rescan(WatchTree *t)
{
	read_proc(t, true);
}

size_t WatchTree_count(const WatchTree *t)
{
	return PidMap_count(&t->procs) + PidMap_count(&t->reaps);
}

void WatchTree_kill_all(const WatchTree *t)
{
	if (!t->filter)
		return; /* the whole machine is not ours to end */
	for (size_t i = 0; i < PidMap_capacity(&t->procs); i++) {
		pid_t pid;
		PidMap_slot(&t->procs, i, &pid);
		if (pid > 1)
			kill(pid, SIGKILL);
	}
}
