/*
 * The tracer explains itself: with FORKSCOPE_DEBUG=FILE in the environment
 * (or --debug FILE), every wait status it handles, every resume, hold and
 * event it queues is a line in FILE, stamped in microseconds of
 * CLOCK_MONOTONIC, as tmux logs its jobs. The next ordering race is read
 * there, not guessed. Off, each call costs one test of a pointer.
 */
#ifndef FORKSCOPE_TRACE_TRACER_LOG_H
#define FORKSCOPE_TRACE_TRACER_LOG_H

#include <stdbool.h>
#include <stdio.h>

/* Opens path for appending (NULL: FORKSCOPE_DEBUG, if set). false with
 * errno when it cannot be opened. */
bool tracer_log_open(const char *path);
void tracer_log_close(void);

extern FILE *tracer_log_file;

void tracer_log_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define tracer_log(...) do { if (tracer_log_file != NULL) tracer_log_line(__VA_ARGS__); } while (0)

#endif
