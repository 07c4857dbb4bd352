/*
 * The crew: see crew.h.
 *
 * Descriptors: one reply pipe shared by every worker (workers write, the
 * parent reads) and, in pipe mode, one request pipe per worker (the parent
 * writes unit numbers, the worker reads). Every message is smaller than
 * PIPE_BUF, so concurrent writers never interleave and a readable pipe holds
 * whole messages. A worker closes every descriptor of the crew it does not
 * use, so that closing a request pipe is the end-of-work signal and the
 * reply pipe reaches end-of-file only when every worker is gone.
 *
 * A worker that dies shows up as an error, never as a hang: while the
 * parent waits for replies it looks every CREW_CHECK_MS for a worker that
 * ended badly (waitid with WNOWAIT, which leaves it to be reaped later).
 */
#include "bench/crew.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/xalloc.h"

#define CREW_CHECK_MS 250

typedef struct Crew {
	int workers;
	int started;       /* workers forked so far: pids[0..started) are ours to reap */
	pid_t *pids;       /* owned */
	int *requests;     /* owned: write end of each request pipe, -1 when closed or unused */
	int reply_read;    /* -1 when closed */
	int reply_write;   /* the parent's copy, closed once every worker is started */
	pid_t parent;
} Crew;

typedef struct Reply {
	uint32_t worker;
	uint32_t units;    /* units this reply covers */
	uint64_t digest;   /* XOR of their digests */
} Reply;

/* ---- whole messages --------------------------------------------------- */

/* 1: len bytes read; 0: end of file before any; -1: error (EPIPE when the
 * file ended inside a message). */
static int read_full(int fd, void *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, (char *)buf + got, len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			if (got == 0)
				return 0;
			errno = EPIPE;
			return -1;
		}
		got += (size_t)n;
	}
	return 1;
}

static int write_full(int fd, const void *buf, size_t len)
{
	size_t put = 0;

	while (put < len) {
		ssize_t n = write(fd, (const char *)buf + put, len - put);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		put += (size_t)n;
	}
	return 0;
}

static void fd_close(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* ---- the workers (never return) --------------------------------------- */

static void __attribute__((noreturn)) worker_independent(const ScaleJob *job, int index,
	int workers, int reply_fd)
{
	long first = job->units * index / workers;
	long end = job->units * (index + 1) / workers;
	Reply r = { (uint32_t)index, (uint32_t)(end - first), 0 };

	for (long u = first; u < end; u++)
		r.digest ^= scale_unit_digest(job, (uint64_t)u);
	_exit(write_full(reply_fd, &r, sizeof r) == 0 ? 0 : 1);
}

static void __attribute__((noreturn)) worker_pipe(const ScaleJob *job, int index,
	int request_fd, int reply_fd)
{
	uint64_t unit;

	for (;;) {
		int rc = read_full(request_fd, &unit, sizeof unit);
		if (rc == 0)
			_exit(0);  /* the parent closed the pipe: no more work */
		if (rc < 0 || unit >= (uint64_t)job->units)
			_exit(1);
		Reply r = { (uint32_t)index, 1, scale_unit_digest(job, unit) };
		if (write_full(reply_fd, &r, sizeof r) != 0)
			_exit(1);
	}
}

static void __attribute__((noreturn)) worker_mmap(const ScaleJob *job, ScaleShared *shared)
{
	/* The input is read from the shared file, not from the parent's copy. */
	ScaleJob view = { job->units, job->rounds, &shared->input[0][0] };

	for (;;) {
		uint64_t u = atomic_fetch_add_explicit(&shared->next_unit, 1, memory_order_relaxed);
		if (u >= (uint64_t)job->units)
			_exit(0);
		shared->results[u] = scale_unit_digest(&view, u);
	}
}

static void __attribute__((noreturn)) worker_main(Crew *c, const ScaleJob *job,
	ScaleShared *shared, ScaleMode mode, int index, int request_fd)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != c->parent)  /* the parent died before prctl */
		_exit(1);
	close(c->reply_read);
	for (int i = 0; i < index; i++)
		if (c->requests[i] >= 0)
			close(c->requests[i]);
	switch (mode) {
	case SCALE_INDEPENDENT:
		worker_independent(job, index, c->workers, c->reply_write);
	case SCALE_PIPE:
		worker_pipe(job, index, request_fd, c->reply_write);
	case SCALE_MMAP:
	case SCALE_MODE_COUNT:
		break;
	}
	worker_mmap(job, shared);
}

/* ---- starting and reaping --------------------------------------------- */

static void crew_init(Crew *c, int workers)
{
	c->workers = workers;
	c->started = 0;
	c->pids = xcalloc((size_t)workers, sizeof *c->pids);
	c->requests = xcalloc((size_t)workers, sizeof *c->requests);
	for (int i = 0; i < workers; i++)
		c->requests[i] = -1;
	c->reply_read = c->reply_write = -1;
	c->parent = getpid();
}

static int crew_start(Crew *c, const ScaleJob *job, ScaleShared *shared, ScaleMode mode,
	char *err, size_t errlen)
{
	int reply[2];

	if (pipe2(reply, O_CLOEXEC) != 0) {
		snprintf(err, errlen, _("pipe: %s"), strerror(errno));
		return -1;
	}
	c->reply_read = reply[0];
	c->reply_write = reply[1];
	for (int w = 0; w < c->workers; w++) {
		int request[2] = { -1, -1 };
		pid_t pid;

		if (mode == SCALE_PIPE && pipe2(request, O_CLOEXEC) != 0) {
			snprintf(err, errlen, _("pipe for worker %d: %s"), w, strerror(errno));
			return -1;
		}
		pid = fork();
		if (pid < 0) {
			snprintf(err, errlen, _("fork of worker %d: %s"), w, strerror(errno));
			fd_close(&request[0]);
			fd_close(&request[1]);
			return -1;
		}
		if (pid == 0) {
			fd_close(&request[1]);
			worker_main(c, job, shared, mode, w, request[0]);
		}
		c->pids[c->started++] = pid;
		fd_close(&request[0]);
		c->requests[w] = request[1];
	}
	fd_close(&c->reply_write);
	return 0;
}

/* Reaps every started worker (killing them first when kill_first). -1 with
 * a message when one did not exit with status 0 and none was expected to. */
static int crew_finish(Crew *c, bool kill_first, char *err, size_t errlen)
{
	int rc = 0;

	for (int w = 0; w < c->workers; w++)
		fd_close(&c->requests[w]);
	fd_close(&c->reply_read);
	fd_close(&c->reply_write);
	for (int w = 0; w < c->started; w++) {
		int status;
		if (kill_first)
			kill(c->pids[w], SIGKILL);
		while (waitpid(c->pids[w], &status, 0) < 0 && errno == EINTR)
			;
		if (!kill_first && rc == 0 && status != 0) {
			snprintf(err, errlen, _("worker %d ended with wait status %#x"), w, status);
			rc = -1;
		}
	}
	free(c->pids);
	free(c->requests);
	return rc;
}

/* -1 with a message when a worker has already ended badly. */
static int crew_check(const Crew *c, char *err, size_t errlen)
{
	for (int w = 0; w < c->started; w++) {
		siginfo_t si;
		memset(&si, 0, sizeof si);
		if (waitid(P_PID, (id_t)c->pids[w], &si, WEXITED | WNOHANG | WNOWAIT) != 0)
			continue;
		if (si.si_pid != 0 && !(si.si_code == CLD_EXITED && si.si_status == 0)) {
			snprintf(err, errlen, _("worker %d died before its work was done (%s %d)"), w,
				si.si_code == CLD_EXITED ? _("status") : _("signal"), si.si_status);
			return -1;
		}
	}
	return 0;
}

static int reply_read(Crew *c, Reply *r, char *err, size_t errlen)
{
	struct pollfd p = { .fd = c->reply_read, .events = POLLIN };
	int rc;

	for (;;) {
		int n = poll(&p, 1, CREW_CHECK_MS);
		if (n > 0)
			break;
		if (n < 0 && errno != EINTR) {
			snprintf(err, errlen, _("poll: %s"), strerror(errno));
			return -1;
		}
		if (n == 0 && crew_check(c, err, errlen) != 0)
			return -1;
	}
	rc = read_full(c->reply_read, r, sizeof *r);
	if (rc <= 0) {
		snprintf(err, errlen, _("the workers' reply pipe: %s"),
			rc == 0 ? _("every worker left before the work was done") : strerror(errno));
		return -1;
	}
	if (r->worker >= (uint32_t)c->workers) {
		snprintf(err, errlen, _("a reply names worker %u of %d"), r->worker, c->workers);
		return -1;
	}
	return 0;
}

/* ---- the parent's side of each mode ----------------------------------- */

static int collect_independent(Crew *c, uint64_t *answer, char *err, size_t errlen)
{
	for (int received = 0; received < c->workers; received++) {
		Reply r;
		if (reply_read(c, &r, err, errlen) != 0)
			return -1;
		*answer ^= r.digest;
	}
	return 0;
}

/* Gives worker w the next unit, or closes its pipe when none is left. */
static int request_send(Crew *c, int w, uint64_t *next, long units, char *err, size_t errlen)
{
	if (*next >= (uint64_t)units) {
		fd_close(&c->requests[w]);
		return 0;
	}
	if (write_full(c->requests[w], next, sizeof *next) != 0) {
		snprintf(err, errlen, _("request to worker %d: %s"), w, strerror(errno));
		return -1;
	}
	(*next)++;
	return 0;
}

static int collect_pipe(Crew *c, long units, uint64_t *answer, char *err, size_t errlen)
{
	uint64_t next = 0;

	for (int w = 0; w < c->workers; w++)
		if (request_send(c, w, &next, units, err, errlen) != 0)
			return -1;
	for (long received = 0; received < units; received++) {
		Reply r;
		if (reply_read(c, &r, err, errlen) != 0)
			return -1;
		*answer ^= r.digest;
		if (request_send(c, (int)r.worker, &next, units, err, errlen) != 0)
			return -1;
	}
	return 0;
}

int crew_run(const ScaleJob *job, ScaleShared *shared, ScaleMode mode, int workers,
	uint64_t *answer, char *err, size_t errlen)
{
	Crew c;
	int rc;

	*answer = 0;
	crew_init(&c, workers);
	rc = crew_start(&c, job, shared, mode, err, errlen);
	if (rc == 0 && mode == SCALE_INDEPENDENT)
		rc = collect_independent(&c, answer, err, errlen);
	else if (rc == 0 && mode == SCALE_PIPE)
		rc = collect_pipe(&c, job->units, answer, err, errlen);
	if (rc != 0) {
		crew_finish(&c, true, err, errlen);
		return -1;
	}
	if (crew_finish(&c, false, err, errlen) != 0)
		return -1;
	if (mode == SCALE_MMAP)  /* every worker is reaped: the file holds every result */
		for (long u = 0; u < job->units; u++)
			*answer ^= shared->results[u];
	return 0;
}
