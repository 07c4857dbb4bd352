/*
 * Where each pane goes for a terminal size. Pure arithmetic: no curses.
 *
 * Two views: the scenario list (list + about) and a run (tree, memory,
 * page map, FDs, signals, events, the step caption). Three sizes of a run:
 * large (events in a column of their own), medium (a grid), small (the tree
 * and one detail pane at a time, chosen with Tab). Below the minimum the
 * screen says what size it needs. The status line is always the last row.
 *
 * A run that draws a chart (spawn-cost, scale) gives it the page map's and
 * the signals' column, across both rows of the grid: those two panes say
 * little there, while the memory (the parent's growth) and the FDs (the
 * workers' pipes) stay beside it. In the small layout the chart is the
 * page map's tab.
 */
#ifndef FORKSCOPE_UI_LAYOUT_H
#define FORKSCOPE_UI_LAYOUT_H

#include <stdbool.h>

#include "ui/draw.h"

typedef enum View { VIEW_LIST, VIEW_RUN } View;

typedef enum PaneId {
	PANE_LIST, PANE_ABOUT,
	PANE_TREE, PANE_MEMORY, PANE_PAGES, PANE_FDS, PANE_PROCESS, PANE_EVENTS,
	PANE_CONSOLE,        /* the watched command's terminal */
	PANE_COUNT
} PaneId;

typedef enum LayoutSize { LAYOUT_TOO_SMALL, LAYOUT_SMALL, LAYOUT_MEDIUM, LAYOUT_LARGE } LayoutSize;

enum { LAYOUT_MIN_COLS = 50, LAYOUT_MIN_ROWS = 16 };

typedef struct Layout {
	int cols, rows;
	View view;
	LayoutSize size;
	bool shown[PANE_COUNT];
	Rect pane[PANE_COUNT];
	Rect caption;        /* the step caption (run view); h == 0 when none */
	Rect chart;          /* the chart (run view); h == 0 when none */
	bool caption_boxed;  /* drawn in a box with the step in the border */
	Rect status;         /* the last row */
} Layout;

/* What the content asks for; the layout gives at most its share. */
typedef struct LayoutWants {
	PaneId detail;       /* in the small layout, the one detail pane shown */
	int caption_lines;   /* lines the step caption needs at this width */
	int tree_rows;       /* processes in the tree */
	int fd_rows;         /* descriptors of the focused process */
	bool chart;          /* the run has a chart to show */
	bool watching;       /* a watch (no steps): the tree is what is looked at */
	bool console;        /* a terminal pane beside the tree (a command typed into) */
} LayoutWants;

void Layout_compute(Layout *l, int cols, int rows, View view, const LayoutWants *wants);
/* The size class of a window (the view does not change it). */
LayoutSize Layout_size_for(int cols, int rows);
/* The shown pane at (y, x), or PANE_COUNT. */
PaneId Layout_pane_at(const Layout *l, int y, int x);
bool PaneId_is_detail(PaneId id);

/* The first row to show so that row `cursor` stays on screen line `line`
 * of a list of count rows shown visible at a time, where that can be (a
 * list shorter than the pane starts at 0). Pure. */
int scroll_top_keeping_line(int cursor, int line, int count, int visible);

#endif
