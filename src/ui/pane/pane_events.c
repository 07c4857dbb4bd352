/*
 * The event timeline: API calls with the values the program saw, and what
 * the kernel did, oldest at the top and the newest at the bottom; a step
 * draws a rule across it. A cursor (app->ev_from_bottom events above the
 * newest) follows the newest until moved up; moved, it stays on its event
 * while more come, until End. Enter shows the event under it in full, over
 * the pane and as far up as it needs (a line is cut at the pane's edge);
 * Enter or Esc closes that, as does leaving the pane.
 */
#include "ui/pane/pane.h"
#include "ui/travel.h"

#include <stdio.h>

#include "base/i18n.h"
#include "trace/event_text.h"
#include "ui/format/format.h"
#include "ui/format/textblock.h"

enum { WHEN_COLS = 8, PID_COLS = 7, FIELD_COLS = 12 };

/* The catalogue's caption of a step event when the step is one of the
 * scenario's (the event keeps only the start of it), translated like the
 * caption box; else the event's own. */
static const char *step_caption(const App *app, const Event *ev)
{
	const Scenario *sc = app->source != NULL ? app->source->scenario : app->args.scenario;

	return sc != NULL && ev->status >= 1 && ev->status <= sc->nsteps
	       ? _(sc->steps[ev->status - 1].caption) : ev->detail;
}

/* "── step 2 The child called _exit(7)… ──────" */
static void draw_step_rule(App *app, const Event *ev, int y, Rect in)
{
	const char *caption = step_caption(app, ev);
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

/* Keeps the cursor on its event as more are logged (a new run starts with
 * fewer: the cursor follows again), and within the log. */
static void cursor_keep(App *app, const Session *ss, int n)
{
	size_t total = ss != NULL ? ss->nevents + ss->events_dropped : 0;

	if (total < app->ev_seen) {
		app->ev_from_bottom = 0;
		app->ev_open = false;
	} else if (app->ev_from_bottom > 0 || app->ev_open) {
		app->ev_from_bottom += (int)(total - app->ev_seen);
	}
	app->ev_seen = total;
	if (app->ev_from_bottom > n - 1)
		app->ev_from_bottom = n > 0 ? n - 1 : 0;
	if (app->active != PANE_EVENTS || n == 0)
		app->ev_open = false;
}

/* The event under the cursor in full, in a box as wide as r just below
 * the cursor's row (at y), moved up as far as its lines need to stay
 * within r's bottom, over the panes above if r is short. */
static void draw_full(App *app, Rect r, const Event *ev, size_t seq, int y)
{
	const Session *ss = app->session;
	EventField fields[EVENT_FIELDS_MAX];
	size_t n = event_fields(ev, seq, ss->events[0].t_us, &app->ids,
				ev->kind == EV_STEP ? step_caption(app, ev) : NULL, fields,
				EVENT_FIELDS_MAX);
	const ExecRecord *rec = ExecLog_find(&ss->execs, ev->record);

	if (rec != NULL)
		n = exec_record_fields(rec, &app->ids, fields, n, EVENT_FIELDS_MAX);
	TextBlock tb;
	Rect box, in;
	char info[64], pid[16], footer[64];
	int h;

	TextBlock_init(&tb, r.w - 3);
	for (size_t i = 0; i < n; i++)
		TextBlock_add_lead(&tb, fields[i].label, ROLE_DIM, FIELD_COLS, fields[i].text,
				   fields[i].role);
	h = (int)tb.n + 2;
	if (h > r.y + r.h)
		h = r.y + r.h;
	if (y + 1 + h > r.y + r.h)
		y = r.y + r.h - h - 1;
	box = (Rect){ y + 1, r.x, h, r.w };
	in = Rect_inner(box);
	Draw_fill(box, ROLE_NORMAL);
	snprintf(info, sizeof info, "#%zu %s pid %s", seq, app->g->bullet,
		 StableIds_pid(&app->ids, ev->pid, pid, sizeof pid));
	snprintf(footer, sizeof footer, "%s", _("Enter or Esc closes"));
	Draw_box(box, _("Event"), info, footer, true);
	Draw_block(&tb, (Rect){ in.y, in.x + 1, in.h, in.w - 1 }, 0);
	TextBlock_done(&tb);
}

/* A call's text runs on past its result: when the row cuts it, the errno
 * it failed with is what must stay, kept at the row's end. */
static void draw_event_text(const Event *ev, const EventLine *line, int y, int x, int w)
{
	char buf[32];
	const char *name;
	int bw;

	if ((ev->kind != EV_API && ev->kind != EV_EXEC_FAILED) || ev->err == 0 ||
	    text_width(line->text) <= w) {
		Draw_text(y, x, w, line->text, line->role);
		return;
	}
	name = errno_name(ev->err, buf, sizeof buf);
	bw = text_width(name) + 1;
	if (bw >= w / 2) {
		Draw_text(y, x, w, line->text, line->role);
		return;
	}
	Draw_text(y, x, w - bw, line->text, line->role);
	Draw_text(y, x + w - bw + 1, bw - 1, name, ROLE_WARNING);
}

static void events_draw(App *app, Rect r, bool active)
{
	PaneScroll *s = &app->scroll[PANE_EVENTS];
	Rect in = Rect_inner(r);
	const Session *ss = app->session;
	int n = ss != NULL ? (int)ss->nevents : 0;
	char info[64] = "", footer[64];
	uint64_t t0;

	cursor_keep(app, ss, n);
	s->cursor = n > 0 ? n - 1 - app->ev_from_bottom : -1;
	if (app->ev_from_bottom == 0)
		s->top = n - in.h;
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
		} else {
			Draw_cell(y, x, WHEN_COLS, line.when, ALIGN_RIGHT, ROLE_DIM);
			x += WHEN_COLS + 1;
			Draw_cell(y, x, PID_COLS, line.pid, ALIGN_RIGHT, ROLE_NORMAL);
			x += PID_COLS + 2;
			draw_event_text(ev, &line, y, x, in.x + in.w - x);
		}
		if (active && s->top + i == s->cursor)
			Draw_text(y, in.x, 1, app->g->cursor, ROLE_SELECTED);
	}
	if (app->ev_open)
		draw_full(app, r, &ss->events[s->cursor], ss->events_dropped + (size_t)s->cursor + 1,
			  in.y + s->cursor - s->top);
}

/* Moves the cursor: up is away from the newest; Home the oldest, End the
 * newest (and following it again). */
static unsigned events_move(App *app, int delta)
{
	const PaneScroll *s = &app->scroll[PANE_EVENTS];
	int max = s->count - 1, old = app->ev_from_bottom;

	if (max < 0)
		max = 0;
	/* Home and End move the time cursor: the first event, the live moment. */
	if (delta == MOVE_HOME)
		return App_travel_first(app);
	if (delta == MOVE_END && App_traveling(app))
		return App_travel_live(app);
	if (delta == MOVE_END)
		app->ev_from_bottom = 0;
	else
		app->ev_from_bottom -= delta;
	if (app->ev_from_bottom < 0)
		app->ev_from_bottom = 0;
	if (app->ev_from_bottom > max)
		app->ev_from_bottom = max;
	return app->ev_from_bottom != old ? ACT_REDRAW : ACT_NONE;
}

static unsigned events_enter(App *app)
{
	if (app->session == NULL || app->session->nevents == 0)
		return ACT_NONE;
	app->ev_open = !app->ev_open;
	return ACT_REDRAW;
}

/* A click chooses the event under it (and closes one shown in full). */
static unsigned events_click(App *app, int row)
{
	const PaneScroll *s = &app->scroll[PANE_EVENTS];
	int k = s->top + row;

	if (app->ev_open) {
		app->ev_open = false;
		return ACT_REDRAW;
	}
	if (row < 0 || k >= s->count)
		return ACT_NONE;
	app->ev_from_bottom = s->count - 1 - k;
	return ACT_REDRAW;
}

const PaneClass pane_events = {
	.id = PANE_EVENTS, .title = N_("Events"), .tab = N_("Events"),
	.draw = events_draw, .move_by = events_move, .enter = events_enter, .click = events_click,
};
