/*
 * The headless screenshot (ui_screenshot): the same App and the same
 * drawing as the interactive program, into a curses screen made with
 * newterm() on /dev/null at the size asked for, so no terminal is needed.
 * The scenario runs with the Runner in step mode up to step K; then the
 * screen is drawn once and its cells are handed to the exporter, which
 * reads them from curses (what was drawn, not escape sequences).
 *
 * Step 0 is the scenario list (with the scenario selected), -1 the help.
 *
 * An animation (ui_screenshot_animated) is the same run carried to its
 * end: at each step, and once after the last, the screen is drawn and
 * captured as a still of that moment would be, so frame K is the still of
 * --step K (and the last frame the still of --step NSTEPS+1, the finished
 * run). Each frame stays long enough to read its step's caption.
 */
#include "ui/ui.h"

#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <time.h>

#include "base/i18n.h"
#include "base/clock.h"
#include "scenario/runner.h"
#include "ui/app.h"
#include "ui/export/export.h"

enum { RUN_TIMEOUT_US = 60000000, PUMP_MS = 200 };
/* A frame of an animation stays at least FRAME_MIN_MS, longer for a long
 * caption: a little slower than run mode's pace, as nobody can pause it. */
enum { FRAME_MIN_MS = 3000, FRAME_MS_PER_WORD = 250 };

/* Curses wants a multibyte locale for the UTF-8 line drawing: when the
 * environment's is not one, C.UTF-8 is tried before falling back to ASCII. */
static bool screenshot_locale_utf8(bool want_ascii)
{
	if (text_locale_is_utf8())
		return true;
	if (want_ascii)
		return false;
	return setlocale(LC_CTYPE, "C.UTF-8") != NULL && text_locale_is_utf8();
}

typedef struct Headless {
	FILE *out, *in;
	SCREEN *screen;
} Headless;

static bool Headless_open(Headless *h, int cols, int rows, char *err, size_t errlen)
{
	static const char *const terms[] = { "xterm-256color", "xterm", "vt100" };

	memset(h, 0, sizeof *h);
	h->out = fopen("/dev/null", "w");
	h->in = fopen("/dev/null", "r");
	if (h->out == NULL || h->in == NULL) {
		snprintf(err, errlen, "%s", _("cannot open /dev/null"));
		return false;
	}
	for (size_t i = 0; i < sizeof terms / sizeof terms[0] && h->screen == NULL; i++)
		h->screen = newterm(terms[i], h->out, h->in);
	if (h->screen == NULL) {
		snprintf(err, errlen, "%s",
			 _("no terminal description to draw with (install ncurses-base)"));
		return false;
	}
	set_term(h->screen);
	resize_term(rows, cols);
	return true;
}

static void Headless_close(Headless *h)
{
	if (h->screen != NULL) {
		endwin();
		delscreen(h->screen);
	}
	if (h->out != NULL)
		fclose(h->out);
	if (h->in != NULL)
		fclose(h->in);
}

/* Runs the scenario up to the boundary of step K (or its end). */
static int run_to_step(App *app, int step, char *err, size_t errlen)
{
	LiveSource *src;
	uint64_t deadline = clock_now_us() + RUN_TIMEOUT_US;

	if (App_run_start(app) < 0) {
		snprintf(err, errlen, "%s", app->message);
		return -1;
	}
	src = app->source;
	for (;;) {
		SourceState st = src->ops->pump(src->impl, PUMP_MS);
		if (st == SOURCE_FINISHED)
			break;
		if (st == SOURCE_AT_STEP) {
			if (src->ops->step(src->impl) >= step)
				break;
			/* Look at each step on the way, as a person stepping
			 * does: the page map tells a copied page from one that
			 * was always exclusive only if it saw it shared. */
			App_after_pump(app);
			App_rescan(app, true);
			src->ops->go(src->impl);
		}
		if (clock_now_us() > deadline) {
			snprintf(err, errlen, _("the scenario did not reach step %d within %d s"), step,
				 RUN_TIMEOUT_US / 1000000);
			return -1;
		}
	}
	App_after_pump(app);
	App_rescan(app, true);
	/* A screenshot is not a place for the "finished" note. */
	app->message[0] = '\0';
	return 0;
}

static bool size_fits(int cols, int rows)
{
	if (cols >= LAYOUT_MIN_COLS && rows >= LAYOUT_MIN_ROWS && cols <= 1000 && rows <= 500)
		return true;
	fprintf(stderr, _("forkscope: a screenshot is %dx%d to 1000x500 cells, not %dx%d\n"),
		LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS, cols, rows);
	return false;
}

/* The App and the headless screen it draws on, with the theme applied. */
static bool screenshot_open(App *app, Headless *h, const UiOptions *opt, int cols, int rows,
			    char *err, size_t errlen)
{
	setlocale(LC_ALL, "");
	App_init(app, opt, !screenshot_locale_utf8(opt->ascii), true);
	if (!Headless_open(h, cols, rows, err, errlen))
		return false;
	App_set_theme(app, NULL);
	if (app->message_is_error) {
		snprintf(err, errlen, "%s", app->message);
		return false;
	}
	return true;
}

static int screenshot_close(App *app, Headless *h, int rc, const char *err)
{
	App_done(app);
	Headless_close(h);
	if (rc != 0)
		fprintf(stderr, "forkscope: %s\n", err);
	return rc;
}

int ui_screenshot(const UiOptions *opt, const char *file, int step, int cols, int rows)
{
	char err[512] = "";
	ExportGrid *grid = NULL;
	Headless h = {0};
	App app;
	int rc = 1;

	if (ExportFormat_for(file) < 0) {
		fprintf(stderr, _("forkscope: %s: a screenshot is .svg, .html or .txt\n"), file);
		return 1;
	}
	if (!size_fits(cols, rows))
		return 1;
	if (step > 0 && opt->start == NULL) {
		fputs(_("forkscope: --step needs --scenario ID (or -- COMMAND)\n"), stderr);
		return 1;
	}
	if (!screenshot_open(&app, &h, opt, cols, rows, err, sizeof err))
		goto out;
	if (step == -1)
		app.help = true;
	if (step > 0 && run_to_step(&app, step, err, sizeof err) < 0)
		goto out;
	App_draw(&app);
	grid = ExportGrid_capture(stdscr);
	if (grid == NULL)
		snprintf(err, sizeof err, "%s", _("nothing was drawn"));
	else if (ExportGrid_write(grid, file, err, sizeof err) == 0)
		rc = 0;
out:
	ExportGrid_delete(grid);
	return screenshot_close(&app, &h, rc, err);
}

/* How long the frame of a step stays: its caption's reading time. The
 * finished run (step 0 here) repeats the last caption: the floor. */
static int frame_dwell_ms(const App *app, int step)
{
	const Scenario *sc = app->args.scenario;
	const char *caption = "";

	if (sc != NULL && step >= 1 && step <= sc->nsteps)
		caption = sc->steps[step - 1].caption;
	else if (step > 0 && app->session != NULL)
		caption = app->session->caption;
	return caption_reading_ms(caption, FRAME_MIN_MS, FRAME_MS_PER_WORD);
}

/* What drawing changes in the App: where each pane is scrolled, the
 * tree's remembered row and cursor, the events seen, the FD pane's reveal,
 * and the passing note a still leaves out. A still draws once; an
 * animation draws at every step and puts these back after each draw, so
 * that the run goes on from the state a still of a later step starts from
 * and frame K is drawn exactly as the still of step K. */
typedef struct DrawState {
	PaneScroll scroll[PANE_COUNT];
	PaneId active;
	int help_top, tree_row_offset, ev_from_bottom;
	pid_t tree_row_pid, cursor_pid;
	bool reveal_fd;
	size_t ev_seen;
	char message[sizeof ((App *)0)->message];
} DrawState;

static void DrawState_save(DrawState *d, const App *app)
{
	memcpy(d->scroll, app->scroll, sizeof d->scroll);
	d->active = app->active;
	d->help_top = app->help_top;
	d->tree_row_offset = app->tree_row_offset;
	d->ev_from_bottom = app->ev_from_bottom;
	d->tree_row_pid = app->tree_row_pid;
	d->cursor_pid = app->cursor_pid;
	d->reveal_fd = app->reveal_fd;
	d->ev_seen = app->ev_seen;
	memcpy(d->message, app->message, sizeof d->message);
}

static void DrawState_restore(const DrawState *d, App *app)
{
	memcpy(app->scroll, d->scroll, sizeof d->scroll);
	app->active = d->active;
	app->help_top = d->help_top;
	app->tree_row_offset = d->tree_row_offset;
	app->ev_from_bottom = d->ev_from_bottom;
	app->tree_row_pid = d->tree_row_pid;
	app->cursor_pid = d->cursor_pid;
	app->reveal_fd = d->reveal_fd;
	app->ev_seen = d->ev_seen;
	memcpy(app->message, d->message, sizeof d->message);
}

/* Looks at the moment as run_to_step does before a still, draws it as the
 * still would be drawn, and adds it as a frame. */
static int add_frame(App *app, ExportFrames *frames, int step, char *err, size_t errlen)
{
	DrawState before;
	ExportGrid *grid;

	App_after_pump(app);
	App_rescan(app, true);
	DrawState_save(&before, app);
	app->message[0] = '\0';
	App_draw(app);
	grid = ExportGrid_capture(stdscr);
	DrawState_restore(&before, app);
	if (grid == NULL) {
		snprintf(err, errlen, "%s", _("nothing was drawn"));
		return -1;
	}
	ExportFrames_add(frames, grid, frame_dwell_ms(app, step));
	return 0;
}

/* Runs the scenario to its end, a frame at each step and one after. */
static int run_capturing(App *app, ExportFrames *frames, char *err, size_t errlen)
{
	uint64_t deadline = clock_now_us() + RUN_TIMEOUT_US;
	LiveSource *src;

	if (App_run_start(app) < 0) {
		snprintf(err, errlen, "%s", app->message);
		return -1;
	}
	src = app->source;
	for (;;) {
		SourceState st = src->ops->pump(src->impl, PUMP_MS);
		if (st == SOURCE_AT_STEP || st == SOURCE_FINISHED) {
			int step = st == SOURCE_AT_STEP ? src->ops->step(src->impl) : 0;
			if (add_frame(app, frames, step, err, errlen) < 0)
				return -1;
			if (st == SOURCE_FINISHED)
				return 0;
			src->ops->go(src->impl);
			deadline = clock_now_us() + RUN_TIMEOUT_US;
		} else if (clock_now_us() > deadline) {
			snprintf(err, errlen, _("the scenario did not reach its next step within %d s"),
				 RUN_TIMEOUT_US / 1000000);
			return -1;
		}
	}
}

int ui_screenshot_animated(const UiOptions *opt, const char *file, int cols, int rows)
{
	char err[512] = "";
	ExportFrames frames;
	Headless h = {0};
	App app;
	int rc = 1;

	if (ExportFrames_format_for(file) < 0) {
		fprintf(stderr, _("forkscope: %s: an animation is .svg or .cast\n"), file);
		return 1;
	}
	if (!size_fits(cols, rows))
		return 1;
	if (opt->start == NULL) {
		fputs(_("forkscope: --animate needs --scenario ID\n"), stderr);
		return 1;
	}
	ExportFrames_init(&frames);
	if (opt->start->scenario != NULL)
		frames.title = _(opt->start->scenario->title);
	/* A stable recording has no date, so that making it again changes nothing. */
	frames.timestamp = opt->stable ? 0 : (long long)time(NULL);
	if (screenshot_open(&app, &h, opt, cols, rows, err, sizeof err) &&
	    run_capturing(&app, &frames, err, sizeof err) == 0 &&
	    ExportFrames_write(&frames, file, err, sizeof err) == 0)
		rc = 0;
	ExportFrames_done(&frames);
	return screenshot_close(&app, &h, rc, err);
}
