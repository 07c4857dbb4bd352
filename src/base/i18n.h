/*
 * Translation: every user-visible string goes through gettext, with the
 * catalogues of po/ (Korean first: the course notes forkscope follows are
 * Korean). _() translates where it is called; N_() only marks a string for
 * xgettext. Static tables (scenario rows, column headers, key help) carry
 * N_() strings and are translated with _() where they are shown. Machine
 * output (JSON keys and values, CSV, the demo protocol) is never translated.
 * Built with --disable-nls, both are the identity and the binding calls
 * vanish. Text reports pad translated columns by terminal cells, not bytes.
 */
#ifndef FORKSCOPE_BASE_I18N_H
#define FORKSCOPE_BASE_I18N_H

#if defined ENABLE_NLS && ENABLE_NLS
#include <libintl.h>
#define _(msgid) gettext(msgid)
#else
#include <stddef.h>
#define _(msgid) ((const char *)(msgid))
#define gettext(msgid) ((const char *)(msgid))
#define ngettext(one, many, n) ((n) == 1 ? (const char *)(one) : (const char *)(many))
static inline const char *bindtextdomain(const char *domain, const char *dir)
{
	(void)domain;
	(void)dir;
	return NULL;
}

static inline const char *textdomain(const char *domain)
{
	(void)domain;
	return NULL;
}
#endif

#define N_(msgid) msgid

#include <stdio.h>

/* Cells the text takes on a terminal (wcwidth: 2 for a Korean syllable). */
int i18n_cells(const char *s);
/* Writes s padded to |width| cells, like printf's %*s: right-aligned when
 * width > 0, left-aligned when width < 0. Longer text is not cut. */
void i18n_fput(FILE *out, const char *s, int width);

#endif
