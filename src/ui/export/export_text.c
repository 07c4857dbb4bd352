/*
 * The text writers: plain text (each row's characters, trailing blanks
 * trimmed) and HTML (a <pre> of styled spans, colours as the SVG has
 * them), and the character output both share with the SVG writer.
 *
 * Characters are encoded as UTF-8 here rather than through the C library,
 * so the output does not depend on the locale.
 */
#include "ui/export/export_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

void StrBuf_printf(StrBuf *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (buf->len + (size_t)n + 1 > buf->cap) {
		buf->cap = (buf->len + (size_t)n + 1) * 2;
		buf->s = xrealloc(buf->s, buf->cap);
	}
	va_start(ap, fmt);
	vsnprintf(buf->s + buf->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	buf->len += (size_t)n;
}

void StrBuf_clear(StrBuf *buf)
{
	buf->len = 0;
	if (buf->s)
		buf->s[0] = '\0';
}

void StrBuf_done(StrBuf *buf)
{
	free(buf->s);
	*buf = (StrBuf){0};
}

static wchar_t sanitize(wchar_t c)
{
	unsigned long u = (unsigned long)c;

	if (u < 0x20 || (u >= 0x7f && u < 0xa0))
		return L' ';
	if ((u >= 0xd800 && u < 0xe000) || u == 0xfffe || u == 0xffff || u > 0x10ffff)
		return L'\xfffd';
	return c;
}

static int put_utf8(FILE *out, unsigned long u)
{
	char b[4];
	size_t n;

	if (u < 0x80) {
		b[0] = (char)u;
		n = 1;
	} else if (u < 0x800) {
		b[0] = (char)(0xc0 | (u >> 6));
		b[1] = (char)(0x80 | (u & 0x3f));
		n = 2;
	} else if (u < 0x10000) {
		b[0] = (char)(0xe0 | (u >> 12));
		b[1] = (char)(0x80 | ((u >> 6) & 0x3f));
		b[2] = (char)(0x80 | (u & 0x3f));
		n = 3;
	} else {
		b[0] = (char)(0xf0 | (u >> 18));
		b[1] = (char)(0x80 | ((u >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((u >> 6) & 0x3f));
		b[3] = (char)(0x80 | (u & 0x3f));
		n = 4;
	}
	return fwrite(b, 1, n, out) == n ? 0 : EOF;
}

int Export_put_char(FILE *out, wchar_t c, bool xml)
{
	c = sanitize(c);
	if (xml) {
		switch (c) {
		case L'&':
			return fputs("&amp;", out) < 0 ? EOF : 0;
		case L'<':
			return fputs("&lt;", out) < 0 ? EOF : 0;
		case L'>':
			return fputs("&gt;", out) < 0 ? EOF : 0;
		case L'"':
			return fputs("&quot;", out) < 0 ? EOF : 0;
		default:
			break;
		}
	}
	return put_utf8(out, (unsigned long)c);
}

int Export_put_cell_text(FILE *out, const ExportCell *cell, bool xml)
{
	for (int i = 0; i < EXPORT_CELL_CHARS && cell->text[i]; i++)
		if (Export_put_char(out, cell->text[i], xml) != 0)
			return EOF;
	return 0;
}

bool ExportCell_is_blank(const ExportCell *cell)
{
	return cell->width == 1 && (cell->text[0] == L' ' || cell->text[0] == L'\0') &&
	       (cell->text[0] == L'\0' || cell->text[1] == L'\0');
}

const char *Export_hex(const unsigned char rgb[3], char buf[8])
{
	snprintf(buf, 8, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
	return buf;
}

/* The last column of the row that shows anything (-1 if none). */
static int last_visible(const ExportGrid *grid, int row, bool colours_count)
{
	for (int col = grid->cols - 1; col >= 0; col--) {
		const ExportCell *cell = ExportGrid_cell_const(grid, row, col);
		unsigned char fg[3], bg[3];
		if (!ExportCell_is_blank(cell))
			return col;
		if (!colours_count)
			continue;
		ExportGrid_cell_rgb(grid, cell, fg, bg);
		if (memcmp(bg, grid->default_bg, 3) != 0 || (cell->attrs & THEME_UNDERLINE))
			return col;
	}
	return -1;
}

int ExportGrid_write_txt(const ExportGrid *grid, FILE *out)
{
	for (int row = 0; row < grid->rows; row++) {
		int last = last_visible(grid, row, false);
		for (int col = 0; col <= last; col++) {
			const ExportCell *cell = ExportGrid_cell_const(grid, row, col);
			if (cell->width == 0)
				continue;
			if (cell->text[0] == L'\0' ? putc(' ', out) == EOF
						   : Export_put_cell_text(out, cell, false) != 0)
				return -1;
		}
		if (putc('\n', out) == EOF)
			return -1;
	}
	return 0;
}

/* The style of a cell as HTML: the CSS of its span, "" for the default. */
static void html_style(const ExportGrid *grid, const ExportCell *cell, char css[160])
{
	unsigned char fg[3], bg[3];
	char hex[8];
	size_t n = 0;

	ExportGrid_cell_rgb(grid, cell, fg, bg);
	css[0] = '\0';
	if (memcmp(fg, grid->default_fg, 3) != 0)
		n += (size_t)snprintf(css + n, 160 - n, "color:%s;", Export_hex(fg, hex));
	if (memcmp(bg, grid->default_bg, 3) != 0)
		n += (size_t)snprintf(css + n, 160 - n, "background:%s;", Export_hex(bg, hex));
	if (cell->attrs & THEME_BOLD)
		n += (size_t)snprintf(css + n, 160 - n, "font-weight:bold;");
	if (cell->attrs & THEME_UNDERLINE)
		snprintf(css + n, 160 - n, "text-decoration:underline;");
}

static int html_header(const ExportGrid *grid, FILE *out)
{
	char fg[8], bg[8];

	Export_hex(grid->default_fg, fg);
	Export_hex(grid->default_bg, bg);
	return fprintf(out,
		       "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
		       "<title>forkscope</title>\n<style>\n"
		       "body { margin: 0; background: %s; }\n"
		       "pre { display: inline-block; margin: 0; padding: %dpx; color: %s; "
		       "background: %s;\n"
		       "      font: 15px/%dpx \"DejaVu Sans Mono\", Menlo, Consolas, "
		       "\"Liberation Mono\", monospace; }\n"
		       "</style>\n</head>\n<body><pre>",
		       bg, SVG_PAD, fg, bg, SVG_CELL_H) < 0 ? -1 : 0;
}

static int html_row(const ExportGrid *grid, int row, FILE *out)
{
	int last = last_visible(grid, row, true);
	char open[160] = "", css[160];
	bool in_span = false;

	for (int col = 0; col <= last; col++) {
		const ExportCell *cell = ExportGrid_cell_const(grid, row, col);
		if (cell->width == 0)
			continue;
		html_style(grid, cell, css);
		if (!in_span || strcmp(css, open) != 0) {
			if (in_span && fputs("</span>", out) == EOF)
				return -1;
			in_span = css[0] != '\0';
			if (in_span && fprintf(out, "<span style=\"%s\">", css) < 0)
				return -1;
			strcpy(open, css);
		}
		if (Export_put_cell_text(out, cell, true) != 0)
			return -1;
	}
	if (in_span && fputs("</span>", out) == EOF)
		return -1;
	return putc('\n', out) == EOF ? -1 : 0;
}

int ExportGrid_write_html(const ExportGrid *grid, FILE *out)
{
	if (html_header(grid, out) != 0)
		return -1;
	for (int row = 0; row < grid->rows; row++)
		if (html_row(grid, row, out) != 0)
			return -1;
	return fputs("</pre></body>\n</html>\n", out) == EOF ? -1 : 0;
}
