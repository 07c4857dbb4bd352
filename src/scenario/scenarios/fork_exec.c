/* The fork-exec scenario's row: what exec keeps and what it resets. */
#include "base/i18n.h"
#include "scenario/catalog.h"

static const StepClaim set_up[] = {
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 3, .text = "/etc/passwd" },
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 4, .text = "/etc/group" },
	{ .kind = CLAIM_FD_CLOEXEC, .who = WHO_HELPER, .num = 4 },
	{ .kind = CLAIM_SIG, .who = WHO_HELPER, .key = "SigCgt", .text = "SIGUSR1" },
	{ .kind = CLAIM_SIG, .who = WHO_HELPER, .key = "SigIgn", .text = "SIGUSR2" },
	{ 0 },
};
static const StepClaim forked[] = {
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD },
	{ .kind = CLAIM_FD, .who = WHO_CHILD, .num = 3, .text = "/etc/passwd" },
	{ .kind = CLAIM_FD, .who = WHO_CHILD, .num = 4, .text = "/etc/group" },
	{ .kind = CLAIM_SIG, .who = WHO_CHILD, .key = "SigCgt", .text = "SIGUSR1" },
	{ .kind = CLAIM_SIG, .who = WHO_CHILD, .key = "SigIgn", .text = "SIGUSR2" },
	{ .kind = CLAIM_STATE, .who = WHO_HELPER, .text = "S" },
	{ 0 },
};
static const StepClaim at_exec[] = {
	{ .kind = CLAIM_EXE, .who = WHO_CHILD, .text = "bin/ls" },
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD },
	{ .kind = CLAIM_FD, .who = WHO_CHILD, .num = 3, .text = "/etc/passwd" },
	{ .kind = CLAIM_NO_FD, .who = WHO_CHILD, .num = 4 },
	{ .kind = CLAIM_NO_SIG, .who = WHO_CHILD, .key = "SigCgt", .text = "SIGUSR1" },
	{ .kind = CLAIM_SIG, .who = WHO_CHILD, .key = "SigIgn", .text = "SIGUSR2" },
	{ 0 },
};
static const StepClaim reaped[] = {
	{ .kind = CLAIM_GONE, .who = WHO_CHILD },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "waitpid" },
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 3, .text = "/etc/passwd" },
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 4, .text = "/etc/group" },
	{ .kind = CLAIM_SIG, .who = WHO_HELPER, .key = "SigCgt", .text = "SIGUSR1" },
	{ 0 },
};

static const ScenarioStep steps[] = {
	{ N_("The parent opened /etc/passwd as FD 3 (plain) and /etc/group as FD 4 with O_CLOEXEC, "
	     "installed a handler for SIGUSR1 and set SIGUSR2 to SIG_IGN. The parent's FDs: ON EXEC "
	     "says keep on FD 3 and close on FD 4 (and on 100 and 101, the helper's pipes to "
	     "forkscope). Its signals: SigCgt has SIGUSR1, SigIgn has SIGUSR2."),
	  .focus = { WHO_HELPER, 0, N_("the parent"), FOCUS_FD(4), FOCUS_SIG_CAUGHT },
	  .claims = set_up },
	{ N_("fork() made the child, a copy: the child's FDs 3 and 4 refer to the same open file "
	     "descriptions as the parent's (PARENT says shared: one offset for both), SIGUSR1 has "
	     "the same handler, SIGUSR2 is still ignored, and its memory is the parent's, shared "
	     "copy-on-write. The parent waits in waitpid."),
	  .focus = { WHO_CHILD, 0, N_("the child"), FOCUS_FD(3), FOCUS_SIG_CAUGHT },
	  .claims = forked },
	{ N_("The child exec'd /bin/ls and is held at the exec, before ls runs. Same pid, same ppid, "
	     "a new program: exe, cmdline and every mapping are ls's, nothing is shared with the "
	     "parent any more. The child's FD 3 (/etc/passwd) is still open: exec keeps FDs. FD 4 "
	     "had O_CLOEXEC and is gone. SIGUSR1 is back to its default action (SigCgt shows "
	     "-SIGUSR1: only the parent catches it; the handler was code of the old image); SIGUSR2 "
	     "is still ignored: ignored dispositions survive exec."),
	  .focus = { WHO_CHILD, 0, N_("the child"), FOCUS_FD(3), FOCUS_SIG_CAUGHT },
	  .claims = at_exec },
	{ N_("ls printed its own FD table and exited: its lines are in the events before its exit "
	     "(Enter on one shows it whole), 3 -> /etc/passwd among them, a file ls never opened. "
	     "waitpid returned "
	     "its pid with status exit 0. The parent's FDs and handlers are as they were: FD 4 "
	     "still open, SIGUSR1 still caught. exec changed the child alone."),
	  .focus = { WHO_HELPER, 0, N_("the parent"), FOCUS_FD(4), FOCUS_SIG_CAUGHT },
	  .claims = reaped },
};

const Scenario scenario_fork_exec = {
	.id = "fork-exec",
	.title = N_("fork then exec: a new program in the same process"),
	.explanation = N_(
		"exec replaces the program a process runs, not the process: the pid, the parent, "
		"the process group and session, the real uid and gid, the signal mask, ignored "
		"signals and the open FDs stay. What belonged to the old program goes with it: its "
		"memory mappings (so nothing is shared with the parent afterwards), its other "
		"threads, its POSIX timers and its alternate signal stack; a caught signal goes back "
		"to its default action, since its handler was code in the old image. FDs are not "
		"part of the image: exec closes only those marked close-on-exec (O_CLOEXEC, "
		"FD_CLOEXEC), as their owner asked. A set-user-ID (set-group-ID) file also changes "
		"the effective uid (gid) to the file's owner (group). fork then exec in the child is "
		"how a Unix shell runs a command; the parent then waits for the child with waitpid."),
	.steps = steps,
	.nsteps = (int)(sizeof steps / sizeof steps[0]),
	.max_procs = 2,
};
