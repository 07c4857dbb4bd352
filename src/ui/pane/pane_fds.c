/*
 * The FD table of the focused process: number, type, access mode, offset,
 * what exec will do with it (close: close-on-exec is set) and whether it is
 * the same open file description as the parent's descriptor of that number.
 * Before an exec the "close" rows are the ones about to go; after it they
 * are gone and the "keep" ones are the leaks.
 */
#include "ui/pane/pane.h"

#include <stdio.h>

#include "base/i18n.h"
#include "ui/format/format.h"

static void fd_positions(const bool shown[FCOL_COUNT], Rect in, int xs[FCOL_COUNT])
{
	int x = in.x + 1;

	for (int c = 0; c < FCOL_COUNT; c++) {
		xs[c] = x;
		if (shown[c] && c != FCOL_TARGET)
			x += fd_columns[c].width + 1;
	}
}

static TextAlign fd_align(FdCol c)
{
	return c == FCOL_FD || c == FCOL_OFFSET ? ALIGN_RIGHT : ALIGN_LEFT;
}

static void fds_info(App *app, char *buf, size_t len)
{
	const Focus *f = &app->session->focus;
	char pid[64], cloexec_note[48] = "";
	size_t closing = 0;

	for (size_t i = 0; f->self.fds.state == READ_OK && i < f->self.fds.n; i++)
		closing += f->self.fds.v[i].info_state == READ_OK && f->self.fds.v[i].cloexec;
	if (closing > 0)
		snprintf(cloexec_note, sizeof cloexec_note, _(" %s %zu close on exec"), app->g->bullet,
			 closing);
	App_focus_pid(app, pid, sizeof pid);
	snprintf(buf, len, _("pid %s %s %zu open%s"), pid, app->g->bullet,
		 f->self.fds.state == READ_OK ? f->self.fds.n : 0, cloexec_note);
}

/* Once per step: scroll so that the FD the step is about is in view. */
static void reveal_focus_fd(App *app, const Focus *f, int n, int rows)
{
	PaneScroll *s = &app->scroll[PANE_FDS];

	if (!app->reveal_fd || n == 0 || rows <= 0)
		return;
	app->reveal_fd = false;
	for (int k = 0; k < n; k++) {
		if (f->self.fds.v[k].fd != app->focus_fd)
			continue;
		if (k < s->top || k >= s->top + rows)
			s->top = k - rows / 2 < 0 ? 0 : k - rows / 2;
		return;
	}
}

static void fds_draw(App *app, Rect r, bool active)
{
	PaneScroll *s = &app->scroll[PANE_FDS];
	Rect in = Rect_inner(r);
	const Focus *f = app->session != NULL ? &app->session->focus : NULL;
	bool shown[FCOL_COUNT] = { false }, has_parent;
	int xs[FCOL_COUNT], n;
	char info[128] = "", footer[48], buf[512];

	n = f != NULL && f->pid != 0 && f->self.fds.state == READ_OK ? (int)f->self.fds.n : 0;
	s->cursor = -1;
	reveal_focus_fd(app, f, n, in.h - 1);
	PaneScroll_fit(s, n, in.h - 1);
	if (f != NULL && f->pid != 0)
		fds_info(app, info, sizeof info);
	Draw_scroll_footer(s->top, in.h - 1, n, footer, sizeof footer);
	Draw_box(r, _(pane_fds.title), info, footer, active);
	if (in.h < 2)
		return;
	if (f == NULL || f->pid == 0) {
		Draw_text(in.y, in.x + 1, in.w - 1, _("no process selected"), ROLE_DIM);
		return;
	}
	if (f->self.fds.state != READ_OK) {
		snprintf(buf, sizeof buf, _("FDs: %s"), _(ReadState_explain(f->self.fds.state)));
		Draw_text(in.y, in.x + 1, in.w - 1, buf,
			  f->self.fds.state == READ_GONE ? ROLE_DIM : ROLE_WARNING);
		return;
	}
	has_parent = App_focus_parent_known(app);
	fd_columns_fit(in.w - 1, fd_target_min(&f->self.fds, &app->ids), shown);
	fd_positions(shown, in, xs);
	Draw_fill((Rect){ in.y, in.x, 1, in.w }, ROLE_HEADER);
	for (int c = 0; c < FCOL_COUNT; c++)
		if (shown[c])
			Draw_cell(in.y, xs[c], c == FCOL_TARGET ? in.x + in.w - xs[c] : fd_columns[c].width,
				  _(fd_columns[c].header), fd_align((FdCol)c), ROLE_HEADER);
	for (int i = 0; i + 1 < in.h && s->top + i < n; i++) {
		int k = s->top + i, y = in.y + 1 + i;
		const FdEntry *e = &f->self.fds.v[k];
		int shared = f->fd_shared != NULL ? f->fd_shared[k] : -1;

		if (e->fd == app->focus_fd)
			Draw_text(y, in.x, 1, app->g->cursor, ROLE_SELECTED);
		for (int c = 0; c < FCOL_COUNT; c++) {
			int w = c == FCOL_TARGET ? in.x + in.w - xs[c] : fd_columns[c].width;
			if (!shown[c])
				continue;
			if (c == FCOL_TARGET)
				fd_target_fit(e, &app->ids, w, buf, sizeof buf);
			else
				fd_cell(e, shared, has_parent, &app->ids, (FdCol)c, buf, sizeof buf);
			Draw_cell(y, xs[c], w, buf, fd_align((FdCol)c), fd_cell_role(e, shared, (FdCol)c));
		}
	}
}

static unsigned fds_move(App *app, int delta)
{
	app->scroll[PANE_FDS].cursor = -1;
	return PaneScroll_move(&app->scroll[PANE_FDS], delta);
}

static unsigned fds_click(App *app, int row)
{
	(void)app;
	(void)row;
	return ACT_NONE;
}

const PaneClass pane_fds = {
	.id = PANE_FDS, .title = N_("File descriptors"), .tab = N_("FDs"),
	.draw = fds_draw, .move_by = fds_move, .enter = NULL, .click = fds_click,
};
