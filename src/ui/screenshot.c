/*
 * The headless screenshot (ui_screenshot): the same App and the same
 * drawing as the interactive program, into a curses screen made with
 * newterm() on /dev/null at the size asked for, so no terminal is needed.
 * The scenario runs with the Runner in step mode up to step K; then the
 * screen is drawn once and its cells are handed to the exporter, which
 * reads them from curses (what was drawn, not escape sequences).
 *
 * Step 0 is the scenario list (with the scenario selected), -1 the help.
 */
#include "ui/ui.h"

#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/clock.h"
#include "ui/app.h"
#include "ui/export/export.h"

enum { RUN_TIMEOUT_US = 60000000, PUMP_MS = 200 };

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

int ui_screenshot(const UiOptions *opt, const char *file, int step, int cols, int rows)
{
	char err[512] = "";
	ExportGrid *grid = NULL;
	Headless h;
	App app;
	int rc = 1;

	if (ExportFormat_for(file) < 0) {
		fprintf(stderr, _("forkscope: %s: a screenshot is .svg, .html or .txt\n"), file);
		return 1;
	}
	if (cols < LAYOUT_MIN_COLS || rows < LAYOUT_MIN_ROWS || cols > 1000 || rows > 500) {
		fprintf(stderr, _("forkscope: a screenshot is %dx%d to 1000x500 cells, not %dx%d\n"),
			LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS, cols, rows);
		return 1;
	}
	if (step > 0 && opt->start == NULL) {
		fputs(_("forkscope: --step needs --scenario ID (or -- COMMAND)\n"), stderr);
		return 1;
	}
	setlocale(LC_ALL, "");
	App_init(&app, opt, !screenshot_locale_utf8(opt->ascii), true);
	if (!Headless_open(&h, cols, rows, err, sizeof err))
		goto out;
	App_set_theme(&app, NULL);
	if (app.message_is_error) {
		snprintf(err, sizeof err, "%s", app.message);
		goto out;
	}
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
	App_done(&app);
	Headless_close(&h);
	if (rc != 0)
		fprintf(stderr, "forkscope: %s\n", err);
	return rc;
}
