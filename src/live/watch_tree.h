/*
 * The subtree a connector watch follows. The proc connector reports the
 * whole machine and names a parent only in forks (and in exits, when the
 * parent has not reaped yet), so the watch keeps its own table: a process
 * is followed from the fork whose parent is followed until its exit, and
 * every event of a followed process gets its parent filled in. With
 * --system everything is followed and nothing is filtered out.
 *
 * Reaps forkscope makes itself (of the command it started, of orphans it
 * adopted as a subreaper) are held until the connector's exit event of the
 * same process has passed, so a reap is never printed before the exit.
 */
#ifndef FORKSCOPE_LIVE_WATCH_TREE_H
#define FORKSCOPE_LIVE_WATCH_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "trace/event.h"
#include "base/pidmap.h"

typedef struct WatchTree {
	PidMap procs;     /* pid -> owned WatchProc: followed, not exited */
	PidMap reaps;     /* pid -> owned Event: our reap, waiting for the exit */
	PidMap kids;      /* pid -> its followed children, as a count (uintptr_t):
	                   * an exit without any costs no walk for orphans */
	bool filter;      /* only the subtree; false: the whole machine */
} WatchTree;

/* root > 0: the live subtree of root, read from /proc now; 0: the whole
 * machine, read now; -1: a subtree that starts empty (WatchTree_follow). */
void WatchTree_init(WatchTree *t, pid_t root);
void WatchTree_done(WatchTree *t);
void WatchTree_follow(WatchTree *t, pid_t pid, pid_t ppid);
/* Keeps ev (true) or drops it (outside the subtree); fills in its parent
 * and follows births and exits. */
bool WatchTree_filter(WatchTree *t, Event *ev);
/* We reaped a process: true to print the reap now, false when it waits for
 * the exit (then WatchTree_take_reap gives it after the exit). */
bool WatchTree_reaped(WatchTree *t, const Event *reap);
bool WatchTree_take_reap(WatchTree *t, pid_t pid, Event *out);
/* exited has exited: its followed children were re-parented by the kernel
 * (the connector reports its exit after that). Writes one EV_REPARENT per
 * child whose ppid in /proc is another now, at most max; returns how many. */
size_t WatchTree_orphans(WatchTree *t, pid_t exited, uint64_t t_us, Event *out, size_t max);
/* After lost events: births that were missed are followed from /proc, and
 * processes that are gone are forgotten. */
void WatchTree_rescan(WatchTree *t);
/* Followed processes still alive, plus reaps not yet printed. */
size_t WatchTree_count(const WatchTree *t);
/* SIGKILL to every followed process. */
void WatchTree_kill_all(const WatchTree *t);

#endif
