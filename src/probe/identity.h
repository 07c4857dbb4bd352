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
#include <stddef.h>
#include <sys/types.h>

#include "probe/readstate.h"

/*
 * Where exec put a program's image: stat fields 26-28 (start and end of the
 * code, start of the stack). They change with every exec (the stack and,
 * for PIE programs, the code are placed at random) and with nothing else,
 * so two reads of a process that differ here saw two programs, even when
 * the comm stayed the same (sh running sh). The kernel shows them only to
 * those who may ptrace the process, and has none for a zombie or a kernel
 * thread: then they are 0, unknown. Without address randomization
 * (randomize_va_space = 0) an exec of the same program looks the same.
 */
typedef struct ProcImage {
	unsigned long long code_start, code_end, stack_start;
} ProcImage;

static inline bool ProcImage_known(const ProcImage *im)
{
	return im->code_start != 0 || im->code_end != 0 || im->stack_start != 0;
}

/* True only when both images are known and differ: an exec between them.
 * Inline: the event sources (src/trace) use it without linking the probe. */
static inline bool ProcImage_differs(const ProcImage *a, const ProcImage *b)
{
	return ProcImage_known(a) && ProcImage_known(b) &&
	       (a->code_start != b->code_start || a->code_end != b->code_end ||
	        a->stack_start != b->stack_start);
}

/* Pid namespaces nest up to 32 deep; an identity keeps this many levels. */
#define PROC_NSPID_MAX 4

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
	unsigned tty_nr;          /* controlling terminal, stat field 7 (major, minor
	                           * packed as the kernel packs them); 0: none */
	int nspid_levels;         /* NSpid's numbers: 1 outside any child pid namespace */
	pid_t nspid[PROC_NSPID_MAX]; /* the pid in each namespace, ours first, the
	                           * process's own last (deeper ones cut from the middle) */
	unsigned long long start_ticks; /* clock ticks after boot (stat field 22) */
	unsigned long long utime, stime; /* CPU time, clock ticks (stat fields 14, 15) */
	unsigned long rss_pages;  /* resident set size in pages (stat field 24); 0 for a
	                           * kernel thread or a zombie */
	int sched_policy;         /* SCHED_OTHER, SCHED_FIFO, ... (stat field 41) */
	int rt_priority;          /* stat field 40 */
	int priority;             /* stat field 18 */
	int nice;                 /* stat field 19 */
	ProcImage image;          /* stat fields 26-28 */
} ProcIdentity;

void ProcIdentity_done(ProcIdentity *id);
void ProcIdentity_copy(ProcIdentity *dst, const ProcIdentity *src);
/* "SCHED_OTHER", "SCHED_FIFO", ...; "SCHED_?" for an unknown number. */
const char *sched_policy_name(int policy);
/* "pts/3", "tty1", "ttyS0", "136:3" for an unnamed device; "-" for 0 (none). */
void tty_name(unsigned tty_nr, char *buf, size_t len);
/* "4321/1" (our number first, the process's own last) when it lives in a
 * child pid namespace; "" when NSpid has one number or is unknown. first:
 * the first number as the caller shows our pids (--stable), NULL: as it is;
 * the others are the namespaces' own and are never mapped. */
void nspid_text(const ProcIdentity *id, const char *first, char *buf, size_t len);
/* "sleeping", "zombie", ... for stat's state letter; "unknown" otherwise. */
const char *task_state_name(char task_state);

#endif
