/*
 * scale: one CPU-bound job split among N worker processes, independently or
 * through pipes, as N grows past the CPU count. The helper's half is
 * demo/scale.c; the steps here match its boundaries. Each run is a NOTE line
 *   scale mode=M workers=N cpus=C units=U unit_kiter=K ms=T units_per_s=R speedup=S answer=X
 * which the TUI charts and batch output prints.
 */
#include "base/i18n.h"
#include "scenario/catalog.h"
#include "scenario/params.h"

/*
 * The FDs, whatever the options: the parent makes the start pipe (3 read,
 * 4 write), the result pipe (5, 6) and in pipe mode the task pipe (7, 8)
 * afresh for each run; a worker keeps 3, 6 and 7, the parent 4, 5 and 8.
 * Worker 1 of the largest crew announces steps 1 and 3 (WHO_STEP): the
 * crews before it have come and gone, so no fixed child number names it.
 */
static const StepClaim independent_crew[] = {
	{ .kind = CLAIM_FD, .who = WHO_STEP, .num = 3, .text = "pipe:" },
	{ .kind = CLAIM_NO_FD, .who = WHO_STEP, .num = 4 },
	{ .kind = CLAIM_FD, .who = WHO_STEP, .num = 6, .text = "pipe:" },
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 4, .text = "pipe:" },
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_STEP },
	{ .kind = CLAIM_STATE, .who = WHO_STEP, .text = "S" },
	{ 0 },
};
static const StepClaim independent_done[] = {
	{ .kind = CLAIM_GONE, .who = WHO_CHILD, .nth = 0 },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "waitpid" },
	{ .kind = CLAIM_NO_FD, .who = WHO_HELPER, .num = 4 },
	{ .kind = CLAIM_NO_FD, .who = WHO_HELPER, .num = 5 },
	{ .kind = CLAIM_STATE, .who = WHO_HELPER, .text = "S" },
	{ 0 },
};
static const StepClaim pipe_crew[] = {
	{ .kind = CLAIM_FD, .who = WHO_STEP, .num = 7, .text = "pipe:" },
	{ .kind = CLAIM_NO_FD, .who = WHO_STEP, .num = 8 },
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 8, .text = "pipe:" },
	{ .kind = CLAIM_FD, .who = WHO_STEP, .num = 3, .text = "pipe:" },
	{ .kind = CLAIM_FD, .who = WHO_STEP, .num = 6, .text = "pipe:" },
	{ .kind = CLAIM_STATE, .who = WHO_STEP, .text = "S" },
	{ 0 },
};
static const StepClaim pipe_done[] = {
	{ .kind = CLAIM_GONE, .who = WHO_CHILD, .nth = 0 },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "waitpid" },
	{ .kind = CLAIM_NO_FD, .who = WHO_HELPER, .num = 8 },
	{ .kind = CLAIM_NO_FD, .who = WHO_HELPER, .num = 5 },
	{ .kind = CLAIM_STATE, .who = WHO_HELPER, .text = "S" },
	{ 0 },
};

static const ScenarioStep steps[] = {
	{ N_("Independent workers. The log has one scale line per run so far (N = 1, 2, 4, ... and "
	     "the CPU count): each worker took a contiguous share of the units, worked alone and "
	     "sent one result. Now the largest crew is forked and waits at the start line; worker 1 "
	     "announced this step. Like every worker it holds the start pipe's read end, FD 3, and "
	     "the result pipe's write end, FD 6. The start pipe's write end is the parent's alone: "
	     "when the parent closes it, every worker reads end of file at once and starts."),
	  .focus = { WHO_STEP, 0, N_("worker 1"), FOCUS_FD(3) }, .claims = independent_crew },
	{ N_("The independent runs are over. The chart plots each run's throughput (units/s) "
	     "against N, with the CPU count marked; each scale line in the events adds the run's "
	     "time (ms, from the start signal to the last result) and its speedup over one worker. "
	     "While N is at most the CPU count the workers can run at once and the speedup can "
	     "approach N; past it they take turns on the same CPUs and it cannot grow. Compare this "
	     "run's points with that: each is a single run, and with a small job waking the workers "
	     "weighs more and a busy machine adds noise (bench scale takes medians of repeated runs)."),
	  .focus = { WHO_HELPER }, .claims = independent_done },
	{ N_("Pipe workers: the parent hands out the units one at a time through a task pipe that "
	     "all the workers read, and reads each unit's result back from the result pipe: two "
	     "small messages per unit, each a write and a read. The log has the pipe runs so far; "
	     "the largest crew now waits at the start line. Worker 1 holds the task pipe's read "
	     "end, FD 7, beside FD 3 (start) and FD 6 (results). The task pipe's write end, FD 8, "
	     "is the parent's alone: when it closes it after the last unit, the workers read end "
	     "of file and exit."),
	  .focus = { WHO_STEP, 0, N_("worker 1"), FOCUS_FD(7) }, .claims = pipe_crew },
	{ N_("The pipe runs are over: the chart has both curves, point by point at the same N. The "
	     "summary line, the last in the events, gives each mode's best N in this run and "
	     "pipe_over_independent_at_max, the pipe mode's throughput over the independent one's "
	     "at the largest N. What decides it is a unit's work against a message's cost: when "
	     "units are small, the workers and the parent, which handles every unit, spend their "
	     "time in system calls, wake-ups and context switches; when they are large (unit_kiter), "
	     "messages are cheap next to them, and one unit at a time can even balance the load "
	     "better than fixed shares."),
	  .focus = { WHO_HELPER }, .claims = pipe_done },
};

static const ScenarioParam params[] = { PARAMS_SCALE };

const Scenario scenario_scale = {
	.id = "scale",
	.title = N_("Many processes: parallel gain against the cost of talking"),
	.explanation = N_(
		"Splitting a CPU-bound job among N processes makes it faster only while there are "
		"CPUs to run them: past the CPU count the processes take turns and the job takes "
		"as long as before, plus the cost of more processes. And processes that must talk "
		"pay for every message: a write and a read are system calls, and a reader that "
		"was asleep must be woken and scheduled. When the messages are as frequent as the "
		"work is small, communication can cost more than parallelism gains. This scenario "
		"runs the same job (units of pure computation) with N = 1, 2, 4, ... workers up "
		"to four times the CPUs, first independent, then fed and collected through pipes, "
		"and reports the throughput and the speedup over one independent worker for each "
		"run. `forkscope bench scale` measures the same with repetitions, and a third way "
		"through a shared mapping."),
	.steps = steps,
	.nsteps = sizeof steps / sizeof steps[0],
	.params = params,
	.nparams = sizeof params / sizeof params[0],
	.max_procs = 65,
	.takes_command = false,
};
