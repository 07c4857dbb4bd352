/*
 * scale: one CPU-bound job split among N worker processes, independently or
 * through pipes, as N grows past the CPU count. The helper's half is
 * demo/scale.c; the steps here match its boundaries. Each run is a NOTE line
 *   scale mode=M workers=N cpus=C units=U unit_kiter=K ms=T units_per_s=R speedup=S answer=X
 * which the TUI charts and batch output prints.
 */
#include "base/i18n.h"
#include "scenario/catalog.h"

static const ScenarioStep steps[] = {
	{ N_("Independent workers. The log has one scale line per run so far (N = 1, 2, 4, ... "
	     "and the CPU count): each worker took a contiguous share of the units and worked "
	     "alone. Now the largest crew is forked and waiting at the start line (a pipe the "
	     "parent will close): look at the tree, N processes, and at any worker's FD table, the "
	     "start pipe and the result pipe it shares with the others.") },
	{ N_("The independent curve is complete. Throughput (units_per_s) should grow almost in "
	     "proportion to N up to the number of CPUs, then stay flat: past that point the "
	     "workers only take turns on the same CPUs. Every run gave the same answer, so every "
	     "run did all the work. Each point is a single run: on a busy machine they are noisy "
	     "(bench scale repeats each one and takes the median).") },
	{ N_("Pipe workers: the parent hands out units one at a time through a task pipe that all "
	     "workers read, and reads every result back through a shared result pipe, two small "
	     "messages per unit. The log has the runs so far; the largest crew now waits at the "
	     "start line, each worker holding the task pipe's read end and the result pipe's write "
	     "end.") },
	{ N_("The pipe curve is complete. Even one pipe worker is slower than one independent "
	     "worker: each unit now costs two system calls and a wake-up on top of its work. More "
	     "workers help only while there are CPUs for them and the parent can keep up; past "
	     "the CPU count the curve typically falls below the independent one and declines, as "
	     "workers wait on each other and on the parent and the context switches cost more "
	     "than the extra workers bring. The summary line gives the best N of each mode and the "
	     "pipe mode's throughput over the independent one's at the largest N.") },
};

static const ScenarioParam params[] = {
	{ "workers", N_("workers"), N_("the largest N (0: four times the CPUs)"), 0, 0, 64 },
	{ "units", N_("units"), N_("units of work in the job, the same for every N"), 16000, 16, 200000 },
	{ "unit_kiter", N_("thousand iterations"), N_("work per unit: its cost against a message's"), 3, 1, 100 },
};

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
