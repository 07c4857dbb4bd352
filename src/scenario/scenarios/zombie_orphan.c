/* The zombie-orphan scenario's row: exits before a wait, parents before children. */
#include "base/i18n.h"
#include "scenario/catalog.h"

/*
 * Roles: the helper's child 0 is the zombie; child 1 and child 2 each fork
 * an orphan-to-be (WHO_GRANDCHILD_OF 1 and 2) and exit. An orphan keeps its
 * place as its creator's child however often it is re-parented.
 */
static const StepClaim zombie[] = {
	{ .kind = CLAIM_STATE, .who = WHO_CHILD, .nth = 0, .text = "Z" },
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD, .nth = 0 },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "waitid" },
	{ 0 },
};
static const StepClaim reaped[] = {
	{ .kind = CLAIM_GONE, .who = WHO_CHILD, .nth = 0 },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "waitpid" },
	{ 0 },
};
/* Its new parent is not the helper (no subreaper yet) and lies outside the
 * demo; which one it is, the kernel's reparent event says. */
static const StepClaim orphaned[] = {
	{ .kind = CLAIM_STATE, .who = WHO_GRANDCHILD_OF, .nth = 1, .text = "S" },
	{ .kind = CLAIM_GONE, .who = WHO_CHILD, .nth = 1 },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "waitpid" },
	{ 0 },
};
static const StepClaim adopted[] = {
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_GRANDCHILD_OF, .nth = 2 },
	{ .kind = CLAIM_STATE, .who = WHO_GRANDCHILD_OF, .nth = 2, .text = "S" },
	{ .kind = CLAIM_GONE, .who = WHO_CHILD, .nth = 2 },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "prctl" },
	{ 0 },
};
static const StepClaim adopted_reaped[] = {
	{ .kind = CLAIM_GONE, .who = WHO_GRANDCHILD_OF, .nth = 2 },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "waitpid" },
	{ 0 },
};

static const ScenarioStep steps[] = {
	{ N_("The child called _exit(5) and the parent has not reaped it (it used waitid with "
	     "WNOWAIT, which only looks). The child is a zombie, state Z: its memory and FDs are "
	     "already freed (its panes say so), but its pid, exit status and resource usage stay in "
	     "the process table until the parent waits."),
	  .focus = { WHO_CHILD, 0, N_("the child") }, .claims = zombie },
	{ N_("The parent's waitpid returned the child's pid with status exit 5 and the zombie is "
	     "gone (a ghost in the tree): reaping is what frees a process's last trace. A parent "
	     "that never waits fills the process table with zombies."),
	  .focus = { WHO_HELPER, 0, N_("the parent") }, .claims = reaped },
	{ N_("A second child forked a grandchild and exited without waiting for it; the parent "
	     "reaped that child. The grandchild is now an orphan: the kernel gave it a new parent, "
	     "the nearest ancestor that is a subreaper (PR_SET_CHILD_SUBREAPER) or else init, and "
	     "the event 'reparented to N' names it: the orphan's PPID in the tree is N, outside the "
	     "demo. That adopter must reap it once it exits, and may do so late or never: a pid 1 "
	     "that does not wait (some containers have one) leaves the orphan a zombie. (Its FD 4 "
	     "is a socket to the parent, which lets it go by shutting its end.)"),
	  .focus = { WHO_GRANDCHILD_OF, 1, N_("the orphan") }, .claims = orphaned },
	{ N_("The first orphan was let go and has exited: its row says whether its adopter has "
	     "reaped it yet. The parent then made itself a subreaper with "
	     "prctl(PR_SET_CHILD_SUBREAPER, 1) and did the same again: this second orphan was "
	     "re-parented to the parent, the nearest subreaper, not to init; its PPID is the "
	     "parent's pid. Service managers and container inits use this to keep every "
	     "descendant."),
	  .focus = { WHO_GRANDCHILD_OF, 2, N_("the second orphan") }, .claims = adopted },
	{ N_("The second orphan exited and the parent reaped it with waitpid(-1), like a child of "
	     "its own: a subreaper inherits the duty to wait."),
	  .focus = { WHO_HELPER, 0, N_("the parent") }, .claims = adopted_reaped },
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
		"is none, to init (pid 1 of the pid namespace), and reaping it when it exits falls to "
		"the new parent."),
	.steps = steps,
	.nsteps = (int)(sizeof steps / sizeof steps[0]),
	.max_procs = 4,
};
