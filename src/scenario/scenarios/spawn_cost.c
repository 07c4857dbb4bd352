/*
 * spawn-cost: how long it takes to start a program by fork+exec, vfork+exec,
 * posix_spawn and clone(CLONE_VM|CLONE_VFORK)+exec, as the parent grows.
 * The helper's half is demo/spawn_cost.c; the steps here match its
 * boundaries. Each measured point is a NOTE line
 *   spawn-cost method=M parent_mib=N reps=R median_us=X p10_us=Y p90_us=Z
 * which the TUI charts and batch output prints.
 */
#include "base/i18n.h"
#include "scenario/catalog.h"

static const ScenarioStep steps[] = {
	{ N_("The parent has no extra memory. Each method started forkscope-tiny (a static program "
	     "that exits at once) warm-up + reps times and waited for it; the event log has one "
	     "line per spawn and one spawn-cost line per method with the median and spread. At "
	     "this size the four are close: the cost is mostly the exec and the tracer's stops.") },
	{ N_("The parent has touched a sixteenth of max_mib (16 MiB by default): look at its "
	     "memory pane, Private_Dirty has grown by that much. fork+exec is already slower: "
	     "fork copies a page-table entry for every one of those pages (and marks them "
	     "copy-on-write) only for exec to throw the copy away. vfork, posix_spawn and clone "
	     "with CLONE_VM share the parent's memory and copy nothing.") },
	{ N_("A quarter of max_mib (64 MiB by default). fork+exec grows again, roughly in "
	     "proportion to the parent's size; vfork+exec, posix_spawn and clone+exec stay flat.") },
	{ N_("All of max_mib (256 MiB by default). The last note gives the ratio of fork+exec to "
	     "posix_spawn and to vfork+exec at this size. Under forkscope every fork, exec and exit "
	     "stops for the tracer, so all times here include that; `forkscope bench spawn` "
	     "measures the same methods untraced, with CPU pinning and more repetitions.") },
};

static const ScenarioParam params[] = {
	{ "max_mib", N_("MiB"), N_("the parent's largest size; it is also measured at 0, 1/16 and 1/4 of it"),
	  256, 1, 1024 },
	{ "reps", N_("runs"), N_("timed spawns per method and size (after one warm-up)"), 15, 3, 200 },
};

const Scenario scenario_spawn_cost = {
	.id = "spawn-cost",
	.title = N_("The cost of starting a program as the parent grows"),
	.explanation = N_(
		"fork gives the child a copy of the parent's address space. The pages themselves "
		"are shared copy-on-write, but the page tables are copied, one entry per present "
		"page, and every writable page is marked read-only in both processes: work that "
		"grows with the parent's memory, wasted when the child execs right away. vfork "
		"and clone(CLONE_VM|CLONE_VFORK) create the child in the parent's own memory and "
		"suspend the parent until the child execs or exits, so nothing is copied; glibc's "
		"posix_spawn is built the same way. This scenario times each method (create, exec "
		"a tiny static program, wait) as the parent's touched memory grows, and reports "
		"the median and the 10th and 90th percentiles of each: fork+exec rises with the "
		"parent's size while the other three stay flat. The argument is made in \"A "
		"fork() in the road\" (Baumann et al., HotOS 2019)."),
	.steps = steps,
	.nsteps = sizeof steps / sizeof steps[0],
	.params = params,
	.nparams = sizeof params / sizeof params[0],
	.max_procs = 2,
	.takes_command = false,
};
