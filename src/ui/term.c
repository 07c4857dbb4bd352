/*
 * The terminal (see term.h). Handlers for SIGWINCH, SIGINT, SIGTERM and
 * SIGHUP are installed before curses starts, so curses does not install its
 * own; each handler stores into a sig_atomic_t and returns. The previous
 * dispositions are put back in Term_done, so a signal after it ends the
 * process the ordinary way.
 */
#include "ui/term.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/xalloc.h"

static volatile sig_atomic_t resize_pending;
static volatile sig_atomic_t quit_signal;

static const int handled_signals[] = { SIGWINCH, SIGINT, SIGTERM, SIGHUP };
enum { NSIGNALS = sizeof handled_signals / sizeof handled_signals[0] };
static struct sigaction previous[NSIGNALS];
static bool handlers_installed;
static SCREEN *screen;

static void on_signal(int signo)
{
	if (signo == SIGWINCH)
		resize_pending = 1;
	else
		quit_signal = signo;
}

static void handlers_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < NSIGNALS; i++)
		sigaction(handled_signals[i], &sa, &previous[i]);
	handlers_installed = true;
}

static void handlers_restore(void)
{
	if (!handlers_installed)
		return;
	for (int i = 0; i < NSIGNALS; i++)
		sigaction(handled_signals[i], &previous[i], NULL);
	handlers_installed = false;
}

static void fatal_hook(void)
{
	Term_done();
}

static void at_exit(void)
{
	Term_done();
}

bool Term_init(char *err, unsigned errlen)
{
	static bool atexit_done;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(err, errlen, "%s", _("the interactive program needs a terminal "
					      "(for a picture without one: --screenshot FILE)"));
		return false;
	}
	handlers_install();
	screen = newterm(NULL, stdout, stdin);
	if (screen == NULL) {
		handlers_restore();
		snprintf(err, errlen, _("cannot use the terminal '%s'"),
			 getenv("TERM") ? getenv("TERM") : _("(TERM not set)"));
		return false;
	}
	set_term(screen);
	xalloc_set_fatal_hook(fatal_hook);
	if (!atexit_done) {
		atexit(at_exit);
		atexit_done = true;
	}
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	return true;
}

void Term_done(void)
{
	if (screen != NULL) {
		curs_set(1);
		endwin();
		delscreen(screen);
		screen = NULL;
		fflush(stdout);
	}
	handlers_restore();
}

bool Term_active(void)
{
	return screen != NULL;
}

int Term_quit_signal(void)
{
	return quit_signal;
}

bool Term_resize(void)
{
	struct winsize ws;

	if (!resize_pending)
		return false;
	resize_pending = 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	return true;
}

int Term_poll(struct pollfd *fds, nfds_t n, int timeout_ms)
{
	sigset_t block, old;
	struct timespec ts, *tsp = NULL;
	int rc;

	sigemptyset(&block);
	for (int i = 0; i < NSIGNALS; i++)
		sigaddset(&block, handled_signals[i]);
	sigprocmask(SIG_BLOCK, &block, &old);
	if (resize_pending || quit_signal) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		return 0;
	}
	if (timeout_ms >= 0) {
		ts.tv_sec = timeout_ms / 1000;
		ts.tv_nsec = (long)(timeout_ms % 1000) * 1000000L;
		tsp = &ts;
	}
	rc = ppoll(fds, n, tsp, &old);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (rc < 0 && errno == EINTR)
		rc = 0;
	return rc;
}
