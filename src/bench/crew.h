/*
 * The crew: the worker processes of one run of the scale job, and the job
 * they share (internal to src/bench; scale.h is the interface).
 *
 * crew_run forks the workers, drives them in the given mode, collects the
 * job's answer (XOR of every unit's digest) and reaps every worker before it
 * returns, whatever happened. A worker only computes, reads and writes its
 * descriptors, and leaves with _exit: it never returns into the caller's
 * code and asks the kernel to kill it if the parent thread dies.
 */
#ifndef FORKSCOPE_BENCH_CREW_H
#define FORKSCOPE_BENCH_CREW_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "bench/scale.h"

#define SCALE_BLOCK_WORDS 512   /* one block of input: 4 KiB */
#define SCALE_BLOCKS 256        /* the input: 1 MiB */

typedef struct ScaleJob {
	long units;
	int rounds;        /* passes over its block per unit: the unit's cost */
	uint64_t *input;   /* SCALE_BLOCKS * SCALE_BLOCK_WORDS words */
} ScaleJob;

/* The shared file's layout (mmap mode). */
typedef struct ScaleShared {
	_Atomic uint64_t next_unit;                 /* the next unit to claim */
	char pad[64 - sizeof(uint64_t)];            /* the counter has its cache line */
	uint64_t input[SCALE_BLOCKS][SCALE_BLOCK_WORDS];
	uint64_t results[];                         /* one digest per unit */
} ScaleShared;

uint64_t scale_unit_digest(const ScaleJob *job, uint64_t unit);

/* One run of the job. shared is borrowed (mmap mode works in it). 0 with
 * *answer set, or -1 with a message. */
int crew_run(const ScaleJob *job, ScaleShared *shared, ScaleMode mode, int workers,
	uint64_t *answer, char *err, size_t errlen);

#endif
