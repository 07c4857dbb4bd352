/*
 * The keys that shape the tree (see keys_internal.h): in a watch, - folds
 * the selected process's subtree into its row and + shows it again, as
 * htop's collapsed branches (App.folded, by pid, kept across refreshes; a
 * fold whose process is gone is dropped at the next - or +); o orders
 * siblings (App.tree_order) and c shows the CPU% and RSS columns, both
 * kept in forkscope.conf; n and N go from match to match of the filter.
 * The tree itself is the model's (Session_tree_view); these only choose
 * what it is asked for.
 */
#include <stdio.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "ui/keys_internal.h"

static int fold_index(const App *app, pid_t pid)
{
	for (int i = 0; i < app->nfolded; i++)
		if (app->folded[i] == pid)
			return i;
	return -1;
}

static void unfold(App *app, int i)
{
	app->folded[i] = app->folded[--app->nfolded];
}

/* Folds that no row needs any more (the process is gone) are dropped, so
 * that a pid taken over later does not open folded. */
static void folds_prune(App *app)
{
	for (int i = app->nfolded - 1; i >= 0; i--) {
		const ProcRecord *r = Session_find_const(app->session, app->folded[i]);
		if (r == NULL || r->gone)
			unfold(app, i);
	}
}

/* In a watch, - folds the selected process's subtree into its row and +
 * shows it again, as htop's collapsed branches. */
unsigned keys_fold(App *app, bool fold)
{
	pid_t pid = app->cursor_pid;
	int at;
	char id[32];
	TreeRow *rows = NULL;
	size_t n;
	bool has_children = false;

	if (app->session == NULL || pid <= 0)
		return ACT_NONE;
	folds_prune(app);
	StableIds_pid(&app->ids, pid, id, sizeof id);
	at = fold_index(app, pid);
	if (!fold) {
		if (at < 0) {
			App_note(app, false, _("pid %s is not folded (- folds a subtree)"), id);
			return ACT_REDRAW;
		}
		unfold(app, at);
		App_note(app, false, _("pid %s unfolded"), id);
		return ACT_REDRAW;
	}
	if (at >= 0) {
		App_note(app, false, _("pid %s is folded already (+ shows its subtree)"), id);
		return ACT_REDRAW;
	}
	n = App_tree_rows(app, &rows);
	for (size_t i = 0; i + 1 < n; i++)
		if (app->session->procs[rows[i].index].pid == pid)
			has_children = rows[i + 1].depth > rows[i].depth;
	free(rows);
	if (!has_children) {
		App_note(app, false, _("pid %s has no children shown: nothing to fold"), id);
		return ACT_REDRAW;
	}
	if (app->nfolded == (int)(sizeof app->folded / sizeof app->folded[0])) {
		App_note(app, true, "%s", _("too many folds: + unfolds one first"));
		return ACT_REDRAW;
	}
	app->folded[app->nfolded++] = pid;
	App_note(app, false, _("pid %s folded (+ shows its subtree again)"), id);
	return ACT_REDRAW;
}

static const char *order_words(TreeOrder order)
{
	static const char *const words[TREE_ORDER_COUNT] = {
		[TREE_ORDER_SEEN] = N_("in the order they appeared"),
		[TREE_ORDER_PID] = N_("by pid"),
		[TREE_ORDER_START] = N_("by start time, oldest first"),
		[TREE_ORDER_CPU] = N_("by CPU%, busiest first"),
		[TREE_ORDER_RSS] = N_("by RSS, largest first"),
	};
	return _(words[order]);
}

/* o: the next order of siblings; the tree keeps its shape. */
unsigned k_order(App *app, int key)
{
	(void)key;
	if (app->help)
		return keys_close_help(app);
	app->tree_order = (TreeOrder)((app->tree_order + 1) % TREE_ORDER_COUNT);
	app->settings.sort = (int)app->tree_order;
	App_save_settings(app);
	App_note(app, false, _("siblings sorted %s (o: the next order)"), order_words(app->tree_order));
	return ACT_REDRAW;
}

/* c: the CPU% and RSS columns shown or hidden together. */
unsigned k_columns(App *app, int key)
{
	(void)key;
	if (app->help)
		return keys_close_help(app);
	app->tree_columns = app->tree_columns != 0 ? 0 : TREE_COLUMNS_ALL;
	app->settings.columns = (int)app->tree_columns;
	App_save_settings(app);
	App_note(app, false, "%s", app->tree_columns != 0
		 /* xgettext:no-c-format */
		 ? _("CPU% and RSS shown in the tree (c hides them)")
		 /* xgettext:no-c-format */
		 : _("CPU% and RSS hidden (c shows them; sorting by one shows it)"));
	return ACT_REDRAW;
}

/* n, N: the next (previous) row that matches the filter itself, not one
 * kept only as a match's ancestor. A match inside a fold unfolds it. */
unsigned k_match(App *app, int key)
{
	TreeView view = { .filter = app->filter, .ghosts = !app->hide_ghosts,
			  .order = app->tree_order };
	int dir = key == 'N' ? -1 : 1;
	TreeRow *rows;
	size_t n, max, nmatch = 0, rank = 0;
	long cur = -1, found = -1;
	char id[32];

	if (app->help)
		return keys_close_help(app);
	if (app->session == NULL)
		return ACT_NONE;
	if (app->filter[0] == '\0') {
		App_note(app, false, "%s", _("n and N go from match to match of a filter: / sets one"));
		return ACT_REDRAW;
	}
	max = app->session->nprocs ? app->session->nprocs : 1;
	rows = xcalloc(max, sizeof *rows);
	n = Session_tree_view(app->session, rows, max, &view); /* folds open: every match */
	for (size_t i = 0; i < n; i++)
		if (app->session->procs[rows[i].index].pid == app->cursor_pid)
			cur = (long)i;
	for (size_t step = 1; step <= n && found < 0; step++) {
		long i = ((cur < 0 ? (dir > 0 ? -1 : 0) : cur) + dir * (long)step + (long)n * 2) % (long)n;
		if (rows[i].match)
			found = i;
	}
	if (found < 0) {
		free(rows);
		App_note(app, false, _("no process matches %s"), app->filter);
		return ACT_REDRAW;
	}
	for (size_t i = 0; i < n; i++)
		if (rows[i].match) {
			nmatch++;
			rank += (long)i <= found;
		}
	/* Its ancestors are the rows above it, each less deep than the last. */
	for (long i = found - 1, depth = rows[found].depth; i >= 0 && depth > 0; i--)
		if (rows[i].depth < depth) {
			int at = fold_index(app, app->session->procs[rows[i].index].pid);
			depth = rows[i].depth;
			if (at >= 0)
				unfold(app, at);
		}
	App_select(app, app->session->procs[rows[found].index].pid);
	StableIds_pid(&app->ids, app->cursor_pid, id, sizeof id);
	free(rows);
	App_note(app, false, _("match %zu of %zu: pid %s (n next, N previous, Esc clears the filter)"),
		 rank, nmatch, id);
	return ACT_REFOCUS | ACT_RESCAN | ACT_REDRAW;
}
