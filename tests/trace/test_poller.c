/*
 * /proc polling: the stat parser on well-formed, hostile and truncated
 * lines, and the poller's diff of two scans on a process the test makes,
 * execs, kills and reaps, one scan per step; and an exec that keeps the
 * comm (sh running sh).
 */
#include <check.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/clock.h"
#include "trace/poller.h"
#include "probe/brief.h"
#include "probe/procfs.h"
#include "trace_test.h"

static const char stat_line[] =
	"4242 (a) b) c) S 17 4242 4242 0 -1 4194560 120 0 0 0 3 1 0 0 20 0 1 0 987654 "
	"2000000 300 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";

static const char kthread_line[] =
	"81 (kworker/1:2-events) I 2 0 0 0 -1 69238880 0 0 0 0 0 12 0 0 20 0 1 0 130 0 0 "
	"18446744073709551615 0 0 0 0 0 0 0 2147483647 0 0 0 0 17 1 0 0 0 0 0\n";

START_TEST(test_parse_stat_with_hostile_comm)
{
	ProcBrief b;

	ck_assert(ProcBrief_parse(stat_line, strlen(stat_line), &b) == READ_OK);
	ck_assert_int_eq(b.pid, 4242);
	ck_assert_str_eq(b.comm, "a) b) c");
	ck_assert_int_eq(b.state, 'S');
	ck_assert_int_eq(b.ppid, 17);
	ck_assert_uint_eq(b.start_ticks, 987654);
	ck_assert(!b.kthread);
	ck_assert(ProcBrief_parse(kthread_line, strlen(kthread_line), &b) == READ_OK);
	ck_assert(b.kthread);
	ck_assert_int_eq(b.ppid, 2);
}
END_TEST

START_TEST(test_parse_stat_truncated_and_garbage)
{
	static const char *bad[] = {
		"", "0 (x) S 1", "x (y) S 1 2 3", "12 (no close S 1 2", "12 (x)S 1",
		"99999999999999999999 (x) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 0 0 1 0 5",
		"12 (x) S -1 1 1 0 -1 0 0 0 0 0 0 0 0 0 0 0 1 0 5",
	};
	ProcBrief b;
	size_t full = strlen(stat_line);
	/* The start time ends at this offset: shorter prefixes must fail. */
	size_t need = (size_t)(strstr(stat_line, "987654") - stat_line) + 1;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(ProcBrief_parse(bad[i], strlen(bad[i]) != READ_OK, &b), "accepted: %s", bad[i]);
	for (size_t len = 0; len < need; len++)
		ck_assert_msg(ProcBrief_parse(stat_line, len, &b) != READ_OK, "accepted %zu bytes", len);
	for (size_t len = need; len <= full; len++)
		ProcBrief_parse(stat_line, len, &b); /* any result, no overread (ASan) */
	ck_assert(ProcBrief_parse(NULL, 0, &b) != READ_OK);
}
END_TEST

static size_t drain(Poller *p, EventLog *log)
{
	Event ev;
	size_t n = 0;

	while (Poller_pop(p, &ev)) {
		log_push(log, &ev);
		n++;
	}
	return n;
}

START_TEST(test_poll_birth_exec_exit_reap)
{
	Poller *p = Poller_open(getpid(), 1000);
	EventLog log = { 0 };
	int st;
	pid_t pid;
	long born, exec, exit, reap;

	ck_assert_ptr_nonnull(p);
	pid = start_waiter();
	Poller_scan(p);
	drain(p, &log);
	born = log_find(&log, 0, EV_FORK, pid);
	exec = log_find(&log, 0, EV_EXEC, pid);
	ck_assert(born >= 0 && exec > born);
	ck_assert_int_eq(log.ev[born].ppid, getpid());
	ck_assert_str_eq(log.ev[exec].comm, "trace-helper");
	ck_assert_str_eq(log.ev[exec].detail, trace_helper());
	ck_assert_uint_ge(Poller_count(p), 2);

	kill(pid, SIGTERM);
	ck_assert(wait_state(pid, "Z"));
	Poller_scan(p);
	drain(p, &log);
	exit = log_find(&log, 0, EV_EXIT, pid);
	ck_assert(exit > exec);
	ck_assert_int_eq(log.ev[exit].status, -1);
	ck_assert_int_eq(log_find(&log, 0, EV_REAP, pid), -1);

	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	Poller_scan(p);
	drain(p, &log);
	reap = log_find(&log, 0, EV_REAP, pid);
	ck_assert(reap > exit);
	ck_assert_int_eq(log.ev[reap].ppid, getpid());
	ck_assert_uint_eq(log_count(&log, EV_EXIT, pid), 1);
	for (size_t i = 0; i < log.n; i++) {
		ck_assert(log.ev[i].polled);
		ck_assert_int_eq(log.ev[i].pid, pid); /* nothing outside the subtree */
	}
	log_free(&log);
	Poller_close(p);
}
END_TEST

/* Until pid's command line holds text (the exec is done); false after the
 * fail-safe time. */
static bool wait_cmdline(pid_t pid, const char *text)
{
	char path[64], buf[512];
	uint64_t deadline = clock_now_us() + 10 * 1000000ull;

	snprintf(path, sizeof path, "/proc/%d/cmdline", (int)pid);
	while (clock_now_us() < deadline) {
		FILE *f = fopen(path, "r");
		size_t n = f != NULL ? fread(buf, 1, sizeof buf - 1, f) : 0;

		if (f != NULL)
			fclose(f);
		for (size_t i = 0; i < n; i++)
			buf[i] = buf[i] == '\0' ? ' ' : buf[i];
		buf[n] = '\0';
		if (strstr(buf, text) != NULL)
			return true;
		sched_yield();
	}
	return false;
}

/* sh running sh keeps its comm: the new program image tells the exec. */
START_TEST(test_poll_exec_with_the_same_comm)
{
	Poller *p = Poller_open(getpid(), 1000);
	EventLog log = { 0 };
	int in[2];
	pid_t pid;

	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(pipe(in), 0);
	pid = fork();
	if (pid == 0) {
		dup2(in[0], STDIN_FILENO);
		close(in[0]);
		close(in[1]);
		execl("/bin/sh", "sh", "-c", "read a; exec /bin/sh -c 'read second'", (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	ck_assert(wait_cmdline(pid, "read a"));
	ck_assert(wait_state(pid, "S"));
	Poller_scan(p);
	Poller_scan(p); /* nothing happened in between: no exec */
	drain(p, &log);
	ck_assert_uint_eq(log_count(&log, EV_EXEC, pid), 1); /* at birth: sh, not test_poller */

	ck_assert_int_eq(write(in[1], "x\n", 2), 2);
	ck_assert(wait_cmdline(pid, "/bin/sh -c read second"));
	Poller_scan(p);
	drain(p, &log);
	ck_assert_uint_eq(log_count(&log, EV_EXEC, pid), 2);
	ck_assert_str_eq(log.ev[log_find(&log, 0, EV_EXEC, pid)].comm, "sh");

	close(in[1]); /* the second sh reads end of file and exits */
	ck_assert_int_eq(waitpid(pid, NULL, 0), pid);
	log_free(&log);
	Poller_close(p);
}
END_TEST

START_TEST(test_poll_timer_drives_scans)
{
	Poller *p = Poller_open(getpid(), 2);
	EventLog log = { 0 };
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		pause();
		_exit(0);
	}
	/* Each dispatch waits for the timer and scans: the child shows up. */
	for (int i = 0; i < 100000 && log_find(&log, 0, EV_FORK, pid) < 0; i++) {
		ck_assert_int_ge(Poller_dispatch(p, -1), 0);
		drain(p, &log);
	}
	ck_assert(log_find(&log, 0, EV_FORK, pid) >= 0);
	kill(pid, SIGKILL);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	for (int i = 0; i < 100000 && log_find(&log, 0, EV_REAP, pid) < 0; i++) {
		Poller_dispatch(p, -1);
		drain(p, &log);
	}
	ck_assert(log_find(&log, 0, EV_EXIT, pid) >= 0);
	ck_assert(log_find(&log, 0, EV_REAP, pid) >= 0);
	log_free(&log);
	Poller_close(p);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("poller");
	TCase *tc = tcase_create("poller");
	SRunner *sr;
	int failed;

	ADD_TEST(tc, test_parse_stat_with_hostile_comm);
	ADD_TEST(tc, test_parse_stat_truncated_and_garbage);
	ADD_TEST(tc, test_poll_birth_exec_exit_reap);
	ADD_TEST(tc, test_poll_timer_drives_scans);
	ADD_TEST(tc, test_poll_exec_with_the_same_comm);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
