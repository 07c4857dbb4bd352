/*
 * The theme tests' search path and comparisons (see theme_test.h).
 */
#include "theme_test.h"

#include <stdlib.h>
#include <string.h>

static char *source_themes;   /* FORKSCOPE_THEMES as make check set it */

void theme_test_init(void)
{
	const char *themes = getenv("FORKSCOPE_THEMES");

	source_themes = themes ? strdup(themes) : NULL;
}

void theme_test_done(void)
{
	free(source_themes);
	source_themes = NULL;
}

/* Every test starts with the same search path: no user directory (a
 * developer's own themes must not change the results), the source tree's
 * themes, the data dir. */
void theme_test_setup(void)
{
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/nonexistent-home", 1);
	if (source_themes)
		setenv("FORKSCOPE_THEMES", source_themes, 1);
}

bool style_equal(const ThemeStyle *a, const ThemeStyle *b)
{
	return ThemeColor_equal(a->fg, b->fg) && ThemeColor_equal(a->bg, b->bg) &&
	       a->attrs == b->attrs;
}

ThemeColor rgb(unsigned v)
{
	return (ThemeColor){.is_rgb = true, .index = -1, .r = (v >> 16) & 0xff,
			    .g = (v >> 8) & 0xff, .b = v & 0xff};
}

ThemeColor idx(int i)
{
	return (ThemeColor){.is_rgb = false, .index = i};
}

