/*
 * The spawn benchmark: see spawn.h.
 *
 * Each method is one function that creates one child running the tiny
 * program and reaps it; it returns 0 only when the child exited with status
 * 0, so a failed exec (status 127) is an error, never a fast sample. The
 * methods sit in a table indexed by SpawnMethod, beside their names.
 *
 * The touched region is private and anonymous, with MADV_NOHUGEPAGE: fork
 * then copies one page-table entry per 4 KiB page, which is the cost this
 * benchmark shows growing. vfork, clone(CLONE_VM|CLONE_VFORK) and glibc's
 * posix_spawn (itself built on clone(CLONE_VM|CLONE_VFORK)) share the
 * parent's memory instead and copy nothing.
 */
#include "bench/spawn.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/self_exe.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "bench/machine.h"

#define TINY_NAME "forkscope-tiny"
#define CLONE_STACK_SIZE (256u * 1024u)

extern char **environ;

struct SpawnBench {
	char *tiny;            /* owned: the program every method starts */
	char *tiny_argv[2];    /* { "forkscope-tiny", NULL }; [0] is a literal */
	char *shell_command;   /* owned: the tiny path quoted for sh -c */
	unsigned char *clone_stack;  /* owned mapping of CLONE_STACK_SIZE */
	unsigned char *region;       /* owned: the touched parent memory, or NULL */
	size_t region_len;
	unsigned parent_mib;
};

typedef int (*SpawnRun)(SpawnBench *b, char *err, size_t errlen);

/* ---- reaping ---------------------------------------------------------- */

static int status_check(int status, const char *what, char *err, size_t errlen)
{
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		snprintf(err, errlen, _("%s: the child exited with status %d%s"), what,
			WEXITSTATUS(status),
			WEXITSTATUS(status) == 127 ? _(" (the tiny program could not be executed)") : "");
	else if (WIFSIGNALED(status))
		snprintf(err, errlen, _("%s: the child was killed by signal %d"), what, WTERMSIG(status));
	else
		snprintf(err, errlen, _("%s: the child ended with wait status %#x"), what, status);
	return -1;
}

/* Waits for pid, whatever interrupts, and checks it exited with status 0. */
static int child_reap_checked(pid_t pid, const char *what, char *err, size_t errlen)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			snprintf(err, errlen, _("%s: waitpid: %s"), what, strerror(errno));
			return -1;
		}
	}
	return status_check(status, what, err, errlen);
}

static int fail_errno(const char *what, int errnum, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s: %s", what, strerror(errnum));
	return -1;
}

/* ---- the methods ------------------------------------------------------ */

static int run_fork_exec(SpawnBench *b, char *err, size_t errlen)
{
	pid_t pid = fork();

	if (pid < 0)
		return fail_errno("fork", errno, err, errlen);
	if (pid == 0) {
		execve(b->tiny, b->tiny_argv, environ);
		_exit(127);
	}
	return child_reap_checked(pid, "fork+exec", err, errlen);
}

static int run_vfork_exec(SpawnBench *b, char *err, size_t errlen)
{
	pid_t pid = vfork();

	if (pid < 0)
		return fail_errno("vfork", errno, err, errlen);
	if (pid == 0) {
		execve(b->tiny, b->tiny_argv, environ);
		_exit(127);
	}
	return child_reap_checked(pid, "vfork+exec", err, errlen);
}

static int run_posix_spawn(SpawnBench *b, char *err, size_t errlen)
{
	pid_t pid;
	int rc = posix_spawn(&pid, b->tiny, NULL, NULL, b->tiny_argv, environ);

	if (rc != 0)  /* posix_spawn returns the error; errno is not set */
		return fail_errno("posix_spawn", rc, err, errlen);
	return child_reap_checked(pid, "posix_spawn", err, errlen);
}

/* Runs in the parent's memory, on clone_stack, while the parent sleeps. */
static int clone_child(void *arg)
{
	SpawnBench *b = arg;

	execve(b->tiny, b->tiny_argv, environ);
	_exit(127);
}

static int run_clone_exec(SpawnBench *b, char *err, size_t errlen)
{
	/* The stack grows down on every architecture Linux runs forkscope on. */
	void *stack_top = b->clone_stack + CLONE_STACK_SIZE;
	pid_t pid = clone(clone_child, stack_top, CLONE_VM | CLONE_VFORK | SIGCHLD, b);

	if (pid < 0)
		return fail_errno("clone", errno, err, errlen);
	return child_reap_checked(pid, "clone+exec", err, errlen);
}

static int run_fork_exit(SpawnBench *b, char *err, size_t errlen)
{
	pid_t pid = fork();

	(void)b;
	if (pid < 0)
		return fail_errno("fork", errno, err, errlen);
	if (pid == 0)
		_exit(0);
	return child_reap_checked(pid, "fork+_exit", err, errlen);
}

static int run_system(SpawnBench *b, char *err, size_t errlen)
{
	int status = system(b->shell_command);

	if (status < 0)
		return fail_errno("system", errno, err, errlen);
	return status_check(status, "system", err, errlen);
}

static int run_popen(SpawnBench *b, char *err, size_t errlen)
{
	FILE *child = popen(b->shell_command, "r");
	int status;

	if (child == NULL)
		return fail_errno("popen", errno, err, errlen);
	while (fgetc(child) != EOF)
		;
	status = pclose(child);  /* waits for the shell */
	if (status < 0)
		return fail_errno("pclose", errno, err, errlen);
	return status_check(status, "popen", err, errlen);
}

static const struct {
	SpawnMethodInfo info;
	SpawnRun run;
} spawn_methods[SPAWN_METHOD_COUNT] = {
	[SPAWN_FORK_EXEC]   = { { "fork_exec",   "fork+exec",   true },  run_fork_exec },
	[SPAWN_VFORK_EXEC]  = { { "vfork_exec",  "vfork+exec",  true },  run_vfork_exec },
	[SPAWN_POSIX_SPAWN] = { { "posix_spawn", "posix_spawn", true },  run_posix_spawn },
	[SPAWN_CLONE_EXEC]  = { { "clone_exec",  "clone+exec",  true },  run_clone_exec },
	[SPAWN_FORK_EXIT]   = { { "fork_exit",   "fork+_exit",  true },  run_fork_exit },
	[SPAWN_SYSTEM]      = { { "system",      "system()",    false }, run_system },
	[SPAWN_POPEN]       = { { "popen",       "popen()",     false }, run_popen },
};

const SpawnMethodInfo *spawn_method_info(SpawnMethod m)
{
	return &spawn_methods[m].info;
}

/* ---- sizes, repetitions, the tiny program ---------------------------- */

unsigned spawn_max_mib(void)
{
	unsigned long half = machine_ram_mib() / 2;

	if (half == 0 || half > SPAWN_CAP_MIB)
		return SPAWN_CAP_MIB;
	return (unsigned)half;
}

int spawn_default_reps(unsigned parent_mib)
{
	if (parent_mib <= 256)
		return 200;
	if (parent_mib <= 1024)
		return 100;
	return 50;
}

int spawn_warmup_reps(int reps)
{
	int warmup = reps / 10 + 1;
	return warmup > 10 ? 10 : warmup;
}

const char *spawn_tiny_path(void)
{
	static char path[4096];
	const char *env = getenv("FORKSCOPE_TINY");
	char dir[sizeof path - sizeof "/" TINY_NAME];  /* room left for the name */

	if (env != NULL && env[0] != '\0')
		return env;
	if (self_exe_dir(dir, sizeof dir)) {
		snprintf(path, sizeof path, "%s/%s", dir, TINY_NAME);
		if (access(path, X_OK) == 0)
			return path;
	}
	return FORKSCOPE_LIBEXECDIR "/" TINY_NAME;
}

/* 'path' for sh -c, with every ' written as '\'' */
static char *shell_quote(const char *path)
{
	size_t len = 3;
	const char *p;
	char *quoted, *q;

	for (p = path; *p; p++)
		len += *p == '\'' ? 4 : 1;
	quoted = q = xmalloc(len);
	*q++ = '\'';
	for (p = path; *p; p++) {
		if (*p == '\'') {
			memcpy(q, "'\\''", 4);
			q += 4;
		} else {
			*q++ = *p;
		}
	}
	*q++ = '\'';
	*q = '\0';
	return quoted;
}

/* ---- the bench -------------------------------------------------------- */

SpawnBench *SpawnBench_new(const char *tiny_path, char *err, size_t errlen)
{
	SpawnBench *b;
	void *stack;

	if (access(tiny_path, X_OK) != 0) {
		snprintf(err, errlen, _("the tiny program %s cannot be executed (%s): "
			   "build it (make src/forkscope-tiny) or set FORKSCOPE_TINY"),
			tiny_path, strerror(errno));
		return NULL;
	}
	stack = mmap(NULL, CLONE_STACK_SIZE, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (stack == MAP_FAILED) {
		snprintf(err, errlen, _("cannot map a stack for clone: %s"), strerror(errno));
		return NULL;
	}
	b = xcalloc(1, sizeof *b);
	b->tiny = xstrdup(tiny_path);
	b->tiny_argv[0] = (char *)TINY_NAME;
	b->tiny_argv[1] = NULL;
	b->shell_command = shell_quote(tiny_path);
	b->clone_stack = stack;
	return b;
}

static void region_unmap(SpawnBench *b)
{
	if (b->region != NULL)
		munmap(b->region, b->region_len);
	b->region = NULL;
	b->region_len = 0;
	b->parent_mib = 0;
}

void SpawnBench_delete(SpawnBench *b)
{
	if (b == NULL)
		return;
	region_unmap(b);
	munmap(b->clone_stack, CLONE_STACK_SIZE);
	free(b->shell_command);
	free(b->tiny);
	free(b);
}

int SpawnBench_set_parent_mib(SpawnBench *b, unsigned parent_mib, char *err, size_t errlen)
{
	size_t len = (size_t)parent_mib << 20;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	unsigned char *region;

	if (parent_mib > spawn_max_mib()) {
		snprintf(err, errlen, _("%u MiB is above the limit of %u MiB "
			   "(at most %u MiB and half the RAM)"), parent_mib, spawn_max_mib(), SPAWN_CAP_MIB);
		return -1;
	}
	region_unmap(b);
	if (parent_mib == 0)
		return 0;
	region = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (region == MAP_FAILED) {
		snprintf(err, errlen, _("cannot map %u MiB: %s"), parent_mib, strerror(errno));
		return -1;
	}
	/* 4 KiB pages, so fork has one page-table entry per page to copy. */
	madvise(region, len, MADV_NOHUGEPAGE);
	for (size_t off = 0; off < len; off += page)
		region[off] = (unsigned char)(off / page) | 1u;
	b->region = region;
	b->region_len = len;
	b->parent_mib = parent_mib;
	return 0;
}

unsigned SpawnBench_parent_mib(const SpawnBench *b)
{
	return b->parent_mib;
}

/* Runs method m reps times (timing each into samples_us when non-NULL). */
static int runs_perform(SpawnBench *b, SpawnMethod m, int reps, double *samples_us,
	BenchProgress progress, void *ctx, char *err, size_t errlen)
{
	SpawnRun run = spawn_methods[m].run;

	for (int i = 0; i < reps; i++) {
		uint64_t start = bench_now_ns();
		if (run(b, err, errlen) != 0)
			return -1;
		if (samples_us == NULL)
			continue;
		samples_us[i] = (double)(bench_now_ns() - start) / 1000.0;
		if (progress != NULL && progress(ctx, i + 1, reps) != 0) {
			snprintf(err, errlen, _("%s: stopped after %d of %d runs"),
				spawn_methods[m].info.label, i + 1, reps);
			errno = ECANCELED;
			return -1;
		}
	}
	return 0;
}

int SpawnBench_measure(SpawnBench *b, SpawnMethod m, int reps,
	BenchProgress progress, void *ctx, SpawnPoint *out, char *err, size_t errlen)
{
	CpuPin pin;
	double *samples_us;
	int rc, saved_errno;

	if ((unsigned)m >= SPAWN_METHOD_COUNT || reps < 1 || reps > SPAWN_MAX_REPS) {
		snprintf(err, errlen, _("spawn: no such method or repetitions out of 1..%d"), SPAWN_MAX_REPS);
		errno = EINVAL;
		return -1;
	}
	samples_us = xcalloc((size_t)reps, sizeof *samples_us);
	CpuPin_pin(&pin);
	out->cpu = pin.cpu;
	rc = runs_perform(b, m, spawn_warmup_reps(reps), NULL, NULL, NULL, err, errlen);
	if (rc == 0)
		rc = runs_perform(b, m, reps, samples_us, progress, ctx, err, errlen);
	saved_errno = errno;
	CpuPin_restore(&pin);
	if (rc == 0) {
		out->method = m;
		out->parent_mib = b->parent_mib;
		BenchStats_summarize(&out->stats, samples_us, reps);
	}
	free(samples_us);
	errno = saved_errno;  /* ECANCELED survives the clean-up */
	return rc;
}
