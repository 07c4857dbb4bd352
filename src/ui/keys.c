/*
 * The key table and its handlers (see keys.h). A handler does one thing
 * and returns what must happen next (ACT_* bits); the loop does it. Keys
 * typed while the status line asks something go to it (the line editor,
 * or k's choice of a signal and its confirmation); mouse events go to the
 * pane under the pointer, or to the key hint under it in the status line.
 */
#include "ui/keys.h"

#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "scenario/step_focus.h"
#include "ui/keys_internal.h"
#include "ui/pane/pane.h"
#include "ui/term.h"
#include "ui/travel.h"

enum { KEY_CTRL_U = 21, WHEEL_ROWS = 3 };

static const PaneId run_cycle[] = { PANE_TREE, PANE_CONSOLE, PANE_MEMORY, PANE_PAGES, PANE_FDS,
				    PANE_PROCESS, PANE_EVENTS };
static const PaneId list_cycle[] = { PANE_LIST, PANE_ABOUT };

static unsigned move_active(App *app, int delta)
{
	const PaneClass *pc = PaneClass_get(app->active);

	if (app->help) {
		/* Help_draw clamps the top to the text. */
		app->help_top = delta == MOVE_HOME ? 0 : delta == MOVE_END ? INT_MAX / 4
			      : app->help_top + delta;
		return ACT_REDRAW;
	}
	return pc != NULL && pc->move_by != NULL ? pc->move_by(app, delta) : ACT_NONE;
}

static int page_rows(const App *app)
{
	int h = app->help ? app->layout.rows - 3 : app->scroll[app->active].visible;
	return h > 1 ? h - 1 : 1;
}

static unsigned k_up(App *app, int key) { (void)key; return move_active(app, -1); }
static unsigned k_down(App *app, int key) { (void)key; return move_active(app, 1); }
static unsigned k_page_up(App *app, int key)
{
	(void)key;
	return move_active(app, -page_rows(app));
}

static unsigned k_page_down(App *app, int key)
{
	(void)key;
	return move_active(app, page_rows(app));
}
static unsigned k_home(App *app, int key) { (void)key; return move_active(app, MOVE_HOME); }
static unsigned k_end(App *app, int key) { (void)key; return move_active(app, MOVE_END); }

unsigned keys_close_help(App *app)
{
	app->help = false;
	return ACT_REDRAW;
}

static unsigned k_enter(App *app, int key)
{
	const PaneClass *pc = PaneClass_get(app->active);

	(void)key;
	if (app->help)
		return keys_close_help(app);
	return pc != NULL && pc->enter != NULL ? pc->enter(app) : ACT_NONE;
}

static unsigned k_step(App *app, int key)
{
	SourceState st;

	if (app->help)
		return keys_close_help(app);
	if (app->view == VIEW_LIST)
		return pane_list.enter(app);
	if (app->source == NULL || app->source->ops->go == NULL) {
		App_note(app, false, "%s",
			 _("nothing runs: r runs it again, Esc goes back to the list"));
		return ACT_REDRAW;
	}
	st = app->source->ops->state(app->source->impl);
	if (st == SOURCE_AT_STEP) {
		app->source->ops->go(app->source->impl);
		(void)key;
		return ACT_REDRAW;
	}
	if (st == SOURCE_FINISHED)
		App_note(app, false, "%s", _("it has finished: r runs it again"));
	else if (!App_stepped(app) && !app->hold_all)
		App_note(app, false, "%s",
			 _("the command runs by itself: h holds it at each fork, exec and exit"));
	else
		App_note(app, false, "%s", _("on the way to the next step..."));
	return ACT_REDRAW;
}

static unsigned k_pause(App *app, int key)
{
	(void)key;
	if (app->help)
		return keys_close_help(app);
	if (app->source == NULL || app->source->ops->set_step_mode == NULL)
		return ACT_NONE;
	app->step_mode = !app->step_mode;
	app->source->ops->set_step_mode(app->source->impl, app->step_mode);
	App_note(app, false, "%s", app->step_mode ? _("paused: Space goes one step at a time")
						  : _("running: the steps follow at a pace (p pauses)"));
	return ACT_REDRAW;
}

/* + faster, - slower: run mode's pace, by a quarter each press; in a
 * watch, where there are no steps, + and - unfold and fold. */
static unsigned k_plus_minus(App *app, int key)
{
	bool faster = key == '+' || key == '=';

	if (app->help)
		return keys_close_help(app);
	if (!App_stepped(app))
		return keys_fold(app, !faster);
	if (app->source == NULL || app->source->ops->set_pace == NULL)
		return ACT_NONE;
	if (faster && app->ms_per_word > 40) {
		app->ms_per_word = app->ms_per_word * 3 / 4;
		app->pace_ms = app->pace_ms * 3 / 4;
	} else if (!faster && app->ms_per_word < 2000) {
		app->ms_per_word = app->ms_per_word * 4 / 3;
		app->pace_ms = app->pace_ms * 4 / 3;
	}
	app->source->ops->set_pace(app->source->impl, app->pace_ms, app->ms_per_word);
	app->settings.words_per_minute = 60000 / app->ms_per_word;
	App_save_settings(app);
	App_note(app, false, _("run mode: captions read at %d words a minute, at least %.1f s a step"),
		 60000 / app->ms_per_word, app->pace_ms / 1000.0);
	return ACT_REDRAW;
}

static unsigned k_ghosts(App *app, int key)
{
	(void)key;
	if (app->help)
		return keys_close_help(app);
	app->hide_ghosts = !app->hide_ghosts;
	app->settings.ghosts = !app->hide_ghosts;
	App_save_settings(app);
	App_note(app, false, "%s", app->hide_ghosts ? _("exited processes hidden (x shows them)")
						    : _("exited processes shown a while, greyed (x hides them)"));
	return ACT_REDRAW;
}

static unsigned cycle_panes(App *app, int dir)
{
	const PaneId *cycle = app->view == VIEW_RUN ? run_cycle : list_cycle;
	size_t n = app->view == VIEW_RUN ? sizeof run_cycle / sizeof run_cycle[0]
					 : sizeof list_cycle / sizeof list_cycle[0];
	size_t at = 0;

	if (app->help)
		return keys_close_help(app);
	for (size_t i = 0; i < n; i++)
		if (cycle[i] == app->active)
			at = i;
	/* Panes the layout does not show are skipped, except in the small
	 * layout, where moving to a detail pane shows it. */
	for (size_t step = 1; step <= n; step++) {
		PaneId next = cycle[(at + n + (dir > 0 ? step : n - step)) % n];
		if (next == PANE_CONSOLE && !App_console_shown(app))
			continue;
		if (app->layout.size == LAYOUT_SMALL || app->layout.shown[next] ||
		    app->layout.size == LAYOUT_TOO_SMALL) {
			app->active = next;
			if (PaneId_is_detail(next))
				app->detail = next;
			break;
		}
	}
	return ACT_REDRAW;
}

static unsigned k_travel(App *app, int key)
{
	if (app->help)
		return keys_close_help(app);
	return App_travel_step(app, key == '[' ? -1 : 1);
}

static unsigned k_tab(App *app, int key) { (void)key; return cycle_panes(app, 1); }
static unsigned k_backtab(App *app, int key) { (void)key; return cycle_panes(app, -1); }

static unsigned k_filter(App *app, int key)
{
	(void)key;
	if (app->help)
		return keys_close_help(app);
	app->prompt = PROMPT_FILTER;
	snprintf(app->prompt_text, sizeof app->prompt_text, "%s", app->filter);
	return ACT_REDRAW;
}

static unsigned k_theme(App *app, int key)
{
	const char *const *names;
	size_t n = Theme_list(&names), next;
	char skipped[256] = "";

	(void)key;
	if (n == 0) {
		App_note(app, true, "%s", _("no theme files found"));
		return ACT_REDRAW;
	}
	next = app->theme_index + 1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], app->theme.name) == 0)
			next = i + 1;
	/* A theme that does not load is passed over: t goes on to the good
	 * ones, and what is wrong with it is said once. */
	for (size_t tries = 0; tries < n; tries++, next++) {
		char err[256];
		Theme t;

		next %= n;
		if (Theme_load(&t, names[next], err, sizeof err) < 0) {
			if (!app->theme_error_noted)
				snprintf(skipped, sizeof skipped, "%s", err);
			continue;
		}
		app->theme = t;
		App_set_theme(app, NULL);
		app->theme_index = next;
		snprintf(app->settings.theme, sizeof app->settings.theme, "%s", names[next]);
		App_save_settings(app);
		if (skipped[0] != '\0') {
			app->theme_error_noted = true;
			App_note(app, true, _("theme %s (%zu of %zu); skipped: %s"), names[next], next + 1, n,
				 skipped);
		} else {
			App_note(app, false, _("theme %s (%zu of %zu)"), names[next], next + 1, n);
		}
		return ACT_REDRAW;
	}
	return ACT_REDRAW;
}

static unsigned k_screenshot(App *app, int key)
{
	char name[64], err[256], cwd[512];
	time_t now = time(NULL);
	struct tm tm;

	(void)key;
	localtime_r(&now, &tm);
	strftime(name, sizeof name, "forkscope-%Y%m%d-%H%M%S.svg", &tm);
	if (App_export_screen(app, name, err, sizeof err) < 0) {
		App_note(app, true, _("screenshot not saved: %s"), err);
		return ACT_REDRAW;
	}
	if (getcwd(cwd, sizeof cwd) != NULL)
		App_note(app, false, _("screenshot saved: %s/%s"), cwd, name);
	else
		App_note(app, false, _("screenshot saved: %s"), name);
	return ACT_REDRAW;
}

static unsigned k_help(App *app, int key)
{
	(void)key;
	app->help = !app->help;
	app->help_top = 0;
	return ACT_REDRAW;
}

enum { BACK_CONFIRM_US = 3000000 };

/* A watched pid, the machine, or a user's command that still runs. */
static bool watching_something_real(const App *app)
{
	bool real = app->opt->watch_pid != 0 || app->opt->watch_system ||
		    (app->args.scenario != NULL && app->args.scenario->takes_command) ||
		    app->args.command != NULL;

	return real && app->source != NULL &&
	       app->source->ops->state(app->source->impl) != SOURCE_FINISHED;
}

static unsigned k_back(App *app, int key)
{
	(void)key;
	if (app->help)
		return keys_close_help(app);
	if (app->ev_open) { /* an event shown in full closes first */
		app->ev_open = false;
		return ACT_REDRAW;
	}
	if (app->view == VIEW_RUN && app->filter[0] != '\0') { /* then a filter */
		app->filter[0] = '\0';
		App_note(app, false, "%s", _("filter cleared: every process shown"));
		return ACT_REDRAW;
	}
	if (app->view != VIEW_RUN)
		return ACT_NONE;
	if (watching_something_real(app) && clock_now_us() > app->back_armed_until_us) {
		/* What is watched is not ours to restart with r: ask first. */
		app->back_armed_until_us = clock_now_us() + BACK_CONFIRM_US;
		App_note(app, true, "%s",
			 _("Esc again ends this watch and goes back to the list (q quits)"));
		return ACT_REDRAW;
	}
	app->back_armed_until_us = 0;
	App_show_list(app);
	return ACT_REDRAW;
}

static unsigned k_again(App *app, int key)
{
	(void)key;
	if (app->help)
		return keys_close_help(app);
	if (app->args.scenario == NULL && app->args.command == NULL)
		return ACT_NONE;
	App_run_start(app);
	return ACT_REDRAW | ACT_RESCAN | ACT_REFOCUS;
}

static unsigned k_hold(App *app, int key)
{
	(void)key;
	if (app->help)
		return keys_close_help(app);
	if (app->source == NULL || app->source->ops->set_hold_all == NULL) {
		App_note(app, true, "%s", _("nothing runs that forkscope can hold"));
		return ACT_REDRAW;
	}
	app->hold_all = !app->hold_all;
	app->source->ops->set_hold_all(app->source->impl, app->hold_all);
	App_note(app, false, "%s",
		 app->hold_all ? _("every fork, exec and exit is now a step of its own")
			       : _("held only at the scenario's steps"));
	return ACT_REDRAW;
}

/* Back to what the step is about: its process in the tree and the panes,
 * its FD and signal set marked. */
static unsigned k_focus(App *app, int key)
{
	const StepFocus *f;
	char pid[32];

	(void)key;
	if (app->help)
		return keys_close_help(app);
	if (app->session == NULL)
		return ACT_NONE;
	app->focus_pinned = false;
	f = App_step_focus(app);
	if (f == NULL) {
		App_note(app, false, "%s", _("the detail panes follow the steps"));
		return ACT_REDRAW | ACT_RESCAN | ACT_REFOCUS;
	}
	/* Rescanned here, to name the focus: the loop need not do it again. */
	App_rescan(app, true);
	App_note(app, false, _("focus: %s, pid %s"), _(StepFocus_label(f, app->session, app->focus_pid)),
		 StableIds_pid(&app->ids, app->focus_pid, pid, sizeof pid));
	return ACT_REDRAW;
}

static const KeyBinding bindings[] = {
	/* j and k move in the scenario list only: in a run, k signals (htop). */
	{ { KEY_UP, 'k', 0 }, "Up/k", NULL,
	  N_("move up (in the page map: the previous mapping); k only in the scenario list"),
	  WHEN_LIST, k_up },
	{ { KEY_UP, 0 }, "Up", NULL, NULL, WHEN_RUN, k_up },
	{ { KEY_DOWN, 'j', 0 }, "Down/j", NULL,
	  N_("move down (in the page map: the next mapping); j only in the scenario list"),
	  WHEN_LIST, k_down },
	{ { KEY_DOWN, 0 }, "Down", NULL, NULL, WHEN_RUN, k_down },
	{ { KEY_PPAGE, 0 }, "PgUp", NULL, N_("a page up"), WHEN_ANY, k_page_up },
	{ { KEY_NPAGE, 0 }, "PgDn", NULL, N_("a page down"), WHEN_ANY, k_page_down },
	{ { KEY_HOME, 'g', 0 }, "Home/g", NULL, N_("the first row"), WHEN_ANY, k_home },
	{ { KEY_END, 'G', 0 }, "End/G", NULL, N_("the last row (events: follow the newest)"),
	  WHEN_ANY, k_end },
	{ { '\n', '\r', KEY_ENTER, 0 }, "Enter", N_("run"),
	  N_("list: run the scenario; tree: keep the detail panes on this process; memory: show "
	     "this mapping in the page map; events: the event in full, its arguments, return "
	     "value and errno (Enter or Esc closes it)"), WHEN_LIST, k_enter },
	{ { '\n', '\r', KEY_ENTER, 0 }, "Enter", N_("select"), NULL, WHEN_RUN, k_enter },
	{ { ' ', 0 }, "Space", N_("step"),
	  N_("go on to the next step (in the list: run the scenario)"), WHEN_ANY | WHEN_STEPS,
	  k_step },
	{ { 'p', 0 }, "p", N_("run/pause"), N_("run the steps at a pace, or pause at each one"),
	  WHEN_RUN | WHEN_STEPS, k_pause },
	{ { '+', '=', 0 }, "+/-", NULL,
	  N_("run mode: faster or slower; a step stays long enough to read its caption. In a "
	     "watch (-p, --system, -- CMD): + shows the selected process's subtree, - folds it "
	     "into its row"), WHEN_RUN, k_plus_minus },
	{ { '-', 0 }, "-", NULL, NULL, WHEN_RUN, k_plus_minus },
	{ { 'o', KEY_F(6), 0 }, "o/F6", NULL,
	  N_("the tree's order of siblings: as they appeared, by pid, by start time, by CPU%, by "
	     "RSS (the tree keeps its shape)"), WHEN_RUN, k_order },
	{ { '%', 0 }, "%", NULL,
	  /* xgettext:no-c-format */
	  N_("show or hide the tree's CPU% and RSS columns"), WHEN_RUN,
	  k_columns },
	{ { '\t', 0 }, "Tab", N_("pane"), N_("next pane"), WHEN_ANY, k_tab },
	{ { KEY_BTAB, 0 }, "S-Tab", NULL, N_("previous pane"), WHEN_ANY, k_backtab },
	{ { '/', 0 }, "/", N_("filter"),
	  N_("filter the tree by pid, name or command line (Esc or an empty line: no filter)"),
	  WHEN_RUN, k_filter },
	{ { 'n', 0 }, "n/N", NULL, N_("select the next (N: the previous) process the filter matches"),
	  WHEN_RUN, k_match },
	{ { 'N', 0 }, "N", NULL, NULL, WHEN_RUN, k_match },
	{ { 'k', 0 }, "k", NULL,
	  N_("send a signal to the selected process: choose it (TERM, KILL, INT, HUP, STOP, "
	     "CONT, USR1, USR2), then y confirms"), WHEN_RUN, k_signal },
	{ { 'f', 0 }, "f", N_("focus"),
	  N_("back to what the step is about: its process selected in the tree and the detail "
	     "panes, its FD and signal set marked (moving the selection leaves it)"),
	  WHEN_RUN, k_focus },
	{ { 'x', 0 }, "x", NULL, N_("hide or show the processes that have exited (ghosts)"), WHEN_RUN,
	  k_ghosts },
	{ { 'h', 0 }, "h", NULL,
	  N_("hold at every fork, exec and exit, not only at the steps (again: only at the "
	     "steps)"), WHEN_RUN, k_hold },
	{ { 'r', 0 }, "r", NULL, N_("run the scenario again"), WHEN_RUN, k_again },
	{ { KEY_ESC, KEY_BACKSPACE, 0 }, "Esc", N_("list"),
	  N_("back to the scenario list (ends the run; in a watch, a second Esc confirms); first "
	     "closes an event shown in full, then clears a filter"),
	  WHEN_RUN, k_back },
	{ { 't', 0 }, "t", N_("theme"), N_("next theme"), WHEN_ANY, k_theme },
	{ { 's', 0 }, "s", N_("save"),
	  N_("save the screen as forkscope-DATE-TIME.svg in this directory"), WHEN_ANY,
	  k_screenshot },
	{ { '?', KEY_F(1), 0 }, "?/F1", N_("help"), N_("this help (again or Esc: close it)"),
	  WHEN_ANY, k_help },
	{ { '[', 0 }, "[/]", N_("back"),
	  N_("the time cursor: one event back ([) or on (]); every pane shows the state as of that "
	     "event (the tree as it was, the detail panes from what was read while the process was "
	     "held there); ] past the newest, or End in the events pane, is live again, Home the "
	     "first event"), WHEN_RUN, k_travel },
	{ { ']', 0 }, "]", NULL, NULL, WHEN_RUN, k_travel },
	{ { 'b', 0 }, "b", N_("breaks"),
	  N_("the breakpoint list (exec:PATTERN, exec~REGEX, fork, exit:PATTERN): a adds, Space "
	     "turns one on or off, d deletes, any other key closes it"), WHEN_RUN, k_breaks },
	{ { 'c', 0 }, "c", NULL, N_("resume the selected process held at a breakpoint"), WHEN_RUN,
	  k_resume },
	{ { 'C', 0 }, "C", NULL, N_("resume every process held at a breakpoint"), WHEN_RUN,
	  k_resume_all },
	{ { 'D', 0 }, "D", NULL,
	  N_("leave the selected held process stopped and untraced, and run --on-break's command "
	     "with its pid (a debugger attaches to it)"), WHEN_RUN, k_detach },
	{ { KEY_CTRL_RBRACKET, 0 }, "Ctrl-]", N_("terminal"),
	  N_("the keyboard to the terminal pane of a command run with forkscope -- CMD (there, "
	     "Ctrl-] gives it back to forkscope's keys); a click on a pane moves it too"),
	  WHEN_RUN, k_console },
	{ { 'T', 0 }, "T", NULL, N_("hide or show the terminal pane (the command runs on)"),
	  WHEN_RUN, k_console_hide },
	{ { 'q', KEY_F(10), 0 }, "q/F10", N_("quit"),
	  N_("quit (a running demo is ended first; a command you started: asks whether to end "
	     "it or leave it running, unless --kill said)"),
	  WHEN_ANY, k_quit },
};

size_t keys_binding_count(void)
{
	return sizeof bindings / sizeof bindings[0];
}

const KeyBinding *keys_binding_at(size_t i)
{
	return i < keys_binding_count() ? &bindings[i] : NULL;
}

/* ---- the line editor of the status line ---- */

static void prompt_changed(App *app)
{
	if (app->prompt == PROMPT_FILTER)
		snprintf(app->filter, sizeof app->filter, "%s", app->prompt_text);
}

static unsigned prompt_accept(App *app)
{
	PromptKind kind = app->prompt;

	app->prompt = PROMPT_NONE;
	if (kind == PROMPT_BREAK) {
		app->prompt = kind;
		return keys_break_add(app);
	}
	if (kind == PROMPT_FILTER) {
		prompt_changed(app);
		if (app->filter[0] != '\0')
			App_note(app, false, _("filter %s: n and N go from match to match, Esc clears it"),
				 app->filter);
		return ACT_REDRAW;
	}
	snprintf(app->command_line, sizeof app->command_line, "%s", app->prompt_text);
	if (App_split_command(app) < 0) {
		App_note(app, true, "%s",
			 _("type a command line, e.g. make -j4 (quotes group words)"));
		return ACT_REDRAW;
	}
	App_run_start(app);
	return ACT_REDRAW | ACT_RESCAN | ACT_REFOCUS;
}

static unsigned prompt_key(App *app, int key)
{
	size_t len = strlen(app->prompt_text);

	if (app->prompt == PROMPT_SIGNAL || app->prompt == PROMPT_SIGNAL_CONFIRM)
		return keys_signal_prompt(app, key);
	switch (key) {
	case '\n': case '\r': case KEY_ENTER:
		return prompt_accept(app);
	case KEY_ESC:
		/* As htop's filter: Esc leaves it with no filter. */
		if (app->prompt == PROMPT_FILTER)
			app->filter[0] = '\0';
		app->prompt = PROMPT_NONE;
		return ACT_REDRAW;
	case KEY_BACKSPACE: case 127: case 8:
		/* Remove one character: its UTF-8 continuation bytes too. */
		while (len > 0 && ((unsigned char)app->prompt_text[len - 1] & 0xc0) == 0x80)
			len--;
		if (len > 0)
			len--;
		app->prompt_text[len] = '\0';
		prompt_changed(app);
		return ACT_REDRAW;
	case KEY_CTRL_U:
		app->prompt_text[0] = '\0';
		prompt_changed(app);
		return ACT_REDRAW;
	default:
		if (key >= 0x20 && key <= 0xff && key != 0x7f && len + 1 < sizeof app->prompt_text) {
			app->prompt_text[len] = (char)key;
			app->prompt_text[len + 1] = '\0';
			prompt_changed(app);
			return ACT_REDRAW;
		}
		return ACT_NONE;
	}
}

/* ---- the mouse ---- */

static unsigned mouse_key(App *app, int key)
{
	MEVENT ev;
	PaneId pane;
	const PaneClass *pc;

	/* The report is read in any case: left in the input, an SGR one
	 * would be typed into a prompt. */
	if (!Term_mouse(key, &ev) || app->prompt != PROMPT_NONE)
		return ACT_NONE;
	if (app->help) /* a click anywhere closes the help, the wheel scrolls it */
		return ev.bstate & BUTTON1_PRESSED ? keys_close_help(app)
		     : ev.bstate & BUTTON4_PRESSED ? move_active(app, -WHEEL_ROWS)
		     : ev.bstate & BUTTON5_PRESSED ? move_active(app, WHEEL_ROWS) : ACT_NONE;
	/* A click on a key hint in the status line presses that key. */
	if (ev.y == app->layout.status.y && (ev.bstate & BUTTON1_PRESSED)) {
		for (int i = 0; i < app->nhints; i++)
			if (ev.x >= app->hints[i].x0 && ev.x < app->hints[i].x1)
				return keys_handle(app, app->hints[i].key);
		return ACT_NONE;
	}
	pane = Layout_pane_at(&app->layout, ev.y, ev.x);
	if (pane == PANE_COUNT || (pc = PaneClass_get(pane)) == NULL)
		return ACT_NONE;
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		int delta = ev.bstate & BUTTON4_PRESSED ? -WHEEL_ROWS : WHEEL_ROWS;
		return pc->move_by(app, delta);
	}
	if (ev.bstate & BUTTON1_PRESSED) {
		unsigned act = ACT_REDRAW;
		app->active = pane;
		app->console_keys = false; /* the terminal pane's click takes them again */
		if (PaneId_is_detail(pane))
			app->detail = pane;
		if (pc->click != NULL)
			act |= pc->click(app, ev.y - Rect_inner(app->layout.pane[pane]).y);
		return act;
	}
	return ACT_NONE;
}

unsigned keys_handle(App *app, int key)
{
	unsigned when = app->view == VIEW_RUN ? WHEN_RUN : WHEN_LIST;

	if (Term_is_mouse_key(key))
		return mouse_key(app, key);
	if (app->prompt == PROMPT_QUIT)
		return keys_quit_prompt(app, key);
	if (app->console_keys && app->prompt == PROMPT_NONE && !app->help)
		return keys_console_key(app, key);
	if (app->breaks_open && app->prompt == PROMPT_NONE && !app->help)
		return keys_breaks_list(app, key);
	if (app->prompt != PROMPT_NONE)
		return prompt_key(app, key);
	if (key == KEY_RESIZE)
		return ACT_REDRAW;
	for (size_t i = 0; i < keys_binding_count(); i++) {
		const KeyBinding *b = &bindings[i];
		if (!(b->when & when))
			continue;
		for (size_t k = 0; k < sizeof b->keys / sizeof b->keys[0] && b->keys[k] != 0; k++)
			if (b->keys[k] == key)
				return b->handler(app, key);
	}
	if (app->help)
		return keys_close_help(app);
	return ACT_NONE;
}
