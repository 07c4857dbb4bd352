/*
 * scale: one fixed CPU-bound job split among N worker processes, either
 * independently or through pipes, as N grows past the CPU count (see
 * scenarios/scale.c). The in-TUI twin of `forkscope bench scale`, with the
 * same two first modes:
 *
 *   independent  worker i takes a contiguous share of the units up front,
 *                works alone and sends one result at the end;
 *   pipe         the parent hands out the units one at a time through a
 *                task pipe all workers read, and reads every unit's result
 *                back through a shared result pipe: two messages per unit.
 *
 * A unit is a deterministic computation on its number, so the job's answer
 * (the XOR of every unit's digest) is the same in every run, and it checks
 * that each run did all the work. Each run is reported as one NOTE line:
 *   scale mode=pipe workers=8 cpus=2 units=16000 unit_kiter=3 ms=102.5 units_per_s=156070 speedup=0.78 answer=...
 * The workers of a run are forked first and wait at a start line (a pipe
 * that the parent closes), so the time is that of the work, not of fork:
 * each sends a ready message (a Result of no units) before it waits there,
 * and the parent starts the clock once it has them all.
 *
 * The largest crew of each mode is held at a step, and worker 1 announces
 * it, so that the step is about a worker: the parent waits for the others'
 * ready messages, then lets worker 1 go through a gate pipe (only it keeps
 * the read end); worker 1 announces the step, and its ready message, sent
 * after the go-ahead, tells the parent that the step is over.
 */
#include "scenario/demo/demo.h"
#include "scenario/params.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"

int demo_scale(int argc, char **argv);

/* The same caps as the row in scenarios/scale.c. */
#define MAX_POINTS 16

typedef enum Mode { MODE_INDEPENDENT, MODE_PIPE } Mode;

static const char *const mode_names[] = { "independent", "pipe" };

typedef struct Job {
	long units;
	long iterations;        /* per unit */
	int cpus;
	int start[2];           /* workers wait for end of file on start[0] */
	int task[2];            /* pipe mode: 4-byte unit numbers */
	int result[2];          /* both modes: Result messages */
	int gate[2];            /* held crew: one byte lets worker 1 announce the step */
	int held_step;          /* the step worker 1 announces, 0: none */
	bool announced;         /* worker 1 was let go to announce it */
	pid_t pid[SCALE_WORKERS_MAX];
	int nworkers;
	double one_worker_rate; /* units/s of one independent worker: the speedup's base */
	double rate[2][MAX_POINTS]; /* units/s by mode and point, 0 when the run failed */
} Job;

typedef struct Result {
	uint64_t digest;        /* XOR of the digests of the units done */
	uint32_t units;         /* how many */
	uint32_t pad;
} Result;                   /* 16 bytes: well below PIPE_BUF, so writes are atomic */

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static uint64_t unit_digest(uint32_t unit, long iterations)
{
	uint64_t x = 0x9E3779B97F4A7C15ull ^ ((uint64_t)unit + 1) * 0xBF58476D1CE4E5B9ull;

	for (long i = 0; i < iterations; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
	}
	return x;
}

static int write_all(int fd, const void *buf, size_t len)
{
	ssize_t n;

	do
		n = write(fd, buf, len);
	while (n < 0 && errno == EINTR);
	return n == (ssize_t)len ? 0 : -1;
}

static void wait_eof(int fd)
{
	char byte;
	ssize_t n;

	do
		n = read(fd, &byte, 1);
	while (n > 0 || (n < 0 && errno == EINTR));
}

static void run_independent(const Job *job, int index, int n)
{
	long lo = job->units * index / n, hi = job->units * (index + 1) / n;
	Result r = { 0, (uint32_t)(hi - lo), 0 };

	for (long u = lo; u < hi; u++)
		r.digest ^= unit_digest((uint32_t)u, job->iterations);
	_exit(write_all(job->result[1], &r, sizeof r) == 0 ? 0 : 1);
}

static void run_piped(const Job *job)
{
	uint32_t unit;
	ssize_t n;

	for (;;) {
		Result r = { 0, 1, 0 };
		do
			n = read(job->task[0], &unit, sizeof unit);
		while (n < 0 && errno == EINTR);
		if (n != (ssize_t)sizeof unit)
			_exit(n == 0 ? 0 : 1); /* end of file: no units left */
		r.digest = unit_digest(unit, job->iterations);
		if (write_all(job->result[1], &r, sizeof r) < 0)
			_exit(1);
	}
}

/* Worker 1 of a held crew: once the parent says every other worker is at
 * the start line, announce the step (and wait for the go-ahead). End of
 * file on the gate instead means the run was called off: no step. */
static void announce_step(const Job *job, int index)
{
	char byte;
	ssize_t n;

	if (job->gate[0] < 0)
		return;
	close(job->gate[1]);
	if (index != 0) {
		close(job->gate[0]);
		return;
	}
	do
		n = read(job->gate[0], &byte, 1);
	while (n < 0 && errno == EINTR);
	close(job->gate[0]);
	if (n == 1)
		demo_step(job->held_step);
}

static void run_worker(const Job *job, Mode mode, int index, int n)
{
	static const Result ready = { 0, 0, 0 };
	bool announcer = index == 0 && job->gate[0] >= 0;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	close(job->start[1]);
	close(job->result[0]);
	if (mode == MODE_PIPE)
		close(job->task[1]);
	if (!announcer)
		write_all(job->result[1], &ready, sizeof ready);
	announce_step(job, index);
	if (announcer)
		write_all(job->result[1], &ready, sizeof ready);
	wait_eof(job->start[0]);
	close(job->start[0]);
	if (mode == MODE_INDEPENDENT)
		run_independent(job, index, n);
	run_piped(job);
}

static void close_pair(int fds[2])
{
	if (fds[0] >= 0)
		close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
	fds[0] = fds[1] = -1;
}

/* Reads count ready messages; 0, or -1 when the workers are gone first. */
static int await_ready(const Job *job, int count)
{
	Result r;
	ssize_t n;

	while (count > 0) {
		do
			n = read(job->result[0], &r, sizeof r);
		while (n < 0 && errno == EINTR);
		if (n != (ssize_t)sizeof r)
			return -1;
		count--;
	}
	return 0;
}

/* Forks n workers and returns once all wait at the start line; with
 * held_step set, once worker 1 has announced that step and been let go. */
static int fork_crew(Job *job, Mode mode, int n, int held_step)
{
	job->nworkers = 0;
	job->held_step = held_step;
	job->announced = false;
	job->start[0] = job->start[1] = job->task[0] = job->task[1] = job->result[0] = job->result[1] = -1;
	job->gate[0] = job->gate[1] = -1;
	if (pipe(job->start) < 0 || pipe(job->result) < 0 || (mode == MODE_PIPE && pipe(job->task) < 0) ||
	    (held_step > 0 && pipe(job->gate) < 0))
		return -1;
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid == 0)
			run_worker(job, mode, i, n);
		/* TRANSLATORS: the second %s is the mode's id, independent or pipe. */
		demo_api("fork", pid, pid < 0 ? errno : 0, pid > 0 ? pid : 0, _("fork() = %d: %s worker %d of %d"),
			 (int)pid, mode_names[mode], i + 1, n);
		if (pid < 0)
			return -1;
		job->pid[job->nworkers++] = pid;
	}
	close(job->start[0]);
	close(job->result[1]);
	job->start[0] = job->result[1] = -1;
	if (mode == MODE_PIPE) {
		close(job->task[0]);
		job->task[0] = -1;
	}
	if (held_step == 0)
		return await_ready(job, n);
	close(job->gate[0]);
	job->gate[0] = -1;
	if (await_ready(job, n - 1) < 0 || write_all(job->gate[1], "g", 1) < 0)
		return -1;
	close(job->gate[1]); /* worker 1 announces the step now */
	job->gate[1] = -1;
	job->announced = true;
	return await_ready(job, 1);
}

/* Hands out the next unit when the task pipe has room (pipe mode) and adds
 * up results as they come, until end of file: every worker has exited.
 * Doing both in one poll loop means neither pipe can fill up and block the
 * other, whatever the pipes' capacity. */
static void hand_out_and_collect(Job *job, Result *total)
{
	uint32_t next = 0;
	struct pollfd p[2];
	Result r;
	ssize_t n;

	memset(total, 0, sizeof *total);
	for (;;) {
		nfds_t np = 1;

		p[0] = (struct pollfd){ .fd = job->result[0], .events = POLLIN };
		if (job->task[1] >= 0)
			p[np++] = (struct pollfd){ .fd = job->task[1], .events = POLLOUT };
		if (poll(p, np, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (np > 1 && p[1].revents != 0 &&
		    (write_all(job->task[1], &next, sizeof next) < 0 || ++next == (uint32_t)job->units)) {
			close(job->task[1]); /* no units left: end of file for the workers */
			job->task[1] = -1;
		}
		if (p[0].revents == 0)
			continue;
		n = read(job->result[0], &r, sizeof r);
		if (n == (ssize_t)sizeof r) {
			total->digest ^= r.digest;
			total->units += r.units;
		} else if (n == 0 || errno != EINTR) {
			break;
		}
	}
}

static int reap_crew(Job *job)
{
	int failed = 0;

	for (int i = 0; i < job->nworkers; i++) {
		int status = 0;
		pid_t got;

		do
			got = waitpid(job->pid[i], &status, 0);
		while (got < 0 && errno == EINTR);
		demo_api("waitpid", got, got < 0 ? errno : 0, job->pid[i], _("waitpid(%d) = %d, status %d"),
			 (int)job->pid[i], (int)got, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		failed |= got != job->pid[i] || !WIFEXITED(status) || WEXITSTATUS(status) != 0;
	}
	job->nworkers = 0;
	return failed ? -1 : 0;
}

static void close_job(Job *job)
{
	close_pair(job->gate);
	close_pair(job->start);
	close_pair(job->task);
	close_pair(job->result);
}

/* Runs the started crew to the end and reports the point; *rate_out gets
 * its throughput, 0 when not all the work was done. */
static int finish_run(Job *job, Mode mode, int n, double *rate_out)
{
	Result total;
	double t0 = now_ms(), ms, rate;
	int rc;

	close(job->start[1]); /* the start signal */
	job->start[1] = -1;
	hand_out_and_collect(job, &total);
	ms = now_ms() - t0;
	rc = reap_crew(job);
	close_job(job);
	rate = ms > 0 ? (double)total.units * 1e3 / ms : 0;
	if (mode == MODE_INDEPENDENT && n == 1)
		job->one_worker_rate = rate;
	demo_note("scale mode=%s workers=%d cpus=%d units=%ld unit_kiter=%ld ms=%.1f units_per_s=%.0f speedup=%.2f answer=%016llx",
		  mode_names[mode], n, job->cpus, job->units, job->iterations / 1000, ms, rate,
		  job->one_worker_rate > 0 ? rate / job->one_worker_rate : 0.0, (unsigned long long)total.digest);
	*rate_out = 0;
	if (rc < 0 || total.units != (uint32_t)job->units) {
		/* TRANSLATORS: keep "scale mode=%s workers=%d:" as it is: the chart
		 * reads notes that begin with "scale " (this one it skips). */
		demo_note(_("scale mode=%s workers=%d: %u of %ld units done"), mode_names[mode], n, total.units,
			  job->units);
		return -1;
	}
	*rate_out = rate;
	return 0;
}

/* 1, 2, 4, ... up to max, with the CPU count and max itself included. */
static int worker_counts(int *out, int max, int cpus)
{
	int n = 0;

	for (int w = 1; w < max && n < MAX_POINTS - 2; w *= 2) {
		if (cpus < w && cpus > (n ? out[n - 1] : 0))
			out[n++] = cpus;
		out[n++] = w;
	}
	if (cpus < max && cpus > (n ? out[n - 1] : 0))
		out[n++] = cpus;
	out[n++] = max;
	return n;
}

/* One mode over every worker count; the largest crew is held at the start
 * line for step `held_step`. */
static int sweep(Job *job, Mode mode, const int *counts, int npoints, int held_step)
{
	bool held = false;
	int failed = 0;

	for (int i = 0; i < npoints; i++) {
		bool last = i == npoints - 1;

		if (fork_crew(job, mode, counts[i], last ? held_step : 0) < 0) {
			demo_note(_("scale: could not start %d workers: %s"), counts[i], strerror(errno));
			close_job(job); /* end of file on start and gate: the crew exits at once */
			reap_crew(job);
			held |= job->announced;
			failed = 1;
			break;
		}
		held |= job->announced;
		failed |= finish_run(job, mode, counts[i], &job->rate[mode][i]) < 0;
	}
	if (!held)
		demo_step(held_step); /* keep the step count whatever happened */
	return failed ? -1 : 0;
}

static int best_point(const double *rate, int npoints)
{
	int best = 0;

	for (int i = 1; i < npoints; i++)
		if (rate[i] > rate[best])
			best = i;
	return best;
}

/* Where each mode peaked, and the pipe mode against the independent one at
 * the largest N. */
static void summarize(const Job *job, const int *counts, int npoints)
{
	int bi = best_point(job->rate[MODE_INDEPENDENT], npoints);
	int bp = best_point(job->rate[MODE_PIPE], npoints);
	double last = job->rate[MODE_INDEPENDENT][npoints - 1];

	demo_note("scale summary cpus=%d independent_best_workers=%d independent_best_units_per_s=%.0f "
		  "pipe_best_workers=%d pipe_best_units_per_s=%.0f pipe_over_independent_at_max=%.2f",
		  job->cpus, counts[bi], job->rate[MODE_INDEPENDENT][bi], counts[bp], job->rate[MODE_PIPE][bp],
		  last > 0 ? job->rate[MODE_PIPE][npoints - 1] / last : 0.0);
}

int demo_scale(int argc, char **argv)
{
	int cpus = (int)sysconf(_SC_NPROCESSORS_ONLN);
	long max_workers = demo_option("workers");
	int counts[MAX_POINTS], npoints, failed;
	Job job = { .cpus = cpus > 0 ? cpus : 1 };

	job.units = demo_option("units");
	job.iterations = demo_option("unit_kiter") * 1000;
	/* A worker that died must show as a failed write, not kill the demo. */
	signal(SIGPIPE, SIG_IGN);
	if (max_workers == 0) /* four times the CPUs: well past the point of no gain */
		max_workers = 4L * job.cpus > SCALE_WORKERS_MAX ? SCALE_WORKERS_MAX : 4L * job.cpus;
	npoints = worker_counts(counts, (int)max_workers, job.cpus);
	demo_note(_("scale: %d CPUs online; %ld units of %ld thousand iterations, split among 1 to %ld workers"),
		  job.cpus, job.units, job.iterations / 1000, max_workers);
	failed = sweep(&job, MODE_INDEPENDENT, counts, npoints, 1);
	demo_step(2);
	failed |= sweep(&job, MODE_PIPE, counts, npoints, 3);
	summarize(&job, counts, npoints);
	demo_step(4);
	return failed ? 1 : 0;
}
