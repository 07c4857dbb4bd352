/*
 * Summaries of timing samples: see sample.h. Quantiles interpolate between
 * neighbouring order statistics (h = (n - 1) q), the definition most
 * statistics packages use by default.
 */
#include "bench/sample.h"

#include <stdlib.h>
#include <time.h>

static int compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double bench_quantile(const double *sorted, int n, double q)
{
	double h = (n - 1) * q;
	int below = (int)h; /* h >= 0: truncation is floor */
	if (below >= n - 1)
		return sorted[n - 1];
	return sorted[below] + (h - below) * (sorted[below + 1] - sorted[below]);
}

void BenchStats_summarize(BenchStats *s, double *samples_us, int n)
{
	qsort(samples_us, (size_t)n, sizeof *samples_us, compare_double);
	s->reps = n;
	s->p10_us = bench_quantile(samples_us, n, 0.10);
	s->median_us = bench_quantile(samples_us, n, 0.50);
	s->p90_us = bench_quantile(samples_us, n, 0.90);
}

uint64_t bench_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
