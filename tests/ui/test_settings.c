/* forkscope.conf: the parser on good and bad lines, and a save and load. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ui/settings.h"

static int parse(Settings *s, const char *text, char *err, size_t errlen)
{
	Settings_init(s);
	err[0] = '\0';
	return Settings_parse(s, text, strlen(text), "f.conf", err, errlen);
}

START_TEST(test_parse_good)
{
	Settings s;
	char err[256];

	ck_assert_int_eq(parse(&s, "# mine\n\ntheme = light\n  refresh=5\r\n"
				   "reading_speed = 180\nghosts = hidden\n", err, sizeof err), 0);
	ck_assert_str_eq(s.theme, "light");
	ck_assert_int_eq(s.refresh_tenths, 5);
	ck_assert_int_eq(s.words_per_minute, 180);
	ck_assert_int_eq(s.ghosts, 0);
	ck_assert_str_eq(err, "");
}
END_TEST

START_TEST(test_parse_bad_lines_named_rest_applies)
{
	Settings s;
	char err[256];

	ck_assert_int_eq(parse(&s, "theme = light\nfoo = 1\nrefresh = 0\nno equals sign\n"
				   "ghosts = shown\ntheme = ../../etc/x\n", err, sizeof err), 4);
	ck_assert_str_eq(s.theme, "light");  /* the bad theme line did not replace it */
	ck_assert_int_eq(s.refresh_tenths, 0);
	ck_assert_int_eq(s.ghosts, 1);
	ck_assert_msg(strncmp(err, "f.conf:2: ", 10) == 0, "%s", err);
	/* A NUL byte or a line too long is a bad line, not a crash. */
	ck_assert_int_eq(Settings_parse(&s, "a\0b\n", 4, "f.conf", err, sizeof err), 1);
	char longline[1000];
	memset(longline, 'x', sizeof longline - 1);
	longline[sizeof longline - 1] = '\0';
	ck_assert_int_eq(parse(&s, longline, err, sizeof err), 1);
}
END_TEST

START_TEST(test_save_then_load)
{
	char dir[] = "/tmp/forkscope-settings-XXXXXX", path[256], err[600];
	Settings s, back;
	struct stat st;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	setenv("XDG_CONFIG_HOME", dir, 1);
	Settings_init(&s);
	snprintf(s.theme, sizeof s.theme, "solarized-dark");
	s.words_per_minute = 300;
	s.ghosts = 0;
	ck_assert_int_eq(Settings_save(&s, err, sizeof err), 0);
	ck_assert(settings_path(path, sizeof path));
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	Settings_init(&back);
	ck_assert_int_eq(Settings_load(&back, err, sizeof err), 0);
	ck_assert_str_eq(back.theme, "solarized-dark");
	ck_assert_int_eq(back.words_per_minute, 300);
	ck_assert_int_eq(back.ghosts, 0);
	ck_assert_int_eq(back.refresh_tenths, 0);
	/* Saved again over the old one: no temporary file is left beside it. */
	ck_assert_int_eq(Settings_save(&back, err, sizeof err), 0);
	char cmd[400];
	snprintf(cmd, sizeof cmd, "test $(ls -A %s/forkscope | wc -l) -eq 1", dir);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(cmd, sizeof cmd, "rm -r %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("settings");
	TCase *tc = tcase_create("settings");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_parse_good);
	tcase_add_test(tc, test_parse_bad_lines_named_rest_applies);
	tcase_add_test(tc, test_save_then_load);
	suite_add_tcase(su, tc);
	sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
