/*
 * The terminal: one module that takes it (Term_init) and gives it back
 * (Term_done), reached from every exit path: the normal return, atexit,
 * xalloc's fatal hook, and SIGINT/SIGTERM/SIGHUP (whose handlers only set a
 * flag the main loop reads). SIGWINCH also only sets a flag; Term_resize
 * does the work outside the handler.
 */
#ifndef FORKSCOPE_UI_TERM_H
#define FORKSCOPE_UI_TERM_H

#include <curses.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>

/* Takes the terminal. false with a message in err when there is none. */
bool Term_init(char *err, unsigned errlen);
/* Gives it back; safe to call twice and when Term_init failed. */
void Term_done(void);
bool Term_active(void);

/* Raw input (true) while the keys go to a command's terminal: Ctrl-C,
 * Ctrl-Z, Ctrl-\\, Ctrl-S and Ctrl-Q are then bytes for it, not signals or
 * flow control for forkscope; otherwise cbreak, as forkscope's keys want. */
void Term_raw(bool on);

/* The signal that asked forkscope to end (SIGINT, SIGTERM, SIGHUP), or 0. */
int Term_quit_signal(void);
/* Was the window resized since the last call? Then the curses screen has
 * been resized to the terminal's new size. */
bool Term_resize(void);

/* Does key start a mouse report: KEY_MOUSE, or the prefix of an SGR (1006)
 * report that forkscope reads itself where curses would not (term.c)? */
bool Term_is_mouse_key(int key);
/* Reads the report key starts into ev (x, y and BUTTON1_PRESSED,
 * BUTTON4_PRESSED or BUTTON5_PRESSED in bstate). false when there is none
 * to act on: a release, a motion, another button, a garbled report. */
bool Term_mouse(int key, MEVENT *ev);

/* poll(2) that a quit or resize signal always interrupts: the signals are
 * blocked only between the flag check and the wait, and unblocked by the
 * wait itself (ppoll), so a signal is never left waiting for a timeout.
 * Returns poll's result; 0 at once when a flag is already set. */
int Term_poll(struct pollfd *fds, nfds_t n, int timeout_ms);

#endif
