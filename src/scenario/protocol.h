/*
 * The line protocol between forkscope and the demo helper.
 *
 * The helper writes one line per message to its report fd (inherited, number
 * given by FORKSCOPE_REPORT_FD), with a single write(2) each so lines from
 * several processes never interleave (a pipe write up to PIPE_BUF is atomic):
 *
 *   STEP <t> <n> <pid>              step n begins; pid waits for the go-ahead
 *   API <t> <pid> <api> <ret> <err> <child> <text...>
 *                                   an API call returned: fork() = 4243 ...
 *   HOLD <t> <n> <pid> <exec|exit>  step n ends at pid's next exec or exit:
 *                                   pid waits for one 'g' (the tracer is armed),
 *                                   then goes on; the tracer holds it there
 *   NOTE <t> <pid> <text...>        a remark (e.g. "needs root: skipped")
 *   DONE <t> <pid> <status>         the scenario finished
 *
 * <t> is CLOCK_MONOTONIC in microseconds, read by the reporting process as
 * the call returned: the clock the tracer stamps kernel events with, so the
 * timeline can merge both streams in the order things happened (one pipe
 * keeps each process's own order, but not the order between the pipe and
 * the tracer, nor between processes that write late).
 * Numbers are decimal; <api> has no spaces; <text> runs to the end of line.
 * forkscope answers on the control fd (FORKSCOPE_CONTROL_FD) with one byte
 * 'g' per step: the process that announced the step reads it and goes on.
 *
 * <text> is for people: with FORKSCOPE_TRANSLATE=1 the helper writes its
 * prose in the user's language (calls written as C stay as they are); with
 * 0 (JSON, or forkscope speaks English) in English. Notes that a chart
 * reads ("spawn-cost method=...", "scale mode=...") are never translated.
 */
#ifndef FORKSCOPE_SCENARIO_PROTOCOL_H
#define FORKSCOPE_SCENARIO_PROTOCOL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define PROTOCOL_MAX_LINE 512

typedef enum ReportKind {
	REPORT_STEP,
	REPORT_HOLD,
	REPORT_API,
	REPORT_NOTE,
	REPORT_DONE,
} ReportKind;

typedef struct Report {
	ReportKind kind;
	uint64_t t_us;        /* CLOCK_MONOTONIC when it happened; 0 if unknown */
	pid_t pid;
	int step;             /* REPORT_STEP, REPORT_HOLD */
	char api[16];         /* REPORT_API */
	long long ret;
	int err;
	pid_t child;          /* REPORT_API: the pid the call made or waited for, else 0 */
	int status;           /* REPORT_DONE */
	char text[PROTOCOL_MAX_LINE]; /* API/NOTE text; HOLD: "exec" or "exit" */
} Report;

/* Pure parser for one line (without its newline). 0, or -1 if malformed. */
int report_parse(const char *line, size_t len, Report *out);
/* Formats a report as one line with its newline; returns its length. */
size_t report_format(const Report *report, char *buf, size_t buflen);

#endif
