/*
 * Text measured in terminal columns, without curses: UTF-8 (or whatever the
 * locale's multibyte encoding is) decoded with mbrtowc and measured with
 * wcwidth. Every function writes sanitized text: bytes that do not decode and
 * control characters become '?', so what the panes draw never moves the
 * cursor and always takes the columns it was measured to take.
 *
 * Pure functions over strings; the ui's panes and the unit tests use them.
 */
#ifndef FORKSCOPE_UI_TEXT_H
#define FORKSCOPE_UI_TEXT_H

#include <stdbool.h>
#include <stddef.h>

typedef enum TextAlign { ALIGN_LEFT, ALIGN_RIGHT, ALIGN_CENTER } TextAlign;

/* Columns the text takes when drawn (after sanitizing). */
int text_width(const char *s);

/* Writes the longest prefix of s that fits in cols columns into out (always
 * NUL-terminated). With ellipsis, a text that does not fit ends in the
 * ellipsis string ("…" or "~") inside the cols. Returns the columns used. */
int text_fit(char *out, size_t outlen, const char *s, int cols, const char *ellipsis);

/* Like text_fit, then pads with spaces to exactly cols columns. */
void text_pad(char *out, size_t outlen, const char *s, int cols, TextAlign align,
	      const char *ellipsis);

/* One line of wrapped text: bytes [start, start + len) of the source. */
typedef struct TextLine {
	size_t start, len;
} TextLine;

/* Wraps s at spaces into lines of at most cols columns (a word longer than
 * a line is cut); '\n' ends a line. Writes at most max lines, returns how
 * many the whole text needs. */
size_t text_wrap(const char *s, int cols, TextLine *lines, size_t max);

/* Does the locale encode text as UTF-8 (after setlocale)? */
bool text_locale_is_utf8(void);

#endif
