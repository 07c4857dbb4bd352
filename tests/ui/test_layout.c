/*
 * Where the panes go, without a terminal: the layout at the sizes the
 * screen tests use and at every size from the minimum up (each pane inside
 * the screen, none over another, the status line free), the tree's share
 * of a watch, the tree's selection keeping its screen line while rows above
 * it go, and the key table (no key means two things in one view).
 */
#include <check.h>
#include <stdlib.h>

#include "format_test.h"
#include "ui/keys.h"
#include "ui/layout.h"

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
	for (int p = PANE_TREE; p < PANE_CONSOLE; p++)
		ck_assert(l.shown[p]);
	ck_assert(!l.shown[PANE_CONSOLE]); /* only a command on a terminal has it */
	ck_assert(l.caption_boxed);
	ck_assert_int_eq(l.caption.h, 5);
	/* the process pane keeps its usual nine lines, the events five */
	ck_assert_int_ge(l.pane[PANE_PROCESS].h, 11);
	ck_assert_int_ge(l.pane[PANE_EVENTS].h, 7);
	assert_inside_and_apart(&l);
	Layout_compute(&l, 200, 60, VIEW_RUN, &w);
	ck_assert_int_eq(l.size, LAYOUT_LARGE);
	for (int p = PANE_TREE; p < PANE_CONSOLE; p++)
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

/* A command on a terminal: the terminal pane beside the tree, tall enough
 * to type in, at every size; the detail panes below where there is room. */
START_TEST(test_layout_console)
{
	LayoutWants w = { .detail = PANE_MEMORY, .caption_lines = 3, .tree_rows = 4,
			  .watching = true, .console = true };
	Layout l;

	for (int c = LAYOUT_MIN_COLS; c <= 240; c += 7)
		for (int r = LAYOUT_MIN_ROWS; r <= 80; r += 5) {
			Layout_compute(&l, c, r, VIEW_RUN, &w);
			assert_inside_and_apart(&l);
			ck_assert_msg(l.shown[PANE_CONSOLE] && l.shown[PANE_TREE], "%dx%d", c, r);
			ck_assert_int_ge(l.pane[PANE_CONSOLE].h, 5);
			if (l.size != LAYOUT_SMALL) {
				/* beside the tree, as tall */
				ck_assert_int_eq(l.pane[PANE_CONSOLE].y, l.pane[PANE_TREE].y);
				ck_assert_int_eq(l.pane[PANE_CONSOLE].h, l.pane[PANE_TREE].h);
				ck_assert_int_ge(l.pane[PANE_CONSOLE].h, 10);
				ck_assert_int_ge(l.pane[PANE_CONSOLE].w, 40);
				ck_assert(l.shown[PANE_MEMORY] && l.shown[PANE_FDS] && l.shown[PANE_EVENTS]);
			}
		}
	Layout_compute(&l, 160, 50, VIEW_RUN, &w);
	ck_assert_int_eq(l.size, LAYOUT_LARGE);
	ck_assert_int_eq(l.pane[PANE_CONSOLE].x, l.pane[PANE_TREE].x + l.pane[PANE_TREE].w);
}
END_TEST

/* ---- keys ---- */

START_TEST(test_key_table)
{
	for (size_t i = 0; i < keys_binding_count(); i++) {
		const KeyBinding *a = keys_binding_at(i);
		ck_assert_ptr_nonnull(a->label);
		ck_assert_ptr_nonnull(a->handler);
		ck_assert(a->keys[0] != 0);
		/* No key means two things in one view. */
		for (size_t j = i + 1; j < keys_binding_count(); j++) {
			const KeyBinding *b = keys_binding_at(j);
			if (!(a->when & b->when))
				continue;
			for (int x = 0; a->keys[x]; x++)
				for (int y = 0; b->keys[y]; y++)
					ck_assert_msg(a->keys[x] != b->keys[y], "key %d bound twice", a->keys[x]);
		}
	}
	ck_assert_ptr_null(keys_binding_at(keys_binding_count()));
}
END_TEST

static Suite *layout_suite(void)
{
	Suite *s = suite_create("ui layout");
	TCase *tc = tcase_create("format");

	tcase_add_checked_fixture(tc, format_test_setup, NULL);
	tcase_add_test(tc, test_layouts);
	tcase_add_test(tc, test_layout_watching);
	tcase_add_test(tc, test_layout_console);
	tcase_add_test(tc, test_scroll_keeps_line);
	tcase_add_test(tc, test_key_table);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(layout_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
