/*
 * Kernel truth shared by the tests of the basic scenarios
 * (test_scenarios_basic.c, test_scenarios_wait.c): readers of /proc that
 * do not use src/probe (the point is what the kernel says, read the
 * plainest way: a process's parent, the FD whose link names a target and
 * its flags, the system call a process is blocked in), and the tracer's
 * word in the session. Readers fail the running Check test on what must be
 * readable. The readers both share with the spawn tests are in
 * spawn_truth.h.
 */
#ifndef FORKSCOPE_TESTS_BASIC_TRUTH_H
#define FORKSCOPE_TESTS_BASIC_TRUTH_H

#include <stdbool.h>
#include <sys/types.h>

#include "model/session.h"

/* The parent pid stat names, or -1 when unreadable. */
pid_t proc_ppid(pid_t pid);
/* The lowest FD of pid whose link reads target exactly, or -1. */
int fd_with_target(pid_t pid, const char *target);
/* fdinfo's flags: the O_* bits of the open file plus O_CLOEXEC of the FD. */
unsigned fd_flags(pid_t pid, int fd);
/* The system call pid is blocked in; -1 when running or not in one. */
long proc_syscall(pid_t pid);
/* Waits (up to 30 s: a loaded machine, a sanitizer build) until pid is
 * blocked in system call nr. */
bool wait_in_syscall(pid_t pid, long nr);
/* Did the tracer report an event of kind about pid? */
bool has_event(const Session *s, EventKind kind, pid_t pid);

#endif
