/* The popen scenario's row: a pipe to a command's stdout or stdin. */
#include "base/i18n.h"
#include "scenario/catalog.h"

/*
 * Roles: the helper's child 0 is the "r" shell, its child the command that
 * writes (WHO_GRANDCHILD 0); child 1 the "w" shell, its child the command
 * that reads (WHO_GRANDCHILD_OF 1). The parent's popen FD is 3 for "r" (the
 * lowest free) and 4 for "w" (the write end; pipe2 gave 3 and 4).
 */
static const StepClaim started_r[] = {
	{ .kind = CLAIM_FD, .who = WHO_GRANDCHILD, .nth = 0, .num = 1, .text = "pipe:" },
	{ .kind = CLAIM_FD, .who = WHO_CHILD, .nth = 0, .num = 1, .text = "pipe:" },
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 3, .text = "pipe:" },
	{ .kind = CLAIM_STATE, .who = WHO_HELPER, .text = "S" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "popen" },
	{ 0 },
};
static const StepClaim line_read[] = {
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 3, .text = "pipe:" },
	{ .kind = CLAIM_STATE, .who = WHO_HELPER, .text = "S" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "fgets" },
	{ .kind = CLAIM_EVENT, .who = WHO_GRANDCHILD, .nth = 0, .key = "write" },
	{ 0 },
};
static const StepClaim closed_r[] = {
	{ .kind = CLAIM_NO_FD, .who = WHO_HELPER, .num = 3 },
	{ .kind = CLAIM_GONE, .who = WHO_CHILD, .nth = 0 },
	{ .kind = CLAIM_GONE, .who = WHO_GRANDCHILD, .nth = 0 },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "pclose" },
	{ 0 },
};
static const StepClaim started_w[] = {
	{ .kind = CLAIM_FD, .who = WHO_GRANDCHILD_OF, .nth = 1, .num = 0, .text = "pipe:" },
	{ .kind = CLAIM_NO_FD, .who = WHO_HELPER, .num = 4 },
	{ .kind = CLAIM_STATE, .who = WHO_HELPER, .text = "S" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "fputs" },
	{ .kind = CLAIM_EVENT, .who = WHO_GRANDCHILD_OF, .nth = 1, .key = "read" },
	{ 0 },
};
static const StepClaim closed_w[] = {
	{ .kind = CLAIM_GONE, .who = WHO_CHILD, .nth = 1 },
	{ .kind = CLAIM_GONE, .who = WHO_GRANDCHILD_OF, .nth = 1 },
	{ .kind = CLAIM_NO_FD, .who = WHO_HELPER, .num = 4 },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "pclose" },
	{ 0 },
};

static const ScenarioStep steps[] = {
	{ N_("popen(command, \"r\") made a pipe and started /bin/sh -c command; the shell started the "
	     "command (the helper again, waiting here). The command's FD 1, its stdout, is the pipe's "
	     "write end, pipe:[N] (the shell's FD 1 too). The parent's FD 3, the FILE*'s (see the "
	     "popen report), is the read end of the same pipe:[N]. The parent is blocked in fgets, "
	     "reading."),
	  .focus = { WHO_GRANDCHILD, 0, N_("the command"), FOCUS_FD(1) }, .claims = started_r },
	{ N_("The command wrote the line in two writes: its text, which the parent's fgets takes "
	     "but does not return (no newline yet), then the newline. Only then did fgets return the "
	     "line, newline included (see the events). The parent's FD 3 is the pipe's read end, "
	     "kept on exec (popen's mode would need an \"e\", as in \"re\", for close-on-exec); "
	     "the parent is reading again, blocked until more comes or every write end is closed."),
	  .focus = { WHO_HELPER, 0, N_("the parent"), FOCUS_FD(3) }, .claims = line_read },
	{ N_("The command exited, then the shell: the shell's FD 1 was the pipe's write end too, "
	     "so only with the shell's exit was the last write end closed and fgets returned NULL, "
	     "end of file (see the events). pclose closed the parent's end and waited for the "
	     "shell: it returned the shell's wait status, exit 0. The pipe is gone from the "
	     "parent's FD table; shell and command are reaped."),
	  .focus = { WHO_HELPER, 0, N_("the parent") }, .claims = closed_r },
	{ N_("popen(command, \"w\"): the pipe runs the other way; the command's FD 0, its stdin, is "
	     "its read end. The parent wrote a line through the FILE* (fputs) and called pclose, "
	     "which flushed the line and closed the write end, so the command read the line, then "
	     "end of file (its read report). The parent now waits in pclose, and its FD table no "
	     "longer has the pipe."),
	  .focus = { WHO_GRANDCHILD_OF, 1, N_("the command"), FOCUS_FD(0) }, .claims = started_w },
	{ N_("The command and the shell exited; pclose returned the shell's wait status, exit 0. "
	     "Until then pclose waited, like waitpid. POSIX requires a stream from popen to be "
	     "closed with pclose; glibc's fclose on it would also wait (both end in the same close "
	     "function), but portable code must not count on that."),
	  .focus = { WHO_HELPER, 0, N_("the parent") }, .claims = closed_w },
};

const Scenario scenario_popen = {
	.id = "popen",
	.title = N_("popen(): a pipe to a command"),
	.explanation = N_(
		"popen(command, mode) makes a pipe, starts /bin/sh -c command in a child with one "
		"end of the pipe as the child's stdout (mode \"r\": the caller reads what the command "
		"prints) or stdin (mode \"w\": the caller writes what the command reads), and returns "
		"the other end as a FILE*. It is system() with a pipe attached, but the caller runs on "
		"while the command runs. pclose closes the caller's end, then waits for the shell and "
		"returns its wait status: a reader sees end of file only when every write end is "
		"closed, so an FD leaked into another process would keep the command or the caller "
		"waiting. The caller's end is not close-on-exec unless the mode says \"e\" (\"re\", "
		"\"we\"): later popen children do not get it (popen closes earlier streams in "
		"them), but a child made any other way inherits it. glibc starts the shell with "
		"posix_spawn. Data through the FILE* is buffered: fflush or pclose sends it."),
	.steps = steps,
	.nsteps = (int)(sizeof steps / sizeof steps[0]),
	.max_procs = 3,
};
