/*
 * Splitting a watched program's output by the process that wrote it. Every
 * process of the command writes into one pipe; the tracer stops each write
 * to it and keeps the writer and the bytes (Tracer_pop_write) before the
 * bytes reach the pipe. OutputSplit matches the pipe's stream against those
 * expected writes: a write of up to PIPE_BUF bytes lands in the pipe whole,
 * so the stream is a sequence of them, each recognised by its bytes. What
 * matches no expected write (a write the tracer did not stop: sendfile,
 * pwrite, a process that escaped) goes to the fallback pid up to its
 * newline. Lines are assembled per writer and handed over whole.
 *
 * Pure: no I/O, tested on interleavings.
 */
#ifndef FORKSCOPE_SCENARIO_OUTPUT_SPLIT_H
#define FORKSCOPE_SCENARIO_OUTPUT_SPLIT_H

#include <stddef.h>
#include <sys/types.h>

#define OUTPUT_LINE_MAX 512   /* a longer line is handed over in pieces */
#define OUTPUT_WRITERS 16     /* partial lines kept at once */
#define OUTPUT_EXPECTED_MAX 256 /* expected writes kept; the oldest go first */

typedef void (*OutputLineFn)(void *ctx, pid_t pid, const char *line, size_t len);

typedef struct OutputExpected {
	pid_t pid;
	char *data;           /* owned */
	size_t len;
} OutputExpected;

typedef struct OutputPartial {
	pid_t pid;
	char text[OUTPUT_LINE_MAX];
	size_t len;
} OutputPartial;

typedef struct OutputSplit {
	pid_t fallback;
	OutputExpected *expected; /* owned, oldest first */
	size_t nexpected, expected_cap;
	pid_t cur;                /* the writer of the bytes being read */
	size_t cur_left;          /* how many more are its */
	OutputPartial partial[OUTPUT_WRITERS];
	size_t npartial;
	OutputLineFn line;
	void *ctx;                /* borrowed */
} OutputSplit;

void OutputSplit_init(OutputSplit *o, pid_t fallback, OutputLineFn line, void *ctx);
void OutputSplit_done(OutputSplit *o);
/* A write seen at its stop: pid will write these bytes (taken over). */
void OutputSplit_expect(OutputSplit *o, pid_t pid, char *data, size_t len);
/* Bytes read from the pipe, in order. */
void OutputSplit_feed(OutputSplit *o, const char *bytes, size_t n);
/* The end of the stream: partial lines are handed over. */
void OutputSplit_flush(OutputSplit *o);

#endif
