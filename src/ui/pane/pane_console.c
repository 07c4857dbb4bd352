/*
 * The terminal pane: the watched command's terminal (see console.h), cell
 * by cell, in its own colours and attributes; the cursor where the
 * command's cursor is, while the pane has the keyboard. Its title says
 * what runs there and who has the keyboard; scrolled back, the footer
 * says how far. Moving in it (PgUp, the wheel) scrolls the scrollback.
 */
#include "ui/pane/pane.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "base/i18n.h"
#include "base/strv.h"
#include "ui/console/console.h"
#include "ui/theme/theme.h"

/* A libvterm colour as a curses colour number: -1 for the default, the
 * palette index, or the nearest of the 256-colour cube and grey ramp (of
 * the first 8 on a terminal with fewer colours). */
static int curses_color(const VTermColor *c, bool fg)
{
	if ((fg && VTERM_COLOR_IS_DEFAULT_FG(c)) || (!fg && VTERM_COLOR_IS_DEFAULT_BG(c)))
		return -1;
	if (VTERM_COLOR_IS_INDEXED(c))
		return c->indexed.idx < COLORS ? c->indexed.idx : c->indexed.idx % 8;
	if (COLORS >= 256) {
		int r = c->rgb.red, g = c->rgb.green, b = c->rgb.blue;
		if (r == g && g == b)
			return r < 8 ? 16 : r > 238 ? 231 : 232 + (r - 8) / 10;
		return 16 + 36 * ((r * 5 + 127) / 255) + 6 * ((g * 5 + 127) / 255) + (b * 5 + 127) / 255;
	}
	return ((c->rgb.red > 127) ? 1 : 0) | ((c->rgb.green > 127) ? 2 : 0) |
	       ((c->rgb.blue > 127) ? 4 : 0);
}

/* The cell's attributes and colour pair; the theme's normal colours where
 * the command left the default. */
static attr_t cell_attrs(const VTermScreenCell *cell, int *pair)
{
	attr_t a = A_NORMAL;
	int fg = curses_color(&cell->fg, true), bg = curses_color(&cell->bg, false);

	if (cell->attrs.bold)
		a |= A_BOLD;
	if (cell->attrs.underline)
		a |= A_UNDERLINE;
	if (cell->attrs.italic)
		a |= A_ITALIC;
	if (cell->attrs.reverse)
		a |= A_REVERSE;
	if (cell->attrs.blink)
		a |= A_BLINK;
	*pair = 0;
	if (fg == -1 && bg == -1) {
		attr_t normal = (attr_t)Theme_attr(ROLE_NORMAL);
		*pair = PAIR_NUMBER(normal);
		return a | (normal & ~A_COLOR);
	}
	if (Theme_colour_applied()) {
		int p = alloc_pair(fg, bg);
		if (p > 0)
			*pair = p;
	}
	return a;
}

static void draw_cell(int y, int x, const VTermScreenCell *cell)
{
	wchar_t wc[VTERM_MAX_CHARS_PER_CELL + 1];
	cchar_t cc;
	int n = 0, pair;
	attr_t a = cell_attrs(cell, &pair);

	for (; n < VTERM_MAX_CHARS_PER_CELL && cell->chars[n] != 0; n++)
		wc[n] = (wchar_t)cell->chars[n];
	if (n == 0 || wcwidth(wc[0]) < 0)
		wc[n = 0] = L' ', n = 1;
	wc[n] = L'\0';
	if (setcchar(&cc, wc, a, (short)(pair <= SHRT_MAX ? pair : 0), pair > SHRT_MAX ? &pair : NULL) == OK)
		mvadd_wch(y, x, &cc);
}

/* What runs there: the title the program set, else its command line
 * (the run's, which outlives the source once the command ended). */
static void console_title(App *app, char *buf, size_t len)
{
	const char *title = Console_title(app->console);
	char command[96] = "";
	const char *what = title;

	strv_join(app->args.command, command, sizeof command);
	if (what[0] == '\0')
		what = command;

	if (Console_ended(app->console))
		snprintf(buf, len, _("terminal %s %s (ended)"), app->g->bullet, what);
	else
		snprintf(buf, len, _("terminal %s %s"), app->g->bullet, what);
}

static void console_draw(App *app, Rect r, bool active)
{
	Console *c = app->console;
	char title[160], info[64], footer[64] = "";
	int rows, cols, cy, cx;

	if (c == NULL)
		return;
	console_title(app, title, sizeof title);
	/* Who has the keyboard: said where the eye is, and in the status line. */
	snprintf(info, sizeof info, "%s", app->console_keys ? _("keys: terminal, Ctrl-] forkscope")
					  : Console_ended(c) ? "" : _("Ctrl-] to type here"));
	if (Console_scrollback(c) > 0)
		snprintf(footer, sizeof footer, _("%d lines back"), Console_scrollback(c));
	Draw_box(r, title, info, footer, active);
	rows = r.h - 2 < Console_rows(c) ? r.h - 2 : Console_rows(c);
	cols = r.w - 2 < Console_cols(c) ? r.w - 2 : Console_cols(c);
	for (int y = 0; y < rows; y++)
		for (int x = 0; x < cols; x++) {
			VTermScreenCell cell;
			Console_cell(c, y, x, &cell);
			if (cell.width == 0 || (cell.width > 1 && x + cell.width > cols))
				continue; /* the right half of a wide character, or one cut off */
			draw_cell(r.y + 1 + y, r.x + 1 + x, &cell);
		}
	attrset(A_NORMAL);
	app->console_cursor_y = app->console_cursor_x = -1;
	if (active && app->console_keys && Console_cursor(c, &cy, &cx) && cy < rows && cx < cols) {
		app->console_cursor_y = r.y + 1 + cy;
		app->console_cursor_x = r.x + 1 + cx;
	}
}

static unsigned console_move_by(App *app, int delta)
{
	Console *c = app->console;

	if (c == NULL)
		return ACT_NONE;
	if (delta == MOVE_HOME)
		delta = Console_scrollback_lines(c);
	else if (delta == MOVE_END)
		delta = -Console_scrollback(c);
	else
		delta = -delta; /* down the pane is forward in time */
	return Console_scroll(c, delta) ? ACT_REDRAW : ACT_NONE;
}

/* A click in the pane gives it the keyboard. */
static unsigned console_click(App *app, int row)
{
	(void)row;
	if (app->console == NULL || Console_ended(app->console))
		return ACT_NONE;
	app->console_keys = true;
	return ACT_REDRAW;
}

const PaneClass pane_console = {
	.id = PANE_CONSOLE, .title = N_("terminal"), .tab = N_("terminal"),
	.draw = console_draw, .move_by = console_move_by, .click = console_click,
};
