/*
 * Drawing primitives over the current curses screen (stdscr): rectangles,
 * rounded boxes with titles set into the top border (btop's look), and text
 * that is measured, clipped and sanitized before it reaches curses. Every
 * call names a role; Theme_attr turns it into colours. Nothing here knows
 * about processes.
 */
#ifndef FORKSCOPE_UI_DRAW_H
#define FORKSCOPE_UI_DRAW_H

#include <stdbool.h>

#include "ui/format/glyphs.h"
#include "ui/format/text.h"
#include "ui/theme/theme.h"

typedef struct Rect {
	int y, x, h, w;
} Rect;

static inline bool Rect_contains(Rect r, int y, int x)
{
	return y >= r.y && y < r.y + r.h && x >= r.x && x < r.x + r.w;
}

/* The inside of a box drawn on r (one cell of border on each side). */
static inline Rect Rect_inner(Rect r)
{
	return (Rect){ r.y + 1, r.x + 1, r.h - 2 > 0 ? r.h - 2 : 0, r.w - 2 > 0 ? r.w - 2 : 0 };
}

void Draw_set_glyphs(const Glyphs *g);
const Glyphs *Draw_glyphs(void);

/* Clears the screen to the normal role's background. */
void Draw_clear(void);
void Draw_fill(Rect r, ColorRole role);

/* Text at (y, x), at most maxw columns, clipped with an ellipsis. Returns
 * the columns drawn. */
int Draw_text(int y, int x, int maxw, const char *s, ColorRole role);
/* Text padded (or clipped) to exactly w columns. */
void Draw_cell(int y, int x, int w, const char *s, TextAlign align, ColorRole role);
/* A glyph repeated n times. */
void Draw_repeat(int y, int x, int n, const char *glyph, ColorRole role);

/* A rounded box on r with title (and an optional info text, dimmer) in the
 * top border, and an optional footer (scroll position, hints) in the bottom
 * border, right-aligned. active: the pane has the keyboard. */
void Draw_box(Rect r, const char *title, const char *info, const char *footer, bool active);

/* A scroll position: "12-30 of 81" or "" when everything fits. */
void Draw_scroll_footer(int top, int visible, int count, char *buf, unsigned len);

#endif
