/* The system scenario's row: sh -c, and the caller's signals meanwhile. */
#include "base/i18n.h"
#include "scenario/catalog.h"

static const ScenarioStep steps[] = {
	{ N_("Before system(): the parent catches SIGINT with a handler and blocks nothing. "
	     "Signals: SigCgt has SIGINT; SigBlk and SigIgn are empty.") },
	{ N_("system() started /bin/sh -c with the command (the helper again, waiting here) and "
	     "waits for the shell in waitpid: the parent is blocked. Signals of the parent: SIGCHLD "
	     "is blocked, so no SIGCHLD handler of the caller can reap the shell before system() "
	     "does; SIGINT and SIGQUIT are ignored, so a Ctrl-C at the terminal stops the command and "
	     "not the caller. The shell was started with the caller's original mask and SIGINT and "
	     "SIGQUIT at their default action (a shell may then catch some itself: dash catches "
	     "SIGINT), and the command has them so. (The two high-numbered FDs in them are "
	     "forkscope's report and control pipes, passed on so that the command can announce "
	     "this step.)") },
	{ N_("The command exited with 3 and the shell with it: system() returned the shell's wait "
	     "status, 0x300 (WEXITSTATUS 3). The parent's signals are as they were before: SIGCHLD "
	     "unblocked, SIGINT caught by its handler again, SIGQUIT at its default.") },
};

const Scenario scenario_system = {
	.id = "system",
	.title = N_("system(): a command through sh -c"),
	.explanation = N_(
		"system(command) runs /bin/sh -c command in a child and waits for it; it returns "
		"the shell's wait status (WIFEXITED, WEXITSTATUS), -1 if no child could be made, "
		"and a status of exit 127 when the shell could not run. While it waits, the caller "
		"blocks SIGCHLD and ignores SIGINT and SIGQUIT, as POSIX requires: an interrupt "
		"from the terminal is for the command, and no SIGCHLD handler of the caller can "
		"reap the child and leave system() without a status. All three are restored when "
		"it returns. The shell parses the command, so any shell syntax works, and so does "
		"any shell injection: never build the command from untrusted text. glibc starts "
		"the shell with posix_spawn, so the tree shows a vfork-style child that execs "
		"/bin/sh."),
	.steps = steps,
	.nsteps = (int)(sizeof steps / sizeof steps[0]),
	.max_procs = 3,
};
