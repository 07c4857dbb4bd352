/*
 * The help screen: every key of the key table (so it is never out of date)
 * and what each colour and mark on the screen means, drawn in that colour.
 * It covers the window above the status line and scrolls.
 */
#include "ui/pane/pane.h"

#include <stdio.h>

#include "base/i18n.h"
#include "ui/format/format.h"
#include "ui/keys.h"
#include "ui/format/textblock.h"

enum { KEY_COLS = 16 };

static void legend_tree(TextBlock *tb)
{
	static const struct { RowMood mood; const char *text; } rows[] = {
		{ MOOD_NEW, N_("new: appeared at this step") },
		{ MOOD_CHANGED, N_("changed at this step (exec, exit, state, ids)") },
		{ MOOD_HELD, N_("held: stopped by forkscope's tracer at an event, so /proc shows that "
				"instant") },
		{ MOOD_ZOMBIE, N_("zombie: exited, not yet reaped by its parent (state Z)") },
		{ MOOD_GHOST, N_("ghost: exited and reaped, kept a few seconds with its exit status") },
		{ MOOD_UNKNOWN, N_("unknown: /proc could not be read (another user's process)") },
	};
	char lead[64];

	TextBlock_add(tb, _("Process tree"), ROLE_HEADER);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		snprintf(lead, sizeof lead, "  %s", RowMood_mark(rows[i].mood));
		TextBlock_add_lead(tb, lead, RowMood_role(rows[i].mood), KEY_COLS, _(rows[i].text),
				   RowMood_role(rows[i].mood));
	}
	snprintf(lead, sizeof lead, "  %s", _("MADE BY"));
	TextBlock_add_lead(tb, lead, ROLE_TREE_METHOD, KEY_COLS,
			   _("the call that made the process (fork, vfork, posix_spawn, system, popen, "
			   "clone3), +exec when it then ran a new program"), ROLE_NORMAL);
}

static void legend_details(const App *app, TextBlock *tb)
{
	char lead[64], text[256];

	TextBlock_blank(tb);
	TextBlock_add(tb, _("Page map (1 cell = 1 page, or a group of pages)"), ROLE_HEADER);
	snprintf(lead, sizeof lead, "  %s", PageShade_glyph(SHADE_SHARED, app->g));
	TextBlock_add_lead(tb, lead, ROLE_PAGE_SHARED, KEY_COLS,
			   _("shared: the same physical page as another process (copy-on-write after "
			     "fork)"),
			   ROLE_NORMAL);
	snprintf(lead, sizeof lead, "  %s %s", PageShade_glyph(SHADE_MOSTLY_SHARED, app->g),
		 PageShade_glyph(SHADE_MOSTLY_EXCLUSIVE, app->g));
	TextBlock_add_lead(tb, lead, ROLE_PAGE_PRIVATE, KEY_COLS,
			   _("a group partly exclusive: the darker, the more of it is exclusive"),
			   ROLE_NORMAL);
	snprintf(lead, sizeof lead, "  %s", PageShade_glyph(SHADE_EXCLUSIVE, app->g));
	TextBlock_add_lead(tb, lead, ROLE_PAGE_PRIVATE, KEY_COLS,
			   _("exclusive: mapped by this process alone (pagemap's exclusive bit). The "
			     "counts call it copied where forkscope saw the page shared before"),
			   ROLE_NORMAL);
	snprintf(lead, sizeof lead, "  %s  %s", PageShade_glyph(SHADE_ABSENT, app->g),
		 PageShade_glyph(SHADE_SWAPPED, app->g));
	TextBlock_add_lead(tb, lead, ROLE_PAGE_ABSENT, KEY_COLS,
			   _("not present (never touched) / swapped out"), ROLE_NORMAL);
	TextBlock_blank(tb);
	TextBlock_add(tb, _("File descriptors"), ROLE_HEADER);
	snprintf(lead, sizeof lead, "  %s", _("close"));
	TextBlock_add_lead(tb, lead, ROLE_FD_CLOEXEC, KEY_COLS,
			   _("close-on-exec is set (O_CLOEXEC, FD_CLOEXEC): execve will close it"),
			   ROLE_NORMAL);
	snprintf(lead, sizeof lead, "  %s", _("keep"));
	TextBlock_add_lead(tb, lead, ROLE_NORMAL, KEY_COLS,
			   _("execve keeps it: the new program inherits it"), ROLE_NORMAL);
	snprintf(lead, sizeof lead, "  %s", _("shared"));
	TextBlock_add_lead(tb, lead, ROLE_FD_SHARED, KEY_COLS,
			   _("the same open file description as the parent's FD of that number "
			   "(one offset, one set of flags)"), ROLE_NORMAL);
	TextBlock_add_lead(tb, "  Pid:", ROLE_DIM, KEY_COLS,
			   _("after a target, what its fdinfo adds: a pidfd's process (-1 once it was "
			     "reaped), an eventfd's count, an inotify instance's watches"), ROLE_NORMAL);
	TextBlock_blank(tb);
	TextBlock_add(tb, _("Process"), ROLE_HEADER);
	TextBlock_add_lead(tb, "  exe cwd", ROLE_DIM, KEY_COLS,
			   _("the program's file and the working directory (/proc/PID/exe, cwd)"),
			   ROLE_NORMAL);
	TextBlock_add_lead(tb, "  sched", ROLE_DIM, KEY_COLS,
			   _("scheduling policy, rt_priority and nice (stat fields 41, 40, 19)"),
			   ROLE_NORMAL);
	TextBlock_add_lead(tb, "  SigBlk", ROLE_DIM, KEY_COLS,
			   _("the signal sets of /proc/PID/status: blocked, ignored, caught, pending"),
			   ROLE_NORMAL);
	TextBlock_add_lead(tb, "  environ", ROLE_DIM, KEY_COLS,
			   _("the environment the last exec gave (/proc/PID/environ), against the "
			     "parent's: setenv changes only the program's copy, which its execs pass on"),
			   ROLE_NORMAL);
	snprintf(text, sizeof text,
		 _("%sNAME in this process's set only, %sNAME in the parent's only"),
		 app->g->added, app->g->removed);
	TextBlock_add_lead(tb, "  +/-", ROLE_SIG_DIFF, KEY_COLS, text, ROLE_NORMAL);
}

static void help_build(const App *app, TextBlock *tb)
{
	char lead[48];

	TextBlock_add(tb, _("forkscope shows how Linux creates processes: pick a scenario, step "
			  "through it, and watch the tree, memory, FDs and signals change."), ROLE_NORMAL);
	TextBlock_blank(tb);
	TextBlock_add(tb, _("Keys"), ROLE_HEADER);
	for (size_t i = 0; i < keys_binding_count(); i++) {
		const KeyBinding *k = keys_binding_at(i);
		if (k->help == NULL) /* said by another row of the same key */
			continue;
		snprintf(lead, sizeof lead, "  %s", k->label);
		TextBlock_add_lead(tb, lead, ROLE_KEY, KEY_COLS, _(k->help), ROLE_NORMAL);
	}
	snprintf(lead, sizeof lead, "  %s", _("mouse"));
	TextBlock_add_lead(tb, lead, ROLE_KEY, KEY_COLS,
			   _("a click chooses a pane and a row (a process for the detail panes, a "
			   "mapping for the page map); the wheel scrolls"), ROLE_NORMAL);
	TextBlock_blank(tb);
	legend_tree(tb);
	legend_details(app, tb);
}

static Rect help_rect(const App *app)
{
	return (Rect){ 0, 0, app->layout.rows - 1, app->layout.cols };
}

int Help_line_count(const App *app)
{
	Rect in = Rect_inner(help_rect(app));
	TextBlock tb;
	int n;

	TextBlock_init(&tb, in.w - 2);
	help_build(app, &tb);
	n = (int)tb.n;
	TextBlock_done(&tb);
	return n;
}

void Help_draw(App *app)
{
	Rect r = help_rect(app), in = Rect_inner(r);
	TextBlock tb;
	char footer[64];
	int max;

	in.x += 1;
	in.w -= 2;
	TextBlock_init(&tb, in.w);
	help_build(app, &tb);
	max = (int)tb.n - in.h;
	if (app->help_top > max)
		app->help_top = max;
	if (app->help_top < 0)
		app->help_top = 0;
	Draw_fill(r, ROLE_NORMAL);
	Draw_scroll_footer(app->help_top, in.h, (int)tb.n, footer, sizeof footer);
	Draw_box(r, _("Help"), _("? or Esc closes"), footer, true);
	Draw_block(&tb, in, app->help_top);
	TextBlock_done(&tb);
}
