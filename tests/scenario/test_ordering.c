/*
 * The timeline is in the order things happened: every scenario, run several
 * times, leaves a log that is sorted by time and that never contradicts
 * causality for a process (it is created before it reports, reports before
 * it exits, exits before it is reaped, exists before a parent names it).
 *
 * The races this guards against show up only sometimes, so each scenario
 * runs FORKSCOPE_ORDER_RUNS times (2 by default; the note of the issue that
 * added this reports 20 in a row under load). Cheap options keep the slow
 * scenarios short.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/catalog.h"
#include "spawn_truth.h"

static int runs(void)
{
	const char *v = getenv("FORKSCOPE_ORDER_RUNS");
	int n = v != NULL ? atoi(v) : 0;

	return n > 0 ? n : 2;
}

static void describe(const Event *ev, char *buf, size_t len)
{
	snprintf(buf, len, "[%llu us] %s pid %d%s%s", (unsigned long long)ev->t_us,
		 EventKind_name(ev->kind), (int)ev->pid, ev->kind == EV_API ? " " : "",
		 ev->kind == EV_API ? ev->detail : "");
}

static bool is_creation(EventKind kind)
{
	return kind == EV_FORK || kind == EV_VFORK || kind == EV_CLONE || kind == EV_THREAD;
}

/* Index of the first event of kind for pid, or -1. */
static long first_of(const Session *s, EventKind kind, pid_t pid)
{
	for (size_t i = 0; i < s->nevents; i++)
		if (s->events[i].pid == pid &&
		    (s->events[i].kind == kind || (kind == EV_FORK && is_creation(s->events[i].kind))))
			return (long)i;
	return -1;
}

static void fail_pair(const char *id, const char *what, const Event *a, const Event *b)
{
	char da[300], db[300];

	describe(a, da, sizeof da);
	describe(b, db, sizeof db);
	ck_abort_msg("%s: %s\n  %s\n  %s", id, what, da, db);
}

static const char *current_id;

static void check_order(Run *run)
{
	const Session *s = run->session;

	if (run->step <= scenario_find(current_id)->nsteps)
		return; /* once, over the whole log */
	for (size_t i = 1; i < s->nevents; i++)
		if (s->events[i].t_us < s->events[i - 1].t_us)
			fail_pair(current_id, "the log is out of time order", &s->events[i - 1],
				  &s->events[i]);
	for (size_t i = 0; i < s->nevents; i++) {
		const Event *ev = &s->events[i];
		long born = first_of(s, EV_FORK, ev->pid);
		long exited = first_of(s, EV_EXIT, ev->pid);

		if (ev->pid == run->root || ev->kind == EV_NOTE || ev->kind == EV_OUTPUT ||
		    ev->kind == EV_STEP)
			continue;
		if (!is_creation(ev->kind) && born > (long)i)
			fail_pair(current_id, "an event of a process before its creation",
				  &s->events[born], ev);
		if ((ev->kind == EV_API || ev->kind == EV_EXEC) && exited >= 0 && exited < (long)i)
			fail_pair(current_id, "a process acts after its exit", &s->events[exited], ev);
		if (ev->kind == EV_REAP && (exited < 0 || exited > (long)i))
			fail_pair(current_id, "a reap before the exit", ev,
				  exited >= 0 ? &s->events[exited] : ev);
		/* The kernel releases a vfork parent inside the child's exec,
		 * before the exec stop (exec_mmap comes before the program is
		 * loaded): the release comes first. */
		if (ev->kind == EV_VFORK_DONE && ev->child > 0) {
			long exec = first_of(s, EV_EXEC, ev->child);
			if (exec >= 0 && exec < (long)i)
				fail_pair(current_id, "a vfork parent released after its child's exec",
					  &s->events[exec], ev);
		}
		if (ev->kind == EV_API && ev->child > 0) {
			long child_born = first_of(s, EV_FORK, ev->child);
			if (child_born > (long)i)
				fail_pair(current_id, "a call names a process created after it",
					  ev, &s->events[child_born]);
		}
	}
}

static void run_ordered(const char *id, const char *const *options, char **command)
{
	int n = runs();

	current_id = id;
	for (int i = 0; i < n; i++)
		run_scenario(id, options, command, check_order);
}

START_TEST(test_order_each_scenario)
{
	const Scenario *sc = scenario_at((size_t)_i);
	const char *const *options;
	char **command;

	quick_run_args(sc, &options, &command);
	run_ordered(sc->id, options, command);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("ordering");
	TCase *tc = tcase_create("kernel");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, test_order_each_scenario, 0, (int)scenario_count());
	suite_add_tcase(su, tc);
	sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
