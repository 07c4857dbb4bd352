/*
 * The bottom of the screen: the step caption (what just happened and what
 * to look at) and the status line (keys on the left; the run's state, the
 * event source and the held-process count on the right). The status line
 * is also where a line is edited (the tree filter, a command) and where
 * passing notes appear. And the screen for a window below the minimum.
 */
#include "ui/pane/pane.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "scenario/step_focus.h"
#include "ui/keys.h"
#include "ui/keys_internal.h"
#include "ui/format/textblock.h"

/* "Step 2 of 3", "Finished", ... for the caption's border. */
/* After the step's title: who the panes show, by role ("focus: child A,
 * pid 4242"), or that the user chose another process. */
static void focus_words(App *app, char *buf, size_t len)
{
	const StepFocus *f = App_step_focus(app);
	size_t used = strlen(buf);
	char pid[32];

	if (app->focus_pid == 0 || used + 1 >= len || !App_stepped(app))
		return; /* a watch has no steps, so no focus to name or go back to */
	StableIds_pid(&app->ids, app->focus_pid, pid, sizeof pid);
	if (f != NULL)
		snprintf(buf + used, len - used, _(" %s focus: %s, pid %s"), app->g->bullet,
			 _(StepFocus_label(f, app->session, app->focus_pid)), pid);
	else if (app->focus_pinned)
		snprintf(buf + used, len - used, _(" %s your choice: pid %s (f: the step's focus)"),
			 app->g->bullet, pid);
}

static void caption_title(App *app, char *buf, size_t len)
{
	const Session *s = app->session;
	int nsteps = app->source && app->source->scenario ? app->source->scenario->nsteps
			: app->args.scenario ? app->args.scenario->nsteps : 0;
	SourceState st = app->source ? app->source->ops->state(app->source->impl) : SOURCE_FINISHED;

	if (s == NULL)
		snprintf(buf, len, "%s", _("Ready"));
	else if (app->travel_text[0] != '\0' && nsteps > 0 && s->step > 0)
		/* Drawing a past session: its step, not the run's end. */
		snprintf(buf, len, _("Looking back · step %d of %d"), s->step, nsteps);
	else if (app->travel_text[0] != '\0')
		snprintf(buf, len, "%s", _("Looking back"));
	else if (app->source == NULL || st == SOURCE_FINISHED)
		snprintf(buf, len, "%s", s->step > 0 ? _("Finished after the last step") : _("Finished"));
	else if (!App_stepped(app))
		snprintf(buf, len, "%s", _("Watching"));
	else if (s->step == 0)
		snprintf(buf, len, "%s", _("Starting"));
	else if (nsteps > 0)
		snprintf(buf, len, _("Step %d of %d"), s->step, nsteps);
	else
		snprintf(buf, len, _("Step %d"), s->step);
	focus_words(app, buf, len);
}

/* The session keeps a bounded copy of the caption, and captions run past
 * it: translate the catalogue's whole string when the copy is a piece of
 * it (gettext would not find the piece), and never look up "" (that is the
 * catalogue's header). */
static const char *session_caption(const App *app, const Session *s)
{
	/* After the run the source is gone; the scenario it ran is not. */
	const Scenario *sc = app->source != NULL ? app->source->scenario : app->args.scenario;
	const char *whole = NULL;

	if (s->caption[0] == '\0')
		return "";
	if (sc != NULL && s->step >= 1 && s->step <= sc->nsteps)
		whole = sc->steps[s->step - 1].caption;
	else if (sc != NULL && s->step == 0)
		whole = sc->explanation;
	if (whole != NULL && strncmp(whole, s->caption, strlen(s->caption)) == 0)
		return _(whole);
	return _(s->caption);
}

const char *Caption_console_text(void)
{
	return _("The command runs in the terminal pane, under forkscope's tracer: what you type "
		 "goes to it, and each fork, exec and exit it makes shows in the tree and the "
		 "events as it happens. Ctrl-] moves the keyboard between the terminal and "
		 "forkscope's keys; T hides the pane.");
}

const char *Caption_text(const App *app)
{
	const Session *s = app->session;

	if (s == NULL)
		return "";
	if (s->caption[0] != '\0' || App_stepped(app))
		return session_caption(app, s);
	if (app->console != NULL)
		return Caption_console_text();
	if (app->source != NULL && app->source->ops->set_hold_all == NULL)
		return _("forkscope watches these processes as they run: each fork, exec and exit "
			 "shows in the tree and the events (the status line says from which source; "
			 "polling sees only what lives longer than the refresh interval). Enter on a "
			 "process shows its memory, FDs and signals.");
	return _("The command runs under forkscope's tracer: each fork, exec and exit shows "
		 "in the tree and the events as it happens. Enter on a process shows its "
		 "memory, FDs and signals; h holds every process at each of those events.");
}

void Caption_draw(App *app, Rect r, bool boxed)
{
	const char *text = Caption_text(app);
	char title[192];
	TextBlock tb;
	Rect in = boxed ? Rect_inner(r) : r;

	if (r.h <= 0)
		return;
	caption_title(app, title, sizeof title);
	if (boxed) {
		const char *what = app->source && app->source->scenario ? _(app->source->scenario->title)
				 : app->source ? app->source->label : NULL;
		Draw_box(r, title, what, NULL, false);
		in.x += 1;
		in.w -= 2;
		TextBlock_init(&tb, in.w);
		TextBlock_add(&tb, text, ROLE_CAPTION);
	} else {
		char lead[80];
		snprintf(lead, sizeof lead, "%s ", title);
		TextBlock_init(&tb, in.w);
		TextBlock_add_lead(&tb, lead, ROLE_TITLE, text_width(lead), text, ROLE_CAPTION);
	}
	if ((int)tb.n > in.h && in.h > 0) {
		/* More than fits: the last line runs on into the next, so that it
		 * is cut with an ellipsis. */
		const TextBlockLine *last = &tb.v[in.h - 1];
		char joined[1024];
		snprintf(joined, sizeof joined, "%s %s", last->text, tb.v[in.h].text);
		Draw_block(&tb, (Rect){ in.y, in.x, in.h - 1, in.w }, 0);
		Draw_text(in.y + in.h - 1, in.x + last->lead_width, in.w - last->lead_width, joined,
			  last->role);
		TextBlock_done(&tb);
		return;
	}
	Draw_block(&tb, in, 0);
	TextBlock_done(&tb);
}

/* The right end of the status line: "step mode · ptrace · 1 held". */
static void status_state(const App *app, char *buf, size_t len)
{
	const Session *s = app->session;
	size_t held = 0;
	const char *b = app->g->bullet;
	char held_text[32];
	SourceState st;

	buf[0] = '\0';
	if (s == NULL || app->view != VIEW_RUN)
		return;
	for (size_t i = 0; i < s->nprocs; i++)
		held += s->procs[i].held && !s->procs[i].gone;
	if (app->source == NULL) {
		snprintf(buf, len, "%s %s %s", _("finished"), b, s->source[0] ? s->source : "-");
		return;
	}
	st = app->source->ops->state(app->source->impl);
	snprintf(held_text, sizeof held_text, _("%zu held"), held);
	snprintf(buf, len, "%s%s %s %s %s %s",
		 st == SOURCE_FINISHED ? _("finished")
		 : app->step_mode && (App_stepped(app) || app->hold_all) ? _("step mode") : _("running"),
		 app->hold_all ? _(" + hold all") : "", b, s->source[0] ? s->source : "-", b, held_text);
	/* The time cursor at the newest moment (looking back, the left of the
	 * status line says which event). */
	if (app->travel_text[0] == '\0' && s->nevents > 0) {
		size_t used = strlen(buf);
		snprintf(buf + used, len - used, " %s %s", b, _("live"));
	}
}

/* Key hints of the table that work in this view, as many as fit. */
static void draw_hints(App *app, int y, int x, int end)
{
	unsigned when = app->view == VIEW_RUN ? WHEN_RUN : WHEN_LIST;

	for (size_t i = 0; i < keys_binding_count(); i++) {
		const KeyBinding *k = keys_binding_at(i);
		int need;
		if (k->hint == NULL || !(k->when & when) ||
		    (app->view == VIEW_RUN && (k->when & WHEN_STEPS) && !App_stepped(app) &&
		     !app->hold_all))
			continue;
		need = text_width(k->label) + 1 + text_width(_(k->hint)) + 2;
		if (x + need > end)
			break;
		if (app->nhints < (int)(sizeof app->hints / sizeof app->hints[0]))
			app->hints[app->nhints++] = (HintSpot){ x, x + need - 2, k->keys[0] };
		x += Draw_text(y, x, end - x, k->label, ROLE_KEY);
		x += Draw_text(y, x, end - x, " ", ROLE_STATUS);
		x += Draw_text(y, x, end - x, _(k->hint), ROLE_STATUS);
		x += Draw_text(y, x, end - x, "  ", ROLE_STATUS);
	}
}

/* k's question: which signal (the one offered highlighted), then whether
 * to send it. */
static void draw_signal_prompt(App *app, Rect r)
{
	const SignalChoice *c = signal_choice_at((size_t)app->signal_choice);
	int x = r.x + 1, end = r.x + r.w;
	char text[320];

	if (app->prompt == PROMPT_SIGNAL_CONFIRM && c != NULL) {
		snprintf(text, sizeof text, _("Send SIG%s to %s?"), c->name, app->prompt_text);
		x += Draw_text(r.y, x, end - x, text, ROLE_WARNING);
		Draw_text(r.y, x, end - x, _("  y sends  any other key: no"), ROLE_DIM);
		return;
	}
	snprintf(text, sizeof text, _("Signal to %s: "), app->prompt_text);
	x += Draw_text(r.y, x, end - x, text, ROLE_KEY);
	for (size_t i = 0; i < signal_choice_count(); i++) {
		char item[24];
		snprintf(item, sizeof item, " %zu %s ", i + 1, signal_choice_at(i)->name);
		x += Draw_text(r.y, x, end - x, item,
			       (int)i == app->signal_choice ? ROLE_SELECTED : ROLE_STATUS);
	}
	Draw_text(r.y, x, end - x, _("  arrows or 1-8 choose  Enter, then y: send  Esc cancels"), ROLE_DIM);
}

/* q while a started command runs: end it, or leave it running. */
static void draw_quit_prompt(App *app, Rect r)
{
	int x = r.x + 1, end = r.x + r.w;
	char text[200];

	snprintf(text, sizeof text, _("Quit: %s still runs. "),
		 app->source != NULL ? app->source->label : "");
	x += Draw_text(r.y, x, end - x, text, ROLE_WARNING);
	x += Draw_text(r.y, x, end - x, "e", ROLE_KEY);
	x += Draw_text(r.y, x, end - x, _(" end it  "), ROLE_STATUS);
	if (keys_quit_can_leave(app)) {
		x += Draw_text(r.y, x, end - x, "l", ROLE_KEY);
		x += Draw_text(r.y, x, end - x, _(" leave it running (its output discarded)  "),
			       ROLE_STATUS);
	} else {
		x += Draw_text(r.y, x, end - x,
			       _("(it cannot be left running: traced with the exec filter; --detach "
				 "allows it)  "),
			       ROLE_DIM);
	}
	Draw_text(r.y, x, end - x, _("any other key: stay"), ROLE_DIM);
}

/* The terminal pane has the keyboard: every key goes to the command. */
static void draw_console_keys(App *app, Rect r, int end)
{
	int x = r.x + 1;

	x += Draw_text(r.y, x, end - x, _("keys: terminal"), ROLE_SELECTED);
	x += Draw_text(r.y, x, end - x, _("  typing goes to the command  "), ROLE_STATUS);
	x += Draw_text(r.y, x, end - x, "Ctrl-]", ROLE_KEY);
	Draw_text(r.y, x, end - x, _(" forkscope's keys (q quits, ? help)"), ROLE_STATUS);
}

static void draw_prompt(App *app, Rect r)
{
	const char *name = app->prompt == PROMPT_FILTER ? _("Filter: ")
			 : app->prompt == PROMPT_BREAK ? _("Breakpoint: ") : _("Command: ");
	/* The filter applies as it is typed: Enter keeps it, Esc leaves none. */
	const char *hint = app->prompt == PROMPT_FILTER
			   ? _("  Enter keep (empty: no filter)  Esc no filter")
			   : app->prompt == PROMPT_BREAK
			   ? _("  exec:PATTERN exec~REGEX fork exit:PATTERN  Enter add  Esc cancel")
			   : _("  Enter accept  Esc cancel");
	int x = r.x + 1, end = r.x + r.w;
	char shown[300];
	int room, tw;

	x += Draw_text(r.y, x, end - x, name, ROLE_KEY);
	room = end - x - text_width(hint) - 1;
	tw = text_width(app->prompt_text);
	/* Show the end of a long line: that is where the typing happens. */
	if (tw > room && room > 1) {
		const char *p = app->prompt_text;
		while (*p != '\0' && text_width(p) > room - 1)
			p++;
		snprintf(shown, sizeof shown, "%s", p);
	} else {
		snprintf(shown, sizeof shown, "%s", app->prompt_text);
	}
	x += Draw_text(r.y, x, end - x, shown, ROLE_STATUS);
	x += Draw_text(r.y, x, end - x, " ", ROLE_SELECTED);
	Draw_text(r.y, x, end - x, hint, ROLE_DIM);
}

void Status_draw(App *app)
{
	Rect r = app->layout.status;
	char state[160];
	int sw, end = r.x + r.w;

	Draw_fill(r, ROLE_STATUS);
	app->nhints = 0;
	if (app->prompt == PROMPT_SIGNAL || app->prompt == PROMPT_SIGNAL_CONFIRM) {
		draw_signal_prompt(app, r);
		return;
	}
	if (app->prompt == PROMPT_QUIT) {
		draw_quit_prompt(app, r);
		return;
	}
	if (app->prompt != PROMPT_NONE) {
		draw_prompt(app, r);
		return;
	}
	status_state(app, state, sizeof state);
	/* Looking back: said first, where the eye goes. */
	if (app->travel_text[0] != '\0') {
		int w = Draw_text(r.y, r.x + 1, r.w / 2, app->travel_text, ROLE_SELECTED);
		r.x += w + 2;
		r.w -= w + 2;
	}
	sw = text_width(state);
	if (sw > 0 && sw + 2 < r.w / 2) {
		Draw_text(r.y, end - sw - 1, sw, state, ROLE_STATUS);
		end -= sw + 3;
	}
	if (app->message[0] != '\0') {
		Draw_text(r.y, r.x + 1, end - r.x - 1, app->message,
			  app->message_is_error ? ROLE_WARNING : ROLE_CAPTION);
		return;
	}
	if (app->console_keys) {
		draw_console_keys(app, r, end);
		return;
	}
	draw_hints(app, r.y, r.x + 1, end);
}

void TooSmall_draw(App *app)
{
	char line[96];
	int y = app->layout.rows / 2 - 1;

	(void)app;
	Draw_clear();
	/* The sizes are what matter: in a window too narrow for the sentences
	 * the short forms keep them from being cut off. */
	snprintf(line, sizeof line, _("forkscope needs at least %dx%d"), LAYOUT_MIN_COLS,
		 LAYOUT_MIN_ROWS);
	if (text_width(line) > app->layout.cols - 2)
		snprintf(line, sizeof line, _("needs %dx%d"), LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS);
	Draw_text(y, 1, app->layout.cols - 2, line, ROLE_WARNING);
	snprintf(line, sizeof line, _("this window is %dx%d"), app->layout.cols, app->layout.rows);
	if (text_width(line) > app->layout.cols - 2)
		snprintf(line, sizeof line, _("is %dx%d"), app->layout.cols, app->layout.rows);
	Draw_text(y + 1, 1, app->layout.cols - 2, line, ROLE_DIM);
	Draw_text(y + 2, 1, app->layout.cols - 2, _("q quits"), ROLE_DIM);
}
