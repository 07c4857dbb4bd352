/*
 * Test support for tests/trace: see trace_test.h.
 */
#include "trace_test.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/xalloc.h"
#include "probe/brief.h"
#include "probe/procfs.h"

void log_push(EventLog *log, const Event *ev)
{
	if (log->n == log->cap) {
		log->cap = log->cap ? log->cap * 2 : 256;
		log->ev = xreallocarray(log->ev, log->cap, sizeof *log->ev);
	}
	log->ev[log->n++] = *ev;
}

void log_free(EventLog *log)
{
	free(log->ev);
	memset(log, 0, sizeof *log);
}

bool log_until(Tracer *t, EventLog *log, LogDone done, void *arg)
{
	uint64_t deadline = clock_now_us() + FAILSAFE_US;
	Event ev;

	while (!done(log, arg)) {
		if (clock_now_us() > deadline)
			return false;
		Tracer_dispatch(t, 100);
		while (Tracer_pop(t, &ev))
			log_push(log, &ev);
	}
	return true;
}

typedef struct Want {
	size_t from;
	EventKind kind;
	pid_t pid;
} Want;

static bool has_event(const EventLog *log, void *arg)
{
	const Want *w = arg;
	return log_find(log, w->from, w->kind, w->pid) >= 0;
}

long log_until_event_from(Tracer *t, EventLog *log, size_t from, EventKind kind, pid_t pid)
{
	Want w = { from, kind, pid };

	if (!log_until(t, log, has_event, &w))
		return -1;
	return log_find(log, from, kind, pid);
}

long log_until_event(Tracer *t, EventLog *log, EventKind kind, pid_t pid)
{
	return log_until_event_from(t, log, 0, kind, pid);
}

static bool quiet(const EventLog *log, void *arg)
{
	const Tracer *t = arg;
	(void)log;
	return Tracer_count(t) == 0 && Tracer_unreaped_count(t) == 0;
}

bool log_until_quiet(Tracer *t, EventLog *log)
{
	return log_until(t, log, quiet, t);
}

long log_find(const EventLog *log, size_t from, EventKind kind, pid_t pid)
{
	for (size_t i = from; i < log->n; i++)
		if (log->ev[i].kind == kind && (pid == 0 || log->ev[i].pid == pid))
			return (long)i;
	return -1;
}

size_t log_count(const EventLog *log, EventKind kind, pid_t pid)
{
	size_t n = 0;

	for (size_t i = 0; i < log->n; i++)
		n += log->ev[i].kind == kind && (pid == 0 || log->ev[i].pid == pid);
	return n;
}

void log_dump(const EventLog *log)
{
	for (size_t i = 0; i < log->n && i < 200; i++) {
		const Event *e = &log->ev[i];
		fprintf(stderr, "  %-10s pid %d ppid %d child %d how %s status %d sig %d %s %s\n",
			EventKind_name(e->kind), e->pid, e->ppid, e->child, CreateHow_name(e->how),
			e->status, e->signo, e->comm, e->detail);
	}
}

bool test_selected(const char *name)
{
	const char *only = getenv("TRACE_TEST");
	size_t len = strlen(name);

	if (only == NULL || *only == '\0')
		return true;
	for (const char *p = only; (p = strstr(p, name)) != NULL; p += len)
		if ((p == only || p[-1] == ',') && (p[len] == '\0' || p[len] == ','))
			return true;
	return false;
}

const char *trace_helper(void)
{
	return TRACE_HELPER;
}

pid_t start_waiter(void)
{
	int p[2];
	char fdtext[16], c;
	pid_t pid;

	ck_assert_int_eq(pipe(p), 0);
	snprintf(fdtext, sizeof fdtext, "%d", p[1]);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		execl(trace_helper(), trace_helper(), "wait", fdtext, (char *)NULL);
		_exit(127);
	}
	ck_assert_int_gt(pid, 0);
	close(p[1]);
	ck_assert_int_eq(read(p[0], &c, 1), 1);
	close(p[0]);
	return pid;
}

char **helper_argv(const char *mode, const char *a1, const char *a2, const char *a3)
{
	char **argv = xcalloc(6, sizeof *argv);
	const char *args[] = { trace_helper(), mode, a1, a2, a3 };

	for (size_t i = 0; i < 5 && args[i] != NULL; i++)
		argv[i] = (char *)args[i];
	return argv;
}

char proc_state(pid_t pid)
{
	ProcBrief b;
	return ProcBrief_read(pid, &b) == READ_OK ? b.state : 0;
}

pid_t proc_tracer(pid_t pid)
{
	char path[64], line[256];
	FILE *f;
	pid_t tracer = -1;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "TracerPid: %d", &tracer) == 1)
			break;
	fclose(f);
	return tracer;
}

bool wait_state(pid_t pid, const char *states)
{
	uint64_t deadline = clock_now_us() + FAILSAFE_US;

	for (;;) {
		char s = proc_state(pid);
		if (s != 0 && strchr(states, s) != NULL)
			return true;
		if (clock_now_us() > deadline)
			return false;
		sched_yield();
	}
}
