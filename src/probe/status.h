/*
 * Pure parsers for /proc/PID/stat and /proc/PID/status. stat's comm may hold
 * spaces and parentheses: the fields after it start after the *last* ')'.
 */
#ifndef FORKSCOPE_PROBE_STATUS_H
#define FORKSCOPE_PROBE_STATUS_H

#include <stddef.h>
#include <sys/types.h>

#include "probe/identity.h"
#include "probe/readstate.h"
#include "probe/sigset.h"

typedef struct ProcStat {
	pid_t pid, ppid, pgid, sid;
	char comm[16];
	char task_state;
	int priority, nice, threads;
	unsigned long long start_ticks;
	int rt_priority, sched_policy;
	unsigned long long utime, stime; /* clock ticks */
} ProcStat;

typedef struct ProcStatus {
	char name[16];
	char task_state;
	pid_t tgid, pid, ppid;
	uid_t uid[4];  /* real, effective, saved, filesystem */
	gid_t gid[4];
	int threads;
	SigSets sig;   /* sig.state is READ_OK when all five lines were found */
} ProcStatus;

ReadState stat_parse(const char *text, size_t len, ProcStat *out);
ReadState status_parse(const char *text, size_t len, ProcStatus *out);

/* I/O: read and parse; out->state says how it went. Reads stat, status,
 * cmdline and exe of pid. */
void identity_read(pid_t pid, ProcIdentity *out);
void sigsets_read(pid_t pid, SigSets *out);

#endif
