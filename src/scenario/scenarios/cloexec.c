/* The cloexec scenario's row: which FDs a program inherits through exec. */
#include "base/i18n.h"
#include "scenario/catalog.h"

static const StepClaim opened[] = {
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 3, .text = "/etc/group" },
	{ .kind = CLAIM_FD_CLOEXEC, .who = WHO_HELPER, .num = 3 },
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 4, .text = "/etc" },
	{ .kind = CLAIM_FD_CLOEXEC, .who = WHO_HELPER, .num = 4 },
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 5, .text = "/etc/passwd" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "fcntl" },
	{ 0 },
};
static const StepClaim forked[] = {
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD },
	{ .kind = CLAIM_FD, .who = WHO_CHILD, .num = 3, .text = "/etc/group" },
	{ .kind = CLAIM_FD_CLOEXEC, .who = WHO_CHILD, .num = 3 },
	{ .kind = CLAIM_FD, .who = WHO_CHILD, .num = 4, .text = "/etc" },
	{ .kind = CLAIM_FD_CLOEXEC, .who = WHO_CHILD, .num = 4 },
	{ .kind = CLAIM_FD, .who = WHO_CHILD, .num = 5, .text = "/etc/passwd" },
	{ 0 },
};
static const StepClaim at_exec[] = {
	{ .kind = CLAIM_EXE, .who = WHO_CHILD, .text = "bin/ls" },
	{ .kind = CLAIM_NO_FD, .who = WHO_CHILD, .num = 3 },
	{ .kind = CLAIM_NO_FD, .who = WHO_CHILD, .num = 4 },
	{ .kind = CLAIM_FD, .who = WHO_CHILD, .num = 5, .text = "/etc/passwd" },
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD },
	{ 0 },
};
static const StepClaim reaped[] = {
	{ .kind = CLAIM_GONE, .who = WHO_CHILD },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "waitpid" },
	{ .kind = CLAIM_FD_CLOEXEC, .who = WHO_HELPER, .num = 3 },
	{ .kind = CLAIM_FD_CLOEXEC, .who = WHO_HELPER, .num = 4 },
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 5, .text = "/etc/passwd" },
	{ 0 },
};

static const ScenarioStep steps[] = {
	{ N_("The parent opened three FDs: 3 is /etc/group, opened with O_CLOEXEC; 4 is the /etc "
	     "directory, marked FD_CLOEXEC with fcntl after the open; 5 is /etc/passwd, plain. The "
	     "parent's FDs: ON EXEC says close on 3 and 4, keep on 5 (100 and 101, close too, are "
	     "the helper's pipes to forkscope)."),
	  .focus = { WHO_HELPER, 0, N_("the parent"), FOCUS_FD(4) }, .claims = opened },
	{ N_("fork(): the child has all three, with the same flags (ON EXEC: close on 3 and 4). "
	     "Close-on-exec does nothing at fork: the FD table is copied whole, and each of the "
	     "child's FDs shares its open file description (and offset) with the parent's: PARENT "
	     "says shared."),
	  .focus = { WHO_CHILD, 0, N_("the child"), FOCUS_FD(3) }, .claims = forked },
	{ N_("The child exec'd /bin/ls and is held at the exec, before ls runs. FDs 3 and 4 had "
	     "close-on-exec: the kernel closed them during the exec, and the child's FD table no "
	     "longer lists them. FD 5 (/etc/passwd) did not, and leaked into ls, a program that "
	     "never asked for it."),
	  .focus = { WHO_CHILD, 0, N_("the child"), FOCUS_FD(5) }, .claims = at_exec },
	{ N_("ls printed its FD table, 5 -> /etc/passwd among its lines in the events before its "
	     "exit (Enter on one shows it whole), and the parent reaped it. The parent still has all "
	     "three FDs, 3 and 4 still close-on-exec: close-on-exec acts only in the process that "
	     "execs."),
	  .focus = { WHO_HELPER, 0, N_("the parent"), FOCUS_FD(5) }, .claims = reaped },
};

const Scenario scenario_cloexec = {
	.id = "cloexec",
	.title = N_("Close-on-exec: which FDs a program inherits"),
	.explanation = N_(
		"Open FDs survive both fork and exec: a program started by exec inherits every FD "
		"of the process that ran it, whatever the program expects. The close-on-exec flag "
		"(FD_CLOEXEC, one per FD, not per open file) tells the kernel to close that FD at "
		"exec. It can be set at creation, atomically, with O_CLOEXEC (open, and the same "
		"flag for pipe2, socket, dup3, accept4, F_DUPFD_CLOEXEC), or afterwards with "
		"fcntl(fd, F_SETFD, FD_CLOEXEC): in a threaded program another thread may fork and "
		"exec between the open and the fcntl, and the FD leaks. A leaked FD keeps a file, a "
		"lock or a pipe's write end open in a program that knows nothing of it (a reader "
		"then never sees end of file). Open with O_CLOEXEC by default, and clear it on "
		"purpose for an FD a child must have."),
	.steps = steps,
	.nsteps = (int)(sizeof steps / sizeof steps[0]),
	.max_procs = 2,
};
