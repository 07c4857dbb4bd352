/*
 * The characters the screen is drawn with, as two tables: UTF-8 (rounded
 * box corners, tree branches, shade blocks) and plain ASCII for locales that
 * are not UTF-8. Drawing code names a glyph by its role in the picture and
 * never spells a line-drawing character itself.
 */
#ifndef FORKSCOPE_UI_GLYPHS_H
#define FORKSCOPE_UI_GLYPHS_H

#include <stdbool.h>

typedef struct Glyphs {
	/* boxes */
	const char *top_left, *top_right, *bottom_left, *bottom_right;
	const char *horizontal, *vertical;
	const char *title_left, *title_right;   /* around a title in a border */
	/* the process tree */
	const char *tree_branch;   /* "├─ " a child with later siblings */
	const char *tree_last;     /* "└─ " the last child */
	const char *tree_through;  /* "│  " an ancestor with later siblings */
	const char *tree_blank;    /* "   " */
	/* page map cells, by how much of the group is copied */
	const char *page_shared;   /* all present pages still shared */
	const char *page_mostly_shared;
	const char *page_mostly_exclusive;
	const char *page_exclusive;   /* all present pages exclusive */
	const char *page_absent;
	const char *page_swapped;
	/* marks */
	const char *ellipsis;
	const char *cursor;        /* the chosen row in a list: "▸" */
	const char *bullet;        /* separator in status lines: "·" */
	const char *arrow_right;   /* "→" */
	const char *arrow_up, *arrow_down;
	const char *check;         /* "✓" */
	const char *cross;         /* "✗" */
	const char *added;         /* a signal in this set but not the parent's */
	const char *removed;       /* in the parent's set but not this one */
	const char *step_rule;     /* the line drawn across a step in the events */
	const char *scroll_thumb;  /* the scroll position on a border */
} Glyphs;

const Glyphs *glyphs_get(bool ascii);

#endif
