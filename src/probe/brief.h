/*
 * The few facts the event sources need of a process, read cheaply: its
 * pid, parent, state, comm and start time from its stat line (parsed by
 * stat_parse, the one parser of stat), the pids of /proc and the threads of
 * a process, its exe, comm and command line as short texts. The full
 * identity (ids, scheduling, signal sets) is ProcIdentity_read's; this is what
 * the tracer needs at an event and what polling compares between two
 * scans. Every read goes through procfs (FORKSCOPE_PROC is honoured) and
 * says how it went as a ReadState (READ_GONE once the process is gone).
 */
#ifndef FORKSCOPE_PROBE_BRIEF_H
#define FORKSCOPE_PROBE_BRIEF_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "probe/identity.h"
#include "probe/readstate.h"

typedef struct ProcBrief {
	pid_t pid, ppid;
	char state;                     /* R S D Z T t X I, as in stat */
	bool kthread;                   /* a kernel thread (PF_KTHREAD in stat's flags) */
	char comm[16];                  /* NUL-terminated; control bytes as '?' */
	unsigned long long start_ticks; /* clock ticks after boot: with pid, names one process */
	ProcImage image;                /* fields 26-28, all 0 when not shown or not there */
} ProcBrief;

/* A /proc/PID/stat line; READ_MALFORMED when it is not one. Pure. */
ReadState ProcBrief_parse(const char *text, size_t len, ProcBrief *out);
ReadState ProcBrief_read(pid_t pid, ProcBrief *out);

/* /proc/PID/exe, " (deleted)" kept as the kernel gives it; "" on failure. */
ReadState brief_exe(pid_t pid, char *buf, size_t buflen);
/* /proc/PID/comm without its newline; "" on failure. */
ReadState brief_comm(pid_t pid, char *buf, size_t buflen);
/* /proc/PID/cmdline, the arguments joined by spaces (control bytes made '?'),
 * cut to buflen; "" for a process without one (zombie, kernel thread). */
ReadState brief_cmdline(pid_t pid, char *buf, size_t buflen);

#endif
