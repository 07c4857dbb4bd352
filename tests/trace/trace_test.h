/*
 * Shared pieces of the trace tests: an event log filled from a source until
 * a condition holds (with a generous fail-safe so that a missed event fails
 * the test instead of hanging it), lookups in the log, and /proc checks.
 */
#ifndef FORKSCOPE_TESTS_TRACE_TEST_H
#define FORKSCOPE_TESTS_TRACE_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "trace/event.h"
#include "trace/tracer.h"

/* Past this, a condition that never came true fails the test (not a timing
 * assertion: only a guard against hanging). */
#define FAILSAFE_US (60ull * 1000 * 1000)

typedef struct EventLog {
	Event *ev;
	size_t n, cap;
} EventLog;

typedef bool (*LogDone)(const EventLog *log, void *arg);

void log_push(EventLog *log, const Event *ev);
void log_free(EventLog *log);
/* Dispatches the tracer into the log until done(log, arg); false when the
 * fail-safe ran out first. */
bool log_until(Tracer *t, EventLog *log, LogDone done, void *arg);
/* Until an event of kind about pid (0: any) is in the log; its index or -1. */
long log_until_event(Tracer *t, EventLog *log, EventKind kind, pid_t pid);
/* The same, for an event at index from or later. */
long log_until_event_from(Tracer *t, EventLog *log, size_t from, EventKind kind, pid_t pid);
/* Until the tracer has no live tracee and no reap awaited. */
bool log_until_quiet(Tracer *t, EventLog *log);
/* Index of the first event of kind about pid (0: any) at or after from, or -1. */
long log_find(const EventLog *log, size_t from, EventKind kind, pid_t pid);
size_t log_count(const EventLog *log, EventKind kind, pid_t pid);
/* For messages: the log as text lines. */
void log_dump(const EventLog *log);

/* Runs only the tests named in $TRACE_TEST (comma-separated) when it is set. */
bool test_selected(const char *name);
#define ADD_TEST(tc, fn) do { if (test_selected(#fn)) tcase_add_test(tc, fn); } while (0)

/* The workload helper built beside the tests. */
const char *trace_helper(void);
/* argv for the helper: mode and up to three arguments (NULL ends). */
char **helper_argv(const char *mode, const char *a1, const char *a2, const char *a3);
/* Forks the helper in "wait" mode (it pauses until killed) and returns
 * its pid once its exec is done (it says so through a pipe). */
pid_t start_waiter(void);
/* The state letter of pid from /proc (0 when it is gone). */
char proc_state(pid_t pid);
/* TracerPid from /proc/PID/status, -1 when unreadable. */
pid_t proc_tracer(pid_t pid);
/* Waits (fail-safe bounded) until pid's state is one of states. */
bool wait_state(pid_t pid, const char *states);

#endif
