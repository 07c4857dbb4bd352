/*
 * forkscope bench: does it run at a tiny size and print well-formed output?
 *
 * These are not timing tests and assert no time: only the shape of the
 * output (the exact CSV header, one row per method and size, positive
 * numbers with p10 <= median <= p90), the exit status of bad command lines
 * (2), the data interfaces' contracts (progress, cancelling, the job's
 * answer), and that no child is left behind.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench/bench.h"
#include "bench/scale.h"
#include "bench/spawn.h"

#define SPAWN_HEADER "method,parent_mib,reps,median_us,p10_us,p90_us"
#define SCALE_HEADER "mode,workers,seconds,units_per_s,speedup"

/* ---- running the command line into strings ---------------------------- */

typedef struct Captured {
	int status;
	char *out;   /* owned */
	char *err;   /* owned */
} Captured;

static char *stream_slurp(FILE *f)
{
	long len;
	char *text;

	fflush(f);
	len = ftell(f);
	ck_assert_int_ge(len, 0);
	text = calloc(1, (size_t)len + 1);
	ck_assert_ptr_nonnull(text);
	rewind(f);
	ck_assert_int_eq(fread(text, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	return text;
}

static Captured bench_capture(int argc, char **argv)
{
	FILE *out = tmpfile(), *err = tmpfile();
	Captured c;

	ck_assert_ptr_nonnull(out);
	ck_assert_ptr_nonnull(err);
	c.status = bench_run(argc, argv, out, err);
	c.out = stream_slurp(out);
	c.err = stream_slurp(err);
	return c;
}

static void captured_free(Captured *c)
{
	free(c->out);
	free(c->err);
}

#define RUN(...) run_args((char *[]){ "bench", __VA_ARGS__, NULL })

static Captured run_args(char **argv)
{
	int argc = 0;
	while (argv[argc] != NULL)
		argc++;
	return bench_capture(argc, argv);
}

static void no_child_left(void)
{
	int status;
	ck_assert_int_eq(waitpid(-1, &status, WNOHANG), -1);
	ck_assert_int_eq(errno, ECHILD);
}

static void setup(void)
{
	/* The build tree's tiny program, unless the environment names one. */
	setenv("FORKSCOPE_TINY", FORKSCOPE_TINY_BUILT, 0);
}

/* ---- spawn CSV -------------------------------------------------------- */

typedef struct SpawnRow {
	char method[32];
	unsigned mib;
	int reps;
	double median, p10, p90;
} SpawnRow;

static int spawn_rows_parse(char *csv, SpawnRow *rows, int max)
{
	char *save = NULL, *line = strtok_r(csv, "\n", &save);
	int n = 0;

	ck_assert_ptr_nonnull(line);
	ck_assert_str_eq(line, SPAWN_HEADER);
	while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
		char tail;
		ck_assert_int_lt(n, max);
		ck_assert_msg(sscanf(line, "%31[^,],%u,%d,%lf,%lf,%lf%c", rows[n].method, &rows[n].mib,
			&rows[n].reps, &rows[n].median, &rows[n].p10, &rows[n].p90, &tail) == 6,
			"malformed row: %s", line);
		n++;
	}
	return n;
}

static int rows_count(const SpawnRow *rows, int n, const char *method, unsigned mib)
{
	int count = 0;
	for (int i = 0; i < n; i++)
		count += strcmp(rows[i].method, method) == 0 && rows[i].mib == mib;
	return count;
}

START_TEST(spawn_csv_is_well_formed)
{
	Captured c = RUN("spawn", "--sizes=0,1", "--reps=3", "--csv", "--quiet");
	SpawnRow rows[32];
	int n;

	ck_assert_msg(c.status == 0, "status %d: %s", c.status, c.err);
	n = spawn_rows_parse(c.out, rows, 32);
	/* five methods at each size, system and popen once at the smallest */
	ck_assert_int_eq(n, 5 * 2 + 2);
	for (int m = 0; m < SPAWN_METHOD_COUNT; m++) {
		const SpawnMethodInfo *info = spawn_method_info(m);
		ck_assert_int_eq(rows_count(rows, n, info->name, 0), 1);
		ck_assert_int_eq(rows_count(rows, n, info->name, 1), info->every_size ? 1 : 0);
	}
	for (int i = 0; i < n; i++) {
		ck_assert_int_eq(rows[i].reps, 3);
		ck_assert(rows[i].p10 > 0);
		ck_assert(rows[i].p10 <= rows[i].median);
		ck_assert(rows[i].median <= rows[i].p90);
	}
	captured_free(&c);
	no_child_left();
}
END_TEST

START_TEST(spawn_table_has_ratio_and_machine)
{
	Captured c = RUN("spawn", "--sizes=1,0", "--reps=2", "--quiet");

	ck_assert_msg(c.status == 0, "status %d: %s", c.status, c.err);
	ck_assert_ptr_nonnull(strstr(c.out, "machine: "));
	ck_assert_ptr_nonnull(strstr(c.out, "median us by parent size"));
	ck_assert_ptr_nonnull(strstr(c.out, "at 1 MiB, fork+exec takes"));
	ck_assert_ptr_nonnull(strstr(c.out, "at 0 MiB, system() takes"));
	ck_assert_str_eq(c.err, "");
	captured_free(&c);
	no_child_left();
}
END_TEST

START_TEST(spawn_progress_goes_to_err_unless_quiet)
{
	Captured c = RUN("spawn", "--sizes=0", "--reps=1");

	ck_assert_int_eq(c.status, 0);
	ck_assert_ptr_nonnull(strstr(c.err, "fork+exec"));
	captured_free(&c);
}
END_TEST

START_TEST(spawn_without_tiny_fails_with_status_1)
{
	char *saved = strdup(getenv("FORKSCOPE_TINY"));
	Captured c;

	setenv("FORKSCOPE_TINY", "/nonexistent/forkscope-tiny", 1);
	c = RUN("spawn", "--sizes=0", "--reps=1", "--quiet");
	setenv("FORKSCOPE_TINY", saved, 1);  /* for the tests after, when not forked */
	free(saved);
	ck_assert_int_eq(c.status, 1);
	ck_assert_ptr_nonnull(strstr(c.err, "FORKSCOPE_TINY"));
	captured_free(&c);
}
END_TEST

/* ---- scale CSV -------------------------------------------------------- */

START_TEST(scale_csv_is_well_formed)
{
	Captured c = RUN("scale", "--workers=1,2,3", "--units=300", "--reps=1", "--csv", "--quiet");
	char *save = NULL, *line;
	int rows = 0, seen[SCALE_MODE_COUNT] = { 0 };

	ck_assert_msg(c.status == 0, "status %d: %s", c.status, c.err);
	line = strtok_r(c.out, "\n", &save);
	ck_assert_ptr_nonnull(line);
	ck_assert_str_eq(line, SCALE_HEADER);
	while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
		char mode[32], tail;
		int workers;
		double seconds, rate, speedup;
		ck_assert_msg(sscanf(line, "%31[^,],%d,%lf,%lf,%lf%c", mode, &workers, &seconds,
			&rate, &speedup, &tail) == 5, "malformed row: %s", line);
		ck_assert(workers >= 1 && workers <= 3);
		ck_assert(seconds > 0 && rate > 0 && speedup > 0);
		for (int m = 0; m < SCALE_MODE_COUNT; m++)
			seen[m] += strcmp(mode, scale_mode_info(m)->name) == 0;
		rows++;
	}
	ck_assert_int_eq(rows, 3 * SCALE_MODE_COUNT);
	for (int m = 0; m < SCALE_MODE_COUNT; m++)
		ck_assert_int_eq(seen[m], 3);
	captured_free(&c);
	no_child_left();
}
END_TEST

START_TEST(scale_table_has_verdict)
{
	Captured c = RUN("scale", "--workers=1,2", "--units=100", "--reps=1", "--quiet");

	ck_assert_msg(c.status == 0, "status %d: %s", c.status, c.err);
	ck_assert_ptr_nonnull(strstr(c.out, "pipe: best"));
	ck_assert_ptr_nonnull(strstr(c.out, "communication through pipes"));
	ck_assert_ptr_nonnull(strstr(c.out, "pipes keep"));
	captured_free(&c);
	no_child_left();
}
END_TEST

/* ---- bad command lines ------------------------------------------------ */

static char *const bad_lines[][4] = {
	{ NULL },
	{ "spin" },
	{ "spawn", "--bogus" },
	{ "spawn", "--sizes=5000" },
	{ "spawn", "--sizes=" },
	{ "spawn", "--sizes=0,,1" },
	{ "spawn", "--sizes=-1" },
	{ "spawn", "--sizes=1x" },
	{ "spawn", "--sizes=99999999999999999999999" },
	{ "spawn", "--sizes" },
	{ "spawn", "--sizes=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16" },
	{ "spawn", "--reps=0" },
	{ "spawn", "--reps=100001" },
	{ "spawn", "--reps=three" },
	{ "spawn", "--csv=yes" },
	{ "scale", "--workers=0" },
	{ "scale", "--workers=257" },
	{ "scale", "--units=0" },
	{ "scale", "--units=1000001" },
	{ "scale", "--rounds=0" },
	{ "scale", "--rounds=4097" },
	{ "scale", "--reps=101" },
	{ "scale", "--sizes=1" },
};

START_TEST(bad_options_exit_2)
{
	char *argv[6] = { "bench" };
	int argc = 1;
	Captured c;

	for (int i = 0; i < 4 && bad_lines[_i][i] != NULL; i++)
		argv[argc++] = bad_lines[_i][i];
	argv[argc] = NULL;
	c = bench_capture(argc, argv);
	ck_assert_msg(c.status == 2, "line %d: status %d", _i, c.status);
	ck_assert_msg(strlen(c.err) > 0 && strchr(c.err, '\n') != NULL, "line %d: no message", _i);
	ck_assert_str_eq(c.out, "");
	captured_free(&c);
	no_child_left();
}
END_TEST

START_TEST(messages_name_the_option)
{
	Captured c = RUN("spawn", "--reps=0");
	ck_assert_ptr_nonnull(strstr(c.err, "--reps"));
	captured_free(&c);
	c = RUN("spawn", "--sizes=5000");
	ck_assert_ptr_nonnull(strstr(c.err, "--sizes"));
	captured_free(&c);
	c = RUN("spawn", "--frobnicate");
	ck_assert_ptr_nonnull(strstr(c.err, "--frobnicate"));
	captured_free(&c);
}
END_TEST

START_TEST(help_exits_0)
{
	Captured c = RUN("--help");
	ck_assert_int_eq(c.status, 0);
	ck_assert_ptr_nonnull(strstr(c.out, "spawn"));
	ck_assert_ptr_nonnull(strstr(c.out, "scale"));
	captured_free(&c);
	c = RUN("spawn", "--help");
	ck_assert_int_eq(c.status, 0);
	ck_assert_ptr_nonnull(strstr(c.out, "--sizes"));
	captured_free(&c);
	c = RUN("scale", "--help");
	ck_assert_int_eq(c.status, 0);
	ck_assert_ptr_nonnull(strstr(c.out, "--workers"));
	captured_free(&c);
}
END_TEST

/* bench_main writes on the real stdout: redirect it into a file. */
START_TEST(bench_main_writes_stdout)
{
	char *argv[] = { "bench", "spawn", "--sizes=0", "--reps=1", "--csv", "--quiet", NULL };
	FILE *capture = tmpfile();
	int saved = dup(STDOUT_FILENO), status;
	char *text;

	ck_assert_ptr_nonnull(capture);
	fflush(stdout);
	ck_assert_int_ge(dup2(fileno(capture), STDOUT_FILENO), 0);
	status = bench_main(6, argv);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	ck_assert_int_eq(status, 0);
	fseek(capture, 0, SEEK_END);
	text = stream_slurp(capture);
	ck_assert_int_eq(strncmp(text, SPAWN_HEADER "\n", strlen(SPAWN_HEADER) + 1), 0);
	free(text);
}
END_TEST

/* ---- the data interfaces ---------------------------------------------- */

typedef struct Progress {
	int calls, last_done, total, stop_after;
} Progress;

static int progress_count(void *ctx, int done, int total)
{
	Progress *p = ctx;
	ck_assert_int_eq(done, p->last_done + 1);
	p->calls++;
	p->last_done = done;
	p->total = total;
	return p->stop_after && done >= p->stop_after;
}

START_TEST(spawn_api_measures_every_method)
{
	char err[512];
	SpawnBench *b = SpawnBench_new(spawn_tiny_path(), err, sizeof err);

	ck_assert_msg(b != NULL, "%s", err);
	ck_assert_int_eq(SpawnBench_set_parent_mib(b, 1, err, sizeof err), 0);
	ck_assert_uint_eq(SpawnBench_parent_mib(b), 1);
	for (int m = 0; m < SPAWN_METHOD_COUNT; m++) {
		Progress p = { 0 };
		SpawnPoint point;
		ck_assert_msg(SpawnBench_measure(b, m, 4, progress_count, &p, &point, err, sizeof err) == 0,
			"%s: %s", spawn_method_info(m)->name, err);
		ck_assert_int_eq(p.calls, 4);
		ck_assert_int_eq(p.total, 4);
		ck_assert_int_eq(point.method, m);
		ck_assert_uint_eq(point.parent_mib, 1);
		ck_assert_int_eq(point.stats.reps, 4);
		ck_assert(point.stats.p10_us > 0);
		ck_assert(point.stats.p10_us <= point.stats.median_us);
		ck_assert(point.stats.median_us <= point.stats.p90_us);
	}
	SpawnBench_delete(b);
	no_child_left();
}
END_TEST

START_TEST(spawn_api_cancels_and_reaps)
{
	char err[512];
	SpawnBench *b = SpawnBench_new(spawn_tiny_path(), err, sizeof err);
	Progress p = { .stop_after = 2 };
	SpawnPoint point;

	ck_assert_msg(b != NULL, "%s", err);
	ck_assert_int_eq(SpawnBench_measure(b, SPAWN_FORK_EXEC, 50, progress_count, &p, &point,
		err, sizeof err), -1);
	ck_assert_int_eq(errno, ECANCELED);
	ck_assert_int_eq(p.calls, 2);
	no_child_left();
	ck_assert_int_eq(SpawnBench_set_parent_mib(b, spawn_max_mib() + 1, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "MiB"));
	SpawnBench_delete(b);
}
END_TEST

START_TEST(spawn_api_refuses_a_missing_program)
{
	char err[512];
	ck_assert_ptr_null(SpawnBench_new("/nonexistent/forkscope-tiny", err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "/nonexistent/forkscope-tiny"));
}
END_TEST

START_TEST(scale_api_modes_agree)
{
	char err[512];
	ScaleBench *b = ScaleBench_new(257, 2, err, sizeof err);
	ScalePoint points[SCALE_MODE_COUNT * 2];
	ScaleVerdict v;
	int n = 0;

	ck_assert_msg(b != NULL, "%s", err);
	ck_assert(ScaleBench_unit_us(b) > 0);
	for (int workers = 2; workers <= 5; workers += 3) {
		for (int m = 0; m < SCALE_MODE_COUNT; m++) {
			Progress p = { 0 };
			/* a wrong answer would be an error here */
			ck_assert_msg(ScaleBench_measure(b, m, workers, 2, progress_count, &p,
				&points[n], err, sizeof err) == 0, "%s", err);
			ck_assert_int_eq(p.calls, 2);
			ck_assert_int_eq(points[n].workers, workers);
			ck_assert(points[n].speedup > 0);
			n++;
		}
	}
	ScaleVerdict_compute(&v, points, n, SCALE_PIPE);
	ck_assert(v.best_workers == 2 || v.best_workers == 5);
	ScaleBench_delete(b);
	no_child_left();
}
END_TEST

START_TEST(scale_api_cancels_and_reaps)
{
	char err[512];
	ScaleBench *b = ScaleBench_new(50, 2, err, sizeof err);
	Progress p = { .stop_after = 1 };
	ScalePoint point;

	ck_assert_msg(b != NULL, "%s", err);
	ck_assert_int_eq(ScaleBench_measure(b, SCALE_PIPE, 3, 5, progress_count, &p, &point,
		err, sizeof err), -1);
	ck_assert_int_eq(errno, ECANCELED);
	no_child_left();
	ck_assert_ptr_null(ScaleBench_new(0, 2, err, sizeof err));
	ScaleBench_delete(b);
}
END_TEST

static ScalePoint point_make(ScaleMode mode, int workers, double speedup)
{
	ScalePoint p = { .mode = mode, .workers = workers, .reps = 1, .speedup = speedup,
		.units_per_s = 1000.0 * speedup, .seconds = 1.0 / speedup };
	return p;
}

START_TEST(verdict_finds_the_crossings)
{
	ScalePoint rising[] = {
		point_make(SCALE_PIPE, 1, 0.37), point_make(SCALE_PIPE, 2, 1.25),
		point_make(SCALE_INDEPENDENT, 2, 2.0), /* another mode: ignored */
		point_make(SCALE_PIPE, 4, 1.39), point_make(SCALE_PIPE, 8, 1.10),
	};
	ScalePoint never[] = { point_make(SCALE_PIPE, 1, 0.2), point_make(SCALE_PIPE, 4, 0.9) };
	ScalePoint noise[] = { point_make(SCALE_MMAP, 1, 0.99), point_make(SCALE_MMAP, 2, 1.9) };
	ScalePoint dip[] = {
		point_make(SCALE_MMAP, 4, 1.5), point_make(SCALE_MMAP, 1, 1.2), point_make(SCALE_MMAP, 2, 0.9),
	};
	ScaleVerdict v;

	ScaleVerdict_compute(&v, rising, 5, SCALE_PIPE);
	ck_assert_int_eq(v.best_workers, 4);
	ck_assert_int_eq(v.decline_workers, 8);
	ck_assert_int_eq(v.gain_from_workers, 2);
	ck_assert_int_eq(v.first_workers, 1);
	ck_assert(v.first_speedup == 0.37);
	ScaleVerdict_compute(&v, never, 2, SCALE_PIPE);
	ck_assert_int_eq(v.gain_from_workers, 0);
	ck_assert_int_eq(v.decline_workers, 0);
	ScaleVerdict_compute(&v, dip, 3, SCALE_MMAP);
	ck_assert_int_eq(v.gain_from_workers, 4);
	ck_assert_int_eq(v.first_workers, 1);
	ScaleVerdict_compute(&v, noise, 2, SCALE_MMAP);  /* 1% slower is noise */
	ck_assert_int_eq(v.gain_from_workers, 1);
	ScaleVerdict_compute(&v, dip, 3, SCALE_PIPE);
	ck_assert_int_eq(v.best_workers, 0);
}
END_TEST

START_TEST(default_workers_reach_four_times_the_cpus)
{
	int counts[16], n = scale_default_workers(counts, 16);
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	ck_assert_int_ge(n, 2);
	ck_assert_int_eq(counts[0], 1);
	for (int i = 1; i < n; i++)
		ck_assert_int_gt(counts[i], counts[i - 1]);
	ck_assert_int_le(counts[n - 1], 4 * cpus);
}
END_TEST

static Suite *bench_suite(void)
{
	Suite *s = suite_create("bench");
	TCase *cli = tcase_create("command line");
	TCase *api = tcase_create("data interfaces");

	tcase_add_checked_fixture(cli, setup, NULL);
	tcase_add_test(cli, spawn_csv_is_well_formed);
	tcase_add_test(cli, spawn_table_has_ratio_and_machine);
	tcase_add_test(cli, spawn_progress_goes_to_err_unless_quiet);
	tcase_add_test(cli, spawn_without_tiny_fails_with_status_1);
	tcase_add_test(cli, scale_csv_is_well_formed);
	tcase_add_test(cli, scale_table_has_verdict);
	tcase_add_loop_test(cli, bad_options_exit_2, 0, (int)(sizeof bad_lines / sizeof bad_lines[0]));
	tcase_add_test(cli, messages_name_the_option);
	tcase_add_test(cli, help_exits_0);
	tcase_add_test(cli, bench_main_writes_stdout);
	suite_add_tcase(s, cli);

	tcase_add_checked_fixture(api, setup, NULL);
	tcase_add_test(api, spawn_api_measures_every_method);
	tcase_add_test(api, spawn_api_cancels_and_reaps);
	tcase_add_test(api, spawn_api_refuses_a_missing_program);
	tcase_add_test(api, scale_api_modes_agree);
	tcase_add_test(api, scale_api_cancels_and_reaps);
	tcase_add_test(api, verdict_finds_the_crossings);
	tcase_add_test(api, default_workers_reach_four_times_the_cpus);
	suite_add_tcase(s, api);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(bench_suite());
	int failed;

	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
