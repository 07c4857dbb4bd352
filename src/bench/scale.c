/*
 * The scale benchmark: see scale.h for the job and the three modes.
 *
 * Layout of the shared file (mmap mode), written once by ScaleBench_new:
 * a header with the atomic "next unit" counter on a cache line of its own,
 * the input (SCALE_BLOCKS blocks of 4 KiB), then one 8-byte result slot per
 * unit. The other modes read the same input from a private copy that the
 * workers inherit through fork (shared, never copied, since nobody writes
 * it). Unit u hashes block u % SCALE_BLOCKS seeded with u.
 *
 * The worker processes themselves (starting, the per-mode loops, reaping)
 * are in crew.c.
 */
#include "bench/scale.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "bench/crew.h"
#include "bench/machine.h"

static const ScaleModeInfo scale_modes[SCALE_MODE_COUNT] = {
	[SCALE_INDEPENDENT] = { "independent", N_("independent") },
	[SCALE_PIPE]        = { "pipe",        N_("pipes, 2 messages/unit") },
	[SCALE_MMAP]        = { "mmap",        N_("shared mmap file") },
};

const ScaleModeInfo *scale_mode_info(ScaleMode m)
{
	return &scale_modes[m];
}

int scale_default_workers(int *out, int max)
{
	int limit = 4 * machine_cpus();
	int n = 0, w;

	if (limit > SCALE_MAX_WORKERS)
		limit = SCALE_MAX_WORKERS;
	for (w = 1; w < limit && n < max; w *= 2)
		out[n++] = w;
	if (n < max)
		out[n++] = limit;
	return n;
}

/* ---- the job ---------------------------------------------------------- */

uint64_t scale_unit_digest(const ScaleJob *job, uint64_t unit)
{
	const uint64_t *block = job->input + (unit % SCALE_BLOCKS) * SCALE_BLOCK_WORDS;
	uint64_t h = (unit + 1) * 0x9e3779b97f4a7c15u;

	for (int round = 0; round < job->rounds; round++) {
		for (int k = 0; k < SCALE_BLOCK_WORDS; k++) {
			h ^= block[k];
			h *= 0xff51afd7ed558ccdu;
			h ^= h >> 33;
		}
	}
	return h;
}

static void input_fill(uint64_t *input)
{
	uint64_t x = 0x2545f4914f6cdd1du;

	for (size_t i = 0; i < (size_t)SCALE_BLOCKS * SCALE_BLOCK_WORDS; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		input[i] = x;
	}
}

/* ---- the bench -------------------------------------------------------- */

struct ScaleBench {
	ScaleJob job;               /* input: owned heap copy */
	ScaleShared *shared;        /* owned MAP_SHARED mapping of the file */
	size_t shared_len;
	uint64_t expected;          /* the job's answer, computed here */
	double unit_us;
	double baseline_units_per_s;  /* one independent worker; 0 until measured */
};

/* An unlinked temporary file: only its mapping and its descriptor name it. */
static int tempfile_open(char *err, size_t errlen)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	int fd;

	if (dir == NULL || dir[0] == '\0')
		dir = "/tmp";
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0)
		return fd;
	snprintf(path, sizeof path, "%s/forkscope-scale-XXXXXX", dir);
	fd = mkostemp(path, O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, _("cannot create a temporary file in %s: %s"), dir, strerror(errno));
		return -1;
	}
	unlink(path);
	return fd;
}

static int shared_map(ScaleBench *b, char *err, size_t errlen)
{
	int fd = tempfile_open(err, errlen);
	void *map;

	if (fd < 0)
		return -1;
	b->shared_len = offsetof(ScaleShared, results) + (size_t)b->job.units * sizeof(uint64_t);
	if (ftruncate(fd, (off_t)b->shared_len) != 0) {
		snprintf(err, errlen, _("cannot size the shared file: %s"), strerror(errno));
		close(fd);
		return -1;
	}
	map = mmap(NULL, b->shared_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);  /* the mapping keeps the file */
	if (map == MAP_FAILED) {
		snprintf(err, errlen, _("cannot map the shared file: %s"), strerror(errno));
		return -1;
	}
	b->shared = map;
	memcpy(b->shared->input, b->job.input, sizeof b->shared->input);
	return 0;
}

ScaleBench *ScaleBench_new(long units, int rounds, char *err, size_t errlen)
{
	ScaleBench *b;
	uint64_t start;

	if (units < 1 || units > SCALE_MAX_UNITS || rounds < 1 || rounds > SCALE_MAX_ROUNDS) {
		snprintf(err, errlen, _("units must be 1..%d and rounds 1..%d"),
			SCALE_MAX_UNITS, SCALE_MAX_ROUNDS);
		return NULL;
	}
	b = xcalloc(1, sizeof *b);
	b->job.units = units;
	b->job.rounds = rounds;
	b->job.input = xmalloc((size_t)SCALE_BLOCKS * SCALE_BLOCK_WORDS * sizeof(uint64_t));
	input_fill(b->job.input);
	if (shared_map(b, err, errlen) != 0) {
		ScaleBench_delete(b);
		return NULL;
	}
	start = bench_now_ns();
	for (long u = 0; u < units; u++)
		b->expected ^= scale_unit_digest(&b->job, (uint64_t)u);
	b->unit_us = (double)(bench_now_ns() - start) / 1000.0 / (double)units;
	return b;
}

void ScaleBench_delete(ScaleBench *b)
{
	if (b == NULL)
		return;
	if (b->shared != NULL)
		munmap(b->shared, b->shared_len);
	free(b->job.input);
	free(b);
}

long ScaleBench_units(const ScaleBench *b)
{
	return b->job.units;
}

int ScaleBench_rounds(const ScaleBench *b)
{
	return b->job.rounds;
}

double ScaleBench_unit_us(const ScaleBench *b)
{
	return b->unit_us;
}

/* One run of the whole job: its wall time in seconds, or -1. */
static double run_once(ScaleBench *b, ScaleMode mode, int workers, char *err, size_t errlen)
{
	uint64_t start, answer = 0;
	int rc;

	atomic_store(&b->shared->next_unit, 0);
	start = bench_now_ns();
	rc = crew_run(&b->job, b->shared, mode, workers, &answer, err, errlen);
	if (rc != 0)
		return -1;
	if (answer != b->expected) {
		snprintf(err, errlen, _("%s with %d workers: wrong answer %016llx, expected %016llx"),
			scale_modes[mode].name, workers,
			(unsigned long long)answer, (unsigned long long)b->expected);
		return -1;
	}
	return (double)(bench_now_ns() - start) / 1e9;
}

static int runs_perform(ScaleBench *b, ScaleMode mode, int workers, int reps,
	double *seconds, BenchProgress progress, void *ctx, char *err, size_t errlen)
{
	for (int i = 0; i < reps; i++) {
		seconds[i] = run_once(b, mode, workers, err, errlen);
		if (seconds[i] < 0)
			return -1;
		if (progress != NULL && progress(ctx, i + 1, reps) != 0) {
			snprintf(err, errlen, _("%s with %d workers: stopped after %d of %d runs"),
				scale_modes[mode].name, workers, i + 1, reps);
			errno = ECANCELED;
			return -1;
		}
	}
	return 0;
}

/* Median wall time of reps runs, SIGPIPE ignored meanwhile: a worker that
 * died must show as an error, not kill the caller on the next write. */
static int median_seconds(ScaleBench *b, ScaleMode mode, int workers, int reps,
	BenchProgress progress, void *ctx, double *median, char *err, size_t errlen)
{
	struct sigaction ignore = { .sa_handler = SIG_IGN }, saved;
	double *seconds = xcalloc((size_t)reps, sizeof *seconds);
	int rc, saved_errno;

	sigemptyset(&ignore.sa_mask);
	sigaction(SIGPIPE, &ignore, &saved);
	rc = runs_perform(b, mode, workers, reps, seconds, progress, ctx, err, errlen);
	saved_errno = errno;
	sigaction(SIGPIPE, &saved, NULL);
	if (rc == 0) {
		BenchStats stats;
		for (int i = 0; i < reps; i++)
			seconds[i] *= 1e6;  /* the summary works in µs */
		BenchStats_summarize(&stats, seconds, reps);
		*median = stats.median_us / 1e6;
	}
	free(seconds);
	errno = saved_errno;
	return rc;
}

int ScaleBench_measure(ScaleBench *b, ScaleMode mode, int workers, int reps,
	BenchProgress progress, void *ctx, ScalePoint *out, char *err, size_t errlen)
{
	double seconds;
	bool is_baseline = mode == SCALE_INDEPENDENT && workers == 1;

	if ((unsigned)mode >= SCALE_MODE_COUNT || workers < 1 || workers > SCALE_MAX_WORKERS
	    || reps < 1 || reps > SCALE_MAX_REPS) {
		snprintf(err, errlen, _("scale: workers must be 1..%d and repetitions 1..%d"),
			SCALE_MAX_WORKERS, SCALE_MAX_REPS);
		errno = EINVAL;
		return -1;
	}
	if (b->baseline_units_per_s <= 0 && !is_baseline) {
		ScalePoint base;
		if (ScaleBench_measure(b, SCALE_INDEPENDENT, 1, reps, NULL, NULL, &base, err, errlen) != 0)
			return -1;
	}
	if (median_seconds(b, mode, workers, reps, progress, ctx, &seconds, err, errlen) != 0)
		return -1;
	out->mode = mode;
	out->workers = workers;
	out->reps = reps;
	out->seconds = seconds;
	out->units_per_s = (double)b->job.units / seconds;
	if (is_baseline)
		b->baseline_units_per_s = out->units_per_s;
	out->speedup = out->units_per_s / b->baseline_units_per_s;
	return 0;
}

/* ---- the verdict ------------------------------------------------------ */

/* The largest worker count of mode clearly slower than one independent
 * worker (by more than the noise of a shared machine), 0 if none. */
static int last_below_one(const ScalePoint *points, int n, ScaleMode mode)
{
	int last = 0;

	for (int i = 0; i < n; i++)
		if (points[i].mode == mode && points[i].speedup < SCALE_SLOWER && points[i].workers > last)
			last = points[i].workers;
	return last;
}

void ScaleVerdict_compute(ScaleVerdict *v, const ScalePoint *points, int n, ScaleMode mode)
{
	const ScalePoint *best = NULL, *first = NULL;
	int below = last_below_one(points, n, mode);

	memset(v, 0, sizeof *v);
	for (int i = 0; i < n; i++) {
		const ScalePoint *p = &points[i];
		if (p->mode != mode)
			continue;
		if (best == NULL || p->units_per_s > best->units_per_s)
			best = p;
		if (first == NULL || p->workers < first->workers)
			first = p;
		if (p->workers > below && (v->gain_from_workers == 0 || p->workers < v->gain_from_workers))
			v->gain_from_workers = p->workers;
	}
	if (best == NULL)
		return;
	v->best_workers = best->workers;
	v->best_speedup = best->speedup;
	v->first_workers = first->workers;
	v->first_speedup = first->speedup;
	for (int i = 0; i < n; i++) {
		const ScalePoint *p = &points[i];
		if (p->mode == mode && p->workers > best->workers
		    && p->units_per_s < SCALE_SLOWER * best->units_per_s
		    && (v->decline_workers == 0 || p->workers < v->decline_workers))
			v->decline_workers = p->workers;
	}
}
