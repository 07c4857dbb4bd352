/* The signal-death scenario's row: deaths by signal, as a wait status and as a shell's $?. */
#include "base/i18n.h"
#include "scenario/catalog.h"

/*
 * Roles: the helper's children 0 to 3 die of SIGTERM, SIGKILL, SIGSEGV and
 * SIGABRT, one at a time; child 4 is the outer shell, and its child the
 * inner shell that kills itself. What each wait status says, the test
 * reads from the tracer's exit events (tests/scenario/test_scenarios_signals).
 */
static const StepClaim termed[] = {
	{ .kind = CLAIM_GONE, .who = WHO_CHILD, .nth = 0 },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "kill" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "WIFSIGNALED" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "WTERMSIG" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "WCOREDUMP" },
	{ 0 },
};
static const StepClaim killed[] = {
	{ .kind = CLAIM_GONE, .who = WHO_CHILD, .nth = 1 },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "kill" },
	{ 0 },
};
static const StepClaim dumped[] = {
	{ .kind = CLAIM_GONE, .who = WHO_CHILD, .nth = 2 },
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .nth = 2, .key = "setrlimit" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "read" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "WCOREDUMP" },
	{ 0 },
};
static const StepClaim aborted[] = {
	{ .kind = CLAIM_GONE, .who = WHO_CHILD, .nth = 3 },
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .nth = 3, .key = "setrlimit" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "WTERMSIG" },
	{ 0 },
};
static const StepClaim shell[] = {
	{ .kind = CLAIM_GONE, .who = WHO_CHILD, .nth = 4 },
	{ .kind = CLAIM_GONE, .who = WHO_GRANDCHILD_OF, .nth = 4, .sub = 0 },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "WEXITSTATUS" },
	{ 0 },
};

static const ScenarioStep steps[] = {
	{ N_("The parent sent SIGTERM to a child that has no handler for it. The child's 'signal "
	     "SIGTERM' event is the delivery (as its tracer, forkscope sees it first and passes "
	     "it on); SIGTERM's default action ends the process, and its exit event says 'killed "
	     "by SIGTERM'. The parent decoded waitpid's status with the macros: "
	     "WIFSIGNALED(status) = 1, WTERMSIG(status) = 15, WCOREDUMP(status) = 0. A death by "
	     "signal is not an exit code, and the macros tell which it was. SIGTERM can be "
	     "caught or ignored, which makes it the polite way to ask a process to end."),
	  .focus = { WHO_HELPER, 0, N_("the parent") }, .claims = termed },
	{ N_("SIGKILL to the second child: no 'signal' event this time, since SIGKILL is never "
	     "caught, blocked, ignored or stopped for, not even for a tracer. The exit event says "
	     "'killed by SIGKILL', and WTERMSIG(status) = 9. It is the last resort: the process "
	     "gets no chance to clean up its files, children or locks."),
	  .focus = { WHO_HELPER, 0, N_("the parent") }, .claims = killed },
	{ N_("The parent read /proc/sys/kernel/core_pattern ('read(core_pattern)' says what it "
	     "holds and what the kernel does with it). The third child made a small tmpfs that "
	     "only it sees, in a mount namespace of its own, so that its core is never left on a "
	     "disk; raised RLIMIT_CORE to 16 MiB; and wrote through a NULL pointer. 'signal "
	     "SIGSEGV' is the fault; SIGSEGV's default action dumps core, and its exit event "
	     "notes the core dump: WTERMSIG(status) = 11, WCOREDUMP(status) = 1, the kernel's "
	     "word that a core was written. With a file pattern, 'fstatat(dir, ...)' gives the "
	     "core's size in the child's directory, which the parent holds open as dir, its FD 3 "
	     "(from outside the child's namespace, its path is '/'). A pattern that pipes to a "
	     "program (systemd-coredump, apport) hands the core to that program instead; where no "
	     "private tmpfs is allowed (not root, no user namespaces), the child sets "
	     "RLIMIT_CORE to 0 and WCOREDUMP is 0. A note says which."),
	  .focus = { WHO_HELPER, 0, N_("the parent") }, .claims = dumped },
	{ N_("The demo's core, if the kernel wrote one, was removed ('unlinkat'), and the tmpfs went with "
	     "the parent's FD on it, its last reference ('close(dir)'). The fourth child set "
	     "RLIMIT_CORE to 0 and called abort(), which raises SIGABRT ('signal SIGABRT'): "
	     "WTERMSIG(status) = 6. SIGABRT dumps core by default as SIGSEGV does, but a limit of "
	     "0 allows no core file, so WCOREDUMP(status) = 0 (a pattern that pipes to a program "
	     "is not bound by the limit: the program is told it and decides)."),
	  .focus = { WHO_HELPER, 0, N_("the parent") }, .claims = aborted },
	{ N_("A shell, sh -c, ran an inner shell that killed itself with SIGTERM: the inner one's "
	     "exit event says 'killed by SIGTERM'. A shell cannot keep a signal in $?, so it "
	     "reports 128 plus the signal's number: it wrote 'sh: $? = 143' (128 + 15; the "
	     "'Terminated' before it is the shell's word for the signal; the parent read both "
	     "from a pipe), and its exit event says 'exit 143'. For the parent, "
	     "WIFSIGNALED(status) = 0 and WEXITSTATUS(status) = 143: seen from outside, a shell "
	     "reporting a death by signal and a program calling exit(143) look the same; only "
	     "the dead process's own parent sees WIFSIGNALED."),
	  .focus = { WHO_HELPER, 0, N_("the parent") }, .claims = shell },
};

const Scenario scenario_signal_death = {
	.id = "signal-death",
	.title = N_("Deaths by signal: WIFSIGNALED, WTERMSIG, WCOREDUMP"),
	.explanation = N_(
		"A process ends either by exit, with a status from 0 to 255, or by a signal whose "
		"action is to terminate it, and its parent's wait status says which: WIFEXITED and "
		"WEXITSTATUS for the first, WIFSIGNALED and WTERMSIG for the second, with WCOREDUMP "
		"set when the kernel also wrote a core dump. SIGQUIT, SIGILL, SIGABRT, SIGFPE, "
		"SIGSEGV, SIGBUS and a few others dump core by default, if RLIMIT_CORE allows; where "
		"the core goes is /proc/sys/kernel/core_pattern's decision: a file name, relative to "
		"the dying process's working directory or absolute, or a pipe to a program such as "
		"systemd-coredump. SIGKILL and SIGSTOP cannot be caught, blocked or ignored. A shell "
		"cannot keep a signal in $?, so it reports 128 plus the signal's number: 130 after "
		"Ctrl-C (SIGINT), 137 after SIGKILL, 143 after SIGTERM."),
	.steps = steps,
	.nsteps = (int)(sizeof steps / sizeof steps[0]),
	.max_procs = 3,
};
