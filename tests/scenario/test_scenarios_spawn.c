/*
 * Kernel truth for the scenarios spawn-plain, spawn-file-actions,
 * spawn-attrs, clone3-pidfd and custom: each runs through the helper and
 * the tracer (the Runner), and at every step boundary the test reads /proc
 * itself (stat, status, fd/, fdinfo/, cwd, environ, cmdline) and the
 * tracer's events in the session, and asserts the effect the scenario
 * exists to show. The helper's reports are used to tell which call a step
 * made, and for the return value posix_spawn gave (beside the kernel's
 * account of the same child); never as the only evidence. mmap-shared,
 * scale and spawn-cost are tested in test_scenarios_cost.c. The readers are
 * in spawn_truth.c.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "print/procstate.h"
#include "spawn_truth.h"
#include "ui/format/format.h"
#include "ui/format/glyphs.h"
#include "ui/format/stable.h"

/* ---- spawn-plain ----------------------------------------------------------- */

static void verify_spawn_plain(Run *run)
{
	pid_t child;
	const Event *report;
	const ProcRecord *rec;

	switch (run->step) {
	case 1: /* the state to inherit */
		ck_assert_int_ge(fd_containing(run->root, 3, "/dev/null"), 3);
		ck_assert_int_ge(fd_containing(run->root, 3, "/dev/zero"), 3);
		ck_assert(has_signal(proc_sigset(run->root, "SigBlk"), SIGUSR1));
		ck_assert(has_signal(proc_sigset(run->root, "SigIgn"), SIGINT));
		ck_assert(has_signal(proc_sigset(run->root, "SigCgt"), SIGUSR2));
		break;
	case 2: /* the spawned child inherited it all, except O_CLOEXEC and the handler */
		child = run->saved[0] = nth_child(run->session, run->root, 0);
		ck_assert_int_gt(child, 0);
		ck_assert_ptr_nonnull(rec = Session_find_const(run->session, child));
		ck_assert_int_eq(rec->how, HOW_VFORK); /* glibc: clone(CLONE_VM|CLONE_VFORK) */
		ck_assert_ptr_nonnull(find_event(run->session, EV_EXEC, child));
		ck_assert_int_eq(stat_field(child, 4), run->root);
		ck_assert_int_eq(stat_field(child, 5), stat_field(run->root, 5));
		ck_assert_int_eq(stat_field(child, 6), stat_field(run->root, 6));
		ck_assert_int_ge(fd_containing(child, 3, "/dev/null"), 3);
		ck_assert_int_eq(fd_containing(child, 0, "/dev/zero"), -1);
		ck_assert(has_signal(proc_sigset(child, "SigBlk"), SIGUSR1));
		ck_assert(has_signal(proc_sigset(child, "SigIgn"), SIGINT));
		ck_assert(!has_signal(proc_sigset(child, "SigCgt"), SIGUSR2));
		ck_assert(!has_signal(proc_sigset(child, "SigIgn"), SIGUSR2));
		/* the helper says it was posix_spawn, returning 0 with this pid */
		ck_assert_ptr_nonnull(report = nth_api(run->session, run->root, "posix_spawn", 0));
		ck_assert_int_eq(report->ret, 0);
		ck_assert_int_eq(report->child, child);
		break;
	case 3: /* a missing program: the child never ran it, posix_spawn said ENOENT */
		run->saved[1] = nth_child(run->session, run->root, 1);
		assert_failed_before_exec(run->session, run->saved[1]);
		ck_assert(!proc_exists(run->saved[0]));
		ck_assert_ptr_nonnull(report = nth_api(run->session, run->root, "posix_spawn", 1));
		ck_assert_int_eq(report->ret, ENOENT);
		break;
	default:
		assert_all_gone(run, 2);
		break;
	}
}

START_TEST(test_spawn_plain)
{
	run_scenario("spawn-plain", NULL, NULL, verify_spawn_plain);
}
END_TEST

/* ---- spawn-file-actions -------------------------------------------------- */

/* The hold pipe: the pipe the root holds two FDs of (both ends). */
static void hold_pipe_of(pid_t root, char *target, size_t len)
{
	char link[4096];

	target[0] = '\0';
	for (int fd = 3; fd < 100; fd++) {
		fd_target(root, fd, link, sizeof link);
		if (strncmp(link, "pipe:", 5) == 0 && count_fds_with_target(root, link) == 2) {
			snprintf(target, len, "%s", link);
			return;
		}
	}
}

static void verify_spawn_file_actions(Run *run)
{
	char hold[4096], link[4096];
	int highest;
	pid_t a, b;

	switch (run->step) {
	case 1:
		ck_assert_int_ge(fd_containing(run->root, 3, "/dev/urandom"), 3);
		break;
	case 2: /* A: 0-2 as asked, the named pipe FDs closed, /dev/urandom leaked */
		a = run->saved[0] = nth_child(run->session, run->root, 0);
		ck_assert_ptr_nonnull(find_event(run->session, EV_EXEC, a));
		hold_pipe_of(run->root, hold, sizeof hold);
		ck_assert_str_ne(hold, "");
		fd_target(a, 0, link, sizeof link);
		ck_assert_str_eq(link, hold);
		ck_assert_int_eq(count_fds_with_target(a, hold), 1); /* hold[1] was closed */
		ck_assert_int_eq(fdinfo_field(a, 0, "flags") & O_ACCMODE, O_RDONLY);
		fd_target(a, 1, link, sizeof link);
		ck_assert(strncmp(link, "pipe:", 5) == 0);
		ck_assert_int_eq(fdinfo_field(a, 1, "flags") & O_ACCMODE, O_WRONLY);
		fd_target(a, 2, link, sizeof link);
		ck_assert_str_eq(link, "/dev/null");
		ck_assert_int_ge(fd_containing(a, 3, "/dev/urandom"), 3);
		break;
	case 3: /* B: exactly 0-3, cwd /dev */
		b = run->saved[1] = nth_child(run->session, run->root, 1);
		ck_assert_ptr_nonnull(find_event(run->session, EV_EXEC, b));
		ck_assert_uint_eq(fd_set_of(b, &highest), 0xf);
		ck_assert_int_eq(highest, 3);
		hold_pipe_of(run->root, hold, sizeof hold);
		fd_target(b, 0, link, sizeof link);
		ck_assert_str_eq(link, hold);
		fd_target(b, 1, link, sizeof link);
		ck_assert(strncmp(link, "pipe:", 5) == 0);
		fd_target(b, 2, link, sizeof link);
		ck_assert_str_eq(link, "/dev/null");
		fd_target(b, 3, link, sizeof link);
		ck_assert_str_eq(link, "/dev/zero");
		proc_link(b, "cwd", link, sizeof link);
		ck_assert_str_eq(link, "/dev");
		break;
	case 4: /* C: the failing addopen stopped it before exec */
		run->saved[2] = nth_child(run->session, run->root, 2);
		assert_failed_before_exec(run->session, run->saved[2]);
		ck_assert_int_eq(nth_api(run->session, run->root, "posix_spawn", 2)->ret, ENOENT);
		ck_assert(proc_exists(run->saved[0]) && proc_exists(run->saved[1]));
		break;
	default:
		assert_all_gone(run, 3);
		break;
	}
}

START_TEST(test_spawn_file_actions)
{
	run_scenario("spawn-file-actions", NULL, NULL, verify_spawn_file_actions);
}
END_TEST

/* ---- spawn-attrs ---------------------------------------------------------- */

/* The newest child of parent that is still alive. */
static pid_t newest_live_child(const Session *s, pid_t parent)
{
	pid_t newest = 0;

	for (int i = 0;; i++) {
		pid_t c = nth_child(s, parent, i);
		if (c == 0)
			return newest;
		if (proc_exists(c) && proc_state(c) != 'Z')
			newest = c;
	}
}

/* The priority the demo asks for: 10, or less if RLIMIT_RTPRIO says so. */
static long fifo_priority(void)
{
	struct rlimit rt;

	if (geteuid() == 0 || getrlimit(RLIMIT_RTPRIO, &rt) < 0 || rt.rlim_cur >= 10)
		return 10;
	return (long)rt.rlim_cur;
}

static void verify_spawn_attrs(Run *run)
{
	long ruid[3], gid[3];
	pid_t c, leader, sub;

	switch (run->step) {
	case 1:
		ck_assert(has_signal(proc_sigset(run->root, "SigIgn"), SIGINT));
		ck_assert(has_signal(proc_sigset(run->root, "SigIgn"), SIGQUIT));
		ck_assert(has_signal(proc_sigset(run->root, "SigBlk"), SIGUSR2));
		break;
	case 2: /* SETSIGMASK {SIGUSR1}, SETSIGDEF {SIGINT} */
		c = run->saved[0] = nth_child(run->session, run->root, 0);
		ck_assert_uint_eq(proc_sigset(c, "SigBlk"), 1ull << (SIGUSR1 - 1));
		ck_assert(!has_signal(proc_sigset(c, "SigIgn"), SIGINT));
		ck_assert(has_signal(proc_sigset(c, "SigIgn"), SIGQUIT));
		break;
	case 3: /* SETPGROUP 0, then SETPGROUP leader */
		leader = run->saved[1] = nth_child(run->session, run->root, 1);
		c = run->saved[2] = nth_child(run->session, run->root, 2);
		ck_assert_int_eq(stat_field(leader, 5), leader);
		ck_assert_int_eq(stat_field(c, 5), leader);
		ck_assert_int_eq(stat_field(leader, 6), stat_field(run->root, 6));
		ck_assert_int_ne(stat_field(run->root, 5), leader);
		break;
	case 4: /* SETSID */
		c = run->saved[3] = nth_child(run->session, run->root, 3);
		ck_assert_int_eq(stat_field(c, 6), c);
		ck_assert_int_eq(stat_field(c, 5), c);
		ck_assert_int_ne(stat_field(run->root, 6), c);
		break;
	case 5: /* SETSCHEDULER SCHED_FIFO, where allowed; a note where not */
		c = newest_live_child(run->session, run->root);
		ck_assert_int_eq(stat_field(run->root, 41), SCHED_OTHER);
		if (nth_note(run->session, "not root: a real-time policy", 0) != NULL ||
		    nth_note(run->session, "SCHED_FIFO was refused", 0) != NULL) {
			ck_assert_int_eq(c, run->saved[3]); /* no new child */
			ck_assert(geteuid() != 0 || nth_note(run->session, "SCHED_FIFO was refused", 0) != NULL);
			break;
		}
		run->saved[4] = c;
		ck_assert_int_ne(c, run->saved[3]);
		ck_assert_int_eq(stat_field(c, 41), SCHED_FIFO);
		ck_assert_int_eq(stat_field(c, 40), fifo_priority());
		break;
	case 6: /* RESETIDS, as root: from a parent whose real and effective ids differ */
		if (geteuid() != 0) {
			ck_assert_int_eq(run->pid, run->root);
			ck_assert_ptr_nonnull(nth_note(run->session, "not root: RESETIDS", 0));
			break;
		}
		sub = run->saved[5] = run->pid;
		ck_assert_int_eq(stat_field(sub, 4), run->root);
		proc_ids(sub, "Uid", ruid);
		ck_assert(ruid[0] == 65534 && ruid[1] == 0);
		c = run->saved[6] = nth_child(run->session, sub, 0);
		proc_ids(c, "Uid", ruid);
		proc_ids(c, "Gid", gid);
		ck_assert(ruid[0] == 65534 && ruid[1] == 65534); /* RESETIDS: effective = real */
		ck_assert(gid[0] == 65534 && gid[1] == 65534);
		c = run->saved[7] = nth_child(run->session, sub, 1);
		proc_ids(c, "Uid", ruid);
		ck_assert(ruid[0] == 65534 && ruid[1] == 0); /* no flag: the privilege came along */
		break;
	default:
		assert_all_gone(run, 8);
		break;
	}
}

START_TEST(test_spawn_attrs)
{
	run_scenario("spawn-attrs", NULL, NULL, verify_spawn_attrs);
}
END_TEST

/* ---- clone3-pidfd ------------------------------------------------------- */

static int pidfd_of(pid_t pid)
{
	return fd_containing(pid, 0, "anon_inode:[pidfd]");
}

static int pid_as_is(void *ctx, pid_t pid)
{
	(void)ctx;
	return pid;
}

/* Held at its exit stop, the kernel shows the child in a tracing stop
 * with its FDs: batch state, its JSON and the tree row say "exiting
 * (held)" and 't', never a zombie. */
static void assert_shown_exiting_held(Session *s, pid_t child)
{
	const ProcRecord *rec = Session_find_const(s, child);
	StableIds ids;
	TreeRowContext ctx = { .g = glyphs_get(true), .ids = &ids };
	TreeRow row = { 0 };
	json_object *json, *field;
	ProcState ps;
	char *text = NULL, cell[256];
	size_t len = 0;
	FILE *out;

	ck_assert_ptr_nonnull(rec);
	ck_assert(rec->held && rec->exited);
	ProcState_read(&ps, rec);
	ck_assert_ptr_nonnull(out = open_memstream(&text, &len));
	ProcState_print_text(out, &ps, pid_as_is, NULL);
	fclose(out);
	ck_assert_msg(strstr(text, " state t ") != NULL, "%s", text);
	ck_assert_msg(strstr(text, "exiting (held): exit 42") != NULL, "%s", text);
	ck_assert_msg(strstr(text, "zombie") == NULL && strstr(text, "state Z") == NULL, "%s", text);
	ck_assert_msg(strstr(text, "    fd 0 ") != NULL, "%s", text);
	free(text);
	json = ProcState_json(&ps, pid_as_is, NULL);
	ck_assert(json_object_object_get_ex(json, "state", &field));
	ck_assert_str_eq(json_object_get_string(field), "t");
	ck_assert(json_object_object_get_ex(json, "exiting", &field));
	ck_assert(json_object_get_boolean(field));
	ck_assert(json_object_object_get_ex(json, "exited", &field));
	ck_assert(!json_object_get_boolean(field));
	json_object_put(json);
	ProcState_done(&ps);

	StableIds_init(&ids, false, 1, "");
	tree_cell(&ctx, rec, &row, TCOL_STATE, cell, sizeof cell);
	ck_assert_str_eq(cell, "t");
	tree_cell(&ctx, rec, &row, TCOL_COMMAND, cell, sizeof cell);
	ck_assert_msg(strstr(cell, "[exiting (held): exit 42]") != NULL, "%s", cell);
	StableIds_done(&ids);
}

static void verify_clone3_pidfd(Run *run)
{
	const Event *exit_ev, *sent, *taken;
	pid_t child = run->saved[0];
	int pidfd;

	switch (run->step) {
	case 1: /* the pidfd is in the parent's table and names the child */
		child = run->saved[0] = nth_child(run->session, run->root, 0);
		ck_assert_int_gt(child, 0);
		ck_assert_int_eq(stat_field(child, 4), run->root);
		ck_assert_int_ge(pidfd = pidfd_of(run->root), 0);
		ck_assert_int_eq(fdinfo_field(run->root, pidfd, "Pid"), child);
		ck_assert(fdinfo_field(run->root, pidfd, "flags") & O_CLOEXEC);
		ck_assert_int_eq(pidfd_of(child), -1);
		break;
	case 2: /* the child, held at its exit after the signal sent through the pidfd */
		ck_assert_int_eq(run->pid, child);
		ck_assert_int_eq(proc_state(child), 't');
		ck_assert_int_ge(fd_containing(child, 0, "pipe:["), 0); /* its FD table is there */
		assert_shown_exiting_held(run->session, child);
		/* the timeline shows the send before the receipt it caused */
		ck_assert_ptr_nonnull(sent = nth_api(run->session, run->root, "pidfd_send_sig", 0));
		ck_assert_ptr_nonnull(taken = nth_api(run->session, child, "sigwaitinfo", 0));
		ck_assert(sent < taken && sent->t_us <= taken->t_us);
		break;
	case 3: /* exited, not reaped: a zombie the pidfd still names */
		ck_assert_int_eq(proc_state(child), 'Z');
		ck_assert_int_eq(fdinfo_field(run->root, pidfd_of(run->root), "Pid"), child);
		break;
	case 4: /* reaped by waitid(P_PIDFD): gone, the pidfd says -1 */
		ck_assert(!proc_exists(child));
		ck_assert_ptr_nonnull(exit_ev = find_event(run->session, EV_EXIT, child));
		ck_assert(WIFEXITED(exit_ev->status) && WEXITSTATUS(exit_ev->status) == 42);
		ck_assert_int_ge(pidfd = pidfd_of(run->root), 0);
		ck_assert_int_eq(fdinfo_field(run->root, pidfd, "Pid"), -1);
		break;
	default:
		ck_assert_int_eq(count_children(run->session, run->root, EV_FORK) +
				 count_children(run->session, run->root, EV_CLONE), 1);
		assert_all_gone(run, 1);
		break;
	}
}

START_TEST(test_clone3_pidfd)
{
	run_scenario("clone3-pidfd", NULL, NULL, verify_clone3_pidfd);
}
END_TEST

/* ---- custom -------------------------------------------------------------- */

/* The environment entry of pid that starts with prefix, or NULL. */
static const char *environ_entry(pid_t pid, const char *prefix)
{
	static char env[1 << 17];
	ssize_t len = proc_read(pid, "environ", env, sizeof env);

	ck_assert_int_ge(len, 0);
	for (ssize_t i = 0; i < len; i += (ssize_t)strlen(env + i) + 1)
		if (strncmp(env + i, prefix, strlen(prefix)) == 0)
			return env + i;
	return NULL;
}

static bool environ_mentions(pid_t pid, const char *prefix)
{
	return environ_entry(pid, prefix) != NULL;
}

/* The FD number a FORKSCOPE_*_FD variable of pid's environment names. */
static int environ_fd(pid_t pid, const char *prefix)
{
	const char *entry = environ_entry(pid, prefix);

	return entry != NULL ? atoi(entry + strlen(prefix)) : -1;
}

static void verify_custom(Run *run)
{
	char cmdline[256];
	const Event *exit_ev;
	ssize_t n;

	switch (run->step) {
	case 1: /* held right after the exec of sh: same child, new program */
		run->saved[0] = run->pid;
		ck_assert_int_eq(nth_child(run->session, run->root, 0), run->pid);
		ck_assert_int_eq(stat_field(run->pid, 4), run->root);
		ck_assert_int_eq(proc_state(run->pid), 't');
		ck_assert_ptr_nonnull(find_event(run->session, EV_EXEC, run->pid));
		n = proc_read(run->pid, "cmdline", cmdline, sizeof cmdline);
		ck_assert(n > 9 && memcmp(cmdline, "sh\0-c\0exit 3", 12) == 0);
		for (int i = 0; i < 2; i++) { /* the helper's protocol FDs did not reach the command */
			char link[4096];
			int fd = environ_fd(run->root, i == 0 ? "FORKSCOPE_REPORT_FD=" : "FORKSCOPE_CONTROL_FD=");
			ck_assert_int_ge(fd, 3);
			fd_target(run->pid, fd, link, sizeof link);
			ck_assert_str_eq(link, "");
		}
		ck_assert(!environ_mentions(run->pid, "FORKSCOPE_REPORT_FD="));
		break;
	case 2: /* exited, a zombie until the helper reaps it */
		ck_assert_int_eq(proc_state(run->saved[0]), 'Z');
		ck_assert_ptr_nonnull(exit_ev = find_event(run->session, EV_EXIT, run->saved[0]));
		ck_assert(WIFEXITED(exit_ev->status) && WEXITSTATUS(exit_ev->status) == 3);
		break;
	default:
		assert_all_gone(run, 1);
		break;
	}
}

START_TEST(test_custom)
{
	char *command[] = { "sh", "-c", "exit 3", NULL };

	run_scenario("custom", NULL, command, verify_custom);
}
END_TEST

static void verify_custom_missing(Run *run)
{
	switch (run->step) {
	case 1: /* nothing to exec: held at its exit instead */
		run->saved[0] = run->pid;
		ck_assert_int_eq(proc_state(run->pid), 't');
		break;
	case 2:
		ck_assert_int_eq(proc_state(run->saved[0]), 'Z');
		break;
	default:
		assert_failed_before_exec(run->session, run->saved[0]);
		break;
	}
}

START_TEST(test_custom_missing)
{
	char *command[] = { "forkscope-no-such-command", NULL };

	run_scenario("custom", NULL, command, verify_custom_missing);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("scenarios_spawn");
	TCase *tc = tcase_create("kernel");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_spawn_plain);
	tcase_add_test(tc, test_spawn_file_actions);
	tcase_add_test(tc, test_spawn_attrs);
	tcase_add_test(tc, test_clone3_pidfd);
	tcase_add_test(tc, test_custom);
	tcase_add_test(tc, test_custom_missing);
	suite_add_tcase(su, tc);
	sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
