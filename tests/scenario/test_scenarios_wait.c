/*
 * Kernel truth for the scenarios in which a parent waits for what it
 * started: system (the caller's signal mask and dispositions while sh -c
 * runs the command, and a launcher's ignored and blocked signals the demo
 * drops), popen (the pipe between the command and the parent, the order of
 * the command's write and the parent's read, pclose's wait) and
 * zombie-orphan (a zombie until reaped, orphans adopted by the nearest
 * subreaper or init). Each one is run through the helper and the tracer
 * (the Runner), and at every step boundary the test reads /proc itself
 * (stat, status, fd/, fdinfo/, cmdline, syscall) and the tracer's events in
 * the session, and asserts the effect the scenario exists to show. The
 * readers are in basic_truth.c and spawn_truth.c, deliberately independent
 * of src/probe.
 */
#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "basic_truth.h"
#include "model/session.h"
#include "spawn_truth.h"

/* ---- system --------------------------------------------------------------- */

static void assert_signals_as_before(pid_t pid)
{
	ck_assert(!has_signal(proc_sigset(pid, "SigBlk"), SIGCHLD));
	ck_assert(!has_signal(proc_sigset(pid, "SigIgn"), SIGINT));
	ck_assert(!has_signal(proc_sigset(pid, "SigIgn"), SIGQUIT));
	ck_assert(has_signal(proc_sigset(pid, "SigCgt"), SIGINT));
}

static void verify_system(Run *run)
{
	char cmdline[4096];
	pid_t shell;

	switch (run->step) {
	case 1:
	case 3:
		assert_signals_as_before(run->root);
		break;
	case 2: /* the command runs under sh -c, the caller waits with its mask changed */
		shell = proc_ppid(run->pid);
		ck_assert_int_eq(proc_ppid(shell), run->root);
		ck_assert(has_event(run->session, EV_EXEC, shell));
		ck_assert_int_gt(proc_read(shell, "cmdline", cmdline, sizeof cmdline), 0);
		ck_assert_str_eq(cmdline, "sh");
		ck_assert_str_eq(cmdline + 3, "-c");
		ck_assert(has_signal(proc_sigset(run->root, "SigBlk"), SIGCHLD));
		ck_assert(has_signal(proc_sigset(run->root, "SigIgn"), SIGINT));
		ck_assert(has_signal(proc_sigset(run->root, "SigIgn"), SIGQUIT));
		ck_assert(wait_in_syscall(run->root, SYS_wait4));
		/* the command itself has the original mask and SIGINT not ignored */
		ck_assert(!has_signal(proc_sigset(run->pid, "SigBlk"), SIGCHLD));
		ck_assert(!has_signal(proc_sigset(run->pid, "SigIgn"), SIGINT));
		break;
	}
}

START_TEST(test_system)
{
	run_scenario("system", NULL, NULL, verify_system);
}
END_TEST

/* The demo's step 1 is a process nothing was done to but catching SIGINT:
 * whatever its launcher ignored or blocked, nothing is ignored or blocked. */
static void verify_system_clean_start(Run *run)
{
	if (run->step == 1) {
		ck_assert_uint_eq(proc_sigset(run->root, "SigIgn"), 0);
		ck_assert_uint_eq(proc_sigset(run->root, "SigBlk"), 0);
		ck_assert_uint_eq(proc_sigset(run->root, "SigCgt"), UINT64_C(1) << (SIGINT - 1));
	}
	verify_system(run);
}

/* Started the way tmux or a job-control shell starts a program: SIGTTIN
 * and SIGTTOU ignored; and with SIGUSR1 blocked. The tracer hands the demo
 * this state (the one forkscope started with); the demo drops it. */
START_TEST(test_system_launcher_signals)
{
	sigset_t block;

	signal(SIGTTIN, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	run_scenario("system", NULL, NULL, verify_system_clean_start);
}
END_TEST

/* ---- popen ---------------------------------------------------------------- */

/* Index in the log of pid's first event of kind (and api, for EV_API) from
 * index from on; -1 if none. */
static long popen_event_at(const Session *s, size_t from, EventKind kind, pid_t pid, const char *api)
{
	for (size_t i = from; i < s->nevents; i++) {
		const Event *ev = &s->events[i];
		if (ev->kind == kind && ev->pid == pid && (api == NULL || strcmp(ev->api, api) == 0))
			return (long)i;
	}
	return -1;
}

static void verify_popen(Run *run)
{
	const Session *s = run->session;
	char pipe_name[256];
	long first, next;
	int fd;

	switch (run->step) {
	case 1: /* the command's stdout is the pipe whose read end the parent holds */
		ck_assert_int_eq(proc_ppid(proc_ppid(run->pid)), run->root);
		fd_target(run->pid, STDOUT_FILENO, pipe_name, sizeof pipe_name);
		ck_assert_msg(strncmp(pipe_name, "pipe:[", 6) == 0, "command's FD 1 is %s", pipe_name);
		fd = fd_with_target(run->root, pipe_name);
		ck_assert_int_ge(fd, 0);
		ck_assert_uint_eq(fd_flags(run->root, fd) & O_ACCMODE, O_RDONLY);
		run->saved[0] = run->pid;
		run->saved[1] = proc_ppid(run->pid);
		break;
	case 2: /* the command reported its first write before it wrote the newline
		 * that let the parent's fgets return: the log has them in that order */
		first = popen_event_at(s, 0, EV_API, run->saved[0], "write");
		next = popen_event_at(s, 0, EV_API, run->root, "fgets");
		ck_assert_int_ge(first, 0);
		ck_assert_int_gt(next, first);
		ck_assert_int_eq(s->events[next].ret, 24); /* the line, newline included */
		break;
	case 3: /* pclose: the pipe closed, shell and command reaped */
		ck_assert(!proc_exists(run->saved[0]));
		ck_assert(!proc_exists(run->saved[1]));
		ck_assert(has_event(run->session, EV_EXIT, run->saved[1]));
		/* end of file only once the shell, which held a write end too, exited */
		first = popen_event_at(s, 0, EV_EXIT, run->saved[1], NULL);
		next = popen_event_at(s, (size_t)popen_event_at(s, 0, EV_API, run->root, "fgets") + 1,
				      EV_API, run->root, "fgets");
		ck_assert_int_ge(first, 0);
		ck_assert_int_gt(next, first);
		ck_assert_int_eq(s->events[next].ret, 0);
		break;
	case 4: /* the command's stdin is the pipe; the parent closed its end and waits */
		fd_target(run->pid, STDIN_FILENO, pipe_name, sizeof pipe_name);
		ck_assert_msg(strncmp(pipe_name, "pipe:[", 6) == 0, "command's FD 0 is %s", pipe_name);
		ck_assert_int_eq(fd_with_target(run->root, pipe_name), -1);
		ck_assert_msg(wait_in_syscall(run->root, SYS_wait4), "pclose is not waiting");
		run->saved[0] = run->pid;
		break;
	case 5:
		ck_assert(!proc_exists(run->saved[0]));
		break;
	}
}

START_TEST(test_popen)
{
	run_scenario("popen", NULL, NULL, verify_popen);
}
END_TEST

/* ---- zombie-orphan -------------------------------------------------------- */

/* Is pid this process or one of its ancestors? */
static bool is_our_ancestor(pid_t pid)
{
	for (pid_t p = getpid(); p > 0; p = proc_ppid(p))
		if (p == pid)
			return true;
	return false;
}

/* The new parent the session's reparent event names for pid, 0 if none. */
static pid_t reparent_to(const Session *s, pid_t pid)
{
	for (size_t i = 0; i < s->nevents; i++)
		if (s->events[i].kind == EV_REPARENT && s->events[i].pid == pid)
			return s->events[i].ppid;
	return 0;
}

static void verify_zombie_orphan(Run *run)
{
	const Session *s = run->session;
	pid_t zombie = nth_child(s, run->root, 0);
	pid_t middle, orphan, adopter;
	int we_subreap = 0;
	char state;

	switch (run->step) {
	case 1:
		ck_assert_int_eq(proc_state(zombie), 'Z');
		break;
	case 2:
		ck_assert(!proc_exists(zombie));
		break;
	case 3: /* adopted by the nearest subreaper or init, both our ancestors */
		middle = nth_child(s, run->root, 1);
		orphan = nth_child(s, middle, 0);
		ck_assert_int_gt(orphan, 0);
		ck_assert(!proc_exists(middle));
		adopter = proc_ppid(orphan);
		ck_assert_int_ne(adopter, middle);
		ck_assert_msg(adopter == 1 || is_our_ancestor(adopter),
			      "orphan adopted by %d, neither init nor a subreaper above us", (int)adopter);
		/* the caption's 'reparented to N' names the kernel's new parent */
		ck_assert_int_eq(reparent_to(s, orphan), adopter);
		/* If this process is a subreaper, it is the nearest one above. */
		prctl(PR_GET_CHILD_SUBREAPER, &we_subreap);
		if (we_subreap)
			ck_assert_int_eq(adopter, getpid());
		break;
	case 4: /* the helper is a subreaper now: the orphan is its child */
		middle = nth_child(s, run->root, 2);
		orphan = nth_child(s, middle, 0);
		ck_assert_int_gt(orphan, 0);
		ck_assert(!proc_exists(middle));
		ck_assert_int_eq(proc_ppid(orphan), run->root);
		ck_assert_int_eq(reparent_to(s, orphan), run->root);
		run->saved[0] = orphan;
		/* the first orphan was let go: exited, a zombie unless its adopter reaped it */
		orphan = nth_child(s, nth_child(s, run->root, 1), 0);
		state = wait_state(orphan, "Z");
		ck_assert_msg(state == 0 || state == 'Z', "first orphan in state %c", state);
		break;
	case 5:
		ck_assert(!proc_exists(run->saved[0]));
		break;
	}
}

START_TEST(test_zombie_orphan)
{
	run_scenario("zombie-orphan", NULL, NULL, verify_zombie_orphan);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("scenarios_wait");
	TCase *tc = tcase_create("kernel");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_system);
	tcase_add_test(tc, test_system_launcher_signals);
	tcase_add_test(tc, test_popen);
	tcase_add_test(tc, test_zombie_orphan);
	suite_add_tcase(su, tc);
	sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
