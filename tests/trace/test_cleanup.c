/*
 * Nothing outlives the tracer: a tracing process (standing in for
 * forkscope) runs a storm and a set of sleepers, is SIGKILLed mid-run, and
 * afterwards no process of its subtree is left — none running, none
 * stopped, none traced. The test process is a child subreaper, so every
 * orphan of the subtree comes to it: "no child left at all" is the proof,
 * and an environment marker finds any process that escaped otherwise.
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/clock.h"
#include "probe/brief.h"
#include "probe/procfs.h"
#include "trace/tracer.h"
#include "trace_test.h"

extern char **environ;

static char marker[64];

/* Does /proc/PID/environ hold the marker? */
static bool has_marker(pid_t pid)
{
	char path[64], buf[1 << 16];
	ssize_t n;
	int fd;

	snprintf(path, sizeof path, "/proc/%d/environ", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	for (ssize_t i = 0; i < n; i += (ssize_t)strlen(buf + i) + 1)
		if (strcmp(buf + i, marker) == 0)
			return true;
	return false;
}

/* Counts marked processes; reports stopped or traced ones in *bad. */
static size_t count_marked(size_t *bad, bool print)
{
	pid_t *pids = NULL;
	size_t n = 0, marked = 0;

	procfs_pids(0, &pids, &n);
	for (size_t i = 0; i < n; i++) {
		char state;
		if (!has_marker(pids[i]))
			continue;
		marked++;
		state = proc_state(pids[i]);
		if (state == 't' || state == 'T' || proc_tracer(pids[i]) > 0)
			(*bad)++;
		if (print)
			fprintf(stderr, "  left: pid %d state %c tracer %d\n", pids[i], state, proc_tracer(pids[i]));
	}
	free(pids);
	return marked;
}

static char **marked_env(void)
{
	size_t n = 0;
	char **env;

	while (environ[n] != NULL)
		n++;
	env = calloc(n + 2, sizeof *env);
	memcpy(env, environ, n * sizeof *env);
	env[n] = marker;
	return env;
}

/* The tracing process: runs the workloads and says when it is mid-run. */
static void __attribute__((noreturn)) tracing_process(int progress_fd, long events_before_signal, bool hold)
{
	Tracer *t = Tracer_new();
	char **env = marked_env();
	char *storm[] = { (char *)trace_helper(), "storm", "1000000", "5", "4", NULL };
	char *mark[] = { (char *)trace_helper(), "mark", NULL };
	TracerSpawn spec = { .argv = storm, .envp = env };
	long seen = 0;
	Event ev;

	if (t == NULL || Tracer_spawn(t, &spec, NULL) < 0)
		_exit(2);
	spec.argv = mark;
	if (Tracer_spawn(t, &spec, NULL) < 0)
		_exit(2);
	for (;;) {
		Tracer_dispatch(t, -1);
		while (Tracer_pop(t, &ev))
			if (++seen == events_before_signal) {
				if (hold)
					Tracer_set_hold_all(t, true); /* die with everything held */
				if (write(progress_fd, "m", 1) != 1)
					_exit(2);
			}
	}
}

static void kill_mid_run(long events_before_signal, bool hold)
{
	int progress[2], st;
	size_t bad = 0, left;
	pid_t tracer_pid, reaped;
	int wait_err = 0;
	char c;
	uint64_t deadline;

	snprintf(marker, sizeof marker, "FORKSCOPE_TRACE_TEST_MARK=%d-%ld", (int)getpid(), events_before_signal);
	ck_assert_int_eq(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
	ck_assert_int_eq(pipe(progress), 0);
	tracer_pid = fork();
	if (tracer_pid == 0) {
		close(progress[0]);
		tracing_process(progress[1], events_before_signal, hold);
	}
	close(progress[1]);
	ck_assert_int_eq(read(progress[0], &c, 1), 1);
	if (hold) {
		/* Let the hold take: the tracing process stops every tracee it meets. */
		bool none_held = true;
		deadline = clock_now_us() + FAILSAFE_US;
		while (none_held && clock_now_us() < deadline) {
			size_t stopped = 0;
			count_marked(&stopped, false);
			none_held = stopped == 0;
		}
		ck_assert_msg(!none_held, "nothing was ever held");
	}
	ck_assert_uint_gt(count_marked(&bad, false), 0);
	kill(tracer_pid, SIGKILL);
	ck_assert_int_eq(waitpid(tracer_pid, &st, 0), tracer_pid);
	ck_assert(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	/* Every orphan comes to us; wait until there is no child at all. */
	deadline = clock_now_us() + FAILSAFE_US;
	do {
		reaped = waitpid(-1, &st, WNOHANG);
		wait_err = reaped < 0 ? errno : 0;
		if (reaped == 0)
			usleep(1000);
	} while (wait_err != ECHILD && clock_now_us() < deadline);
	bad = 0;
	left = count_marked(&bad, true);
	ck_assert_msg(wait_err == ECHILD, "children of the subtree still alive");
	ck_assert_uint_eq(left, 0);
	ck_assert_uint_eq(bad, 0);
	close(progress[0]);
}

START_TEST(test_kill_early)
{
	kill_mid_run(20, false);
}
END_TEST

START_TEST(test_kill_mid_storm)
{
	kill_mid_run(3000, false);
}
END_TEST

START_TEST(test_kill_while_holding)
{
	kill_mid_run(1000, true);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("cleanup");
	TCase *tc = tcase_create("sigkill");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 120);
	ADD_TEST(tc, test_kill_early);
	ADD_TEST(tc, test_kill_mid_storm);
	ADD_TEST(tc, test_kill_while_holding);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
