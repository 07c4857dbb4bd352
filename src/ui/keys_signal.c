/*
 * k: a signal to the process selected in the tree, as htop's k does. The
 * status line offers the common signals (the table below, which it draws
 * through signal_choice_at), Enter or a digit asks, y sends; anything else
 * sends nothing. The process is held by a pidfd from the question on: if
 * it ends meanwhile and its pid is taken over, the signal cannot reach the
 * newcomer. forkscope does not signal itself nor pid 1. The result, or the
 * errno, is a note.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/pidfd.h>
#include <unistd.h>

#include "base/i18n.h"
#include "trace/event_text.h"
#include "ui/keys.h"
#include "ui/keys_internal.h"
#include "ui/term.h"

static const SignalChoice signal_choices[] = {
	{ SIGTERM, "TERM" }, { SIGKILL, "KILL" }, { SIGINT, "INT" }, { SIGHUP, "HUP" },
	{ SIGSTOP, "STOP" }, { SIGCONT, "CONT" }, { SIGUSR1, "USR1" }, { SIGUSR2, "USR2" },
};
enum { NSIGNAL_CHOICES = sizeof signal_choices / sizeof signal_choices[0] };

size_t signal_choice_count(void)
{
	return NSIGNAL_CHOICES;
}

const SignalChoice *signal_choice_at(size_t i)
{
	return i < NSIGNAL_CHOICES ? &signal_choices[i] : NULL;
}

static void signal_prompt_end(App *app)
{
	if (app->signal_pidfd >= 0)
		close(app->signal_pidfd);
	app->signal_pidfd = -1;
	app->prompt = PROMPT_NONE;
}

unsigned k_signal(App *app, int key)
{
	pid_t pid = app->cursor_pid;
	const ProcRecord *r = app->session != NULL && pid > 0 ? Session_find_const(app->session, pid)
							       : NULL;
	char id[32];

	(void)key;
	if (app->help)
		return keys_close_help(app);
	if (r == NULL || r->gone) {
		App_note(app, false, "%s", _("k signals the process selected in the tree: select one"));
		return ACT_REDRAW;
	}
	StableIds_pid(&app->ids, pid, id, sizeof id);
	if (pid == getpid()) {
		App_note(app, true, "%s", _("forkscope does not signal itself (q quits it)"));
		return ACT_REDRAW;
	}
	if (pid == 1) {
		App_note(app, true, "%s", _("pid 1 is init: forkscope does not signal it"));
		return ACT_REDRAW;
	}
	if (r->exited && !r->held) {
		App_note(app, true, _("pid %s has exited: there is nothing to signal"), id);
		return ACT_REDRAW;
	}
	/* Held from now on (see the top); without pidfds, kill(2) at the end. */
	app->signal_pidfd = pidfd_open(pid, 0);
	if (app->signal_pidfd < 0 && errno == ESRCH) {
		App_note(app, true, _("pid %s has exited: there is nothing to signal"), id);
		return ACT_REDRAW;
	}
	app->signal_pid = pid;
	app->signal_choice = 0;
	app->prompt = PROMPT_SIGNAL;
	snprintf(app->prompt_text, sizeof app->prompt_text, _("pid %s (%s)"), id,
		 r->id.comm[0] != '\0' ? r->id.comm : "?");
	return ACT_REDRAW;
}

static void signal_send(App *app)
{
	const SignalChoice *c = &signal_choices[app->signal_choice];
	char id[32], err[32];
	int rc;

	StableIds_pid(&app->ids, app->signal_pid, id, sizeof id);
	if (app->signal_pidfd >= 0)
		rc = pidfd_send_signal(app->signal_pidfd, c->signo, NULL, 0);
	else
		rc = kill(app->signal_pid, c->signo);
	if (rc == 0)
		App_note(app, false, _("SIG%s sent to pid %s"), c->name, id);
	else
		App_note(app, true, _("SIG%s to pid %s: %s (%s)"), c->name, id, strerror(errno),
			 errno_name(errno, err, sizeof err));
	signal_prompt_end(app);
}

unsigned keys_signal_prompt(App *app, int key)
{
	if (app->prompt == PROMPT_SIGNAL_CONFIRM) {
		if (key == KEY_RESIZE || key == KEY_MOUSE || Term_is_mouse_key(key))
			return ACT_NONE;
		if (key == 'y' || key == 'Y') {
			signal_send(app);
			return ACT_REDRAW | ACT_RESCAN;
		}
		signal_prompt_end(app);
		App_note(app, false, "%s", _("no signal sent"));
		return ACT_REDRAW;
	}
	switch (key) {
	case KEY_LEFT: case KEY_UP: case KEY_BTAB:
		app->signal_choice = (app->signal_choice + NSIGNAL_CHOICES - 1) % NSIGNAL_CHOICES;
		return ACT_REDRAW;
	case KEY_RIGHT: case KEY_DOWN: case '\t':
		app->signal_choice = (app->signal_choice + 1) % NSIGNAL_CHOICES;
		return ACT_REDRAW;
	case '\n': case '\r': case KEY_ENTER:
		app->prompt = PROMPT_SIGNAL_CONFIRM;
		return ACT_REDRAW;
	case KEY_ESC: case 'q':
		signal_prompt_end(app);
		App_note(app, false, "%s", _("no signal sent"));
		return ACT_REDRAW;
	default:
		if (key >= '1' && key < '1' + NSIGNAL_CHOICES) {
			app->signal_choice = key - '1';
			app->prompt = PROMPT_SIGNAL_CONFIRM;
			return ACT_REDRAW;
		}
		return ACT_NONE;
	}
}
