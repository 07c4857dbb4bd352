/*
 * Breakpoints as text: what --break accepts and refuses (and says why),
 * what each kind matches in an exec, an exit and a creation, toggling and
 * removing, and the --on-break template. Pure: no process is started.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "live/breakpoint.h"
#include "live/on_break.h"

static BreakList list;
static char err[256];

static void setup(void)
{
	BreakList_init(&list);
	err[0] = '\0';
}

static void teardown(void)
{
	BreakList_done(&list);
}

static BreakSubject exec_of(const char *path, const char *filename, const char *args)
{
	BreakSubject s = { .kind = EV_EXEC, .path = path, .filename = filename, .args = args };
	return s;
}

START_TEST(test_parse_kinds)
{
	ck_assert_int_eq(BreakList_add(&list, "exec:hostname", err, sizeof err), 0);
	ck_assert_int_eq(BreakList_add(&list, "exec~^make( |$)", err, sizeof err), 1);
	ck_assert_int_eq(BreakList_add(&list, "fork", err, sizeof err), 2);
	ck_assert_int_eq(BreakList_add(&list, "exit:cc1", err, sizeof err), 3);
	ck_assert_uint_eq(BreakList_count(&list), 4);
	ck_assert_int_eq(BreakList_at(&list, 0)->kind, BREAK_EXEC);
	ck_assert_str_eq(BreakList_at(&list, 0)->pattern, "hostname");
	ck_assert_str_eq(BreakList_at(&list, 0)->text, "exec:hostname");
	ck_assert_int_eq(BreakList_at(&list, 1)->kind, BREAK_EXEC_REGEX);
	ck_assert_int_eq(BreakList_at(&list, 2)->kind, BREAK_FORK);
	ck_assert_int_eq(BreakList_at(&list, 3)->kind, BREAK_EXIT);
	ck_assert_str_eq(BreakList_at(&list, 3)->pattern, "cc1");
	ck_assert(BreakList_at(&list, 0)->enabled);
	ck_assert_ptr_null(BreakList_at(&list, 4));
}
END_TEST

START_TEST(test_parse_refused)
{
	static const char *const bad[] = { "", "exec", "exec:", "exec~", "exit:", "forks", "fork:x",
					   "clone", "Exec:x", "exec=x" };

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err[0] = '\0';
		ck_assert_msg(BreakList_add(&list, bad[i], err, sizeof err) < 0, "'%s' was taken", bad[i]);
		ck_assert_msg(strstr(err, "breakpoint") != NULL, "'%s': no message (%s)", bad[i], err);
		ck_assert_int_eq(breakpoint_check(bad[i], err, sizeof err), -1);
	}
	ck_assert_uint_eq(BreakList_count(&list), 0);
}
END_TEST

START_TEST(test_parse_bad_regex)
{
	ck_assert_int_lt(BreakList_add(&list, "exec~(unclosed", err, sizeof err), 0);
	ck_assert_msg(strstr(err, "regular expression") != NULL, "%s", err);
	ck_assert_int_lt(BreakList_add(&list, "exec~a{2,1}", err, sizeof err), 0);
	ck_assert_int_eq(breakpoint_check("exec~a+b", err, sizeof err), 0);
	ck_assert_uint_eq(BreakList_count(&list), 0);
}
END_TEST

START_TEST(test_match_exec_substring)
{
	BreakSubject s;

	BreakList_add(&list, "exec:hostname", err, sizeof err);
	s = exec_of("/usr/bin/hostname", "hostname", "hostname");
	ck_assert_ptr_eq(BreakList_match(&list, &s), BreakList_at(&list, 0));
	/* the argv of a shell that will run it */
	s = exec_of("/usr/bin/dash", "/bin/sh", "sh -c hostname; touch x");
	ck_assert_ptr_nonnull(BreakList_match(&list, &s));
	/* the file name passed, when the path is a link's target */
	s = exec_of("/usr/bin/busybox", "/bin/hostname", "");
	ck_assert_ptr_nonnull(BreakList_match(&list, &s));
	s = exec_of("/usr/bin/true", "/usr/bin/true", "true");
	ck_assert_ptr_null(BreakList_match(&list, &s));
	/* case counts, as in a path */
	s = exec_of("/usr/bin/HOSTNAME", NULL, NULL);
	ck_assert_ptr_null(BreakList_match(&list, &s));
	ck_assert_uint_eq(BreakList_at(&list, 0)->hits, 3);
	/* an exit with the same words is not an exec */
	s.kind = EV_EXIT;
	s.path = "/usr/bin/hostname";
	ck_assert_ptr_null(BreakList_match(&list, &s));
}
END_TEST

START_TEST(test_match_exec_regex)
{
	BreakSubject s;

	BreakList_add(&list, "exec~^gcc .*-O2", err, sizeof err);
	s = exec_of("/usr/bin/gcc-12", "/usr/bin/gcc", "gcc -c -O2 x.c");
	ck_assert_ptr_nonnull(BreakList_match(&list, &s));
	s = exec_of("/usr/bin/gcc-12", "/usr/bin/gcc", "gcc -c -O0 x.c");
	ck_assert_ptr_null(BreakList_match(&list, &s));
	/* argv only: the path does not count when argv is known */
	s = exec_of("/usr/bin/gcc -O2", NULL, "cc -O2");
	ck_assert_ptr_null(BreakList_match(&list, &s));
	/* no argv (gone before it was read): the path stands in */
	BreakList_add(&list, "exec~/true$", err, sizeof err);
	s = exec_of("/usr/bin/true", NULL, "");
	ck_assert_ptr_eq(BreakList_match(&list, &s), BreakList_at(&list, 1));
}
END_TEST

START_TEST(test_match_fork_and_exit)
{
	BreakSubject s = { .kind = EV_FORK };

	BreakList_add(&list, "fork", err, sizeof err);
	BreakList_add(&list, "exit:sleep", err, sizeof err);
	ck_assert_ptr_eq(BreakList_match(&list, &s), BreakList_at(&list, 0));
	s.kind = EV_VFORK;
	ck_assert_ptr_nonnull(BreakList_match(&list, &s));
	s.kind = EV_CLONE;
	ck_assert_ptr_nonnull(BreakList_match(&list, &s));
	s.kind = EV_THREAD;
	ck_assert_ptr_null(BreakList_match(&list, &s));
	s = (BreakSubject){ .kind = EV_EXIT, .path = "/usr/bin/sleep", .args = "sleep 1" };
	ck_assert_ptr_eq(BreakList_match(&list, &s), BreakList_at(&list, 1));
	s = (BreakSubject){ .kind = EV_EXIT, .path = "/usr/bin/dash", .args = "sh -c sleep 1" };
	ck_assert_ptr_eq(BreakList_match(&list, &s), BreakList_at(&list, 1));
	s = (BreakSubject){ .kind = EV_EXIT, .path = "/usr/bin/dash", .args = "sh" };
	ck_assert_ptr_null(BreakList_match(&list, &s));
	s = (BreakSubject){ .kind = EV_EXIT }; /* nothing could be read */
	ck_assert_ptr_null(BreakList_match(&list, &s));
}
END_TEST

START_TEST(test_toggle_remove_first_match)
{
	BreakSubject s = exec_of("/usr/bin/make", "make", "make -j2");
	char text[128];

	BreakList_add(&list, "exec:make", err, sizeof err);
	BreakList_add(&list, "exec~make", err, sizeof err);
	ck_assert(BreakList_toggle(&list, 0));
	ck_assert(!BreakList_at(&list, 0)->enabled);
	/* the first enabled one that matches is the one hit */
	ck_assert_ptr_eq(BreakList_match(&list, &s), BreakList_at(&list, 1));
	ck_assert(BreakList_toggle(&list, 1));
	ck_assert_ptr_null(BreakList_match(&list, &s));
	ck_assert(!BreakList_toggle(&list, 2));
	ck_assert(BreakList_set_enabled(&list, 1, true));
	Breakpoint_format(BreakList_at(&list, 1), text, sizeof text);
	ck_assert_str_eq(text, "exec~make (on, 1 hit)");
	ck_assert(BreakList_remove(&list, 0));
	ck_assert_uint_eq(BreakList_count(&list), 1);
	ck_assert_str_eq(BreakList_at(&list, 0)->text, "exec~make");
	/* the regex moved with its breakpoint */
	ck_assert_ptr_eq(BreakList_match(&list, &s), BreakList_at(&list, 0));
	ck_assert(!BreakList_remove(&list, 1));
	ck_assert(BreakList_remove(&list, 0));
	ck_assert_uint_eq(BreakList_count(&list), 0);
}
END_TEST

START_TEST(test_match_event_exec_without_log)
{
	Event ev = { .kind = EV_EXEC, .pid = 42 };

	BreakList_add(&list, "exec:touch", err, sizeof err);
	snprintf(ev.detail, sizeof ev.detail, "/usr/bin/touch");
	ck_assert_ptr_nonnull(BreakList_match_event(&list, &ev));
	snprintf(ev.detail, sizeof ev.detail, "/usr/bin/dash");
	snprintf(ev.argv, sizeof ev.argv, "sh -c 'touch x'");
	ck_assert_ptr_nonnull(BreakList_match_event(&list, &ev));
	snprintf(ev.argv, sizeof ev.argv, "sh");
	ck_assert_ptr_null(BreakList_match_event(&list, &ev));
	ev.kind = EV_EXEC_FAILED;
	snprintf(ev.detail, sizeof ev.detail, "/usr/bin/touch");
	ck_assert_ptr_null(BreakList_match_event(&list, &ev));
}
END_TEST

START_TEST(test_on_break_template)
{
	char *s = on_break_expand("tmux split-window \"gdb -p {pid}\" # {pid}{pid}", 4242);

	ck_assert_str_eq(s, "tmux split-window \"gdb -p 4242\" # 42424242");
	free(s);
	s = on_break_expand("{pi}{pid", 7);
	ck_assert_str_eq(s, "{pi}{pid");
	free(s);
	ck_assert(on_break_valid("gdb -p {pid}"));
	ck_assert(!on_break_valid("gdb"));
	ck_assert(!on_break_valid(" \t"));
	ck_assert(!on_break_valid(""));
	ck_assert(!on_break_valid(NULL));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("breakpoint");
	TCase *tc = tcase_create("breakpoint");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_parse_kinds);
	tcase_add_test(tc, test_parse_refused);
	tcase_add_test(tc, test_parse_bad_regex);
	tcase_add_test(tc, test_match_exec_substring);
	tcase_add_test(tc, test_match_exec_regex);
	tcase_add_test(tc, test_match_fork_and_exit);
	tcase_add_test(tc, test_toggle_remove_first_match);
	tcase_add_test(tc, test_match_event_exec_without_log);
	tcase_add_test(tc, test_on_break_template);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
