/*
 * What the panes say, without a terminal: sizes, text measured in columns,
 * tree rows (columns, moods, branches, ghosts and zombies), stable ids for
 * screenshots, and the tree's order under churn (a session fed with events,
 * as the runner feeds it). The detail panes are tested in
 * test_format_panes.c, event lines and one event in full in
 * test_format_events.c, the layout and the key table in test_layout.c.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format_test.h"
#include "model/session.h"
#include "ui/format/format.h"
#include "ui/format/stable.h"
#include "ui/format/text.h"

/* ---- sizes and text ---- */

START_TEST(test_format_kb)
{
	char b[16];

	format_kb(0, b, sizeof b); ck_assert_str_eq(b, "0");
	format_kb(4, b, sizeof b); ck_assert_str_eq(b, "4K");
	format_kb(1023, b, sizeof b); ck_assert_str_eq(b, "1023K");
	format_kb(1024, b, sizeof b); ck_assert_str_eq(b, "1.0M");
	format_kb(8192 + 512, b, sizeof b); ck_assert_str_eq(b, "8.5M");
	format_kb(65536, b, sizeof b); ck_assert_str_eq(b, "64M");
	format_kb(1024 * 1024, b, sizeof b); ck_assert_str_eq(b, "1.0G");
	format_kb(64ul * 1024 * 1024, b, sizeof b); ck_assert_str_eq(b, "64G");
	/* Never wider than a 6-column cell. */
	for (unsigned long kb = 1; kb < (1ul << 40); kb = kb * 3 + 1) {
		format_kb(kb, b, sizeof b);
		ck_assert_int_le(strlen(b), 6);
	}
}
END_TEST

START_TEST(test_text_measure_and_fit)
{
	char b[64];

	ck_assert_int_eq(text_width("abc"), 3);
	ck_assert_int_eq(text_width("╭─╮"), 3);
	ck_assert_int_eq(text_width("日本"), 4);
	/* Control bytes and bytes that do not decode become one '?' each. */
	ck_assert_int_eq(text_fit(b, sizeof b, "a\033[2Jb", 10, NULL), 6);
	ck_assert_str_eq(b, "a?[2Jb");
	ck_assert_int_eq(text_fit(b, sizeof b, "x\xff\xfey", 10, NULL), 4);
	ck_assert_str_eq(b, "x??y");
	/* Cut at a character, with the ellipsis inside the width. */
	ck_assert_int_eq(text_fit(b, sizeof b, "forkscope-demo", 8, "…"), 8);
	ck_assert_str_eq(b, "forksco…");
	ck_assert_int_eq(text_fit(b, sizeof b, "日本語", 5, NULL), 4);
	ck_assert_str_eq(b, "日本");
	ck_assert_int_eq(text_fit(b, sizeof b, "fits", 4, "…"), 4);
	ck_assert_str_eq(b, "fits");
	text_pad(b, sizeof b, "42", 6, ALIGN_RIGHT, NULL);
	ck_assert_str_eq(b, "    42");
	text_pad(b, sizeof b, "ab", 6, ALIGN_CENTER, NULL);
	ck_assert_str_eq(b, "  ab  ");
	text_pad(b, sizeof b, "─x", 4, ALIGN_LEFT, NULL);
	ck_assert_str_eq(b, "─x  ");
}
END_TEST

START_TEST(test_text_wrap)
{
	const char *s = "fork returns twice: the child's pid in the parent";
	TextLine lines[8];
	size_t n = text_wrap(s, 20, lines, 8);

	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq((int)lines[0].len, 19);
	ck_assert(strncmp(s + lines[0].start, "fork returns twice:", lines[0].len) == 0);
	ck_assert(strncmp(s + lines[1].start, "the child's pid in", lines[1].len) == 0);
	ck_assert(strncmp(s + lines[2].start, "the parent", lines[2].len) == 0);
	/* A word longer than the line is cut; a newline ends a line. */
	ck_assert_uint_eq(text_wrap("abcdefghij", 4, lines, 8), 3);
	ck_assert_uint_eq(text_wrap("a\nb", 10, lines, 8), 2);
	/* Counting only (no room to write) gives the same count. */
	ck_assert_uint_eq(text_wrap(s, 20, NULL, 0), 3);
}
END_TEST

/* ---- the process tree ---- */

static ProcRecord record(pid_t pid, pid_t ppid)
{
	ProcRecord r;

	memset(&r, 0, sizeof r);
	r.pid = pid;
	r.ppid = ppid;
	r.alive = true;
	r.how = HOW_FORK;
	r.id.state = READ_OK;
	r.id.pid = pid;
	r.id.ppid = ppid;
	r.id.pgid = ppid;
	r.id.sid = 7;
	r.id.task_state = 'S';
	r.id.uid_real = 1000;
	r.id.uid_eff = 0;
	snprintf(r.id.comm, sizeof r.id.comm, "demo");
	r.id.cmdline = (char *)"forkscope-demo fork size=16";
	return r;
}

START_TEST(test_tree_columns_fit)
{
	bool shown[TCOL_COUNT];
	int drops = 0;

	tree_columns_fit(200, shown);
	for (int c = 0; c < TCOL_COUNT; c++)
		ck_assert(shown[c]);
	tree_columns_fit(56, shown);
	ck_assert(shown[TCOL_PID] && shown[TCOL_STATE] && shown[TCOL_MADE_BY] && shown[TCOL_COMMAND]);
	ck_assert(!shown[TCOL_UIDS]);   /* the first to go */
	for (int c = 0; c < TCOL_COUNT; c++)
		drops += !shown[c];
	ck_assert_int_ge(drops, 2);
	/* However narrow, pid, state, command stay. */
	tree_columns_fit(10, shown);
	ck_assert(shown[TCOL_PID] && shown[TCOL_STATE] && shown[TCOL_COMMAND]);
}
END_TEST

START_TEST(test_tree_moods)
{
	ProcRecord r = record(101, 100);

	/* At step 3, what happened on the way from step 2 is new/changed. */
	r.born_step = 2;
	r.changed_step = 2;
	ck_assert_int_eq(tree_row_mood(&r, 3, true, 0, 0), MOOD_NEW);
	r.born_step = 1;
	ck_assert_int_eq(tree_row_mood(&r, 3, true, 0, 0), MOOD_CHANGED);
	r.changed_step = 1;
	ck_assert_int_eq(tree_row_mood(&r, 3, true, 0, 0), MOOD_NORMAL);
	r.held = true;
	ck_assert_int_eq(tree_row_mood(&r, 3, true, 0, 0), MOOD_HELD);
	r.held = false;
	r.exited = true;
	r.alive = false;
	r.reaped = true;
	ck_assert_int_eq(tree_row_mood(&r, 3, true, 0, 0), MOOD_GHOST);
	r.reaped = false;
	r.id.task_state = 'Z';
	ck_assert_int_eq(tree_row_mood(&r, 3, true, 0, 0), MOOD_ZOMBIE);
	r = record(102, 100);
	r.id.state = READ_DENIED;
	ck_assert_int_eq(tree_row_mood(&r, 0, true, 0, 0), MOOD_UNKNOWN);
	/* Live views without steps: recent means within recent_us. */
	r = record(103, 100);
	r.born_us = 1000;
	r.changed_us = 1000;
	ck_assert_int_eq(tree_row_mood(&r, 0, false, 1500, 1000), MOOD_NEW);
	ck_assert_int_eq(tree_row_mood(&r, 0, false, 5000, 1000), MOOD_NORMAL);
	r.changed_us = 4800;
	ck_assert_int_eq(tree_row_mood(&r, 0, false, 5000, 1000), MOOD_CHANGED);
	/* Every mood has a role and a one-character mark. */
	for (int m = MOOD_NORMAL; m <= MOOD_UNKNOWN; m++) {
		ck_assert_int_eq(text_width(RowMood_mark((RowMood)m)), 1);
		ck_assert_int_lt(RowMood_role((RowMood)m), ROLE_COUNT);
	}
	ck_assert_str_eq(RowMood_mark(MOOD_ZOMBIE), "Z");
}
END_TEST

/* The TTY column, and what the command cell adds before the command: the
 * thread count and the pids in a child pid namespace. */
START_TEST(test_tree_tty_threads_nspid)
{
	StableIds ids;
	TreeRowContext ctx = { .g = utf8, .ids = &ids, .stepped = true, .step = 1 };
	TreeRow row = { 0 };
	ProcRecord r = record(4242, 4241), other = record(4243, 4241);
	char b[256];

	StableIds_init(&ids, false, 1, "");
	tree_cell(&ctx, &r, &row, TCOL_TTY, b, sizeof b); ck_assert_str_eq(b, "-");
	r.id.tty_nr = 136u << 8 | 5;
	tree_cell(&ctx, &r, &row, TCOL_TTY, b, sizeof b); ck_assert_str_eq(b, "pts/5");
	r.id.threads = 3;
	r.id.nspid_levels = 2;
	r.id.nspid[0] = 4242;
	r.id.nspid[1] = 1;
	tree_cell(&ctx, &r, &row, TCOL_COMMAND, b, sizeof b);
	ck_assert_str_eq(b, "threads 3  nspid 4242/1  forkscope-demo fork size=16");
	/* exited: the threads are gone, the numbers it had stay */
	r.exited = true;
	r.exit_status = 0;
	tree_cell(&ctx, &r, &row, TCOL_COMMAND, b, sizeof b);
	ck_assert_str_eq(b, "nspid 4242/1  forkscope-demo fork size=16  [exit 0]");
	/* not read: no TTY to show, nothing added */
	r.id.state = READ_NOT_ASKED;
	tree_cell(&ctx, &r, &row, TCOL_TTY, b, sizeof b); ck_assert_str_eq(b, "");
	StableIds_done(&ids);

	/* --stable: our pid mapped, the namespace's own kept, pts numbered */
	StableIds_init(&ids, true, 1, "");
	r = record(4242, 4241);
	r.id.nspid_levels = 2;
	r.id.nspid[0] = 4242;
	r.id.nspid[1] = 1;
	r.id.tty_nr = 136u << 8 | 7;
	other.id.tty_nr = 136u << 8 | 5;
	tree_cell(&ctx, &r, &row, TCOL_PID, b, sizeof b); ck_assert_str_eq(b, "900");
	tree_cell(&ctx, &r, &row, TCOL_COMMAND, b, sizeof b);
	ck_assert_str_eq(b, "nspid 900/1  forkscope-demo fork size=16");
	tree_cell(&ctx, &r, &row, TCOL_TTY, b, sizeof b); ck_assert_str_eq(b, "pts/1");
	tree_cell(&ctx, &other, &row, TCOL_TTY, b, sizeof b); ck_assert_str_eq(b, "pts/2");
	tree_cell(&ctx, &r, &row, TCOL_TTY, b, sizeof b); ck_assert_str_eq(b, "pts/1");
	StableIds_done(&ids);
}
END_TEST

START_TEST(test_tree_cells)
{
	StableIds ids;
	TreeRowContext ctx = { .g = utf8, .ids = &ids, .stepped = true, .step = 1 };
	TreeRow row = { .index = 0, .depth = 2, .last_child = true, .branch_mask = 1u << 1 };
	ProcRecord r = record(4242, 4241);
	char b[256];

	StableIds_init(&ids, false, 1, "");
	tree_cell(&ctx, &r, &row, TCOL_PID, b, sizeof b); ck_assert_str_eq(b, "4242");
	tree_cell(&ctx, &r, &row, TCOL_PPID, b, sizeof b); ck_assert_str_eq(b, "4241");
	tree_cell(&ctx, &r, &row, TCOL_SID, b, sizeof b); ck_assert_str_eq(b, "7");
	tree_cell(&ctx, &r, &row, TCOL_STATE, b, sizeof b); ck_assert_str_eq(b, "S");
	tree_cell(&ctx, &r, &row, TCOL_UIDS, b, sizeof b); ck_assert_str_eq(b, "1000/0");
	tree_cell(&ctx, &r, &row, TCOL_MADE_BY, b, sizeof b); ck_assert_str_eq(b, "fork");
	tree_cell(&ctx, &r, &row, TCOL_COMMAND, b, sizeof b);
	ck_assert_str_eq(b, "forkscope-demo fork size=16");
	/* A command longer than its column shows argv[0] by its base name. */
	r.id.cmdline = (char *)"/usr/lib/forkscope/forkscope-demo fork size=16";
	ctx.command_cols = 20;
	tree_cell(&ctx, &r, &row, TCOL_COMMAND, b, sizeof b);
	ck_assert_str_eq(b, "forkscope-demo fork size=16");
	ctx.command_cols = 0;
	tree_cell(&ctx, &r, &row, TCOL_COMMAND, b, sizeof b);
	ck_assert_str_eq(b, "/usr/lib/forkscope/forkscope-demo fork size=16");
	r.id.cmdline = (char *)"forkscope-demo fork size=16";
	tree_branches(&ctx, &row, b, sizeof b); ck_assert_str_eq(b, "│  └─ ");
	row.branch_mask = 0;
	row.last_child = false;
	tree_branches(&ctx, &row, b, sizeof b); ck_assert_str_eq(b, "   ├─ ");
	ctx.g = ascii;
	tree_branches(&ctx, &row, b, sizeof b); ck_assert_str_eq(b, "   |- ");
	row.depth = 0;
	tree_branches(&ctx, &row, b, sizeof b); ck_assert_str_eq(b, "");

	/* After exec: the API and the exec both show. */
	r.execs = 1;
	tree_cell(&ctx, &r, &row, TCOL_MADE_BY, b, sizeof b); ck_assert_str_eq(b, "fork+exec");
	/* Held at its exit stop: the exit was seen, the process still lives
	 * in a tracing stop; exiting, not a zombie. */
	r.exited = true;
	r.alive = false;
	r.held = true;
	r.exit_status = 42 << 8;
	r.id.task_state = 't';
	ck_assert(proc_exiting_held(&r));
	tree_cell(&ctx, &r, &row, TCOL_STATE, b, sizeof b); ck_assert_str_eq(b, "t");
	tree_cell(&ctx, &r, &row, TCOL_COMMAND, b, sizeof b);
	ck_assert_str_eq(b, "forkscope-demo fork size=16  [exiting (held): exit 42]");
	ck_assert_int_eq(tree_row_mood(&r, 1, true, 0, 0), MOOD_HELD);
	r.held = false;
	r.id.task_state = 'S';
	ck_assert(!proc_exiting_held(&r));
	/* A ghost says how it ended; a zombie says it is not reaped. */
	r.exited = true;
	r.alive = false;
	r.reaped = true;
	r.exit_status = 7 << 8;
	tree_cell(&ctx, &r, &row, TCOL_STATE, b, sizeof b); ck_assert_str_eq(b, "X");
	tree_cell(&ctx, &r, &row, TCOL_COMMAND, b, sizeof b);
	ck_assert_str_eq(b, "forkscope-demo fork size=16  [exit 7]");
	r.reaped = false;
	r.id.task_state = 'Z';
	r.id.cmdline = (char *)"";
	tree_cell(&ctx, &r, &row, TCOL_STATE, b, sizeof b); ck_assert_str_eq(b, "Z");
	tree_cell(&ctx, &r, &row, TCOL_COMMAND, b, sizeof b);
	ck_assert_str_eq(b, "[demo]  <defunct: exit 7, not reaped>");
	r.exit_status = SIGKILL;
	r.id.task_state = 'S';
	r.reaped = true;
	tree_cell(&ctx, &r, &row, TCOL_COMMAND, b, sizeof b);
	ck_assert(strstr(b, "SIGKILL") != NULL);
	/* Unread identity is unknown, never zeros. */
	r = record(5, 4);
	r.id.state = READ_DENIED;
	tree_cell(&ctx, &r, &row, TCOL_PGID, b, sizeof b); ck_assert_str_eq(b, "?");
	tree_cell(&ctx, &r, &row, TCOL_UIDS, b, sizeof b); ck_assert_str_eq(b, "?");
	tree_cell(&ctx, &r, &row, TCOL_STATE, b, sizeof b); ck_assert_str_eq(b, "?");
	/* Not read yet (came and went between two looks): blank, not unknown. */
	r.id.state = READ_NOT_ASKED;
	tree_cell(&ctx, &r, &row, TCOL_PGID, b, sizeof b); ck_assert_str_eq(b, "");
	tree_cell(&ctx, &r, &row, TCOL_UIDS, b, sizeof b); ck_assert_str_eq(b, "");
	tree_cell(&ctx, &r, &row, TCOL_STATE, b, sizeof b); ck_assert_str_eq(b, " ");
	StableIds_done(&ids);
}
END_TEST

/* ---- stable ids ---- */

START_TEST(test_stable_ids)
{
	Session *s = Session_new(0, 1000000);
	StableIds ids;
	char b[256];

	Session_add(s, 5321, 77, HOW_FORK, 1);
	Session_add(s, 5330, 5321, HOW_FORK, 2);
	StableIds_init(&ids, true, 77, "/opt/x/libexec/forkscope/forkscope-demo");
	StableIds_seed(&ids, s);
	ck_assert_str_eq(StableIds_pid(&ids, 77, b, sizeof b), "1000");
	ck_assert_str_eq(StableIds_pid(&ids, 5321, b, sizeof b), "1001");
	ck_assert_str_eq(StableIds_pid(&ids, 5330, b, sizeof b), "1002");
	ck_assert_str_eq(StableIds_pid(&ids, 12, b, sizeof b), "900");
	ck_assert_str_eq(StableIds_pid(&ids, 13, b, sizeof b), "899");
	ck_assert_str_eq(StableIds_pid(&ids, 12, b, sizeof b), "900");
	ck_assert_str_eq(StableIds_pid(&ids, 0, b, sizeof b), "-");
	StableIds_text(&ids, "waitpid(5330) = 5330, status exit 0", b, sizeof b);
	ck_assert_str_eq(b, "waitpid(1002) = 1002, status exit 0");
	/* Numbers that are no pid, or inside words, stay. */
	StableIds_text(&ids, "size=64 MiB, 53300 pages, x5330", b, sizeof b);
	ck_assert_str_eq(b, "size=64 MiB, 53300 pages, x5330");
	StableIds_text(&ids, "pipe:[884422] pipe:[99] pipe:[884422]", b, sizeof b);
	ck_assert_str_eq(b, "pipe:[1] pipe:[2] pipe:[1]");
	/* init stays 1, in a column and in text: "prctl(..., 1)" is not a pid. */
	ck_assert_str_eq(StableIds_pid(&ids, 1, b, sizeof b), "1");
	StableIds_text(&ids, "prctl(PR_SET_CHILD_SUBREAPER, 1) = 0", b, sizeof b);
	ck_assert_str_eq(b, "prctl(PR_SET_CHILD_SUBREAPER, 1) = 0");
	/* An array index in a call's text is not an inode. */
	StableIds_text(&ids, "adddup2(hold[0], 0), close(ready[1]) pipe:[884422]", b, sizeof b);
	ck_assert_str_eq(b, "adddup2(hold[0], 0), close(ready[1]) pipe:[1]");
	StableIds_text(&ids, "/opt/x/libexec/forkscope/forkscope-demo cow size=64", b, sizeof b);
	ck_assert_str_eq(b, "forkscope-demo cow size=64");
	StableIds_text(&ids, "mmap(...) = 0x7f3a5c000000, again 0x7f3a5c000000, 0x55d0e1a00000",
		       b, sizeof b);
	ck_assert_str_eq(b, "mmap(...) = 0x7f0000000000, again 0x7f0000000000, 0x7f0001000000");
	StableIds_done(&ids);
	/* Off: everything as it is. */
	StableIds_init(&ids, false, 77, "/opt/x/forkscope-demo");
	ck_assert_str_eq(StableIds_pid(&ids, 5321, b, sizeof b), "5321");
	StableIds_text(&ids, "pipe:[884422] 0x7f3a5c000000", b, sizeof b);
	ck_assert_str_eq(b, "pipe:[884422] 0x7f3a5c000000");
	StableIds_done(&ids);
	Session_delete(s);
}
END_TEST

/* ---- the tree under churn, from events ---- */

static void apply(Session *s, EventKind kind, pid_t pid, pid_t ppid, int status, uint64_t t)
{
	Event ev = { .t_us = t, .kind = kind, .pid = pid, .ppid = ppid, .status = status };
	Session_apply(s, &ev);
}

/* The command column's text of every row, as the tree pane draws it. */
static size_t tree_lines(Session *s, char lines[][96], size_t max)
{
	StableIds ids;
	TreeRowContext ctx = { .g = ascii, .ids = &ids, .stepped = true, .step = s->step };
	TreeRow rows[32];
	size_t n = Session_tree(s, rows, max < 32 ? max : 32, NULL);

	StableIds_init(&ids, false, 1, "");
	for (size_t i = 0; i < n; i++) {
		char pid[16], branches[64];
		const ProcRecord *r = &s->procs[rows[i].index];
		tree_cell(&ctx, r, &rows[i], TCOL_PID, pid, sizeof pid);
		tree_branches(&ctx, &rows[i], branches, sizeof branches);
		snprintf(lines[i], 96, "%s%s %s", branches, pid,
			 RowMood_mark(tree_row_mood(r, s->step, true, s->now_us, 0)));
	}
	StableIds_done(&ids);
	return n;
}

START_TEST(test_tree_under_churn)
{
	Session *s = Session_new(100, 1000);
	char lines[32][96];
	size_t n;

	Session_add(s, 100, 1, HOW_FORK, 1);
	Session_set_step(s, 1, "");
	apply(s, EV_FORK, 101, 100, 0, 10);
	apply(s, EV_FORK, 102, 100, 0, 11);
	apply(s, EV_FORK, 103, 101, 0, 12);
	Session_set_step(s, 2, "");
	n = tree_lines(s, lines, 32);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(lines[0], "100  ");
	ck_assert_str_eq(lines[1], "|- 101 +");
	ck_assert_str_eq(lines[2], "|  `- 103 +");
	ck_assert_str_eq(lines[3], "`- 102 +");

	/* 101 exits and is reaped: its row stays in place as a ghost, and so
	 * do the rows below it; a new child of 100 appends at the end. */
	apply(s, EV_EXIT, 101, 0, 0, 20);
	apply(s, EV_REAP, 101, 100, 0, 21);
	apply(s, EV_REPARENT, 103, 1, 0, 22);
	apply(s, EV_FORK, 104, 100, 0, 23);
	Session_set_step(s, 3, "");
	n = tree_lines(s, lines, 32);
	ck_assert_uint_eq(n, 5);
	ck_assert_str_eq(lines[0], "100  ");
	ck_assert_str_eq(lines[1], "|- 101 x");
	ck_assert_str_eq(lines[2], "|- 102  ");
	ck_assert_str_eq(lines[3], "`- 104 +");
	/* The orphan went to init: outside the subtree's tree, a root of its own. */
	ck_assert_str_eq(lines[4], "103 ~");

	/* Once its ghost time is over, only the ghost's row goes. */
	Session_expire(s, 5000);
	n = tree_lines(s, lines, 32);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(lines[1], "|- 102  ");
	ck_assert_str_eq(lines[2], "`- 104 +");
	Session_delete(s);
}
END_TEST

static Suite *format_suite(void)
{
	Suite *s = suite_create("ui format");
	TCase *tc = tcase_create("format");

	tcase_add_checked_fixture(tc, format_test_setup, NULL);
	tcase_add_test(tc, test_format_kb);
	tcase_add_test(tc, test_text_measure_and_fit);
	tcase_add_test(tc, test_text_wrap);
	tcase_add_test(tc, test_tree_columns_fit);
	tcase_add_test(tc, test_tree_moods);
	tcase_add_test(tc, test_tree_cells);
	tcase_add_test(tc, test_tree_tty_threads_nspid);
	tcase_add_test(tc, test_stable_ids);
	tcase_add_test(tc, test_tree_under_churn);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(format_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
