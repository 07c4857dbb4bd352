/*
 * spawn-plain: posix_spawn with NULL file actions and NULL attributes. The
 * helper's half is demo/spawn_plain.c; the steps here match its boundaries.
 */
#include "base/i18n.h"
#include "scenario/catalog.h"

static const ScenarioStep steps[] = {
	{ N_("The parent prepared a state for the child to inherit. FD table: a plain FD on "
	     "/dev/null and an O_CLOEXEC FD on /dev/zero, plus two pipes (a ready pipe and a hold "
	     "pipe) of which only the child's ends are inheritable. Signals: SigBlk has SIGUSR1, "
	     "SigIgn has SIGINT, SigCgt has SIGUSR2. Nothing has been spawned yet.") },
	{ N_("posix_spawn returned 0 and wrote the child's pid through its first argument. The "
	     "timeline shows a vfork event: glibc creates the child with clone(CLONE_VM|CLONE_VFORK), "
	     "so the parent slept until the exec. Select the child: same pgid and sid as the parent; "
	     "FD table has 0-2, the /dev/null FD and its two pipe ends, but not /dev/zero "
	     "(O_CLOEXEC). Signals: SigBlk still SIGUSR1, SigIgn still SIGINT, SIGUSR2 back to default "
	     "(its handler's code was replaced by exec). Everything else was inherited, as after "
	     "fork+exec. SigIgn also lists SIG32 and SIG33: glibc's internal signals, which its "
	     "posix_spawn sets to ignored in the child before the exec.") },
	{ N_("posix_spawn of a program that does not exist returned ENOENT as its value, and pid "
	     "was not written. The timeline shows how: a child was created (vfork event), its execve "
	     "failed, it exited with status 127 and posix_spawn reaped it before returning: no exec "
	     "event, no zombie left in the tree. With fork+exec the parent would only have learned "
	     "this from the child's exit status. errno is not the channel (POSIX leaves it "
	     "unspecified); the report shows it holds ENOENT too, written by the child's failed "
	     "execve into the memory it shares with the parent.") },
};

const Scenario scenario_spawn_plain = {
	.id = "spawn-plain",
	.title = N_("posix_spawn with no file actions or attributes"),
	.explanation = N_(
		"posix_spawn(&pid, path, file_actions, attrp, argv, envp) creates a process and "
		"runs a program in it in one call. With NULL file actions and NULL attributes it "
		"behaves like fork followed by exec: the child gets the parent's FDs except those "
		"marked close-on-exec, its signal mask, its ignored signals (caught ones return to "
		"the default, as on any exec), its process group, session, working directory and, "
		"here, its environment. It does not report failure through errno: it returns 0 or "
		"an error number, and on success writes the new pid through its first argument. "
		"Because glibc starts the child with clone(CLONE_VM|CLONE_VFORK), the parent's "
		"memory is never copied and an exec failure in the child comes back as the return "
		"value: a missing program gives ENOENT directly. posix_spawnp searches PATH the "
		"way execvp does."),
	.steps = steps,
	.nsteps = sizeof steps / sizeof steps[0],
	.params = NULL,
	.nparams = 0,
	.max_procs = 3,
	.takes_command = false,
};
