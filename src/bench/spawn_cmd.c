/*
 * forkscope bench spawn: measures every method at every parent size through
 * spawn.h, then prints the points as a table (with a matrix of medians and
 * the ratios that matter) or as CSV:
 *
 *   method,parent_mib,reps,median_us,p10_us,p90_us
 *
 * one row per method and size; system and popen (the shell's price) have
 * one row each, at the smallest size. Sizes are measured in the order
 * given; at each size the region is mapped and touched once and every
 * method is measured against it. The table and messages are translated;
 * the CSV is not.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "bench/bench.h"
#include "bench/cli.h"
#include "bench/spawn.h"

#define SPAWN_MAX_SIZES 16
#define SPAWN_MAX_POINTS (SPAWN_MAX_SIZES * SPAWN_METHOD_COUNT)

typedef struct SpawnArgs {
	long sizes[SPAWN_MAX_SIZES];  /* MiB */
	int nsizes;
	bool sizes_given;             /* else the defaults, less those above the limit */
	long reps;                    /* 0: spawn_default_reps per size */
	bool csv;
	bool quiet;
} SpawnArgs;

static int apply_sizes(void *args, const char *value, char *err, size_t errlen)
{
	SpawnArgs *a = args;
	char what[96];

	snprintf(what, sizeof what, _("--sizes (MiB; at most %u here: %u and half the RAM)"),
		spawn_max_mib(), SPAWN_CAP_MIB);
	a->sizes_given = true;
	return bench_parse_list(value, 0, spawn_max_mib(), a->sizes, SPAWN_MAX_SIZES,
		&a->nsizes, what, err, errlen);
}

static int apply_reps(void *args, const char *value, char *err, size_t errlen)
{
	return bench_parse_number(value, 1, SPAWN_MAX_REPS, &((SpawnArgs *)args)->reps,
		"--reps", err, errlen);
}

static int apply_csv(void *args, const char *value, char *err, size_t errlen)
{
	((SpawnArgs *)args)->csv = true;
	return 0;
}

static int apply_quiet(void *args, const char *value, char *err, size_t errlen)
{
	((SpawnArgs *)args)->quiet = true;
	return 0;
}

static const BenchOpt spawn_options[] = {
	{ "--sizes", "LIST", N_("parent's touched memory in MiB (default 0,16,64,256,1024)"), apply_sizes },
	{ "--reps", "N", N_("timed runs per point (default 200 up to 256 MiB, 100 up to 1024, 50 above)"),
	  apply_reps },
	{ "--csv", NULL, N_("CSV on stdout: method,parent_mib,reps,median_us,p10_us,p90_us"), apply_csv },
	{ "--quiet", NULL, N_("no progress on stderr"), apply_quiet },
};

static const char spawn_summary[] =
	N_("Times creating a process that runs a tiny static program, and waiting for it,\n"
	   "by each method, as the parent's touched memory grows.");

/* ---- measuring -------------------------------------------------------- */

/* A small machine keeps the default sizes it can afford, and says so. */
static void defaults_fit(SpawnArgs *a, FILE *err)
{
	int kept = 0;

	for (int i = 0; i < a->nsizes; i++) {
		if ((unsigned long)a->sizes[i] <= spawn_max_mib())
			a->sizes[kept++] = a->sizes[i];
		else
			fprintf(err, _("forkscope bench spawn: skipping %ld MiB, above half the RAM\n"),
				a->sizes[i]);
	}
	a->nsizes = kept;
}

static int smallest_size(const SpawnArgs *a)
{
	int best = 0;
	for (int i = 1; i < a->nsizes; i++)
		if (a->sizes[i] < a->sizes[best])
			best = i;
	return best;
}

static int point_measure(SpawnBench *b, SpawnMethod m, int reps, BenchTicker *t,
	SpawnPoint *out, FILE *err)
{
	char msg[512];

	BenchTicker_begin(t, _("spawn %s at %u MiB"), spawn_method_info(m)->label,
		SpawnBench_parent_mib(b));
	if (SpawnBench_measure(b, m, reps, bench_ticker_progress, t, out, msg, sizeof msg) != 0) {
		BenchTicker_done(t);
		fprintf(err, "forkscope bench spawn: %s\n", msg);
		return -1;
	}
	BenchTicker_end(t, _("median %.1f us of %d runs"), out->stats.median_us, out->stats.reps);
	return 0;
}

/* Measures every point into points; returns how many, or -1. */
static int points_measure(SpawnBench *b, const SpawnArgs *a, SpawnPoint *points, FILE *err)
{
	BenchTicker ticker;
	int n = 0, shell_at = smallest_size(a);
	char msg[512];

	BenchTicker_init(&ticker, err, a->quiet);
	for (int s = 0; s < a->nsizes; s++) {
		unsigned mib = (unsigned)a->sizes[s];
		int reps = a->reps ? (int)a->reps : spawn_default_reps(mib);

		BenchTicker_begin(&ticker, _("spawn: touching %u MiB"), mib);
		if (SpawnBench_set_parent_mib(b, mib, msg, sizeof msg) != 0) {
			BenchTicker_done(&ticker);
			fprintf(err, "forkscope bench spawn: %s\n", msg);
			return -1;
		}
		for (int m = 0; m < SPAWN_METHOD_COUNT; m++) {
			if (!spawn_method_info(m)->every_size && s != shell_at)
				continue;
			if (point_measure(b, m, reps, &ticker, &points[n], err) != 0)
				return -1;
			n++;
		}
	}
	BenchTicker_done(&ticker);
	return n;
}

/* ---- printing --------------------------------------------------------- */

static void csv_print(const SpawnPoint *points, int n, FILE *out)
{
	fputs("method,parent_mib,reps,median_us,p10_us,p90_us\n", out);
	for (int i = 0; i < n; i++) {
		const SpawnPoint *p = &points[i];
		fprintf(out, "%s,%u,%d,%.1f,%.1f,%.1f\n", spawn_method_info(p->method)->name,
			p->parent_mib, p->stats.reps, p->stats.median_us, p->stats.p10_us, p->stats.p90_us);
	}
}

static const SpawnPoint *point_find(const SpawnPoint *points, int n, SpawnMethod m, unsigned mib)
{
	for (int i = 0; i < n; i++)
		if (points[i].method == m && points[i].parent_mib == mib)
			return &points[i];
	return NULL;
}

static void table_print(const SpawnPoint *points, int n, FILE *out)
{
	i18n_fput(out, _("method"), -12);
	fputc(' ', out);
	i18n_fput(out, _("parent MiB"), 10);
	fputc(' ', out);
	i18n_fput(out, _("reps"), 6);
	fputc(' ', out);
	i18n_fput(out, _("median"), 10);
	fprintf(out, " %10s %10s\n", "p10", "p90");
	for (int i = 0; i < n; i++) {
		const SpawnPoint *p = &points[i];
		fprintf(out, "%-12s %10u %6d %10.1f %10.1f %10.1f\n", spawn_method_info(p->method)->label,
			p->parent_mib, p->stats.reps, p->stats.median_us, p->stats.p10_us, p->stats.p90_us);
	}
}

static void matrix_print(const SpawnPoint *points, int n, const SpawnArgs *a, FILE *out)
{
	fprintf(out, "\n%s\n", _("median us by parent size"));
	i18n_fput(out, _("parent MiB"), 10);
	for (int m = 0; m < SPAWN_METHOD_COUNT; m++)
		if (spawn_method_info(m)->every_size)
			fprintf(out, " %12s", spawn_method_info(m)->label);
	fputc('\n', out);
	for (int s = 0; s < a->nsizes; s++) {
		fprintf(out, "%10ld", a->sizes[s]);
		for (int m = 0; m < SPAWN_METHOD_COUNT; m++) {
			const SpawnPoint *p = point_find(points, n, m, (unsigned)a->sizes[s]);
			if (spawn_method_info(m)->every_size && p != NULL)
				fprintf(out, " %12.1f", p->stats.median_us);
		}
		fputc('\n', out);
	}
}

static void ratio_print(const SpawnPoint *points, int n, SpawnMethod m, SpawnMethod base,
	unsigned mib, FILE *out)
{
	const SpawnPoint *p = point_find(points, n, m, mib), *q = point_find(points, n, base, mib);

	if (p == NULL || q == NULL)
		return;
	fprintf(out, _("at %u MiB, %s takes %.1f times as long as %s (%.1f against %.1f us)\n"), mib,
		spawn_method_info(m)->label, p->stats.median_us / q->stats.median_us,
		spawn_method_info(base)->label, p->stats.median_us, q->stats.median_us);
}

static void growth_print(const SpawnPoint *points, int n, unsigned low, unsigned high, FILE *out)
{
	if (high == low)
		return;
	fprintf(out, _("from %u to %u MiB, the median grows by:"), low, high);
	for (int m = 0; m < SPAWN_METHOD_COUNT; m++) {
		const SpawnPoint *p = point_find(points, n, m, low), *q = point_find(points, n, m, high);
		if (spawn_method_info(m)->every_size && p != NULL && q != NULL)
			fprintf(out, "%s %s %+.0f us", m ? "," : "", spawn_method_info(m)->label,
				q->stats.median_us - p->stats.median_us);
	}
	fputc('\n', out);
}

static void summary_print(const SpawnPoint *points, int n, const SpawnArgs *a, FILE *out)
{
	unsigned low = (unsigned)a->sizes[smallest_size(a)], high = low;

	for (int s = 0; s < a->nsizes; s++)
		if ((unsigned)a->sizes[s] > high)
			high = (unsigned)a->sizes[s];
	fputc('\n', out);
	ratio_print(points, n, SPAWN_FORK_EXEC, SPAWN_POSIX_SPAWN, high, out);
	ratio_print(points, n, SPAWN_FORK_EXEC, SPAWN_VFORK_EXEC, high, out);
	growth_print(points, n, low, high, out);
	ratio_print(points, n, SPAWN_SYSTEM, SPAWN_POSIX_SPAWN, low, out);
	ratio_print(points, n, SPAWN_POPEN, SPAWN_POSIX_SPAWN, low, out);
}

static void report_print(const SpawnPoint *points, int n, const SpawnArgs *a, FILE *out)
{
	char machine[256];
	int unpinned = 0;

	for (int i = 0; i < n; i++)
		unpinned += points[i].cpu < 0;
	bench_machine_line(machine, sizeof machine);
	fputs(_("forkscope bench spawn: create a process running a tiny static program, wait for it\n"),
	      out);
	fprintf(out, _("machine: %s\n"), machine);
	if (unpinned == 0)
		fputs(_("pinned: parent and child share the CPU the parent was on at each point\n"), out);
	else
		fprintf(out, _("not pinned at %d of %d points (sched_setaffinity refused)\n"), unpinned, n);
	fputs(_("times in us: median, 10th and 90th percentile of the timed runs, after warm-up\n\n"), out);
	table_print(points, n, out);
	matrix_print(points, n, a, out);
	summary_print(points, n, a, out);
}

int bench_spawn(int argc, char **argv, FILE *out, FILE *err)
{
	SpawnArgs a = { .sizes = { 0, 16, 64, 256, 1024 }, .nsizes = 5 };
	SpawnPoint points[SPAWN_MAX_POINTS];
	SpawnBench *b;
	char msg[512];
	int n;

	switch (bench_options_parse("spawn", spawn_summary, spawn_options,
			(int)(sizeof spawn_options / sizeof spawn_options[0]), argc, argv, &a, out, err)) {
	case BENCH_PARSE_HELP:
		return BENCH_EXIT_OK;
	case BENCH_PARSE_ERROR:
		return BENCH_EXIT_USAGE;
	case BENCH_PARSE_OK:
		break;
	}
	if (!a.sizes_given)
		defaults_fit(&a, err);
	b = SpawnBench_new(spawn_tiny_path(), msg, sizeof msg);
	if (b == NULL) {
		fprintf(err, "forkscope bench spawn: %s\n", msg);
		return BENCH_EXIT_FAILED;
	}
	n = points_measure(b, &a, points, err);
	SpawnBench_delete(b);
	if (n < 0)
		return BENCH_EXIT_FAILED;
	if (a.csv)
		csv_print(points, n, out);
	else
		report_print(points, n, &a, out);
	return BENCH_EXIT_OK;
}
