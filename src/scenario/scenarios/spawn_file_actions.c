/*
 * spawn-file-actions: posix_spawn builds the child's FD table and working
 * directory from a list of actions. The helper's half is
 * demo/spawn_file_actions.c; the steps here match its boundaries.
 */
#include "base/i18n.h"
#include "scenario/catalog.h"

/*
 * The helper's FDs: 0-2 from the runner, then /dev/urandom at 3 and the
 * hold pipe at 4 and 5; each ready pipe takes 6 and 7 in turn.
 */
static const StepClaim parent_fds[] = {
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 3, .text = "/dev/urandom" },
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 4, .text = "pipe:" },
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 5, .text = "pipe:" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "open" },
	{ 0 },
};
static const StepClaim child_a_fds[] = {
	{ .kind = CLAIM_FD, .who = WHO_CHILD, .nth = 0, .num = 0, .text = "pipe:" },
	{ .kind = CLAIM_FD, .who = WHO_CHILD, .nth = 0, .num = 1, .text = "pipe:" },
	{ .kind = CLAIM_FD, .who = WHO_CHILD, .nth = 0, .num = 2, .text = "/dev/null" },
	{ .kind = CLAIM_FD, .who = WHO_CHILD, .nth = 0, .num = 3, .text = "/dev/urandom" },
	{ .kind = CLAIM_NO_FD, .who = WHO_CHILD, .nth = 0, .num = 4 },
	{ .kind = CLAIM_NO_FD, .who = WHO_CHILD, .nth = 0, .num = 5 },
	{ 0 },
};
static const StepClaim child_b_fds[] = {
	{ .kind = CLAIM_CWD, .who = WHO_CHILD, .nth = 1, .text = "/dev" },
	{ .kind = CLAIM_FD, .who = WHO_CHILD, .nth = 1, .num = 0, .text = "pipe:" },
	{ .kind = CLAIM_FD, .who = WHO_CHILD, .nth = 1, .num = 2, .text = "/dev/null" },
	{ .kind = CLAIM_FD, .who = WHO_CHILD, .nth = 1, .num = 3, .text = "/dev/zero" },
	{ .kind = CLAIM_NO_FD, .who = WHO_CHILD, .nth = 1, .num = 4 },
	{ .kind = CLAIM_NO_FD, .who = WHO_CHILD, .nth = 1, .num = 5 },
	{ 0 },
};
static const StepClaim spawn_failed[] = {
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "posix_spawn", .text = "ENOENT" },
	{ .kind = CLAIM_GONE, .who = WHO_CHILD, .nth = 2 },
	{ .kind = CLAIM_STATE, .who = WHO_CHILD, .nth = 0, .text = "S" },
	{ .kind = CLAIM_STATE, .who = WHO_CHILD, .nth = 1, .text = "S" },
	{ 0 },
};

static const ScenarioStep steps[] = {
	{ N_("The parent opened /dev/urandom for itself (fd 3) and a hold pipe (fds 4 and 5), all "
	     "without O_CLOEXEC, as a program that never thought about exec would: its FD table says "
	     "keep under ON EXEC for each. Every one of these would be inherited by a child "
	     "that is not told otherwise."),
	  .focus = { WHO_HELPER, 0, NULL, FOCUS_FD(3) }, .claims = parent_fds },
	{ N_("Child A was spawned with adddup2(hold[0], 0), adddup2(ready[1], 1), addopen(2, "
	     "\"/dev/null\") and addclose for the four pipe FDs. Child A's FD table: 0 the hold pipe, "
	     "1 the ready pipe, 2 /dev/null; the pipe FDs closed by name (4 to 7) are gone (with "
	     "hold[1] kept open its stdin could never reach end of file). But fd 3, the parent's "
	     "/dev/urandom, is there too: nobody named it, so it leaked. addclose closes only what "
	     "you list."),
	  .focus = { WHO_CHILD, 0, N_("child A"), FOCUS_FD(3) }, .claims = child_a_fds },
	{ N_("Child B was spawned with addchdir_np(\"/dev\") first, then the same dup2s, addopen(2, "
	     "\"null\"), addopen(3, \"zero\") and addclosefrom_np(4). The actions ran in order in the "
	     "child, between clone and exec: child B's cwd is /dev, so the relative names opened "
	     "/dev/null and /dev/zero; addopen(3) took the place of the /dev/urandom it would have "
	     "inherited at 3, and addclosefrom_np(4) closed the hold pipe's 4 and 5 and everything "
	     "above. Its FD table is exactly 0 hold pipe, 1 ready pipe, 2 /dev/null, 3 /dev/zero."),
	  .focus = { WHO_CHILD, 1, N_("child B"), FOCUS_FD(3) }, .claims = child_b_fds },
	{ N_("A third spawn asked to addopen a file that does not exist. The action failed in the "
	     "child before the exec, the child exited with status 127 (timeline: vfork, exit, no "
	     "exec) and was reaped inside posix_spawn, which returned ENOENT to the parent: a failing "
	     "file action fails the whole spawn. Children A and B still wait on the hold pipe; next, "
	     "the parent closes it and they exit and are reaped."),
	  .focus = { WHO_HELPER }, .claims = spawn_failed },
};

const Scenario scenario_spawn_file_actions = {
	.id = "spawn-file-actions",
	.title = N_("posix_spawn file actions: the child's FD table"),
	.explanation = N_(
		"Between fork and exec a program can rearrange its FDs with dup2, open, close "
		"and chdir. posix_spawn has no such gap, so the caller describes the "
		"rearrangement in advance: posix_spawn_file_actions_adddup2, addopen and "
		"addclose, and in glibc addchdir_np and addfchdir_np (change directory, since "
		"2.29) and addclosefrom_np (close every FD from n up, since 2.34). The actions "
		"run in the child in the order they were added, after the child is created and "
		"before the exec, so a relative path in addopen is resolved in the directory an "
		"earlier addchdir_np chose. FDs the actions do not name are inherited as usual, "
		"except those marked close-on-exec; addclosefrom_np is the way to make the "
		"child's FD table exactly the one you asked for. If an action fails, the program "
		"never runs and posix_spawn returns the action's error."),
	.steps = steps,
	.nsteps = sizeof steps / sizeof steps[0],
	.params = NULL,
	.nparams = 0,
	.max_procs = 4,
	.takes_command = false,
};
