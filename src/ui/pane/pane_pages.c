/*
 * The page map of the chosen mapping: one cell per page, or per group of
 * pages when the mapping has more pages than the pane has cells (the shade
 * then says how much of the group is exclusive). When the focused process
 * has a parent with the same range, both are drawn side by side with the
 * same grouping, parent on the left: after fork both are light (shared);
 * as the child writes, the written pages turn solid (exclusive) in both,
 * the child's copy and the parent's original each mapped once. The counts
 * under a map call such pages copied, because the focus saw them shared
 * before; an exclusive page never seen shared (a vfork child's, the
 * parent's before fork) is only exclusive.
 */
#include "ui/pane/pane.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "ui/format/format.h"

/* One map drawn in r: a label line, the grid, the counts. */
static void draw_map(App *app, const PageMap *map, const char *label, Rect r, size_t group)
{
	char summary[160];
	int rows = r.h - 2, cell_w, per_row;
	size_t cells, npages = map->npages;

	Draw_text(r.y, r.x, r.w, label, ROLE_HEADER);
	if (map->state != READ_OK) {
		Draw_text(r.y + 1, r.x, r.w, _(ReadState_explain(map->state)),
			  map->state == READ_GONE ? ROLE_DIM : ROLE_WARNING);
		return;
	}
	cells = (npages + group - 1) / group;
	cell_w = group == 1 ? page_cell_width(npages, r.w, rows) : 1;
	per_row = r.w / cell_w;
	for (int y = 0; y < rows; y++)
		for (int x = 0; x < per_row; x++) {
			size_t cell = (size_t)y * (size_t)per_row + (size_t)x;
			PageShade shade;
			if (cell >= cells)
				break;
			shade = page_group_shade(map, cell * group, group);
			Draw_repeat(r.y + 1 + y, r.x + x * cell_w, cell_w, PageShade_glyph(shade, app->g),
				    PageShade_role(shade));
		}
	page_summary(map, app->g, false, summary, sizeof summary);
	if (text_width(summary) > r.w)
		page_summary(map, app->g, true, summary, sizeof summary);
	Draw_text(r.y + r.h - 1, r.x, r.w, summary, ROLE_DIM);
}

/* "░ shared ▒▓ partly █ exclusive · absent s swapped" */
static void draw_legend(App *app, int y, int x, int w)
{
	static const struct { PageShade shade; const char *name; } items[] = {
		{ SHADE_SHARED, N_("shared") }, { SHADE_MOSTLY_SHARED, "" },
		{ SHADE_MOSTLY_EXCLUSIVE, N_("partly") }, { SHADE_EXCLUSIVE, N_("exclusive") },
		{ SHADE_ABSENT, N_("absent") }, { SHADE_SWAPPED, N_("swapped") },
	};
	int end = x + w;

	for (size_t i = 0; i < sizeof items / sizeof items[0] && x < end - 2; i++) {
		x += Draw_text(y, x, end - x, PageShade_glyph(items[i].shade, app->g),
			       PageShade_role(items[i].shade));
		if (items[i].name[0] == '\0')
			continue;
		x += Draw_text(y, x, end - x, " ", ROLE_DIM);
		x += Draw_text(y, x, end - x, _(items[i].name), ROLE_DIM);
		x += Draw_text(y, x, end - x, " ", ROLE_DIM);
	}
}

static void pages_info(App *app, char *buf, size_t len, size_t group)
{
	const Focus *f = &app->session->focus;
	const Mapping *m = &f->self.maps.v[f->mapping];
	char name[128], size[16];

	mapping_name(m, &app->ids, name, sizeof name);
	format_kb((m->end - m->start) / 1024, size, sizeof size);
	if (group > 1)
		snprintf(buf, len, _("%s %s %s %s 1 cell = %zu pages"), name, size, app->g->bullet,
			 m->perms, group);
	else
		snprintf(buf, len, _("%s %s %s %s 1 page a cell"), name, size, app->g->bullet,
			 m->perms);
}

static void pages_draw(App *app, Rect r, bool active)
{
	Rect in = Rect_inner(r);
	const Focus *f = app->session != NULL ? &app->session->focus : NULL;
	bool pair, have;
	char info[192] = "", label[96], pid[64];
	size_t group = 1;
	int grid_h, map_w;

	have = f != NULL && f->pid != 0 && f->self.maps.state == READ_OK &&
	       f->mapping < f->self.maps.n;
	pair = have && f->parent_pages.state == READ_OK && App_focus_parent_known(app);
	grid_h = in.h - 3;
	map_w = pair ? (in.w - 3) / 2 : in.w;
	if (have && grid_h > 0 && map_w > 0)
		group = page_group_size(f->pages.npages, (size_t)grid_h * (size_t)map_w);
	if (have)
		pages_info(app, info, sizeof info, group);
	Draw_box(r, _(pane_pages.title), info, NULL, active);
	if (!have) {
		Draw_text(in.y, in.x + 1, in.w - 1,
			  f != NULL && f->pid != 0 ? _("no mapping to show") : _("no process selected"),
			  ROLE_DIM);
		return;
	}
	if (grid_h < 1 || map_w < 4)
		return;
	if (pair) {
		char ppid[16];
		StableIds_pid(&app->ids, f->parent, ppid, sizeof ppid);
		snprintf(label, sizeof label, _("parent %s"), ppid);
		draw_map(app, &f->parent_pages, label, (Rect){ in.y, in.x, in.h - 1, map_w }, group);
		snprintf(label, sizeof label, _("child %s"), App_focus_pid(app, pid, sizeof pid));
		draw_map(app, &f->pages, label, (Rect){ in.y, in.x + map_w + 3, in.h - 1, map_w }, group);
	} else {
		snprintf(label, sizeof label, _("pid %s"), App_focus_pid(app, pid, sizeof pid));
		draw_map(app, &f->pages, label, (Rect){ in.y, in.x, in.h - 1, map_w }, group);
	}
	draw_legend(app, in.y + in.h - 1, in.x, in.w);
}

/* j/k here choose the previous or next mapping. */
static unsigned pages_move(App *app, int delta)
{
	Focus *f = app->session != NULL ? &app->session->focus : NULL;
	long target;

	if (f == NULL || f->pid == 0 || f->self.maps.state != READ_OK || f->self.maps.n == 0)
		return ACT_NONE;
	target = delta == MOVE_HOME ? 0 : delta == MOVE_END ? (long)f->self.maps.n - 1
			: (long)f->mapping + (delta > 0 ? 1 : -1);
	if (target < 0 || target >= (long)f->self.maps.n || (size_t)target == f->mapping)
		return ACT_NONE;
	Session_focus_mapping(app->session, (size_t)target);
	app->scroll[PANE_MEMORY].cursor = (int)target;
	return ACT_REDRAW;
}

static unsigned pages_click(App *app, int row)
{
	(void)app;
	(void)row;
	return ACT_NONE;
}

const PaneClass pane_pages = {
	.id = PANE_PAGES, .title = N_("Page map"), .tab = N_("Pages"),
	.draw = pages_draw, .move_by = pages_move, .enter = NULL, .click = pages_click,
};
