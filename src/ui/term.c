/*
 * The terminal (see term.h). Handlers for SIGWINCH, SIGINT, SIGTERM and
 * SIGHUP are installed before curses starts, so curses does not install its
 * own; each handler stores into a sig_atomic_t and returns. The previous
 * dispositions are put back in Term_done, so a signal after it ends the
 * process the ordinary way.
 *
 * The mouse at any width: the X10 report xterm started with carries a
 * column in one byte, so a click past column 223 cannot be told. SGR
 * reports (mode 1006, "ESC [ < b ; x ; y M", "m" for a release) carry
 * decimal numbers. ncurses asks for them and reads them itself only when
 * the terminfo entry's XM capability names 1006 (Debian 12's xterm entry
 * does; screen's and tmux-256color's, which tmux sets, do not). Elsewhere,
 * when the entry says the terminal reports X10 (kmous "ESC [ M"), this
 * module asks for SGR reports as well: their prefix "ESC [ <" becomes a key
 * of its own (define_key) and Term_mouse reads the rest. A terminal that
 * does not know 1006 ignores the request and goes on with X10, which
 * ncurses reads as before; the request is withdrawn in Term_done.
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
#include <term.h> /* tigetstr, putp: after the others, its macros are short words */

#include "base/i18n.h"
#include "base/xalloc.h"

static volatile sig_atomic_t resize_pending;
static volatile sig_atomic_t quit_signal;

static const int handled_signals[] = { SIGWINCH, SIGINT, SIGTERM, SIGHUP };
enum { NSIGNALS = sizeof handled_signals / sizeof handled_signals[0] };
static struct sigaction previous[NSIGNALS];
static bool handlers_installed;
static SCREEN *screen;
static bool input_raw;     /* raw() rather than cbreak() (Term_raw) */
static int sgr_key;  /* the key code of an SGR report's prefix; 0: curses reads the reports */

enum { SGR_WAIT_MS = 50 };  /* the rest of a report after its prefix: it comes in one write */

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

static bool cap_names(const char *cap, const char *what)
{
	const char *v = tigetstr(cap);

	return v != NULL && v != (char *)-1 && strstr(v, what) != NULL;
}

/* SGR reports where ncurses would ask for X10 only (see the top). */
static void mouse_sgr_begin(void)
{
	const char *kmous = tigetstr("kmous");

	sgr_key = 0;
	if (cap_names("XM", "1006") || tigetnum("XM") == 1006)
		return; /* ncurses asks for SGR and reads it */
	if (kmous == NULL || kmous == (char *)-1 || strcmp(kmous, "\033[M") != 0)
		return; /* not an xterm-like mouse: nothing to ask for */
	for (int code = KEY_MAX + 512; code < KEY_MAX + 4096; code++) {
		char *bound = keybound(code, 0);
		if (bound == NULL) {
			sgr_key = code;
			break;
		}
		free(bound);
	}
	if (sgr_key == 0 || define_key("\033[<", sgr_key) == ERR) {
		sgr_key = 0;
		return;
	}
	/* putp writes with putchar: through stdio's stdout, which curses does
	 * not flush. */
	putp("\033[?1006h");
	fflush(stdout);
}

static void mouse_sgr_end(void)
{
	if (sgr_key != 0) {
		putp("\033[?1006l");
		fflush(stdout);
	}
	sgr_key = 0;
}

bool Term_is_mouse_key(int key)
{
	return key == KEY_MOUSE || (sgr_key != 0 && key == sgr_key);
}

/* The rest of an SGR report after its prefix: "b;x;y" and M (press) or m
 * (release). Reads up to the final byte, or a byte that cannot be in a
 * report, or the end of what came. */
static bool sgr_read(MEVENT *ev)
{
	long param[3] = { 0, 0, 0 };
	int n = 0, c = ERR, digits = 0;

	wtimeout(stdscr, SGR_WAIT_MS);
	for (int i = 0; i < 24; i++) {
		c = getch();
		if (c >= '0' && c <= '9' && n < 3) {
			if (param[n] < 100000)
				param[n] = param[n] * 10 + (c - '0');
			digits++;
			continue;
		}
		if (c == ';' && n < 2) {
			n++;
			continue;
		}
		break;
	}
	nodelay(stdscr, TRUE);
	if ((c != 'M' && c != 'm') || n != 2 || digits < 3 || param[1] < 1 || param[2] < 1)
		return false;
	memset(ev, 0, sizeof *ev);
	ev->x = (int)param[1] - 1;
	ev->y = (int)param[2] - 1;
	if (c == 'm' || (param[0] & 32)) /* a release, a motion */
		return false;
	if (param[0] & 64) /* the wheel: buttons 4 and 5 */
		ev->bstate = (param[0] & 3) == 0 ? BUTTON4_PRESSED
			   : (param[0] & 3) == 1 ? BUTTON5_PRESSED : 0;
	else
		ev->bstate = (param[0] & 3) == 0 ? BUTTON1_PRESSED : 0;
	return ev->bstate != 0;
}

bool Term_mouse(int key, MEVENT *ev)
{
	if (key == KEY_MOUSE)
		return getmouse(ev) == OK;
	return sgr_key != 0 && key == sgr_key && sgr_read(ev);
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
	input_raw = false;
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	mouse_sgr_begin();
	return true;
}

void Term_done(void)
{
	if (screen != NULL) {
		mouse_sgr_end();
		curs_set(1);
		endwin();
		delscreen(screen);
		screen = NULL;
		fflush(stdout);
	}
	handlers_restore();
}

void Term_raw(bool on)
{
	if (screen == NULL || on == input_raw)
		return;
	if (on)
		raw();
	else
		cbreak();
	input_raw = on;
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
