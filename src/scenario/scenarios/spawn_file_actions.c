/*
 * spawn-file-actions: posix_spawn builds the child's FD table and working
 * directory from a list of actions. The helper's half is
 * demo/spawn_file_actions.c; the steps here match its boundaries.
 */
#include "base/i18n.h"
#include "scenario/catalog.h"

static const ScenarioStep steps[] = {
	{ N_("The parent opened /dev/urandom for itself and a hold pipe, all without O_CLOEXEC, "
	     "as a program that never thought about exec would. Look at its FD table: every one of "
	     "these would be inherited by a child that is not told otherwise.") },
	{ N_("Child A was spawned with adddup2(hold[0], 0), adddup2(ready[1], 1), addopen(2, "
	     "\"/dev/null\") and addclose for the four pipe FDs. Its FD table: 0 the hold pipe, 1 the "
	     "ready pipe, 2 /dev/null; the pipe FDs closed by name are gone (with hold[1] kept open "
	     "its stdin could never reach end of file). But the parent's /dev/urandom FD is there "
	     "too: nobody named it, so it leaked. addclose closes only what you list.") },
	{ N_("Child B was spawned with addchdir_np(\"/dev\") first, then the same dup2s, addopen(2, "
	     "\"null\"), addopen(3, \"zero\") and addclosefrom_np(4). The actions ran in order in the "
	     "child, between clone and exec: its cwd is /dev, so the relative names opened /dev/null "
	     "and /dev/zero, and everything from 4 up is closed. Its FD table is exactly 0 hold pipe, "
	     "1 ready pipe, 2 /dev/null, 3 /dev/zero: no /dev/urandom, whatever the parent holds.") },
	{ N_("A third spawn asked to addopen a file that does not exist. The action failed in the "
	     "child before the exec, the child exited with status 127 (timeline: vfork, exit, no "
	     "exec) and posix_spawn returned ENOENT: a failing file action fails the whole spawn. "
	     "Next, the parent closes the hold pipe and A and B exit and are reaped.") },
};

const Scenario scenario_spawn_file_actions = {
	.id = "spawn-file-actions",
	.title = N_("posix_spawn file actions: the child's FD table"),
	.explanation = N_(
		"Between fork and exec a program can rearrange its FDs with dup2, open, close "
		"and chdir. posix_spawn has no such gap, so the caller describes the "
		"rearrangement in advance: posix_spawn_file_actions_adddup2, addopen and "
		"addclose, and since glibc 2.34 addclosefrom_np (close every FD from n up) and "
		"addchdir_np (change directory). The actions run in the child in the order they "
		"were added, after the child is created and before the exec, so a relative path "
		"in addopen is resolved in the directory an earlier addchdir_np chose. FDs the "
		"actions do not name are inherited as usual, except those marked close-on-exec; "
		"addclosefrom_np is the way to make the child's FD table exactly the one you "
		"asked for. If an action fails, the program never runs and posix_spawn returns "
		"the action's error."),
	.steps = steps,
	.nsteps = sizeof steps / sizeof steps[0],
	.params = NULL,
	.nparams = 0,
	.max_procs = 4,
	.takes_command = false,
};
