/*
 * Text measured in columns (see text.h). One decoder, text_next, is the
 * only place that looks at bytes: it yields one character at a time with
 * its width and its sanitized bytes, so width, fit and wrap agree.
 */
#include "ui/format/text.h"

#include <langinfo.h>
#include <string.h>
#include <wchar.h>

typedef struct TextChar {
	size_t in_len;     /* bytes consumed from the source */
	const char *out;   /* bytes to write: the source's, or "?" */
	size_t out_len;
	int width;         /* columns */
} TextChar;

/* Decodes the character at s (len > 0 bytes left). */
static TextChar text_next(const char *s, size_t len, mbstate_t *st)
{
	TextChar c = { .in_len = 1, .out = "?", .out_len = 1, .width = 1 };
	wchar_t wc;
	size_t n;
	int w;

	if ((unsigned char)s[0] < 0x80) {
		if ((unsigned char)s[0] >= 0x20 && s[0] != 0x7f) {
			c.out = s;
		}
		return c;
	}
	n = mbrtowc(&wc, s, len, st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		memset(st, 0, sizeof *st);
		return c;
	}
	w = wcwidth(wc);
	if (w < 0) /* a control or unprintable character */
		return (TextChar){ .in_len = n, .out = "?", .out_len = 1, .width = 1 };
	return (TextChar){ .in_len = n, .out = s, .out_len = n, .width = w };
}

int text_width(const char *s)
{
	mbstate_t st;
	size_t len = strlen(s);
	int cols = 0;

	memset(&st, 0, sizeof st);
	while (len > 0) {
		TextChar c = text_next(s, len, &st);
		cols += c.width;
		s += c.in_len;
		len -= c.in_len;
	}
	return cols;
}

/* Copies characters while they fit in cols; returns columns used and sets
 * *rest to the first byte not copied. */
static int copy_fitting(char *out, size_t outlen, size_t *olen, const char *s, int cols,
			const char **rest)
{
	mbstate_t st;
	size_t len = strlen(s);
	int used = 0;

	memset(&st, 0, sizeof st);
	while (len > 0) {
		TextChar c = text_next(s, len, &st);
		if (used + c.width > cols || *olen + c.out_len + 1 > outlen)
			break;
		memcpy(out + *olen, c.out, c.out_len);
		*olen += c.out_len;
		used += c.width;
		s += c.in_len;
		len -= c.in_len;
	}
	out[*olen] = '\0';
	*rest = s;
	return used;
}

int text_fit(char *out, size_t outlen, const char *s, int cols, const char *ellipsis)
{
	const char *rest;
	size_t olen = 0;
	int used, ewidth;

	if (outlen == 0)
		return 0;
	out[0] = '\0';
	if (cols <= 0)
		return 0;
	used = copy_fitting(out, outlen, &olen, s, cols, &rest);
	if (*rest == '\0' || ellipsis == NULL || ellipsis[0] == '\0')
		return used;
	/* It did not fit: redo with room for the ellipsis. */
	ewidth = text_width(ellipsis);
	if (ewidth > cols)
		return used;
	olen = 0;
	used = copy_fitting(out, outlen, &olen, s, cols - ewidth, &rest);
	if (olen + strlen(ellipsis) + 1 <= outlen) {
		memcpy(out + olen, ellipsis, strlen(ellipsis) + 1);
		used += ewidth;
	}
	return used;
}

void text_pad(char *out, size_t outlen, const char *s, int cols, TextAlign align,
	      const char *ellipsis)
{
	char fitted[1024];
	int used = text_fit(fitted, sizeof fitted, s, cols, ellipsis);
	int pad = cols - used;
	int left = align == ALIGN_RIGHT ? pad : align == ALIGN_CENTER ? pad / 2 : 0;
	size_t flen = strlen(fitted), o = 0;

	if (outlen == 0)
		return;
	for (int i = 0; i < left && o + 1 < outlen; i++)
		out[o++] = ' ';
	if (o + flen + 1 <= outlen) {
		memcpy(out + o, fitted, flen);
		o += flen;
	}
	for (int i = left; i < pad && o + 1 < outlen; i++)
		out[o++] = ' ';
	out[o] = '\0';
}

static void wrap_emit(TextLine *lines, size_t max, size_t *n, size_t start, size_t len)
{
	if (*n < max) {
		lines[*n].start = start;
		lines[*n].len = len;
	}
	(*n)++;
}

size_t text_wrap(const char *s, int cols, TextLine *lines, size_t max)
{
	mbstate_t st;
	size_t len = strlen(s), pos = 0, n = 0;

	if (cols < 1)
		cols = 1;
	memset(&st, 0, sizeof st);
	while (pos < len) {
		size_t line_start = pos, last_space = 0, p = pos;
		bool have_space = false;
		int used = 0;

		while (p < len && s[p] != '\n') {
			TextChar c = text_next(s + p, len - p, &st);
			if (used + c.width > cols)
				break;
			if (s[p] == ' ') {
				last_space = p;
				have_space = true;
			}
			used += c.width;
			p += c.in_len;
		}
		if (p >= len || s[p] == '\n') {
			wrap_emit(lines, max, &n, line_start, p - line_start);
			pos = p < len ? p + 1 : p;
			continue;
		}
		if (have_space && last_space > line_start) {
			wrap_emit(lines, max, &n, line_start, last_space - line_start);
			pos = last_space + 1;
		} else {
			if (p == line_start) /* one character wider than the line */
				p += text_next(s + p, len - p, &st).in_len;
			wrap_emit(lines, max, &n, line_start, p - line_start);
			pos = p;
		}
		while (pos < len && s[pos] == ' ')
			pos++;
	}
	return n;
}

bool text_locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}
