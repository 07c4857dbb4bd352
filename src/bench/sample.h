/*
 * A sample of timings and its summary: the vocabulary every benchmark of
 * src/bench shares.
 *
 * A sample is an array of durations in microseconds, owned by the caller and
 * sorted in place by BenchStats_summarize. The summary keeps the median and
 * the 10th and 90th percentiles, interpolated linearly between order
 * statistics: because that quantile is monotonic in q, p10 <= median <= p90
 * holds for every sample, even of one or two values.
 *
 * A measurement reports its progress through a BenchProgress callback; the
 * callback returns 0 to go on and anything else to stop the measurement
 * early (a user who pressed a key, a test that wants to see cancelling).
 */
#ifndef FORKSCOPE_BENCH_SAMPLE_H
#define FORKSCOPE_BENCH_SAMPLE_H

#include <stdint.h>

typedef struct BenchStats {
	int reps;           /* timed runs summarised (warm-up excluded) */
	double median_us;
	double p10_us;
	double p90_us;
} BenchStats;

/* done of total timed runs are finished. Returns 0 to go on. */
typedef int (*BenchProgress)(void *ctx, int done, int total);

/* Sorts samples_us (n >= 1) and fills s. */
void BenchStats_summarize(BenchStats *s, double *samples_us, int n);

/* The q-quantile (0 <= q <= 1) of n >= 1 sorted values. */
double bench_quantile(const double *sorted, int n, double q);

/* Monotonic time in nanoseconds: the clock every duration is taken with. */
uint64_t bench_now_ns(void);

#endif
