/*
 * Theme colours as text and as RGB, and their downgrade to the colours a
 * terminal has. Pure functions: no curses, no allocation.
 *
 * The palette is xterm's default one: 16 ANSI colours, the 6x6x6 cube with
 * levels 0, 95, 135, 175, 215, 255 (indices 16-231) and 24 greys 8, 18, ...,
 * 238 (232-255). For 256 colours the nearest cube or grey colour is chosen
 * by the "redmean" approximation of perceived difference; for 16 and 8 the
 * hue is kept (a green stays green), since meaning rides on it.
 */
#include "ui/theme/theme_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "probe/textscan.h"

static const char *const color_names[16] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
	"brightblack", "brightred", "brightgreen", "brightyellow",
	"brightblue", "brightmagenta", "brightcyan", "brightwhite",
};

static const unsigned char ansi_rgb[16][3] = {
	{0x00, 0x00, 0x00}, {0xcd, 0x00, 0x00}, {0x00, 0xcd, 0x00}, {0xcd, 0xcd, 0x00},
	{0x00, 0x00, 0xee}, {0xcd, 0x00, 0xcd}, {0x00, 0xcd, 0xcd}, {0xe5, 0xe5, 0xe5},
	{0x7f, 0x7f, 0x7f}, {0xff, 0x00, 0x00}, {0x00, 0xff, 0x00}, {0xff, 0xff, 0x00},
	{0x5c, 0x5c, 0xff}, {0xff, 0x00, 0xff}, {0x00, 0xff, 0xff}, {0xff, 0xff, 0xff},
};

static const unsigned char cube_level[6] = {0, 95, 135, 175, 215, 255};

static bool token_is(const char *tok, size_t len, const char *word)
{
	return strlen(word) == len && strncasecmp(tok, word, len) == 0;
}

static int parse_hex(ThemeColor *out, const char *tok, size_t len)
{
	unsigned char v[3];

	if (len != 7)
		return -1;
	for (int i = 0; i < 3; i++) {
		int hi = hex_digit(tok[1 + 2 * i]), lo = hex_digit(tok[2 + 2 * i]);
		if (hi < 0 || lo < 0)
			return -1;
		v[i] = (unsigned char)(hi * 16 + lo);
	}
	*out = (ThemeColor){.is_rgb = true, .index = -1, .r = v[0], .g = v[1], .b = v[2]};
	return 0;
}

static int parse_number(ThemeColor *out, const char *tok, size_t len)
{
	int value = 0;

	if (len == 0 || len > 3)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (tok[i] < '0' || tok[i] > '9')
			return -1;
		value = value * 10 + (tok[i] - '0');
	}
	if (value > 255)
		return -1;
	*out = (ThemeColor){.is_rgb = false, .index = value};
	return 0;
}

int ThemeColor_parse(ThemeColor *out, const char *tok, size_t len)
{
	if (len > 0 && tok[0] == '#')
		return parse_hex(out, tok, len);
	if (len > 0 && tok[0] >= '0' && tok[0] <= '9')
		return parse_number(out, tok, len);
	if (token_is(tok, len, "default")) {
		*out = (ThemeColor){.is_rgb = false, .index = -1};
		return 0;
	}
	for (int i = 0; i < 16; i++) {
		if (token_is(tok, len, color_names[i])) {
			*out = (ThemeColor){.is_rgb = false, .index = i};
			return 0;
		}
	}
	return -1;
}

const char *ThemeColor_format(ThemeColor c, char *buf, size_t buflen)
{
	if (c.is_rgb)
		snprintf(buf, buflen, "#%02x%02x%02x", c.r, c.g, c.b);
	else if (c.index < 0)
		snprintf(buf, buflen, "default");
	else if (c.index < 16)
		snprintf(buf, buflen, "%s", color_names[c.index]);
	else
		snprintf(buf, buflen, "%d", c.index);
	return buf;
}

bool ThemeColor_equal(ThemeColor a, ThemeColor b)
{
	if (a.is_rgb != b.is_rgb)
		return false;
	if (a.is_rgb)
		return a.r == b.r && a.g == b.g && a.b == b.b;
	return a.index == b.index;
}

static void palette_rgb(int index, unsigned char rgb[3])
{
	if (index < 16) {
		memcpy(rgb, ansi_rgb[index], 3);
	} else if (index < 232) {
		int i = index - 16;
		rgb[0] = cube_level[i / 36];
		rgb[1] = cube_level[(i / 6) % 6];
		rgb[2] = cube_level[i % 6];
	} else {
		unsigned char level = (unsigned char)(8 + 10 * (index - 232));
		rgb[0] = rgb[1] = rgb[2] = level;
	}
}

bool ThemeColor_rgb(ThemeColor c, unsigned char rgb[3])
{
	if (c.is_rgb) {
		rgb[0] = c.r;
		rgb[1] = c.g;
		rgb[2] = c.b;
		return true;
	}
	if (c.index < 0 || c.index > 255)
		return false;
	palette_rgb(c.index, rgb);
	return true;
}

/* Squared "redmean" distance, scaled by 256 to stay in integers. */
static long color_distance(const unsigned char a[3], const unsigned char b[3])
{
	long rmean = (a[0] + b[0]) / 2;
	long dr = a[0] - b[0], dg = a[1] - b[1], db = a[2] - b[2];

	return ((512 + rmean) * dr * dr) + 1024 * dg * dg + ((767 - rmean) * db * db);
}

static int nearest_cube_level(unsigned char v)
{
	int best = 0;

	for (int i = 1; i < 6; i++)
		if (abs(v - cube_level[i]) < abs(v - cube_level[best]))
			best = i;
	return best;
}

int ThemeColor_nearest256(unsigned char r, unsigned char g, unsigned char b)
{
	const unsigned char want[3] = {r, g, b};
	unsigned char cube[3], grey[3];
	int ri = nearest_cube_level(r), gi = nearest_cube_level(g), bi = nearest_cube_level(b);
	int cube_index = 16 + 36 * ri + 6 * gi + bi;
	int avg = (r + g + b) / 3, grey_index;

	if (avg < 8)
		grey_index = 232;
	else if (avg > 238)
		grey_index = 255;
	else
		grey_index = 232 + (avg - 8 + 5) / 10;
	palette_rgb(cube_index, cube);
	palette_rgb(grey_index, grey);
	return color_distance(want, grey) < color_distance(want, cube) ? grey_index : cube_index;
}

/* The nearest of the 16 ANSI colours by meaning rather than by distance:
 * a terminal's 16 colours vary too much for distance to keep a green
 * green. Greys and very dark colours go to black, bright black, white or
 * bright white by lightness; other colours to the hue sector (red, yellow,
 * green, cyan, blue, magenta) they fall in, bright when light. */
static int nearest_ansi(const unsigned char rgb[3])
{
	static const unsigned char sector_color[6] = {1, 3, 2, 6, 4, 5};
	int r = rgb[0], g = rgb[1], b = rgb[2];
	int max = r > g ? (r > b ? r : b) : (g > b ? g : b);
	int min = r < g ? (r < b ? r : b) : (g < b ? g : b);
	int chroma = max - min, lightness = (max + min) / 2, hue, sector;

	if (lightness < 0x30)
		return 0;
	if (chroma < 0x30)
		return lightness < 0x88 ? 8 : lightness < 0xe0 ? 7 : 15;
	if (max == r)
		hue = (60 * (g - b) / chroma + 360) % 360;
	else if (max == g)
		hue = 120 + 60 * (b - r) / chroma;
	else
		hue = 240 + 60 * (r - g) / chroma;
	sector = ((hue + 30) % 360) / 60;
	return sector_color[sector] + ((max >= 0xe6 || lightness >= 0x80) ? 8 : 0);
}

int ThemeColor_downgrade(ThemeColor c, int ncolors, bool *bright)
{
	unsigned char rgb[3];
	int index;

	if (bright)
		*bright = false;
	if (!ThemeColor_rgb(c, rgb) || ncolors < 8)
		return -1;
	if (ncolors >= 256)
		return c.is_rgb ? ThemeColor_nearest256(c.r, c.g, c.b) : c.index;
	index = (!c.is_rgb && c.index < 16) ? c.index : nearest_ansi(rgb);
	if (ncolors >= 16 || index < 8)
		return index;
	if (bright)
		*bright = true;
	return index - 8;
}
