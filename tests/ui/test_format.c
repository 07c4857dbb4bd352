/*
 * What the panes say, without a terminal: sizes, text measured in columns,
 * tree rows (columns, moods, branches, ghosts and zombies), stable ids for
 * screenshots, mapping rows, page-map shades, FD rows and what fdinfo adds
 * to them, signal lists with their difference from the parent, the process
 * pane's words (exe, cwd, scheduling, environment against the parent's),
 * event lines and one event in full, the layout at the sizes
 * the screen tests use, the key table, and the tree's order under churn
 * (a session fed with events, as the runner feeds it).
 */
#include <check.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "model/session.h"
#include "ui/format.h"
#include "ui/glyphs.h"
#include "ui/keys.h"
#include "ui/layout.h"
#include "ui/stable.h"
#include "ui/text.h"

static const Glyphs *utf8;
static const Glyphs *ascii;

static void setup(void)
{
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	utf8 = glyphs_get(false);
	ascii = glyphs_get(true);
}

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

/* ---- memory and the page map ---- */

START_TEST(test_mapping_rows)
{
	StableIds ids;
	Mapping m = { .start = 0x1000, .end = 0x1000 + 64 * 1024 * 1024, .perms = "rw-p",
		      .path = (char *)"", .kind = MAP_KIND_ANON };
	bool shown[MCOL_COUNT];
	char b[64];

	StableIds_init(&ids, false, 1, "");
	m.kb.rss = 65536;
	m.kb.pss = 49152;
	m.kb.shared_dirty = 32768;
	m.kb.private_dirty = 32768;
	mapping_cell(&m, &ids, MCOL_NAME, b, sizeof b); ck_assert_str_eq(b, "[anon]");
	mapping_cell(&m, &ids, MCOL_SIZE, b, sizeof b); ck_assert_str_eq(b, "64M");
	mapping_cell(&m, &ids, MCOL_PSS, b, sizeof b); ck_assert_str_eq(b, "48M");
	mapping_cell(&m, &ids, MCOL_SHARED_DIRTY, b, sizeof b); ck_assert_str_eq(b, "32M");
	mapping_cell(&m, &ids, MCOL_SHARED_CLEAN, b, sizeof b); ck_assert_str_eq(b, "0");
	mapping_cell(&m, &ids, MCOL_PERMS, b, sizeof b); ck_assert_str_eq(b, "rw-p");
	m.kind = MAP_KIND_FILE;
	m.path = (char *)"/usr/lib/x86_64-linux-gnu/libc.so.6";
	mapping_cell(&m, &ids, MCOL_NAME, b, sizeof b); ck_assert_str_eq(b, "libc.so.6");
	m.kind = MAP_KIND_HEAP;
	m.path = (char *)"[heap]";
	mapping_cell(&m, &ids, MCOL_NAME, b, sizeof b); ck_assert_str_eq(b, "[heap]");
	/* The six counters of the lesson stay in a 60-column pane. */
	mem_columns_fit(60, shown);
	ck_assert(shown[MCOL_RSS] && shown[MCOL_PSS] && shown[MCOL_SHARED_CLEAN] &&
		  shown[MCOL_SHARED_DIRTY] && shown[MCOL_PRIVATE_CLEAN] && shown[MCOL_PRIVATE_DIRTY]);
	mem_columns_fit(200, shown);
	ck_assert(shown[MCOL_SWAP] && shown[MCOL_SIZE]);
	StableIds_done(&ids);
}
END_TEST

static PageMap pagemap_of(PageInfo *pages, size_t n, bool mapcount)
{
	PageMap m = { .state = READ_OK, .npages = n, .pages = pages, .mapcount_visible = mapcount };
	return m;
}

START_TEST(test_page_shades)
{
	PageInfo p[8];
	PageMap m;
	char b[160];

	for (int i = 0; i < 8; i++)
		p[i] = (PageInfo){ .flags = PAGE_PRESENT, .mapcount = -1 };
	m = pagemap_of(p, 8, false);
	ck_assert_int_eq(page_group_shade(&m, 0, 8), SHADE_SHARED);
	p[0].flags |= PAGE_EXCLUSIVE;
	ck_assert_int_eq(page_group_shade(&m, 0, 8), SHADE_MOSTLY_SHARED);
	for (int i = 0; i < 5; i++)
		p[i].flags |= PAGE_EXCLUSIVE;
	ck_assert_int_eq(page_group_shade(&m, 0, 8), SHADE_MOSTLY_EXCLUSIVE);
	ck_assert_int_eq(page_group_shade(&m, 0, 4), SHADE_EXCLUSIVE);
	ck_assert_int_eq(page_group_shade(&m, 5, 3), SHADE_SHARED);
	/* Half exclusive, never seen shared: exclusive, not copied. */
	for (int i = 0; i < 8; i++)
		p[i].flags = PAGE_PRESENT | (i < 4 ? PAGE_EXCLUSIVE : 0);
	page_summary(&m, utf8, false, b, sizeof b);
	ck_assert_str_eq(b, "shared 4 (50%) · exclusive 4 (50%) · absent 0");
	page_summary(&m, utf8, true, b, sizeof b);
	ck_assert_str_eq(b, "shared 50% · exclusive 50%");
	/* Seen shared before: copied, and a copied page is as solid. */
	p[0].flags |= PAGE_SEEN_SHARED;
	p[1].flags |= PAGE_SEEN_SHARED;
	page_summary(&m, utf8, true, b, sizeof b);
	ck_assert_str_eq(b, "shared 50% · copied 25% · exclusive 25%");
	ck_assert_int_eq(page_group_shade(&m, 0, 4), SHADE_EXCLUSIVE);
	/* Not present, swapped. */
	p[6].flags = 0;
	p[7].flags = PAGE_SWAPPED;
	ck_assert_int_eq(page_group_shade(&m, 6, 1), SHADE_ABSENT);
	ck_assert_int_eq(page_group_shade(&m, 7, 1), SHADE_SWAPPED);
	page_summary(&m, ascii, false, b, sizeof b);
	ck_assert_str_eq(b, "shared 2 (33%) - copied 2 (33%) - exclusive 2 (33%) - absent 1 - "
			    "swapped 1");
	/* Nothing present: the compact form counts what there is. */
	for (int i = 0; i < 8; i++)
		p[i].flags = i < 6 ? 0 : PAGE_SWAPPED;
	page_summary(&m, utf8, true, b, sizeof b);
	ck_assert_str_eq(b, "absent 6 · swapped 2");
	/* With frame map counts (root), the count decides. */
	p[0] = (PageInfo){ .flags = PAGE_PRESENT | PAGE_EXCLUSIVE, .mapcount = 2 };
	ck_assert(page_shared(&p[0], true));
	ck_assert(!page_shared(&p[0], false));
	/* Groups: one page per cell when they fit, else ceil. */
	ck_assert_uint_eq(page_group_size(100, 400), 1);
	ck_assert_uint_eq(page_group_size(16384, 400), 41);
	ck_assert_uint_eq(page_group_size(16384, 0), 16384);
	ck_assert_int_eq(page_cell_width(13, 24, 8), 2);
	ck_assert_int_eq(page_cell_width(96, 24, 8), 2);
	ck_assert_int_eq(page_cell_width(97, 24, 8), 1);
	ck_assert_int_eq(page_cell_width(5, 1, 8), 1);
	/* Shared is light, exclusive solid, and each shade has a role. */
	ck_assert_str_eq(PageShade_glyph(SHADE_SHARED, utf8), "░");
	ck_assert_str_eq(PageShade_glyph(SHADE_EXCLUSIVE, utf8), "█");
	ck_assert_str_eq(PageShade_glyph(SHADE_EXCLUSIVE, ascii), "#");
	ck_assert_int_eq(PageShade_role(SHADE_SHARED), ROLE_PAGE_SHARED);
	ck_assert_int_eq(PageShade_role(SHADE_MOSTLY_EXCLUSIVE), ROLE_PAGE_PRIVATE);
	ck_assert_int_eq(PageShade_role(SHADE_ABSENT), ROLE_PAGE_ABSENT);
	ck_assert_int_eq(PageShade_role(SHADE_SWAPPED), ROLE_PAGE_SWAPPED);
}
END_TEST

enum { FIXTURE_PAGES = 8 };
#define FIXTURE_START 0x7f0000000000ul

/* One read from the fixture pagemap-fork.txt: the section named, decoded
 * into pages (FIXTURE_PAGES of them, owned by the caller). */
static PageMap fixture_pagemap(const char *section, PageInfo *pages)
{
	char path[1024], line[128], want[96];
	size_t n = 0;
	bool in = false;
	FILE *f;

	snprintf(path, sizeof path, "%s/probe/pagemap-fork.txt", FIXTURES_DIR);
	snprintf(want, sizeof want, "== %s\n", section);
	ck_assert_msg((f = fopen(path, "r")) != NULL, "fixture %s missing", path);
	while (fgets(line, sizeof line, f) != NULL && n < FIXTURE_PAGES) {
		if (line[0] == '#')
			continue;
		if (line[0] == '=') {
			in = strcmp(line, want) == 0;
			continue;
		}
		if (in)
			pages[n++] = pagemap_decode(strtoull(line, NULL, 16));
	}
	fclose(f);
	ck_assert_msg(n == FIXTURE_PAGES, "section %s: %zu pages", section, n);
	return (PageMap){ .state = READ_OK, .start = FIXTURE_START, .npages = n, .pages = pages };
}

/* The page map says what pagemap says; copied only where an earlier read
 * of the same range saw the page shared. */
START_TEST(test_page_words)
{
	PageInfo fork_child[FIXTURE_PAGES], written[FIXTURE_PAGES], parent[FIXTURE_PAGES],
		 parent_then[FIXTURE_PAGES], again[FIXTURE_PAGES], vfork_child[FIXTURE_PAGES];
	PageMap after_fork, after_write, m;
	char b[160];

	/* A vfork child's memory is its parent's: exclusive, nothing copied. */
	m = fixture_pagemap("vfork child", vfork_child);
	PageMap_note_shared(&m, NULL);
	page_summary(&m, utf8, false, b, sizeof b);
	ck_assert_str_eq(b, "exclusive 6 (100%) · absent 2");
	page_summary(&m, utf8, true, b, sizeof b);
	ck_assert_str_eq(b, "exclusive 100%");
	ck_assert_int_eq(page_group_shade(&m, 0, FIXTURE_PAGES), SHADE_EXCLUSIVE);
	/* So is the parent's before fork. */
	m = fixture_pagemap("parent before fork", parent);
	PageMap_note_shared(&m, NULL);
	page_summary(&m, utf8, true, b, sizeof b);
	ck_assert_str_eq(b, "exclusive 100%");
	/* Right after fork: every present page shared. */
	after_fork = fixture_pagemap("child after fork", fork_child);
	PageMap_note_shared(&after_fork, NULL);
	page_summary(&after_fork, utf8, false, b, sizeof b);
	ck_assert_str_eq(b, "shared 6 (100%) · absent 2");
	/* The child wrote three: read after the fork's read, they were copied. */
	after_write = fixture_pagemap("child after writing 3", written);
	PageMap_note_shared(&after_write, &after_fork);
	page_summary(&after_write, utf8, false, b, sizeof b);
	ck_assert_str_eq(b, "shared 3 (50%) · copied 3 (50%) · absent 2");
	page_summary(&after_write, utf8, true, b, sizeof b);
	ck_assert_str_eq(b, "shared 50% · copied 50%");
	/* A third read carries the judgement on. */
	m = fixture_pagemap("child after writing 3", again);
	PageMap_note_shared(&m, &after_write);
	page_summary(&m, utf8, true, b, sizeof b);
	ck_assert_str_eq(b, "shared 50% · copied 50%");
	/* The same read with nothing before it: exclusive, not copied. */
	m = fixture_pagemap("child after writing 3", again);
	PageMap_note_shared(&m, NULL);
	page_summary(&m, utf8, true, b, sizeof b);
	ck_assert_str_eq(b, "shared 50% · exclusive 50%");
	/* The parent's originals, seen shared after fork, are mapped once now. */
	after_fork = fixture_pagemap("parent after fork", parent_then);
	PageMap_note_shared(&after_fork, NULL);
	m = fixture_pagemap("parent after child wrote 3", parent);
	PageMap_note_shared(&m, &after_fork);
	page_summary(&m, utf8, true, b, sizeof b);
	ck_assert_str_eq(b, "shared 50% · copied 50%");
	/* A page absent in between forgets it was shared: faulted in again,
	 * it is a new page. */
	after_fork = fixture_pagemap("child after fork", fork_child);
	PageMap_note_shared(&after_fork, NULL);
	m = fixture_pagemap("child after fork", again);
	again[0].flags = 0;
	PageMap_note_shared(&m, &after_fork);
	after_write = fixture_pagemap("child after writing 3", written);
	PageMap_note_shared(&after_write, &m);
	ck_assert_int_eq(page_class(&written[0], false), PAGE_CLASS_EXCLUSIVE);
	ck_assert_int_eq(page_class(&written[1], false), PAGE_CLASS_COPIED);
	ck_assert_int_eq(page_class(&written[6], false), PAGE_CLASS_ABSENT);
}
END_TEST

/* ---- file descriptors ---- */

START_TEST(test_fd_rows)
{
	StableIds ids;
	FdEntry e = { .fd = 3, .kind = FD_KIND_FILE, .target = (char *)"/etc/group",
		      .info_state = READ_OK, .acc_mode = O_RDONLY, .cloexec = true, .pos = 120 };
	bool shown[FCOL_COUNT];
	char b[128];

	StableIds_init(&ids, true, 1, "");
	fd_cell(&e, 1, true, &ids, FCOL_FD, b, sizeof b); ck_assert_str_eq(b, "3");
	fd_cell(&e, 1, true, &ids, FCOL_TYPE, b, sizeof b); ck_assert_str_eq(b, "file");
	fd_cell(&e, 1, true, &ids, FCOL_MODE, b, sizeof b); ck_assert_str_eq(b, "r");
	fd_cell(&e, 1, true, &ids, FCOL_OFFSET, b, sizeof b); ck_assert_str_eq(b, "120");
	fd_cell(&e, 1, true, &ids, FCOL_EXEC, b, sizeof b); ck_assert_str_eq(b, "close");
	ck_assert_int_eq(fd_cell_role(&e, 1, FCOL_EXEC), ROLE_FD_CLOEXEC);
	fd_cell(&e, 1, true, &ids, FCOL_PARENT, b, sizeof b); ck_assert_str_eq(b, "shared");
	ck_assert_int_eq(fd_cell_role(&e, 1, FCOL_PARENT), ROLE_FD_SHARED);
	fd_cell(&e, 0, true, &ids, FCOL_PARENT, b, sizeof b); ck_assert_str_eq(b, "no");
	fd_cell(&e, -1, true, &ids, FCOL_PARENT, b, sizeof b); ck_assert_str_eq(b, "?");
	fd_cell(&e, 0, false, &ids, FCOL_PARENT, b, sizeof b); ck_assert_str_eq(b, "");
	fd_cell(&e, 1, true, &ids, FCOL_TARGET, b, sizeof b); ck_assert_str_eq(b, "/etc/group");
	/* The plain one: exec keeps it. */
	e.cloexec = false;
	e.acc_mode = O_WRONLY;
	e.append = true;
	fd_cell(&e, 1, true, &ids, FCOL_EXEC, b, sizeof b); ck_assert_str_eq(b, "keep");
	ck_assert_int_eq(fd_cell_role(&e, 1, FCOL_EXEC), ROLE_NORMAL);
	fd_cell(&e, 1, true, &ids, FCOL_MODE, b, sizeof b); ck_assert_str_eq(b, "w+a");
	/* A pipe has no offset; its inode is stable in screenshots. */
	e.kind = FD_KIND_PIPE;
	e.target = (char *)"pipe:[123456]";
	fd_cell(&e, 1, true, &ids, FCOL_OFFSET, b, sizeof b); ck_assert_str_eq(b, "-");
	fd_cell(&e, 1, true, &ids, FCOL_TARGET, b, sizeof b); ck_assert_str_eq(b, "pipe:[1]");
	ck_assert_int_eq(fd_cell_role(&e, 1, FCOL_TARGET), ROLE_FD_PIPE);
	e.kind = FD_KIND_ANON;
	snprintf(e.anon_kind, sizeof e.anon_kind, "pidfd");
	fd_cell(&e, 1, true, &ids, FCOL_TYPE, b, sizeof b); ck_assert_str_eq(b, "pidfd");
	/* fdinfo unreadable: unknown, never "keep". */
	e.info_state = READ_GONE;
	fd_cell(&e, 1, true, &ids, FCOL_EXEC, b, sizeof b); ck_assert_str_eq(b, "?");
	fd_cell(&e, 1, true, &ids, FCOL_OFFSET, b, sizeof b); ck_assert_str_eq(b, "?");
	/* ON EXEC and the target outlast every other column. */
	fd_columns_fit(30, 0, shown);
	ck_assert(shown[FCOL_FD] && shown[FCOL_EXEC] && shown[FCOL_TARGET]);
	ck_assert(!shown[FCOL_OFFSET]);
	StableIds_done(&ids);
}
END_TEST

/* What fdinfo adds: a pidfd's Pid (stable, or -1 once reaped), an
 * eventfd's count, inotify's watches; a pipe's inode is never cut. */
START_TEST(test_fd_target_extras)
{
	StableIds ids;
	FdEntry e = { .fd = 3, .kind = FD_KIND_ANON, .target = (char *)"anon_inode:[pidfd]",
		      .anon_kind = "pidfd", .info_state = READ_OK, .pidfd_pid = 4321 };
	FdEntry v[2] = {
		{ .fd = 1, .kind = FD_KIND_PIPE, .target = (char *)"pipe:[98765432]" },
		{ .fd = 5, .kind = FD_KIND_SOCKET, .target = (char *)"socket:[12345678901]" },
	};
	FdTable t = { READ_OK, v, 2 };
	bool shown[FCOL_COUNT];
	char b[128];

	StableIds_init(&ids, false, 1, "");
	fd_cell(&e, 1, true, &ids, FCOL_TARGET, b, sizeof b);
	ck_assert_str_eq(b, "anon_inode:[pidfd] Pid: 4321");
	e.pidfd_pid = -1;
	fd_target_extra(&e, &ids, b, sizeof b);
	ck_assert_str_eq(b, "Pid: -1");
	e.pidfd_pid = 0; /* fdinfo without a Pid: line */
	fd_target_extra(&e, &ids, b, sizeof b);
	ck_assert_str_eq(b, "");
	snprintf(e.anon_kind, sizeof e.anon_kind, "eventfd");
	e.target = (char *)"anon_inode:[eventfd]";
	e.eventfd_count = 31;
	fd_cell(&e, 1, true, &ids, FCOL_TARGET, b, sizeof b);
	ck_assert_str_eq(b, "anon_inode:[eventfd] eventfd-count: 31");
	snprintf(e.anon_kind, sizeof e.anon_kind, "inotify");
	e.inotify_watches = 2;
	fd_target_extra(&e, &ids, b, sizeof b);
	ck_assert_str_eq(b, "2 watches");
	e.info_state = READ_DENIED; /* nothing fdinfo did not say */
	fd_target_extra(&e, &ids, b, sizeof b);
	ck_assert_str_eq(b, "");
	StableIds_done(&ids);

	StableIds_init(&ids, true, 1, "");
	e.info_state = READ_OK;
	snprintf(e.anon_kind, sizeof e.anon_kind, "pidfd");
	e.pidfd_pid = 4321;
	fd_target_extra(&e, &ids, b, sizeof b);
	ck_assert_str_eq(b, "Pid: 900"); /* not a record of the session: an outsider's number */
	StableIds_done(&ids);

	StableIds_init(&ids, false, 1, "");
	ck_assert_int_eq(fd_target_min(&t, &ids), 20); /* socket:[12345678901] */
	fd_columns_fit(40, fd_target_min(&t, &ids), shown);
	ck_assert(shown[FCOL_TARGET] && shown[FCOL_FD] && shown[FCOL_EXEC]);
	{
		/* the columns shown leave the target its 20 */
		int used = 0;
		for (int c = 0; c < FCOL_COUNT; c++)
			if (shown[c] && c != FCOL_TARGET)
				used += fd_columns[c].width + 1;
		ck_assert_int_ge(40 - used, 20);
	}
	v[1].target = (char *)"/run/a-very-long-named-socket-path-that-may-be-cut";
	ck_assert_int_eq(fd_target_min(&t, &ids), 15); /* pipe:[98765432] */
	StableIds_done(&ids);
}
END_TEST

/* ---- the process pane ---- */

/* The exec-family scenario's execle: the child's environ is exactly what
 * the caller passed; the inherited case holds the parent's and the one
 * variable the parent setenv'd before its fork. */
START_TEST(test_process_words)
{
	char *parent_env[] = { "HOME=/root", "LANG=C.UTF-8", "PATH=/usr/local/bin:/usr/bin",
			       "SHLVL=1", "TERM=xterm", "_=/usr/bin/env", NULL };
	char *passed[] = { "FORKSCOPE_LESSON=passed-by-the-caller", "PATH=/usr/bin:/bin", NULL };
	char *inherited[] = { "HOME=/root", "LANG=C.UTF-8", "PATH=/usr/local/bin:/usr/bin",
			      "SHLVL=1", "TERM=xterm", "_=/usr/bin/env",
			      "FORKSCOPE_LESSON=inherited-from-the-parent", NULL };
	ProcDetail self = { 0 }, parent = { 0 };
	ProcWord w[32];
	int line[32], x[32];
	StableIds ids;
	size_t n;

	StableIds_init(&ids, false, 1, "");
	self.environ_state = parent.environ_state = READ_OK;
	self.environ = passed;
	parent.environ = parent_env;
	n = proc_environ_words(&self, &parent, utf8, &ids, w, 32);
	ck_assert_uint_eq(n, 6);
	ck_assert_str_eq(w[0].text, "2 vars");
	ck_assert_str_eq(w[1].text, "·");
	ck_assert_str_eq(w[2].text, "+FORKSCOPE_LESSON=passed-by-the-caller");
	ck_assert_int_eq(w[2].role, ROLE_SIG_DIFF);
	ck_assert_str_eq(w[3].text, "+PATH=/usr/bin:/bin");
	ck_assert_str_eq(w[5].text, "5 of the parent's absent"); /* more than ENV_REMOVED_LISTED */
	/* a few removed are named */
	parent_env[3] = NULL; /* HOME LANG PATH */
	n = proc_environ_words(&self, &parent, utf8, &ids, w, 32);
	ck_assert_uint_eq(n, 7);
	ck_assert_str_eq(w[5].text, "-HOME");
	ck_assert_str_eq(w[6].text, "-LANG");
	parent_env[3] = "SHLVL=1";
	self.environ = inherited;
	n = proc_environ_words(&self, &parent, utf8, &ids, w, 32);
	ck_assert_uint_eq(n, 5);
	ck_assert_str_eq(w[0].text, "7 vars");
	ck_assert_str_eq(w[2].text, "+FORKSCOPE_LESSON=inherited-from-the-parent");
	ck_assert_str_eq(w[4].text, "6 as in the parent");
	ck_assert_int_eq(w[4].role, ROLE_DIM);
	/* no parent to compare with: the count alone, no value */
	n = proc_environ_words(&self, NULL, utf8, &ids, w, 32);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(w[0].text, "7 vars");
	/* the parent's unreadable: the same */
	parent.environ_state = READ_DENIED;
	ck_assert_uint_eq(proc_environ_words(&self, &parent, utf8, &ids, w, 32), 1);
	self.environ_state = READ_DENIED;
	ck_assert_uint_eq(proc_environ_words(&self, &parent, utf8, &ids, w, 32), 1);
	ck_assert_int_eq(w[0].role, ROLE_WARNING);
	/* many added: listed while there is room, then counted */
	{
		static char big[40][16];
		char *many[41];
		for (int i = 0; i < 40; i++) {
			snprintf(big[i], sizeof big[i], "V%02d=x", i);
			many[i] = big[i];
		}
		many[40] = NULL;
		self.environ_state = parent.environ_state = READ_OK;
		self.environ = many;
		n = proc_environ_words(&self, &parent, utf8, &ids, w, 32);
		ck_assert_uint_le(n, 32);
		ck_assert(strstr(w[n - 3].text, "more") != NULL);
	}

	/* exe and cwd: what differs from the parent in the diff role */
	self = (ProcDetail){ 0 };
	parent = (ProcDetail){ 0 };
	self.id.exe_state = parent.id.exe_state = READ_OK;
	self.id.exe = (char *)"/usr/bin/true";
	parent.id.exe = (char *)"/usr/libexec/forkscope/forkscope-demo";
	self.cwd_state = parent.cwd_state = READ_OK;
	self.cwd = (char *)"/";
	parent.cwd = (char *)"/";
	n = proc_place_words(&self, &parent, &ids, w, 32);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(w[0].text, "/usr/bin/true");
	ck_assert_int_eq(w[0].role, ROLE_SIG_DIFF);
	ck_assert_str_eq(w[1].label, "cwd");
	ck_assert_str_eq(w[1].text, "/");
	ck_assert_int_eq(w[1].role, ROLE_NORMAL);
	self.cwd_state = READ_ABSENT; /* a zombie has none */
	n = proc_place_words(&self, NULL, &ids, w, 32);
	ck_assert_int_eq(w[0].role, ROLE_NORMAL);
	ck_assert_int_eq(w[1].role, ROLE_DIM);
	StableIds_done(&ids);

	/* --stable: the directory forkscope runs in is $PWD */
	StableIds_init(&ids, true, 1, "");
	snprintf(ids.cwd, sizeof ids.cwd, "/home/someone/src/forkscope");
	self.cwd_state = READ_OK;
	self.cwd = (char *)"/home/someone/src/forkscope/build";
	n = proc_place_words(&self, NULL, &ids, w, 32);
	ck_assert_str_eq(w[1].text, "$PWD/build");
	self.cwd = (char *)"/home/someone/src/forkscope-other";
	n = proc_place_words(&self, NULL, &ids, w, 32);
	ck_assert_str_eq(w[1].text, "/home/someone/src/forkscope-other");
	StableIds_done(&ids);

	/* scheduling: spawn-attrs' child 5 against its parent */
	self.id.state = parent.id.state = READ_OK;
	self.id.sched_policy = 1;
	self.id.rt_priority = 10;
	n = proc_sched_words(&self.id, &parent.id, w, 32);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(w[0].text, "SCHED_FIFO");
	ck_assert_int_eq(w[0].role, ROLE_SIG_DIFF);
	ck_assert_str_eq(w[1].label, "rt_priority");
	ck_assert_str_eq(w[1].text, "10");
	ck_assert_str_eq(w[2].label, "nice");
	ck_assert_str_eq(w[2].text, "0");
	ck_assert_int_eq(w[2].role, ROLE_NORMAL);

	/* laid out: "sched " first, then lines of 20; a word longer than a
	 * line goes on in the lines below */
	ck_assert_int_eq(proc_words_lay_out(w, n, 30, 6, line, x), 2);
	ck_assert_int_eq(line[0], 0);
	ck_assert_int_eq(x[0], 6);
	ck_assert_int_eq(line[2], 1); /* "nice 0" after "rt_priority 10" does not fit */
	snprintf(w[0].text, sizeof w[0].text, "+FORKSCOPE_LESSON=passed-by-the-caller");
	w[0].label[0] = '\0';
	snprintf(w[1].text, sizeof w[1].text, "+PATH=/bin");
	w[1].label[0] = '\0';
	ck_assert_int_eq(proc_words_lay_out(w, 2, 16, 8, line, x), 5);
	ck_assert_int_eq(line[0], 1); /* too long after the name: lines 1-3 of its own */
	ck_assert_int_eq(x[0], 0);
	ck_assert_int_eq(line[1], 4); /* after "caller " there is no room left */
	snprintf(w[1].text, sizeof w[1].text, "+P=1");
	ck_assert_int_eq(proc_words_lay_out(w, 2, 16, 8, line, x), 4);
	ck_assert_int_eq(line[1], 3);
	ck_assert_int_eq(x[1], 7);
	{
		TextLine pieces[8];
		ck_assert_uint_eq(proc_word_pieces(&w[0], 16, pieces, 8), 3);
		ck_assert_uint_eq(pieces[0].len, 16);
		ck_assert_uint_eq(pieces[2].start, 32);
		ck_assert_uint_eq(pieces[2].len, 6); /* "caller" */
	}
}
END_TEST

/* ---- signals ---- */

START_TEST(test_signal_lists)
{
	SigItem items[64];
	SigSets sets = { .state = READ_OK, .pending_thread = 1ull << (SIGUSR1 - 1),
			 .pending_shared = 1ull << (SIGTERM - 1) };
	uint64_t self = (1ull << (SIGINT - 1)) | (1ull << (SIGQUIT - 1));
	uint64_t parent = (1ull << (SIGQUIT - 1)) | (1ull << (SIGCHLD - 1));
	char b[32];
	size_t n;

	n = sig_items(self, parent, true, items, 64);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(items[0].signo, SIGINT);  ck_assert_int_eq(items[0].diff, SIGDIFF_ADDED);
	ck_assert_int_eq(items[1].signo, SIGQUIT); ck_assert_int_eq(items[1].diff, SIGDIFF_SAME);
	ck_assert_int_eq(items[2].signo, SIGCHLD); ck_assert_int_eq(items[2].diff, SIGDIFF_REMOVED);
	sig_item_text(&items[0], utf8, b, sizeof b); ck_assert_str_eq(b, "+SIGINT");
	sig_item_text(&items[1], utf8, b, sizeof b); ck_assert_str_eq(b, "SIGQUIT");
	sig_item_text(&items[2], utf8, b, sizeof b); ck_assert_str_eq(b, "-SIGCHLD");
	/* Without a parent nothing is a difference. */
	n = sig_items(self, parent, false, items, 64);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(items[0].diff, SIGDIFF_SAME);
	ck_assert_uint_eq(sig_items(0, 0, true, items, 64), 0);
	/* Pending is the thread's and the process's together. */
	ck_assert(sigmask_has(sigsets_mask(&sets, SIGSET_PENDING), SIGUSR1));
	ck_assert(sigmask_has(sigsets_mask(&sets, SIGSET_PENDING), SIGTERM));
	ck_assert_str_eq(SigSetKind_name(SIGSET_CAUGHT), "caught");
	ck_assert_int_eq(SigSetKind_role(SIGSET_BLOCKED), ROLE_SIG_BLOCKED);
}
END_TEST

/* ---- events ---- */

START_TEST(test_event_lines)
{
	StableIds ids;
	EventLine line;
	Event ev = { .t_us = 1500000, .kind = EV_API, .pid = 200, .ret = 201, .child = 201 };

	StableIds_init(&ids, false, 1, "");
	snprintf(ev.api, sizeof ev.api, "fork");
	snprintf(ev.detail, sizeof ev.detail, "fork() = 201 in the parent");
	event_line(&ev, 1, 1000000, &ids, &line);
	ck_assert_str_eq(line.when, "0.500");
	ck_assert_str_eq(line.pid, "200");
	ck_assert_str_eq(line.text, "fork() = 201 in the parent");
	ck_assert_int_eq(line.role, ROLE_EVENT_API);
	/* A call reported without its result gets it from ret and err. */
	snprintf(ev.api, sizeof ev.api, "execve");
	snprintf(ev.detail, sizeof ev.detail, "execve(\"/nonexistent\")");
	ev.ret = -1;
	ev.err = 2;
	ev.child = 0;
	event_line(&ev, 1, 1000000, &ids, &line);
	ck_assert_str_eq(line.text, "execve(\"/nonexistent\") = -1 ENOENT");
	snprintf(ev.api, sizeof ev.api, "posix_spawn");
	snprintf(ev.detail, sizeof ev.detail, "posix_spawn(&pid, \"/bin/true\")");
	ev.ret = 0;
	ev.err = 0;
	ev.child = 333;
	event_line(&ev, 1, 1000000, &ids, &line);
	ck_assert_str_eq(line.text, "posix_spawn(&pid, \"/bin/true\") = 0, pid 333");
	/* Kernel events. */
	ev = (Event){ .t_us = 2000000, .kind = EV_FORK, .pid = 201, .ppid = 200 };
	event_line(&ev, 1, 1000000, &ids, &line);
	ck_assert_str_eq(line.text, "fork by 200");
	ck_assert_int_eq(line.role, ROLE_EVENT_CREATE);
	ev = (Event){ .kind = EV_EXIT, .pid = 201, .status = 7 << 8 };
	event_line(&ev, 1, 0, &ids, &line);
	ck_assert_str_eq(line.text, "exit: exit 7");
	ck_assert_int_eq(line.role, ROLE_EVENT_EXIT);
	ev = (Event){ .kind = EV_EXEC, .pid = 201 };
	snprintf(ev.detail, sizeof ev.detail, "/usr/bin/ls");
	event_line(&ev, 1, 0, &ids, &line);
	ck_assert_str_eq(line.text, "exec /usr/bin/ls");
	ck_assert_int_eq(line.role, ROLE_EVENT_EXEC);
	ev.detail[0] = '\0';
	snprintf(ev.comm, sizeof ev.comm, "grep");
	event_line(&ev, 1, 0, &ids, &line);
	ck_assert_str_eq(line.text, "exec [grep]");
	ev = (Event){ .kind = EV_STEP, .status = 2 };
	event_line(&ev, 1, 0, &ids, &line);
	ck_assert(line.is_step);
	StableIds_done(&ids);
	/* With --stable, times become sequence numbers. */
	StableIds_init(&ids, true, 1, "");
	ev = (Event){ .t_us = 9999999, .kind = EV_REAP, .pid = 201, .ppid = 200 };
	event_line(&ev, 12, 0, &ids, &line);
	ck_assert_str_eq(line.when, "#12");
	StableIds_done(&ids);
}
END_TEST

/* ---- layout ---- */

static void assert_inside_and_apart(const Layout *l)
{
	for (int p = 0; p < PANE_COUNT; p++) {
		Rect a = l->pane[p];
		if (!l->shown[p])
			continue;
		ck_assert_int_ge(a.x, 0);
		ck_assert_int_ge(a.y, 0);
		ck_assert_int_le(a.x + a.w, l->cols);
		ck_assert_int_le(a.y + a.h, l->rows - 1);  /* the status line stays free */
		for (int q = p + 1; q < PANE_COUNT; q++) {
			Rect b = l->pane[q];
			if (!l->shown[q])
				continue;
			ck_assert(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y ||
				  b.y + b.h <= a.y);
		}
	}
}

/* Enter on an event: its whole text, the value returned and errno. */
START_TEST(test_event_fields)
{
	StableIds ids;
	EventField f[EVENT_FIELDS_MAX];
	Event ev = { .t_us = 1500000, .kind = EV_API, .pid = 200, .ret = -1, .err = 2 };
	size_t n;
	char *call = "execl(\"true\", \"true\", \"execl-bare-name\", NULL) = -1: No such file or "
		     "directory, since a path argument is not searched in PATH at all";

	StableIds_init(&ids, false, 1, "");
	snprintf(ev.api, sizeof ev.api, "execl");
	snprintf(ev.detail, sizeof ev.detail, "%s", call);
	n = event_fields(&ev, 3, 1000000, &ids, NULL, f, EVENT_FIELDS_MAX);
	ck_assert_str_eq(f[0].label, "what");
	ck_assert_str_eq(f[0].text, call); /* whole */
	ck_assert_str_eq(f[1].label, "pid");
	ck_assert_str_eq(f[1].text, "200");
	ck_assert_str_eq(f[2].label, "function");
	ck_assert_str_eq(f[2].text, "execl");
	ck_assert_str_eq(f[3].label, "call");
	ck_assert_str_eq(f[4].label, "returned");
	ck_assert_str_eq(f[4].text, "-1");
	ck_assert_str_eq(f[5].label, "errno");
	ck_assert(strncmp(f[5].text, "ENOENT (2): ", 12) == 0);
	ck_assert_str_eq(f[6].label, "when");
	ck_assert_str_eq(f[6].text, "0.500000 s after the first event");
	ck_assert_str_eq(f[7].label, "seen by");
	ck_assert_uint_eq(n, 8);
	/* an exit: its wait status */
	ev = (Event){ .kind = EV_EXIT, .pid = 201, .status = 127 << 8 };
	n = event_fields(&ev, 4, 0, &ids, NULL, f, EVENT_FIELDS_MAX);
	ck_assert_str_eq(f[2].label, "wait status");
	ck_assert_str_eq(f[2].text, "exit 127");
	/* a step: the whole caption given */
	ev = (Event){ .kind = EV_STEP, .status = 4 };
	snprintf(ev.detail, sizeof ev.detail, "execle(...) held at the e");
	n = event_fields(&ev, 5, 0, &ids, "execle(...) held at the exec, in full", f, EVENT_FIELDS_MAX);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(f[1].text, "execle(...) held at the exec, in full");
	StableIds_done(&ids);
	/* --stable: pids and the sequence number */
	StableIds_init(&ids, true, 1, "");
	ev = (Event){ .kind = EV_FORK, .pid = 201, .ppid = 200, .how = HOW_FORK };
	n = event_fields(&ev, 7, 0, &ids, NULL, f, EVENT_FIELDS_MAX);
	ck_assert_str_eq(f[2].label, "ppid");
	ck_assert_str_eq(f[4].label, "when");
	ck_assert_str_eq(f[4].text, "#7");
	StableIds_done(&ids);
}
END_TEST

/* The tree's selection keeps its screen line while rows above it go. */
START_TEST(test_scroll_keeps_line)
{
	/* 17 rows, 7 shown, the selection on line 1 at row 11: five rows
	 * above it go, it is row 6 now, and still on line 1. */
	ck_assert_int_eq(scroll_top_keeping_line(6, 1, 12, 7), 5);
	/* Not enough rows left to fill the pane from there: the end shows. */
	ck_assert_int_eq(scroll_top_keeping_line(10, 1, 12, 7), 5);
	/* Fewer rows than the pane: from the first. */
	ck_assert_int_eq(scroll_top_keeping_line(1, 4, 2, 7), 0);
	ck_assert_int_eq(scroll_top_keeping_line(0, 0, 0, 7), 0);
}
END_TEST

/* A watch gives the tree most of the height; a scenario's few processes
 * leave it to the detail panes. Both keep every pane inside. */
START_TEST(test_layout_watching)
{
	LayoutWants w = { .detail = PANE_FDS, .caption_lines = 2, .tree_rows = 300 };
	int sizes[][2] = { { 80, 24 }, { 120, 40 }, { 200, 60 } };

	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		Layout l;
		int scenario_h, avail;

		w.watching = false;
		Layout_compute(&l, sizes[i][0], sizes[i][1], VIEW_RUN, &w);
		scenario_h = l.pane[PANE_TREE].h;
		w.watching = true;
		Layout_compute(&l, sizes[i][0], sizes[i][1], VIEW_RUN, &w);
		avail = l.caption.y;
		ck_assert_msg(l.pane[PANE_TREE].h > scenario_h, "%dx%d: %d rows, not more than %d",
			      sizes[i][0], sizes[i][1], l.pane[PANE_TREE].h, scenario_h);
		ck_assert_int_ge(l.pane[PANE_TREE].h * 100, avail * 55);
		assert_inside_and_apart(&l);
	}
}
END_TEST

START_TEST(test_layouts)
{
	LayoutWants w = { .detail = PANE_FDS, .caption_lines = 3, .tree_rows = 4 };
	Layout l;

	Layout_compute(&l, 40, 10, VIEW_RUN, &w);
	ck_assert_int_eq(l.size, LAYOUT_TOO_SMALL);
	Layout_compute(&l, 60, 20, VIEW_RUN, &w);
	ck_assert_int_eq(l.size, LAYOUT_SMALL);
	ck_assert(l.shown[PANE_TREE] && l.shown[PANE_FDS]);
	ck_assert(!l.shown[PANE_MEMORY] && !l.shown[PANE_EVENTS]);
	assert_inside_and_apart(&l);
	Layout_compute(&l, 120, 40, VIEW_RUN, &w);
	ck_assert_int_eq(l.size, LAYOUT_MEDIUM);
	for (int p = PANE_TREE; p < PANE_COUNT; p++)
		ck_assert(l.shown[p]);
	ck_assert(l.caption_boxed);
	ck_assert_int_eq(l.caption.h, 5);
	/* the process pane keeps its usual nine lines, the events five */
	ck_assert_int_ge(l.pane[PANE_PROCESS].h, 11);
	ck_assert_int_ge(l.pane[PANE_EVENTS].h, 7);
	assert_inside_and_apart(&l);
	Layout_compute(&l, 200, 60, VIEW_RUN, &w);
	ck_assert_int_eq(l.size, LAYOUT_LARGE);
	for (int p = PANE_TREE; p < PANE_COUNT; p++)
		ck_assert(l.shown[p]);
	/* Events in a column of their own, as tall as the panes. */
	ck_assert_int_eq(l.pane[PANE_EVENTS].y, 0);
	ck_assert_int_eq(l.pane[PANE_EVENTS].x + l.pane[PANE_EVENTS].w, 200);
	assert_inside_and_apart(&l);
	Layout_compute(&l, 120, 40, VIEW_LIST, &w);
	ck_assert(l.shown[PANE_LIST] && l.shown[PANE_ABOUT] && !l.shown[PANE_TREE]);
	assert_inside_and_apart(&l);
	Layout_compute(&l, 60, 20, VIEW_LIST, &w);
	ck_assert(l.shown[PANE_LIST] && l.shown[PANE_ABOUT]);
	assert_inside_and_apart(&l);
	/* Every size from the minimum up keeps the panes apart. */
	for (int c = LAYOUT_MIN_COLS; c <= 240; c += 7)
		for (int r = LAYOUT_MIN_ROWS; r <= 80; r += 5) {
			Layout_compute(&l, c, r, VIEW_RUN, &w);
			assert_inside_and_apart(&l);
			ck_assert_int_eq(Layout_pane_at(&l, l.pane[PANE_TREE].y, l.pane[PANE_TREE].x),
					 PANE_TREE);
		}
}
END_TEST

/* ---- keys ---- */

START_TEST(test_key_table)
{
	for (size_t i = 0; i < key_binding_count(); i++) {
		const KeyBinding *a = key_binding_at(i);
		ck_assert_ptr_nonnull(a->label);
		ck_assert_ptr_nonnull(a->handler);
		ck_assert(a->keys[0] != 0);
		/* No key means two things in one view. */
		for (size_t j = i + 1; j < key_binding_count(); j++) {
			const KeyBinding *b = key_binding_at(j);
			if (!(a->when & b->when))
				continue;
			for (int x = 0; a->keys[x]; x++)
				for (int y = 0; b->keys[y]; y++)
					ck_assert_msg(a->keys[x] != b->keys[y], "key %d bound twice", a->keys[x]);
		}
	}
	ck_assert_ptr_null(key_binding_at(key_binding_count()));
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

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_format_kb);
	tcase_add_test(tc, test_text_measure_and_fit);
	tcase_add_test(tc, test_text_wrap);
	tcase_add_test(tc, test_tree_columns_fit);
	tcase_add_test(tc, test_tree_moods);
	tcase_add_test(tc, test_tree_cells);
	tcase_add_test(tc, test_stable_ids);
	tcase_add_test(tc, test_mapping_rows);
	tcase_add_test(tc, test_page_shades);
	tcase_add_test(tc, test_page_words);
	tcase_add_test(tc, test_fd_rows);
	tcase_add_test(tc, test_fd_target_extras);
	tcase_add_test(tc, test_process_words);
	tcase_add_test(tc, test_signal_lists);
	tcase_add_test(tc, test_event_lines);
	tcase_add_test(tc, test_event_fields);
	tcase_add_test(tc, test_layouts);
	tcase_add_test(tc, test_layout_watching);
	tcase_add_test(tc, test_scroll_keeps_line);
	tcase_add_test(tc, test_key_table);
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
