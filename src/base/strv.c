/* String vectors as text: see strv.h. */
#include "base/strv.h"

#include <stdio.h>

void strv_join(char *const *v, char *buf, size_t len)
{
	size_t o = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; v != NULL && v[i] != NULL && o + 1 < len; i++) {
		int n = snprintf(buf + o, len - o, "%s%s", i ? " " : "", v[i]);
		if (n < 0)
			break;
		o += (size_t)n;
	}
}
