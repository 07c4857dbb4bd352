/* libFuzzer target: forkscope.conf lines, parsed into settings. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/session.h"
#include "ui/settings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Settings s;
	char err[256];

	Settings_init(&s);
	(void)Settings_parse(&s, (const char *)data, size, "fuzz.conf", err, sizeof err);
	/* Whatever was taken is within its range. */
	if (memchr(s.theme, '\0', sizeof s.theme) == NULL || s.refresh_tenths < 0 ||
	    s.refresh_tenths > 600 || (s.words_per_minute != 0 && s.words_per_minute < 30) ||
	    s.words_per_minute > 1500 || s.ghosts < -1 || s.ghosts > 1 || s.sort < -1 ||
	    s.sort >= TREE_ORDER_COUNT || s.columns < -1 || s.columns > TREE_COLUMNS_ALL ||
	    (s.sort >= 0 && settings_sort_name(s.sort) == NULL))
		abort();
	return 0;
}
