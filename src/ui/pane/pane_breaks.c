/*
 * The breakpoint list (b): a box over the screen's centre with every
 * breakpoint as the user wrote it, on or off, and its hits; the keys that
 * edit it under them. The run goes on underneath: a breakpoint added here
 * holds from the next event that matches.
 */
#include "ui/pane/pane.h"

#include <stdio.h>

#include "base/i18n.h"
#include "live/breakpoint.h"

enum { BREAKS_W = 64, BREAKS_ROWS_MIN = 3 };

static Rect breaks_rect(const App *app, size_t n)
{
	int w = app->layout.cols - 4 < BREAKS_W ? app->layout.cols - 4 : BREAKS_W;
	int rows = (int)n > BREAKS_ROWS_MIN ? (int)n : BREAKS_ROWS_MIN;
	int h = rows + 5;

	if (h > app->layout.rows - 2)
		h = app->layout.rows - 2;
	return (Rect){ (app->layout.rows - h) / 2, (app->layout.cols - w) / 2, h, w };
}

void Breaks_draw(App *app)
{
	const BreakList *list = app->opt->breaks;
	size_t n = BreakList_count(list);
	Rect r = breaks_rect(app, n), in = Rect_inner(r);
	char line[256], held[64] = "";

	Draw_fill(r, ROLE_NORMAL);
	if (app->source != NULL && app->source->ops->held_count != NULL)
		snprintf(held, sizeof held, _("%zu held"),
			 app->source->ops->held_count(app->source->impl));
	Draw_box(r, _("Breakpoints"), held, NULL, true);
	if (n == 0)
		Draw_text(in.y, in.x + 1, in.w - 2,
			  _("none yet: a adds one (exec:make, fork, exit:sh)"), ROLE_DIM);
	for (size_t i = 0; i < n && (int)i < in.h - 2; i++) {
		const Breakpoint *bp = BreakList_at(list, i);
		bool here = (int)i == app->breaks_cursor;
		snprintf(line, sizeof line, "%s [%s] %s", here ? app->g->arrow_right : " ",
			 bp->enabled ? "x" : " ", bp->text);
		Draw_text(in.y + (int)i, in.x + 1, in.w - 14, line,
			  here ? ROLE_SELECTED : bp->enabled ? ROLE_NORMAL : ROLE_DIM);
		snprintf(line, sizeof line, ngettext("%lu hit", "%lu hits", bp->hits), bp->hits);
		Draw_cell(in.y + (int)i, in.x + in.w - 13, 12, line, ALIGN_RIGHT, ROLE_DIM);
	}
	Draw_text(in.y + in.h - 1, in.x + 1, in.w - 2,
		  _("a add  Space on/off  d delete  any other key closes"), ROLE_KEY);
}
