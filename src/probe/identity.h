/*
 * Identity and place in the tree of one process, as /proc/PID/stat and
 * /proc/PID/status give it. A ProcIdentity owns its strings. Text fields
 * (comm, cmdline, exe) hold what the kernel gave with control bytes replaced
 * by '?', so no view can be fooled by a process that names itself with
 * terminal escapes.
 */
#ifndef FORKSCOPE_PROBE_IDENTITY_H
#define FORKSCOPE_PROBE_IDENTITY_H

#include <stdbool.h>
#include <sys/types.h>

#include "probe/readstate.h"

typedef struct ProcIdentity {
	ReadState state;
	pid_t pid, tgid, ppid, pgid, sid;
	char task_state;          /* R S D Z T t X I, as in stat */
	char comm[64];            /* NUL-terminated; at most 15 chars for user
	                           * processes, workqueue kernel threads show more
	                           * ("kworker/0:1-events") */
	char *cmdline;            /* owned: argv joined by spaces; "" for kernel threads and zombies */
	ReadState cmdline_state;  /* cmdline is "" unless READ_OK */
	char *exe;                /* owned: readlink of exe; NULL when exe_state != READ_OK */
	ReadState exe_state;      /* READ_ABSENT for kernel threads and zombies */
	bool kernel_thread;       /* PF_KTHREAD in stat's flags */
	uid_t uid_real, uid_eff, uid_saved;
	gid_t gid_real, gid_eff, gid_saved;
	int threads;
	unsigned long long start_ticks; /* clock ticks after boot (stat field 22) */
	unsigned long long utime, stime; /* CPU time, clock ticks (stat fields 14, 15) */
	int sched_policy;         /* SCHED_OTHER, SCHED_FIFO, ... (stat field 41) */
	int rt_priority;          /* stat field 40 */
	int priority;             /* stat field 18 */
	int nice;                 /* stat field 19 */
} ProcIdentity;

void ProcIdentity_done(ProcIdentity *id);
void ProcIdentity_copy(ProcIdentity *dst, const ProcIdentity *src);
/* "SCHED_OTHER", "SCHED_FIFO", ...; "SCHED_?" for an unknown number. */
const char *sched_policy_name(int policy);
/* "sleeping", "zombie", ... for stat's state letter; "unknown" otherwise. */
const char *task_state_name(char task_state);

#endif
