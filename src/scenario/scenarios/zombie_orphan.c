/* The zombie-orphan scenario's row: exits before a wait, parents before children. */
#include "base/i18n.h"
#include "scenario/catalog.h"

static const ScenarioStep steps[] = {
	{ N_("The child called _exit(5) and the parent has not reaped it (it used waitid with "
	     "WNOWAIT, which only looks). The child is a zombie, state Z: its memory and FDs are "
	     "already freed, but its pid, exit status and resource usage stay in the process table "
	     "until the parent waits.") },
	{ N_("waitpid returned the child's pid with status exit 5 and the zombie is gone: reaping is "
	     "what frees a process's last trace. A parent that never waits fills the process table "
	     "with zombies.") },
	{ N_("A new child forked a grandchild and exited without waiting for it; the parent reaped "
	     "that child. The grandchild is an orphan: the kernel gave it a new parent, the nearest "
	     "ancestor that is a subreaper (PR_SET_CHILD_SUBREAPER; forkscope may be one) or else "
	     "init. Its ppid in the tree is that process now, which will reap it when it exits.") },
	{ N_("The helper made itself a subreaper with prctl(PR_SET_CHILD_SUBREAPER, 1) and did the "
	     "same again: this orphan was re-parented to the helper, the nearest subreaper, and not "
	     "to init. Service managers and container inits use this to keep every descendant.") },
	{ N_("The adopted orphan exited and the helper reaped it with waitpid, like a child of its "
	     "own: a subreaper inherits the duty to wait.") },
};

const Scenario scenario_zombie_orphan = {
	.id = "zombie-orphan",
	.title = N_("Zombies and orphans"),
	.explanation = N_(
		"A process that exits does not vanish at once: until its parent collects the exit "
		"status with wait, waitpid or waitid, it stays in the process table as a zombie "
		"(state Z), holding nothing but its pid, status and resource usage. Reaping is the "
		"parent's job; a parent that never does it leaks zombies, and SIGCHLD set to SIG_IGN "
		"(or SA_NOCLDWAIT) tells the kernel to reap them instead. The reverse case, a parent "
		"that exits before its children, leaves orphans: the kernel re-parents each one to "
		"the nearest ancestor marked as a subreaper with PR_SET_CHILD_SUBREAPER or, if there "
		"is none, to init (pid 1 of the pid namespace), and the new parent reaps it when it "
		"exits."),
	.steps = steps,
	.nsteps = (int)(sizeof steps / sizeof steps[0]),
	.max_procs = 4,
};
