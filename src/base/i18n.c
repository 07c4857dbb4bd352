/*
 * See i18n.h: whom the output is for (people, or programs reading JSON),
 * the bounded copy, and padding by terminal cells for the text reports.
 * printf's %-12s counts bytes: a Korean syllable is three bytes of UTF-8
 * and two cells on the screen, so a translated column header padded by
 * printf would push every column after it. Undecodable bytes count one
 * cell each, as the terminal shows them.
 */
#include "base/i18n.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

int i18n_cells(const char *s)
{
	mbstate_t st;
	size_t len = strlen(s), n;
	int cells = 0, w;
	wchar_t wc;

	memset(&st, 0, sizeof st);
	while (len > 0) {
		n = mbrtowc(&wc, s, len, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof st);
			n = 1;
			w = 1;
		} else {
			w = wcwidth(wc);
		}
		cells += w > 0 ? w : 0;
		s += n;
		len -= n;
	}
	return cells;
}

void i18n_fput(FILE *out, const char *s, int width)
{
	int pad = abs(width) - i18n_cells(s);

	if (width > 0 && pad > 0)
		fprintf(out, "%*s", pad, "");
	fputs(s, out);
	if (width < 0 && pad > 0)
		fprintf(out, "%*s", pad, "");
}

static bool machine_output;

void i18n_set_machine_output(bool machine)
{
	machine_output = machine;
}

bool i18n_machine_output(void)
{
	return machine_output;
}

const char *i18n_log_text(const char *msgid)
{
	return machine_output ? msgid : gettext(msgid);
}

const char *i18n_log_strerror(int err)
{
	static locale_t c_locale;

	if (!machine_output)
		return strerror(err);
	if (c_locale == (locale_t)0)
		c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	return c_locale != (locale_t)0 ? strerror_l(err, c_locale) : strerror(err);
}

bool i18n_translating(void)
{
	/* The empty msgid is reserved for a catalogue's header: gettext
	 * answers it with the header when a catalogue is in use, else "". */
	const char *header = gettext("");

	return header != NULL && header[0] != '\0';
}

size_t i18n_copy(char *dst, size_t dstlen, const char *src, size_t srclen)
{
	size_t n = strnlen(src, srclen);

	if (dstlen == 0)
		return 0;
	if (n >= dstlen) {
		/* src[n] is the first byte left out: if it continues a
		 * character (10xxxxxx), leave out that whole character. */
		n = dstlen - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
	return n;
}
