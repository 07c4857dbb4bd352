/*
 * The keys of the terminal pane and of quitting a command: while the
 * terminal has the keyboard every key goes to the command but Ctrl-],
 * which gives the keyboard back to forkscope (and from forkscope's keys,
 * to the terminal again), and the mouse, which stays forkscope's. T hides
 * the pane. Quitting while a started command runs asks whether to end it
 * or leave it running (where it can be: --detach, or an untraced one),
 * unless --kill answered beforehand.
 */
#include "ui/keys_internal.h"

#include <curses.h>
#include <stdio.h>

#include "base/i18n.h"
#include "ui/console/console.h"
#include "ui/term.h"

unsigned keys_console_key(App *app, int key)
{
	if (key == KEY_CTRL_RBRACKET) {
		/* The status line shows forkscope's key hints again: it says so.
		 * The keys act on the tree, as at the start of any run (Tab
		 * reaches the terminal's scrollback). */
		app->console_keys = false;
		app->active = PANE_TREE;
		return ACT_REDRAW;
	}
	if (key == KEY_RESIZE)
		return ACT_REDRAW;
	Console_key(app->console, key);
	return ACT_NONE; /* what the command echoes brings the redraw */
}

unsigned k_console(App *app, int key)
{
	(void)key;
	if (app->help)
		return keys_close_help(app);
	if (app->console == NULL) {
		App_note(app, true, "%s", _("no terminal pane: only a command forkscope starts "
					    "(forkscope -- CMD) runs on one"));
		return ACT_REDRAW;
	}
	if (Console_ended(app->console)) {
		App_note(app, true, "%s", _("the command's terminal is closed: nothing reads what "
					    "is typed"));
		return ACT_REDRAW;
	}
	app->console_hidden = false;
	App_console_keys(app, true);
	app->message[0] = '\0';
	return ACT_REDRAW;
}

unsigned k_console_hide(App *app, int key)
{
	(void)key;
	if (app->console == NULL) {
		App_note(app, true, "%s", _("no terminal pane in this run"));
		return ACT_REDRAW;
	}
	app->console_hidden = !app->console_hidden;
	if (app->console_hidden && app->active == PANE_CONSOLE)
		app->active = PANE_TREE;
	App_note(app, false, "%s", app->console_hidden
		 ? _("terminal pane hidden (T shows it; the command runs on)")
		 : _("terminal pane shown (Ctrl-] to type into it)"));
	return ACT_REDRAW;
}

/* ---- quitting a command that runs ---- */

/* A command the user started with -- CMD, still running, that quitting
 * would end. The custom scenario's command runs under the demo and ends
 * with it; a watched pid is left as it was found: neither asks. */
static bool command_runs(const App *app)
{
	return app->args.scenario == NULL && app->args.command != NULL &&
	       app->opt->watch_pid == 0 && !app->opt->watch_system && app->source != NULL &&
	       app->source->ops->detach_on_delete != NULL &&
	       app->source->ops->state(app->source->impl) != SOURCE_FINISHED;
}

bool keys_quit_can_leave(const App *app)
{
	/* Traced with the exec filter, a command left running would fail
	 * every exec (ENOSYS): only one started to be left can be. */
	return command_runs(app) && (app->args.detachable || !app->session->source_traces);
}

unsigned k_quit(App *app, int key)
{
	(void)key;
	if (app->help)
		return keys_close_help(app);
	if (!command_runs(app) || app->opt->kill_on_quit)
		return ACT_QUIT;
	app->prompt = PROMPT_QUIT;
	return ACT_REDRAW;
}

unsigned keys_quit_prompt(App *app, int key)
{
	if (Term_is_mouse_key(key) || key == KEY_RESIZE)
		return ACT_REDRAW;
	app->prompt = PROMPT_NONE;
	if (key == 'e' || key == 'E' || key == 'q' || key == 'y')
		return ACT_QUIT;
	if ((key == 'l' || key == 'L') && keys_quit_can_leave(app)) {
		app->quit_leave = true;
		return ACT_QUIT;
	}
	App_note(app, false, "%s", _("still watching"));
	return ACT_REDRAW;
}
