/*
 * The interactive program: the App's life (runs, focus, themes, the
 * drawing of a frame). The main loop that drives it is app_loop.c's.
 */
#include "ui/app.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/clock.h"
#include "base/xalloc.h"
#include "record/recording.h"
#include "scenario/runner.h"
#include "ui/export/export.h"
#include "ui/format/format.h"
#include "ui/keys.h"
#include "ui/keys_internal.h"
#include "ui/console/console.h"
#include "ui/pane/pane.h"
#include "ui/term.h"
#include "ui/travel.h"

/* forkscope.conf: what the command line did not say. A screenshot is made
 * the same way for everyone: it reads none. */
static void take_settings(App *app)
{
	char err[600];

	Settings_init(&app->settings);
	app->settings_on = !app->opt->no_config && !app->headless;
	if (!app->settings_on)
		return;
	if (Settings_load(&app->settings, err, sizeof err) < 0)
		App_note(app, true, "%s", err);
	if (app->settings.refresh_tenths > 0 && app->opt->delay_tenths <= 0)
		app->delay_ms = app->settings.refresh_tenths * 100;
	if (app->settings.words_per_minute > 0) {
		app->ms_per_word = 60000 / app->settings.words_per_minute;
		app->pace_ms = app->ms_per_word * 6; /* the least stay, as 1.5 s is to 250 ms */
	}
	if (app->settings.ghosts >= 0)
		app->hide_ghosts = app->settings.ghosts == 0;
	if (app->settings.sort >= 0)
		app->tree_order = (TreeOrder)app->settings.sort;
	if (app->settings.columns >= 0)
		app->tree_columns = (unsigned)app->settings.columns;
}

void App_save_settings(App *app)
{
	char err[600];

	if (app->settings_on && Settings_save(&app->settings, err, sizeof err) < 0)
		App_note(app, true, "%s", err);
}

static void console_close(App *app);

/* --record: this run, written to the file as it goes. */
static void record_run(App *app)
{
	RecordingInfo info = { .t0_us = clock_now_us(), .what = app->source->label,
			       .scenario = app->source->scenario != NULL ? app->source->scenario->id : NULL };
	char err[256];

	app->recorder = Recorder_open(app->opt->record, app->session, &info, err, sizeof err);
	if (app->recorder == NULL)
		App_note(app, true, "%s", err);
}

static void record_stop(App *app)
{
	char err[256];

	if (app->recorder != NULL && Recorder_close(app->recorder, err, sizeof err) < 0)
		App_note(app, true, "%s", err);
	app->recorder = NULL;
}

void App_init(App *app, const UiOptions *opt, bool ascii, bool headless)
{
	char err[256];

	memset(app, 0, sizeof *app);
	app->opt = opt;
	app->view = VIEW_LIST;
	app->active = PANE_LIST;
	app->detail = PANE_MEMORY;
	app->step_mode = opt->step_mode;
	app->pace_ms = 1500;
	app->ms_per_word = 250; /* 240 words a minute: a careful reading */
	app->signal_pidfd = -1;
	app->ascii = ascii;
	app->headless = headless;
	app->monochrome = opt->monochrome;
	app->g = glyphs_get(ascii);
	app->delay_ms = (opt->delay_tenths > 0 ? opt->delay_tenths : 10) * 100;
	for (int p = 0; p < PANE_COUNT; p++)
		app->scroll[p].cursor = -1;
	app->scroll[PANE_LIST].cursor = 0;
	app->scroll[PANE_MEMORY].cursor = 0;
	Draw_set_glyphs(app->g);
	StableIds_init(&app->ids, opt->stable, getpid(), runner_demo_path());
	take_settings(app);
	if (Theme_load(&app->theme, opt->theme != NULL ? opt->theme
				    : app->settings.theme[0] ? app->settings.theme : NULL,
		       err, sizeof err) < 0) {
		Theme_builtin_default(&app->theme);
		/* A screenshot stops on this error instead (see screenshot.c). */
		if (headless)
			App_note(app, true, "%s", err);
		else
			App_note(app, true, _("%s; using the default theme"), err);
	}
	if (opt->start != NULL) {
		app->args = *opt->start;
		for (size_t i = 0; i < scenario_count(); i++)
			if (scenario_at(i) == opt->start->scenario)
				app->list_cursor = i;
	}
}

void App_done(App *app)
{
	App_run_stop(app);
	console_close(app);
	Session_delete(app->session);
	app->session = NULL;
	Session_delete(app->left_session);
	app->left_session = NULL;
	StableIds_done(&app->ids);
}

void App_note(App *app, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(app->message, sizeof app->message, fmt, ap);
	va_end(ap);
	app->message_is_error = error;
	app->message_until_us = clock_now_us() + MESSAGE_US;
}

int App_set_theme(App *app, const char *name)
{
	char err[256];
	Theme t;

	if (name != NULL) {
		if (Theme_load(&t, name, err, sizeof err) < 0) {
			App_note(app, true, "%s", err);
			return -1;
		}
		app->theme = t;
	}
	Theme_apply(&app->theme, app->monochrome);
	return 0;
}

static void run_reset_view(App *app)
{
	app->view = VIEW_RUN;
	app->active = PANE_TREE;
	app->focus_pid = 0;
	app->focus_pinned = false;
	app->focus_fd = -1;
	app->focus_sigset = FOCUS_SIG_NONE;
	app->cursor_pid = 0;
	app->tree_row_pid = 0;
	app->tree_row_offset = -1;
	app->ev_from_bottom = 0;
	app->ev_open = false;
	app->ev_seen = 0;
	app->hold_all = false;
	app->travel = false;
	app->finished_noted = false;
	app->last_state = SOURCE_RUNNING;
	app->last_step = 0;
	app->last_nevents = app->last_nprocs = 0;
	app->filter[0] = '\0';
	app->nfolded = 0;
	/* The small layout opens on the chart, where a run has one. */
	if (Chart_wanted(app))
		app->detail = PANE_PAGES;
	for (int p = PANE_TREE; p < PANE_COUNT; p++) {
		app->scroll[p].top = 0;
		app->scroll[p].cursor = p == PANE_TREE || p == PANE_MEMORY ? 0 : -1;
	}
}

/* The snapshot store's cap: --snapshots, else forkscope.conf, else the
 * default; none for a screenshot (it never looks back). */
static int snapshot_mib(const App *app)
{
	if (app->headless)
		return 0;
	if (app->opt->snapshot_mib >= 0)
		return app->opt->snapshot_mib;
	/* A snapshot reads both processes in full at each stop: a watched
	 * pid (someone's busy program) takes none unless asked for. */
	if (app->opt->watch_pid != 0)
		return 0;
	return app->settings.snapshot_mib >= 0 ? app->settings.snapshot_mib : SNAPSHOT_CAP_MIB_DEFAULT;
}

/* Does this run type into a terminal: a user's command (-- CMD, with any
 * event source, or the custom scenario), on the interactive screen? */
static bool run_wants_console(const App *app)
{
	bool command = app->args.command != NULL &&
		       (app->args.scenario == NULL || app->args.scenario->takes_command);

	return !app->headless && command && app->opt->watch_pid == 0 && !app->opt->watch_system;
}

/* The terminal pane's inner size in the layout of this window. */
static void console_size(const App *app, int *rows, int *cols)
{
	LayoutWants wants = { .detail = app->detail, .watching = true, .console = true,
			      .tree_rows = 1 };
	LayoutSize size = Layout_size_for(COLS, LINES);
	int width = size == LAYOUT_SMALL ? COLS - 14 : COLS - 4;
	Layout l;

	/* As caption_lines() will count them once the run is there. */
	wants.caption_lines = (int)text_wrap(Caption_console_text(), width > 10 ? width : 10, NULL, 0);

	Layout_compute(&l, COLS, LINES, VIEW_RUN, &wants);
	*rows = l.shown[PANE_CONSOLE] ? l.pane[PANE_CONSOLE].h - 2 : 24;
	*cols = l.shown[PANE_CONSOLE] ? l.pane[PANE_CONSOLE].w - 2 : 80;
}

/* The terminal pane's terminal, once its command is reaped (closing it
 * first would hang the command up): the pane keeps the last screen until
 * another run starts or the list is shown. */
static void console_close(App *app)
{
	Console_delete(app->console);
	app->console = NULL;
	app->console_keys = false;
}

/* Opens the terminal the command will run on; false with a message. */
static bool console_open(App *app, char *err, size_t errlen)
{
	int rows, cols;

	console_size(app, &rows, &cols);
	app->console = Console_new(rows, cols);
	if (app->console == NULL) {
		snprintf(err, errlen, _("cannot open a terminal for the command: %s"), strerror(errno));
		return false;
	}
	app->args.tty_fd = Console_tty(app->console);
	return true;
}

int App_run_start(App *app)
{
	char err[256];
	LiveSource *src;
	Session *s;

	App_run_stop(app);
	console_close(app);
	app->args.tty_fd = 0;
	/* The breakpoints (--break, the b list) are asked of every traced run. */
	app->args.breaks = app->opt->breaks;
	if (run_wants_console(app) && !console_open(app, err, sizeof err)) {
		App_note(app, true, "%s", err);
		snprintf(app->run_error, sizeof app->run_error, "%s", err);
		app->run_errno = errno;
		return -1;
	}
	s = Session_new(0, GHOST_US);
	s->snaps.cap_bytes = (size_t)snapshot_mib(app) << 20;
	StableIds_reset(&app->ids);
	/* What the runner starts gets /dev/null and a pipe for its standard
	 * descriptors (TracerSpawn.stdio_fd): never the screen's terminal. */
	if (app->opt->replay != NULL)
		src = LiveSource_replay(app->opt->replay, s, err, sizeof err);
	else if (app->opt->watch_pid != 0 || app->opt->watch_system)
		src = LiveSource_watch(app->opt->watch_pid, app->opt->events, s, err, sizeof err);
	else if (app->args.scenario == NULL && app->args.command != NULL && app->opt->events != NULL &&
		 strcmp(app->opt->events, "ptrace") != 0)
		/* --events=connector or poll: the live engine starts it untraced,
		 * as batch does; ptrace commands run under the runner (holds). */
		src = LiveSource_watch_command(app->args.command, app->opt->events, app->args.tty_fd, s,
					       err, sizeof err);
	else
		src = LiveSource_scenario(&app->args, s, err, sizeof err);
	app->run_errno = errno;
	if (app->console != NULL)
		Console_started(app->console); /* the command has its own copy of the terminal */
	app->args.tty_fd = 0;
	if (src == NULL) {
		Console_delete(app->console);
		app->console = NULL;
		Session_delete(s);
		App_note(app, true, "%s", err);
		snprintf(app->run_error, sizeof app->run_error, "%s", err);
		return -1;
	}
	Session_delete(app->session);
	app->session = s;
	app->source = src;
	run_reset_view(app);
	if (src->ops->set_breaks != NULL && app->opt->breaks != NULL)
		src->ops->set_breaks(src->impl, app->opt->breaks); /* -p PID: after the attach */
	if (src->ops->set_step_mode != NULL)
		src->ops->set_step_mode(src->impl, app->step_mode);
	if (src->ops->set_pace != NULL)
		src->ops->set_pace(src->impl, app->pace_ms, app->ms_per_word);
	if (app->opt->hold_all && src->ops->set_hold_all != NULL) {
		src->ops->set_hold_all(src->impl, true);
		app->hold_all = true;
	}
	app->message[0] = '\0';
	if (app->opt->replay != NULL) {
		/* A recording has no live moment: it opens at its end. */
		App_travel_step(app, -1);
		app->message[0] = '\0';
	} else if (app->opt->record != NULL) {
		record_run(app);
	}
	/* The keyboard starts in the terminal, the command is typed into;
	 * a run in steps (custom) starts with forkscope's keys, to step. */
	App_console_keys(app, app->console != NULL && !App_stepped(app));
	return 0;
}

void App_run_stop(App *app)
{
	LiveSource_delete(app->source);
	app->source = NULL;
	record_stop(app); /* after the source: the last exits and reaps are in */
	if (app->session != NULL)
		for (size_t i = 0; i < app->session->nprocs; i++)
			app->session->procs[i].held = false;
}

void App_show_list(App *app)
{
	App_run_stop(app);
	console_close(app);
	if (app->opt->export_trace != NULL && app->session != NULL) {
		Session_delete(app->left_session);
		app->left_session = app->session;
	} else
		Session_delete(app->session);
	app->session = NULL;
	app->view = VIEW_LIST;
	app->active = PANE_LIST;
	app->prompt = PROMPT_NONE;
}

static bool record_visible(const App *app, pid_t pid)
{
	const ProcRecord *r = pid > 0 ? Session_find_const(app->session, pid) : NULL;
	return r != NULL && !r->gone;
}

/* The FD and signal set the step is about, marked in their panes. */
static void take_step_details(App *app)
{
	const StepFocus *f = App_step_focus(app);

	app->focus_fd = f != NULL ? f->fd - 1 : -1;
	app->focus_sigset = f != NULL ? f->sigset : FOCUS_SIG_NONE;
	app->reveal_fd = app->focus_fd >= 0;
}

/* The mapping the step is about, in the memory pane and the page map. */
static void take_step_mapping(App *app)
{
	const StepFocus *f = App_step_focus(app);
	const MappingList *maps = &app->session->focus.self.maps;

	if (f == NULL || f->mapping == NULL || maps->state != READ_OK)
		return;
	for (size_t i = 0; i < maps->n; i++) {
		const Mapping *m = &maps->v[i];
		if (strcmp(m->perms, f->mapping) == 0 ||
		    (m->path != NULL && m->path[0] != '\0' && strstr(m->path, f->mapping) != NULL)) {
			Session_focus_mapping(app->session, i);
			return;
		}
	}
}

/* The process the detail panes should show now. */
static pid_t focus_target(App *app)
{
	pid_t step_pid = app->source != NULL && app->source->ops->step_pid != NULL
			 ? app->source->ops->step_pid(app->source->impl) : 0;

	if (app->focus_pinned && record_visible(app, app->focus_pid))
		return app->focus_pid;
	app->focus_pinned = false;
	if (step_pid > 0 && record_visible(app, step_pid))
		return step_pid;
	if (record_visible(app, app->focus_pid))
		return app->focus_pid;
	if (record_visible(app, app->session->root))
		return app->session->root;
	/* The whole machine has no root of its own: its first process. */
	return app->session->root == 0 && record_visible(app, 1) ? 1 : 0;
}

void App_rescan(App *app, bool refocus)
{
	Session *s = app->session;
	SourceState st;
	pid_t target;
	const ProcRecord *r;

	if (s == NULL)
		return;
	app->last_rescan_us = clock_now_us();
	st = app->source != NULL ? app->source->ops->state(app->source->impl) : SOURCE_FINISHED;
	if (app->source != NULL && app->source->ops->resync != NULL)
		app->source->ops->resync(app->source->impl);
	/* Time stands still at a step and after the end: ghosts stay. */
	if (st == SOURCE_RUNNING)
		Session_expire(s, clock_now_us());
	target = refocus || !record_visible(app, app->focus_pid) ? focus_target(app) : app->focus_pid;
	if (app->opt->replay != NULL) {
		/* Nothing of it is on this machine: the panes show snapshots. */
		app->focus_pid = app->cursor_pid = target;
		return;
	}
	if (refocus)
		take_step_details(app);
	if (target != s->focus.pid) {
		Session_focus(s, target);
		if (refocus)
			take_step_mapping(app);
		/* The memory pane starts on the mapping the page map shows. */
		app->scroll[PANE_MEMORY].cursor = (int)s->focus.mapping;
	} else if (target != 0) {
		/* A process that has exited keeps its last reading, unless it is
		 * held at its exit: then /proc still shows it. */
		r = Session_find_const(s, target);
		if (r != NULL && (!r->exited || r->held))
			Session_refresh_focus(s);
		/* A new step about the same process may be about another of its
		 * mappings: the page map follows the step, not only the process. */
		if (refocus && app->source != NULL && App_step_focus(app) != NULL &&
		    App_step_focus(app)->mapping != NULL) {
			take_step_mapping(app);
			app->scroll[PANE_MEMORY].cursor = (int)s->focus.mapping;
		}
	}
	app->focus_pid = target;
	/* The selection bar and the ▸ marker are one selection. */
	if (target != 0 || !record_visible(app, app->cursor_pid))
		app->cursor_pid = target;
	StableIds_seed(&app->ids, s);
}

const StepFocus *App_step_focus(const App *app)
{
	if (app->focus_pinned || app->source == NULL || app->source->ops->step_focus == NULL)
		return NULL;
	return app->source->ops->step_focus(app->source->impl);
}

void App_select(App *app, pid_t pid)
{
	if (pid == 0)
		return;
	app->cursor_pid = pid;
	app->focus_pid = pid;
	app->focus_pinned = true;
	app->focus_fd = -1;
	app->focus_sigset = FOCUS_SIG_NONE;
}

/* A run forkscope started (scenario or -- CMD), as opposed to a watcher:
 * its processes are few, reading them is cheap. */
bool App_run_is_ours(const App *app)
{
	return App_stepped(app) || (app->source != NULL && app->source->ops->go != NULL);
}

/* Must the source be pumped as soon as it has something? A tracer stops
 * each watched process at each fork, exec and exit until it is pumped:
 * batching its events would slow the program it watches (at 50 ms a stop,
 * a fork+exec loop ran 50 times slower). */
bool App_pump_at_once(const App *app)
{
	return App_run_is_ours(app) || (app->session != NULL && app->session->source_traces);
}

/* A breakpoint that held a process since the last look: the panes go to
 * it (the newest, if several). */
static void notice_breaks(App *app)
{
	const Session *s = app->session;
	const Event *hit = NULL;
	size_t from = app->last_nevents < s->nevents ? app->last_nevents : s->nevents;

	for (size_t i = from; i < s->nevents; i++)
		if (s->events[i].kind == EV_BREAK)
			hit = &s->events[i];
	if (hit != NULL)
		keys_break_hit(app, hit);
}

unsigned App_after_pump(App *app)
{
	const Session *s = app->session;
	SourceState st;
	unsigned act = ACT_NONE;
	int step;

	if (app->source == NULL || s == NULL)
		return ACT_NONE;
	st = app->source->ops->state(app->source->impl);
	step = app->source->ops->step(app->source->impl);
	if (st != app->last_state || step != app->last_step) {
		act |= ACT_RESCAN | ACT_REDRAW;
		if (st == SOURCE_AT_STEP)
			act |= ACT_REFOCUS;
	}
	/* Events show at the next frame, not one draw each: a storm of them
	 * costs a frame per FRAME_GAP_US at most. */
	if (s->nevents != app->last_nevents || s->nprocs != app->last_nprocs)
		app->frame_due = true;
	/* A run's few new processes get their identity read soon, not at the
	 * next tick (a watcher reads the whole table at its tick). */
	if (s->nprocs != app->last_nprocs && App_run_is_ours(app) &&
	    clock_now_us() >= app->last_rescan_us + RESCAN_MIN_US)
		act |= ACT_RESCAN;
	notice_breaks(app);
	if (app->recorder != NULL)
		Recorder_sync(app->recorder);
	app->last_state = st;
	app->last_step = step;
	app->last_nevents = s->nevents;
	app->last_nprocs = s->nprocs;
	if (st == SOURCE_FINISHED && !app->finished_noted) {
		int status = app->source->ops->exit_status(app->source->impl);
		char text[64];
		if (status >= 0)
			wait_status_format_local(status, text, sizeof text);
		else
			snprintf(text, sizeof text, "%s", _("finished"));
		if (app->opt->replay != NULL)
			App_note(app, false, "%s", _("a recording: [ and ] move through it, Home and End in "
						     "the events pane go to its first and last event"));
		else
			App_note(app, status > 0,
				 App_stepped(app) ? _("the demo ended (%s): r runs it again, Esc goes back "
						      "to the list")
						  : _("the command ended (%s): r runs it again, Esc goes back "
						      "to the list"), text);
		app->finished_noted = true;
		App_run_stop(app);
		act |= ACT_REDRAW;
	}
	return act;
}

bool App_stepped(const App *app)
{
	return app->source != NULL ? app->source->scenario != NULL
				   : app->args.scenario != NULL;
}

bool App_focus_parent_known(const App *app)
{
	const Focus *f = &app->session->focus;

	return f->parent != 0 && f->parent_detail.pid != 0 &&
	       Session_find_const(app->session, f->parent) != NULL;
}

const char *App_focus_pid(App *app, char *buf, size_t len)
{
	pid_t pid = app->session->focus.pid;
	const ProcRecord *r = Session_find_const(app->session, pid);
	char id[16];

	StableIds_pid(&app->ids, pid, id, sizeof id);
	if (r != NULL && proc_exiting_held(r))
		/* TRANSLATORS: a pid in a pane's title: the process is stopped in its exit. */
		snprintf(buf, len, _("%s, exiting (held)"), id);
	else if (r != NULL && r->exited)
		/* TRANSLATORS: a pid in a pane's title; what follows is as last read. */
		snprintf(buf, len, _("%s, exited"), id);
	else
		snprintf(buf, len, "%s", id);
	return buf;
}

size_t App_tree_rows(const App *app, TreeRow **rows)
{
	size_t max = app->session->nprocs ? app->session->nprocs : 1;

	TreeView view = { .filter = app->filter, .ghosts = !app->hide_ghosts,
			  .order = app->tree_order, .folded = app->folded,
			  .nfolded = (size_t)app->nfolded };

	*rows = xcalloc(max, sizeof **rows);
	return Session_tree_view(app->session, *rows, max, &view);
}

int App_split_command(App *app)
{
	const char *in = app->command_line;
	char *out = app->command_words;
	size_t o = 0, n = 0;

	while (*in != '\0') {
		char quote = 0;
		while (*in == ' ' || *in == '\t')
			in++;
		if (*in == '\0')
			break;
		if (n + 1 >= sizeof app->command_argv / sizeof app->command_argv[0])
			return -1;
		app->command_argv[n++] = out + o;
		while (*in != '\0' && (quote || (*in != ' ' && *in != '\t'))) {
			if (!quote && (*in == '\'' || *in == '"'))
				quote = *in;
			else if (quote && *in == quote)
				quote = 0;
			else if (o + 1 < sizeof app->command_words)
				out[o++] = *in;
			in++;
		}
		if (quote)
			return -1;
		out[o++] = '\0';
		if (o >= sizeof app->command_words)
			return -1;
	}
	app->command_argv[n] = NULL;
	if (n == 0)
		return -1;
	app->args.command = app->command_argv;
	return 0;
}

/* ---- drawing ---- */

static int caption_lines(const App *app, int cols, int rows)
{
	const char *text = Caption_text(app);
	LayoutSize size = Layout_size_for(cols, rows);
	int width = size == LAYOUT_SMALL ? cols - 14 : cols - 4;

	return (int)text_wrap(text, width > 10 ? width : 10, NULL, 0);
}

bool App_console_shown(const App *app)
{
	return app->console != NULL && app->view == VIEW_RUN && !app->console_hidden &&
	       app->layout.shown[PANE_CONSOLE];
}

void App_console_keys(App *app, bool to_console)
{
	app->console_keys = to_console && app->console != NULL && !Console_ended(app->console) &&
			    !app->console_hidden;
	if (app->console_keys)
		app->active = PANE_CONSOLE;
}

/* The terminal's cursor is the screen's while the terminal has the keys;
 * forkscope's own screen has none. */
static void place_cursor(App *app)
{
	Term_raw(app->console_keys);
	if (app->console_keys && app->console_cursor_y >= 0 && !app->help &&
	    app->prompt == PROMPT_NONE) {
		move(app->console_cursor_y, app->console_cursor_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
}

/* The terminal pane's size follows its place; the command is told. */
static void console_fit(App *app)
{
	Rect r = app->layout.pane[PANE_CONSOLE];

	if (App_console_shown(app))
		Console_resize(app->console, r.h - 2, r.w - 2);
	else if (app->console_keys)
		app->console_keys = false;
}

/* The small layout shows one detail pane; its bottom border names the others. */
static void draw_tabs(App *app)
{
	Rect r = app->layout.pane[app->detail];
	char tabs[128], text[160];

	Pane_tabs(app, app->detail, tabs, sizeof tabs);
	snprintf(text, sizeof text, " %s %s %s ", _("Tab"), app->g->arrow_right, tabs);
	Draw_text(r.y + r.h - 1, r.x + 2, r.w - 18, text, ROLE_DIM);
}

static void draw_screen(App *app);

void App_draw(App *app)
{
	Session *live = app->session;
	Session *past = App_traveling(app) ? Travel_session_new(app) : NULL;
	int ev_from_bottom = app->ev_from_bottom;

	/* Said from the live log (the past one ends at the event looked at). */
	app->travel_text[0] = '\0';
	if (past != NULL)
		App_travel_status(app, app->travel_text, sizeof app->travel_text);

	/* Looking back: every pane draws the past session, whose newest event
	 * is the one looked at. */
	if (past != NULL) {
		app->session = past;
		app->ev_from_bottom = 0;
	}
	draw_screen(app);
	if (past != NULL) {
		app->session = live;
		app->ev_from_bottom = ev_from_bottom;
		Travel_session_delete(past);
	}
}

static void draw_screen(App *app)
{
	Layout *l = &app->layout;
	LayoutWants wants = { .detail = app->detail, .caption_lines = caption_lines(app, COLS, LINES),
			      .chart = Chart_wanted(app),
			      /* no steps to follow: a watch */
			      .watching = app->source != NULL && app->source->ops->go == NULL };

	if (app->session != NULL) {
		TreeRow *rows;
		wants.tree_rows = (int)App_tree_rows(app, &rows);
		free(rows);
		if (app->session->focus.self.fds.state == READ_OK)
			wants.fd_rows = (int)app->session->focus.self.fds.n;
	}
	wants.console = app->console != NULL && !app->console_hidden;
	app->console_cursor_y = app->console_cursor_x = -1;
	Layout_compute(l, COLS, LINES, app->view, &wants);
	console_fit(app);
	Draw_clear();
	if (l->size == LAYOUT_TOO_SMALL) {
		TooSmall_draw(app);
		return;
	}
	if (!l->shown[app->active] && l->size != LAYOUT_SMALL)
		app->active = app->view == VIEW_RUN ? PANE_TREE : PANE_LIST;
	for (int p = 0; p < PANE_COUNT; p++)
		if (l->shown[p])
			PaneClass_get((PaneId)p)->draw(app, l->pane[p], (int)app->active == p && !app->help);
	if (l->chart.h > 0)
		Chart_draw(app, l->chart, app->active == PANE_PAGES && !app->help);
	if (app->view == VIEW_RUN && l->size == LAYOUT_SMALL && (l->shown[app->detail] || l->chart.h > 0))
		draw_tabs(app);
	if (app->view == VIEW_RUN)
		Caption_draw(app, l->caption, l->caption_boxed);
	Status_draw(app);
	if (app->breaks_open && app->view == VIEW_RUN)
		Breaks_draw(app);
	if (app->help)
		Help_draw(app);
	if (!app->headless)
		place_cursor(app);
}

int App_export_screen(App *app, const char *path, char *err, size_t errlen)
{
	ExportGrid *grid;
	int rc;

	if (ExportFormat_for(path) < 0) {
		snprintf(err, errlen, _("%s: the name must end in .svg, .html or .txt"), path);
		return -1;
	}
	App_draw(app);
	grid = ExportGrid_capture(stdscr);
	if (grid == NULL) {
		snprintf(err, errlen, "%s", _("nothing on the screen to save"));
		return -1;
	}
	rc = ExportGrid_write(grid, path, err, errlen);
	ExportGrid_delete(grid);
	return rc;
}

/* ---- the loop ---- */
