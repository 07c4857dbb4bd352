/*
 * spawn-attrs: what posix_spawn attributes set in the child. The helper's
 * half is demo/spawn_attrs.c; the steps here match its boundaries.
 */
#include "base/i18n.h"
#include "scenario/catalog.h"

/*
 * Children by order of creation: 1 (WHO_CHILD 0) to 5 are cat; as root the
 * sixth is the sub-parent of step 6, whose first child has RESETIDS. Steps 5
 * and 6 claim what root shows (the test runs as root).
 */
static const StepClaim parent_signals[] = {
	{ .kind = CLAIM_SIG, .who = WHO_HELPER, .key = "SigIgn", .text = "SIGINT" },
	{ .kind = CLAIM_SIG, .who = WHO_HELPER, .key = "SigIgn", .text = "SIGQUIT" },
	{ .kind = CLAIM_SIG, .who = WHO_HELPER, .key = "SigBlk", .text = "SIGUSR2" },
	{ .kind = CLAIM_FD_CLOEXEC, .who = WHO_HELPER, .num = 3 },
	{ 0 },
};
static const StepClaim child1_signals[] = {
	{ .kind = CLAIM_SIG, .who = WHO_CHILD, .nth = 0, .key = "SigBlk", .text = "SIGUSR1" },
	{ .kind = CLAIM_NO_SIG, .who = WHO_CHILD, .nth = 0, .key = "SigBlk", .text = "SIGUSR2" },
	{ .kind = CLAIM_NO_SIG, .who = WHO_CHILD, .nth = 0, .key = "SigIgn", .text = "SIGINT" },
	{ .kind = CLAIM_SIG, .who = WHO_CHILD, .nth = 0, .key = "SigIgn", .text = "SIGQUIT" },
	{ .kind = CLAIM_EXE, .who = WHO_CHILD, .nth = 0, .text = "cat" },
	{ 0 },
};
/* Child 3's pgid is child 2's pid: no claim kind says that yet. */
static const StepClaim job[] = {
	{ .kind = CLAIM_PGID_SELF, .who = WHO_CHILD, .nth = 1 },
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD, .nth = 1 },
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD, .nth = 2 },
	{ .kind = CLAIM_PGID_OF, .who = WHO_CHILD, .nth = 2, .other = WHO_CHILD, .other_nth = 1 },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "posix_spawnp" },
	{ 0 },
};
static const StepClaim session[] = {
	{ .kind = CLAIM_SID_SELF, .who = WHO_CHILD, .nth = 3 },
	{ .kind = CLAIM_PGID_SELF, .who = WHO_CHILD, .nth = 3 },
	{ 0 },
};
static const StepClaim scheduling[] = {
	{ .kind = CLAIM_SCHED, .who = WHO_CHILD, .nth = 4, .text = "10", .num = 1 /* SCHED_FIFO */ },
	{ .kind = CLAIM_SCHED, .who = WHO_HELPER, .text = "0", .num = 0 /* SCHED_OTHER */ },
	{ 0 },
};
static const StepClaim resetids[] = {
	{ .kind = CLAIM_EUID, .who = WHO_GRANDCHILD_OF, .nth = 5, .num = 65534 },
	{ .kind = CLAIM_EUID, .who = WHO_GRANDCHILD_OF, .nth = 5, .sub = 1, .num = 0 },
	{ .kind = CLAIM_EUID, .who = WHO_CHILD, .nth = 5, .num = 0 },
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD, .nth = 5 },
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .nth = 5, .key = "setresuid" },
	{ 0 },
};

static const ScenarioStep steps[] = {
	{ N_("The parent set itself up like a shell's background job: its SigIgn has SIGINT and "
	     "SIGQUIT, its SigBlk has SIGUSR2. Every child below is cat reading the parent's hold "
	     "pipe (fds 3 and 4, close-on-exec: only the dup2 to a child's stdin reaches it) as its "
	     "stdin, so it stays until the parent closes the pipe at the end. Without attributes a "
	     "child would inherit all of this."),
	  .focus = { WHO_HELPER, 0, NULL, 0, FOCUS_SIG_IGNORED }, .claims = parent_signals },
	{ N_("Child 1 was spawned with SETSIGMASK {SIGUSR1} and SETSIGDEF {SIGINT}. Child 1's "
	     "signals: SigBlk is SIGUSR1, not the parent's SIGUSR2 (the mask was replaced, not added "
	     "to); SigIgn has SIGQUIT but not SIGINT, which SETSIGDEF returned to the default action. "
	     "(SIG32 and SIG33 in SigIgn are glibc's internal signals, ignored by its posix_spawn in "
	     "every child.)"),
	  .focus = { WHO_CHILD, 0, N_("child 1"), 0, FOCUS_SIG_BLOCKED }, .claims = child1_signals },
	{ N_("Children 2 and 3: SETPGROUP with pgroup 0 puts child 2 in a new process group whose "
	     "id is its own pid; SETPGROUP with child 2's pid puts child 3 in that same group. This "
	     "is how a shell makes one job of a pipeline. In the tree, the PGID of both is child 2's "
	     "pid, not the parent's; their SID is the parent's."),
	  .focus = { WHO_CHILD, 1, N_("child 2") }, .claims = job },
	{ N_("Child 4: SETSID made it the leader of a new session: in the tree its SID and PGID are "
	     "its own pid, and a new session has no controlling terminal. SETSID cannot be combined "
	     "with SETPGROUP (a session leader may not change its group: posix_spawn would return "
	     "EPERM)."),
	  .focus = { WHO_CHILD, 3, N_("child 4") }, .claims = session },
	{ N_("Child 5: SETSCHEDULER and SETSCHEDPARAM. As root child 5 runs SCHED_FIFO with real-time "
	     "priority 10 (its scheduling policy and rt priority in the detail panes) while the "
	     "parent stays SCHED_OTHER. A real-time policy needs CAP_SYS_NICE (or an RLIMIT_RTPRIO "
	     "that allows the priority): without it the note says so and no child is spawned in "
	     "this step."),
	  .focus = { WHO_CHILD, 4, N_("child 5") }, .claims = scheduling },
	{ N_("RESETIDS. As root, a sub-parent forked by the demo has real uid and gid 65534 "
	     "(nobody) and effective uid and gid 0, like a set-uid-root program run by nobody. Its "
	     "first child, the RESETIDS child, has effective uid and gid 65534, the real ones: "
	     "UID/EUID 65534/65534 in the tree. Its second, spawned without attributes, shows "
	     "65534/0: it inherited the privilege. Without root no process can have real and "
	     "effective ids apart, so the note says what this step would show."),
	  .focus = { WHO_GRANDCHILD_OF, 5, N_("the RESETIDS child") }, .claims = resetids },
};

const Scenario scenario_spawn_attrs = {
	.id = "spawn-attrs",
	.title = N_("posix_spawn attributes: mask, signals, groups, session, scheduling, ids"),
	.explanation = N_(
		"What a program would do between fork and exec to change its own process "
		"(sigprocmask, signal, setpgid, setsid, sched_setscheduler, seteuid) posix_spawn "
		"does from a posix_spawnattr_t, each enabled by a flag: POSIX_SPAWN_SETSIGMASK "
		"gives the child a signal mask of its own; SETSIGDEF returns the listed signals to "
		"their default action, which matters for ignored ones because exec keeps SIG_IGN; "
		"SETPGROUP puts the child in a process group (0: a new one led by the child); "
		"SETSID makes it a session leader; SETSCHEDULER and SETSCHEDPARAM set its "
		"scheduling policy and priority (real-time ones need privilege); RESETIDS sets "
		"its effective uid and gid back to the real ones, so a privileged parent can "
		"start a program with the user's rights. Each is applied in the child before the "
		"exec, so it holds from the program's first instruction (RESETIDS is overridden "
		"if the program file itself is set-uid)."),
	.steps = steps,
	.nsteps = sizeof steps / sizeof steps[0],
	.params = NULL,
	.nparams = 0,
	.max_procs = 10,
	.takes_command = false,
};
