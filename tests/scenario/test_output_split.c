/*
 * OutputSplit on interleavings: lines go to the process that wrote them,
 * however the pipe's stream is cut into reads, and what no stopped write
 * explains goes to the fallback.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/output_split.h"

typedef struct Got {
	char lines[16][64];
	pid_t pids[16];
	size_t n;
} Got;

static void got_line(void *ctx, pid_t pid, const char *line, size_t len)
{
	Got *g = ctx;

	ck_assert(g->n < 16);
	snprintf(g->lines[g->n], sizeof g->lines[0], "%.*s", (int)len, line);
	g->pids[g->n++] = pid;
}

static void expect(OutputSplit *o, pid_t pid, const char *text)
{
	OutputSplit_expect(o, pid, strdup(text), strlen(text));
}

/* Feeds stream in reads of at most step bytes. */
static Got run(const char *stream, size_t step, void (*writes)(OutputSplit *))
{
	OutputSplit o;
	Got g = { .n = 0 };
	size_t len = strlen(stream);

	OutputSplit_init(&o, 1, got_line, &g);
	writes(&o);
	for (size_t at = 0; at < len; at += step)
		OutputSplit_feed(&o, stream + at, len - at < step ? len - at : step);
	OutputSplit_flush(&o);
	OutputSplit_done(&o);
	return g;
}

static void two_writers(OutputSplit *o)
{
	expect(o, 10, "hello\n");
	expect(o, 20, "world\n");
}

static void split_lines(OutputSplit *o)
{
	expect(o, 10, "ab");
	expect(o, 20, "x\n");
	expect(o, 10, "c\n");
}

START_TEST(test_order_of_the_pipe)
{
	for (size_t step = 1; step <= 12; step++) {
		Got g = run("world\nhello\n", step, two_writers);
		ck_assert_uint_eq(g.n, 2);
		ck_assert_str_eq(g.lines[0], "world");
		ck_assert_int_eq(g.pids[0], 20);
		ck_assert_str_eq(g.lines[1], "hello");
		ck_assert_int_eq(g.pids[1], 10);
	}
}
END_TEST

START_TEST(test_a_line_in_pieces)
{
	for (size_t step = 1; step <= 7; step++) {
		Got g = run("abx\nc\n", step, split_lines);
		ck_assert_uint_eq(g.n, 2);
		ck_assert_str_eq(g.lines[0], "x");
		ck_assert_int_eq(g.pids[0], 20);
		ck_assert_str_eq(g.lines[1], "abc");
		ck_assert_int_eq(g.pids[1], 10);
	}
}
END_TEST

static void none(OutputSplit *o)
{
	(void)o;
}

static void one(OutputSplit *o)
{
	expect(o, 30, "known\n");
}

START_TEST(test_unexplained_bytes_go_to_the_fallback)
{
	Got g = run("a line nobody stopped\nknown\ntail", 5, one);

	ck_assert_uint_eq(g.n, 3);
	ck_assert_str_eq(g.lines[0], "a line nobody stopped");
	ck_assert_int_eq(g.pids[0], 1);
	ck_assert_str_eq(g.lines[1], "known");
	ck_assert_int_eq(g.pids[1], 30);
	ck_assert_str_eq(g.lines[2], "tail"); /* handed over at the end */
	ck_assert_int_eq(g.pids[2], 1);
	g = run("", 1, none);
	ck_assert_uint_eq(g.n, 0);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("output_split");
	TCase *tc = tcase_create("pure");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_order_of_the_pipe);
	tcase_add_test(tc, test_a_line_in_pieces);
	tcase_add_test(tc, test_unexplained_bytes_go_to_the_fallback);
	suite_add_tcase(su, tc);
	sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
