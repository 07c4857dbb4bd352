/*
 * Signal sets of the focused process, one labelled list per kind (blocked,
 * ignored, caught, pending), names wrapped to the pane. Each list is
 * compared with the parent's list of the same kind: "+NAME" only this
 * process has it, "-NAME" only the parent has it, both in the diff role.
 */
#include "ui/pane.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "ui/format.h"

/* A set's label: its name and the kernel's field ("blocked SigBlk"). */
enum { LABEL_COLS = 16, MAX_ITEMS = 64 };

/* A word of a list: where it goes and how it looks. */
typedef struct SigWord {
	char text[32];
	ColorRole role;
	int line, x;           /* line within the kind's list, column offset */
} SigWord;

/* Lays out the items of one kind in lines of width w; returns lines used. */
static int lay_out(const SigItem *items, size_t n, ColorRole role, const Glyphs *g, int w,
		   SigWord *words)
{
	int line = 0, x = 0;

	for (size_t i = 0; i < n; i++) {
		int tw;
		sig_item_text(&items[i], g, words[i].text, sizeof words[i].text);
		words[i].role = items[i].diff == SIGDIFF_SAME ? role : ROLE_SIG_DIFF;
		tw = (int)strlen(words[i].text);
		if (x > 0 && x + tw > w) {
			line++;
			x = 0;
		}
		words[i].line = line;
		words[i].x = x;
		x += tw + 1;
	}
	return n > 0 ? line + 1 : 1;
}

typedef struct SigKindLines {
	SigItem items[MAX_ITEMS];
	SigWord words[MAX_ITEMS];
	size_t n;
	int lines;
} SigKindLines;

static void signals_info(App *app, char *buf, size_t len)
{
	const Focus *f = &app->session->focus;
	char pid[64], ppid[16];

	App_focus_pid(app, pid, sizeof pid);
	if (App_focus_parent_known(app) && f->parent_detail.sig.state == READ_OK)
		snprintf(buf, len, _("pid %s %s vs parent %s"), pid, app->g->bullet,
			 StableIds_pid(&app->ids, f->parent, ppid, sizeof ppid));
	else
		snprintf(buf, len, _("pid %s"), pid);
}

/* Is kind the signal set the step is about? */
static bool is_focus_set(const App *app, SigSetKind kind)
{
	switch (app->focus_sigset) {
	case FOCUS_SIG_BLOCKED: return kind == SIGSET_BLOCKED;
	case FOCUS_SIG_IGNORED: return kind == SIGSET_IGNORED;
	case FOCUS_SIG_CAUGHT: return kind == SIGSET_CAUGHT;
	case FOCUS_SIG_PENDING: return kind == SIGSET_PENDING;
	case FOCUS_SIG_NONE: break;
	}
	return false;
}

static void signals_draw(App *app, Rect r, bool active)
{
	PaneScroll *s = &app->scroll[PANE_SIGNALS];
	Rect in = Rect_inner(r);
	const Focus *f = app->session != NULL ? &app->session->focus : NULL;
	SigKindLines kinds[SIGSET_KIND_COUNT];
	bool has_parent;
	int total = 0, line = 0, w = in.w - 1 - LABEL_COLS;
	char info[96] = "", footer[48], text[512];

	s->cursor = -1;
	if (f == NULL || f->pid == 0 || f->self.sig.state != READ_OK) {
		if (f != NULL && f->pid != 0)
			signals_info(app, info, sizeof info);
		Draw_box(r, _(pane_signals.title), info, NULL, active);
		if (f != NULL && f->pid != 0)
			snprintf(text, sizeof text, _("signals: %s"), _(ReadState_explain(f->self.sig.state)));
		else
			snprintf(text, sizeof text, "%s", _("no process selected"));
		Draw_text(in.y, in.x + 1, in.w - 1, text,
			  f == NULL || f->pid == 0 || f->self.sig.state == READ_GONE ? ROLE_DIM
										 : ROLE_WARNING);
		return;
	}
	has_parent = App_focus_parent_known(app) && f->parent_detail.sig.state == READ_OK;
	for (int k = 0; k < SIGSET_KIND_COUNT; k++) {
		SigKindLines *kl = &kinds[k];
		kl->n = sig_items(sigsets_mask(&f->self.sig, (SigSetKind)k),
				  has_parent ? sigsets_mask(&f->parent_detail.sig, (SigSetKind)k) : 0,
				  has_parent, kl->items, MAX_ITEMS);
		kl->lines = lay_out(kl->items, kl->n, SigSetKind_role((SigSetKind)k), app->g,
				    w > 8 ? w : 8, kl->words);
		total += kl->lines;
	}
	PaneScroll_fit(s, total + (has_parent ? 1 : 0), in.h);
	signals_info(app, info, sizeof info);
	Draw_scroll_footer(s->top, in.h, s->count, footer, sizeof footer);
	Draw_box(r, _(pane_signals.title), info, footer, active);
	for (int k = 0; k < SIGSET_KIND_COUNT; k++) {
		const SigKindLines *kl = &kinds[k];
		int y0 = in.y + line - s->top;

		if (y0 >= in.y && y0 < in.y + in.h) {
			if (is_focus_set(app, (SigSetKind)k))
				Draw_text(y0, in.x, 1, app->g->cursor, ROLE_SELECTED);
			int lw = Draw_text(y0, in.x + 1, LABEL_COLS, _(SigSetKind_name((SigSetKind)k)),
					   SigSetKind_role((SigSetKind)k));
			Draw_text(y0, in.x + 2 + lw, LABEL_COLS - 1 - lw, SigSetKind_field((SigSetKind)k),
				  ROLE_DIM);
		}
		if (kl->n == 0 && y0 >= in.y && y0 < in.y + in.h)
			Draw_text(y0, in.x + 1 + LABEL_COLS, w, _("none"), ROLE_DIM);
		for (size_t i = 0; i < kl->n; i++) {
			int y = y0 + kl->words[i].line;
			if (y >= in.y && y < in.y + in.h)
				Draw_text(y, in.x + 1 + LABEL_COLS + kl->words[i].x, w - kl->words[i].x,
					  kl->words[i].text, kl->words[i].role);
		}
		line += kl->lines;
	}
	if (has_parent && in.y + line - s->top < in.y + in.h && line - s->top >= 0) {
		snprintf(text, sizeof text, _("%sNAME only here  %sNAME only in the parent"),
			 app->g->added, app->g->removed);
		Draw_text(in.y + line - s->top, in.x + 1, in.w - 1, text, ROLE_DIM);
	}
}

static unsigned signals_move(App *app, int delta)
{
	app->scroll[PANE_SIGNALS].cursor = -1;
	return PaneScroll_move(&app->scroll[PANE_SIGNALS], delta);
}

static unsigned signals_click(App *app, int row)
{
	(void)app;
	(void)row;
	return ACT_NONE;
}

const PaneClass pane_signals = {
	.id = PANE_SIGNALS, .title = N_("Signals"), .tab = N_("Signals"),
	.draw = signals_draw, .move_by = signals_move, .enter = NULL, .click = signals_click,
};
