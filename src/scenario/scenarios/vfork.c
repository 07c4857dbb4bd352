/* The vfork scenario's row: a child in the parent's memory, a parent on hold. */
#include "base/i18n.h"
#include "scenario/catalog.h"

static const ScenarioStep steps[] = {
	{ N_("vfork() returned 0 in the child, which now runs in the parent's address space, on "
	     "the parent's stack. Memory: the child lists the very same mappings, and the region the "
	     "parent wrote is still exclusive page by page: one address space used by two "
	     "processes, nothing copied and nothing shared copy-on-write (compare fork). The parent "
	     "is suspended inside vfork (state D): it cannot run until the child execs or exits.") },
	{ N_("The child exec'd /bin/true, held at the exec: it has a memory of its own now (true's "
	     "mappings). The exec released the parent as soon as the child's old memory was let go: "
	     "the vfork-done event comes just before the exec event. vfork returned the child's pid "
	     "in the parent, which read the variable the child had written in their shared memory "
	     "(see the note) and now waits in waitpid.") },
	{ N_("true exited and the parent reaped it: waitpid returned its pid with status exit 0. "
	     "vfork plus exec never copied the parent's page tables, which is why it stays fast "
	     "however much memory the parent has; posix_spawn uses the same trick.") },
};

static const ScenarioParam params[] = {
	{ "size", N_("MiB"), N_("memory the parent writes before vfork"), 16, 1, 256 },
};

const Scenario scenario_vfork = {
	.id = "vfork",
	.title = N_("vfork: borrow the parent's memory until exec"),
	.explanation = N_(
		"vfork() creates a child that shares the parent's memory instead of getting a "
		"copy-on-write copy of it: no page tables are copied, so it costs the same whatever "
		"the parent's size. In exchange the parent is suspended until the child calls exec "
		"(the child gets a memory of its own then) or _exit, and the child may do nothing "
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
