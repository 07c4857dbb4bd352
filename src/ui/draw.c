/*
 * Drawing primitives (see draw.h). Text goes through text_fit, so every
 * string is cut at a character boundary in columns and never carries a
 * control byte to the terminal. Boxes are drawn with the glyph table in use
 * (rounded UTF-8 corners, or ASCII).
 */
#include "ui/draw.h"

#include <curses.h>
#include <stdio.h>
#include <wchar.h>
#include <string.h>

#include "base/i18n.h"

static const Glyphs *glyphs;

void Draw_set_glyphs(const Glyphs *g)
{
	glyphs = g;
}

const Glyphs *Draw_glyphs(void)
{
	return glyphs != NULL ? glyphs : glyphs_get(true);
}

static void use_role(ColorRole role)
{
	attrset((attr_t)Theme_attr(role));
}

void Draw_clear(void)
{
	bkgdset(' ' | (chtype)Theme_attr(ROLE_NORMAL));
	erase();
}

void Draw_fill(Rect r, ColorRole role)
{
	use_role(role);
	for (int y = r.y; y < r.y + r.h; y++)
		mvhline(y, r.x, ' ', r.w);
}

int Draw_text(int y, int x, int maxw, const char *s, ColorRole role)
{
	char buf[1024];
	int used;

	if (maxw <= 0)
		return 0;
	used = text_fit(buf, sizeof buf, s, maxw, Draw_glyphs()->ellipsis);
	use_role(role);
	mvaddstr(y, x, buf);
	return used;
}

void Draw_cell(int y, int x, int w, const char *s, TextAlign align, ColorRole role)
{
	char buf[1024];

	if (w <= 0)
		return;
	text_pad(buf, sizeof buf, s, w, align, Draw_glyphs()->ellipsis);
	use_role(role);
	mvaddstr(y, x, buf);
}

/* glyph (one character, UTF-8) as a curses cell in the role's attributes;
 * false when it is not one character. */
static bool glyph_cell(const char *glyph, ColorRole role, cchar_t *cell)
{
	wchar_t wc[2] = { 0, 0 };
	mbstate_t st = { 0 };
	attr_t attrs;
	short pair;

	if (mbrtowc(&wc[0], glyph, strlen(glyph), &st) <= 0)
		return false;
	use_role(role);
	attr_get(&attrs, &pair, NULL);
	return setcchar(cell, wc, attrs, pair, NULL) == OK;
}

/* A line of one glyph: one curses call, not one per cell (a frame draws
 * thousands of border cells). */
void Draw_repeat(int y, int x, int n, const char *glyph, ColorRole role)
{
	cchar_t cell;

	if (n <= 0)
		return;
	if (glyph_cell(glyph, role, &cell)) {
		mvhline_set(y, x, &cell, n);
		return;
	}
	use_role(role);
	move(y, x);
	for (int i = 0; i < n; i++)
		addstr(glyph);
}

void Draw_box(Rect r, const char *title, const char *info, const char *footer, bool active)
{
	const Glyphs *g = Draw_glyphs();
	ColorRole border = active ? ROLE_BORDER_ACTIVE : ROLE_BORDER;
	int x, room;

	if (r.w < 2 || r.h < 2)
		return;
	Draw_text(r.y, r.x, 1, g->top_left, border);
	Draw_repeat(r.y, r.x + 1, r.w - 2, g->horizontal, border);
	Draw_text(r.y, r.x + r.w - 1, 1, g->top_right, border);
	{
		cchar_t cell;
		if (glyph_cell(g->vertical, border, &cell)) {
			mvvline_set(r.y + 1, r.x, &cell, r.h - 2);
			mvvline_set(r.y + 1, r.x + r.w - 1, &cell, r.h - 2);
		} else {
			for (int y = r.y + 1; y < r.y + r.h - 1; y++) {
				Draw_text(y, r.x, 1, g->vertical, border);
				Draw_text(y, r.x + r.w - 1, 1, g->vertical, border);
			}
		}
	}
	Draw_text(r.y + r.h - 1, r.x, 1, g->bottom_left, border);
	Draw_repeat(r.y + r.h - 1, r.x + 1, r.w - 2, g->horizontal, border);
	Draw_text(r.y + r.h - 1, r.x + r.w - 1, 1, g->bottom_right, border);

	/* "╭─ Title ─ info ───╮" */
	x = r.x + 2;
	room = r.w - 4;
	if (title != NULL && title[0] != '\0' && room > 2) {
		char t[256];
		snprintf(t, sizeof t, " %s ", title);
		x += Draw_text(r.y, x, room, t, active ? ROLE_BORDER_ACTIVE : ROLE_TITLE);
		room = r.x + r.w - 2 - x;
	}
	if (info != NULL && info[0] != '\0' && room > 4) {
		char t[256];
		snprintf(t, sizeof t, " %s ", info);
		x += 1;
		Draw_text(r.y, x, room - 1, t, ROLE_DIM);
	}
	if (footer != NULL && footer[0] != '\0') {
		char t[256];
		int w;
		snprintf(t, sizeof t, " %s ", footer);
		w = text_width(t);
		if (w > r.w - 4)
			w = r.w - 4;
		if (w > 0)
			Draw_text(r.y + r.h - 1, r.x + r.w - 2 - w, w, t, ROLE_DIM);
	}
}

void Draw_scroll_footer(int top, int visible, int count, char *buf, unsigned len)
{
	if (count <= visible || visible <= 0) {
		buf[0] = '\0';
		return;
	}
	/* TRANSLATORS: rows first-last of all, in a scrolled pane's bottom border. */
	snprintf(buf, len, _("%d-%d of %d"), top + 1, top + visible < count ? top + visible : count,
		 count);
}
