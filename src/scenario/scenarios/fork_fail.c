/*
 * The fork-fail scenario's row: fork returns -1 with EAGAIN at a process
 * limit. The helper's half is demo/fork_fail.c; the steps here match its
 * boundaries. Roles: the helper's child 0 is the limited process, its
 * children the grandchildren. Which limit holds it (a pids cgroup or
 * RLIMIT_NPROC) depends on the machine, so the claims hold for both; the
 * kernel-truth test checks each limit's own evidence.
 */
#include "base/i18n.h"
#include "scenario/catalog.h"
#include "scenario/params.h"

static const StepClaim limited[] = {
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD, .nth = 0 },
	{ .kind = CLAIM_STATE, .who = WHO_CHILD, .nth = 0, .text = "S" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "fork" },
	{ 0 },
};
static const StepClaim refused[] = {
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .nth = 0, .key = "fork", .text = "EAGAIN" },
	{ .kind = CLAIM_STATE, .who = WHO_GRANDCHILD, .nth = 0, .text = "S" },
	{ .kind = CLAIM_PPID_OF, .who = WHO_GRANDCHILD, .nth = 0, .other = WHO_CHILD, .other_nth = 0 },
	{ 0 },
};
static const StepClaim cleaned[] = {
	{ .kind = CLAIM_GONE, .who = WHO_CHILD, .nth = 0 },
	{ .kind = CLAIM_GONE, .who = WHO_GRANDCHILD, .nth = 0 },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "waitpid" },
	{ 0 },
};

static const ScenarioStep steps[] = {
	{ N_("The parent forked the limited process: it and its children may be at most `limit` "
	     "processes (4 by default). The note in the events says which limit holds it, and why. "
	     "Where the helper can make one, a pids cgroup of its own: the mkdir and the write of "
	     "pids.max, then the child's write of its pid to cgroup.procs. A cgroup limits root too, "
	     "and only what is put in it; the clone(CLONE_UNTRACED) before it started a janitor the "
	     "tracer does not follow, which removes the cgroup if forkscope is killed first. Else "
	     "RLIMIT_NPROC, after the child dropped to an unprivileged uid no process has (setresuid, "
	     "and its UID/EUID column): the kernel does not apply RLIMIT_NPROC to root."),
	  .focus = { WHO_CHILD, 0, N_("the limited process") }, .claims = limited },
	{ N_("The limited process forked until fork returned -1 with errno EAGAIN (its last fork "
	     "report): it and its children fill the limit, and the kernel refused one process more. "
	     "The report gives the count the kernel held at that moment: pids.current against "
	     "pids.max, or the uid's processes against RLIMIT_NPROC. No child was made, so there is "
	     "no second return. A program must check for -1: one that takes it for a pid and calls "
	     "kill(-1, sig) signals every process it is allowed to. fork fails the same way at the "
	     "system's limits (kernel.threads-max, kernel.pid_max), and with ENOMEM when memory runs "
	     "out."),
	  .focus = { WHO_CHILD, 0, N_("the limited process") }, .claims = refused },
	{ N_("The limited process closed the pipe its children waited on: they exited and it reaped "
	     "them, then it exited and the parent reaped it. With a cgroup the parent then removed "
	     "the directory (the rmdir in the events) and let the janitor go; with RLIMIT_NPROC "
	     "there was nothing to remove, the limit went with the process. Nothing is left behind."),
	  .focus = { WHO_HELPER, 0, N_("the parent") }, .claims = cleaned },
};

static const ScenarioParam params[] = { PARAMS_FORK_FAIL };

const Scenario scenario_fork_fail = {
	.id = "fork-fail",
	.title = N_("fork fails: -1 and EAGAIN at a process limit"),
	.explanation = N_(
		"fork can fail. It then returns -1 in the caller, and there is no child and no "
		"second return; errno says why. EAGAIN means a limit on processes was reached: the "
		"caller's RLIMIT_NPROC (processes of its real user; root and CAP_SYS_RESOURCE are "
		"exempt), the pids.max of its cgroup (which holds everyone, root included), or the "
		"system's threads-max and pid_max. ENOMEM means the kernel could not allocate what a "
		"new process needs. A service limited by systemd's TasksMax meets the cgroup limit; "
		"a fork bomb meets all of them. The demo limits one process of its own and its "
		"children, never the machine, and shows the count at the moment of the failure."),
	.steps = steps,
	.nsteps = (int)(sizeof steps / sizeof steps[0]),
	.params = params,
	.nparams = (int)(sizeof params / sizeof params[0]),
	.max_procs = 18,
};
