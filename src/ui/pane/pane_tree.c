/*
 * The process tree: one row per process of the session in depth-first
 * order of first appearance (Session_tree_view), so a row never jumps while
 * the user looks, unless the user asks for another order of siblings (o:
 * pid, start time, CPU%, RSS). The cursor is kept by pid. A row's colour
 * says what happened to it since the last step (new, changed), or what it
 * is (held by the tracer, zombie, ghost of an exited process); the mark
 * column says the same in one character for a screen without colour. "▸"
 * marks the process the detail panes show; "[+3]" before a command, a
 * subtree folded away (-), with how many processes it holds.
 *
 * CPU% and RSS are optional columns before the command (c, forkscope.conf's
 * columns; the order by one of them shows it): CPU% over the last refresh
 * (ProcRecord.cpu_tenths), RSS from stat. They get their room first: the
 * columns a narrow pane gives up (UID/EUID, SID, PGID, ...) go before them,
 * but the pid, the state and some of the command stay.
 */
#include "ui/pane/pane.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "ui/format/format.h"

enum { MARK_COLS = 2, RECENT_US = 2000000, COMMAND_ROOM = 16 };

typedef struct ExtraColumn {
	unsigned bit;          /* TREE_COLUMN_* */
	TreeOrder order;       /* the order that shows it even when hidden */
	const char *header;
	int width;
} ExtraColumn;

static const ExtraColumn extra_columns[] = {
	{ TREE_COLUMN_CPU, TREE_ORDER_CPU, N_("CPU%"), 5 },
	{ TREE_COLUMN_RSS, TREE_ORDER_RSS, N_("RSS"), 6 },
};
enum { NEXTRA = sizeof extra_columns / sizeof extra_columns[0] };

/* The optional columns shown; returns the columns they take. */
static int extras_shown(const App *app, int width, bool shown[NEXTRA])
{
	int used = 0;

	for (int e = 0; e < NEXTRA; e++) {
		const ExtraColumn *c = &extra_columns[e];
		shown[e] = (app->tree_columns & c->bit) != 0 || app->tree_order == c->order;
		/* A narrow pane keeps the pid, the state and some command first. */
		if (shown[e] && width - used - (c->width + 1) < MARK_COLS + tree_columns[TCOL_PID].width +
		    1 + tree_columns[TCOL_STATE].width + 1 + COMMAND_ROOM)
			shown[e] = false;
		if (shown[e])
			used += c->width + 1;
	}
	return used;
}

static void extra_cell(const ProcRecord *r, unsigned bit, char *buf, size_t len)
{
	static long page_kb;

	buf[0] = '\0';
	if (r->id.state != READ_OK || (r->exited && !r->held))
		return;
	if (bit == TREE_COLUMN_CPU) {
		if (r->cpu_tenths < 0)
			snprintf(buf, len, "-");
		else if (r->cpu_tenths < 10000)
			snprintf(buf, len, "%d.%d", r->cpu_tenths / 10, r->cpu_tenths % 10);
		else
			snprintf(buf, len, "%d", r->cpu_tenths / 10);
	} else if (bit == TREE_COLUMN_RSS) {
		if (page_kb <= 0 && (page_kb = sysconf(_SC_PAGESIZE) / 1024) <= 0)
			page_kb = 4;
		format_kb(r->id.rss_pages * (unsigned long)page_kb, buf, len);
	}
}

static TreeRowContext row_context(App *app)
{
	return (TreeRowContext){
		.g = app->g, .ids = &app->ids,
		.stepped = app->source != NULL ? app->source->scenario != NULL
						: app->session != NULL && app->session->step > 0,
		.step = app->session != NULL ? app->session->step : 0,
	};
}

/* Column x positions for the columns shown; returns the command's x. */
static int column_positions(const bool shown[TCOL_COUNT], int x0, int xs[TCOL_COUNT])
{
	int x = x0 + MARK_COLS;

	for (int c = 0; c < TCOL_COUNT; c++) {
		xs[c] = x;
		if (shown[c] && c != TCOL_COMMAND)
			x += tree_columns[c].width + 1;
	}
	return xs[TCOL_COMMAND];
}

static void draw_header(Rect in, const bool shown[TCOL_COUNT], const int xs[TCOL_COUNT],
			const bool extra[NEXTRA], int command_x)
{
	int x = xs[TCOL_COMMAND];

	Draw_fill((Rect){ in.y, in.x, 1, in.w }, ROLE_HEADER);
	for (int c = 0; c < TCOL_COMMAND; c++)
		if (shown[c])
			Draw_cell(in.y, xs[c], tree_columns[c].width, _(tree_columns[c].header),
				  tree_columns[c].align, ROLE_HEADER);
	for (int e = 0; e < NEXTRA; e++)
		if (extra[e]) {
			Draw_cell(in.y, x, extra_columns[e].width, _(extra_columns[e].header), ALIGN_RIGHT,
				  ROLE_HEADER);
			x += extra_columns[e].width + 1;
		}
	Draw_cell(in.y, command_x, in.x + in.w - command_x, _(tree_columns[TCOL_COMMAND].header),
		  tree_columns[TCOL_COMMAND].align, ROLE_HEADER);
}

static void draw_row(App *app, TreeRowContext *ctx, const TreeRow *row, int y, Rect in,
		     const bool shown[TCOL_COUNT], const int xs[TCOL_COUNT], const bool extra[NEXTRA],
		     int command_x, bool cursor)
{
	const Session *s = app->session;
	const ProcRecord *r = &s->procs[row->index];
	RowMood mood = tree_row_mood(r, ctx->step, ctx->stepped, s->now_us, RECENT_US);
	ColorRole base = cursor ? ROLE_SELECTED : RowMood_role(mood);
	char buf[512];
	int x;

	Draw_fill((Rect){ y, in.x, 1, in.w }, base);
	Draw_text(y, in.x, 1, r->pid == app->focus_pid ? app->g->cursor : " ", base);
	Draw_text(y, in.x + 1, 1, RowMood_mark(mood), base);
	for (int c = 0; c < TCOL_COMMAND; c++) {
		ColorRole role = base;
		if (!shown[c])
			continue;
		if (c == TCOL_MADE_BY && mood == MOOD_NORMAL && !cursor)
			role = ROLE_TREE_METHOD;
		/* Real and effective uid apart (set-uid, RESETIDS undone): worth a look. */
		if (c == TCOL_UIDS && !cursor && r->id.state == READ_OK &&
		    r->id.uid_real != r->id.uid_eff)
			role = ROLE_WARNING;
		tree_cell(ctx, r, row, (TreeCol)c, buf, sizeof buf);
		Draw_cell(y, xs[c], tree_columns[c].width, buf, tree_columns[c].align, role);
	}
	x = xs[TCOL_COMMAND];
	for (int e = 0; e < NEXTRA; e++)
		if (extra[e]) {
			extra_cell(r, extra_columns[e].bit, buf, sizeof buf);
			Draw_cell(y, x, extra_columns[e].width, buf, ALIGN_RIGHT, base);
			x += extra_columns[e].width + 1;
		}
	x = command_x;
	tree_branches(ctx, row, buf, sizeof buf);
	x += Draw_text(y, x, in.x + in.w - x, buf, cursor ? base : ROLE_TREE_LINE);
	if (row->folded) {
		/* TRANSLATORS: a folded subtree before its root's command; %zu processes in it. */
		snprintf(buf, sizeof buf, _("[+%zu] "), row->hidden);
		x += Draw_text(y, x, in.x + in.w - x, buf, cursor ? base : ROLE_KEY);
	}
	ctx->command_cols = in.x + in.w - x;
	tree_cell(ctx, r, row, TCOL_COMMAND, buf, sizeof buf);
	Draw_text(y, x, in.x + in.w - x, buf, base);
}

static int cursor_row(const App *app, const TreeRow *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (app->session->procs[rows[i].index].pid == app->cursor_pid)
			return (int)i;
	return -1;
}

static void tree_info(const App *app, size_t nrows, char *buf, size_t len)
{
	size_t alive = 0;

	/* A process held in its exit stop is still there: not yet a zombie. */
	for (size_t i = 0; i < app->session->nprocs; i++)
		alive += app->session->procs[i].alive || proc_exiting_held(&app->session->procs[i]);
	char counts[96];

	static const char *const order_short[TREE_ORDER_COUNT] = {
		[TREE_ORDER_PID] = N_("by pid"), [TREE_ORDER_START] = N_("by start"),
		[TREE_ORDER_CPU] = N_("by CPU%"), [TREE_ORDER_RSS] = N_("by RSS"),
	};
	char order[48] = "";

	if (app->filter[0])
		snprintf(counts, sizeof counts, _("%zu alive %s %zu shown matching %s"), alive,
			 app->g->bullet, nrows, app->filter);
	else
		snprintf(counts, sizeof counts, _("%zu alive %s %zu shown"), alive, app->g->bullet,
			 nrows);
	if (order_short[app->tree_order] != NULL)
		snprintf(order, sizeof order, " %s %s", app->g->bullet, _(order_short[app->tree_order]));
	snprintf(buf, len, "%s%s%s%s", app->source ? app->source->label : "", app->source ? " " : "",
		 counts, order);
}

/* The selected process stays on its screen line while rows above it come
 * and go (ghosts expiring, processes born): only the user moves it. */
static void keep_row_in_place(App *app, int cur, int n, int rows)
{
	PaneScroll *s = &app->scroll[PANE_TREE];
	int top;

	if (cur < 0 || rows <= 0 || app->cursor_pid != app->tree_row_pid || app->tree_row_offset < 0)
		return;
	top = scroll_top_keeping_line(cur, app->tree_row_offset, n, rows);
	s->top = top;
}

static void tree_draw(App *app, Rect r, bool active)
{
	PaneScroll *s = &app->scroll[PANE_TREE];
	Rect in = Rect_inner(r);
	TreeRowContext ctx = row_context(app);
	bool shown[TCOL_COUNT] = { false }, extra[NEXTRA];
	int xs[TCOL_COUNT], extra_w, command_x;
	TreeRow *rows = NULL;
	size_t n = 0;
	char info[256], footer[48], bottom[160];
	int cur;

	if (app->session != NULL) {
		StableIds_seed(&app->ids, app->session);
		n = App_tree_rows(app, &rows);
	}
	cur = app->session != NULL ? cursor_row(app, rows, n) : -1;
	s->cursor = cur >= 0 ? cur : s->cursor < 0 ? 0 : s->cursor;
	keep_row_in_place(app, cur, (int)n, in.h - 1);
	PaneScroll_fit(s, (int)n, in.h - 1);
	app->tree_row_pid = app->cursor_pid;
	app->tree_row_offset = s->cursor - s->top;
	if (n > 0)
		app->cursor_pid = app->session->procs[rows[s->cursor].index].pid;
	if (app->session != NULL)
		tree_info(app, n, info, sizeof info);
	else
		info[0] = '\0';
	Draw_scroll_footer(s->top, in.h - 1, (int)n, footer, sizeof footer);
	/* How to go through a filter's matches and to leave it, where it shows. */
	if (app->filter[0] != '\0')
		snprintf(bottom, sizeof bottom, "%s%s%s", _("n/N: next match, Esc: no filter"),
			 footer[0] ? " " : "", footer);
	else
		snprintf(bottom, sizeof bottom, "%s", footer);
	Draw_box(r, _(pane_tree.title), info, bottom, active);
	if (in.h < 2)
		goto out;
	extra_w = extras_shown(app, in.w, extra);
	tree_columns_fit(in.w - extra_w, shown);
	command_x = column_positions(shown, in.x, xs) + extra_w;
	draw_header(in, shown, xs, extra, command_x);
	for (int i = 0; i + 1 < in.h && s->top + i < (int)n; i++)
		draw_row(app, &ctx, &rows[s->top + i], in.y + 1 + i, in, shown, xs, extra, command_x,
			 active && s->top + i == s->cursor);
	if (n == 0)
		Draw_text(in.y + 1, in.x + 2, in.w - 2,
			  app->filter[0] ? _("no process matches the filter") : _("no process yet"),
			  ROLE_DIM);
out:
	free(rows);
}

/* The pid at tree row i, or 0. */
static pid_t pid_at(const App *app, int i)
{
	TreeRow *rows = NULL;
	size_t n;
	pid_t pid = 0;

	if (app->session == NULL)
		return 0;
	n = App_tree_rows(app, &rows);
	if (i >= 0 && (size_t)i < n)
		pid = app->session->procs[rows[i].index].pid;
	free(rows);
	return pid;
}

static unsigned tree_move(App *app, int delta)
{
	PaneScroll *s = &app->scroll[PANE_TREE];
	unsigned act = PaneScroll_move(s, delta);
	pid_t pid = pid_at(app, s->cursor);

	/* The detail panes show the selected row: the bar and ▸ agree. */
	if (pid == 0 || pid == app->focus_pid)
		return act;
	App_select(app, pid);
	return act | ACT_REFOCUS | ACT_RESCAN | ACT_REDRAW;
}

static unsigned tree_enter(App *app)
{
	if (app->cursor_pid == 0)
		return ACT_NONE;
	App_select(app, app->cursor_pid);
	/* Where there are no steps (a watch) there is no focus to go back to. */
	App_note(app, false, "%s",
		 App_stepped(app) ? _("the detail panes stay on this process (f: back to the step's focus)")
				  : _("the detail panes show this process"));
	return ACT_REFOCUS | ACT_RESCAN | ACT_REDRAW;
}

static unsigned tree_click(App *app, int row)
{
	PaneScroll *s = &app->scroll[PANE_TREE];
	pid_t pid = pid_at(app, s->top + row - 1);

	if (row < 1 || pid == 0)
		return ACT_NONE;
	s->cursor = s->top + row - 1;
	App_select(app, pid);
	return ACT_REFOCUS | ACT_RESCAN | ACT_REDRAW;
}

const PaneClass pane_tree = {
	.id = PANE_TREE, .title = N_("Processes"), .tab = N_("Tree"),
	.draw = tree_draw, .move_by = tree_move, .enter = tree_enter, .click = tree_click,
};
