/*
 * What the theme modules share with each other and with the screenshot
 * export; drawing code uses theme.h only.
 *
 * Colours: ThemeColor index -1 is the terminal's default, 0-15 the ANSI
 * colours, 16-231 the xterm 6x6x6 cube, 232-255 the xterm grey ramp; RGB
 * colours are downgraded to the nearest colour a terminal has (for 16 and 8
 * colours the nearest in hue), never by changing the terminal's palette.
 */
#ifndef FORKSCOPE_UI_THEME_INTERNAL_H
#define FORKSCOPE_UI_THEME_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/theme/theme.h"

/* A theme file larger than this is refused, not parsed. */
#define THEME_FILE_MAX (64 * 1024)

/* Parses one colour token (len bytes, not NUL-terminated): a name, 0-255 or
 * #rrggbb. 0, or -1 if it is not a colour. */
int ThemeColor_parse(ThemeColor *out, const char *tok, size_t len);
/* "default", a name for 0-15, "123" or "#rrggbb"; buf of at least 16. */
const char *ThemeColor_format(ThemeColor c, char *buf, size_t buflen);
bool ThemeColor_equal(ThemeColor a, ThemeColor b);
/* The RGB of a palette index or RGB colour (xterm's default palette);
 * false for the terminal's default colour. */
bool ThemeColor_rgb(ThemeColor c, unsigned char rgb[3]);

/* The colour to use on a terminal with ncolors colours (8, 16, 256): -1
 * (default) or an index below ncolors. With 8 colours the bright half has
 * no colour of its own: *bright is set for a colour whose nearest match is
 * bright (index 8-15), so the caller may add bold (or dim for grey). */
int ThemeColor_downgrade(ThemeColor c, int ncolors, bool *bright);
/* Nearest xterm-256 colour (cube 16-231 or grey 232-255) to an RGB. */
int ThemeColor_nearest256(unsigned char r, unsigned char g, unsigned char b);

/* True if no role of the theme sets a foreground or background colour. */
bool Theme_is_monochrome(const Theme *theme);
/* The attributes-only theme that NO_COLOR and colourless terminals use
 * for a theme with colours; equals themes/monochrome.theme. */
void Theme_builtin_monochrome(Theme *out);
/* Finds the role whose key is the len bytes at key; -1 if none. */
int ColorRole_find(const char *key, size_t len);

/* After Theme_apply: the style that colour pair `pair` was made from (the
 * theme's exact colours, before any downgrade). False for pairs the theme
 * module did not make, and when the theme was applied without colour. */
bool Theme_pair_style(int pair, ThemeStyle *out);
/* The theme whose colours are on the screen (defaults resolved to the
 * normal role's colours); NULL before Theme_apply or when it was applied
 * without colour. Borrowed. */
const Theme *Theme_applied(void);

#endif
