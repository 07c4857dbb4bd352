/*
 * spawn-cost: the latency of creating a process that execs a tiny program,
 * by four methods, as the parent's touched memory grows (see
 * scenarios/spawn_cost.c). The in-TUI twin of `forkscope bench spawn`: the
 * same methods, labels and statistics (median, p10, p90 interpolated between
 * order statistics), but measured under forkscope's tracer.
 *
 * Each measured point is reported as one NOTE line that scripts and the TUI
 * parse:
 *   spawn-cost method=fork+exec parent_mib=64 reps=15 median_us=1654.2 p10_us=1598.0 p90_us=1720.9
 * Each spawn is reported once, after its batch so that reporting does not
 * sit inside the timings: the creating call with the child's pid, and in
 * the text the waitpid result and the time it took.
 */
#include "base/self_exe.h"
#include "scenario/demo/demo.h"
#include "scenario/params.h"

#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"

extern char **environ;

int demo_spawn_cost(int argc, char **argv);

/* The same caps as the row in scenarios/spawn_cost.c. */
#define CLONE_STACK_SIZE (64 * 1024)
#define NSTEPS 4

typedef enum Method { FORK_EXEC, VFORK_EXEC, POSIX_SPAWN, CLONE_EXEC, METHOD_COUNT } Method;

static const struct {
	const char *label;  /* as bench spawn prints it */
	const char *api;    /* the creating call */
} methods[METHOD_COUNT] = {
	[FORK_EXEC] = { "fork+exec", "fork" },
	[VFORK_EXEC] = { "vfork+exec", "vfork" },
	[POSIX_SPAWN] = { "posix_spawn", "posix_spawn" },
	[CLONE_EXEC] = { "clone+exec", "clone" },
};

typedef struct Spawner {
	char program[PATH_MAX];   /* what every child execs */
	char *child_argv[2];
	char *clone_stack;        /* CLONE_STACK_SIZE bytes */
} Spawner;

typedef struct Sample {
	pid_t pid;
	int status;
	double us;
} Sample;

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* forkscope-tiny (static, beside this helper, as bench spawn uses), else
 * /bin/true. */
static void pick_program(Spawner *s)
{
	char dir[sizeof s->program - 32];

	if (self_exe_dir(dir, sizeof dir)) {
		snprintf(s->program, sizeof s->program, "%s/forkscope-tiny", dir);
		if (access(s->program, X_OK) == 0)
			return;
	}
	snprintf(s->program, sizeof s->program, "/bin/true");
	demo_note("%s", _("forkscope-tiny is not beside the helper: exec'ing /bin/true, which adds the dynamic "
			  "loader's work to every method"));
}

static int clone_child(void *arg)
{
	const Spawner *s = arg;

	execve(s->program, s->child_argv, environ);
	_exit(127);
}

/* Creates one child by method m; returns its pid or -1 (errno set). The
 * children do nothing but exec: anything more (even PR_SET_PDEATHSIG)
 * would be timed, and posix_spawn could not do it anyway. */
static pid_t create(const Spawner *s, Method m)
{
	pid_t pid = -1;
	int rc;

	switch (m) {
	case FORK_EXEC:
		if ((pid = fork()) == 0) {
			execve(s->program, s->child_argv, environ);
			_exit(127);
		}
		break;
	case VFORK_EXEC:
		if ((pid = vfork()) == 0) {
			execve(s->program, s->child_argv, environ);
			_exit(127);
		}
		break;
	case POSIX_SPAWN:
		rc = posix_spawn(&pid, s->program, NULL, NULL, s->child_argv, environ);
		if (rc != 0) {
			errno = rc;
			pid = -1;
		}
		break;
	case CLONE_EXEC:
		pid = clone(clone_child, s->clone_stack + CLONE_STACK_SIZE, CLONE_VM | CLONE_VFORK | SIGCHLD,
			    (void *)s);
		break;
	case METHOD_COUNT:
		break;
	}
	return pid;
}

/* One spawn, exec and wait, timed. */
static int measure_one(const Spawner *s, Method m, Sample *out)
{
	double t0 = now_us();
	pid_t got;

	out->status = -1;
	out->pid = create(s, m);
	if (out->pid < 0)
		return -1;
	do
		got = waitpid(out->pid, &out->status, 0);
	while (got < 0 && errno == EINTR);
	out->us = now_us() - t0;
	return got == out->pid && WIFEXITED(out->status) && WEXITSTATUS(out->status) == 0 ? 0 : -1;
}

static void report_sample(Method m, const Sample *x, int rep, long mib)
{
	/* TRANSLATORS: "fork() = 4242 (fork+exec, parent 64 MiB, warm-up); waitpid
	 * = 4242, status 0; 812.5 us": the call, the method, the parent's size. */
	demo_api(methods[m].api, m == POSIX_SPAWN ? 0 : x->pid, 0, x->pid,
		 rep < 0 ? _("%s%s = %d (%s, parent %ld MiB, warm-up); waitpid = %d, status %d; %.1f us") :
			   _("%s%s = %d (%s, parent %ld MiB, timed); waitpid = %d, status %d; %.1f us"),
		 methods[m].api, m == POSIX_SPAWN ? "(&pid, ...) = 0, pid" : "()", (int)x->pid, methods[m].label, mib,
		 (int)x->pid, WIFEXITED(x->status) ? WEXITSTATUS(x->status) : -1, x->us);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Linear interpolation between order statistics, as bench spawn does. */
static double quantile(const double *sorted, int n, double q)
{
	double pos = q * (n - 1);
	int lo = (int)pos;

	return lo + 1 < n ? sorted[lo] + (pos - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

/* Warm-up plus reps timed spawns of method m; reports each, then the
 * point. Returns the median, or -1 when a spawn failed. */
static double measure_point(const Spawner *s, Method m, long mib, int reps)
{
	Sample warm, samples[SPAWN_COST_REPS_MAX];
	double us[SPAWN_COST_REPS_MAX];
	int n = 0, failed = measure_one(s, m, &warm);

	if (warm.pid > 0)
		report_sample(m, &warm, -1, mib);
	for (int i = 0; i < reps && failed == 0; i++) {
		failed = measure_one(s, m, &samples[i]);
		if (samples[i].pid > 0)
			n = i + 1;
	}
	for (int i = 0; i < n; i++) {
		report_sample(m, &samples[i], i, mib);
		us[i] = samples[i].us;
	}
	if (failed != 0 || n < reps) {
		/* TRANSLATORS: keep "spawn-cost method=%s parent_mib=%ld" as it is:
		 * the chart reads notes that begin with "spawn-cost " (this one it
		 * skips). */
		demo_note(_("spawn-cost method=%s parent_mib=%ld failed: %s"), methods[m].label, mib,
			  strerror(errno));
		return -1;
	}
	qsort(us, (size_t)n, sizeof us[0], cmp_double);
	demo_note("spawn-cost method=%s parent_mib=%ld reps=%d median_us=%.1f p10_us=%.1f p90_us=%.1f", methods[m].label,
		  mib, n, quantile(us, n, 0.5), quantile(us, n, 0.1), quantile(us, n, 0.9));
	return quantile(us, n, 0.5);
}

/* Grows the parent: writes one byte per page of the first mib MiB, so each
 * page is present and has a page-table entry fork must copy. */
static void touch(char *region, long mib)
{
	long page = sysconf(_SC_PAGESIZE);

	for (size_t off = 0; off < ((size_t)mib << 20); off += (size_t)page)
		region[off] = 1;
}

int demo_spawn_cost(int argc, char **argv)
{
	long max_mib = demo_option("max_mib");
	int reps = (int)demo_option("reps");
	long sizes[NSTEPS] = { 0, max_mib / 16, max_mib / 4, max_mib };
	double median[METHOD_COUNT] = { 0 };
	Spawner s = { .child_argv = { "forkscope-tiny", NULL } };
	char *region;

	pick_program(&s);
	s.clone_stack = mmap(NULL, CLONE_STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	region = mmap(NULL, (size_t)max_mib << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	demo_api("mmap", region == MAP_FAILED ? -1 : 0, region == MAP_FAILED ? errno : 0, 0,
		 _("mmap(NULL, %ld MiB, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS) = %p: the memory the "
		   "parent will grow into"),
		 max_mib, (void *)region);
	if (region == MAP_FAILED || s.clone_stack == MAP_FAILED)
		return 1;
	/* 4 KiB pages, one page-table entry each: what fork copies (huge pages
	 * would hide the growth). */
	madvise(region, (size_t)max_mib << 20, MADV_NOHUGEPAGE);
	for (int step = 0; step < NSTEPS; step++) {
		touch(region, sizes[step]);
		demo_note(_("the parent now has %ld MiB of touched memory: measuring"), sizes[step]);
		for (int m = 0; m < METHOD_COUNT; m++)
			median[m] = measure_point(&s, (Method)m, sizes[step], reps);
		if (step == NSTEPS - 1 && median[FORK_EXEC] > 0 && median[POSIX_SPAWN] > 0)
			demo_note("spawn-cost ratio parent_mib=%ld fork+exec/posix_spawn=%.2f fork+exec/vfork+exec=%.2f",
				  sizes[step], median[FORK_EXEC] / median[POSIX_SPAWN],
				  median[VFORK_EXEC] > 0 ? median[FORK_EXEC] / median[VFORK_EXEC] : 0.0);
		demo_step(step + 1);
	}
	munmap(region, (size_t)max_mib << 20);
	munmap(s.clone_stack, CLONE_STACK_SIZE);
	return 0;
}
