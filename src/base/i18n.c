/*
 * Padding by terminal cells for the text reports (see i18n.h). printf's
 * %-12s counts bytes: a Korean syllable is three bytes of UTF-8 and two
 * cells on the screen, so a translated column header padded by printf
 * would push every column after it. Undecodable bytes count one cell each,
 * as the terminal shows them.
 */
#include "base/i18n.h"

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
