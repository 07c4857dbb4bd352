/*
 * The few facts the event sources need from /proc, read cheaply: a
 * process's pid, parent, state, comm and start time from its stat line,
 * the pids in /proc, the threads of a process, its exe and comm. The full
 * identity (ids, cmdline, scheduling) is src/probe's job; this is what the
 * tracer needs at an event and what polling diffs between two scans.
 *
 * The parser is a pure function over text of any content and length; the
 * readers return 0 or -errno (-ESRCH/-ENOENT when the process is gone).
 */
#ifndef FORKSCOPE_TRACE_PROCSCAN_H
#define FORKSCOPE_TRACE_PROCSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "probe/identity.h"

typedef struct ProcBrief {
	pid_t pid, ppid;
	char state;                     /* R S D Z T t X I, as in stat */
	bool kthread;                   /* a kernel thread (PF_KTHREAD in stat's flags) */
	char comm[16];                  /* NUL-terminated; control bytes as '?' */
	unsigned long long start_ticks; /* clock ticks after boot: with pid, names one process */
	ProcImage image;                /* fields 26-28, all 0 when not shown or not there */
} ProcBrief;

/* Parses a /proc/PID/stat line; false when it is not one. */
bool procscan_parse_stat(const char *text, size_t len, ProcBrief *out);
int procscan_read_stat(pid_t pid, ProcBrief *out);

/* The numeric entries of /proc (processes), or of /proc/PID/task (threads).
 * *out is owned by the caller (free). */
int procscan_pids(pid_t **out, size_t *count);
int procscan_tasks(pid_t pid, pid_t **out, size_t *count);

/* readlink of /proc/PID/exe; " (deleted)" is kept as the kernel gives it. */
int procscan_exe(pid_t pid, char *buf, size_t buflen);
/* /proc/PID/comm without its newline. */
int procscan_comm(pid_t pid, char *buf, size_t buflen);
/* /proc/PID/cmdline, the arguments joined by spaces (control bytes made '?'),
 * cut to buflen; "" for a process without one (zombie, kernel thread). */
int procscan_cmdline(pid_t pid, char *buf, size_t buflen);
/* The same over text already read: NUL separators become spaces. Pure. */
void procscan_join_args(char *text, size_t len);

#endif
