/*
 * Filling an export grid from ncurses' own cells, so that a screenshot is
 * what was drawn, never a re-parse of escape sequences.
 *
 * Model: every cell of the window is read with win_wch and split by
 * getcchar into its characters, attributes and (extended) colour pair. A
 * pair Theme_apply made maps back to the theme's exact colours (#rrggbb
 * before any downgrade to the terminal); any other pair maps through
 * extended_pair_content to palette indices (or RGB on a direct-colour
 * terminal). A wide character fills its cell and the next, which becomes
 * its continuation. Characters drawn with A_ALTCHARSET (ACS_HLINE and kin
 * when the locale is not UTF-8) become the Unicode characters they stand
 * for. The grid's default colours are the applied theme's normal colours
 * when it has them, so blank cells look as the theme intends.
 *
 * Invariant: the window's cursor is restored; for curscr that is ncurses'
 * idea of where the terminal's cursor is, which must not change.
 */
#include "ui/export/export.h"

#include <string.h>

#include "ui/theme/theme_internal.h"

/* The VT100 alternate character set as Unicode, indexed by the ASCII
 * character ncurses stores with A_ALTCHARSET. */
static wchar_t acs_unicode(wchar_t ch)
{
	static const struct {
		char acs;
		wchar_t uni;
	} map[] = {
		{'q', 0x2500}, {'x', 0x2502}, {'l', 0x250c}, {'k', 0x2510},
		{'m', 0x2514}, {'j', 0x2518}, {'t', 0x251c}, {'u', 0x2524},
		{'w', 0x252c}, {'v', 0x2534}, {'n', 0x253c}, {'`', 0x25c6},
		{'a', 0x2592}, {'f', 0x00b0}, {'g', 0x00b1}, {'~', 0x00b7},
		{',', 0x2190}, {'+', 0x2192}, {'.', 0x2193}, {'-', 0x2191},
		{'h', 0x2591}, {'i', 0x240b}, {'0', 0x2588}, {'o', 0x23ba},
		{'p', 0x23bb}, {'r', 0x23bc}, {'s', 0x23bd}, {'y', 0x2264},
		{'z', 0x2265}, {'{', 0x03c0}, {'|', 0x2260}, {'}', 0x00a3},
	};

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if ((wchar_t)map[i].acs == ch)
			return map[i].uni;
	return ch;
}

static unsigned attrs_from_curses(attr_t a)
{
	unsigned attrs = 0;

	if (a & A_BOLD)
		attrs |= THEME_BOLD;
	if (a & (A_REVERSE | A_STANDOUT))
		attrs |= THEME_REVERSE;
	if (a & A_UNDERLINE)
		attrs |= THEME_UNDERLINE;
	if (a & A_DIM)
		attrs |= THEME_DIM;
	return attrs;
}

/* A curses colour number as a theme colour. */
static ThemeColor color_from_number(int number)
{
	if (number < 0)
		return (ThemeColor){.is_rgb = false, .index = -1};
	if (COLORS >= 0x1000000 && number >= 8)
		return (ThemeColor){.is_rgb = true, .index = -1, .r = (number >> 16) & 0xff,
				    .g = (number >> 8) & 0xff, .b = number & 0xff};
	if (number > 255)
		return (ThemeColor){.is_rgb = false, .index = -1};
	return (ThemeColor){.is_rgb = false, .index = number};
}

static void colors_from_pair(int pair, ExportCell *cell)
{
	ThemeStyle style;
	int fg = -1, bg = -1;

	cell->fg = cell->bg = (ThemeColor){.is_rgb = false, .index = -1};
	if (pair <= 0)
		return;
	if (Theme_pair_style(pair, &style)) {
		cell->fg = style.fg;
		cell->bg = style.bg;
		return;
	}
	if (extended_pair_content(pair, &fg, &bg) == OK) {
		cell->fg = color_from_number(fg);
		cell->bg = color_from_number(bg);
	}
}

/* Reads (row, col) into cell; returns the cell's width (1 or 2). */
static int read_cell(WINDOW *win, int row, int col, ExportCell *cell)
{
	cchar_t cc;
	wchar_t wch[CCHARW_MAX + 1] = {0};
	attr_t attrs = A_NORMAL;
	short short_pair = 0;
	int pair = 0, width;

	*cell = (ExportCell){.text = L" ", .width = 1, .fg = {.index = -1}, .bg = {.index = -1}};
	if (mvwin_wch(win, row, col, &cc) == ERR)
		return 1;
	if (getcchar(&cc, wch, &attrs, &short_pair, &pair) == ERR)
		return 1;
	if (pair == 0)
		pair = short_pair;
	if ((attrs & A_ALTCHARSET) && wch[0] < 128)
		wch[0] = acs_unicode(wch[0]);
	if (wch[0] == L'\0')
		wch[0] = L' ';
	for (int i = 0; i < EXPORT_CELL_CHARS - 1 && wch[i]; i++) {
		cell->text[i] = wch[i];
		cell->text[i + 1] = L'\0';
	}
	cell->attrs = attrs_from_curses(attrs);
	colors_from_pair(pair, cell);
	width = wcwidth(wch[0]);
	cell->width = width == 2 ? 2 : 1;
	return cell->width;
}

static void set_default_colors(ExportGrid *grid)
{
	const Theme *theme = Theme_applied();

	if (theme == NULL)
		return;
	ThemeColor_rgb(theme->style[ROLE_NORMAL].fg, grid->default_fg);
	ThemeColor_rgb(theme->style[ROLE_NORMAL].bg, grid->default_bg);
}

ExportGrid *ExportGrid_capture(WINDOW *win)
{
	ExportGrid *grid;
	int rows, cols, cursor_row, cursor_col;

	if (win == NULL)
		return NULL;
	getmaxyx(win, rows, cols);
	if (rows <= 0 || cols <= 0)
		return NULL;
	grid = ExportGrid_new(rows, cols);
	set_default_colors(grid);
	getyx(win, cursor_row, cursor_col);
	for (int row = 0; row < rows; row++) {
		for (int col = 0; col < cols;) {
			ExportCell *cell = ExportGrid_cell(grid, row, col);
			int width = read_cell(win, row, col, cell);
			if (width == 2 && col + 1 < cols) {
				ExportCell *next = ExportGrid_cell(grid, row, col + 1);
				*next = *cell;
				next->text[0] = L'\0';
				next->width = 0;
			} else if (width == 2) {
				cell->width = 1;
				cell->text[0] = L' ';
				cell->text[1] = L'\0';
			}
			col += width;
		}
	}
	wmove(win, cursor_row, cursor_col);
	return grid;
}
