/*
 * The scenario list and the selected scenario's explanation: what a person
 * sees first. The list is the catalogue's table in its order; the about
 * pane shows the title, the explanation, the steps with their captions and
 * the parameters with their caps, wrapped to the pane.
 */
#include "ui/pane/pane.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "ui/format/textblock.h"

/* "fork: one call, two returns" -> "one call, two returns" */
static const char *subtitle(const char *title, const char *id)
{
	size_t idlen = strlen(id);

	if (strncmp(title, id, idlen) == 0 && title[idlen] == ':')
		return title + idlen + 1 + (title[idlen + 1] == ' ');
	return title;
}

static void list_draw(App *app, Rect r, bool active)
{
	PaneScroll *s = &app->scroll[PANE_LIST];
	Rect in = Rect_inner(r);
	int count = (int)scenario_count();
	char footer[48];

	s->cursor = (int)app->list_cursor;
	PaneScroll_fit(s, count, in.h);
	app->list_cursor = (size_t)s->cursor;
	Draw_scroll_footer(s->top, in.h, count, footer, sizeof footer);
	Draw_box(r, _(pane_list.title), NULL, footer[0] ? footer : _("Enter runs"), active);
	for (int i = 0; i < in.h && s->top + i < count; i++) {
		const Scenario *sc = scenario_at((size_t)(s->top + i));
		bool cur = s->top + i == s->cursor;
		ColorRole base = cur ? (active ? ROLE_SELECTED : ROLE_TITLE) : ROLE_NORMAL;
		int y = in.y + i, idw = 20 < in.w / 2 ? 20 : in.w / 2;

		if (cur)
			Draw_fill((Rect){ y, in.x, 1, in.w }, base);
		Draw_text(y, in.x, 2, cur ? app->g->cursor : " ", base);
		Draw_cell(y, in.x + 2, idw, sc->id, ALIGN_LEFT, base);
		Draw_text(y, in.x + 2 + idw, in.w - 2 - idw, subtitle(_(sc->title), sc->id),
			  cur ? base : ROLE_DIM);
	}
}

static unsigned list_move(App *app, int delta)
{
	PaneScroll *s = &app->scroll[PANE_LIST];
	unsigned act;

	s->cursor = (int)app->list_cursor;
	act = PaneScroll_move(s, delta);
	if (act != ACT_NONE) {
		app->list_cursor = (size_t)s->cursor;
		app->scroll[PANE_ABOUT].top = 0;
	}
	return act;
}

static unsigned list_enter(App *app)
{
	const Scenario *sc = scenario_at(app->list_cursor);

	if (sc == NULL)
		return ACT_NONE;
	ScenarioArgs_init(&app->args, sc);
	if (sc->takes_command) {
		app->prompt = PROMPT_COMMAND;
		snprintf(app->prompt_text, sizeof app->prompt_text, "%s", app->command_line);
		return ACT_REDRAW;
	}
	if (App_run_start(app) < 0)
		return ACT_REDRAW;
	return ACT_REDRAW | ACT_RESCAN | ACT_REFOCUS;
}

static unsigned list_click(App *app, int row)
{
	PaneScroll *s = &app->scroll[PANE_LIST];
	int target = s->top + row;

	if (target < 0 || target >= (int)scenario_count())
		return ACT_NONE;
	if ((size_t)target == app->list_cursor)
		return list_enter(app);
	app->list_cursor = (size_t)target;
	app->scroll[PANE_ABOUT].top = 0;
	return ACT_REDRAW;
}

const PaneClass pane_list = {
	.id = PANE_LIST, .title = N_("Scenarios"), .tab = N_("List"),
	.draw = list_draw, .move_by = list_move, .enter = list_enter, .click = list_click,
};

static void about_build(const Scenario *sc, TextBlock *tb)
{
	char lead[16], text[512];

	TextBlock_add(tb, _(sc->title), ROLE_TITLE);
	TextBlock_blank(tb);
	TextBlock_add(tb, _(sc->explanation), ROLE_NORMAL);
	if (sc->nsteps > 0) {
		TextBlock_blank(tb);
		TextBlock_add(tb, _("Steps"), ROLE_HEADER);
		for (int i = 0; i < sc->nsteps; i++) {
			snprintf(lead, sizeof lead, "%2d ", i + 1);
			TextBlock_add_lead(tb, lead, ROLE_KEY, 4, _(sc->steps[i].caption), ROLE_NORMAL);
		}
	}
	if (sc->nparams > 0) {
		TextBlock_blank(tb);
		TextBlock_add(tb, _("Parameters (forkscope --scenario ID name=value)"), ROLE_HEADER);
		for (int i = 0; i < sc->nparams; i++) {
			const ScenarioParam *p = &sc->params[i];
			snprintf(text, sizeof text, _("%s: %ld%s%s by default, %ld to %ld"), _(p->help),
				 p->def, p->unit[0] ? " " : "", p->unit[0] ? _(p->unit) : "", p->min,
				 p->max);
			TextBlock_add_lead(tb, p->name, ROLE_KEY, 12, text, ROLE_NORMAL);
		}
	}
	if (sc->takes_command) {
		TextBlock_blank(tb);
		TextBlock_add(tb, _("Enter asks for the command line; forkscope -- CMD ARGS runs "
				    "one directly."), ROLE_DIM);
	}
}

static void about_draw(App *app, Rect r, bool active)
{
	PaneScroll *s = &app->scroll[PANE_ABOUT];
	const Scenario *sc = scenario_at(app->list_cursor);
	Rect in = Rect_inner(r);
	TextBlock tb;
	char footer[48];

	in.x += 1;
	in.w -= 2;
	s->cursor = -1;
	TextBlock_init(&tb, in.w);
	if (sc != NULL)
		about_build(sc, &tb);
	PaneScroll_fit(s, (int)tb.n, in.h);
	Draw_scroll_footer(s->top, in.h, (int)tb.n, footer, sizeof footer);
	Draw_box(r, _(pane_about.title), sc != NULL ? sc->id : NULL, footer, active);
	Draw_block(&tb, in, s->top);
	TextBlock_done(&tb);
}

static unsigned about_move(App *app, int delta)
{
	app->scroll[PANE_ABOUT].cursor = -1;
	return PaneScroll_move(&app->scroll[PANE_ABOUT], delta);
}

static unsigned about_click(App *app, int row)
{
	(void)app;
	(void)row;
	return ACT_NONE;
}

const PaneClass pane_about = {
	.id = PANE_ABOUT, .title = N_("About"), .tab = N_("About"),
	.draw = about_draw, .move_by = about_move, .enter = list_enter, .click = about_click,
};
