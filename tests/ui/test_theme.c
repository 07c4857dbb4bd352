/*
 * Themes: the parser on good and bad text and on the fixtures in
 * tests/fixtures/themes (every error names file and line), fallback to the
 * default, every shipped theme complete and valid, the built-in tables
 * equal to their files, the downgrade of colours to 256/16/8, the search
 * order of Theme_load and Theme_list. Theme_apply is tested in
 * test_theme_apply.c.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ui/theme.h"
#include "ui/theme_internal.h"

#define THEMES_FIXTURES FIXTURES_DIR "/themes"

static const char *const shipped[] = {
	"default", "light", "monochrome", "high-contrast", "solarized-dark",
};

/* ---- helpers ------------------------------------------------------------ */

static char *source_themes;   /* FORKSCOPE_THEMES as make check set it */

/* Every test starts with the same search path: no user directory (a
 * developer's own themes must not change the results), the source tree's
 * themes, the data dir. */
static void setup(void)
{
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/nonexistent-home", 1);
	if (source_themes)
		setenv("FORKSCOPE_THEMES", source_themes, 1);
}

static int parse(Theme *out, const char *text, char *err, size_t errlen)
{
	return Theme_parse(out, NULL, "t", text, strlen(text), "t.theme", err, errlen);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *text;
	long n;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = malloc((size_t)n + 1);
	ck_assert_int_eq(fread(text, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	text[n] = '\0';
	*len = (size_t)n;
	return text;
}

static char *themes_dir(void)
{
	const char *dir = getenv("FORKSCOPE_THEMES");

	ck_assert_msg(dir && dir[0], "FORKSCOPE_THEMES is not set (run through make check)");
	return strdup(dir);
}

/* A base no theme file can produce: a key the file sets is seen changed. */
static void sentinel_theme(Theme *t)
{
	memset(t, 0, sizeof *t);
	for (int r = 0; r < ROLE_COUNT; r++)
		t->style[r].attrs = 0xf0;
}

static bool style_equal(const ThemeStyle *a, const ThemeStyle *b)
{
	return ThemeColor_equal(a->fg, b->fg) && ThemeColor_equal(a->bg, b->bg) &&
	       a->attrs == b->attrs;
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

/* ---- fixtures ----------------------------------------------------------- */

static const struct {
	const char *file;
	int line;
	const char *says;
} bad_fixtures[] = {
	{"bad-key.theme", 4, "unknown key 'tree.nwe' (did you mean 'tree.new'?)"},
	{"bad-colour.theme", 3, "bad colour '#12g45f'"},
	{"bad-attribute.theme", 3, "unknown attribute 'blink'"},
	{"missing-equals.theme", 4, "missing '=' after 'page.shared'"},
	{"bad-background.theme", 1, "'on' needs a background colour"},
	{"duplicate.theme", 3, "'tree.new' is set twice (first on line 1)"},
	{"binary.theme", 3, "binary data"},
	{"huge.theme", 924, "larger than 64 KiB"},
};

START_TEST(bad_fixture_names_file_and_line)
{
	char path[512], err[512], prefix[600];
	size_t len;
	char *text;
	Theme t;

	snprintf(path, sizeof path, "%s/%s", THEMES_FIXTURES, bad_fixtures[_i].file);
	text = slurp(path, &len);
	ck_assert_int_eq(Theme_parse(&t, NULL, "bad", text, len, path, err, sizeof err), -1);
	snprintf(prefix, sizeof prefix, "%s:%d: ", path, bad_fixtures[_i].line);
	ck_assert_msg(strncmp(err, prefix, strlen(prefix)) == 0, "'%s' does not start with '%s'",
		      err, prefix);
	ck_assert_msg(strstr(err, bad_fixtures[_i].says) != NULL, "'%s' does not say '%s'", err,
		      bad_fixtures[_i].says);
	free(text);

	/* Theme_load by path reads the file itself and says the same. */
	ck_assert_int_eq(Theme_load(&t, path, err, sizeof err), -1);
	ck_assert_msg(strncmp(err, prefix, strlen(prefix)) == 0, "load: '%s'", err);
}
END_TEST

START_TEST(partial_theme_falls_back_to_the_default)
{
	char path[512], err[256];
	Theme t, def;

	snprintf(path, sizeof path, "%s/partial.theme", THEMES_FIXTURES);
	ck_assert_int_eq(Theme_load(&t, path, err, sizeof err), 0);
	ck_assert_str_eq(t.name, "partial");
	Theme_builtin_default(&def);
	ck_assert(ThemeColor_equal(t.style[ROLE_TREE_NEW].fg, idx(10)));
	ck_assert(ThemeColor_equal(t.style[ROLE_TREE_NEW].bg, rgb(0)));
	ck_assert_uint_eq(t.style[ROLE_TREE_NEW].attrs, THEME_BOLD | THEME_UNDERLINE);
	ck_assert(ThemeColor_equal(t.style[ROLE_FD_CLOEXEC].fg, idx(208)));
	ck_assert(ThemeColor_equal(t.style[ROLE_PAGE_PRIVATE].fg, rgb(0xff0000)));
	ck_assert_uint_eq(t.style[ROLE_SIG_DIFF].attrs, THEME_REVERSE);
	for (int r = 0; r < ROLE_COUNT; r++) {
		if (r == ROLE_TREE_NEW || r == ROLE_FD_CLOEXEC || r == ROLE_PAGE_PRIVATE ||
		    r == ROLE_SIG_DIFF)
			continue;
		ck_assert_msg(style_equal(&t.style[r], &def.style[r]), "%s did not fall back",
			      ColorRole_key((ColorRole)r));
	}
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

/* ---- shipped themes ----------------------------------------------------- */

START_TEST(shipped_theme_is_complete_and_valid)
{
	char *dir = themes_dir(), path[1024], err[512];
	size_t len;
	char *text;
	Theme sentinel, t, loaded;

	snprintf(path, sizeof path, "%s/%s.theme", dir, shipped[_i]);
	text = slurp(path, &len);
	sentinel_theme(&sentinel);
	ck_assert_msg(Theme_parse(&t, &sentinel, shipped[_i], text, len, path, err,
				  sizeof err) == 0, "%s", err);
	for (int r = 0; r < ROLE_COUNT; r++)
		ck_assert_msg(t.style[r].attrs != 0xf0, "%s does not set %s", shipped[_i],
			      ColorRole_key((ColorRole)r));
	ck_assert_msg(Theme_load(&loaded, shipped[_i], err, sizeof err) == 0, "%s", err);
	ck_assert_str_eq(loaded.name, shipped[_i]);
	free(text);
	free(dir);
}
END_TEST

static void assert_file_equals(const char *name, const Theme *builtin)
{
	char *dir = themes_dir(), path[1024], err[512];
	size_t len;
	char *text;
	Theme sentinel, t;

	snprintf(path, sizeof path, "%s/%s.theme", dir, name);
	text = slurp(path, &len);
	sentinel_theme(&sentinel);
	ck_assert_msg(Theme_parse(&t, &sentinel, name, text, len, path, err, sizeof err) == 0,
		      "%s", err);
	for (int r = 0; r < ROLE_COUNT; r++)
		ck_assert_msg(style_equal(&t.style[r], &builtin->style[r]),
			      "%s.theme and the built-in table differ at %s", name,
			      ColorRole_key((ColorRole)r));
	free(text);
	free(dir);
}

START_TEST(builtin_default_equals_default_theme)
{
	Theme def;

	Theme_builtin_default(&def);
	ck_assert_str_eq(def.name, "default");
	assert_file_equals("default", &def);
	ck_assert(!Theme_is_monochrome(&def));
}
END_TEST

START_TEST(builtin_monochrome_equals_monochrome_theme)
{
	Theme mono;

	Theme_builtin_monochrome(&mono);
	assert_file_equals("monochrome", &mono);
	ck_assert(Theme_is_monochrome(&mono));
	/* Readable without colour: the roles that must stand out do. */
	ck_assert_uint_ne(mono.style[ROLE_SELECTED].attrs, 0);
	ck_assert_uint_ne(mono.style[ROLE_TREE_NEW].attrs, mono.style[ROLE_TREE_GHOST].attrs);
	ck_assert_uint_ne(mono.style[ROLE_TREE_ZOMBIE].attrs, 0);
	ck_assert_uint_ne(mono.style[ROLE_FD_CLOEXEC].attrs, 0);
	ck_assert_uint_ne(mono.style[ROLE_PAGE_SHARED].attrs, mono.style[ROLE_PAGE_PRIVATE].attrs);
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

/* ---- finding themes ----------------------------------------------------- */

static char *make_user_dir(void)
{
	char tmpl[] = "/tmp/forkscope-theme-XXXXXX";
	char *root = strdup(mkdtemp(tmpl)), path[512];

	ck_assert_ptr_nonnull(root);
	snprintf(path, sizeof path, "%s/forkscope", root);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/forkscope/themes", root);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	return root;
}

static void write_file(const char *root, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/forkscope/themes/%s", root, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static void remove_user_dir(char *root)
{
	char cmd[600];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	ck_assert_int_eq(system(cmd), 0);
	free(root);
}

START_TEST(user_theme_overrides_shipped_one)
{
	char *root = make_user_dir(), err[512];
	Theme t;

	write_file(root, "light.theme", "normal = red\n");
	write_file(root, "mine.theme", "tree.new = 99\n");
	write_file(root, "broken.theme", "\n\ntree.new = 999\n");
	setenv("XDG_CONFIG_HOME", root, 1);

	ck_assert_int_eq(Theme_load(&t, "light", err, sizeof err), 0);
	ck_assert(ThemeColor_equal(t.style[ROLE_NORMAL].fg, idx(1)));
	ck_assert_int_eq(Theme_load(&t, "mine", err, sizeof err), 0);
	ck_assert_str_eq(t.name, "mine");
	ck_assert(ThemeColor_equal(t.style[ROLE_TREE_NEW].fg, idx(99)));
	ck_assert_int_eq(Theme_load(&t, "solarized-dark", err, sizeof err), 0);
	ck_assert(ThemeColor_equal(t.style[ROLE_NORMAL].bg, rgb(0x002b36)));
	ck_assert_int_eq(Theme_load(&t, "broken", err, sizeof err), -1);
	ck_assert_msg(strstr(err, "/forkscope/themes/broken.theme:3: bad colour '999'") != NULL,
		      "%s", err);
	remove_user_dir(root);
}
END_TEST

START_TEST(home_config_is_used_without_xdg)
{
	char *root = make_user_dir(), home[600], cfg[700], err[512];
	Theme t;

	/* HOME/.config/forkscope/themes: make HOME the parent of a .config. */
	snprintf(home, sizeof home, "%s/home", root);
	ck_assert_int_eq(mkdir(home, 0700), 0);
	snprintf(cfg, sizeof cfg, "%s/.config", home);
	ck_assert_int_eq(symlink(root, cfg), 0);
	write_file(root, "homey.theme", "title = underline\n");
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", home, 1);
	ck_assert_int_eq(Theme_load(&t, "homey", err, sizeof err), 0);
	ck_assert_uint_eq(t.style[ROLE_TITLE].attrs, THEME_UNDERLINE);
	/* A relative XDG_CONFIG_HOME is ignored, as the XDG spec says. */
	setenv("XDG_CONFIG_HOME", "relative", 1);
	ck_assert_int_eq(Theme_load(&t, "homey", err, sizeof err), 0);
	remove_user_dir(root);
}
END_TEST

/* Runs check(root) in a child that the kernel refuses what mode 0 closes:
 * nobody when the test runs as root (root passes every permission check);
 * returns the child's exit status, 0 when check found all it expected. */
static int as_refused_user(const char *root, int (*check)(const char *root))
{
	pid_t pid = fork();
	int st;

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(100);
		_exit(check(root));
	}
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* XDG_CONFIG_HOME may not be entered: passed over like a missing one. */
static int closed_dir_check(const char *root)
{
	char err[512];
	Theme t;

	setenv("XDG_CONFIG_HOME", root, 1);
	setenv("FORKSCOPE_THEMES", "/nonexistent", 1);
	if (Theme_load(&t, "default", err, sizeof err) != 0)
		return 1;
	if (Theme_load(&t, "mine", err, sizeof err) != -1 || strstr(err, "not found") == NULL)
		return 2;
	return 0;
}

/* The directory is open but the theme file is not: an error naming it. */
static int closed_file_check(const char *root)
{
	char err[512];
	Theme t;

	setenv("XDG_CONFIG_HOME", root, 1);
	if (Theme_load(&t, "mine", err, sizeof err) != -1)
		return 1;
	return strstr(err, "/forkscope/themes/mine.theme: ") != NULL ? 0 : 2;
}

START_TEST(closed_user_dir_is_passed_over)
{
	char *root = make_user_dir(), path[600];
	bool root_user = geteuid() == 0;

	write_file(root, "mine.theme", "tree.new = 99\n");
	/* root's mkdtemp directory is 0700: nobody may not enter it */
	if (!root_user)
		ck_assert_int_eq(chmod(root, 0), 0);
	ck_assert_int_eq(as_refused_user(root, closed_dir_check), 0);
	ck_assert_int_eq(chmod(root, 0755), 0);
	snprintf(path, sizeof path, "%s/forkscope", root);
	ck_assert_int_eq(chmod(path, 0755), 0);
	snprintf(path, sizeof path, "%s/forkscope/themes", root);
	ck_assert_int_eq(chmod(path, 0755), 0);
	snprintf(path, sizeof path, "%s/forkscope/themes/mine.theme", root);
	ck_assert_int_eq(chmod(path, 0), 0);
	ck_assert_int_eq(as_refused_user(root, closed_file_check), 0);
	remove_user_dir(root);
}
END_TEST

START_TEST(missing_and_bad_names)
{
	char err[1024];
	Theme t, def;

	ck_assert_int_eq(Theme_load(&t, "no-such-theme", err, sizeof err), -1);
	ck_assert_msg(strstr(err, "theme 'no-such-theme' not found (looked in ") == err, "%s", err);
	ck_assert_int_eq(Theme_load(&t, ".hidden", err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "bad theme name"));
	ck_assert_int_eq(Theme_load(&t, "a b", err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "bad theme name"));
	ck_assert_int_eq(Theme_load(&t, "/nonexistent/x.theme", err, sizeof err), -1);
	ck_assert_msg(strstr(err, "/nonexistent/x.theme: No such file") == err, "%s", err);
	ck_assert_int_eq(Theme_load(&t, FIXTURES_DIR "/themes/", err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "Is a directory"));
	ck_assert_int_eq(Theme_load(&t, "no-such-theme", NULL, 0), -1);

	/* "default" loads even when no directory has it. */
	setenv("FORKSCOPE_THEMES", "/nonexistent", 1);
	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
	ck_assert_int_eq(Theme_load(&t, "default", err, sizeof err), 0);
	ck_assert_int_eq(Theme_load(&t, NULL, err, sizeof err), 0);
	Theme_builtin_default(&def);
	ck_assert_int_eq(memcmp(&t, &def, sizeof t), 0);
}
END_TEST

START_TEST(list_has_default_first_then_sorted)
{
	char *root = make_user_dir();
	const char *const *names;
	size_t n;

	write_file(root, "zz-mine.theme", "");
	write_file(root, "light.theme", "");
	write_file(root, "not-a-theme.txt", "");
	write_file(root, ".hidden.theme", "");
	setenv("XDG_CONFIG_HOME", root, 1);
	n = Theme_list(&names);
	ck_assert_uint_ge(n, 6);
	ck_assert_str_eq(names[0], "default");
	for (size_t i = 2; i < n; i++)
		ck_assert_msg(strcmp(names[i - 1], names[i]) < 0, "%s before %s", names[i - 1],
			      names[i]);
	for (size_t s = 0; s < sizeof shipped / sizeof shipped[0]; s++) {
		bool found = false;
		for (size_t i = 0; i < n; i++)
			found |= strcmp(names[i], shipped[s]) == 0;
		ck_assert_msg(found, "%s not listed", shipped[s]);
	}
	ck_assert_str_eq(names[n - 1], "zz-mine");
	for (size_t i = 0; i < n; i++) {
		ck_assert_str_ne(names[i], "not-a-theme");
		ck_assert_str_ne(names[i], ".hidden");
	}
	/* Listing again gives the same, freshly. */
	ck_assert_uint_eq(Theme_list(NULL), n);
	remove_user_dir(root);
}
END_TEST

static Suite *theme_suite(void)
{
	Suite *s = suite_create("theme");
	TCase *parse_case = tcase_create("parse");
	TCase *files = tcase_create("files");
	TCase *colours = tcase_create("colours");

	tcase_add_checked_fixture(parse_case, setup, NULL);
	tcase_add_checked_fixture(files, setup, NULL);
	tcase_add_checked_fixture(colours, setup, NULL);
	tcase_add_test(parse_case, every_role_has_a_unique_key);
	tcase_add_test(parse_case, value_syntax);
	tcase_add_test(parse_case, empty_text_is_the_base);
	tcase_add_loop_test(parse_case, bad_text_names_file_and_line, 0,
			    (int)(sizeof bad_texts / sizeof bad_texts[0]));
	tcase_add_test(parse_case, long_tokens_are_cut_in_messages);
	tcase_add_test(parse_case, parse_over_a_given_base);
	suite_add_tcase(s, parse_case);

	tcase_add_loop_test(files, bad_fixture_names_file_and_line, 0,
			    (int)(sizeof bad_fixtures / sizeof bad_fixtures[0]));
	tcase_add_test(files, partial_theme_falls_back_to_the_default);
	tcase_add_loop_test(files, shipped_theme_is_complete_and_valid, 0,
			    (int)(sizeof shipped / sizeof shipped[0]));
	tcase_add_test(files, builtin_default_equals_default_theme);
	tcase_add_test(files, builtin_monochrome_equals_monochrome_theme);
	tcase_add_test(files, user_theme_overrides_shipped_one);
	tcase_add_test(files, home_config_is_used_without_xdg);
	tcase_add_test(files, missing_and_bad_names);
	tcase_add_test(files, closed_user_dir_is_passed_over);
	tcase_add_test(files, list_has_default_first_then_sorted);
	suite_add_tcase(s, files);

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
	const char *themes = getenv("FORKSCOPE_THEMES");
	int failed;

	source_themes = themes ? strdup(themes) : NULL;

	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	free(source_themes);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
