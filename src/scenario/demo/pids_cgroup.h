/*
 * A pids cgroup of the demo's own, for fork-fail: one directory in a pids
 * hierarchy (cgroup v2 where the pids controller is enabled, else v1), with
 * pids.max set, into which one process moves itself.
 *
 * The directory must not outlive the demo on any path, forkscope killed
 * with SIGKILL included. Every process the demo's tracer follows dies with
 * forkscope (PTRACE_O_EXITKILL), so none of them can remove it then. Before
 * the directory exists a janitor is cloned with CLONE_UNTRACED, outside the
 * tracer's reach: it waits for end of file on a pipe whose write ends only
 * the demo's processes hold, then kills what is left in the cgroup (only
 * the demo's processes can be there), removes the directory and exits. In
 * a normal run the helper removes it first and the janitor finds nothing.
 * A directory of a helper that is gone (the janitor itself killed) is
 * removed by the next run before it makes its own.
 */
#ifndef FORKSCOPE_SCENARIO_DEMO_PIDS_CGROUP_H
#define FORKSCOPE_SCENARIO_DEMO_PIDS_CGROUP_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* The directory name's start; the helper's pid follows. Tests look for it. */
#define PIDS_CGROUP_PREFIX "forkscope-fork-fail-"

typedef struct PidsCgroup {
	char dir[PATH_MAX];   /* the cgroup's directory; "" when there is none */
	bool v2;              /* in the unified hierarchy */
	pid_t janitor;        /* untraced; 0 when there is none */
	int leash;            /* the write end the janitor waits on; -1 */
} PidsCgroup;

/* Finds a pids hierarchy, starts the janitor, creates the directory and
 * writes max to its pids.max, reporting each call. 0, or -1 with the
 * reason in why (for the note that says which limit is used instead). */
int PidsCgroup_init(PidsCgroup *cg, long max, char *why, size_t len);

/* Moves the calling process into the cgroup (its cgroup.procs). 0 or -1. */
int PidsCgroup_enter(const PidsCgroup *cg);

/* A number from one of the cgroup's files: the first one in it, or the
 * one after key ("max" in pids.events). -1 if unreadable. */
long PidsCgroup_value(const PidsCgroup *cg, const char *file, const char *key);

/* Removes the directory once the processes in it are gone (bounded), lets
 * the janitor go and reaps it. Safe on a cgroup never created. */
void PidsCgroup_done(PidsCgroup *cg);

#endif
