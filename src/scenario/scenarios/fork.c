/* The fork scenario's row: one call that returns twice. */
#include "base/i18n.h"
#include "scenario/catalog.h"
#include "scenario/params.h"

/* Claims at the default size, 16 MiB (16384 kB): a little less for rounding. */
static const StepClaim wrote_region[] = {
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_HELPER, .key = "Private_Dirty", .num = 16000 },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "mmap" },
	{ 0 },
};
static const StepClaim forked[] = {
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD },
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_CHILD, .key = "Shared_Dirty", .num = 16000 },
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_HELPER, .key = "Shared_Dirty", .num = 16000 },
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .key = "fork" },
	{ .kind = CLAIM_STATE, .who = WHO_HELPER, .text = "S" },
	{ 0 },
};
static const StepClaim reaped[] = {
	{ .kind = CLAIM_GONE, .who = WHO_CHILD },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "waitpid" },
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_HELPER, .key = "Private_Dirty", .num = 16000 },
	{ 0 },
};

static const ScenarioStep steps[] = {
	{ N_("The parent wrote every page of a region it mapped (the mmap in the events). "
	     "Memory: that mapping is all Private_Dirty and Pss equals Rss; the page map shows "
	     "every page exclusive to this one process."),
	  .focus = { WHO_HELPER }, .claims = wrote_region },
	{ N_("fork() returned twice: the child's pid in the parent (which now waits in waitpid) "
	     "and 0 in the child, a new process whose ppid is the parent. Memory: the region is "
	     "Shared_Dirty in both and each one's Pss is half its Rss; the page map shows no page "
	     "exclusive: fork copied the page tables, not the pages (apart from the few stack pages "
	     "each has written since)."),
	  .focus = { WHO_CHILD, 0 }, .claims = forked },
	{ N_("The child called _exit(7); the parent's waitpid returned the child's pid with status "
	     "exit 7 and the child is gone (a ghost in the tree). Memory: with one mapper left, the "
	     "region's pages are Private_Dirty and exclusive again."),
	  .focus = { WHO_HELPER }, .claims = reaped },
};

static const ScenarioParam params[] = { PARAMS_FORK };

const Scenario scenario_fork = {
	.id = "fork",
	.title = N_("fork: one call, two returns"),
	.explanation = N_(
		"fork() makes a copy of the calling process and returns in both: the child's pid "
		"in the parent, 0 in the child, or -1 with errno (EAGAIN at a process limit, ENOMEM) "
		"in the parent alone when no child could be made. The child is a new process: its own "
		"pid, its parent's pid as ppid, a copy of the FD table, signal dispositions and mask. "
		"Its memory is not copied at fork: both processes map the same physical pages, marked "
		"read-only, and a page is copied only when one of them writes it (copy-on-write). A "
		"parent waits for its child with waitpid, which returns the child's pid and its exit "
		"status and removes the child from the process table."),
	.steps = steps,
	.nsteps = (int)(sizeof steps / sizeof steps[0]),
	.params = params,
	.nparams = (int)(sizeof params / sizeof params[0]),
	.max_procs = 2,
};
