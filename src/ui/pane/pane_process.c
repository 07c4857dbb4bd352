/*
 * The process pane: what the focused process is beyond its tree row, in
 * labelled rows of words wrapped to the pane: its program and directory
 * (exe, cwd), its scheduling (policy, rt_priority, nice), its signal sets
 * (blocked, ignored, caught, pending) and its environment (environ). Each
 * is compared with the parent's: a word that differs is in the diff role,
 * "+NAME" only this process has it, "-NAME" only the parent. Labels carry
 * the kernel's names (SigBlk, rt_priority, environ) so that a caption's
 * words can be found here.
 */
#include "ui/pane/pane.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "ui/format/format.h"

/* A signal set's label: its name and the kernel's field ("blocked
 * SigBlk"), in a column of its own; the other rows start with their name
 * ("exe", "sched", "environ") and go on under it, indented by HANG. */
enum { LABEL_COLS = 16, HANG = 2, ROW_WORDS_MAX = 72 };

typedef struct ProcRow {
	const char *name;      /* shown as is: translated by the caller where it is ours */
	const char *field;     /* the kernel's name beside it, dim; "" for none */
	ColorRole name_role;
	bool marked;           /* the step is about this row: the ▸ */
	bool inline_name;      /* words follow the name, not the label column */
	ProcWord *words;       /* owned */
	int *line, *x;         /* owned: each word's place */
	size_t n;
	int lines;
	int x0, width, first;  /* words' lines: from column x0 of the pane's inside,
	                        * width columns, the first from column first of them */
} ProcRow;

enum { ROW_PLACE, ROW_SCHED, ROW_SIG0, ROW_ENVIRON = ROW_SIG0 + SIGSET_KIND_COUNT, ROW_COUNT };

static void process_info(App *app, char *buf, size_t len)
{
	const Focus *f = &app->session->focus;
	char pid[64], ppid[16];

	App_focus_pid(app, pid, sizeof pid);
	if (App_focus_parent_known(app) && f->parent_detail.id.state == READ_OK)
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

static size_t signal_words(const App *app, SigSetKind k, bool has_parent, ProcWord *w, size_t max)
{
	const Focus *f = &app->session->focus;
	SigItem items[SIGNAL_MAX];
	size_t n, i;

	if (f->self.sig.state != READ_OK) {
		snprintf(w[0].label, sizeof w[0].label, "%s", "");
		snprintf(w[0].text, sizeof w[0].text, "%s", _(ReadState_explain(f->self.sig.state)));
		w[0].role = f->self.sig.state == READ_GONE ? ROLE_DIM : ROLE_WARNING;
		return 1;
	}
	n = sig_items(SigSets_mask(&f->self.sig, k),
		      has_parent ? SigSets_mask(&f->parent_detail.sig, k) : 0, has_parent, items, SIGNAL_MAX);
	for (i = 0; i < n && i < max; i++) {
		w[i].label[0] = '\0';
		sig_item_text(&items[i], app->g, w[i].text, sizeof w[i].text);
		w[i].role = items[i].diff == SIGDIFF_SAME ? SigSetKind_role(k) : ROLE_SIG_DIFF;
	}
	if (i == 0) {
		w[0].label[0] = '\0';
		snprintf(w[0].text, sizeof w[0].text, "%s", _("none"));
		w[0].role = ROLE_DIM;
		i = 1;
	}
	return i;
}

/* Where a row's words go in a pane whose inside is inner_w wide. */
static void row_place(ProcRow *row, int inner_w)
{
	if (row->inline_name) {
		row->x0 = 1 + HANG;
		row->width = inner_w - row->x0;
		row->first = text_width(row->name) + 1 - HANG;
	} else {
		row->x0 = 1 + LABEL_COLS;
		row->width = inner_w - row->x0;
		row->first = 0;
	}
	if (row->width < 8)
		row->width = 8;
}

/* Fills the rows' words for the focus, laid out in a pane inner_w wide. */
static void rows_build(App *app, ProcRow *rows, int inner_w)
{
	const Focus *f = &app->session->focus;
	bool parent_known = App_focus_parent_known(app);
	const ProcDetail *parent = parent_known && f->parent_detail.id.state == READ_OK
				   ? &f->parent_detail : NULL;
	bool sig_parent = parent_known && f->parent_detail.sig.state == READ_OK;

	for (int r = 0; r < ROW_COUNT; r++) {
		rows[r] = (ProcRow){ .field = "", .name_role = ROLE_DIM };
		rows[r].words = xcalloc(ROW_WORDS_MAX, sizeof *rows[r].words);
	}
	rows[ROW_PLACE].name = "exe";
	rows[ROW_PLACE].inline_name = rows[ROW_SCHED].inline_name = true;
	rows[ROW_ENVIRON].inline_name = true;
	rows[ROW_PLACE].n = proc_place_words(&f->self, parent, &app->ids, rows[ROW_PLACE].words,
					     ROW_WORDS_MAX);
	rows[ROW_SCHED].name = "sched";
	rows[ROW_SCHED].n = proc_sched_words(&f->self.id, parent ? &parent->id : NULL,
					     rows[ROW_SCHED].words, ROW_WORDS_MAX);
	for (int k = 0; k < SIGSET_KIND_COUNT; k++) {
		ProcRow *row = &rows[ROW_SIG0 + k];
		row->name = _(SigSetKind_name((SigSetKind)k));
		row->field = SigSetKind_field((SigSetKind)k);
		row->name_role = SigSetKind_role((SigSetKind)k);
		row->marked = is_focus_set(app, (SigSetKind)k);
		row->n = signal_words(app, (SigSetKind)k, sig_parent, row->words, ROW_WORDS_MAX);
	}
	rows[ROW_ENVIRON].name = "environ";
	rows[ROW_ENVIRON].n = proc_environ_words(&f->self, parent, app->g, &app->ids,
						 rows[ROW_ENVIRON].words, ROW_WORDS_MAX);
	for (int r = 0; r < ROW_COUNT; r++) {
		rows[r].line = xcalloc(rows[r].n + 1, sizeof *rows[r].line);
		rows[r].x = xcalloc(rows[r].n + 1, sizeof *rows[r].x);
		row_place(&rows[r], inner_w);
		rows[r].lines = proc_words_lay_out(rows[r].words, rows[r].n, rows[r].width,
						   rows[r].first, rows[r].line, rows[r].x);
	}
}

static void rows_done(ProcRow *rows)
{
	for (int r = 0; r < ROW_COUNT; r++) {
		free(rows[r].words);
		free(rows[r].line);
		free(rows[r].x);
	}
}

/* A word at line y, column x0 + x of a row whose words take width columns
 * from x0; a long one goes on at x0 in the lines below. Lines outside
 * [top, bottom) are not drawn. */
static void draw_word(const ProcWord *w, int y, int x0, int x, int width, int top, int bottom)
{
	TextLine pieces[sizeof w->text];
	size_t np = proc_word_pieces(w, width, pieces, sizeof pieces / sizeof pieces[0]);
	int col = x0 + x;

	for (size_t k = 0; k < np; k++, y++) {
		char piece[sizeof w->text];

		memcpy(piece, w->text + pieces[k].start, pieces[k].len);
		piece[pieces[k].len] = '\0';
		if (y < top || y >= bottom) {
			col = x0;
			continue;
		}
		if (k == 0 && w->label[0] != '\0')
			col += Draw_text(y, col, x0 + width - col, w->label, ROLE_DIM) + 1;
		if (x0 + width - col > 0)
			Draw_text(y, col, x0 + width - col, piece, w->role);
		col = x0;
	}
}

static void draw_label(App *app, const ProcRow *row, int y, Rect in)
{
	int lw;

	if (row->marked)
		Draw_text(y, in.x, 1, app->g->cursor, ROLE_SELECTED);
	lw = Draw_text(y, in.x + 1, row->inline_name ? in.w - 1 : LABEL_COLS, row->name,
		       row->name_role);
	if (row->field[0] != '\0')
		Draw_text(y, in.x + 2 + lw, LABEL_COLS - 1 - lw, row->field, ROLE_DIM);
}

static void process_draw(App *app, Rect r, bool active)
{
	PaneScroll *s = &app->scroll[PANE_PROCESS];
	Rect in = Rect_inner(r);
	const Focus *f = app->session != NULL ? &app->session->focus : NULL;
	ProcRow rows[ROW_COUNT];
	bool legend;
	int total = 0, line = 0;
	char info[96] = "", footer[48], text[512];

	s->cursor = -1;
	if (f == NULL || f->pid == 0 || f->self.id.state != READ_OK) {
		if (f != NULL && f->pid != 0)
			process_info(app, info, sizeof info);
		Draw_box(r, _(pane_process.title), info, NULL, active);
		if (f != NULL && f->pid != 0)
			snprintf(text, sizeof text, "%s", _(ReadState_explain(f->self.id.state)));
		else
			snprintf(text, sizeof text, "%s", _("no process selected"));
		Draw_text(in.y, in.x + 1, in.w - 1, text,
			  f == NULL || f->pid == 0 || f->self.id.state == READ_GONE ? ROLE_DIM
										 : ROLE_WARNING);
		return;
	}
	rows_build(app, rows, in.w);
	legend = App_focus_parent_known(app) && f->parent_detail.id.state == READ_OK;
	for (int k = 0; k < ROW_COUNT; k++)
		total += rows[k].lines;
	PaneScroll_fit(s, total + (legend ? 1 : 0), in.h);
	process_info(app, info, sizeof info);
	Draw_scroll_footer(s->top, in.h, s->count, footer, sizeof footer);
	Draw_box(r, _(pane_process.title), info, footer, active);
	for (int k = 0; k < ROW_COUNT; k++) {
		const ProcRow *row = &rows[k];
		int y0 = in.y + line - s->top;

		if (y0 >= in.y && y0 < in.y + in.h)
			draw_label(app, row, y0, in);
		for (size_t i = 0; i < row->n; i++)
			draw_word(&row->words[i], y0 + row->line[i], in.x + row->x0, row->x[i],
				  row->width, in.y, in.y + in.h);
		line += row->lines;
	}
	if (legend && line - s->top >= 0 && line - s->top < in.h) {
		snprintf(text, sizeof text, _("%sNAME only here  %sNAME only in the parent"),
			 app->g->added, app->g->removed);
		Draw_text(in.y + line - s->top, in.x + 1, in.w - 1, text, ROLE_DIM);
	}
	rows_done(rows);
}

static unsigned process_move(App *app, int delta)
{
	app->scroll[PANE_PROCESS].cursor = -1;
	return PaneScroll_move(&app->scroll[PANE_PROCESS], delta);
}

static unsigned process_click(App *app, int row)
{
	(void)app;
	(void)row;
	return ACT_NONE;
}

const PaneClass pane_process = {
	.id = PANE_PROCESS, .title = N_("Process"), .tab = N_("Process"),
	.draw = process_draw, .move_by = process_move, .enter = NULL, .click = process_click,
};
