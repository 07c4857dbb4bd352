/*
 * spawn-attrs: what posix_spawn attributes set in the child. The helper's
 * half is demo/spawn_attrs.c; the steps here match its boundaries.
 */
#include "base/i18n.h"
#include "scenario/catalog.h"

static const ScenarioStep steps[] = {
	{ N_("The parent set itself up like a shell's background job: SigIgn has SIGINT and "
	     "SIGQUIT, SigBlk has SIGUSR2. Every child below is cat reading the parent's hold pipe "
	     "as its stdin, so it stays until the parent closes the pipe at the end. Without "
	     "attributes a child would inherit all of this.") },
	{ N_("Child 1: SETSIGMASK {SIGUSR1} and SETSIGDEF {SIGINT}. Select it: SigBlk is SIGUSR1, "
	     "not the parent's SIGUSR2 (the mask was replaced, not added to); SigIgn has SIGQUIT "
	     "but not SIGINT, which SETSIGDEF returned to the default action. (SIG32 and SIG33 in "
	     "SigIgn are glibc's internal signals, ignored by its posix_spawn in every child.)") },
	{ N_("Children 2 and 3: SETPGROUP with pgroup 0 puts child 2 in a new process group whose "
	     "id is its own pid; SETPGROUP with child 2's pid puts child 3 in that same group. This "
	     "is how a shell makes one job of a pipeline. Compare the pgid column with the parent's; "
	     "the sid is unchanged.") },
	{ N_("Child 4: SETSID made it the leader of a new session: sid = pgid = its pid, and no "
	     "controlling terminal. SETSID cannot be combined with SETPGROUP (a session leader may "
	     "not change its group: posix_spawn would return EPERM).") },
	{ N_("Child 5: SETSCHEDULER and SETSCHEDPARAM. As root it runs SCHED_FIFO with real-time "
	     "priority 10 (scheduling policy and rt priority of its row) while the parent stays "
	     "SCHED_OTHER. A real-time policy needs CAP_SYS_NICE (or an RLIMIT_RTPRIO that allows "
	     "the priority): without it the note says so and no child is spawned in this step.") },
	{ N_("RESETIDS. As root, a sub-parent forked by the demo now has real uid and gid 65534 "
	     "(nobody) and effective uid and gid 0, like a set-uid-root program run by nobody. Its "
	     "child spawned without attributes runs with effective uid 0: it inherited the "
	     "privilege. Its child spawned with RESETIDS has effective uid and gid 65534, the real "
	     "ones. Without root no process can have real and effective ids apart, so the note "
	     "says what this step would show.") },
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
