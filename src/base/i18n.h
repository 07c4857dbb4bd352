/*
 * Translation: every user-visible string goes through gettext, with the
 * catalogues of po/ (Korean first: the course notes forkscope follows are
 * Korean). _() translates where it is called; N_() only marks a string for
 * xgettext. Static tables (scenario rows, column headers, key help) carry
 * N_() strings and are translated with _() where they are shown. Machine
 * output (JSON keys and values, CSV, the demo protocol's words) is never
 * translated; the demo helper's prose is, when forkscope asks it to
 * (FORKSCOPE_TRANSLATE, see scenario/protocol.h). Built with
 * --disable-nls, both are the identity and the binding calls vanish. Text
 * reports pad translated columns by terminal cells, not bytes.
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

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifdef LOCALEDIR
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/self_exe.h"

/*
 * Where this program's catalogues are. Installed, the configured localedir
 * (LOCALEDIR, from configure). Run from the build tree without make install
 * (<top>/src/forkscope, <top>/src/forkscope-demo, <top> holding config.status),
 * the catalogues the build lays out for gettext in <top>/po/locale
 * (LANG/LC_MESSAGES/forkscope.mo, compiled from po/LANG.po): the program
 * finds them from its own location, /proc/self/exe, so that a forkscope
 * built but not installed speaks the user's language, and so does the demo
 * helper it starts, whatever the environment says. FORKSCOPE_LOCALEDIR,
 * read where the domain is bound, still wins over both.
 *
 * Both programs bind with LOCALEDIR, and the demo helper links only libc:
 * hence a static function here, and LOCALEDIR redefined below to call it
 * (the configured path is expanded into the function before that).
 */
static inline const char *i18n_localedir(void)
{
	static const char suffix[] = "/po/locale";
	static char dir[PATH_MAX];
	char top[PATH_MAX];
	struct stat st;
	char *slash;
	size_t len;

	if (!self_exe(top, sizeof top))
		return LOCALEDIR;
	/* <top>/src/PROGRAM: cut PROGRAM, then src. */
	if ((slash = strrchr(top, '/')) == NULL)
		return LOCALEDIR;
	*slash = '\0';
	if ((slash = strrchr(top, '/')) == NULL || strcmp(slash + 1, "src") != 0)
		return LOCALEDIR;
	*slash = '\0';
	len = strlen(top);
	if (len + sizeof "/config.status" > sizeof dir)
		return LOCALEDIR;
	memcpy(dir, top, len);
	memcpy(dir + len, "/config.status", sizeof "/config.status");
	if (stat(dir, &st) != 0 || !S_ISREG(st.st_mode))
		return LOCALEDIR;
	memcpy(dir + len, suffix, sizeof suffix);
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return LOCALEDIR;
	return dir;
}
#undef LOCALEDIR
#define LOCALEDIR i18n_localedir()
#endif

/*
 * Words made far from where they are printed (a note the runner adds to
 * the event log, why the proc connector was refused) can end up in JSON,
 * which stays English. main says once, from the command line, whether the
 * output is for programs; L_() translates unless it is. xgettext knows L_
 * as a keyword.
 */
void i18n_set_machine_output(bool machine);
bool i18n_machine_output(void);
const char *i18n_log_text(const char *msgid);
#define L_(msgid) i18n_log_text(msgid)
/* strerror for such texts: in English when the output is for programs. */
const char *i18n_log_strerror(int err);

/* Is gettext translating here: was a catalogue found for the user's
 * language? (False in English, in the C locale and with --disable-nls.) */
bool i18n_translating(void);

/* Cells the text takes on a terminal (wcwidth: 2 for a Korean syllable). */
int i18n_cells(const char *s);
/* Writes s padded to |width| cells, like printf's %*s: right-aligned when
 * width > 0, left-aligned when width < 0. Longer text is not cut. */
void i18n_fput(FILE *out, const char *s, int width);
/* Copies at most srclen bytes of src into dst (dstlen bytes, NUL included),
 * cut before a UTF-8 character that does not fit whole, so that a bounded
 * copy of translated text never ends in half a syllable. Returns the bytes
 * copied. */
size_t i18n_copy(char *dst, size_t dstlen, const char *src, size_t srclen);

#endif
