/* The system scenario's row: sh -c, and the caller's signals meanwhile. */
#include "base/i18n.h"
#include "scenario/catalog.h"

/* Whatever the launcher ignored (tmux: SIGTTIN, SIGTTOU), the demo starts clean. */
static const StepClaim before[] = {
	{ .kind = CLAIM_SIG, .who = WHO_HELPER, .key = "SigCgt", .text = "SIGINT" },
	{ .kind = CLAIM_NO_SIG, .who = WHO_HELPER, .key = "SigIgn", .text = "SIGTTIN" },
	{ .kind = CLAIM_NO_SIG, .who = WHO_HELPER, .key = "SigIgn", .text = "SIGTTOU" },
	{ .kind = CLAIM_NO_SIG, .who = WHO_HELPER, .key = "SigBlk", .text = "SIGCHLD" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "sigaction" },
	{ 0 },
};
/* The caller's mask while system() waits; the shell (child 0) and the
 * command (its child) run with the original one. */
static const StepClaim waiting[] = {
	{ .kind = CLAIM_SIG, .who = WHO_HELPER, .key = "SigBlk", .text = "SIGCHLD" },
	{ .kind = CLAIM_SIG, .who = WHO_HELPER, .key = "SigIgn", .text = "SIGINT" },
	{ .kind = CLAIM_SIG, .who = WHO_HELPER, .key = "SigIgn", .text = "SIGQUIT" },
	{ .kind = CLAIM_NO_SIG, .who = WHO_CHILD, .nth = 0, .key = "SigIgn", .text = "SIGINT" },
	{ .kind = CLAIM_NO_SIG, .who = WHO_GRANDCHILD, .nth = 0, .key = "SigBlk", .text = "SIGCHLD" },
	{ .kind = CLAIM_NO_SIG, .who = WHO_GRANDCHILD, .nth = 0, .key = "SigIgn", .text = "SIGINT" },
	{ 0 },
};
static const StepClaim restored[] = {
	{ .kind = CLAIM_NO_SIG, .who = WHO_HELPER, .key = "SigBlk", .text = "SIGCHLD" },
	{ .kind = CLAIM_NO_SIG, .who = WHO_HELPER, .key = "SigIgn", .text = "SIGINT" },
	{ .kind = CLAIM_NO_SIG, .who = WHO_HELPER, .key = "SigIgn", .text = "SIGQUIT" },
	{ .kind = CLAIM_SIG, .who = WHO_HELPER, .key = "SigCgt", .text = "SIGINT" },
	{ .kind = CLAIM_GONE, .who = WHO_CHILD, .nth = 0 },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "system" },
	{ 0 },
};

static const ScenarioStep steps[] = {
	{ N_("Before system(): the parent catches SIGINT with a handler (the sigaction in the events) "
	     "and blocks and ignores nothing. The parent's signals: SigCgt has SIGINT; SigBlk and "
	     "SigIgn are empty (the demo starts with every signal at its default, whatever its "
	     "launcher ignored or blocked)."),
	  .focus = { WHO_HELPER, 0, N_("the parent"), 0, FOCUS_SIG_CAUGHT }, .claims = before },
	{ N_("system() started /bin/sh -c, the shell started the command (the helper again, waiting "
	     "here), and system() waits for the shell in waitpid. The parent's signals meanwhile: "
	     "SigBlk has SIGCHLD, so no SIGCHLD handler of the caller can reap the shell before "
	     "system() does; SigIgn has SIGINT and SIGQUIT, so a Ctrl-C at the terminal stops the "
	     "command, not the caller. The shell got the caller's original mask and SIGINT and SIGQUIT "
	     "at their default (dash then catches SIGINT itself), and the command has them so. (FDs "
	     "100 and 101, forkscope's report pipes, stay open across exec here so that the command "
	     "can announce this step.)"),
	  .focus = { WHO_HELPER, 0, N_("the parent"), 0, FOCUS_SIG_BLOCKED }, .claims = waiting },
	{ N_("The command exited with 3 and the shell with it: system() returned the shell's wait "
	     "status, 0x300 (WEXITSTATUS 3). The parent's signals are as they were before: SigBlk "
	     "empty (SIGCHLD unblocked), SigCgt has SIGINT (its handler again), SigIgn empty "
	     "(SIGQUIT at its default)."),
	  .focus = { WHO_HELPER, 0, N_("the parent"), 0, FOCUS_SIG_BLOCKED }, .claims = restored },
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
