/*
 * The session model on synthetic events: records, the stable tree under
 * churn, ghosts, the API join, reaping and the pid index. No kernel needed:
 * these are the model's own rules.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/session.h"

static Event ev_make(EventKind kind, pid_t pid, pid_t ppid, uint64_t t)
{
	Event ev = { .t_us = t, .kind = kind, .pid = pid, .ppid = ppid };
	return ev;
}

static void apply(Session *s, EventKind kind, pid_t pid, pid_t ppid, uint64_t t)
{
	Event ev = ev_make(kind, pid, ppid, t);
	Session_apply(s, &ev);
}

static size_t tree_pids(const Session *s, pid_t *out, int *depth, size_t max, const char *filter)
{
	TreeRow rows[64];
	size_t n = Session_tree(s, rows, max < 64 ? max : 64, filter);

	for (size_t i = 0; i < n; i++) {
		out[i] = s->procs[rows[i].index].pid;
		if (depth != NULL)
			depth[i] = rows[i].depth;
	}
	return n;
}

START_TEST(test_fork_builds_tree)
{
	Session *s = Session_new(100, 3000000);
	pid_t pids[16];
	int depth[16];

	Session_add(s, 100, 1, HOW_FORK, 1);
	apply(s, EV_FORK, 101, 100, 2);
	apply(s, EV_VFORK, 102, 100, 3);
	apply(s, EV_FORK, 103, 101, 4);
	ck_assert_uint_eq(tree_pids(s, pids, depth, 16, NULL), 4);
	ck_assert_int_eq(pids[0], 100); ck_assert_int_eq(depth[0], 0);
	ck_assert_int_eq(pids[1], 101); ck_assert_int_eq(depth[1], 1);
	ck_assert_int_eq(pids[2], 103); ck_assert_int_eq(depth[2], 2);
	ck_assert_int_eq(pids[3], 102); ck_assert_int_eq(depth[3], 1);
	ck_assert_int_eq(Session_find(s, 102)->how, HOW_VFORK);
	ck_assert(Session_in_subtree(s, 103));
	ck_assert(!Session_in_subtree(s, 999));
	Session_delete(s);
}
END_TEST

/* Rows do not move when processes come and go around them. */
START_TEST(test_tree_stable_under_churn)
{
	Session *s = Session_new(10, 1000);
	pid_t before[16], after[16];
	size_t n1, n2;

	Session_add(s, 10, 1, HOW_FORK, 1);
	apply(s, EV_FORK, 30, 10, 2);   /* higher pid first */
	apply(s, EV_FORK, 20, 10, 3);
	n1 = tree_pids(s, before, NULL, 16, NULL);
	ck_assert_int_eq(before[1], 30); /* order of appearance, not of pid */
	ck_assert_int_eq(before[2], 20);
	/* churn: a new child of 30, an exit of 20 that is still a ghost */
	apply(s, EV_FORK, 40, 30, 4);
	apply(s, EV_EXIT, 20, 0, 5);
	n2 = tree_pids(s, after, NULL, 16, NULL);
	ck_assert_uint_eq(n1 + 1, n2);
	ck_assert_int_eq(after[0], 10);
	ck_assert_int_eq(after[1], 30);
	ck_assert_int_eq(after[2], 40);
	ck_assert_int_eq(after[3], 20); /* the ghost stays in place */
	ck_assert(Session_find(s, 20)->exited);
	Session_delete(s);
}
END_TEST

START_TEST(test_ghost_expires_after_reap)
{
	Session *s = Session_new(10, 1000);
	pid_t pids[8];

	Session_add(s, 10, 1, HOW_FORK, 1);
	s->source_traces = true;
	apply(s, EV_FORK, 11, 10, 2);
	apply(s, EV_EXIT, 11, 0, 3);
	Session_expire(s, 5000);
	/* A traced zombie stays until it is reaped: the point is to see it. */
	ck_assert_uint_eq(tree_pids(s, pids, NULL, 8, NULL), 2);
	apply(s, EV_REAP, 11, 10, 6000);
	ck_assert(Session_find(s, 11)->reaped);
	ck_assert_int_eq(Session_find(s, 11)->reaper, 10);
	Session_expire(s, 6500);
	ck_assert_uint_eq(tree_pids(s, pids, NULL, 8, NULL), 2);
	Session_expire(s, 6000 + 1000);
	ck_assert_uint_eq(tree_pids(s, pids, NULL, 8, NULL), 1);
	Session_delete(s);
}
END_TEST

START_TEST(test_api_join)
{
	Session *s = Session_new(10, 1000);
	Event api = ev_make(EV_API, 10, 0, 5);

	Session_add(s, 10, 1, HOW_FORK, 1);
	apply(s, EV_FORK, 11, 10, 2);
	apply(s, EV_VFORK, 12, 10, 3);
	/* fork() = 11 in the parent names its child */
	strcpy(api.api, "fork");
	api.ret = 11;
	api.child = 11;
	Session_apply(s, &api);
	ck_assert_str_eq(Session_find(s, 11)->api, "fork");
	/* system() does not tell its caller the pid: the newest unclaimed child */
	api.t_us = 6;
	strcpy(api.api, "system");
	api.ret = 0;
	api.child = 0;
	Session_apply(s, &api);
	ck_assert_str_eq(Session_find(s, 12)->api, "system");
	/* fork() = 0 in the child names nothing */
	api.pid = 11;
	strcpy(api.api, "fork");
	api.ret = 0;
	Session_apply(s, &api);
	ck_assert_uint_eq(s->nprocs, 3);
	ck_assert_uint_eq(s->nevents, 5);
	Session_delete(s);
}
END_TEST

START_TEST(test_attach_reports_existing)
{
	Session *s = Session_new(0, 1000);
	Event ev = ev_make(EV_FORK, 50, 1, 1);

	ev.how = HOW_EXISTING;
	Session_apply(s, &ev);
	ck_assert_int_eq(Session_find(s, 50)->how, HOW_EXISTING);
	ck_assert_int_eq(Session_find(s, 50)->born_step, -1);
	ck_assert_str_eq(ProcRecord_made_by(Session_find(s, 50)), "existing");
	Session_delete(s);
}
END_TEST

START_TEST(test_made_by)
{
	Session *s = Session_new(10, 1000);
	Event ex = ev_make(EV_EXEC, 11, 10, 3);

	Session_add(s, 10, 1, HOW_FORK, 1);
	apply(s, EV_FORK, 11, 10, 2);
	ck_assert_str_eq(ProcRecord_made_by(Session_find(s, 11)), "fork");
	strcpy(ex.detail, "/bin/ls");
	strcpy(ex.comm, "ls");
	Session_apply(s, &ex);
	ck_assert_str_eq(ProcRecord_made_by(Session_find(s, 11)), "fork+exec");
	ck_assert_str_eq(Session_find(s, 11)->id.comm, "ls");
	ck_assert_str_eq(Session_find(s, 11)->exec_path, "/bin/ls");
	strcpy(Session_find(s, 11)->api, "posix_spawn");
	ck_assert_str_eq(ProcRecord_made_by(Session_find(s, 11)), "posix_spawn");
	Session_delete(s);
}
END_TEST

START_TEST(test_filter_keeps_ancestors)
{
	Session *s = Session_new(10, 1000);
	pid_t pids[8];
	Event ex = ev_make(EV_EXEC, 12, 11, 4);

	Session_add(s, 10, 1, HOW_FORK, 1);
	apply(s, EV_FORK, 11, 10, 2);
	apply(s, EV_FORK, 12, 11, 3);
	apply(s, EV_FORK, 13, 10, 3);
	strcpy(ex.comm, "needle");
	Session_apply(s, &ex);
	ck_assert_uint_eq(tree_pids(s, pids, NULL, 8, "needle"), 3);
	ck_assert_int_eq(pids[2], 12);
	ck_assert_uint_eq(tree_pids(s, pids, NULL, 8, "13"), 2);
	ck_assert_uint_eq(tree_pids(s, pids, NULL, 8, "nothing-matches"), 0);
	Session_delete(s);
}
END_TEST

START_TEST(test_tree_branch_mask)
{
	Session *s = Session_new(1, 1000);
	TreeRow rows[8];
	size_t n;

	Session_add(s, 1, 0, HOW_FORK, 1);
	apply(s, EV_FORK, 2, 1, 2);
	apply(s, EV_FORK, 3, 2, 3);
	apply(s, EV_FORK, 4, 1, 4);
	n = Session_tree(s, rows, 8, NULL);
	ck_assert_uint_eq(n, 4);
	/* pid 3 sits under 2, which has a later sibling (4): a line at depth 1 */
	ck_assert_int_eq(s->procs[rows[2].index].pid, 3);
	ck_assert(rows[2].branch_mask & (1u << 1));
	ck_assert(rows[1].last_child == false);
	ck_assert(rows[3].last_child == true);
	Session_delete(s);
}
END_TEST

START_TEST(test_pid_reuse_starts_new_record)
{
	Session *s = Session_new(10, 100);

	Session_add(s, 10, 1, HOW_FORK, 1);
	apply(s, EV_FORK, 11, 10, 2);
	apply(s, EV_EXIT, 11, 0, 3);
	apply(s, EV_REAP, 11, 10, 4);
	apply(s, EV_FORK, 11, 10, 5000); /* the kernel gave the pid out again */
	ck_assert(!Session_find(s, 11)->exited);
	ck_assert_uint_eq(s->nprocs, 3);
	Session_delete(s);
}
END_TEST

/* The session's pid table (PidMap, index + 1 as the value) after a storm
 * of births and deaths: every survivor found, every removed one gone. */
START_TEST(test_pid_index_many)
{
	PidMap ix;

	PidMap_init(&ix);
	for (int i = 1; i <= 20000; i++)
		PidMap_put(&ix, i * 7, (void *)(uintptr_t)(i + 1));
	for (int i = 1; i <= 20000; i += 2)
		PidMap_remove(&ix, i * 7);
	for (int i = 1; i <= 20000; i++)
		ck_assert_int_eq((long)(uintptr_t)PidMap_get(&ix, i * 7) - 1, i % 2 ? -1 : i);
	ck_assert_int_eq((long)(uintptr_t)PidMap_get(&ix, 3) - 1, -1);
	PidMap_done(&ix);
}
END_TEST

START_TEST(test_log_cap_drops_oldest)
{
	Session *s = Session_new(0, 100);

	s->log_cap = 100;
	for (int i = 0; i < 250; i++)
		apply(s, EV_NOTE, 1, 0, (uint64_t)i);
	ck_assert_uint_le(s->nevents, 100);
	ck_assert_uint_eq(s->nevents + s->events_dropped, 250);
	ck_assert_uint_eq(s->events[s->nevents - 1].t_us, 249);
	Session_delete(s);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("session");
	TCase *tc = tcase_create("model");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_fork_builds_tree);
	tcase_add_test(tc, test_tree_stable_under_churn);
	tcase_add_test(tc, test_ghost_expires_after_reap);
	tcase_add_test(tc, test_api_join);
	tcase_add_test(tc, test_made_by);
	tcase_add_test(tc, test_attach_reports_existing);
	tcase_add_test(tc, test_filter_keeps_ancestors);
	tcase_add_test(tc, test_tree_branch_mask);
	tcase_add_test(tc, test_pid_reuse_starts_new_record);
	tcase_add_test(tc, test_pid_index_many);
	tcase_add_test(tc, test_log_cap_drops_oldest);
	suite_add_tcase(su, tc);
	sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
