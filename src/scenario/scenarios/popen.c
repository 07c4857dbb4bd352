/* The popen scenario's row: a pipe to a command's stdout or stdin. */
#include "base/i18n.h"
#include "scenario/catalog.h"

static const ScenarioStep steps[] = {
	{ N_("popen(command, \"r\") made a pipe and started /bin/sh -c command; the shell started the "
	     "command (the helper again, waiting here). FDs: the parent's new FD is the pipe's read "
	     "end (without close-on-exec: the mode would need an \"e\", as in \"re\"); the "
	     "command's FD 1 is the same pipe (same pipe:[inode]), write end. The parent is blocked "
	     "in fgets, reading.") },
	{ N_("The command wrote a line to its stdout; the parent's fgets returned it (see the "
	     "events) and the parent is reading again, blocked until more comes or every write end "
	     "is closed.") },
	{ N_("The command exited, so the last write end closed and fgets saw end of file. pclose "
	     "closed the parent's end and waited for the shell: it returned the shell's wait status, "
	     "exit 0. The pipe is gone from the parent's FD table; shell and command are reaped.") },
	{ N_("popen(command, \"w\"): the pipe runs the other way; the command's FD 0 is its read end. "
	     "The parent wrote a line through the FILE* and called pclose, which flushed the line, "
	     "closed the write end (so the command read the line, then end of file) and now waits: "
	     "the parent is in waitpid and its FD table no longer has the pipe.") },
	{ N_("The command and the shell exited; pclose returned the shell's wait status, exit 0. "
	     "Until then pclose waited, like waitpid: a FILE* from popen must be closed with pclose, "
	     "not fclose, or the child is never reaped.") },
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
