/*
 * Theme files: the parser on the fixtures in tests/fixtures/themes (every
 * error names file and line, from Theme_parse and from Theme_load),
 * fallback to the default, every shipped theme complete and valid, the
 * built-in tables equal to their files, and the search order of Theme_load
 * and Theme_list (the user's directory, HOME/.config, directories and
 * files that may not be read, missing and bad names). The parser on text
 * and the colours are tested in test_theme.c, Theme_apply in
 * test_theme_apply.c.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "theme_test.h"
#include "export_test.h"
#include "ui/theme/theme.h"
#include "ui/theme/theme_internal.h"

#define THEMES_FIXTURES FIXTURES_DIR "/themes"

static const char *const shipped[] = {
	"default", "light", "monochrome", "high-contrast", "solarized-dark",
};

/* ---- helpers ------------------------------------------------------------ */


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
	text = export_test_slurp(path, &len);
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

/* ---- shipped themes ----------------------------------------------------- */

START_TEST(shipped_theme_is_complete_and_valid)
{
	char *dir = themes_dir(), path[1024], err[512];
	size_t len;
	char *text;
	Theme sentinel, t, loaded;

	snprintf(path, sizeof path, "%s/%s.theme", dir, shipped[_i]);
	text = export_test_slurp(path, &len);
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
	text = export_test_slurp(path, &len);
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

static Suite *files_suite(void)
{
	Suite *s = suite_create("theme files");
	TCase *files = tcase_create("files");

	tcase_add_checked_fixture(files, theme_test_setup, NULL);
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

	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(files_suite());
	int failed;

	theme_test_init();
	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	theme_test_done();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
