/*
 * pid-namespace: clone with CLONE_NEWPID. The helper's half is
 * demo/pid_namespace.c; the steps here match its boundaries. Roles: the
 * helper's child is the namespace's init (pid 1 there); its children are
 * the maker (pid 2) and the sleeper (pid 3); the maker's child is the
 * orphan (pid 4), which keeps that place once init adopts it.
 */
#include "base/i18n.h"
#include "scenario/catalog.h"

static const StepClaim pid_one[] = {
	{ .kind = CLAIM_NSPID, .who = WHO_CHILD, .nth = 0, .num = 1 },
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD, .nth = 0 },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "clone" },
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .nth = 0, .key = "getpid" },
	{ 0 },
};
static const StepClaim two_three[] = {
	{ .kind = CLAIM_NSPID, .who = WHO_GRANDCHILD, .nth = 0, .num = 2 },
	{ .kind = CLAIM_NSPID, .who = WHO_GRANDCHILD, .nth = 1, .num = 3 },
	{ .kind = CLAIM_PPID_OF, .who = WHO_GRANDCHILD, .nth = 0, .other = WHO_CHILD, .other_nth = 0 },
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .nth = 0, .key = "fork" },
	{ 0 },
};
static const StepClaim adopted_inside[] = {
	{ .kind = CLAIM_GONE, .who = WHO_GRANDCHILD, .nth = 0 },
	{ .kind = CLAIM_PPID_OF, .who = WHO_GREATGRANDCHILD, .nth = 0,
	  .other = WHO_CHILD, .other_nth = 0 },
	{ .kind = CLAIM_NSPID, .who = WHO_GREATGRANDCHILD, .nth = 0, .num = 4 },
	{ .kind = CLAIM_EVENT, .who = WHO_GREATGRANDCHILD, .nth = 0, .key = "getppid" },
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .nth = 0, .key = "waitpid" },
	{ 0 },
};
static const StepClaim all_killed[] = {
	{ .kind = CLAIM_GONE, .who = WHO_CHILD, .nth = 0 },
	{ .kind = CLAIM_GONE, .who = WHO_GRANDCHILD, .nth = 1 },
	{ .kind = CLAIM_GONE, .who = WHO_GREATGRANDCHILD, .nth = 0 },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "waitpid" },
	{ 0 },
};

static const ScenarioStep steps[] = {
	{ N_("The parent called clone(CLONE_NEWPID) (with CLONE_NEWUSER too if it is not root; "
	     "if neither is permitted, the timeline's note says why and the demo goes on without "
	     "a namespace): the child is the first process of a new pid namespace. clone returned its pid as the parent sees it (the tree's PID), but inside "
	     "the namespace the child's getpid() returned 1: it is that namespace's init. Its row "
	     "says both, nspid N/1 (status: NSpid: N 1, ours first). Its getppid() is 0: its "
	     "parent is outside, and has no pid in there."),
	  .focus = { WHO_CHILD, 0, N_("the namespace's init") }, .claims = pid_one },
	{ N_("The namespace's init forked twice: fork() returned 2 and 3, the children's pids in "
	     "the namespace; their rows say nspid N/2 and N/3, and their PPID in the tree is init's "
	     "outer pid (inside, getppid() = 1). Every process has one pid in its own namespace and "
	     "one in each namespace above it; a process sees and signals only the pids of its own "
	     "namespace and those below it."),
	  .focus = { WHO_GRANDCHILD, 0, N_("pid 2") }, .claims = two_three },
	{ N_("pid 2 forked pid 4 and exited, and init reaped it (waitpid(2)). pid 4 is an orphan: "
	     "the kernel re-parented it to the init of its own namespace, pid 1 there ('reparented "
	     "to' init's outer pid; its PPID in the tree), not to the system's init nor to a "
	     "subreaper outside; inside, its getppid() is 1. A container's init must therefore "
	     "reap every orphan of its container."),
	  .focus = { WHO_GREATGRANDCHILD, 0, N_("pid 4") }, .claims = adopted_inside },
	{ N_("The namespace's init exited. The kernel then killed every other process of its "
	     "namespace, pids 3 and 4, with SIGKILL (their exit events say 'killed by SIGKILL': "
	     "neither asked for it, and SIGKILL cannot be caught), init reaped them as it exited, "
	     "and the parent reaped init: a namespace lives only as long as its pid 1, which is "
	     "why a container stops when its first process does."),
	  .focus = { WHO_HELPER, 0, N_("the parent") }, .claims = all_killed },
};

const Scenario scenario_pid_namespace = {
	.id = "pid-namespace",
	.title = N_("A pid namespace: pid 1 inside, another pid outside"),
	.explanation = N_(
		"clone (or unshare) with CLONE_NEWPID starts a new pid namespace: its first process "
		"is pid 1 there, and its descendants are numbered from 2, while the parent's namespace "
		"knows them by pids of its own (status: NSpid lists one pid per level, the outer "
		"first). That first process is the namespace's init: orphans inside are re-parented "
		"to it, it must reap them, and when it exits the kernel kills every process left in "
		"the namespace. Containers are built on this. Making one needs CAP_SYS_ADMIN, or, "
		"for an ordinary user where the system allows it, a new user namespace as well "
		"(CLONE_NEWUSER); where neither is permitted this demo says why and runs without one. "
		"/proc shows the namespace of whoever mounted it: a container mounts its own, or ps "
		"inside would list the host's processes."),
	.steps = steps,
	.nsteps = (int)(sizeof steps / sizeof steps[0]),
	.max_procs = 5,
};
