/*
 * ProcIdentity_read_batch: see identity_batch.h for why. The jobs are handed out
 * in chunks by an atomic counter, so a thread that drew slow processes
 * (long command lines, a busy mm) does not hold the others back.
 */
#include "probe/identity_batch.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <unistd.h>

#include "probe/status.h"

#define CHUNK 16 /* jobs taken at once: the counter is touched n/16 times */

typedef struct Batch {
	IdentityJob *jobs;
	size_t n;
	atomic_size_t next;
} Batch;

void ProcIdentity_fetch(const StatFile *file, ProcIdentity *out)
{
	if (StatFile_held(file)) {
		ProcDir dir = StatFile_dir(file); /* borrowed */
		ProcIdentity_read_at(&dir, out, NULL);
	} else {
		ProcIdentity_read(file->pid, out);
	}
}

static void *batch_work(void *arg)
{
	Batch *b = arg;
	size_t i, end;

	for (;;) {
		i = atomic_fetch_add(&b->next, CHUNK);
		if (i >= b->n)
			return NULL;
		end = i + CHUNK < b->n ? i + CHUNK : b->n;
		for (; i < end; i++)
			ProcIdentity_fetch(b->jobs[i].file, &b->jobs[i].out);
	}
}

static unsigned threads_wanted(size_t n, unsigned threads)
{
	long cpus;

	if (n < IDENTITY_BATCH_MIN_PARALLEL)
		return 1;
	if (threads == 0) {
		cpus = sysconf(_SC_NPROCESSORS_ONLN);
		threads = cpus > 0 ? (unsigned)cpus : 1;
	}
	if (threads > IDENTITY_BATCH_MAX_THREADS)
		threads = IDENTITY_BATCH_MAX_THREADS;
	/* Each thread should get a few chunks to be worth its start. */
	if (threads > n / (2 * CHUNK))
		threads = (unsigned)(n / (2 * CHUNK));
	return threads > 0 ? threads : 1;
}

void ProcIdentity_read_batch(IdentityJob *jobs, size_t n, unsigned threads)
{
	Batch b = { .jobs = jobs, .n = n };
	pthread_t helper[IDENTITY_BATCH_MAX_THREADS];
	unsigned want = threads_wanted(n, threads), started = 0, i;
	sigset_t all, old;

	atomic_init(&b.next, 0);
	/* The helpers start with every signal blocked: the program's signals
	 * (a quit, SIGCHLD) stay with the threads that wait for them. */
	sigfillset(&all);
	if (want > 1)
		pthread_sigmask(SIG_SETMASK, &all, &old);
	for (i = 1; i < want; i++) {
		if (pthread_create(&helper[started], NULL, batch_work, &b) != 0)
			break; /* the others, and this thread, read its share */
		started++;
	}
	if (want > 1)
		pthread_sigmask(SIG_SETMASK, &old, NULL);
	batch_work(&b);
	for (i = 0; i < started; i++)
		pthread_join(helper[i], NULL);
}
