/* The sigchld scenario's row: reaping in a handler; children that are never zombies. */
#include "base/i18n.h"
#include "scenario/catalog.h"

/*
 * Roles: three rounds of five children of the helper, WHO_CHILD 0-4 with
 * the handler, 5-9 with SIGCHLD ignored, 10-14 with SA_NOCLDWAIT.
 */
#define CHILD_CLAIMS(kind_, first, text_)                                   \
	{ .kind = kind_, .who = WHO_CHILD, .nth = (first), .text = text_ },     \
	{ .kind = kind_, .who = WHO_CHILD, .nth = (first) + 1, .text = text_ }, \
	{ .kind = kind_, .who = WHO_CHILD, .nth = (first) + 2, .text = text_ }, \
	{ .kind = kind_, .who = WHO_CHILD, .nth = (first) + 3, .text = text_ }, \
	{ .kind = kind_, .who = WHO_CHILD, .nth = (first) + 4, .text = text_ }

static const StepClaim waiting[] = {
	{ .kind = CLAIM_SIG, .who = WHO_HELPER, .key = "SigCgt", .text = "SIGCHLD" },
	{ .kind = CLAIM_SIG, .who = WHO_HELPER, .key = "SigBlk", .text = "SIGCHLD" },
	CHILD_CLAIMS(CLAIM_STATE, 0, "S"),
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "sigaction" },
	{ 0 },
};
static const StepClaim zombies[] = {
	{ .kind = CLAIM_SIG, .who = WHO_HELPER, .key = "SigPnd", .text = "SIGCHLD" },
	{ .kind = CLAIM_SIG, .who = WHO_HELPER, .key = "SigBlk", .text = "SIGCHLD" },
	CHILD_CLAIMS(CLAIM_STATE, 0, "Z"),
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "waitid" },
	{ 0 },
};
static const StepClaim reaped[] = {
	{ .kind = CLAIM_NO_SIG, .who = WHO_HELPER, .key = "SigPnd", .text = "SIGCHLD" },
	{ .kind = CLAIM_NO_SIG, .who = WHO_HELPER, .key = "SigBlk", .text = "SIGCHLD" },
	{ .kind = CLAIM_SIG, .who = WHO_HELPER, .key = "SigCgt", .text = "SIGCHLD" },
	CHILD_CLAIMS(CLAIM_GONE, 0, NULL),
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "handler" },
	{ 0 },
};
static const StepClaim ignored[] = {
	{ .kind = CLAIM_SIG, .who = WHO_HELPER, .key = "SigIgn", .text = "SIGCHLD" },
	CHILD_CLAIMS(CLAIM_GONE, 5, NULL),
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "waitpid", .text = "ECHILD" },
	{ 0 },
};
static const StepClaim nocldwait[] = {
	{ .kind = CLAIM_SIG, .who = WHO_HELPER, .key = "SigCgt", .text = "SIGCHLD" },
	{ .kind = CLAIM_NO_SIG, .who = WHO_HELPER, .key = "SigIgn", .text = "SIGCHLD" },
	CHILD_CLAIMS(CLAIM_GONE, 10, NULL),
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "waitpid", .text = "ECHILD" },
	{ 0 },
};

static const ScenarioStep steps[] = {
	{ N_("The parent installed a SIGCHLD handler (SigCgt lists SIGCHLD) that reaps with a loop, "
	     "while (waitpid(-1, &status, WNOHANG) > 0), and blocked SIGCHLD for a moment (SigBlk). "
	     "Five children wait on a pipe whose write end only the parent holds: when it closes "
	     "it, they all read end of file and exit together."),
	  .focus = { WHO_HELPER, 0, N_("the parent"), 0, FOCUS_SIG_BLOCKED }, .claims = waiting },
	{ N_("The parent closed the pipe and the five children exited: five exit events, five "
	     "zombies (state Z) that nobody has reaped (the parent's waitid(WNOWAIT) only "
	     "looks). Each exit sent the parent a SIGCHLD, and its pending set holds SIGCHLD "
	     "once: a standard signal is one bit, so the four that came while it was pending "
	     "merged into it. SigBlk kept it from being delivered meanwhile, which makes this run "
	     "the same every time; without it, any exit that comes before the handler has run "
	     "merges just the same."),
	  .focus = { WHO_HELPER, 0, N_("the parent"), 0, FOCUS_SIG_PENDING }, .claims = zombies },
	{ N_("The parent unblocked SIGCHLD: one 'signal SIGCHLD' event, one run of the handler "
	     "for five children, and its waitpid(WNOHANG) loop reaped all five (five 'reaped by' "
	     "events, the ghosts in the tree), stopping when waitpid found no zombie left. "
	     "That is why a handler must loop: one signal can stand for many exits, and a "
	     "handler that reaps one child per signal leaves zombies behind."),
	  .focus = { WHO_HELPER, 0, N_("the parent"), 0, FOCUS_SIG_CAUGHT }, .claims = reaped },
	{ N_("SIGCHLD set to SIG_IGN (SigIgn lists it), five more children, let go together. None "
	     "became the parent's zombie: the kernel released each at its exit (the 'reaped by' "
	     "events name the parent, but it called no wait that reaped them; forkscope, as their "
	     "tracer, saw each exit first). No SIGCHLD was sent: no 'signal SIGCHLD' event since "
	     "step 3. The parent's waitpid(-1) blocked until all five were gone and then failed "
	     "with ECHILD, as POSIX says it must."),
	  .focus = { WHO_HELPER, 0, N_("the parent"), 0, FOCUS_SIG_IGNORED }, .claims = ignored },
	{ N_("The handler again, now with SA_NOCLDWAIT, and five more children. The kernel still "
	     "sends SIGCHLD (the 'signal SIGCHLD' events; Linux does, POSIX leaves it open) and "
	     "the handler runs, but its loop finds nothing to reap: the children never became "
	     "zombies, and waitpid(-1) ended with ECHILD as with SIG_IGN. SA_NOCLDWAIT keeps a "
	     "handler for other uses while the kernel does the reaping."),
	  .focus = { WHO_HELPER, 0, N_("the parent"), 0, FOCUS_SIG_CAUGHT }, .claims = nocldwait },
};

const Scenario scenario_sigchld = {
	.id = "sigchld",
	.title = N_("SIGCHLD: reaping in a handler, or not at all"),
	.explanation = N_(
		"When a child exits, the kernel sends its parent SIGCHLD. A program that does other "
		"work while its children run (a server, a shell) reaps them in a SIGCHLD handler, "
		"and since SIGCHLD is a standard signal, one bit, several exits close together can "
		"arrive as one signal: the handler must loop on waitpid(-1, &status, WNOHANG) until "
		"it returns 0 or -1, never reap once per signal. (It must also save and restore "
		"errno, and call only async-signal-safe functions; waitpid is one.) A parent that "
		"wants no exit statuses at all can set SIGCHLD to SIG_IGN, or pass SA_NOCLDWAIT to "
		"sigaction: its children are then never zombies, the kernel releases them as they "
		"exit, and a wait blocks until all are gone and fails with ECHILD."),
	.steps = steps,
	.nsteps = (int)(sizeof steps / sizeof steps[0]),
	.max_procs = 6,
};
