/* The vfork scenario's row: a child in the parent's memory, a parent on hold. */
#include "base/i18n.h"
#include "scenario/catalog.h"
#include "scenario/params.h"

/* Claims at the default size, 16 MiB (16384 kB): a little less for rounding. */
static const StepClaim borrowed[] = {
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .key = "vfork" },
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD },
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_CHILD, .key = "Private_Dirty", .num = 16000 },
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_HELPER, .key = "Private_Dirty", .num = 16000 },
	{ .kind = CLAIM_STATE, .who = WHO_HELPER, .text = "D" },
	{ 0 },
};
static const StepClaim released[] = {
	{ .kind = CLAIM_EXE, .who = WHO_CHILD, .text = "/true" },
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "vfork" },
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_HELPER, .key = "Private_Dirty", .num = 16000 },
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
	{ N_("vfork() returned 0 in the child, which now runs in the parent's address space, on "
	     "the parent's stack. The child's memory: the very same mappings as the parent's, and "
	     "the region the parent wrote is Private_Dirty and exclusive page by page in both maps: "
	     "one address space used by two processes, nothing copied and nothing shared "
	     "copy-on-write (compare fork). The parent is suspended inside vfork, in state D (a "
	     "sleep only a fatal signal can cut short): it cannot run until the child execs or "
	     "exits."),
	  .focus = { WHO_CHILD, 0, N_("the child") }, .claims = borrowed },
	{ N_("The child exec'd /bin/true and is held at the exec: it has a memory of its own now "
	     "(true's mappings). The kernel released the parent as the child's exec let go of the "
	     "borrowed memory, before loading true: the vfork-done event comes before the exec "
	     "event. vfork then returned the child's pid in the parent, which read the variable "
	     "the child had written in their shared memory (the note in the events) and waits in "
	     "waitpid."),
	  .focus = { WHO_CHILD, 0, N_("the child") }, .claims = released },
	{ N_("true exited and the parent reaped it: waitpid returned its pid with status exit 0. "
	     "The parent's region is still all Private_Dirty, every page exclusive: vfork plus exec "
	     "copied neither the parent's page tables nor its pages, which is why it stays fast "
	     "however much memory the parent has; posix_spawn uses the same trick."),
	  .focus = { WHO_HELPER, 0, N_("the parent") }, .claims = reaped },
};

static const ScenarioParam params[] = { PARAMS_VFORK };

const Scenario scenario_vfork = {
	.id = "vfork",
	.title = N_("vfork: borrow the parent's memory until exec"),
	.explanation = N_(
		"vfork() creates a child that shares the parent's memory instead of getting a "
		"copy-on-write copy of it: no page tables are copied, so it costs the same whatever "
		"the parent's size. In exchange the thread that called vfork is suspended (only that "
		"thread: the parent's other threads run on) until the child calls exec (the child "
		"gets a memory of its own then) or _exit, and the child may do nothing "
		"else: any variable it writes, the parent sees; returning from the function that "
		"called vfork would wreck the parent's stack. It was made for the fork-then-exec "
		"pattern; glibc's posix_spawn and system use the same mechanism (clone with "
		"CLONE_VM and CLONE_VFORK). A tracer sees the parent's release as the vfork-done "
		"event."),
	.steps = steps,
	.nsteps = (int)(sizeof steps / sizeof steps[0]),
	.params = params,
	.nparams = (int)(sizeof params / sizeof params[0]),
	.max_procs = 2,
};
