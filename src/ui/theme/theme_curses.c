/*
 * The curses side of themes: one colour pair per role, made for the
 * terminal in use, and the attr_t drawing code asks for by role.
 *
 * Model: role r draws with pair r + 1 (pairs above ROLE_COUNT are free for
 * the ui's own use). "default" in the normal role is the terminal's own
 * colour; in any other role it means the normal role's colour, so a theme
 * that sets a background of its own is uniform. Colours are downgraded to
 * COLORS (256, 16 or 8; with 8, a bright foreground becomes bold, a grey
 * one dim white); a direct-colour terminal (COLORS >= 2^24, e.g.
 * xterm-direct) gets the exact RGB. The terminal's palette is never changed.
 *
 * Without colour (monochrome asked for, as with NO_COLOR, or a terminal with
 * fewer than 8 colours) only attributes are used: the theme's own when it
 * is attributes-only, else the built-in monochrome set, so every theme
 * stays readable.
 */
#include "ui/theme/theme_internal.h"

#include <curses.h>
#include <limits.h>

static Theme applied;              /* defaults resolved to normal's colours */
static bool applied_colour;        /* pairs were made from `applied` */
static bool role_has_pair[ROLE_COUNT];
static attr_t role_attr[ROLE_COUNT];

static attr_t attrs_to_curses(unsigned attrs)
{
	attr_t a = A_NORMAL;

	if (attrs & THEME_BOLD)
		a |= A_BOLD;
	if (attrs & THEME_REVERSE)
		a |= A_REVERSE;
	if (attrs & THEME_UNDERLINE)
		a |= A_UNDERLINE;
	if (attrs & THEME_DIM)
		a |= A_DIM;
	return a;
}

static bool color_is_default(ThemeColor c)
{
	return !c.is_rgb && c.index < 0;
}

static void resolve_defaults(Theme *t)
{
	const ThemeStyle *normal = &t->style[ROLE_NORMAL];

	for (int r = 0; r < ROLE_COUNT; r++) {
		if (r == ROLE_NORMAL)
			continue;
		if (color_is_default(t->style[r].fg))
			t->style[r].fg = normal->fg;
		if (color_is_default(t->style[r].bg))
			t->style[r].bg = normal->bg;
	}
}

/* Direct colour: values 0-7 are the palette, anything else is 0xRRGGBB. */
static int direct_color(ThemeColor c)
{
	unsigned char rgb[3];
	int value;

	if (!c.is_rgb && c.index < 8)
		return c.index;
	ThemeColor_rgb(c, rgb);
	value = (rgb[0] << 16) | (rgb[1] << 8) | rgb[2];
	return value < 8 ? 8 : value;
}

/* The colour number for a pair; adds bold/dim to *extra for a bright
 * foreground on an 8-colour terminal. */
static int color_number(ThemeColor c, bool is_fg, bool have_default, attr_t *extra)
{
	bool bright;
	int index;

	if (color_is_default(c))
		return have_default ? -1 : (is_fg ? COLOR_WHITE : COLOR_BLACK);
	if (COLORS >= 0x1000000)
		return direct_color(c);
	index = ThemeColor_downgrade(c, COLORS, &bright);
	if (bright && is_fg) {
		if (index == COLOR_BLACK) {
			index = COLOR_WHITE;
			*extra |= A_DIM;
		} else {
			*extra |= A_BOLD;
		}
	}
	return index;
}

static int make_pair(int pair, int fg, int bg)
{
#ifdef NCURSES_EXT_COLORS
	return init_extended_pair(pair, fg, bg);
#else
	if (fg > SHRT_MAX || bg > SHRT_MAX)
		return ERR;
	return init_pair((short)pair, (short)fg, (short)bg);
#endif
}

static void apply_colour(bool have_default)
{
	for (int r = 0; r < ROLE_COUNT; r++) {
		const ThemeStyle *s = &applied.style[r];
		attr_t extra = A_NORMAL;
		int pair = r + 1;
		int fg = color_number(s->fg, true, have_default, &extra);
		int bg = color_number(s->bg, false, have_default, &extra);

		role_attr[r] = attrs_to_curses(s->attrs) | extra;
		role_has_pair[r] = pair < COLOR_PAIRS && make_pair(pair, fg, bg) == OK;
		if (role_has_pair[r])
			role_attr[r] |= COLOR_PAIR(pair);
	}
}

static void apply_monochrome(const Theme *theme)
{
	Theme mono;

	if (!Theme_is_monochrome(theme)) {
		Theme_builtin_monochrome(&mono);
		theme = &mono;
	}
	for (int r = 0; r < ROLE_COUNT; r++) {
		role_attr[r] = attrs_to_curses(theme->style[r].attrs);
		role_has_pair[r] = false;
	}
}

void Theme_apply(const Theme *theme, bool monochrome)
{
	bool colour = !monochrome && has_colors();

	applied = *theme;
	resolve_defaults(&applied);
	if (colour && COLORS == 0)
		start_color();
	colour = colour && COLORS >= 8 && COLOR_PAIRS > 1;
	applied_colour = colour;
	if (colour)
		apply_colour(use_default_colors() == OK);
	else
		apply_monochrome(theme);
}

bool Theme_colour_applied(void)
{
	return applied_colour;
}

unsigned long Theme_attr(ColorRole role)
{
	if ((int)role < 0 || role >= ROLE_COUNT)
		return A_NORMAL;
	return role_attr[role];
}

bool Theme_pair_style(int pair, ThemeStyle *out)
{
	if (!applied_colour || pair < 1 || pair > ROLE_COUNT || !role_has_pair[pair - 1])
		return false;
	*out = applied.style[pair - 1];
	return true;
}

const Theme *Theme_applied(void)
{
	return applied_colour ? &applied : NULL;
}
