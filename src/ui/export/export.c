/*
 * The export grid, its colours as drawn, and writing a file atomically in
 * the format its name asks for. The writers themselves are in
 * export_svg.c and export_text.c (animations: export_anim.c and
 * export_cast.c); filling a grid from curses in capture.c.
 *
 * Invariants: every cell is valid (text NUL-terminated; a width-2 cell is
 * followed by its width-0 continuation, and a continuation never stands
 * alone); a failed write leaves FILE as it was and no FILE.tmp behind.
 */
#include "ui/export/export_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/atomic_file.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "ui/theme/theme_internal.h"

/* A dark terminal: the default theme's text on a near-black background. */
static const unsigned char dark_fg[3] = {0xd0, 0xd0, 0xd0};
static const unsigned char dark_bg[3] = {0x16, 0x18, 0x1d};

static const ExportCell blank_cell = {
	.text = L" ", .width = 1, .fg = {.index = -1}, .bg = {.index = -1}, .attrs = 0,
};

ExportGrid *ExportGrid_new(int rows, int cols)
{
	ExportGrid *grid = xcalloc(1, sizeof *grid);

	grid->rows = rows > 0 ? rows : 0;
	grid->cols = cols > 0 ? cols : 0;
	grid->cells = xcalloc((size_t)grid->rows * (size_t)grid->cols + 1, sizeof *grid->cells);
	for (int i = 0; i < grid->rows * grid->cols; i++)
		grid->cells[i] = blank_cell;
	memcpy(grid->default_fg, dark_fg, 3);
	memcpy(grid->default_bg, dark_bg, 3);
	return grid;
}

void ExportGrid_delete(ExportGrid *grid)
{
	if (grid == NULL)
		return;
	free(grid->cells);
	free(grid);
}

ExportCell *ExportGrid_cell(ExportGrid *grid, int row, int col)
{
	if (row < 0 || col < 0 || row >= grid->rows || col >= grid->cols)
		return NULL;
	return &grid->cells[row * grid->cols + col];
}

const ExportCell *ExportGrid_cell_const(const ExportGrid *grid, int row, int col)
{
	return ExportGrid_cell((ExportGrid *)grid, row, col);
}

/* Before (row, col) is overwritten: a wide character it is half of
 * becomes a blank in its style. */
static void break_wide(ExportGrid *grid, int row, int col)
{
	ExportCell *cell = ExportGrid_cell(grid, row, col);
	ExportCell *other;

	if (cell->width == 0 && (other = ExportGrid_cell(grid, row, col - 1)) != NULL) {
		wcscpy(other->text, L" ");
		other->width = 1;
	} else if (cell->width == 2 && (other = ExportGrid_cell(grid, row, col + 1)) != NULL) {
		wcscpy(other->text, L" ");
		other->width = 1;
	}
}

static void set_cell(ExportGrid *grid, int row, int col, wchar_t ch, int width,
		     const ThemeStyle *style)
{
	ExportCell *cell = ExportGrid_cell(grid, row, col);

	break_wide(grid, row, col);
	cell->text[0] = ch;
	cell->text[1] = L'\0';
	cell->width = (unsigned char)width;
	cell->fg = style->fg;
	cell->bg = style->bg;
	cell->attrs = style->attrs;
	if (width == 2) {
		ExportCell *next = ExportGrid_cell(grid, row, col + 1);
		break_wide(grid, row, col + 1);
		*next = *cell;
		next->text[0] = L'\0';
		next->width = 0;
	}
}

static void add_combining(ExportGrid *grid, int row, int col, wchar_t ch)
{
	ExportCell *cell = ExportGrid_cell(grid, row, col);
	size_t n;

	if (cell && cell->width == 0)
		cell = ExportGrid_cell(grid, row, col - 1);
	if (cell == NULL || (n = wcslen(cell->text)) + 1 >= EXPORT_CELL_CHARS)
		return;
	cell->text[n] = ch;
	cell->text[n + 1] = L'\0';
}

int ExportGrid_put(ExportGrid *grid, int row, int col, const wchar_t *text,
		   const ThemeStyle *style)
{
	int start = col;

	if (row < 0 || row >= grid->rows || col < 0)
		return 0;
	for (; *text && col < grid->cols; text++) {
		wchar_t ch = *text;
		int width = wcwidth(ch);
		if (width == 0 && col > start) {
			add_combining(grid, row, col - 1, ch);
			continue;
		}
		if (width < 0 || width == 0) {
			ch = L'\xfffd';
			width = 1;
		}
		if (col + width > grid->cols)
			break;
		set_cell(grid, row, col, ch, width, style);
		col += width;
	}
	return col - start;
}

static void color_rgb(ThemeColor c, const unsigned char fallback[3], unsigned char rgb[3])
{
	if (!ThemeColor_rgb(c, rgb))
		memcpy(rgb, fallback, 3);
}

void ExportGrid_cell_rgb(const ExportGrid *grid, const ExportCell *cell,
			 unsigned char fg[3], unsigned char bg[3])
{
	unsigned char swap[3];

	color_rgb(cell->fg, grid->default_fg, fg);
	color_rgb(cell->bg, grid->default_bg, bg);
	if (cell->attrs & THEME_REVERSE) {
		memcpy(swap, fg, 3);
		memcpy(fg, bg, 3);
		memcpy(bg, swap, 3);
	}
	if (cell->attrs & THEME_DIM)
		for (int i = 0; i < 3; i++)
			fg[i] = (unsigned char)((fg[i] * 6 + bg[i] * 4 + 5) / 10);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && strcasecmp(s + n - m, suffix) == 0;
}

int ExportFormat_for(const char *file)
{
	if (file == NULL)
		return -1;
	if (ends_with(file, ".svg"))
		return EXPORT_SVG;
	if (ends_with(file, ".html") || ends_with(file, ".htm"))
		return EXPORT_HTML;
	if (ends_with(file, ".txt"))
		return EXPORT_TXT;
	return -1;
}

int ExportFrames_format_for(const char *file)
{
	if (file == NULL)
		return -1;
	if (ends_with(file, ".svg"))
		return EXPORT_SVG;
	if (ends_with(file, ".cast"))
		return EXPORT_CAST;
	return -1;
}

static int write_format(const ExportGrid *grid, ExportFormat format, FILE *out)
{
	switch (format) {
	case EXPORT_SVG:
		return ExportGrid_write_svg(grid, out);
	case EXPORT_HTML:
		return ExportGrid_write_html(grid, out);
	case EXPORT_TXT:
		return ExportGrid_write_txt(grid, out);
	case EXPORT_CAST:
		break;                    /* a recording of one frame is not a still */
	}
	return -1;
}

typedef struct GridWrite {
	const ExportGrid *grid;
	ExportFormat format;
} GridWrite;

static int write_grid(FILE *out, const void *ctx)
{
	const GridWrite *gw = ctx;

	return write_format(gw->grid, gw->format, out);
}

int ExportGrid_write(const ExportGrid *grid, const char *file, char *err, size_t errlen)
{
	int format = ExportFormat_for(file);
	GridWrite gw;

	if (err && errlen)
		err[0] = '\0';
	if (format < 0) {
		snprintf(err, errlen, _("%s: unknown screenshot format: the name must end "
			   "in .svg, .html or .txt"), file ? file : _("(none)"));
		return -1;
	}
	gw = (GridWrite){ .grid = grid, .format = (ExportFormat)format };
	if (atomic_file_write(file, write_grid, &gw) != 0) {
		snprintf(err, errlen, "%s: %s", file, strerror(errno));
		return -1;
	}
	return 0;
}
