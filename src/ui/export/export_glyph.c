/*
 * Line-drawing (U+2500-U+257F) and block (U+2580-U+259F) characters as SVG
 * path data, so that borders, trees and page maps join across cells
 * whatever font the viewer has.
 *
 * Model: a box character is up to four arms (up, right, down, left), each
 * none, light (1px), heavy (3px) or double (two 1px lines 4px apart),
 * from the cell's centre to its edge. Centres sit on half pixels so 1px and
 * 3px lines are crisp at 1:1. An arm starts past the centre by the half
 * width of the widest arm across it, so joins are square and closed; the
 * two lines of a double arm start at the inner or outer line of a double
 * arm across them, as ╔ and ╬ need. Dashes, arcs and diagonals are special
 * rows; blocks are rectangles (eighths, halves, quadrants) and shades.
 */
#include "ui/export/export_internal.h"

enum { ARM_NONE, ARM_LIGHT, ARM_HEAVY, ARM_DOUBLE };
enum { UP, RIGHT, DOWN, LEFT };

/* Arms of U+2500-U+257F as "URDL" digits (0 none, 1 light, 2 heavy,
 * 3 double); "" for the diagonals, drawn apart. */
static const char box_arms[128][5] = {
	"0101", "0202", "1010", "2020", "0101", "0202", "1010", "2020",   /* 2500 */
	"0101", "0202", "1010", "2020", "0110", "0210", "0120", "0220",   /* 2508 */
	"0011", "0012", "0021", "0022", "1100", "1200", "2100", "2200",   /* 2510 */
	"1001", "1002", "2001", "2002", "1110", "1210", "2110", "1120",   /* 2518 */
	"2120", "2210", "1220", "2220", "1011", "1012", "2011", "1021",   /* 2520 */
	"2021", "2012", "1022", "2022", "0111", "0112", "0211", "0212",   /* 2528 */
	"0121", "0122", "0221", "0222", "1101", "1102", "1201", "1202",   /* 2530 */
	"2101", "2102", "2201", "2202", "1111", "1112", "1211", "1212",   /* 2538 */
	"2111", "1121", "2121", "2112", "2211", "1122", "1221", "2212",   /* 2540 */
	"1222", "2122", "2221", "2222", "0101", "0202", "1010", "2020",   /* 2548 */
	"0303", "3030", "0310", "0130", "0330", "0013", "0031", "0033",   /* 2550 */
	"1300", "3100", "3300", "1003", "3001", "3003", "1310", "3130",   /* 2558 */
	"3330", "1013", "3031", "3033", "0313", "0131", "0333", "1303",   /* 2560 */
	"3101", "3303", "1313", "3131", "3333", "0110", "0011", "1001",   /* 2568 */
	"1100", "", "", "", "0001", "1000", "0100", "0010",               /* 2570 */
	"0002", "2000", "0200", "0020", "0201", "1020", "0102", "2010",   /* 2578 */
};

static const double arm_half[4] = {0, 0.5, 1.5, 2.5};

typedef struct Cell {
	int x, y;              /* top-left corner */
	double cx, cy;         /* centre, on half pixels */
	StrBuf *paths;
} Cell;

static double max2(double a, double b)
{
	return a > b ? a : b;
}

/* A straight line across the arm's axis position `across`, from `from` to
 * `to` along it. */
static void line(StrBuf *path, bool horizontal, double across, double from, double to)
{
	if (horizontal)
		StrBuf_printf(path, "M%g %gH%g", from, across, to);
	else
		StrBuf_printf(path, "M%g %gV%g", across, from, to);
}

static void draw_arm(const Cell *c, int dir, const int arms[4])
{
	bool horizontal = dir == RIGHT || dir == LEFT;
	int sign = (dir == RIGHT || dir == DOWN) ? 1 : -1;
	double centre = horizontal ? c->cx : c->cy;
	double across = horizontal ? c->cy : c->cx;
	double edge = horizontal ? (dir == RIGHT ? c->x + SVG_CELL_W : c->x)
				 : (dir == DOWN ? c->y + SVG_CELL_H : c->y);
	int before = horizontal ? arms[UP] : arms[LEFT];
	int after = horizontal ? arms[DOWN] : arms[RIGHT];
	int arm = arms[dir];

	if (arm != ARM_DOUBLE) {
		double start = centre - sign * max2(arm_half[before], arm_half[after]);
		line(&c->paths[arm == ARM_HEAVY ? PAINT_HEAVY : PAINT_LIGHT], horizontal,
		     across, start, edge);
		return;
	}
	for (int side = -1; side <= 1; side += 2) {
		int near = side < 0 ? before : after, far = side < 0 ? after : before;
		double off;
		if (before == ARM_NONE && after == ARM_NONE)
			off = 0;
		else if (near == ARM_DOUBLE)
			off = 1.5;     /* the inner line of the double arm across */
		else if (near != ARM_NONE || far != ARM_DOUBLE)
			off = -0.5;    /* the single line across */
		else
			off = -2.5;    /* the outer line of the double arm across */
		line(&c->paths[PAINT_LIGHT], horizontal, across + side * 2, centre + sign * off,
		     edge);
	}
}

static void draw_dashes(const Cell *c, bool horizontal, int count, int weight)
{
	double length = horizontal ? SVG_CELL_W : SVG_CELL_H;
	double step = length / count;
	StrBuf *path = &c->paths[weight == ARM_HEAVY ? PAINT_HEAVY : PAINT_LIGHT];

	for (int i = 0; i < count; i++) {
		double from = (horizontal ? c->x : c->y) + i * step + step * 0.2;
		line(path, horizontal, horizontal ? c->cy : c->cx, from, from + step * 0.6);
	}
}

/* ╭ ╮ ╯ ╰: a quarter curve joining the two arms through the centre. */
static void draw_arc(const Cell *c, const int arms[4])
{
	double r = 4;
	double hx = arms[RIGHT] ? c->x + SVG_CELL_W : c->x;
	double vy = arms[DOWN] ? c->y + SVG_CELL_H : c->y;
	double sx = arms[RIGHT] ? 1 : -1, sy = arms[DOWN] ? 1 : -1;

	StrBuf_printf(&c->paths[PAINT_LIGHT], "M%g %gH%gQ%g %g %g %gV%g", hx, c->cy,
		      c->cx + sx * r, c->cx, c->cy, c->cx, c->cy + sy * r, vy);
}

static void draw_diagonal(const Cell *c, wchar_t ch)
{
	StrBuf *path = &c->paths[PAINT_LIGHT];

	if (ch != 0x2572)
		StrBuf_printf(path, "M%d %dL%d %d", c->x + SVG_CELL_W, c->y, c->x,
			      c->y + SVG_CELL_H);
	if (ch != 0x2571)
		StrBuf_printf(path, "M%d %dL%d %d", c->x, c->y, c->x + SVG_CELL_W,
			      c->y + SVG_CELL_H);
}

static void draw_box(const Cell *c, wchar_t ch)
{
	const char *spec = box_arms[ch - 0x2500];
	int arms[4];

	if (spec[0] == '\0') {
		draw_diagonal(c, ch);
		return;
	}
	for (int i = 0; i < 4; i++)
		arms[i] = spec[i] - '0';
	if ((ch >= 0x2504 && ch <= 0x250b) || (ch >= 0x254c && ch <= 0x254f)) {
		int count = ch >= 0x254c ? 2 : (ch <= 0x2507 ? 3 : 4);
		bool horizontal = arms[RIGHT] != ARM_NONE;
		draw_dashes(c, horizontal, count, horizontal ? arms[RIGHT] : arms[UP]);
		return;
	}
	if (ch >= 0x256d && ch <= 0x2570) {
		draw_arc(c, arms);
		return;
	}
	for (int dir = UP; dir <= LEFT; dir++)
		if (arms[dir] != ARM_NONE)
			draw_arm(c, dir, arms);
}

/* A rectangle in eighths of the cell: left, top, width, height. */
static void block(const Cell *c, PaintKind kind, int left, int top, int width, int height)
{
	double w = SVG_CELL_W / 8.0, h = SVG_CELL_H / 8.0;

	StrBuf_printf(&c->paths[kind], "M%g %gh%gv%gh%gz", c->x + left * w, c->y + top * h,
		      width * w, height * h, -width * w);
}

static void draw_quadrants(const Cell *c, unsigned mask)
{
	if (mask & 1)
		block(c, PAINT_FILL, 0, 0, 4, 4);
	if (mask & 2)
		block(c, PAINT_FILL, 4, 0, 4, 4);
	if (mask & 4)
		block(c, PAINT_FILL, 0, 4, 4, 4);
	if (mask & 8)
		block(c, PAINT_FILL, 4, 4, 4, 4);
}

static void draw_block(const Cell *c, wchar_t ch)
{
	/* ▖ ▗ ▘ ▙ ▚ ▛ ▜ ▝ ▞ ▟ as quadrant masks: 1 UL, 2 UR, 4 LL, 8 LR */
	static const unsigned char quadrants[10] = {4, 8, 1, 13, 9, 7, 11, 2, 6, 14};

	if (ch == 0x2580)
		block(c, PAINT_FILL, 0, 0, 8, 4);
	else if (ch <= 0x2588)
		block(c, PAINT_FILL, 0, 8 - (int)(ch - 0x2580), 8, (int)(ch - 0x2580));
	else if (ch <= 0x258f)
		block(c, PAINT_FILL, 0, 0, (int)(0x2590 - ch), 8);
	else if (ch == 0x2590)
		block(c, PAINT_FILL, 4, 0, 4, 8);
	else if (ch <= 0x2593)
		block(c, (PaintKind)(PAINT_SHADE1 + (ch - 0x2591)), 0, 0, 8, 8);
	else if (ch == 0x2594)
		block(c, PAINT_FILL, 0, 0, 8, 1);
	else if (ch == 0x2595)
		block(c, PAINT_FILL, 7, 0, 1, 8);
	else
		draw_quadrants(c, quadrants[ch - 0x2596]);
}

bool ExportGlyph_is_graphic(wchar_t ch)
{
	return ch >= 0x2500 && ch <= 0x259f;
}

bool ExportGlyph_draw(wchar_t ch, int x, int y, StrBuf paths[PAINT_KINDS])
{
	Cell c = {.x = x, .y = y, .cx = x + 4.5, .cy = y + 8.5, .paths = paths};

	if (!ExportGlyph_is_graphic(ch))
		return false;
	if (ch < 0x2580)
		draw_box(&c, ch);
	else
		draw_block(&c, ch);
	return true;
}
