/*
 * The identities of many processes read side by side.
 *
 * ProcTable's first refresh reads stat, status, cmdline and exe of every
 * process it has not seen: some 50 us a process, nearly all of it the
 * kernel formatting those files, and the first frame waits for it (about
 * 55 ms on 1,000 processes, more than half of the 100 ms a first frame may
 * take). The reads of different processes are independent and the kernel
 * serves them in parallel, so the work is spread over a thread per online
 * CPU (at most IDENTITY_BATCH_MAX_THREADS) once there is enough of it.
 *
 * Only reads run in the threads: every job's StatFile was opened before
 * (StatCache_hold) and is not touched by anything else until
 * ProcIdentity_read_batch returns, each job's result is its own, and the
 * threads have joined when it returns. Nothing is shared but the counter
 * that hands out the jobs.
 */
#ifndef FORKSCOPE_PROBE_IDENTITY_BATCH_H
#define FORKSCOPE_PROBE_IDENTITY_BATCH_H

#include <stddef.h>

#include "probe/identity.h"
#include "probe/statcache.h"

#define IDENTITY_BATCH_MAX_THREADS 4
/* Fewer jobs than this are read by the calling thread alone: starting a
 * thread costs about as much as reading a few processes. */
#define IDENTITY_BATCH_MIN_PARALLEL 64

typedef struct IdentityJob {
	const StatFile *file; /* borrowed: held, or read by path */
	ProcIdentity out;     /* written by the read; the caller owns it after */
} IdentityJob;

/* cmdline, exe, ids and comm of one process, through its held directory
 * when there is one, by path otherwise. */
void ProcIdentity_fetch(const StatFile *file, ProcIdentity *out);

/* ProcIdentity_fetch for every job. threads: how many threads may read (the
 * caller's included); 0 means one per online CPU. Never fails: when a
 * thread cannot be started, the ones running (at least the caller) do its
 * share. */
void ProcIdentity_read_batch(IdentityJob *jobs, size_t n, unsigned threads);

#endif
