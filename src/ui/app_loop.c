/*
 * The one main loop of the interactive program, and ui_main around it.
 *
 * The loop: wait (Term_poll) on the keyboard and the live source's
 * descriptors, at most until the next refresh tick; handle keys (each
 * handler returns ACT_* bits); pump the source; on a tick re-read what
 * events do not tell; then rescan and redraw at most once per pass. While
 * the source waits at a step its descriptors are not polled: nothing is
 * read until Space, so a queue of reports cannot spin the loop.
 */
#include "ui/app.h"

#include <curses.h>
#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "print/trace_export.h"
#include "ui/console/console.h"
#include "ui/keys.h"
#include "ui/keys_internal.h"
#include "ui/term.h"

/* When what the source brought may be drawn: a run of ours at up to ten
 * frames a second, a watcher at its refresh interval. */
static uint64_t frame_at_us(const App *app)
{
	uint64_t gap = App_run_is_ours(app) ? FRAME_GAP_US : (uint64_t)app->delay_ms * 1000u;

	return app->last_frame_us + gap;
}

static unsigned frame_for_events(App *app, uint64_t now)
{
	return app->frame_due && now >= frame_at_us(app) ? ACT_REDRAW : ACT_NONE;
}

static int next_timeout_ms(App *app, uint64_t now)
{
	uint64_t until = app->next_tick_us;
	int ms;

	if (app->message[0] != '\0' && app->message_until_us < until)
		until = app->message_until_us;
	if (app->frame_due && frame_at_us(app) < until)
		until = frame_at_us(app);
	if (app->source != NULL && !App_pump_at_once(app) && app->next_pump_us > now &&
	    app->next_pump_us < until &&
	    app->source->ops->state(app->source->impl) == SOURCE_RUNNING)
		until = app->next_pump_us;
	ms = until > now ? (int)((until - now + 999) / 1000) : 0;
	if (app->source != NULL && !app->step_mode &&
	    app->source->ops->state(app->source->impl) == SOURCE_AT_STEP && ms > PACE_POLL_MS)
		ms = PACE_POLL_MS;
	return ms;
}

/* A watcher that does not stop processes (connector, polling) sees events
 * in storms (a make -j, a fork bomb): it is pumped at most every
 * PUMP_GAP_US, the kernel queues the rest meanwhile. Frames are drawn at
 * most every FRAME_GAP_US whatever the pumping. */
static bool source_may_pump(const App *app, uint64_t now)
{
	return app->source != NULL && app->source->ops->state(app->source->impl) == SOURCE_RUNNING &&
	       (App_pump_at_once(app) || now >= app->next_pump_us);
}

static size_t collect_fds(App *app, struct pollfd *fds, size_t max, uint64_t now)
{
	size_t n = 0;

	fds[n++] = (struct pollfd){ .fd = STDIN_FILENO, .events = POLLIN };
	fds[n++] = (struct pollfd){ .fd = app->console != NULL ? Console_fd(app->console) : -1,
				    .events = POLLIN };
	if (source_may_pump(app, now))
		n += app->source->ops->pollfds(app->source->impl, fds + n, max - n);
	return n;
}

static unsigned read_keys(App *app)
{
	unsigned act = ACT_NONE;
	int key;

	while ((key = getch()) != ERR) {
		act |= keys_handle(app, key);
		if (act & ACT_QUIT)
			break;
	}
	return act;
}

/* What the command wrote to its terminal: drawn with the next frame.
 * Once the terminal is closed everywhere the keyboard comes back. */
static unsigned read_console(App *app)
{
	if (!Console_read(app->console))
		return ACT_NONE;
	if (Console_ended(app->console) && app->console_keys) {
		app->console_keys = false;
		App_note(app, false, "%s", _("the command's terminal closed: the keys are forkscope's"));
		return ACT_REDRAW;
	}
	/* Echo is drawn at once; a flood of output at most every CONSOLE_FRAME_US. */
	if (clock_now_us() - app->last_frame_us >= CONSOLE_FRAME_US)
		return ACT_REDRAW;
	app->frame_due = true;
	return ACT_NONE;
}

static unsigned on_tick(App *app, uint64_t now)
{
	unsigned act = ACT_NONE;

	if (now < app->next_tick_us)
		return ACT_NONE;
	app->next_tick_us = now + (uint64_t)app->delay_ms * 1000u;
	if (app->source != NULL && app->source->ops->state(app->source->impl) == SOURCE_RUNNING)
		act |= ACT_RESCAN | ACT_REDRAW;
	return act;
}

static unsigned expire_message(App *app, uint64_t now)
{
	if (app->message[0] != '\0' && now >= app->message_until_us) {
		app->message[0] = '\0';
		return ACT_REDRAW;
	}
	return ACT_NONE;
}

static int main_loop(App *app)
{
	unsigned act = ACT_REDRAW | ACT_RESCAN | ACT_REFOCUS;

	for (;;) {
		struct pollfd fds[2 + MAX_SOURCE_FDS];
		uint64_t now;
		size_t n;

		if (Term_quit_signal() != 0)
			return 128 + Term_quit_signal();
		if (Term_resize())
			act |= ACT_REDRAW;
		if (act & ACT_QUIT)
			return 0;
		if (act & ACT_RESCAN)
			App_rescan(app, (act & ACT_REFOCUS) != 0);
		if (act & (ACT_REDRAW | ACT_RESCAN)) {
			App_draw(app);
			refresh();
			app->frame_due = false;
			app->last_frame_us = clock_now_us();
		}
		now = clock_now_us();
		n = collect_fds(app, fds, 2 + MAX_SOURCE_FDS, now);
		Term_poll(fds, (nfds_t)n, next_timeout_ms(app, now));
		act = ACT_NONE;
		/* The terminal went away without a SIGHUP reaching us. */
		if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			return 128 + SIGHUP;
		if (fds[0].revents != 0)
			act |= read_keys(app);
		if (fds[1].revents != 0)
			act |= read_console(app);
		if (act & ACT_QUIT)
			continue;
		now = clock_now_us();
		if (app->source != NULL && (App_pump_at_once(app) || now >= app->next_pump_us)) {
			app->source->ops->pump(app->source->impl, 0);
			app->next_pump_us = now + PUMP_GAP_US;
			act |= App_after_pump(app);
		}
		now = clock_now_us();
		act |= on_tick(app, now) | expire_message(app, now) | frame_for_events(app, now);
	}
}

/* What the command line asked for cannot start (no such pid, no such
 * command): said on the terminal, with the exit status batch gives. */
static int start_failed(App *app)
{
	bool command = app->opt->start != NULL && app->opt->start->command != NULL &&
		       app->opt->watch_pid == 0 && !app->opt->watch_system;
	int rc = command && app->run_errno == ENOENT ? 127 : 1;
	char err[sizeof app->run_error];

	snprintf(err, sizeof err, "%s", app->run_error);
	App_done(app);
	Term_done();
	fprintf(stderr, "forkscope: %s\n", err);
	return rc;
}

/* --export-trace: the session of what was watched last, the run on the
 * screen or the one left for the list. false with a message in err. */
static bool export_trace(const App *app, char *err, size_t errlen)
{
	const Session *s = app->session != NULL ? app->session : app->left_session;

	err[0] = '\0';
	if (app->opt->export_trace == NULL)
		return true;
	if (s == NULL) {
		snprintf(err, errlen, _("no trace written to %s: nothing was watched"), app->opt->export_trace);
		return false;
	}
	return trace_export_write(s, app->opt->export_trace, err, errlen) == 0;
}

int ui_main(const UiOptions *opt)
{
	char err[512];
	bool ascii, exported;
	App app;
	int rc;

	setlocale(LC_ALL, "");
	ascii = opt->ascii || !text_locale_is_utf8();
	App_init(&app, opt, ascii, false);
	if (!Term_init(err, sizeof err)) {
		fprintf(stderr, "forkscope: %s\n", err);
		App_done(&app);
		return 2;
	}
	App_set_theme(&app, NULL);
	if ((opt->start != NULL || opt->watch_pid != 0 || opt->watch_system || opt->replay != NULL) &&
	    App_run_start(&app) < 0)
		return start_failed(&app);
	app.next_tick_us = clock_now_us() + (uint64_t)app.delay_ms * 1000u;
	rc = main_loop(&app);
	/* Quitting ends a watched command, as strace does what it started,
	 * unless the user chose to leave it at q (or, when a signal ends
	 * forkscope, started it with --detach): a demo is always ended (the
	 * runner refuses to detach one). A command on the terminal pane keeps
	 * its terminal, read by a small child. */
	if ((app.quit_leave || (rc >= 128 && opt->detach_on_quit && keys_quit_can_leave(&app))) &&
	    app.source != NULL && app.source->ops->detach_on_delete != NULL) {
		app.source->ops->detach_on_delete(app.source->impl);
		if (app.console != NULL)
			Console_hand_over(app.console);
	}
	/* End the demo before giving the terminal back: nothing outlives us. */
	App_run_stop(&app);
	exported = export_trace(&app, err, sizeof err);
	App_done(&app);
	Term_done();
	if (!exported) {
		fprintf(stderr, "forkscope: %s\n", err);
		return rc != 0 ? rc : 1;
	}
	return rc;
}
