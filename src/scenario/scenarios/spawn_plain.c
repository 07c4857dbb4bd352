/*
 * spawn-plain: posix_spawn with NULL file actions and NULL attributes. The
 * helper's half is demo/spawn_plain.c; the steps here match its boundaries.
 */
#include "base/i18n.h"
#include "scenario/catalog.h"

/* The helper has 0-2 and forkscope's 100 and 101 open: its first open()s
 * get 3 (/dev/null) and 4 (/dev/zero), and the child keeps the numbers. */
static const StepClaim prepared[] = {
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 3, .text = "/dev/null" },
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 4, .text = "/dev/zero" },
	{ .kind = CLAIM_FD_CLOEXEC, .who = WHO_HELPER, .num = 4 },
	{ .kind = CLAIM_SIG, .who = WHO_HELPER, .key = "SigBlk", .text = "SIGUSR1" },
	{ .kind = CLAIM_SIG, .who = WHO_HELPER, .key = "SigIgn", .text = "SIGINT" },
	{ .kind = CLAIM_SIG, .who = WHO_HELPER, .key = "SigCgt", .text = "SIGUSR2" },
	{ 0 },
};
static const StepClaim spawned[] = {
	{ .kind = CLAIM_FD, .who = WHO_CHILD, .nth = 0, .num = 3, .text = "/dev/null" },
	{ .kind = CLAIM_NO_FD, .who = WHO_CHILD, .nth = 0, .num = 4 },
	{ .kind = CLAIM_SIG, .who = WHO_CHILD, .nth = 0, .key = "SigBlk", .text = "SIGUSR1" },
	{ .kind = CLAIM_SIG, .who = WHO_CHILD, .nth = 0, .key = "SigIgn", .text = "SIGINT" },
	{ .kind = CLAIM_NO_SIG, .who = WHO_CHILD, .nth = 0, .key = "SigCgt", .text = "SIGUSR2" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "posix_spawn" },
	{ 0 },
};
static const StepClaim missing[] = {
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "posix_spawn", .text = "ENOENT" },
	{ .kind = CLAIM_GONE, .who = WHO_CHILD, .nth = 1 },
	{ .kind = CLAIM_GONE, .who = WHO_CHILD, .nth = 0 },
	{ 0 },
};

static const ScenarioStep steps[] = {
	{ N_("The parent prepared a state for the child to inherit. The parent's FD table: FD 3, "
	     "plain, on /dev/null and FD 4, O_CLOEXEC, on /dev/zero, plus two pipes (a ready pipe "
	     "and a hold pipe) of which only the child's ends are inheritable. The parent's "
	     "signals: SigBlk has SIGUSR1, SigIgn has SIGINT, SigCgt has SIGUSR2. Nothing has been "
	     "spawned yet."),
	  .focus = { WHO_HELPER, 0, N_("the parent"), FOCUS_FD(4), FOCUS_SIG_BLOCKED },
	  .claims = prepared },
	{ N_("posix_spawn returned 0 and wrote the child's pid through its first argument. The "
	     "timeline shows a vfork event: glibc creates the child with clone(CLONE_VM|CLONE_VFORK), "
	     "so the parent slept until the exec. The child: same pgid and sid as the parent; its FD "
	     "table has 0-2, FD 3 on /dev/null and its two pipe ends, but no FD 4, /dev/zero "
	     "(O_CLOEXEC). Its signals: SigBlk still SIGUSR1, SigIgn still SIGINT, SIGUSR2 back to "
	     "its default (exec replaced the handler's code). SigIgn also lists SIG32 and SIG33: "
	     "glibc's internal signals, which its posix_spawn ignores in the child before the exec."),
	  .focus = { WHO_CHILD, 0, N_("the child"), FOCUS_FD(3), FOCUS_SIG_IGNORED },
	  .claims = spawned },
	{ N_("posix_spawn of a program that does not exist returned ENOENT as its value, and pid "
	     "was not written. The timeline shows how: a child was created (vfork event), its execve "
	     "failed, it exited with status 127 and posix_spawn reaped it before returning: no exec "
	     "event, no zombie left in the tree. With fork+exec the parent would only have learned "
	     "this from the child's exit status. errno is not the channel (POSIX leaves it "
	     "unspecified); the report shows it holds ENOENT too, written by the child's failed "
	     "execve into the memory it shares with the parent."),
	  .focus = { WHO_HELPER, 0, N_("the parent") }, .claims = missing },
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
		"way execvp does, but since glibc 2.26 it has no ENOEXEC fallback: a file the kernel "
		"cannot execute (a script without a #! line) is an error, not run by /bin/sh."),
	.steps = steps,
	.nsteps = sizeof steps / sizeof steps[0],
	.params = NULL,
	.nparams = 0,
	.max_procs = 3,
	.takes_command = false,
};
