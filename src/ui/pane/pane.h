/*
 * The panes: each is a row of one table (PaneClass) with how it draws and
 * how it answers movement, Enter and clicks. The main loop and the key
 * table only go through this table, so adding a pane is adding a row and a
 * file. Each pane_*.c holds one pane; the caption and status line, which
 * have no keyboard, are drawn by pane_status.c, the help by pane_help.c.
 */
#ifndef FORKSCOPE_UI_PANE_H
#define FORKSCOPE_UI_PANE_H

#include <limits.h>

#include "ui/app.h"

enum { MOVE_HOME = INT_MIN / 2, MOVE_END = INT_MAX / 2 };

typedef struct PaneClass {
	PaneId id;
	const char *title;                       /* in the border */
	const char *tab;                         /* a short name for the small layout's tabs */
	void (*draw)(App *app, Rect r, bool active);
	/* Moves the cursor (or scrolls) by delta rows; MOVE_HOME/MOVE_END. */
	unsigned (*move_by)(App *app, int delta);
	unsigned (*enter)(App *app);             /* NULL: Enter does nothing here */
	/* A click on inner line `row` of the pane (0 = the first line inside the border). */
	unsigned (*click)(App *app, int row);
} PaneClass;

const PaneClass *PaneClass_get(PaneId id);

extern const PaneClass pane_list, pane_about, pane_tree, pane_memory, pane_pages,
	pane_fds, pane_process, pane_events, pane_console;

/* Shared scroll arithmetic: moves s->cursor (or s->top when the pane has no
 * cursor) by delta within s->count. Returns ACT_REDRAW when it moved. */
unsigned PaneScroll_move(PaneScroll *s, int delta);
/* Fixes s->top so the cursor is visible; sets count and visible. */
void PaneScroll_fit(PaneScroll *s, int count, int visible);

/* The caption and the status line. */
void Status_draw(App *app);
void Caption_draw(App *app, Rect r, bool boxed);
/* The caption's text: the step's, or what a run without steps is about. */
const char *Caption_text(const App *app);
/* What a command on the terminal pane is about (before its run exists). */
const char *Caption_console_text(void);
/* The breakpoint list (b), over the screen's centre. */
void Breaks_draw(App *app);
/* The help screen over the whole window; Help_lines for scrolling. */
void Help_draw(App *app);
int Help_line_count(const App *app);
/* The screen for a window below the minimum size. */
void TooSmall_draw(App *app);
/* The chart of a run that measures (pane_chart.c): does this run have one,
 * and drawing it in r (active: it is the small layout's chosen tab). */
bool Chart_wanted(const App *app);
void Chart_draw(App *app, Rect r, bool active);

/* The title of a pane for the small layout: its name plus the other detail
 * panes as tabs. */
void Pane_tabs(const App *app, PaneId id, char *buf, size_t len);

#endif
