/*
 * The scale benchmark's data: one fixed CPU-bound job (a number of units,
 * each hashing a 4 KiB block of input a few rounds) split among N worker
 * processes in three ways, and the throughput of each as N grows:
 *
 *   independent  each worker takes a contiguous share of the units up front,
 *                works alone and reports one result at the end;
 *   pipe         the parent hands out one unit at a time through a pipe to
 *                each worker and reads each unit's result back through a
 *                shared pipe: two small messages per unit;
 *   mmap         the workers share a file mapped MAP_SHARED: they read the
 *                input from it, claim units with an atomic counter in it and
 *                write each result into it; no messages at all.
 *
 * The job's answer (the XOR of every unit's digest) is computed once in the
 * caller's process by ScaleBench_new and every run is checked against it.
 *
 * Invariants: every worker is reaped before ScaleBench_measure returns, on
 * every path; a worker dies with the measuring thread (PR_SET_PDEATHSIG)
 * and never returns into the caller's code; SIGPIPE is ignored while a run
 * is under way and restored afterwards. As for spawn.h, no other thread may
 * wait for "any child" while a measurement runs.
 */
#ifndef FORKSCOPE_BENCH_SCALE_H
#define FORKSCOPE_BENCH_SCALE_H

#include <stddef.h>
#include <stdint.h>

#include "bench/sample.h"

typedef enum ScaleMode {
	SCALE_INDEPENDENT,
	SCALE_PIPE,
	SCALE_MMAP,
	SCALE_MODE_COUNT
} ScaleMode;

typedef struct ScaleModeInfo {
	const char *name;     /* in CSV: "independent", "pipe", "mmap" */
	const char *label;    /* in tables; marked N_(), translated where shown */
} ScaleModeInfo;

typedef struct ScalePoint {
	ScaleMode mode;
	int workers;
	int reps;             /* runs of the whole job; the figures are their median */
	double seconds;       /* wall time of the whole job, workers' creation and reaping included */
	double units_per_s;
	double speedup;       /* against one independent worker */
} ScalePoint;

/* Where a mode's parallel gain and its costs cross, from its points.
 * A speedup below 1 means the mode's costs (messages, processes) take more
 * than its parallelism gives: one worker alone would do better. "Slower"
 * means by more than 5% (SCALE_SLOWER), the noise of a shared machine. */
#define SCALE_SLOWER 0.95
typedef struct ScaleVerdict {
	int best_workers;        /* the worker count with the highest throughput */
	double best_speedup;
	int decline_workers;     /* first count past the best that is slower than it, 0 if none */
	int gain_from_workers;   /* smallest count from which no larger count is slower than
	                          * one independent worker; 0 if even the largest is */
	int first_workers;       /* the smallest count measured */
	double first_speedup;
} ScaleVerdict;

typedef struct ScaleBench ScaleBench;

#define SCALE_DEFAULT_UNITS 20000
#define SCALE_MAX_UNITS 1000000
#define SCALE_DEFAULT_ROUNDS 32     /* a unit of some tens of µs */
#define SCALE_MAX_ROUNDS 4096
#define SCALE_MAX_WORKERS 256
#define SCALE_MAX_REPS 100
#define SCALE_DEFAULT_REPS 3

const ScaleModeInfo *scale_mode_info(ScaleMode m);
/* 1, 2, 4, ... up to 4x the CPUs (that count included), at most max
 * entries written to out; returns how many. */
int scale_default_workers(int *out, int max);

/* Prepares the job of units units (1..SCALE_MAX_UNITS), each of rounds
 * passes over a 4 KiB block (1..SCALE_MAX_ROUNDS): the input, the shared
 * file, the expected answer. NULL with a message on failure. */
ScaleBench *ScaleBench_new(long units, int rounds, char *err, size_t errlen);
void ScaleBench_delete(ScaleBench *b);
long ScaleBench_units(const ScaleBench *b);
int ScaleBench_rounds(const ScaleBench *b);
/* CPU time of one unit, µs, as measured by ScaleBench_new. */
double ScaleBench_unit_us(const ScaleBench *b);
/* Runs the job reps times (1..SCALE_MAX_REPS) with workers workers
 * (1..SCALE_MAX_WORKERS) in mode; measures the baseline (one independent
 * worker) first when it is not known yet. progress (may be NULL) is called
 * after each run. 0 on success; -1 with a message on failure, a wrong
 * answer, or when progress asked to stop (errno ECANCELED). */
int ScaleBench_measure(ScaleBench *b, ScaleMode mode, int workers, int reps,
	BenchProgress progress, void *ctx, ScalePoint *out, char *err, size_t errlen);

/* Fills v from the points of mode among the n points (any order). */
void ScaleVerdict_compute(ScaleVerdict *v, const ScalePoint *points, int n, ScaleMode mode);

#endif
