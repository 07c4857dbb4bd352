/*
 * Kernel truth for the scenarios that show what sharing and spawning
 * cost: mmap-shared (a file's pages mapped shared by two workers, clean
 * and with Pss half of Rss, against two private copies read into buffers),
 * scale (each crew at its start line, the pipe ends each side holds, the
 * measured lines) and spawn-cost (one line per method and parent size, and
 * every child the kernel saw made, exec'd, exit 0 and gone). Each runs
 * through the helper and the tracer (the Runner), and at every step
 * boundary the test reads /proc itself (stat, fd/, smaps, smaps_rollup) and
 * the tracer's events in the session. The helper's measured lines are
 * checked for their form, never for a time. The readers are in
 * spawn_truth.c.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "spawn_truth.h"

/* ---- mmap-shared --------------------------------------------------------- */

#define MMAP_NAME "forkscope-mmap-"

/* Did the helper say it had to put the file on tmpfs? */
static bool note_says_tmpfs(const Session *s)
{
	for (size_t i = 0; i < s->nevents; i++)
		if (s->events[i].kind == EV_NOTE && strstr(s->events[i].detail, " is tmpfs: ") != NULL)
			return true;
	return false;
}

static void verify_mmap_shared(Run *run)
{
	bool on_tmpfs = note_says_tmpfs(run->session);
	long rss, pss, dirty, shared_pss;
	pid_t w;

	switch (run->step) {
	case 1: /* the file, unlinked, held open by the parent */
		ck_assert_int_ge(fd_containing(run->root, 3, MMAP_NAME), 3);
		ck_assert_int_ge(fd_containing(run->root, 3, " (deleted)"), 3);
		/* the parent's own readlink says so, in the events */
		ck_assert_ptr_nonnull(nth_api(run->session, run->root, "readlink", 0));
		ck_assert_ptr_nonnull(strstr(nth_api(run->session, run->root, "readlink", 0)->detail, " (deleted)"));
		break;
	case 2: /* two workers map it: every page shared and clean, Pss half of Rss */
		/* announced by shared worker 1, once both had mapped the file */
		ck_assert_int_eq(run->pid, nth_child(run->session, run->root, 0));
		for (int i = 0; i < 2; i++) {
			w = run->saved[i] = nth_child(run->session, run->root, i);
			ck_assert_int_eq(smaps_kb(w, MMAP_NAME, "Rss"), 4096);
			/* clean: flushed to disk; only tmpfs (which has no disk copy) keeps them dirty */
			ck_assert_int_eq(smaps_kb(w, MMAP_NAME, on_tmpfs ? "Shared_Dirty" : "Shared_Clean"), 4096);
			ck_assert_int_eq(smaps_kb(w, MMAP_NAME, "Private_Clean") + smaps_kb(w, MMAP_NAME, "Private_Dirty"), 0);
			pss = smaps_kb(w, MMAP_NAME, "Pss");
			ck_assert_int_lt(pss, 4096);
			ck_assert_int_le(labs(pss - 2048), 1);
			ck_assert_int_eq(fd_containing(w, 0, MMAP_NAME), -1); /* the mapping alone keeps it */
		}
		break;
	case 3: /* two more read it into buffers: private, Pss = Rss */
		ck_assert_int_eq(run->pid, nth_child(run->session, run->root, 2)); /* copy worker 1 */
		shared_pss = smaps_kb(run->saved[0], MMAP_NAME, "Pss");
		for (int i = 2; i < 4; i++) {
			w = run->saved[i] = nth_child(run->session, run->root, i);
			ck_assert_int_eq(smaps_kb(w, MMAP_NAME, "Rss"), -1);
			largest_anon(w, &rss, &pss, &dirty);
			ck_assert_int_ge(rss, 4096);
			ck_assert_int_eq(pss, rss);
			ck_assert_int_ge(dirty, 4096);
			ck_assert_int_lt(shared_pss, pss);
		}
		break;
	default:
		assert_all_gone(run, 4);
		break;
	}
}

START_TEST(test_mmap_shared)
{
	static const char *const options[] = { "workers=2", "size=4", NULL };

	run_scenario("mmap-shared", options, NULL, verify_mmap_shared);
}
END_TEST

/* ---- scale ---------------------------------------------------------------- */

typedef struct ScaleLine {
	char mode[16], answer[17];
	int workers, cpus;
	long units, kiter;
	double ms, rate, speedup;
} ScaleLine;

static bool parse_scale(const char *text, ScaleLine *l)
{
	return text != NULL &&
	       sscanf(text, "scale mode=%15s workers=%d cpus=%d units=%ld unit_kiter=%ld ms=%lf units_per_s=%lf speedup=%lf answer=%16s",
		      l->mode, &l->workers, &l->cpus, &l->units, &l->kiter, &l->ms, &l->rate, &l->speedup, l->answer) == 9;
}

static bool pipe_fd(pid_t pid, int fd)
{
	char target[256];

	fd_target(pid, fd, target, sizeof target);
	return strncmp(target, "pipe:", 5) == 0;
}

/* The runs reported so far are well formed, in order, and all gave one answer. */
static void check_scale_lines(const Run *run, int expected)
{
	static const char *const modes[] = { "independent", "independent", "pipe", "pipe" };
	ScaleLine first, l;

	for (int i = 0; i < 4; i++) {
		const char *text = nth_note(run->session, "scale mode=", i);
		if (i >= expected) {
			ck_assert_ptr_null(text);
			continue;
		}
		ck_assert_msg(parse_scale(text, &l), "malformed: %s", text ? text : "(none)");
		ck_assert_str_eq(l.mode, modes[i]);
		ck_assert_int_eq(l.workers, i % 2 + 1);
		ck_assert_int_eq(l.units, 64);
		ck_assert(l.ms > 0 && l.rate > 0);
		if (i == 0)
			first = l;
		ck_assert_str_eq(l.answer, first.answer);
	}
}

static void verify_scale(Run *run)
{
	int crew_at[] = { 0, 1, 0, 4 }; /* index of the first worker of the held crew, by step */

	switch (run->step) {
	case 1:
	case 3: /* the crew of two waits at the start line; the run of one is over */
		check_scale_lines(run, run->step);
		for (int i = 0; i < 2; i++) {
			pid_t w = nth_child(run->session, run->root, crew_at[run->step] + i);
			ck_assert_int_eq(stat_field(w, 4), run->root);
			/* Forked just before the step: it may not have reached
			 * the start line's read yet, on a busy machine. */
			ck_assert_int_eq(wait_state(w, "S"), 'S');
		}
		ck_assert(!proc_exists(nth_child(run->session, run->root, crew_at[run->step] - 1)));
		/* Worker 1 announced the step. It holds the start pipe's read end
		 * (3) and the result pipe's write end (6), in pipe mode the task
		 * pipe's read end (7); the other ends (4, 5, 8) are the parent's. */
		ck_assert_int_eq(run->pid, nth_child(run->session, run->root, crew_at[run->step]));
		for (int fd = 3; fd <= 8; fd++) {
			bool worker_end = fd == 3 || fd == 6 || fd == 7, in_mode = fd < 7 || run->step == 3;
			ck_assert_msg(pipe_fd(run->pid, fd) == (in_mode && worker_end), "worker 1, fd %d", fd);
			ck_assert_msg(pipe_fd(run->root, fd) == (in_mode && !worker_end), "parent, fd %d", fd);
		}
		break;
	case 2:
		check_scale_lines(run, 2);
		break;
	case 4:
		check_scale_lines(run, 4);
		ck_assert_ptr_nonnull(nth_note(run->session, "scale summary cpus=", 0));
		break;
	default: /* 1 + 2 + 1 + 2 workers, each created, exited and gone */
		ck_assert_int_eq(count_children(run->session, run->root, EV_FORK), 6);
		for (int i = 0; i < 6; i++) {
			pid_t w = nth_child(run->session, run->root, i);
			const Event *exit_ev = find_event(run->session, EV_EXIT, w);
			ck_assert(exit_ev != NULL && WIFEXITED(exit_ev->status) && WEXITSTATUS(exit_ev->status) == 0);
			ck_assert(!proc_exists(w));
		}
		break;
	}
}

START_TEST(test_scale)
{
	static const char *const options[] = { "workers=2", "units=64", "unit_kiter=1", NULL };

	run_scenario("scale", options, NULL, verify_scale);
}
END_TEST

/* ---- spawn-cost ---------------------------------------------------------- */

enum { COST_REPS = 3 };

/* The points of one parent size: one well-formed line per method. */
static void check_cost_lines(const Run *run, int step, long mib)
{
	static const char *const methods[] = { "fork+exec", "vfork+exec", "posix_spawn", "clone+exec" };
	char method[32];
	long parent_mib;
	int reps;
	double median, p10, p90;

	for (int m = 0; m < 4; m++) {
		const char *text = nth_note(run->session, "spawn-cost method=", (step - 1) * 4 + m);
		ck_assert_ptr_nonnull(text);
		ck_assert_msg(sscanf(text, "spawn-cost method=%31s parent_mib=%ld reps=%d median_us=%lf p10_us=%lf p90_us=%lf",
				     method, &parent_mib, &reps, &median, &p10, &p90) == 6, "malformed: %s", text);
		ck_assert_str_eq(method, methods[m]);
		ck_assert_int_eq(parent_mib, mib);
		ck_assert_int_eq(reps, COST_REPS);
		ck_assert(p10 > 0 && p10 <= median && median <= p90);
	}
	ck_assert_ptr_null(nth_note(run->session, "spawn-cost method=", step * 4));
}

static void verify_spawn_cost(Run *run)
{
	static const long sizes[] = { 0, 0, 1, 4 }; /* max_mib=4: 0, 4/16, 4/4, 4 */
	int spawns = 4 * (COST_REPS + 1);           /* per size: methods x (warm-up + reps) */
	char rollup[4096];
	const char *at;
	long dirty = 0;

	if (run->step <= 4) {
		check_cost_lines(run, run->step, sizes[run->step - 1]);
		/* the kernel saw them: fork+exec as fork, the three others as vfork */
		ck_assert_int_eq(count_children(run->session, run->root, EV_FORK), run->step * (COST_REPS + 1));
		ck_assert_int_eq(count_children(run->session, run->root, EV_VFORK), run->step * 3 * (COST_REPS + 1));
	}
	if (run->step == 4) {
		ck_assert_ptr_nonnull(nth_note(run->session, "spawn-cost ratio parent_mib=4", 0));
		ck_assert_int_gt(proc_read(run->root, "smaps_rollup", rollup, sizeof rollup), 0);
		ck_assert_ptr_nonnull(at = strstr(rollup, "\nPrivate_Dirty:"));
		sscanf(at + 15, "%ld", &dirty);
		ck_assert_int_ge(dirty, 4096);
	}
	if (run->step == 5)
		for (int i = 0; i < 4 * spawns; i++) { /* every child exec'd, exited 0, is gone */
			pid_t c = nth_child(run->session, run->root, i);
			const Event *exit_ev = find_event(run->session, EV_EXIT, c);
			ck_assert_ptr_nonnull(find_event(run->session, EV_EXEC, c));
			ck_assert(exit_ev != NULL && WIFEXITED(exit_ev->status) && WEXITSTATUS(exit_ev->status) == 0);
			ck_assert(!proc_exists(c));
		}
}

START_TEST(test_spawn_cost)
{
	static const char *const options[] = { "max_mib=4", "reps=3", NULL };

	run_scenario("spawn-cost", options, NULL, verify_spawn_cost);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("scenarios_cost");
	TCase *tc = tcase_create("kernel");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_mmap_shared);
	tcase_add_test(tc, test_scale);
	tcase_add_test(tc, test_spawn_cost);
	suite_add_tcase(su, tc);
	sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
