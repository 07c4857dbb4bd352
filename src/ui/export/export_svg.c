/*
 * The SVG writer: a terminal screenshot that looks the same in a browser,
 * on a code hosting site and through rsvg-convert.
 *
 * Layout: cells of SVG_CELL_W x SVG_CELL_H pixels inside a padded, rounded
 * background in the default background colour. Three layers: background
 * rectangles (one per run of cells with the same colour) and underlines;
 * line-drawing and block characters as paths (export_glyph.c), one path per
 * colour and kind per row; then exactly one <text> per screen row, whose
 * <tspan>s are runs of same-coloured, same-weight narrow characters placed
 * at their cell's x (a wide character is a run of its own). textLength
 * pins a run to its cells in viewers that honour it. Blanks at the ends of
 * a run are left out.
 *
 * The opening (declaration, <svg>, background) and the cells are separate
 * functions so that an animation (export_anim.c) draws each of its frames
 * exactly as a still of that screen.
 *
 * Invariant: the same grid gives the same bytes (no time, no randomness).
 */
#include "ui/export/export_internal.h"

#include <string.h>

/* Latin first; then a Korean monospace face (Debian's fonts-nanum, which
 * setup.sh installs, or fonts-noto-cjk) for the cells DejaVu has no glyph for. */
static const char font_family[] =
	"'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', 'Noto Sans Mono', "
	"'NanumGothicCoding', 'Noto Sans Mono CJK KR', monospace";

static int cell_x(int col)
{
	return SVG_PAD + col * SVG_CELL_W;
}

static int cell_y(int row)
{
	return SVG_PAD + row * SVG_CELL_H;
}

static bool cell_is_graphic(const ExportCell *cell)
{
	return cell->width == 1 && ExportGlyph_is_graphic(cell->text[0]);
}

int ExportGrid_svg_open(const ExportGrid *grid, FILE *out)
{
	int width = 2 * SVG_PAD + grid->cols * SVG_CELL_W;
	int height = 2 * SVG_PAD + grid->rows * SVG_CELL_H;
	char bg[8];

	return fprintf(out,
		       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		       "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		       "viewBox=\"0 0 %d %d\">\n"
		       "<rect width=\"%d\" height=\"%d\" rx=\"6\" fill=\"%s\"/>\n",
		       width, height, width, height, width, height,
		       Export_hex(grid->default_bg, bg)) < 0 ? -1 : 0;
}

static int write_rect(FILE *out, int x, int y, int w, int h, const unsigned char rgb[3])
{
	char hex[8];

	return fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n",
		       x, y, w, h, Export_hex(rgb, hex)) < 0 ? -1 : 0;
}

/* What a layer paints in a cell: false for nothing, else its colour. */
typedef bool (*CellPaint)(const ExportGrid *grid, const ExportCell *cell, unsigned char rgb[3]);

static bool paint_background(const ExportGrid *grid, const ExportCell *cell,
			     unsigned char rgb[3])
{
	unsigned char fg[3];

	ExportGrid_cell_rgb(grid, cell, fg, rgb);
	return memcmp(rgb, grid->default_bg, 3) != 0;
}

static bool paint_underline(const ExportGrid *grid, const ExportCell *cell,
			    unsigned char rgb[3])
{
	unsigned char bg[3];

	ExportGrid_cell_rgb(grid, cell, rgb, bg);
	return (cell->attrs & THEME_UNDERLINE) != 0;
}

/* One rectangle per run of cells painted the same colour, dy pixels below
 * the row's top and height pixels tall. */
static int write_paint_runs(const ExportGrid *grid, int row, CellPaint paint, int dy,
			    int height, FILE *out)
{
	unsigned char run[3], rgb[3];
	bool in_run = false;
	int start = 0;

	for (int col = 0; col <= grid->cols; col++) {
		bool painted = col < grid->cols &&
			       paint(grid, ExportGrid_cell_const(grid, row, col), rgb);
		if (in_run && (!painted || memcmp(rgb, run, 3) != 0)) {
			if (write_rect(out, cell_x(start), cell_y(row) + dy,
				       (col - start) * SVG_CELL_W, height, run) != 0)
				return -1;
			in_run = false;
		}
		if (painted && !in_run) {
			memcpy(run, rgb, 3);
			start = col;
			in_run = true;
		}
	}
	return 0;
}

static int write_backgrounds(const ExportGrid *grid, int row, FILE *out)
{
	if (write_paint_runs(grid, row, paint_background, 0, SVG_CELL_H, out) != 0)
		return -1;
	return write_paint_runs(grid, row, paint_underline, SVG_BASELINE + 2, 1, out);
}

/* The paths of one row: one per (colour, kind) seen, in order of first use. */
enum { PAINTS_MAX = 24 };

typedef struct RowPaint {
	unsigned char rgb[3];
	StrBuf paths[PAINT_KINDS];
} RowPaint;

typedef struct RowPaints {
	RowPaint paint[PAINTS_MAX];
	int count;
} RowPaints;

static int write_paint(FILE *out, const RowPaint *p)
{
	static const char *const opacity[PAINT_KINDS] = {
		[PAINT_SHADE1] = "0.25", [PAINT_SHADE2] = "0.5", [PAINT_SHADE3] = "0.75",
	};
	char hex[8];

	Export_hex(p->rgb, hex);
	for (int k = 0; k < PAINT_KINDS; k++) {
		int rc;
		if (p->paths[k].len == 0)
			continue;
		if (k == PAINT_LIGHT || k == PAINT_HEAVY)
			rc = fprintf(out, "<path d=\"%s\" stroke=\"%s\" stroke-width=\"%d\"/>\n",
				     p->paths[k].s, hex, k == PAINT_LIGHT ? 1 : 3);
		else if (k == PAINT_FILL)
			rc = fprintf(out, "<path d=\"%s\" fill=\"%s\"/>\n", p->paths[k].s, hex);
		else
			rc = fprintf(out, "<path d=\"%s\" fill=\"%s\" fill-opacity=\"%s\"/>\n",
				     p->paths[k].s, hex, opacity[k]);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int flush_paints(FILE *out, RowPaints *rp)
{
	int rc = 0;

	for (int i = 0; i < rp->count; i++) {
		if (rc == 0)
			rc = write_paint(out, &rp->paint[i]);
		for (int k = 0; k < PAINT_KINDS; k++)
			StrBuf_done(&rp->paint[i].paths[k]);
	}
	rp->count = 0;
	return rc;
}

static RowPaint *paint_for(FILE *out, RowPaints *rp, const unsigned char rgb[3], int *rc)
{
	for (int i = 0; i < rp->count; i++)
		if (memcmp(rp->paint[i].rgb, rgb, 3) == 0)
			return &rp->paint[i];
	if (rp->count == PAINTS_MAX && flush_paints(out, rp) != 0)
		*rc = -1;
	memset(&rp->paint[rp->count], 0, sizeof rp->paint[0]);
	memcpy(rp->paint[rp->count].rgb, rgb, 3);
	return &rp->paint[rp->count++];
}

static int write_graphics(const ExportGrid *grid, int row, FILE *out)
{
	RowPaints rp = {.count = 0};
	int rc = 0;

	for (int col = 0; col < grid->cols; col++) {
		const ExportCell *cell = ExportGrid_cell_const(grid, row, col);
		unsigned char fg[3], bg[3];
		if (!cell_is_graphic(cell))
			continue;
		ExportGrid_cell_rgb(grid, cell, fg, bg);
		ExportGlyph_draw(cell->text[0], cell_x(col), cell_y(row),
				 paint_for(out, &rp, fg, &rc)->paths);
	}
	if (flush_paints(out, &rp) != 0)
		rc = -1;
	return rc;
}

/* A text run: cells [start, end) of one row, all drawn in one style. */
typedef struct Run {
	int start, end;
	unsigned char fg[3];
	bool bold;
} Run;

static bool cell_joins(const ExportGrid *grid, const ExportCell *cell, const Run *run)
{
	unsigned char fg[3], bg[3];

	if (cell->width != 1 || cell_is_graphic(cell))
		return false;
	if (ExportCell_is_blank(cell))
		return true;
	ExportGrid_cell_rgb(grid, cell, fg, bg);
	return memcmp(fg, run->fg, 3) == 0 && run->bold == !!(cell->attrs & THEME_BOLD);
}

static int write_run(const ExportGrid *grid, int row, const Run *run, FILE *out)
{
	char hex[8];
	int cells = 0;

	for (int col = run->start; col < run->end; col++)
		cells += ExportGrid_cell_const(grid, row, col)->width;
	if (fprintf(out, "<tspan x=\"%d\"", cell_x(run->start)) < 0)
		return -1;
	if (cells > 1 && run->end - run->start == cells &&
	    fprintf(out, " textLength=\"%d\"", cells * SVG_CELL_W) < 0)
		return -1;
	if (memcmp(run->fg, grid->default_fg, 3) != 0 &&
	    fprintf(out, " fill=\"%s\"", Export_hex(run->fg, hex)) < 0)
		return -1;
	if (run->bold && fputs(" font-weight=\"bold\"", out) == EOF)
		return -1;
	if (putc('>', out) == EOF)
		return -1;
	for (int col = run->start; col < run->end; col++)
		if (Export_put_cell_text(out, ExportGrid_cell_const(grid, row, col), true) != 0)
			return -1;
	return fputs("</tspan>", out) == EOF ? -1 : 0;
}

/* The run that starts at col (a non-blank, non-graphic cell), trimmed of
 * trailing blanks. */
static Run run_at(const ExportGrid *grid, int row, int col)
{
	const ExportCell *cell = ExportGrid_cell_const(grid, row, col);
	unsigned char bg[3];
	Run run = {.start = col, .end = col + 1, .bold = !!(cell->attrs & THEME_BOLD)};

	ExportGrid_cell_rgb(grid, cell, run.fg, bg);
	if (cell->width == 1)
		for (int c = col + 1; c < grid->cols; c++) {
			const ExportCell *next = ExportGrid_cell_const(grid, row, c);
			if (!cell_joins(grid, next, &run))
				break;
			if (!ExportCell_is_blank(next))
				run.end = c + 1;
		}
	return run;
}

static int write_text_row(const ExportGrid *grid, int row, FILE *out)
{
	if (fprintf(out, "<text y=\"%d\">", cell_y(row) + SVG_BASELINE) < 0)
		return -1;
	for (int col = 0; col < grid->cols;) {
		const ExportCell *cell = ExportGrid_cell_const(grid, row, col);
		Run run;
		if (cell->width == 0 || ExportCell_is_blank(cell) || cell_is_graphic(cell) ||
		    cell->text[0] == L'\0') {
			col++;
			continue;
		}
		run = run_at(grid, row, col);
		if (write_run(grid, row, &run, out) != 0)
			return -1;
		col = run.end;
	}
	return fputs("</text>\n", out) == EOF ? -1 : 0;
}

int ExportGrid_svg_cells(const ExportGrid *grid, FILE *out)
{
	char fg[8];

	if (fputs("<g shape-rendering=\"crispEdges\">\n", out) == EOF)
		return -1;
	for (int row = 0; row < grid->rows; row++)
		if (write_backgrounds(grid, row, out) != 0)
			return -1;
	if (fputs("</g>\n<g fill=\"none\">\n", out) == EOF)
		return -1;
	for (int row = 0; row < grid->rows; row++)
		if (write_graphics(grid, row, out) != 0)
			return -1;
	if (fprintf(out, "</g>\n<g font-family=\"%s\" font-size=\"14.95\" fill=\"%s\" "
		    "xml:space=\"preserve\">\n", font_family, Export_hex(grid->default_fg, fg)) < 0)
		return -1;
	for (int row = 0; row < grid->rows; row++)
		if (write_text_row(grid, row, out) != 0)
			return -1;
	return fputs("</g>\n", out) == EOF ? -1 : 0;
}

int ExportGrid_write_svg(const ExportGrid *grid, FILE *out)
{
	if (ExportGrid_svg_open(grid, out) != 0 || ExportGrid_svg_cells(grid, out) != 0)
		return -1;
	return fputs("</svg>\n", out) == EOF ? -1 : 0;
}
