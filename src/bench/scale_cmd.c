/*
 * forkscope bench scale: measures the job in every mode at every worker
 * count through scale.h (worker counts in the outer loop, so a slow moment
 * of the machine touches every mode alike), then prints a table with a
 * verdict per mode, or CSV:
 *
 *   mode,workers,seconds,units_per_s,speedup
 *
 * one row per mode and worker count; speedup is against one independent
 * worker.
 */
#include <stdbool.h>
#include <stdio.h>

#include "base/i18n.h"
#include "bench/bench.h"
#include "bench/cli.h"
#include "bench/machine.h"
#include "bench/scale.h"

#define SCALE_MAX_COUNTS 16

typedef struct ScaleArgs {
	long workers[SCALE_MAX_COUNTS];
	int nworkers;          /* 0: scale_default_workers */
	long units;
	long rounds;
	long reps;
	bool csv;
	bool quiet;
} ScaleArgs;

static int apply_workers(void *args, const char *value, char *err, size_t errlen)
{
	ScaleArgs *a = args;
	return bench_parse_list(value, 1, SCALE_MAX_WORKERS, a->workers, SCALE_MAX_COUNTS,
		&a->nworkers, "--workers", err, errlen);
}

static int apply_units(void *args, const char *value, char *err, size_t errlen)
{
	return bench_parse_number(value, 1, SCALE_MAX_UNITS, &((ScaleArgs *)args)->units,
		"--units", err, errlen);
}

static int apply_rounds(void *args, const char *value, char *err, size_t errlen)
{
	return bench_parse_number(value, 1, SCALE_MAX_ROUNDS, &((ScaleArgs *)args)->rounds,
		"--rounds", err, errlen);
}

static int apply_reps(void *args, const char *value, char *err, size_t errlen)
{
	return bench_parse_number(value, 1, SCALE_MAX_REPS, &((ScaleArgs *)args)->reps,
		"--reps", err, errlen);
}

static int apply_csv(void *args, const char *value, char *err, size_t errlen)
{
	((ScaleArgs *)args)->csv = true;
	return 0;
}

static int apply_quiet(void *args, const char *value, char *err, size_t errlen)
{
	((ScaleArgs *)args)->quiet = true;
	return 0;
}

static const BenchOpt scale_options[] = {
	{ "--workers", "LIST", N_("worker counts (default 1,2,4,... up to 4x the CPUs)"), apply_workers },
	{ "--units", "N", N_("units of work in the job (default 20000)"), apply_units },
	{ "--rounds", "N", N_("work per unit: passes over its 4 KiB block (default 32)"), apply_rounds },
	{ "--reps", "N", N_("runs of the job per point; the median is kept (default 3)"), apply_reps },
	{ "--csv", NULL, N_("CSV on stdout: mode,workers,seconds,units_per_s,speedup"), apply_csv },
	{ "--quiet", NULL, N_("no progress on stderr"), apply_quiet },
};

static const char scale_summary[] =
	N_("Splits one CPU-bound job among N worker processes that work independently,\n"
	   "exchange two small messages per unit through pipes, or share an mmap file.");

/* ---- measuring -------------------------------------------------------- */

static int points_measure(ScaleBench *b, const ScaleArgs *a, ScalePoint *points, FILE *err)
{
	BenchTicker ticker;
	char msg[512];
	int n = 0;

	BenchTicker_init(&ticker, err, a->quiet);
	for (int w = 0; w < a->nworkers; w++) {
		for (int m = 0; m < SCALE_MODE_COUNT; m++) {
			ScalePoint *p = &points[n];
			BenchTicker_begin(&ticker, _("scale %s with %ld workers"), scale_mode_info(m)->name,
				a->workers[w]);
			if (ScaleBench_measure(b, m, (int)a->workers[w], (int)a->reps,
					bench_ticker_progress, &ticker, p, msg, sizeof msg) != 0) {
				BenchTicker_done(&ticker);
				fprintf(err, _("forkscope bench scale: %s\n"), msg);
				return -1;
			}
			BenchTicker_end(&ticker, _("%.3f s, speedup %.2f"), p->seconds, p->speedup);
			n++;
		}
	}
	BenchTicker_done(&ticker);
	return n;
}

/* ---- printing --------------------------------------------------------- */

static void csv_print(const ScalePoint *points, int n, FILE *out)
{
	fputs("mode,workers,seconds,units_per_s,speedup\n", out);
	for (int i = 0; i < n; i++) {
		const ScalePoint *p = &points[i];
		fprintf(out, "%s,%d,%.4f,%.0f,%.3f\n", scale_mode_info(p->mode)->name, p->workers,
			p->seconds, p->units_per_s, p->speedup);
	}
}

static void table_print(const ScalePoint *points, int n, FILE *out)
{
	i18n_fput(out, _("mode"), -24);
	fputc(' ', out);
	i18n_fput(out, _("workers"), 7);
	fputc(' ', out);
	i18n_fput(out, _("seconds"), 9);
	fputc(' ', out);
	i18n_fput(out, _("units/s"), 12);
	fputc(' ', out);
	i18n_fput(out, _("speedup"), 8);
	fputc('\n', out);
	for (int m = 0; m < SCALE_MODE_COUNT; m++) {
		for (int i = 0; i < n; i++) {
			const ScalePoint *p = &points[i];
			if (p->mode != (ScaleMode)m)
				continue;
			i18n_fput(out, _(scale_mode_info(m)->label), -24);
			fprintf(out, " %7d %9.3f %12.0f %8.2f\n", p->workers, p->seconds, p->units_per_s,
				p->speedup);
		}
	}
}

static void verdict_print(const ScalePoint *points, int n, ScaleMode m, FILE *out)
{
	ScaleVerdict v;

	ScaleVerdict_compute(&v, points, n, m);
	if (v.best_workers == 0)
		return;
	fprintf(out, ngettext("%s: best %.2fx with %d worker", "%s: best %.2fx with %d workers",
			      (unsigned long)v.best_workers),
		scale_mode_info(m)->name, v.best_speedup, v.best_workers);
	if (v.decline_workers)
		fprintf(out, _("; from %d workers on, throughput falls: each added process costs more "
			       "than it gains"), v.decline_workers);
	fputc('\n', out);
}

/* Where a mode's costs and its parallel gain cross: below which worker
 * count one independent worker would do better. */
static void crossing_print(const ScalePoint *points, int n, ScaleMode m, const char *cost, FILE *out)
{
	ScaleVerdict v;

	ScaleVerdict_compute(&v, points, n, m);
	if (v.best_workers == 0)
		return;
	if (v.gain_from_workers == 0)
		fprintf(out, _("%s: %s costs more than the parallel gain at every count measured: "
			       "never as fast as one independent worker (best %.2fx)\n"),
			scale_mode_info(m)->name, cost, v.best_speedup);
	else if (v.gain_from_workers > v.first_workers)
		fprintf(out, _("%s: %s costs more than the parallel gain below %d workers (%.2fx with %d); "
			       "from %d workers on, the parallel gain is larger\n"), scale_mode_info(m)->name, cost,
			v.gain_from_workers, v.first_speedup, v.first_workers, v.gain_from_workers);
	else
		fprintf(out, _("%s: the parallel gain is larger than %s costs at every count measured\n"),
			scale_mode_info(m)->name, cost);
	if (m == SCALE_PIPE && v.decline_workers)
		fprintf(out, _("%s: past %d workers, adding pipe-connected workers lowers throughput: "
			       "communication overtakes parallel gain\n"), scale_mode_info(m)->name, v.best_workers);
}

static const ScalePoint *point_find(const ScalePoint *points, int n, ScaleMode m, int workers)
{
	for (int i = 0; i < n; i++)
		if (points[i].mode == m && points[i].workers == workers)
			return &points[i];
	return NULL;
}

/* What communication keeps of the independent throughput, count by count. */
static void shares_print(const ScalePoint *points, int n, FILE *out)
{
	for (int i = 0; i < n; i++) {
		const ScalePoint *p = &points[i], *q, *r;
		if (p->mode != SCALE_PIPE)
			continue;
		q = point_find(points, n, SCALE_INDEPENDENT, p->workers);
		r = point_find(points, n, SCALE_MMAP, p->workers);
		if (q != NULL && r != NULL)
			fprintf(out, ngettext("  %3d worker : pipes keep %3.0f%% of the independent throughput, "
					      "mmap %3.0f%%\n",
					      "  %3d workers: pipes keep %3.0f%% of the independent throughput, "
					      "mmap %3.0f%%\n", (unsigned long)p->workers), p->workers,
				100.0 * p->units_per_s / q->units_per_s, 100.0 * r->units_per_s / q->units_per_s);
	}
}

static void report_print(const ScalePoint *points, int n, const ScaleBench *b, long reps, FILE *out)
{
	char machine[256];

	bench_machine_line(machine, sizeof machine);
	fprintf(out, _("forkscope bench scale: one job of %ld units (%.1f us of CPU each) split among "
		       "N worker processes\n"), ScaleBench_units(b), ScaleBench_unit_us(b));
	fprintf(out, _("machine: %s\n"), machine);
	fprintf(out, _("seconds: median of %ld runs of the whole job, creating and reaping the workers "
		       "included; speedup against one independent worker\n\n"), reps);
	table_print(points, n, out);
	fputc('\n', out);
	for (int m = 0; m < SCALE_MODE_COUNT; m++)
		verdict_print(points, n, m, out);
	crossing_print(points, n, SCALE_PIPE, _("communication through pipes"), out);
	crossing_print(points, n, SCALE_MMAP, _("sharing the file"), out);
	shares_print(points, n, out);
}

int bench_scale(int argc, char **argv, FILE *out, FILE *err)
{
	ScaleArgs a = { .units = SCALE_DEFAULT_UNITS, .rounds = SCALE_DEFAULT_ROUNDS,
		.reps = SCALE_DEFAULT_REPS };
	ScalePoint points[SCALE_MAX_COUNTS * SCALE_MODE_COUNT];
	ScaleBench *b;
	char msg[512];
	int n;

	switch (bench_options_parse("scale", scale_summary, scale_options,
			(int)(sizeof scale_options / sizeof scale_options[0]), argc, argv, &a, out, err)) {
	case BENCH_PARSE_HELP:
		return BENCH_EXIT_OK;
	case BENCH_PARSE_ERROR:
		return BENCH_EXIT_USAGE;
	case BENCH_PARSE_OK:
		break;
	}
	if (a.nworkers == 0) {
		int counts[SCALE_MAX_COUNTS];
		a.nworkers = scale_default_workers(counts, SCALE_MAX_COUNTS);
		for (int i = 0; i < a.nworkers; i++)
			a.workers[i] = counts[i];
	}
	if (!a.quiet)
		fputs(_("forkscope bench scale: computing the job's answer in this process\n"), err);
	b = ScaleBench_new(a.units, (int)a.rounds, msg, sizeof msg);
	if (b == NULL) {
		fprintf(err, _("forkscope bench scale: %s\n"), msg);
		return BENCH_EXIT_FAILED;
	}
	n = points_measure(b, &a, points, err);
	if (n >= 0) {
		if (a.csv)
			csv_print(points, n, out);
		else
			report_print(points, n, b, a.reps, out);
	}
	ScaleBench_delete(b);
	return n < 0 ? BENCH_EXIT_FAILED : BENCH_EXIT_OK;
}
