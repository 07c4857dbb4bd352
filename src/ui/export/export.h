/*
 * Screenshot export: a grid of cells, filled from ncurses' own screen, and
 * written as SVG, HTML or plain text; a sequence of grids (the frames of a
 * scenario, one per step) written as an animated SVG or an asciicast.
 *
 * Model: rows x cols cells, row-major. A cell holds the wide characters
 * drawn in it (a base character and its combining marks, NUL-terminated),
 * its width (1; 2 for a wide character, whose next cell is a continuation
 * of width 0 and empty text), colours as the theme states them (palette
 * index, RGB or the terminal's default) and THEME_* attributes. The grid's
 * default colours stand for the terminal's own foreground and background.
 *
 * Output is deterministic (the same grid gives the same bytes) and written
 * atomically: FILE.tmp is written, then renamed over FILE, so an error
 * never leaves a half-written FILE.
 */
#ifndef FORKSCOPE_UI_EXPORT_H
#define FORKSCOPE_UI_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <wchar.h>
#include <curses.h>

#include "ui/theme/theme.h"

enum { EXPORT_CELL_CHARS = 6 };   /* CCHARW_MAX (5) characters and a NUL */

typedef struct ExportCell {
	wchar_t text[EXPORT_CELL_CHARS];  /* L"" in a continuation cell */
	unsigned char width;              /* 1, 2 (wide), 0 (continuation) */
	ThemeColor fg, bg;                /* index -1: the grid's default colour */
	unsigned attrs;                   /* THEME_BOLD | THEME_REVERSE | ... */
} ExportCell;

typedef struct ExportGrid {
	int rows, cols;
	ExportCell *cells;                /* owned; rows * cols */
	unsigned char default_fg[3];      /* the terminal's own colours, RGB */
	unsigned char default_bg[3];
} ExportGrid;

typedef enum ExportFormat {
	EXPORT_SVG,
	EXPORT_HTML,
	EXPORT_TXT,
	EXPORT_CAST,                      /* asciicast v2: frames only */
} ExportFormat;

/* One screen of an animation and how long it stays. */
typedef struct ExportFrame {
	ExportGrid *grid;                 /* owned */
	int dwell_ms;
} ExportFrame;

typedef struct ExportFrames {
	ExportFrame *frame;               /* owned; count of them, in order */
	int count, cap;
	const char *title;                /* borrowed; NULL: none */
	long long timestamp;              /* Unix seconds of the recording; 0: left out */
} ExportFrames;

/* A grid of blank cells in the default colours (a dark terminal). */
ExportGrid *ExportGrid_new(int rows, int cols);
void ExportGrid_delete(ExportGrid *grid);
/* NULL outside the grid. */
ExportCell *ExportGrid_cell(ExportGrid *grid, int row, int col);
const ExportCell *ExportGrid_cell_const(const ExportGrid *grid, int row, int col);
/* Writes text from (row, col) in one style, wide characters taking two
 * cells and combining marks joining the cell before; clipped at the row's
 * end. Returns the columns used. */
int ExportGrid_put(ExportGrid *grid, int row, int col, const wchar_t *text,
		   const ThemeStyle *style);
/* The colours of a cell as drawn: defaults resolved, reverse and dim
 * applied. */
void ExportGrid_cell_rgb(const ExportGrid *grid, const ExportCell *cell,
			 unsigned char fg[3], unsigned char bg[3]);

/* The format for a file name's extension (.svg, .html or .htm, .txt,
 * any case); -1 for anything else. */
int ExportFormat_for(const char *file);
/* Writes the grid to FILE in the format its extension names, atomically.
 * 0; or -1 with a message naming FILE in err. */
int ExportGrid_write(const ExportGrid *grid, const char *file, char *err, size_t errlen);
/* The writers, to an open stream. 0, or -1 on a write error. */
int ExportGrid_write_svg(const ExportGrid *grid, FILE *out);
int ExportGrid_write_html(const ExportGrid *grid, FILE *out);
int ExportGrid_write_txt(const ExportGrid *grid, FILE *out);

void ExportFrames_init(ExportFrames *frames);
void ExportFrames_done(ExportFrames *frames);
/* Appends a frame; the frames take grid (freed by ExportFrames_done). */
void ExportFrames_add(ExportFrames *frames, ExportGrid *grid, int dwell_ms);
/* When frame i starts, and the length of the whole loop, in ms. */
long ExportFrames_start_ms(const ExportFrames *frames, int i);
long ExportFrames_total_ms(const ExportFrames *frames);
/* The animation format for a file name: EXPORT_SVG (.svg) or EXPORT_CAST
 * (.cast), any case; -1 for anything else. */
int ExportFrames_format_for(const char *file);
/* Writes the frames to FILE in the format its extension names, atomically.
 * 0; or -1 with a message naming FILE in err. */
int ExportFrames_write(const ExportFrames *frames, const char *file, char *err, size_t errlen);
/* One SVG whose CSS animation shows each frame in turn for its dwell,
 * looping; each frame a <g class="frame" id="fN"> (N from 1) drawn as the
 * still of its grid. The frames share the first one's size and colours.
 * 0, or -1 on a write error (or no frames). */
int ExportFrames_write_svg(const ExportFrames *frames, FILE *out);
/* An asciicast v2 recording: a JSON header line, then one output event per
 * frame at the time it starts (clear, home, the cells with SGR colours). */
int ExportFrames_write_cast(const ExportFrames *frames, FILE *out);

/* Fills a new grid from what ncurses holds for win (curscr: what is on the
 * terminal after the last refresh; stdscr or any window: what was drawn
 * into it). Each cell is read with win_wch; its colour pair maps back to
 * the applied theme's exact colours when Theme_apply made the pair, else
 * through extended_pair_content to palette indices. ACS line drawing
 * becomes the Unicode characters it stands for. The window's cursor is
 * left where it was. NULL if win is NULL or empty. */
ExportGrid *ExportGrid_capture(WINDOW *win);

#endif
