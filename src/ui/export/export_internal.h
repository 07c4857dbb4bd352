/*
 * What the export writers share: a growing string, character output as
 * UTF-8 (independent of the locale; wchar_t is UCS-4 on Linux) with
 * optional XML escaping, and the SVG geometry of line-drawing and block
 * characters.
 *
 * Invariant: Export_put_char writes only characters XML 1.0 allows:
 * controls become spaces, surrogates and non-characters U+FFFD.
 */
#ifndef FORKSCOPE_UI_EXPORT_INTERNAL_H
#define FORKSCOPE_UI_EXPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <wchar.h>

#include "ui/export/export.h"

/* The SVG's cell, in pixels: 9 x 18 with a 14.95px DejaVu Sans Mono, whose
 * advance (0.602 em) is 9.0. */
enum { SVG_CELL_W = 9, SVG_CELL_H = 18, SVG_BASELINE = 14, SVG_PAD = 10 };

typedef struct StrBuf {
	char *s;       /* owned, NUL-terminated once anything is written */
	size_t len, cap;
} StrBuf;

void StrBuf_printf(StrBuf *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void StrBuf_clear(StrBuf *buf);
void StrBuf_done(StrBuf *buf);

/* Writes c as UTF-8; with xml, escapes & < > and ". Returns 0 or EOF. */
int Export_put_char(FILE *out, wchar_t c, bool xml);
/* Writes a cell's characters (see Export_put_char). */
int Export_put_cell_text(FILE *out, const ExportCell *cell, bool xml);
/* True for a blank cell: one space. */
bool ExportCell_is_blank(const ExportCell *cell);
/* "#rrggbb" into buf (8 bytes). */
const char *Export_hex(const unsigned char rgb[3], char buf[8]);

/* The start of an SVG of grid's size: the XML declaration, the <svg>
 * element left open, and the background. 0, or -1 on a write error. */
int ExportGrid_svg_open(const ExportGrid *grid, FILE *out);
/* The grid's cells as SVG, its three layers (backgrounds and underlines,
 * line drawing, text) each in its own <g>. 0, or -1 on a write error. */
int ExportGrid_svg_cells(const ExportGrid *grid, FILE *out);

/* How a drawn character is painted: stroked lines or filled areas. */
typedef enum PaintKind {
	PAINT_LIGHT,     /* 1px lines */
	PAINT_HEAVY,     /* 3px lines */
	PAINT_FILL,      /* solid areas */
	PAINT_SHADE1,    /* areas at 25%, 50%, 75% (░ ▒ ▓) */
	PAINT_SHADE2,
	PAINT_SHADE3,
	PAINT_KINDS
} PaintKind;

/* True if ch is drawn as graphics (box drawing U+2500-U+257F, block
 * elements U+2580-U+259F) rather than as a font glyph. */
bool ExportGlyph_is_graphic(wchar_t ch);
/* Appends the path data of ch in the cell whose top-left corner is (x, y)
 * to paths[kind]. False (nothing appended) if ch is not graphic. */
bool ExportGlyph_draw(wchar_t ch, int x, int y, StrBuf paths[PAINT_KINDS]);

#endif
