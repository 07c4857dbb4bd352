/*
 * forkscope bench: the command line of the benchmarks.
 *
 *   forkscope bench spawn [--sizes=LIST] [--reps=N] [--csv] [--quiet]
 *   forkscope bench scale [--workers=LIST] [--units=N] [--reps=N] [--csv] [--quiet]
 *
 * argv[0] is "bench", argv[1] the benchmark, then its options. Results go
 * to out (a table, or CSV with --csv), progress and errors to err.
 * Exit status: 0 measured; 1 a measurement could not be made; 2 bad usage
 * (unknown benchmark or option, a value out of range), with a message that
 * names the culprit.
 *
 * The numbers themselves come from the data interfaces spawn.h and scale.h,
 * which the ui may call directly to draw the curves.
 */
#ifndef FORKSCOPE_BENCH_BENCH_H
#define FORKSCOPE_BENCH_BENCH_H

#include <stdio.h>

#define BENCH_EXIT_OK 0
#define BENCH_EXIT_FAILED 1
#define BENCH_EXIT_USAGE 2

/* forkscope bench ..., on stdout and stderr. */
int bench_main(int argc, char **argv);
/* The same on the given streams (borrowed). */
int bench_run(int argc, char **argv, FILE *out, FILE *err);

#endif
