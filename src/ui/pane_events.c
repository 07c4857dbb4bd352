/*
 * The event timeline: API calls with the values the program saw, and what
 * the kernel did, oldest at the top and the newest at the bottom. It
 * follows the newest until scrolled up; a step draws a rule across it.
 */
#include "ui/pane.h"

#include <stdio.h>

#include "base/i18n.h"
#include "ui/format.h"

enum { WHEN_COLS = 8, PID_COLS = 7 };

/* "── step 2 The child called _exit(7)… ──────" */
static void draw_step_rule(App *app, const Event *ev, int y, Rect in)
{
	const Scenario *sc = app->source != NULL ? app->source->scenario : app->args.scenario;
	/* The catalogue's caption when the step is one of the scenario's (the
	 * event keeps only the start of it), translated like the caption box. */
	const char *caption = sc != NULL && ev->status >= 1 && ev->status <= sc->nsteps
			      ? _(sc->steps[ev->status - 1].caption) : ev->detail;
	char text[32];
	int x = in.x + 2;

	snprintf(text, sizeof text, _(" step %d "), ev->status);
	Draw_repeat(y, in.x, 2, app->g->step_rule, ROLE_BORDER);
	x += Draw_text(y, x, in.x + in.w - x, text, ROLE_TITLE);
	if (caption[0] != '\0')
		x += Draw_text(y, x, in.x + in.w - x - 1, caption, ROLE_CAPTION);
	if (x < in.x + in.w - 1) {
		Draw_text(y, x, 1, " ", ROLE_NORMAL);
		Draw_repeat(y, x + 1, in.x + in.w - x - 1, app->g->step_rule, ROLE_BORDER);
	}
}

static void events_draw(App *app, Rect r, bool active)
{
	PaneScroll *s = &app->scroll[PANE_EVENTS];
	Rect in = Rect_inner(r);
	const Session *ss = app->session;
	int n = ss != NULL ? (int)ss->nevents : 0;
	char info[64] = "", footer[64];
	uint64_t t0;

	s->cursor = -1;
	if (app->ev_from_bottom > n - in.h)
		app->ev_from_bottom = n - in.h > 0 ? n - in.h : 0;
	s->top = n - in.h - app->ev_from_bottom;
	PaneScroll_fit(s, n, in.h);
	if (ss != NULL)
		snprintf(info, sizeof info, "%zu%s", ss->nevents + ss->events_dropped,
			 ss->events_lost ? _(" (some lost)") : "");
	if (app->ev_from_bottom > 0)
		snprintf(footer, sizeof footer, _("%s %d newer %s End follows"), app->g->arrow_down,
			 app->ev_from_bottom, app->g->bullet);
	else
		Draw_scroll_footer(s->top, in.h, n, footer, sizeof footer);
	Draw_box(r, _(pane_events.title), info, footer, active);
	if (n == 0) {
		Draw_text(in.y, in.x + 1, in.w - 1, _("no event yet"), ROLE_DIM);
		return;
	}
	t0 = ss->events[0].t_us;
	for (int i = 0; i < in.h && s->top + i < n; i++) {
		const Event *ev = &ss->events[s->top + i];
		size_t seq = ss->events_dropped + (size_t)(s->top + i) + 1;
		EventLine line;
		int y = in.y + i, x = in.x + 1;

		event_line(ev, seq, t0, &app->ids, &line);
		if (line.is_step) {
			draw_step_rule(app, ev, y, in);
			continue;
		}
		Draw_cell(y, x, WHEN_COLS, line.when, ALIGN_RIGHT, ROLE_DIM);
		x += WHEN_COLS + 1;
		Draw_cell(y, x, PID_COLS, line.pid, ALIGN_RIGHT, ROLE_NORMAL);
		x += PID_COLS + 2;
		Draw_text(y, x, in.x + in.w - x, line.text, line.role);
	}
}

static unsigned events_move(App *app, int delta)
{
	const PaneScroll *s = &app->scroll[PANE_EVENTS];
	int max = s->count - s->visible, old = app->ev_from_bottom;

	if (max < 0)
		max = 0;
	if (delta == MOVE_HOME)
		app->ev_from_bottom = max;
	else if (delta == MOVE_END)
		app->ev_from_bottom = 0;
	else
		app->ev_from_bottom -= delta;
	if (app->ev_from_bottom < 0)
		app->ev_from_bottom = 0;
	if (app->ev_from_bottom > max)
		app->ev_from_bottom = max;
	return app->ev_from_bottom != old ? ACT_REDRAW : ACT_NONE;
}

static unsigned events_click(App *app, int row)
{
	(void)app;
	(void)row;
	return ACT_NONE;
}

const PaneClass pane_events = {
	.id = PANE_EVENTS, .title = N_("Events"), .tab = N_("Events"),
	.draw = events_draw, .move_by = events_move, .enter = NULL, .click = events_click,
};
