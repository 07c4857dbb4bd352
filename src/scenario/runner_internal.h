/*
 * The runner's state, shared by the files that make it: runner_start.c
 * (starting the demo or a command under the tracer, and ending it) and
 * runner.c (the reports, the output, the steps and holds). Not for use
 * outside src/scenario.
 */
#ifndef FORKSCOPE_SCENARIO_RUNNER_INTERNAL_H
#define FORKSCOPE_SCENARIO_RUNNER_INTERNAL_H

#include "live/exec_capture.h"
#include "scenario/output_split.h"
#include "scenario/protocol.h"
#include "scenario/runner.h"
#include "trace/tracer.h"

typedef enum BoundaryKind {
	BOUNDARY_NONE,
	BOUNDARY_STEP,      /* the helper waits on the control pipe */
	BOUNDARY_HELD,      /* the tracer holds a process */
} BoundaryKind;

struct Runner {
	Session *session;           /* borrowed */
	const Scenario *scenario;   /* borrowed; NULL for a direct command */
	Tracer *tracer;
	pid_t root;
	int report_fd;              /* read end, -1 once at EOF */
	int output_fd;              /* the demo's stdout and stderr, read end; -1 at EOF */
	OutputSplit out;            /* the output pipe's bytes, by writer, into lines */
	int control_fd;             /* write end, -1 when there is no helper */
	char linebuf[PROTOCOL_MAX_LINE * 2];
	size_t linelen;
	RunnerState state;
	BoundaryKind boundary;
	int step;
	pid_t step_pid;
	/* an armed HOLD: step hold_step ends when hold_pid reaches hold_kind */
	int hold_step;
	pid_t hold_pid;
	EventKind hold_kind;
	bool step_mode, hold_all;
	int pace_ms;                /* run mode: the least time at a boundary */
	int ms_per_word;            /* run mode: and long enough to read the caption */
	int dwell_ms;               /* at this boundary: the larger of the two */
	uint64_t at_step_since_us;
	bool root_exited;
	int root_status;
	bool capped;                /* the process cap was hit and the demo ended */
	bool detach_on_delete;      /* a user's command runs on when we go */
	bool detachable;            /* it may (--detach): traced without the exec filter */
	ExecCapture execs;          /* what each exec received, into session->execs */
	BreakList *breaks;          /* borrowed; NULL none */
};

/* runner.c: a line of output, as an event of its writer (OutputLineFn). */
void runner_output_line(void *ctx, pid_t pid, const char *line, size_t len);

#endif
