/*
 * The spawn benchmark's data: how long it takes to create a process that
 * runs a tiny static program, and to wait for it, by each method a Unix
 * programmer meets, as the parent's touched memory grows.
 *
 * A SpawnBench owns the parent's "touched memory": one private anonymous
 * region with MADV_NOHUGEPAGE, every 4 KiB page written once, so the page
 * tables fork must copy grow with it. SpawnBench_measure times one method at
 * the current size and returns the numbers; printing is the caller's.
 *
 * Invariants: every child a measurement creates is reaped before
 * SpawnBench_measure returns, on every path (errors and cancelling
 * included); the calling thread's CPU affinity is restored before it
 * returns. While it runs, no other thread of the process may wait for
 * "any child" (waitpid(-1)), and SIGCHLD must not be ignored, or the
 * children would be reaped behind its back.
 */
#ifndef FORKSCOPE_BENCH_SPAWN_H
#define FORKSCOPE_BENCH_SPAWN_H

#include <stdbool.h>
#include <stddef.h>

#include "bench/sample.h"

typedef enum SpawnMethod {
	SPAWN_FORK_EXEC,    /* fork, execve in the child, waitpid */
	SPAWN_VFORK_EXEC,   /* vfork, execve, waitpid */
	SPAWN_POSIX_SPAWN,  /* posix_spawn, waitpid */
	SPAWN_CLONE_EXEC,   /* clone(CLONE_VM|CLONE_VFORK) on a stack of ours, execve, waitpid */
	SPAWN_FORK_EXIT,    /* fork, _exit(0) in the child, waitpid: no exec */
	SPAWN_SYSTEM,       /* system(): sh -c, then the program */
	SPAWN_POPEN,        /* popen(..., "r"), read to EOF, pclose */
	SPAWN_METHOD_COUNT
} SpawnMethod;

typedef struct SpawnMethodInfo {
	const char *name;    /* in CSV and on the command line: "fork_exec" */
	const char *label;   /* in tables: "fork+exec" */
	bool every_size;     /* measured at every parent size, else at one (the shell's price) */
} SpawnMethodInfo;

typedef struct SpawnPoint {
	SpawnMethod method;
	unsigned parent_mib;  /* touched parent memory while measuring */
	int cpu;              /* CPU parent and child were pinned to, -1 if not pinned */
	BenchStats stats;
} SpawnPoint;

typedef struct SpawnBench SpawnBench;

#define SPAWN_CAP_MIB 4096u       /* no parent size above this, whatever the RAM */
#define SPAWN_MAX_REPS 100000

const SpawnMethodInfo *spawn_method_info(SpawnMethod m);
/* The largest parent size allowed here: SPAWN_CAP_MIB or half the RAM. */
unsigned spawn_max_mib(void);
/* Repetitions for a stable median without taking minutes: 200 up to
 * 256 MiB, 100 up to 1 GiB, 50 above. */
int spawn_default_reps(unsigned parent_mib);
/* Untimed runs before the timed ones, for reps timed runs. */
int spawn_warmup_reps(int reps);
/* Where forkscope-tiny is: $FORKSCOPE_TINY, beside the running program (a
 * build tree), else the installed libexec directory. Borrowed, static. */
const char *spawn_tiny_path(void);

/* NULL with a message in err when tiny_path is not an executable file. */
SpawnBench *SpawnBench_new(const char *tiny_path, char *err, size_t errlen);
void SpawnBench_delete(SpawnBench *b);
/* Replaces the touched region by one of parent_mib MiB (0: none). -1 with a
 * message when it is above spawn_max_mib() or cannot be mapped. */
int SpawnBench_set_parent_mib(SpawnBench *b, unsigned parent_mib, char *err, size_t errlen);
unsigned SpawnBench_parent_mib(const SpawnBench *b);
/* Times reps runs (1..SPAWN_MAX_REPS) of method m after a warm-up, pinned to
 * one CPU where possible. progress (may be NULL) is called after each timed
 * run. 0 on success; -1 with a message when a run failed or progress asked
 * to stop (errno ECANCELED). */
int SpawnBench_measure(SpawnBench *b, SpawnMethod m, int reps,
	BenchProgress progress, void *ctx, SpawnPoint *out, char *err, size_t errlen);

#endif
