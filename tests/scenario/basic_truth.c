/*
 * Kernel truth for the basic scenarios' tests (see basic_truth.h): /proc
 * read the plainest way, and the session's events.
 */
#include "basic_truth.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "spawn_truth.h"

/* ---- /proc, read directly ---------------------------------------------- */

/* stat's fields after the command name, which may hold ')' itself. */
static const char *stat_after_comm(pid_t pid, char *buf, size_t len)
{
	char *paren;

	if (proc_read(pid, "stat", buf, len) <= 0 || (paren = strrchr(buf, ')')) == NULL)
		return NULL;
	return paren + 2;
}

pid_t proc_ppid(pid_t pid)
{
	char buf[1024];
	const char *rest = stat_after_comm(pid, buf, sizeof buf);
	int ppid = -1;

	if (rest != NULL)
		sscanf(rest + 2, "%d", &ppid);
	return ppid;
}

/* The lowest FD of pid whose link reads target exactly, or -1. */
int fd_with_target(pid_t pid, const char *target)
{
	char link[4096];

	for (int fd = 0; fd < 1024; fd++) {
		fd_target(pid, fd, link, sizeof link);
		if (strcmp(link, target) == 0)
			return fd;
	}
	return -1;
}

/* fdinfo's flags: the O_* bits of the open file plus O_CLOEXEC of the FD. */
unsigned fd_flags(pid_t pid, int fd)
{
	char name[32], buf[1024];
	const char *at;
	unsigned flags = 0;

	snprintf(name, sizeof name, "fdinfo/%d", fd);
	ck_assert_int_gt(proc_read(pid, name, buf, sizeof buf), 0);
	ck_assert_ptr_nonnull(at = strstr(buf, "flags:"));
	sscanf(at + 6, "%o", &flags);
	return flags;
}

/* The system call pid is blocked in; -1 when running or not in one. */
long proc_syscall(pid_t pid)
{
	char buf[512];
	long nr = -1;

	if (proc_read(pid, "syscall", buf, sizeof buf) <= 0 || sscanf(buf, "%ld", &nr) != 1)
		return -1;
	return nr;
}

/* Waits (up to 30 s: a loaded machine, a sanitizer build) until pid is
 * blocked in system call nr. */
bool wait_in_syscall(pid_t pid, long nr)
{
	uint64_t until = clock_now_us() + 30000000u;

	while (clock_now_us() < until) {
		if (proc_syscall(pid) == nr && proc_state(pid) == 'S')
			return true;
		nanosleep(&(struct timespec){ .tv_nsec = 1000000 }, NULL);
	}
	return false;
}

/* ---- the session's events (the tracer's word, and the helper's) -------- */

bool has_event(const Session *s, EventKind kind, pid_t pid)
{
	for (size_t i = 0; i < s->nevents; i++)
		if (s->events[i].kind == kind && s->events[i].pid == pid)
			return true;
	return false;
}
