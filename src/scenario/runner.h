/*
 * The runner: performs one scenario (or a custom command) under the tracer
 * and feeds the session. It starts the demo helper with a report pipe and a
 * control pipe, joins the helper's API reports to the tracer's kernel events
 * (so each process carries the API that made it), and gates the steps.
 *
 * A step boundary is reached when the helper announced STEP n (the
 * announcing process waits for the go-ahead) or, after HOLD n pid exec|exit,
 * when the tracer holds pid at that event. At a boundary every traced
 * process of the demo is quiet, so the probe reads a consistent instant.
 * Runner_go() lets the demo continue to the next boundary.
 *
 * Nothing outlives the runner: the helper is traced with EXITKILL and
 * PR_SET_PDEATHSIG, and Runner_delete kills and reaps whatever is left.
 */
#ifndef FORKSCOPE_SCENARIO_RUNNER_H
#define FORKSCOPE_SCENARIO_RUNNER_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "model/session.h"
#include "scenario/catalog.h"

typedef enum RunnerState {
	RUNNER_RUNNING,     /* going towards the next boundary */
	RUNNER_AT_STEP,     /* at a step boundary: the demo waits for Runner_go */
	RUNNER_FINISHED,    /* the demo exited and every process is reaped */
} RunnerState;

typedef struct Runner Runner;

/* Path of the demo helper: $FORKSCOPE_DEMO, beside forkscope's own binary
 * (a build tree), or the installed libexec path. */
const char *runner_demo_path(void);

/* Starts the scenario. session is borrowed and fed from now on. NULL with a
 * message in err (and errno saying why) when the demo could not be started. */
Runner *Runner_start(const ScenarioArgs *args, Session *session, char *err, size_t errlen);
/* Kills what is left of the demo, reaps it, and frees the runner. */
void Runner_delete(Runner *r);

/* Descriptors to poll (report pipe, tracer); returns how many were written. */
size_t Runner_pollfds(const Runner *r, struct pollfd *fds, size_t max);
/* Handles whatever is ready, waiting at most timeout_ms (-1: until something
 * happens). Returns the state after it. */
RunnerState Runner_pump(Runner *r, int timeout_ms);
RunnerState Runner_state(const Runner *r);
/* The step the demo is at (1-based), 0 before the first boundary. */
int Runner_step(const Runner *r);
/* Leaves the boundary: sends the go-ahead, or releases the held process. */
void Runner_go(Runner *r);
/* For a user's command (not a scenario): Runner_delete detaches and leaves
 * it running instead of killing it. */
void Runner_set_detach_on_delete(Runner *r, bool detach);
/* Step mode (wait at each boundary) or run mode (go on by itself). */
void Runner_set_step_mode(Runner *r, bool step_mode);
/* In run mode, how long to stay at each boundary: at least pace_ms, and
 * ms_per_word for each word of its caption (default 1500 and 250). */
void Runner_set_pace(Runner *r, int pace_ms, int ms_per_word);
/* How long run mode stays at a step with this caption: pace_ms, or
 * ms_per_word for each of its words if that is longer. Pure. */
int caption_reading_ms(const char *caption, int pace_ms, int ms_per_word);
/* Hold every process at every kernel event, not only at step boundaries. */
void Runner_set_hold_all(Runner *r, bool hold);

/* Breakpoints (ScenarioArgs.breaks at the start, or these later): breaks
 * is borrowed, NULL none. A process a breakpoint holds is no step
 * boundary: it waits for Runner_release (Runner_go leaves it held). */
void Runner_set_breaks(Runner *r, BreakList *breaks);
size_t Runner_break_count(const Runner *r);
bool Runner_is_held(const Runner *r, pid_t pid);
/* -ESRCH when pid is not held. */
int Runner_release(Runner *r, pid_t pid);
void Runner_release_breaks(Runner *r);
/* Leaves held pid stopped and untraced: 0, or -1 with the reason in err
 * (a demo or a command run with the exec filter is refused: see
 * ScenarioArgs.detachable). */
int Runner_detach_stopped(Runner *r, pid_t pid, char *err, size_t errlen);

pid_t Runner_root(const Runner *r);        /* the demo's first process */
int Runner_exit_status(const Runner *r);   /* its wait status, once finished */
/* The pid a step's report named (the announcing or held process), else 0. */
pid_t Runner_step_pid(const Runner *r);
/* The catalogue's focus of the step the demo is at; NULL between steps or
 * for a command run without a scenario. */
const StepFocus *Runner_step_focus(const Runner *r);
/* The process the step is about: its focus's role as resolved in this run,
 * else the process the step's report named; 0 between steps. */
pid_t Runner_focus_pid(const Runner *r);

#endif
