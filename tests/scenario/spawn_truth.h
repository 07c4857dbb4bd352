/*
 * Kernel truth for the tests of the spawn scenarios (spawn-plain,
 * spawn-file-actions, spawn-attrs, mmap-shared, scale, spawn-cost,
 * clone3-pidfd, custom): readers of /proc that do not use src/probe (the
 * point is what the kernel says, read the plainest way), lookups in the
 * session's events (the tracer's word, and the helper's), and the loop that
 * runs a scenario through the Runner and calls a check at every boundary.
 * Readers fail the running Check test on what must be readable.
 */
#ifndef FORKSCOPE_TESTS_SPAWN_TRUTH_H
#define FORKSCOPE_TESTS_SPAWN_TRUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "model/session.h"
#include "scenario/runner.h"

typedef struct Run {
	Session *session;
	Runner *runner;
	pid_t root;      /* the helper */
	int step;        /* the boundary reached; nsteps + 1 once finished */
	pid_t pid;       /* the process the boundary named */
	pid_t saved[8];  /* what a check remembers for a later step */
} Run;

typedef void (*StepCheck)(Run *run);

/* Reads /proc/PID/NAME whole (NUL-terminated); its length, or -1. */
ssize_t proc_read(pid_t pid, const char *name, char *buf, size_t len);
bool proc_exists(pid_t pid);
/* Field n of /proc/PID/stat as numbered in proc(5) (4 = ppid, 5 = pgrp,
 * 6 = session, 40 = rt_priority, 41 = policy), counted after the command
 * name, which may hold spaces and ')'. -1 when unreadable. */
long stat_field(pid_t pid, int n);
char proc_state(pid_t pid);
/* Waits (up to 30 s) until pid's state is one of states, and returns the
 * state it has then (0 once it is gone): a process just resumed, or just
 * forked, may still be on its way to where it sleeps. */
char wait_state(pid_t pid, const char *states);
/* A line of /proc/PID/status ("SigBlk", "Uid"...): the text after "Key:". */
bool status_line(pid_t pid, const char *key, char *out, size_t len);
uint64_t proc_sigset(pid_t pid, const char *field);
bool has_signal(uint64_t mask, int signo);
/* Real, effective, saved ids from the Uid: or Gid: line. */
void proc_ids(pid_t pid, const char *key, long ids[3]);
void proc_link(pid_t pid, const char *name, char *buf, size_t len);
void fd_target(pid_t pid, int fd, char *buf, size_t len);
/* The FDs of pid below 64 as a bit set; *highest gets its highest FD. */
uint64_t fd_set_of(pid_t pid, int *highest);
/* The lowest FD of pid, from `from` up, whose link contains text; or -1. */
int fd_containing(pid_t pid, int from, const char *text);
int count_fds_with_target(pid_t pid, const char *target);
/* fdinfo/FD: the text after "key:" as a number (flags octal, else decimal). */
long fdinfo_field(pid_t pid, int fd, const char *key);
/* A kB field of the smaps entry of the first mapping whose line contains
 * name; -1 when there is no such mapping. */
long smaps_kb(pid_t pid, const char *name, const char *field);
/* The largest anonymous mapping of pid (by Rss): its Rss, Pss, Private_Dirty. */
void largest_anon(pid_t pid, long *rss, long *pss, long *private_dirty);
/* The n-th (0-based) process the kernel says parent created. */
pid_t nth_child(const Session *s, pid_t parent, int n);
int count_children(const Session *s, pid_t parent, EventKind kind);
const Event *find_event(const Session *s, EventKind kind, pid_t pid);
/* The n-th (0-based) report of api made by pid. */
const Event *nth_api(const Session *s, pid_t pid, const char *api, int n);
/* The n-th (0-based) NOTE whose text starts with prefix. */
const char *nth_note(const Session *s, const char *prefix, int n);
/* The kernel's account of a child that never ran its program: created, no
 * exec, exited with 127, and already reaped (gone from /proc). */
void assert_failed_before_exec(const Session *s, pid_t child);
/* Runs scenario id with options (NULL-terminated "name=value" list, may be
 * NULL) and command (custom), calling check at every boundary and once more
 * when the demo is over; asserts that every step came in order, and that
 * the helper exited 0. */
void run_scenario(const char *id, const char *const *options, char **command, StepCheck check);
void assert_all_gone(const Run *run, int n);
/* How the tests that run every scenario run sc: the slow ones (spawn-cost,
 * scale) with small options, custom with a short shell command. Options
 * NULL-terminated or NULL; the command NULL unless sc takes one. */
void quick_run_args(const Scenario *sc, const char *const **options, char ***command);

#endif
