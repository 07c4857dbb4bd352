/*
 * Theme_apply on real terminals made with newterm() on /dev/null at 80x24:
 * xterm-256color (exact xterm-256 colours, defaults resolved to the normal
 * role's), xterm (8 colours: bright as bold, grey as dim white), vt100 and
 * NO_COLOR (attributes only, the built-in monochrome set for a colour theme).
 */
#include <check.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/theme/theme.h"
#include "ui/theme/theme_internal.h"

static char *source_themes;   /* FORKSCOPE_THEMES as make check set it */

static void setup(void)
{
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/nonexistent-home", 1);
	if (source_themes)
		setenv("FORKSCOPE_THEMES", source_themes, 1);
}

static ThemeColor rgb(unsigned v)
{
	return (ThemeColor){.is_rgb = true, .index = -1, .r = (v >> 16) & 0xff,
			    .g = (v >> 8) & 0xff, .b = v & 0xff};
}

static ThemeColor idx(int i)
{
	return (ThemeColor){.is_rgb = false, .index = i};
}

static SCREEN *open_terminal(const char *type, FILE **out, FILE **in)
{
	SCREEN *screen;

	*out = fopen("/dev/null", "w");
	*in = fopen("/dev/null", "r");
	ck_assert_ptr_nonnull(*out);
	ck_assert_ptr_nonnull(*in);
	setenv("LINES", "24", 1);
	setenv("COLUMNS", "80", 1);
	screen = newterm(type, *out, *in);
	ck_assert_msg(screen != NULL, "no terminfo entry for %s", type);
	return screen;
}

static void close_terminal(SCREEN *screen, FILE *out, FILE *in)
{
	endwin();
	delscreen(screen);
	fclose(out);
	fclose(in);
}

START_TEST(apply_in_256_colours)
{
	FILE *out, *in;
	SCREEN *screen = open_terminal("xterm-256color", &out, &in);
	Theme def;
	ThemeStyle style;
	int fg, bg;
	unsigned long a;

	Theme_builtin_default(&def);
	Theme_apply(&def, false);
	ck_assert_int_eq(COLORS, 256);
	a = Theme_attr(ROLE_TREE_NEW);
	ck_assert(a & A_BOLD);
	ck_assert_int_eq(PAIR_NUMBER(a), ROLE_TREE_NEW + 1);
	ck_assert_int_eq(extended_pair_content(ROLE_TREE_NEW + 1, &fg, &bg), OK);
	ck_assert_int_eq(fg, 77);
	ck_assert_int_eq(bg, -1);
	ck_assert_int_eq(extended_pair_content(ROLE_SELECTED + 1, &fg, &bg), OK);
	ck_assert_int_eq(fg, 231);
	ck_assert_int_eq(bg, 24);
	ck_assert(Theme_pair_style(ROLE_TREE_NEW + 1, &style));
	ck_assert(ThemeColor_equal(style.fg, rgb(0x5fd75f)));
	/* "default" in a role is the normal role's colour. */
	ck_assert(ThemeColor_equal(style.bg, idx(-1)));
	ck_assert(!Theme_pair_style(0, &style));
	ck_assert(!Theme_pair_style(ROLE_COUNT + 1, &style));
	ck_assert_ptr_nonnull(Theme_applied());
	ck_assert_uint_eq(Theme_attr(ROLE_COUNT), A_NORMAL);
	close_terminal(screen, out, in);
}
END_TEST

START_TEST(apply_resolves_defaults_to_normal)
{
	FILE *out, *in;
	SCREEN *screen = open_terminal("xterm-256color", &out, &in);
	Theme t;
	ThemeStyle style;
	int fg, bg;
	char err[256];

	ck_assert_int_eq(Theme_load(&t, "solarized-dark", err, sizeof err), 0);
	Theme_apply(&t, false);
	ck_assert(Theme_pair_style(ROLE_TREE_NEW + 1, &style));
	ck_assert(ThemeColor_equal(style.bg, rgb(0x002b36)));
	ck_assert_int_eq(extended_pair_content(ROLE_TREE_NEW + 1, &fg, &bg), OK);
	ck_assert_int_eq(bg, 234);
	close_terminal(screen, out, in);
}
END_TEST

START_TEST(apply_in_8_colours)
{
	FILE *out, *in;
	SCREEN *screen = open_terminal("xterm", &out, &in);
	Theme t;
	int fg, bg;
	char err[256];

	ck_assert_int_eq(Theme_load(&t, "high-contrast", err, sizeof err), 0);
	Theme_apply(&t, false);
	ck_assert_int_eq(COLORS, 8);
	/* brightgreen on black: green, made bright with bold. */
	ck_assert_int_eq(extended_pair_content(ROLE_TREE_NEW + 1, &fg, &bg), OK);
	ck_assert_int_eq(fg, COLOR_GREEN);
	ck_assert_int_eq(bg, COLOR_BLACK);
	ck_assert(Theme_attr(ROLE_TREE_NEW) & A_BOLD);
	/* The default theme's grey ghosts: white, dim (never black on black). */
	Theme_builtin_default(&t);
	Theme_apply(&t, false);
	ck_assert_int_eq(extended_pair_content(ROLE_TREE_GHOST + 1, &fg, &bg), OK);
	ck_assert_int_eq(fg, COLOR_WHITE);
	ck_assert(Theme_attr(ROLE_TREE_GHOST) & A_DIM);
	close_terminal(screen, out, in);
}
END_TEST

START_TEST(apply_monochrome_uses_attributes_only)
{
	FILE *out, *in;
	SCREEN *screen = open_terminal("xterm-256color", &out, &in);
	Theme def, mono;

	Theme_builtin_default(&def);
	Theme_builtin_monochrome(&mono);
	Theme_apply(&def, true);   /* NO_COLOR */
	for (int r = 0; r < ROLE_COUNT; r++)
		ck_assert_int_eq(PAIR_NUMBER(Theme_attr((ColorRole)r)), 0);
	ck_assert(Theme_attr(ROLE_SELECTED) & A_REVERSE);
	ck_assert(Theme_attr(ROLE_TREE_GHOST) & A_DIM);
	ck_assert(Theme_attr(ROLE_FD_CLOEXEC) & A_UNDERLINE);
	ck_assert_ptr_null(Theme_applied());
	/* An attributes-only theme keeps its own attributes. */
	mono.style[ROLE_TITLE].attrs = THEME_UNDERLINE;
	Theme_apply(&mono, true);
	ck_assert_uint_eq(Theme_attr(ROLE_TITLE), A_UNDERLINE);
	close_terminal(screen, out, in);

	/* A terminal without colours gets the same, unasked. */
	screen = open_terminal("vt100", &out, &in);
	Theme_apply(&def, false);
	ck_assert_int_eq(PAIR_NUMBER(Theme_attr(ROLE_TREE_NEW)), 0);
	ck_assert(Theme_attr(ROLE_TREE_NEW) & A_BOLD);
	close_terminal(screen, out, in);
}
END_TEST

static Suite *theme_apply_suite(void)
{
	Suite *s = suite_create("theme_apply");
	TCase *terminal = tcase_create("terminal");

	tcase_add_checked_fixture(terminal, setup, NULL);
	tcase_add_test(terminal, apply_in_256_colours);
	tcase_add_test(terminal, apply_resolves_defaults_to_normal);
	tcase_add_test(terminal, apply_in_8_colours);
	tcase_add_test(terminal, apply_monochrome_uses_attributes_only);
	suite_add_tcase(s, terminal);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(theme_apply_suite());
	const char *themes = getenv("FORKSCOPE_THEMES");
	int failed;

	source_themes = themes ? strdup(themes) : NULL;
	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	free(source_themes);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
