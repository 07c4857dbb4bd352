/*
 * The two themes compiled in: the default (the base every theme file is
 * read over, so a key a file lacks falls back to it) and the monochrome
 * attribute set used when colour is off (NO_COLOR, a colourless terminal).
 *
 * Invariant: these tables equal themes/default.theme and
 * themes/monochrome.theme key for key; tests/ui/test_theme checks it.
 * The default's colours are all exact xterm-256 colours, so a 256-colour
 * terminal shows them without rounding.
 */
#include "ui/theme/theme_internal.h"

#include <string.h>

#define RGB(x) {.is_rgb = true, .index = -1, \
		.r = ((x) >> 16) & 0xff, .g = ((x) >> 8) & 0xff, .b = (x) & 0xff}
#define DEF {.is_rgb = false, .index = -1}
#define STYLE(fg, bg, attrs) {fg, bg, attrs}

static const ThemeStyle default_style[ROLE_COUNT] = {
	[ROLE_NORMAL] = STYLE(RGB(0xd0d0d0), DEF, 0),
	[ROLE_DIM] = STYLE(RGB(0x808080), DEF, 0),
	[ROLE_TITLE] = STYLE(RGB(0xffffff), DEF, THEME_BOLD),
	[ROLE_BORDER] = STYLE(RGB(0x4e4e4e), DEF, 0),
	[ROLE_BORDER_ACTIVE] = STYLE(RGB(0x5fafff), DEF, 0),
	[ROLE_HEADER] = STYLE(RGB(0x87afd7), DEF, THEME_BOLD),
	[ROLE_SELECTED] = STYLE(RGB(0xffffff), RGB(0x005f87), THEME_BOLD),
	[ROLE_STATUS] = STYLE(RGB(0xbcbcbc), RGB(0x262626), 0),
	[ROLE_KEY] = STYLE(RGB(0xffaf5f), RGB(0x262626), THEME_BOLD),
	[ROLE_CAPTION] = STYLE(RGB(0xffd787), DEF, 0),
	[ROLE_WARNING] = STYLE(RGB(0xff5f5f), DEF, THEME_BOLD),
	[ROLE_TREE_LINE] = STYLE(RGB(0x585858), DEF, 0),
	[ROLE_TREE_NEW] = STYLE(RGB(0x5fd75f), DEF, THEME_BOLD),
	[ROLE_TREE_CHANGED] = STYLE(RGB(0x5fd7ff), DEF, 0),
	[ROLE_TREE_GHOST] = STYLE(RGB(0x6c6c6c), DEF, 0),
	[ROLE_TREE_ZOMBIE] = STYLE(RGB(0xff5f87), DEF, THEME_BOLD),
	[ROLE_TREE_HELD] = STYLE(RGB(0xffd700), DEF, THEME_BOLD),
	[ROLE_TREE_METHOD] = STYLE(RGB(0xaf87ff), DEF, 0),
	[ROLE_FD_CLOEXEC] = STYLE(RGB(0xff8700), DEF, THEME_BOLD),
	[ROLE_FD_SHARED] = STYLE(RGB(0x5fafff), DEF, 0),
	[ROLE_FD_PIPE] = STYLE(RGB(0x5fd7d7), DEF, 0),
	[ROLE_PAGE_SHARED] = STYLE(RGB(0x5f87ff), DEF, 0),
	[ROLE_PAGE_PRIVATE] = STYLE(RGB(0xff875f), DEF, 0),
	[ROLE_PAGE_ABSENT] = STYLE(RGB(0x4e4e4e), DEF, 0),
	[ROLE_PAGE_SWAPPED] = STYLE(RGB(0xaf5fd7), DEF, 0),
	[ROLE_SIG_BLOCKED] = STYLE(RGB(0xffaf00), DEF, 0),
	[ROLE_SIG_IGNORED] = STYLE(RGB(0x808080), DEF, 0),
	[ROLE_SIG_CAUGHT] = STYLE(RGB(0x5fd7af), DEF, 0),
	[ROLE_SIG_PENDING] = STYLE(RGB(0xff5f5f), DEF, THEME_BOLD),
	[ROLE_SIG_DIFF] = STYLE(RGB(0xffff87), DEF, THEME_BOLD | THEME_UNDERLINE),
	[ROLE_EVENT_CREATE] = STYLE(RGB(0x5fd75f), DEF, 0),
	[ROLE_EVENT_EXEC] = STYLE(RGB(0x5fafff), DEF, 0),
	[ROLE_EVENT_EXIT] = STYLE(RGB(0xff5f87), DEF, 0),
	[ROLE_EVENT_API] = STYLE(RGB(0xd7d7af), DEF, 0),
	[ROLE_EVENT_SIGNAL] = STYLE(RGB(0xffaf00), DEF, 0),
	[ROLE_CHART_1] = STYLE(RGB(0x5fafff), DEF, 0),
	[ROLE_CHART_2] = STYLE(RGB(0x5fd75f), DEF, 0),
	[ROLE_CHART_3] = STYLE(RGB(0xffaf00), DEF, 0),
	[ROLE_CHART_4] = STYLE(RGB(0xff5f87), DEF, 0),
	[ROLE_CHART_5] = STYLE(RGB(0xaf87ff), DEF, 0),
};

#define MONO(attrs) STYLE(DEF, DEF, attrs)

static const ThemeStyle monochrome_style[ROLE_COUNT] = {
	[ROLE_NORMAL] = MONO(0),
	[ROLE_DIM] = MONO(THEME_DIM),
	[ROLE_TITLE] = MONO(THEME_BOLD),
	[ROLE_BORDER] = MONO(0),
	[ROLE_BORDER_ACTIVE] = MONO(THEME_BOLD),
	[ROLE_HEADER] = MONO(THEME_BOLD | THEME_UNDERLINE),
	[ROLE_SELECTED] = MONO(THEME_REVERSE),
	[ROLE_STATUS] = MONO(THEME_REVERSE),
	[ROLE_KEY] = MONO(THEME_REVERSE | THEME_BOLD),
	[ROLE_CAPTION] = MONO(THEME_BOLD),
	[ROLE_WARNING] = MONO(THEME_BOLD | THEME_UNDERLINE),
	[ROLE_TREE_LINE] = MONO(THEME_DIM),
	[ROLE_TREE_NEW] = MONO(THEME_BOLD),
	[ROLE_TREE_CHANGED] = MONO(THEME_UNDERLINE),
	[ROLE_TREE_GHOST] = MONO(THEME_DIM),
	[ROLE_TREE_ZOMBIE] = MONO(THEME_BOLD | THEME_REVERSE),
	[ROLE_TREE_HELD] = MONO(THEME_BOLD | THEME_UNDERLINE),
	[ROLE_TREE_METHOD] = MONO(0),
	[ROLE_FD_CLOEXEC] = MONO(THEME_BOLD | THEME_UNDERLINE),
	[ROLE_FD_SHARED] = MONO(THEME_BOLD),
	[ROLE_FD_PIPE] = MONO(THEME_UNDERLINE),
	[ROLE_PAGE_SHARED] = MONO(0),
	[ROLE_PAGE_PRIVATE] = MONO(THEME_BOLD),
	[ROLE_PAGE_ABSENT] = MONO(THEME_DIM),
	[ROLE_PAGE_SWAPPED] = MONO(THEME_UNDERLINE),
	[ROLE_SIG_BLOCKED] = MONO(THEME_BOLD),
	[ROLE_SIG_IGNORED] = MONO(THEME_DIM),
	[ROLE_SIG_CAUGHT] = MONO(THEME_UNDERLINE),
	[ROLE_SIG_PENDING] = MONO(THEME_REVERSE),
	[ROLE_SIG_DIFF] = MONO(THEME_BOLD | THEME_UNDERLINE),
	[ROLE_EVENT_CREATE] = MONO(THEME_BOLD),
	[ROLE_EVENT_EXEC] = MONO(THEME_UNDERLINE),
	[ROLE_EVENT_EXIT] = MONO(THEME_DIM),
	[ROLE_EVENT_API] = MONO(0),
	[ROLE_EVENT_SIGNAL] = MONO(THEME_BOLD | THEME_UNDERLINE),
	[ROLE_CHART_1] = MONO(0),
	[ROLE_CHART_2] = MONO(THEME_BOLD),
	[ROLE_CHART_3] = MONO(THEME_DIM),
	[ROLE_CHART_4] = MONO(THEME_UNDERLINE),
	[ROLE_CHART_5] = MONO(THEME_REVERSE),
};

void Theme_builtin_default(Theme *out)
{
	memset(out, 0, sizeof *out);
	strcpy(out->name, "default");
	memcpy(out->style, default_style, sizeof default_style);
}

void Theme_builtin_monochrome(Theme *out)
{
	memset(out, 0, sizeof *out);
	strcpy(out->name, "monochrome");
	memcpy(out->style, monochrome_style, sizeof monochrome_style);
}
