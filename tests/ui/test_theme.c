/*
 * Themes: the key table, the parser on good and bad text (every error
 * names file and line and leaves the output as it was), parsing over a
 * given base, colour tokens, and the downgrade of colours to 256/16/8.
 * Theme files (the fixtures in tests/fixtures/themes, fallback to the
 * default, the shipped themes and the built-in tables, the search order of
 * Theme_load and Theme_list) are tested in test_theme_files.c, Theme_apply
 * in test_theme_apply.c.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "theme_test.h"
#include "ui/theme/theme.h"
#include "ui/theme/theme_internal.h"

static int parse(Theme *out, const char *text, char *err, size_t errlen)
{
	return Theme_parse(out, NULL, "t", text, strlen(text), "t.theme", err, errlen);
}

/* ---- the key table ---------------------------------------------------- */

START_TEST(every_role_has_a_unique_key)
{
	for (int r = 0; r < ROLE_COUNT; r++) {
		const char *key = ColorRole_key((ColorRole)r);
		ck_assert_str_ne(key, "?");
		ck_assert_int_eq(ColorRole_find(key, strlen(key)), r);
		for (int o = 0; o < r; o++)
			ck_assert_str_ne(key, ColorRole_key((ColorRole)o));
	}
	ck_assert_str_eq(ColorRole_key(ROLE_TREE_NEW), "tree.new");
	ck_assert_str_eq(ColorRole_key(ROLE_COUNT), "?");
}
END_TEST

/* ---- syntax ------------------------------------------------------------- */

START_TEST(value_syntax)
{
	Theme t;
	char err[256];

	ck_assert_int_eq(parse(&t, "tree.new = red on blue bold underline\n"
				   "fd.cloexec = #AbCdEf\n"
				   "page.shared = 255 on 0 reverse dim\n"
				   "sig.diff = on brightwhite\n"
				   "title = bold\n"
				   "key = default\n"
				   "event.exec = green # a comment\n"
				   "event.exit = #00ff00 #comment-like colour is still one\n", err,
			       sizeof err), -1);
	/* "#comment-like" is a colour token (no blank after '#'): an error. */
	ck_assert_msg(strstr(err, "t.theme:8:") == err, "%s", err);

	ck_assert_int_eq(parse(&t, "tree.new = red on blue bold underline\n"
				   "fd.cloexec = #AbCdEf\n"
				   "page.shared = 255 on 0 reverse dim\n"
				   "sig.diff = on brightwhite\n"
				   "title = bold\n"
				   "key = default\n"
				   "event.exec = green # a comment\n"
				   "\t  # indented comment\n\n", err, sizeof err), 0);
	ck_assert_str_eq(err, "");
	ck_assert(ThemeColor_equal(t.style[ROLE_TREE_NEW].fg, idx(1)));
	ck_assert(ThemeColor_equal(t.style[ROLE_TREE_NEW].bg, idx(4)));
	ck_assert_uint_eq(t.style[ROLE_TREE_NEW].attrs, THEME_BOLD | THEME_UNDERLINE);
	ck_assert(ThemeColor_equal(t.style[ROLE_FD_CLOEXEC].fg, rgb(0xabcdef)));
	ck_assert(ThemeColor_equal(t.style[ROLE_FD_CLOEXEC].bg, idx(-1)));
	ck_assert(ThemeColor_equal(t.style[ROLE_PAGE_SHARED].fg, idx(255)));
	ck_assert(ThemeColor_equal(t.style[ROLE_PAGE_SHARED].bg, idx(0)));
	ck_assert_uint_eq(t.style[ROLE_PAGE_SHARED].attrs, THEME_REVERSE | THEME_DIM);
	ck_assert(ThemeColor_equal(t.style[ROLE_SIG_DIFF].fg, idx(-1)));
	ck_assert(ThemeColor_equal(t.style[ROLE_SIG_DIFF].bg, idx(15)));
	ck_assert(ThemeColor_equal(t.style[ROLE_TITLE].fg, idx(-1)));
	ck_assert_uint_eq(t.style[ROLE_TITLE].attrs, THEME_BOLD);
	ck_assert(ThemeColor_equal(t.style[ROLE_KEY].fg, idx(-1)));
	ck_assert_uint_eq(t.style[ROLE_KEY].attrs, 0);
	ck_assert(ThemeColor_equal(t.style[ROLE_EVENT_EXEC].fg, idx(2)));
	ck_assert_str_eq(t.name, "t");
}
END_TEST

START_TEST(empty_text_is_the_base)
{
	Theme t, def;
	char err[64];

	Theme_builtin_default(&def);
	ck_assert_int_eq(Theme_parse(&t, NULL, "empty", "", 0, "e.theme", err, sizeof err), 0);
	for (int r = 0; r < ROLE_COUNT; r++)
		ck_assert(style_equal(&t.style[r], &def.style[r]));
	ck_assert_int_eq(Theme_parse(&t, NULL, "empty", NULL, 0, NULL, err, sizeof err), 0);
}
END_TEST

static const struct {
	const char *text;
	int line;
	const char *says;
} bad_texts[] = {
	{"normal = 256\n", 1, "bad colour '256'"},
	{"normal = #12345\n", 1, "bad colour '#12345'"},
	{"normal = #1234567\n", 1, "bad colour"},
	{"normal = blu\n", 1, "unknown colour or attribute 'blu'"},
	{"normal = red green\n", 1, "second colour 'green'"},
	{"normal = red bold on blue\n", 1, "'on BG' comes before the attributes"},
	{"normal = red on\n", 1, "'on' needs a background colour"},
	{"normal = red on bold\n", 1, "bad background colour 'bold'"},
	{"\n\nnormal =\n", 3, "missing value for 'normal'"},
	{"normal = # only a comment\n", 1, "missing value"},
	{"= red\n", 1, "missing key"},
	{"normal red\n", 1, "missing '=' after 'normal'"},
	{"normal\n", 1, "missing '='"},
	{"a\nb = c\n", 1, "missing '='"},
	{"nope = red\n", 1, "unknown key 'nope'"},
	{"tree.zombi = red\n", 1, "unknown key 'tree.zombi' (did you mean 'tree.zombie'?)"},
	{"tree.new = red\ntree.new = blue\n", 2, "set twice (first on line 1)"},
	{"normal = red\x01\n", 1, "binary data (byte 0x01)"},
	{"x\n\n\xff\xfe = 1\n", 1, "missing '='"},
	{"\xc3\xa9t\xc3\xa9 = red\n", 1, "unknown key '\\xc3\\xa9t\\xc3\\xa9'"},
};

START_TEST(bad_text_names_file_and_line)
{
	Theme t, before;
	char err[512], prefix[32];

	memset(&t, 0x5a, sizeof t);
	before = t;
	ck_assert_int_eq(parse(&t, bad_texts[_i].text, err, sizeof err), -1);
	snprintf(prefix, sizeof prefix, "t.theme:%d: ", bad_texts[_i].line);
	ck_assert_msg(strncmp(err, prefix, strlen(prefix)) == 0, "'%s' does not start with '%s'",
		      err, prefix);
	ck_assert_msg(strstr(err, bad_texts[_i].says) != NULL, "'%s' does not say '%s'", err,
		      bad_texts[_i].says);
	ck_assert_msg(memcmp(&t, &before, sizeof t) == 0, "the output changed on error");
}
END_TEST

START_TEST(long_tokens_are_cut_in_messages)
{
	char text[400], err[200];
	Theme t;

	memset(text, 'k', 300);
	strcpy(text + 300, " = red\n");
	ck_assert_int_eq(parse(&t, text, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "kkk..."));
	ck_assert_uint_lt(strlen(err), 120);
	/* A tiny or absent error buffer is not overrun. */
	ck_assert_int_eq(parse(&t, text, err, 5), -1);
	ck_assert_uint_eq(strlen(err), 4);
	ck_assert_int_eq(parse(&t, text, NULL, 0), -1);
}
END_TEST

START_TEST(parse_over_a_given_base)
{
	Theme base, t;
	char err[128];

	Theme_builtin_monochrome(&base);
	ck_assert_int_eq(Theme_parse(&t, &base, "m2", "tree.new = green\n", 17, "m2", err,
				     sizeof err), 0);
	ck_assert(ThemeColor_equal(t.style[ROLE_TREE_NEW].fg, idx(2)));
	ck_assert(style_equal(&t.style[ROLE_TREE_GHOST], &base.style[ROLE_TREE_GHOST]));
}
END_TEST

/* ---- colours ------------------------------------------------------------ */

START_TEST(colour_tokens)
{
	ThemeColor c;
	char buf[16];

	ck_assert_int_eq(ThemeColor_parse(&c, "BrightMagenta", 13), 0);
	ck_assert_int_eq(c.index, 13);
	ck_assert_str_eq(ThemeColor_format(c, buf, sizeof buf), "brightmagenta");
	ck_assert_int_eq(ThemeColor_parse(&c, "0", 1), 0);
	ck_assert_int_eq(c.index, 0);
	ck_assert_int_eq(ThemeColor_parse(&c, "042", 3), 0);
	ck_assert_int_eq(c.index, 42);
	ck_assert_str_eq(ThemeColor_format(c, buf, sizeof buf), "42");
	ck_assert_int_eq(ThemeColor_parse(&c, "#0a0B0c", 7), 0);
	ck_assert_str_eq(ThemeColor_format(c, buf, sizeof buf), "#0a0b0c");
	ck_assert_int_eq(ThemeColor_parse(&c, "-1", 2), -1);
	ck_assert_int_eq(ThemeColor_parse(&c, "1000", 4), -1);
	ck_assert_int_eq(ThemeColor_parse(&c, "#", 1), -1);
	ck_assert_int_eq(ThemeColor_parse(&c, "", 0), -1);
	ck_assert_int_eq(ThemeColor_parse(&c, "grey", 4), -1);
	ck_assert_int_eq(ThemeColor_parse(&c, "default", 7), 0);
	ck_assert_str_eq(ThemeColor_format(c, buf, sizeof buf), "default");
}
END_TEST

static const struct {
	unsigned rgb;
	int c256, c16, c8;
	bool bright8;
} downgrades[] = {
	{0xff0000, 196, 9, 1, true},
	{0xcd0000, 160, 1, 1, false},
	{0x808080, 244, 8, 0, true},     /* grey: bright black, shown dim white */
	{0x5fd75f, 77, 10, 2, true},     /* light green stays green, not grey */
	{0xff8700, 208, 11, 3, true},    /* orange: yellow is the nearest of 16 */
	{0xff875f, 209, 9, 1, true},     /* salmon: red */
	{0x1c1c1c, 234, 0, 0, false},
	{0xffffff, 231, 15, 7, true},
	{0x000000, 16, 0, 0, false},
	{0x002b36, 234, 0, 0, false},    /* solarized base03: too dark for a hue */
	{0x268bd2, 32, 6, 6, false},     /* solarized blue is an azure */
	{0x87afd7, 110, 12, 4, true},    /* light blue: bright blue, readable on black */
	{0x3a3a3a, 237, 8, 0, true},     /* dark grey: still visible on black */
	{0xeeeeee, 255, 15, 7, true},
	{0x080808, 232, 0, 0, false},
};

START_TEST(rgb_downgrades_to_256_16_8)
{
	ThemeColor c = rgb(downgrades[_i].rgb);
	bool bright;

	ck_assert_int_eq(ThemeColor_downgrade(c, 256, &bright), downgrades[_i].c256);
	ck_assert(!bright);
	ck_assert_int_eq(ThemeColor_downgrade(c, 16, &bright), downgrades[_i].c16);
	ck_assert(!bright);
	ck_assert_int_eq(ThemeColor_downgrade(c, 8, &bright), downgrades[_i].c8);
	ck_assert_int_eq(bright, downgrades[_i].bright8);
	ck_assert_int_eq(ThemeColor_downgrade(c, 2, NULL), -1);
}
END_TEST

START_TEST(palette_downgrades_and_rgb)
{
	unsigned char v[3];

	ck_assert_int_eq(ThemeColor_downgrade(idx(-1), 256, NULL), -1);
	ck_assert_int_eq(ThemeColor_downgrade(idx(-1), 8, NULL), -1);
	ck_assert_int_eq(ThemeColor_downgrade(idx(208), 256, NULL), 208);
	ck_assert_int_eq(ThemeColor_downgrade(idx(196), 16, NULL), 9);
	ck_assert_int_eq(ThemeColor_downgrade(idx(196), 8, NULL), 1);
	ck_assert_int_eq(ThemeColor_downgrade(idx(3), 8, NULL), 3);
	ck_assert_int_eq(ThemeColor_downgrade(idx(11), 16, NULL), 11);
	ck_assert_int_eq(ThemeColor_downgrade(idx(244), 16, NULL), 8);
	ck_assert(!ThemeColor_rgb(idx(-1), v));
	ck_assert(ThemeColor_rgb(idx(208), v));
	ck_assert_int_eq(v[0], 0xff);
	ck_assert_int_eq(v[1], 0x87);
	ck_assert_int_eq(v[2], 0x00);
	ck_assert(ThemeColor_rgb(idx(244), v));
	ck_assert_int_eq(v[0], 0x80);
	/* Every cube and grey colour is its own nearest. */
	for (int i = 16; i < 256; i++) {
		ck_assert(ThemeColor_rgb(idx(i), v));
		ck_assert_int_eq(ThemeColor_nearest256(v[0], v[1], v[2]), i);
	}
}
END_TEST

START_TEST(default_theme_is_exact_in_256_colours)
{
	Theme def;
	unsigned char want[3], got[3];

	Theme_builtin_default(&def);
	for (int r = 0; r < ROLE_COUNT; r++) {
		ThemeColor c = def.style[r].fg;
		if (!c.is_rgb)
			continue;
		ThemeColor_rgb(c, want);
		ThemeColor_rgb(idx(ThemeColor_downgrade(c, 256, NULL)), got);
		ck_assert_msg(memcmp(want, got, 3) == 0, "%s is not an xterm-256 colour",
			      ColorRole_key((ColorRole)r));
	}
}
END_TEST

static Suite *theme_suite(void)
{
	Suite *s = suite_create("theme");
	TCase *parse_case = tcase_create("parse");
	TCase *colours = tcase_create("colours");

	tcase_add_checked_fixture(parse_case, theme_test_setup, NULL);
	tcase_add_checked_fixture(colours, theme_test_setup, NULL);
	tcase_add_test(parse_case, every_role_has_a_unique_key);
	tcase_add_test(parse_case, value_syntax);
	tcase_add_test(parse_case, empty_text_is_the_base);
	tcase_add_loop_test(parse_case, bad_text_names_file_and_line, 0,
			    (int)(sizeof bad_texts / sizeof bad_texts[0]));
	tcase_add_test(parse_case, long_tokens_are_cut_in_messages);
	tcase_add_test(parse_case, parse_over_a_given_base);
	suite_add_tcase(s, parse_case);

	tcase_add_test(colours, colour_tokens);
	tcase_add_loop_test(colours, rgb_downgrades_to_256_16_8, 0,
			    (int)(sizeof downgrades / sizeof downgrades[0]));
	tcase_add_test(colours, palette_downgrades_and_rgb);
	tcase_add_test(colours, default_theme_is_exact_in_256_colours);
	suite_add_tcase(s, colours);

	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(theme_suite());
	int failed;

	theme_test_init();
	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	theme_test_done();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
