/*
 * The tree as a watch's screen asks for it (Session_tree_view): siblings
 * sorted under their parent by pid, start time, CPU% and RSS with the
 * shape kept, folds and the count they hide, the filter's own matches;
 * and forkscope.conf's keys for the order and the columns, parsed, refused
 * and written back. Synthetic records: the model's rules, no kernel.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/session.h"
#include "ui/settings.h"

/* A record as a table sync leaves it: identity read, CPU and RSS known. */
static ProcRecord *add(Session *s, pid_t pid, pid_t ppid, unsigned long long start, int cpu,
		       unsigned long rss, const char *comm)
{
	ProcRecord *r = Session_add(s, pid, ppid, HOW_EXISTING, 1);

	r->id.state = READ_OK;
	r->id.pid = pid;
	r->id.ppid = ppid;
	r->id.start_ticks = start;
	r->id.rss_pages = rss;
	snprintf(r->id.comm, sizeof r->id.comm, "%s", comm);
	r->cpu_tenths = cpu;
	return r;
}

/* The machine below: 10 with children 30, 20, 40 (in that order of
 * appearance), 20 with child 50; a second root 5. */
static Session *machine(void)
{
	Session *s = Session_new(0, 3000000);

	add(s, 10, 1, 100, 0, 300, "init-ish");
	add(s, 30, 10, 300, 50, 100, "thirty");
	add(s, 20, 10, 200, 900, 50, "twenty");
	add(s, 40, 10, 150, -1, 900, "forty");
	add(s, 50, 20, 500, 10, 10, "fifty");
	add(s, 5, 0, 50, 0, 1, "five");
	return s;
}

static size_t view(const Session *s, const TreeView *v, pid_t *pids, TreeRow *rows)
{
	size_t n = Session_tree_view(s, rows, 16, v);

	for (size_t i = 0; i < n; i++)
		pids[i] = s->procs[rows[i].index].pid;
	return n;
}

static void expect(const pid_t *got, size_t n, const pid_t *want, size_t nwant)
{
	ck_assert_uint_eq(n, nwant);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(got[i] == want[i], "row %zu: pid %d, wanted %d", i, (int)got[i],
			      (int)want[i]);
}

START_TEST(test_orders_keep_the_shape)
{
	Session *s = machine();
	TreeView v = { .ghosts = true };
	TreeRow rows[16];
	pid_t pids[16];
	static const pid_t seen[] = { 10, 30, 20, 50, 40, 5 };
	static const pid_t by_pid[] = { 5, 10, 20, 50, 30, 40 };
	static const pid_t by_start[] = { 5, 10, 40, 20, 50, 30 };
	/* 40's CPU is not known yet: after those that are. */
	static const pid_t by_cpu[] = { 10, 20, 50, 30, 40, 5 };
	static const pid_t by_rss[] = { 10, 40, 30, 20, 50, 5 };

	expect(pids, view(s, &v, pids, rows), seen, 6);
	v.order = TREE_ORDER_PID;
	expect(pids, view(s, &v, pids, rows), by_pid, 6);
	ck_assert_int_eq(rows[3].depth, 2); /* 50 stays under 20 */
	v.order = TREE_ORDER_START;
	expect(pids, view(s, &v, pids, rows), by_start, 6);
	v.order = TREE_ORDER_CPU;
	expect(pids, view(s, &v, pids, rows), by_cpu, 6);
	v.order = TREE_ORDER_RSS;
	expect(pids, view(s, &v, pids, rows), by_rss, 6);
	/* The branch lines follow the order: the last sibling is the last shown. */
	ck_assert(!rows[1].last_child && rows[3].last_child);
	Session_delete(s);
}
END_TEST

START_TEST(test_folds_hide_and_count)
{
	Session *s = machine();
	pid_t folded[] = { 10 }, pids[16];
	TreeView v = { .ghosts = true, .folded = folded, .nfolded = 1 };
	TreeRow rows[16];
	static const pid_t want[] = { 10, 5 };
	static const pid_t inner[] = { 10, 30, 20, 40, 5 };

	expect(pids, view(s, &v, pids, rows), want, 2);
	ck_assert(rows[0].folded);
	ck_assert_uint_eq(rows[0].hidden, 4);
	ck_assert(!rows[1].folded);
	ck_assert_uint_eq(rows[1].hidden, 0);
	/* A fold further down hides only its own subtree. */
	folded[0] = 20;
	expect(pids, view(s, &v, pids, rows), inner, 5);
	ck_assert(rows[2].folded);
	ck_assert_uint_eq(rows[2].hidden, 1);
	/* With a filter, a fold counts the rows the filter keeps. */
	folded[0] = 10;
	v.filter = "fi";
	expect(pids, view(s, &v, pids, rows), (const pid_t[]){ 10, 5 }, 2);
	ck_assert_uint_eq(rows[0].hidden, 2); /* 20, kept for 50 ("fifty"), and 50 */
	Session_delete(s);
}
END_TEST

START_TEST(test_matches_are_marked)
{
	Session *s = machine();
	TreeView v = { .ghosts = true, .filter = "fifty" };
	TreeRow rows[16];
	pid_t pids[16];
	static const pid_t want[] = { 10, 20, 50 };

	expect(pids, view(s, &v, pids, rows), want, 3);
	ck_assert(!rows[0].match && !rows[1].match && rows[2].match);
	v.filter = "";
	ck_assert_uint_eq(view(s, &v, pids, rows), 6);
	for (size_t i = 0; i < 6; i++)
		ck_assert(!rows[i].match);
	Session_delete(s);
}
END_TEST

static int parse(Settings *s, const char *text, char *err, size_t errlen)
{
	Settings_init(s);
	err[0] = '\0';
	return Settings_parse(s, text, strlen(text), "f.conf", err, errlen);
}

START_TEST(test_settings_sort_and_columns)
{
	Settings s;
	char err[256];

	ck_assert_int_eq(parse(&s, "", err, sizeof err), 0);
	ck_assert_int_eq(s.sort, -1);
	ck_assert_int_eq(s.columns, -1);
	ck_assert_int_eq(parse(&s, "sort = cpu\ncolumns = rss,cpu\n", err, sizeof err), 0);
	ck_assert_int_eq(s.sort, TREE_ORDER_CPU);
	ck_assert_int_eq(s.columns, TREE_COLUMN_CPU | TREE_COLUMN_RSS);
	ck_assert_int_eq(parse(&s, "sort = appearance\ncolumns = none\n", err, sizeof err), 0);
	ck_assert_int_eq(s.sort, TREE_ORDER_SEEN);
	ck_assert_int_eq(s.columns, 0);
	ck_assert_int_eq(parse(&s, "columns = rss\n", err, sizeof err), 0);
	ck_assert_int_eq(s.columns, TREE_COLUMN_RSS);
	/* Bad values: named, and the setting stays unset. */
	ck_assert_int_eq(parse(&s, "sort = mem\ncolumns = cpu,\ncolumns = ,cpu\ncolumns = cpu,,rss\n"
				   "columns = disk\n", err, sizeof err), 5);
	ck_assert_int_eq(s.sort, -1);
	ck_assert_int_eq(s.columns, -1);
	ck_assert_msg(strncmp(err, "f.conf:1: ", 10) == 0, "%s", err);
	for (int o = 0; o < TREE_ORDER_COUNT; o++)
		ck_assert_ptr_nonnull(settings_sort_name(o));
	ck_assert_ptr_null(settings_sort_name(TREE_ORDER_COUNT));
	ck_assert_ptr_null(settings_sort_name(-1));
}
END_TEST

START_TEST(test_settings_written_back)
{
	char dir[] = "/tmp/forkscope-treeview-XXXXXX", err[600], cmd[400];
	Settings s, back;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	setenv("XDG_CONFIG_HOME", dir, 1);
	for (int o = 0; o < TREE_ORDER_COUNT; o++)
		for (int c = 0; c <= TREE_COLUMNS_ALL; c++) {
			Settings_init(&s);
			s.sort = o;
			s.columns = c;
			ck_assert_int_eq(Settings_save(&s, err, sizeof err), 0);
			Settings_init(&back);
			ck_assert_int_eq(Settings_load(&back, err, sizeof err), 0);
			ck_assert_int_eq(back.sort, o);
			ck_assert_int_eq(back.columns, c);
		}
	/* Not set: not written. */
	Settings_init(&s);
	ck_assert_int_eq(Settings_save(&s, err, sizeof err), 0);
	Settings_init(&back);
	ck_assert_int_eq(Settings_load(&back, err, sizeof err), 0);
	ck_assert_int_eq(back.sort, -1);
	ck_assert_int_eq(back.columns, -1);
	snprintf(cmd, sizeof cmd, "rm -r %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("tree_view");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_orders_keep_the_shape);
	tcase_add_test(tc, test_folds_hide_and_count);
	tcase_add_test(tc, test_matches_are_marked);
	tcase_add_test(tc, test_settings_sort_and_columns);
	tcase_add_test(tc, test_settings_written_back);
	suite_add_tcase(su, tc);
	sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
