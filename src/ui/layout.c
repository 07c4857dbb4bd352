/*
 * Pane placement (see layout.h). Heights are shares of the rows left after
 * the caption and the status line, with floors so that every pane keeps a
 * header and a few rows; widths give the memory and FD tables the columns
 * they need first, and the page map and the process pane what remains.
 */
#include "ui/layout.h"

#include <string.h>

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

bool PaneId_is_detail(PaneId id)
{
	return id == PANE_MEMORY || id == PANE_PAGES || id == PANE_FDS || id == PANE_PROCESS ||
	       id == PANE_EVENTS;
}

static void place(Layout *l, PaneId id, int y, int x, int h, int w)
{
	l->shown[id] = h >= 3 && w >= 10;
	l->pane[id] = (Rect){ y, x, h, w };
}

static void layout_list(Layout *l)
{
	int h = l->rows - 1;

	if (l->cols >= 80) {
		int lw = clamp(l->cols * 42 / 100, 34, 60);
		place(l, PANE_LIST, 0, 0, h, lw);
		place(l, PANE_ABOUT, 0, lw, h, l->cols - lw);
	} else {
		int lh = clamp(h * 45 / 100, 5, h - 5);
		place(l, PANE_LIST, 0, 0, lh, l->cols);
		place(l, PANE_ABOUT, lh, 0, h - lh, l->cols);
	}
}

/* With a chart, the memory and FD tables keep one width (the wider of
 * theirs) and the chart takes the column on their right, both rows tall. */
static void place_chart(Layout *l, Rect area, int left_w, int h)
{
	l->chart = (Rect){ area.y, area.x + left_w, h, area.w - left_w };
	l->shown[PANE_PAGES] = l->shown[PANE_PROCESS] = false;
}

/* The grid below the tree: memory | pages, fds | signals, within area. */
static void layout_details(Layout *l, Rect area, int mem_h, int fd_h, bool with_events,
			   bool chart)
{
	int mem_w = clamp(area.w * 55 / 100, 40, 80);
	int fd_w = clamp(area.w * 55 / 100, 40, 84);
	int y = area.y;

	if (area.w - mem_w < 24)
		mem_w = area.w - 24;
	if (area.w - fd_w < 24)
		fd_w = area.w - 24;
	if (chart)
		mem_w = fd_w = mem_w > fd_w ? mem_w : fd_w;
	place(l, PANE_MEMORY, y, area.x, mem_h, mem_w);
	place(l, PANE_PAGES, y, area.x + mem_w, mem_h, area.w - mem_w);
	y += mem_h;
	place(l, PANE_FDS, y, area.x, fd_h, fd_w);
	place(l, PANE_PROCESS, y, area.x + fd_w, fd_h, area.w - fd_w);
	y += fd_h;
	if (chart)
		place_chart(l, area, mem_w, mem_h + fd_h);
	if (with_events)
		place(l, PANE_EVENTS, y, area.x, area.y + area.h - y, area.w);
}

/* The tree's share of the height: a scenario's few processes leave room
 * for the detail panes; a watched program's many take most of it, as in
 * htop, and the detail panes follow the selection below. */
#define TREE_SHARE_WATCHING 62

/* The tree takes what its rows need (with header and border), between a
 * floor and its share; what it leaves goes to the panes below. */
static int tree_height(int avail, int share_percent, int tree_rows)
{
	int most = avail * share_percent / 100;
	return clamp(tree_rows + 3, 6, most > 6 ? most : 6);
}

/* The process pane beside the FDs wants its usual rows (exe, sched, four
 * signal sets, two of environment, the legend) and its border. */
enum { PROCESS_PANE_H = 9 + 2 };

static void layout_medium(Layout *l, int avail, const LayoutWants *w)
{
	int tree_h = tree_height(avail, w->watching ? TREE_SHARE_WATCHING : 30, w->tree_rows);
	int rest = avail - tree_h;
	int fd_want = w->fd_rows + 3 > PROCESS_PANE_H ? w->fd_rows + 3 : PROCESS_PANE_H;
	int fd_h = clamp(fd_want, 6, clamp(rest * 45 / 100, 6, 20));
	int mem_h = clamp(rest * 42 / 100, 7, 30);
	Rect area = { tree_h, 0, rest, l->cols };

	/* The events keep five lines; the memory table gives them up first. */
	if (rest - fd_h - mem_h < 7)
		mem_h = clamp(rest - fd_h - 7, 7, 30);

	place(l, PANE_TREE, 0, 0, tree_h, l->cols);
	layout_details(l, area, mem_h, fd_h, true, w->chart);
}

static void layout_large(Layout *l, int avail, const LayoutWants *w)
{
	int ev_w = clamp(l->cols * 34 / 100, 56, 90);
	int left_w = l->cols - ev_w;
	int tree_h = tree_height(avail, w->watching ? TREE_SHARE_WATCHING : 35, w->tree_rows);
	bool chart = w->chart;
	int mem_h = clamp((avail - tree_h) * 52 / 100, 8, 40);
	Rect area = { tree_h, 0, avail - tree_h, left_w };

	place(l, PANE_TREE, 0, 0, tree_h, left_w);
	layout_details(l, area, mem_h, avail - tree_h - mem_h, false, chart);
	place(l, PANE_EVENTS, 0, left_w, avail, ev_w);
}

static void layout_small(Layout *l, int avail, PaneId detail, int tree_rows, bool chart,
			 bool watching)
{
	int share = watching ? TREE_SHARE_WATCHING : 40;
	int tree_h = clamp(tree_rows + 3, 5, clamp(avail * share / 100, 5, avail - 5));

	if (!PaneId_is_detail(detail))
		detail = PANE_MEMORY;
	place(l, PANE_TREE, 0, 0, tree_h, l->cols);
	place(l, detail, tree_h, 0, avail - tree_h, l->cols);
	/* The chart is the page map's tab (its rect stays, for the tab strip). */
	if (chart && detail == PANE_PAGES) {
		l->chart = l->pane[PANE_PAGES];
		l->shown[PANE_PAGES] = false;
	}
}

/* The terminal pane's band: at least a shell's worth of lines, at most
 * what leaves the detail panes a few rows each. */
enum { CONSOLE_MIN_H = 10, CONSOLE_MIN_W = 40, TREE_BESIDE_MIN_W = 36 };

static int console_band(int avail, int detail_floor)
{
	return clamp(avail * 50 / 100, CONSOLE_MIN_H, avail - detail_floor > CONSOLE_MIN_H ?
						      avail - detail_floor : CONSOLE_MIN_H);
}

/* The tree on the left of width w, the terminal on its right. */
static void place_tree_console(Layout *l, int h, int w)
{
	int tree_w = clamp(w * 42 / 100, TREE_BESIDE_MIN_W, w - CONSOLE_MIN_W);

	place(l, PANE_TREE, 0, 0, h, tree_w);
	place(l, PANE_CONSOLE, 0, tree_w, h, w - tree_w);
}

static void layout_console(Layout *l, int avail, const LayoutWants *w)
{
	if (l->size == LAYOUT_SMALL) {
		int tree_h = clamp(w->tree_rows + 3, 5, clamp(avail * 35 / 100, 5, avail - CONSOLE_MIN_H));
		place(l, PANE_TREE, 0, 0, tree_h, l->cols);
		place(l, PANE_CONSOLE, tree_h, 0, avail - tree_h, l->cols);
	} else if (l->size == LAYOUT_MEDIUM) {
		int top = console_band(avail, 19);
		int rest = avail - top;
		int fd_h = clamp(rest * 40 / 100, 6, 12);
		int mem_h = clamp(rest - fd_h - 5, 6, 30);
		place_tree_console(l, top, l->cols);
		layout_details(l, (Rect){ top, 0, rest, l->cols }, mem_h, fd_h, true, w->chart);
	} else {
		int ev_w = clamp(l->cols * 30 / 100, 50, 80);
		int left_w = l->cols - ev_w;
		int top = console_band(avail, 16);
		int mem_h = clamp((avail - top) * 50 / 100, 8, 40);
		place_tree_console(l, top, left_w);
		layout_details(l, (Rect){ top, 0, avail - top, left_w }, mem_h, avail - top - mem_h,
			       false, w->chart);
		place(l, PANE_EVENTS, 0, left_w, avail, ev_w);
	}
}

static void layout_run(Layout *l, const LayoutWants *w)
{
	int caption_lines = w->caption_lines;
	int cap_h, avail;

	if (l->size == LAYOUT_SMALL) {
		cap_h = clamp(caption_lines, 1, 3);
		l->caption_boxed = false;
	} else {
		cap_h = clamp(caption_lines, 1, l->size == LAYOUT_LARGE ? 6 : 5) + 2;
		l->caption_boxed = true;
	}
	avail = l->rows - 1 - cap_h;
	l->caption = (Rect){ avail, 0, cap_h, l->cols };
	if (w->console)
		layout_console(l, avail, w);
	else if (l->size == LAYOUT_LARGE)
		layout_large(l, avail, w);
	else if (l->size == LAYOUT_MEDIUM)
		layout_medium(l, avail, w);
	else
		layout_small(l, avail, w->detail, w->tree_rows, w->chart, w->watching);
}

void Layout_compute(Layout *l, int cols, int rows, View view, const LayoutWants *wants)
{
	memset(l, 0, sizeof *l);
	l->cols = cols;
	l->rows = rows;
	l->view = view;
	l->status = (Rect){ rows - 1, 0, 1, cols };
	l->size = Layout_size_for(cols, rows);
	if (l->size == LAYOUT_TOO_SMALL)
		return;
	if (view == VIEW_LIST)
		layout_list(l);
	else
		layout_run(l, wants);
}

LayoutSize Layout_size_for(int cols, int rows)
{
	if (cols < LAYOUT_MIN_COLS || rows < LAYOUT_MIN_ROWS)
		return LAYOUT_TOO_SMALL;
	if (cols >= 160 && rows >= 40)
		return LAYOUT_LARGE;
	if (cols >= 100 && rows >= 30)
		return LAYOUT_MEDIUM;
	return LAYOUT_SMALL;
}

PaneId Layout_pane_at(const Layout *l, int y, int x)
{
	for (int p = 0; p < PANE_COUNT; p++)
		if (l->shown[p] && Rect_contains(l->pane[p], y, x))
			return (PaneId)p;
	return PANE_COUNT;
}

int scroll_top_keeping_line(int cursor, int line, int count, int visible)
{
	int top = cursor - line;

	if (top > count - visible)
		top = count - visible;
	return top < 0 ? 0 : top;
}
