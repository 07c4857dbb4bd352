/*
 * mmap-shared: N workers read one file through MAP_SHARED, then N more read
 * it into private buffers (see scenarios/mmap_shared.c).
 *
 * The file is created, written, flushed and unlinked at once: it lives only
 * as long as an FD or a mapping refers to it, so nothing is left behind on
 * any path, even SIGKILL. It is flushed so its page-cache pages are clean
 * (smaps counts them as Shared_Clean), and it goes in a directory that is
 * not tmpfs when one can be found: tmpfs pages are always dirty, since
 * there is no disk copy for them to be clean against.
 *
 * The first worker of each kind announces the step, so that the step is
 * about a worker: the parent waits until the others have read the file,
 * then lets worker 1 go through a gate pipe (only it keeps the read end);
 * worker 1's ready byte, sent after the go-ahead, ends the step.
 */
#include "scenario/demo/demo.h"
#include "scenario/params.h"

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/i18n.h"

int demo_mmap_shared(int argc, char **argv);

/* The same caps as the row in scenarios/mmap_shared.c. */
#define TMPFS_MAGIC_NUMBER 0x01021994
#define CHUNK (64 * 1024)

typedef struct Run {
	int fd;            /* the unlinked file */
	size_t size;       /* bytes */
	int hold[2];       /* every worker waits on hold[0] until the end */
	pid_t pid[2 * MMAP_SHARED_WORKERS_MAX];
	int nworkers;
} Run;

static void close_pair(int fds[2])
{
	close(fds[0]);
	close(fds[1]);
}

static bool is_tmpfs(const char *dir)
{
	struct statfs st;

	return statfs(dir, &st) == 0 && st.f_type == TMPFS_MAGIC_NUMBER;
}

/* $TMPDIR, /var/tmp, /tmp: the first writable one not on tmpfs, else the
 * first writable one (with a note: the pages will count as dirty). */
static const char *pick_dir(void)
{
	const char *candidates[] = { getenv("TMPDIR"), "/var/tmp", P_tmpdir };
	const char *fallback = NULL;

	for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
		const char *d = candidates[i];
		if (d == NULL || *d == '\0' || access(d, W_OK | X_OK) != 0)
			continue;
		if (!is_tmpfs(d))
			return d;
		if (fallback == NULL)
			fallback = d;
	}
	if (fallback != NULL)
		demo_note(_("%s is tmpfs: its pages have no disk copy, so smaps counts them as Shared_Dirty, not Shared_Clean"),
			  fallback);
	return fallback;
}

/* What the kernel now calls the file: its path with " (deleted)". Short,
 * so that the events pane shows it whole. */
static void report_fd_link(int fd)
{
	char proc[64], link[4096];
	ssize_t n;

	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	n = readlink(proc, link, sizeof link - 1);
	link[n > 0 ? n : 0] = '\0';
	demo_api("readlink", (long long)n, n < 0 ? errno : 0, 0, "fd %d: %s", fd, link);
}

static int create_file(Run *run)
{
	const char *dir = pick_dir();
	char path[4096], *chunk;
	size_t done = 0;
	int rc;

	if (dir == NULL) {
		demo_note("%s", _("no writable temporary directory"));
		return -1;
	}
	snprintf(path, sizeof path, "%s/forkscope-mmap-XXXXXX", dir);
	run->fd = mkstemp(path);
	demo_api("mkstemp", run->fd, run->fd < 0 ? errno : 0, 0, "mkstemp(\"%s\") = %d", path, run->fd);
	if (run->fd < 0)
		return -1;
	unlink(path);
	demo_api("unlink", 0, 0, 0, _("unlink(\"%s\") = 0: the open FD keeps the file until the end"), path);
	chunk = malloc(CHUNK);
	if (chunk == NULL)
		return -1;
	for (size_t i = 0; i < CHUNK; i++)
		chunk[i] = (char)('a' + i % 26); /* real data: no sparse holes */
	while (done < run->size) {
		ssize_t n = write(run->fd, chunk, CHUNK);
		if (n <= 0 && errno != EINTR)
			break;
		done += n > 0 ? (size_t)n : 0;
	}
	free(chunk);
	demo_api("write", (long long)done, done < run->size ? errno : 0, 0, _("write: %zu MiB of data"), done >> 20);
	rc = fdatasync(run->fd);
	demo_api("fdatasync", rc, rc < 0 ? errno : 0, 0, _("fdatasync(%d) = %d: the page-cache pages are clean now"),
		 run->fd, rc);
	report_fd_link(run->fd);
	return done == run->size ? 0 : -1;
}

/* Each worker touches every page, so each page counts in its Rss. */
static unsigned long touch_pages(const volatile char *p, size_t size)
{
	unsigned long sum = 0;
	long page = sysconf(_SC_PAGESIZE);

	for (size_t off = 0; off < size; off += (size_t)page)
		sum += (unsigned char)p[off];
	return sum;
}

static int read_shared(const Run *run, int index)
{
	void *m = mmap(NULL, run->size, PROT_READ, MAP_SHARED, run->fd, 0);

	demo_api("mmap", m == MAP_FAILED ? -1 : 0, m == MAP_FAILED ? errno : 0, 0,
		 _("worker %d: mmap(NULL, %zu MiB, PROT_READ, MAP_SHARED, %d, 0) = %p"), index, run->size >> 20,
		 run->fd, m);
	if (m == MAP_FAILED)
		return -1;
	touch_pages(m, run->size);
	return 0;
}

/* The copy lives in the worker's anonymous memory (malloc of this size is a
 * private anonymous mapping). It is deliberately never freed: the worker
 * holds it until it exits, so the panes can show it. */
static int read_copy(const Run *run, int index)
{
	char *buf = malloc(run->size);
	size_t done = 0;

	if (buf == NULL)
		return -1;
	while (done < run->size) {
		ssize_t n = pread(run->fd, buf + done, run->size - done, (off_t)done);
		if (n <= 0 && errno != EINTR)
			break;
		done += n > 0 ? (size_t)n : 0;
	}
	demo_api("read", (long long)done, done < run->size ? errno : 0, 0,
		 _("worker %d: read %zu MiB into a private buffer at %p"), index, done >> 20, (void *)buf);
	return done == run->size ? 0 : -1;
}

/* Worker 1 (index 0): once the parent says the others have read the file,
 * announce the step. End of file on the gate: the batch was cut short, no
 * step. */
static void announce_step(int gate_fd, int step)
{
	char byte;
	ssize_t n;

	do
		n = read(gate_fd, &byte, 1);
	while (n < 0 && errno == EINTR);
	close(gate_fd);
	if (n == 1)
		demo_step(step);
}

/* Reads the file, reports ready ('r', or 'x' when the read failed), and
 * holds what it mapped or copied until the parent closes the hold pipe. */
static void run_worker(const Run *run, int ready_fd, const int gate[2], int step, bool shared, int index)
{
	char byte;
	ssize_t n;
	int rc;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	close(run->hold[1]);
	close(gate[1]);
	if (index != 0)
		close(gate[0]);
	rc = shared ? read_shared(run, index + 1) : read_copy(run, index + 1);
	close(run->fd); /* a mapping needs no FD: the worker keeps only what it mapped or copied */
	if (index == 0)
		announce_step(gate[0], step);
	if (write(ready_fd, rc == 0 ? "r" : "x", 1) == 1 && rc == 0)
		do
			n = read(run->hold[0], &byte, 1);
		while (n > 0 || (n < 0 && errno == EINTR));
	_exit(rc == 0 ? 0 : 1);
}

/* Reads count ready bytes and adds to *got those that say ready ('r');
 * -1 when every worker is gone first. */
static int await_ready(int ready_fd, int count, int *got)
{
	char byte;
	ssize_t r;

	while (count > 0) {
		r = read(ready_fd, &byte, 1);
		if (r == 1) {
			*got += byte == 'r';
			count--;
		} else if (r == 0 || errno != EINTR) {
			return -1;
		}
	}
	return 0;
}

/* Forks n workers of one kind and waits until each has read the file, and
 * worker 1 has announced step `step` after the others. Returns whether it
 * did: if not, the step is the parent's to announce. */
static bool start_workers(Run *run, int n, bool shared, int step)
{
	int ready[2], gate[2], got = 0, forked = 0;
	bool announced = false;

	if (pipe(ready) < 0)
		return false;
	if (pipe(gate) < 0) {
		close_pair(ready);
		return false;
	}
	for (int i = 0; i < n && run->nworkers < 2 * MMAP_SHARED_WORKERS_MAX; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			close(ready[0]);
			demo_api("fork", 0, 0, 0, shared ? _("fork() = 0 in shared worker %d") :
				 _("fork() = 0 in copy worker %d"), i + 1);
			run_worker(run, ready[1], gate, step, shared, i);
		}
		demo_api("fork", pid, pid < 0 ? errno : 0, pid > 0 ? pid : 0,
			 shared ? _("fork() = %d: shared worker %d") : _("fork() = %d: copy worker %d"), (int)pid, i + 1);
		if (pid < 0)
			break;
		run->pid[run->nworkers++] = pid;
		forked++;
	}
	close(ready[1]);
	close(gate[0]);
	if (forked == n && await_ready(ready[0], n - 1, &got) == 0) {
		forked = 1; /* worker 1's byte is still to come */
		announced = write(gate[1], "g", 1) == 1;
	}
	close(gate[1]); /* after the byte: worker 1 announces the step now; else end of file, no step */
	await_ready(ready[0], forked, &got);
	close(ready[0]);
	if (got < n)
		demo_note(shared ? _("%d of %d shared workers did not get ready") :
			  _("%d of %d copy workers did not get ready"), n - got, n);
	return announced;
}

static void stop_workers(Run *run)
{
	close(run->hold[1]);
	for (int i = 0; i < run->nworkers; i++) {
		int status = 0;
		pid_t got;

		do
			got = waitpid(run->pid[i], &status, 0);
		while (got < 0 && errno == EINTR);
		demo_api("waitpid", got, got < 0 ? errno : 0, run->pid[i], _("waitpid(%d) = %d, status %d"),
			 (int)run->pid[i], (int)got, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	}
}

int demo_mmap_shared(int argc, char **argv)
{
	int workers = (int)demo_option("workers");
	long mib = demo_option("size");
	Run run = { .fd = -1, .size = (size_t)mib << 20 };

	if (pipe(run.hold) < 0)
		return 1;
	if (create_file(&run) < 0) {
		close(run.hold[1]);
		return 1;
	}
	demo_step(1);
	if (!start_workers(&run, workers, true, 2))
		demo_step(2);
	if (!start_workers(&run, workers, false, 3))
		demo_step(3);
	stop_workers(&run);
	close(run.fd);
	return 0;
}
