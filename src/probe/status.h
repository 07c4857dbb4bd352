/*
 * Pure parsers for /proc/PID/stat, /proc/PID/status and /proc/PID/cmdline,
 * and the reads of one process's identity on top of them. stat's comm may
 * hold spaces and parentheses: the fields after it start after the *last*
 * ')'. The parsers never read past len and accept any bytes.
 */
#ifndef FORKSCOPE_PROBE_STATUS_H
#define FORKSCOPE_PROBE_STATUS_H

#include <stddef.h>
#include <sys/types.h>

#include "probe/identity.h"
#include "probe/procfs.h"
#include "probe/readstate.h"
#include "probe/sigset.h"

#define STAT_PF_EXITING 0x00000004u /* stat's flags: in do_exit */
#define STAT_PF_KTHREAD 0x00200000u /* stat's flags: a kernel thread */

typedef struct ProcStat {
	pid_t pid, ppid, pgid, sid;
	char comm[64];   /* control bytes replaced by '?' */
	char task_state;
	unsigned long flags; /* PF_* (field 9) */
	int priority, nice, threads;
	unsigned tty_nr;  /* field 7: the controlling terminal, 0 for none */
	unsigned long long start_ticks;
	int rt_priority, sched_policy;
	unsigned long long utime, stime; /* clock ticks */
	unsigned long rss_pages;  /* resident set size, pages (field 24) */
	ProcImage image;
} ProcStat;

typedef struct ProcStatus {
	char name[64];   /* Name:, unescaped, control bytes replaced by '?' */
	char task_state;
	pid_t tgid, pid, ppid;
	uid_t uid[4];  /* real, effective, saved, filesystem */
	gid_t gid[4];
	int threads;   /* 0 when the line is missing */
	int nspid_levels; /* NSpid's count of numbers; 0 when the line is missing (before 4.1) */
	pid_t nspid[PROC_NSPID_MAX]; /* as ProcIdentity keeps them */
	SigSets sig;   /* sig.state is READ_OK when all five lines were found */
} ProcStatus;

ReadState stat_parse(const char *text, size_t len, ProcStat *out);
ReadState status_parse(const char *text, size_t len, ProcStatus *out);
/* argv as NUL-separated text to one owned string joined by spaces, control
 * bytes replaced by '?'. Never NULL; "" for empty text. */
char *cmdline_join(const char *text, size_t len);

/* I/O: read and parse; out->state says how it went. Reads stat, status,
 * cmdline and exe of pid. */
void ProcIdentity_read(pid_t pid, ProcIdentity *out);
void SigSets_read(pid_t pid, SigSets *out);
/* The same through an open process directory; fills sig too when it is not
 * NULL (status is read once for both). A part that finds the process gone
 * makes the whole identity READ_GONE, with no field filled. */
void ProcIdentity_read_at(const ProcDir *dir, ProcIdentity *out, SigSets *sig);
/* Where a process is in its life, from one more read of its stat. A
 * process in do_exit (PF_EXITING) releases its memory and files: from then
 * on /proc shows its files as root's (EACCES to their own user) or answers
 * ESRCH, so a failed read of such a process means "exited meanwhile". */
typedef enum ProcFate {
	PROC_LIVE,
	PROC_KERNEL_THREAD, /* has no memory, files or exe of its own */
	PROC_EXITING,
	PROC_ZOMBIE,
	PROC_REAPED,        /* gone */
} ProcFate;
ProcFate proc_fate_at(const ProcDir *dir);
/* For a read of memory, FDs, environment or exe that failed with rs: the
 * state it really means. READ_ABSENT for a zombie or kernel thread (it has
 * none), READ_GONE when the process exited meanwhile, else rs. */
ReadState proc_refine_failure(const ProcDir *dir, ReadState rs);
/* Fills an identity's stat fields (pid, tree, state, comm, scheduling). */
void ProcIdentity_from_stat(ProcIdentity *id, const ProcStat *st);

#endif
