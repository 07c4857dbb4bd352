/*
 * A process that execs carries its own name from the exec on, even when it
 * exits before anything reads it: a watched shell's short-lived children
 * show as ls and cat, never as the shell that forked them. (And the
 * runner's reading time, its other rule about what a person sees.)
 */
#include <check.h>
#include <string.h>

#include "base/clock.h"
#include "model/session.h"
#include "scenario/runner.h"

static const ProcRecord *exec_of(const Session *s, const char *program)
{
	for (size_t i = 0; i < s->nprocs; i++)
		if (strstr(s->procs[i].exec_path, program) != NULL)
			return &s->procs[i];
	return NULL;
}

START_TEST(test_short_lived_children_have_their_names)
{
	static char *command[] = { "/bin/sh", "-c",
				   "ls / >/dev/null; cat /etc/hostname >/dev/null; exit 0", NULL };
	ScenarioArgs args = { .command = command };
	Session *s = Session_new(0, 3600000000u);
	uint64_t deadline = clock_now_us() + 30000000u;
	const ProcRecord *ls, *cat;
	char err[256];
	Runner *r = Runner_start(&args, s, err, sizeof err);

	ck_assert_msg(r != NULL, "%s", err);
	Runner_set_step_mode(r, false);
	while (Runner_pump(r, 200) != RUNNER_FINISHED)
		ck_assert_msg(clock_now_us() < deadline, "the command did not finish");
	ls = exec_of(s, "/ls");
	cat = exec_of(s, "/cat");
	ck_assert_msg(ls != NULL && cat != NULL, "the tracer saw no exec of ls and cat");
	ck_assert_msg(ls->id.cmdline != NULL && strcmp(ls->id.cmdline, "ls /") == 0,
		      "ls is named '%s'", ls->id.cmdline ? ls->id.cmdline : "(null)");
	ck_assert_msg(cat->id.cmdline != NULL && strcmp(cat->id.cmdline, "cat /etc/hostname") == 0,
		      "cat is named '%s'", cat->id.cmdline ? cat->id.cmdline : "(null)");
	Runner_delete(r);
	Session_delete(s);
}
END_TEST

/* Not a name, but the runner's other pure rule: run mode stays at a step
 * long enough to read its caption. */
START_TEST(test_reading_time)
{
	ck_assert_int_eq(caption_reading_ms("", 1500, 250), 1500);
	ck_assert_int_eq(caption_reading_ms("fork() returned twice.", 1500, 250), 1500);
	/* 12 words at 250 ms: 3 s, more than the pace. */
	ck_assert_int_eq(caption_reading_ms("one two three four five six seven eight nine ten "
					    "eleven twelve", 1500, 250), 3000);
	ck_assert_int_eq(caption_reading_ms("  spaced   words\nand lines ", 0, 100), 400);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("names");
	TCase *tc = tcase_create("kernel");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_short_lived_children_have_their_names);
	tcase_add_test(tc, test_reading_time);
	suite_add_tcase(su, tc);
	sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
