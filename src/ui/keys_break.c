/*
 * The breakpoint keys (see live/breakpoint.h): b opens the list of
 * breakpoints over the screen, where they are added (a, typed in the
 * status line), turned on and off (Space) and deleted (d) while the run
 * goes on; c resumes the selected held process, C every process a
 * breakpoint holds, and D leaves the selected one stopped and untraced
 * for a debugger, then runs --on-break's command with its pid.
 */
#include "ui/keys_internal.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "live/breakpoint.h"
#include "live/on_break.h"

/* The source's holds changed: the tree's held marks follow the tracer. */
static void sync_held(App *app)
{
	Session *s = app->session;
	const LiveSourceOps *ops = app->source != NULL ? app->source->ops : NULL;

	if (s == NULL || ops == NULL || ops->is_held == NULL)
		return;
	for (size_t i = 0; i < s->nprocs; i++)
		if (s->procs[i].held)
			s->procs[i].held = ops->is_held(app->source->impl, s->procs[i].pid);
}

/* The source can hold and release (ptrace), and a run is going on. */
static bool source_holds(App *app)
{
	if (app->source != NULL && app->source->ops->release != NULL)
		return true;
	App_note(app, true, "%s", app->source == NULL
		 ? _("nothing runs: no process is held")
		 : _("this source cannot hold processes (breakpoints need ptrace)"));
	return false;
}

unsigned k_resume(App *app, int key)
{
	pid_t pid = app->cursor_pid;

	(void)key;
	if (!source_holds(app))
		return ACT_REDRAW;
	if (pid <= 0 || !app->source->ops->is_held(app->source->impl, pid)) {
		App_note(app, true, "%s", _("the selected process is not held (C resumes all)"));
		return ACT_REDRAW;
	}
	app->source->ops->release(app->source->impl, pid);
	sync_held(app);
	App_note(app, false, _("pid %d resumed"), (int)pid);
	return ACT_REDRAW | ACT_RESCAN;
}

unsigned k_resume_all(App *app, int key)
{
	size_t n;

	(void)key;
	if (!source_holds(app))
		return ACT_REDRAW;
	n = app->source->ops->held_count(app->source->impl);
	if (n == 0) {
		App_note(app, true, "%s", _("no process is held at a breakpoint"));
		return ACT_REDRAW;
	}
	app->source->ops->release_breaks(app->source->impl);
	sync_held(app);
	App_note(app, false, ngettext("resumed %zu process held at a breakpoint",
				      "resumed %zu processes held at breakpoints", n), n);
	return ACT_REDRAW | ACT_RESCAN;
}

unsigned k_detach(App *app, int key)
{
	pid_t pid = app->cursor_pid;
	char err[256];

	(void)key;
	if (!source_holds(app))
		return ACT_REDRAW;
	if (app->opt->on_break == NULL) {
		App_note(app, true, "%s", _("D needs --on-break 'CMD {pid}' (e.g. 'tmux split-window "
					    "\"gdb -p {pid}\"'): forkscope was started without it"));
		return ACT_REDRAW;
	}
	if (pid <= 0 || !app->source->ops->is_held(app->source->impl, pid)) {
		App_note(app, true, "%s", _("D leaves a held process stopped: select one first"));
		return ACT_REDRAW;
	}
	if (app->source->ops->detach_stopped(app->source->impl, pid, err, sizeof err) < 0) {
		App_note(app, true, "%s", err);
		return ACT_REDRAW;
	}
	sync_held(app);
	pid_t ran = on_break_run(app->opt->on_break, pid);
	if (ran < 0)
		App_note(app, true, _("pid %d is stopped and untraced; --on-break could not run: %s"),
			 (int)pid, strerror((int)-ran));
	else
		App_note(app, false, _("pid %d is stopped and untraced for a debugger; --on-break runs "
				       "as pid %d"), (int)pid, (int)ran);
	return ACT_REDRAW | ACT_RESCAN;
}

/* ---- the list ---- */

unsigned k_breaks(App *app, int key)
{
	(void)key;
	if (app->help)
		return keys_close_help(app);
	if (app->opt->breaks == NULL)
		return ACT_NONE;
	app->breaks_open = !app->breaks_open;
	app->breaks_cursor = 0;
	return ACT_REDRAW;
}

static unsigned breaks_move(App *app, int delta)
{
	int n = (int)BreakList_count(app->opt->breaks);

	app->breaks_cursor += delta;
	if (app->breaks_cursor >= n)
		app->breaks_cursor = n - 1;
	if (app->breaks_cursor < 0)
		app->breaks_cursor = 0;
	return ACT_REDRAW;
}

unsigned keys_breaks_list(App *app, int key)
{
	BreakList *list = app->opt->breaks;
	size_t at = (size_t)app->breaks_cursor;

	switch (key) {
	case KEY_UP: case 'k':
		return breaks_move(app, -1);
	case KEY_DOWN: case 'j':
		return breaks_move(app, 1);
	case ' ':
		BreakList_toggle(list, at);
		return ACT_REDRAW;
	case 'a': case '+':
		app->prompt = PROMPT_BREAK;
		app->prompt_text[0] = '\0';
		return ACT_REDRAW;
	case 'd': case KEY_DC: case '-':
		BreakList_remove(list, at);
		return breaks_move(app, 0);
	case KEY_RESIZE:
		return ACT_REDRAW;
	default:
		/* b, Esc, q or any other key closes the list. */
		app->breaks_open = false;
		return ACT_REDRAW;
	}
}

unsigned keys_break_add(App *app)
{
	char err[256];
	int at;

	app->prompt = PROMPT_NONE;
	if (app->prompt_text[0] == '\0')
		return ACT_REDRAW;
	at = BreakList_add(app->opt->breaks, app->prompt_text, err, sizeof err);
	if (at < 0) {
		App_note(app, true, "%s", err);
		return ACT_REDRAW;
	}
	app->breaks_cursor = at;
	if (app->source != NULL && app->source->ops->release == NULL)
		App_note(app, true, "%s", _("added, but this source cannot hold: breakpoints act on "
					    "ptrace runs (-- CMD, -p PID, the scenarios)"));
	return ACT_REDRAW;
}

/* A breakpoint held a process: select it, so every pane shows it at that
 * instant, and say what can be done. */
void keys_break_hit(App *app, const Event *ev)
{
	App_select(app, ev->pid);
	App_note(app, false, _("breakpoint %s: pid %d held (c resumes it, C all, D leaves it "
			       "stopped for a debugger)"), ev->detail, (int)ev->pid);
}
