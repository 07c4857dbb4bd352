/*
 * What the bench commands share (internal to src/bench): a table of options
 * and its parser, strict number and list parsing, the progress line, and the
 * machine line every report starts with.
 *
 * Options are rows of a table: "--name=VALUE" and "--name VALUE" are both
 * accepted; a flag takes no value. Every parse error is one line naming the
 * option and the accepted range, and makes the command exit with status 2.
 */
#ifndef FORKSCOPE_BENCH_CLI_H
#define FORKSCOPE_BENCH_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct BenchOpt {
	const char *name;    /* "--sizes" */
	const char *value;   /* "LIST", or NULL for a flag */
	const char *help;
	/* Stores value (NULL for a flag) into args; -1 with a message in err. */
	int (*apply)(void *args, const char *value, char *err, size_t errlen);
} BenchOpt;

typedef enum BenchParse {
	BENCH_PARSE_OK,
	BENCH_PARSE_HELP,    /* --help was given: usage printed on out */
	BENCH_PARSE_ERROR,   /* message printed on err */
} BenchParse;

/* Parses argv[2..argc) for command cmd against the n options. */
BenchParse bench_options_parse(const char *cmd, const char *summary, const BenchOpt *opts,
	int n, int argc, char **argv, void *args, FILE *out, FILE *err);
void bench_options_usage(const char *cmd, const char *summary, const BenchOpt *opts,
	int n, FILE *out);

/* A decimal number in min..max, digits only. -1 with a message naming what. */
int bench_parse_number(const char *s, long min, long max, long *out,
	const char *what, char *err, size_t errlen);
/* A comma-separated list of 1..max_count numbers, each in min..max. */
int bench_parse_list(const char *s, long min, long max, long *out, int max_count,
	int *count, const char *what, char *err, size_t errlen);

/* "2 CPUs, 23.5 GiB RAM, Linux 6.1.0 x86_64": no host name, no path. */
void bench_machine_line(char *buf, size_t len);

/* The progress line on err: rewritten in place on a terminal, one line per
 * finished point otherwise, nothing with quiet. */
typedef struct BenchTicker {
	FILE *err;        /* borrowed */
	bool tty;
	bool quiet;
	char what[128];   /* the point being measured */
	uint64_t last_ns; /* when the line was last drawn */
} BenchTicker;

void BenchTicker_init(BenchTicker *t, FILE *err, bool quiet);
void BenchTicker_begin(BenchTicker *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A BenchProgress: ctx is the BenchTicker. Never asks to stop. */
int bench_ticker_progress(void *ctx, int done, int total);
/* The point is measured: summary goes on its own line when not a terminal. */
void BenchTicker_end(BenchTicker *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Clears the progress line (before the report is printed). */
void BenchTicker_done(BenchTicker *t);

int bench_spawn(int argc, char **argv, FILE *out, FILE *err);
int bench_scale(int argc, char **argv, FILE *out, FILE *err);

#endif
