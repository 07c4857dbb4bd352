/*
 * Memory of the focused process: one row per mapping of /proc/PID/smaps
 * with Rss, Pss and the four Shared/Private x Clean/Dirty counters, in
 * address order; the border carries the smaps_rollup totals. "▸" marks the
 * mapping the page map shows; Enter on a row shows that one instead.
 */
#include "ui/pane/pane.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "ui/format/format.h"

enum { CURSOR_COLS = 2 };

/* Says why there is nothing to show, in place of the rows; true if so. */
static bool draw_unread(const App *app, Rect in, ReadState st, const char *what)
{
	char text[512];

	if (app->session == NULL || app->focus_pid == 0) {
		Draw_text(in.y, in.x + 1, in.w - 1, _("no process selected (Enter on a process)"),
			  ROLE_DIM);
		return true;
	}
	if (st == READ_OK)
		return false;
	snprintf(text, sizeof text, "%s: %s", what, _(ReadState_explain(st)));
	Draw_text(in.y, in.x + 1, in.w - 1, text, st == READ_GONE ? ROLE_DIM : ROLE_WARNING);
	return true;
}

static void memory_info(App *app, char *buf, size_t len)
{
	const Focus *f = &app->session->focus;
	char pid[64], rss[16], pss[16];

	App_focus_pid(app, pid, sizeof pid);
	if (f->self.totals.state != READ_OK) {
		snprintf(buf, len, _("pid %s"), pid);
		return;
	}
	format_kb(f->self.totals.kb.rss, rss, sizeof rss);
	format_kb(f->self.totals.kb.pss, pss, sizeof pss);
	snprintf(buf, len, _("pid %s %s Rss %s Pss %s"), pid, app->g->bullet, rss, pss);
}

static void column_positions(const bool shown[MCOL_COUNT], Rect in, int xs[MCOL_COUNT],
			     int *name_w)
{
	int right = 0;

	for (int c = 1; c < MCOL_COUNT; c++)
		if (shown[c])
			right += mem_columns[c].width + 1;
	*name_w = in.w - CURSOR_COLS - right;
	xs[MCOL_NAME] = in.x + CURSOR_COLS;
	for (int c = 1, x = xs[MCOL_NAME] + *name_w; c < MCOL_COUNT; c++) {
		xs[c] = x + 1;
		if (shown[c])
			x += mem_columns[c].width + 1;
	}
}

static void draw_row(App *app, const Mapping *m, int y, Rect in, const bool shown[MCOL_COUNT],
		     const int xs[MCOL_COUNT], int name_w, bool cursor, bool chosen)
{
	ColorRole base = cursor ? ROLE_SELECTED : chosen ? ROLE_TITLE : ROLE_NORMAL;
	char buf[256];

	Draw_fill((Rect){ y, in.x, 1, in.w }, base);
	Draw_text(y, in.x, 1, chosen ? app->g->cursor : " ", base);
	for (int c = 0; c < MCOL_COUNT; c++) {
		ColorRole role = base;
		if (!shown[c])
			continue;
		mapping_cell(m, &app->ids, (MemCol)c, buf, sizeof buf);
		if (!cursor && strcmp(buf, "0") == 0)
			role = ROLE_DIM;
		else if (!cursor && (c == MCOL_SHARED_CLEAN || c == MCOL_SHARED_DIRTY))
			role = ROLE_PAGE_SHARED;
		else if (!cursor && c == MCOL_PRIVATE_DIRTY)
			role = ROLE_PAGE_PRIVATE;
		else if (!cursor && c == MCOL_PERMS)
			role = ROLE_DIM;
		Draw_cell(y, xs[c], c == MCOL_NAME ? name_w : mem_columns[c].width, buf,
			  c == MCOL_NAME || c == MCOL_PERMS ? ALIGN_LEFT : ALIGN_RIGHT, role);
	}
}

static void memory_draw(App *app, Rect r, bool active)
{
	PaneScroll *s = &app->scroll[PANE_MEMORY];
	Rect in = Rect_inner(r);
	const Focus *f = app->session != NULL ? &app->session->focus : NULL;
	bool shown[MCOL_COUNT] = { false };
	int xs[MCOL_COUNT], name_w, n;
	char info[128] = "", footer[48];

	n = f != NULL && f->pid != 0 && f->self.maps.state == READ_OK ? (int)f->self.maps.n : 0;
	if (s->cursor < 0)
		s->cursor = 0;
	PaneScroll_fit(s, n, in.h - 1);
	if (f != NULL && f->pid != 0)
		memory_info(app, info, sizeof info);
	Draw_scroll_footer(s->top, in.h - 1, n, footer, sizeof footer);
	Draw_box(r, _(pane_memory.title), info, footer[0] ? footer : "kB", active);
	if (in.h < 2 || draw_unread(app, in, f != NULL ? f->self.maps.state : READ_NOT_ASKED,
				    _("mappings")))
		return;
	mem_columns_fit(in.w, shown);
	column_positions(shown, in, xs, &name_w);
	Draw_fill((Rect){ in.y, in.x, 1, in.w }, ROLE_HEADER);
	for (int c = 0; c < MCOL_COUNT; c++)
		if (shown[c])
			Draw_cell(in.y, xs[c], c == MCOL_NAME ? name_w : mem_columns[c].width,
				  _(mem_columns[c].header),
				  c == MCOL_NAME || c == MCOL_PERMS ? ALIGN_LEFT : ALIGN_RIGHT,
				  ROLE_HEADER);
	for (int i = 0; i + 1 < in.h && s->top + i < n; i++) {
		int k = s->top + i;
		draw_row(app, &f->self.maps.v[k], in.y + 1 + i, in, shown, xs, name_w,
			 active && k == s->cursor, (size_t)k == f->mapping);
	}
}

static unsigned memory_move(App *app, int delta)
{
	PaneScroll *s = &app->scroll[PANE_MEMORY];

	if (s->cursor < 0)
		s->cursor = 0;
	return PaneScroll_move(s, delta);
}

static unsigned memory_enter(App *app)
{
	const PaneScroll *s = &app->scroll[PANE_MEMORY];

	if (app->session == NULL || app->session->focus.pid == 0 || s->cursor < 0)
		return ACT_NONE;
	Session_focus_mapping(app->session, (size_t)s->cursor);
	return ACT_REDRAW;
}

static unsigned memory_click(App *app, int row)
{
	PaneScroll *s = &app->scroll[PANE_MEMORY];

	if (row < 1 || s->top + row - 1 >= s->count)
		return ACT_NONE;
	s->cursor = s->top + row - 1;
	return memory_enter(app);
}

const PaneClass pane_memory = {
	.id = PANE_MEMORY, .title = N_("Memory"), .tab = N_("Memory"),
	.draw = memory_draw, .move_by = memory_move, .enter = memory_enter, .click = memory_click,
};
