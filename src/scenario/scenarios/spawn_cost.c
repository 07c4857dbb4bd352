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
#include "scenario/params.h"

/*
 * Claims that hold for any max_mib of 16 or more (the tests run max_mib=16,
 * a user the default 256): the parent's largest anonymous mapping is the
 * region it grows into, with max_mib/16, /4 and /1 MiB written at steps 2,
 * 3 and 4 (at least 1024, 4096 and 16384 kB; a little less for rounding).
 */
static const StepClaim spawned_all[] = {
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "fork" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "vfork" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "posix_spawn" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "clone" },
	{ .kind = CLAIM_GONE, .who = WHO_CHILD, .nth = 0 },
	{ .kind = CLAIM_STATE, .who = WHO_HELPER, .text = "S" },
	{ 0 },
};
static const StepClaim grown_sixteenth[] = {
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_HELPER, .key = "Private_Dirty", .num = 1000 },
	{ .kind = CLAIM_STATE, .who = WHO_HELPER, .text = "S" },
	{ 0 },
};
static const StepClaim grown_quarter[] = {
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_HELPER, .key = "Private_Dirty", .num = 4000 },
	{ .kind = CLAIM_STATE, .who = WHO_HELPER, .text = "S" },
	{ 0 },
};
static const StepClaim grown_all[] = {
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_HELPER, .key = "Private_Dirty", .num = 16000 },
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_HELPER, .key = "Rss", .num = 16000 },
	{ .kind = CLAIM_STATE, .who = WHO_HELPER, .text = "S" },
	{ 0 },
};

static const ScenarioStep steps[] = {
	{ N_("The parent has touched no extra memory yet. Each method started forkscope-tiny (a "
	     "static program that exits at once) once to warm up, then reps times, waiting for it "
	     "each time; the events have one line per spawn and one spawn-cost line per method: "
	     "the median in µs and the 10th and 90th percentiles, the chart's first column. Every "
	     "time includes the child's creation, its exec and exit, the parent's wait, and the "
	     "tracer's stops at each of them."),
	  .focus = { WHO_HELPER }, .claims = spawned_all },
	{ N_("The parent has now written a byte in every page of a sixteenth of max_mib (16 MiB by "
	     "default): its largest anonymous mapping has that much Private_Dirty. On the chart, "
	     "compare each method's point at this size with its point at 0 MiB. fork copies a "
	     "page-table entry for each page the parent has touched, and write-protects the page in "
	     "both processes, only for exec to throw the copy away; vfork, posix_spawn and clone "
	     "with CLONE_VM run the child in the parent's memory and copy none. At a few MiB that "
	     "work can be smaller than the spread, the bar from p10 to p90."),
	  .focus = { WHO_HELPER }, .claims = grown_sixteenth },
	{ N_("A quarter of max_mib (64 MiB by default). On the chart, compare fork+exec's point with "
	     "its points at the smaller sizes, and with the other three at this size. What fork "
	     "adds grows with every page the parent has touched; the rest of each spawn (exec, "
	     "exit, wait, the tracer's stops) does not, so fork+exec's time need not grow in "
	     "proportion to the size. The other three copy no page table: what changes in their "
	     "points from size to size is noise."),
	  .focus = { WHO_HELPER }, .claims = grown_quarter },
	{ N_("All of max_mib (256 MiB by default): the chart is complete. The spawn-cost ratio "
	     "line, the last in the events, gives fork+exec's median over posix_spawn's and over "
	     "vfork+exec's at this size: how many times longer fork+exec took in this run with the "
	     "parent at its largest. Under forkscope every fork, exec and exit stops for the "
	     "tracer, so all these times include those stops; `forkscope bench spawn` measures the "
	     "same methods untraced, with CPU pinning and more repetitions."),
	  .focus = { WHO_HELPER }, .claims = grown_all },
};

static const ScenarioParam params[] = { PARAMS_SPAWN_COST };

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
		"the median and the 10th and 90th percentiles of each: what fork adds grows with the "
		"parent's size, while the other three copy none of it. The argument is made in \"A "
		"fork() in the road\" (Baumann et al., HotOS 2019)."),
	.steps = steps,
	.nsteps = sizeof steps / sizeof steps[0],
	.params = params,
	.nparams = sizeof params / sizeof params[0],
	.max_procs = 2,
	.takes_command = false,
};
