/* The sigmask scenario's row: a blocked signal waits, pending, for the mask to open. */
#include "base/i18n.h"
#include "scenario/catalog.h"

/*
 * Roles: the helper's child 0 catches, blocks, unblocks and ignores; the
 * helper sends. The pending claims read SigPnd together with ShdPnd, as
 * the Process pane's "pending" line does: kill() fills the process's set.
 */
static const StepClaim blocked[] = {
	{ .kind = CLAIM_SIG, .who = WHO_CHILD, .nth = 0, .key = "SigBlk", .text = "SIGUSR1" },
	{ .kind = CLAIM_SIG, .who = WHO_CHILD, .nth = 0, .key = "SigBlk", .text = "SIGRTMIN+1" },
	{ .kind = CLAIM_SIG, .who = WHO_CHILD, .nth = 0, .key = "SigCgt", .text = "SIGUSR1" },
	{ .kind = CLAIM_SIG, .who = WHO_CHILD, .nth = 0, .key = "SigCgt", .text = "SIGRTMIN+1" },
	{ .kind = CLAIM_NO_SIG, .who = WHO_CHILD, .nth = 0, .key = "SigPnd", .text = "SIGUSR1" },
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .nth = 0, .key = "sigprocmask" },
	{ 0 },
};
static const StepClaim pending[] = {
	{ .kind = CLAIM_SIG, .who = WHO_CHILD, .nth = 0, .key = "SigPnd", .text = "SIGUSR1" },
	{ .kind = CLAIM_SIG, .who = WHO_CHILD, .nth = 0, .key = "SigBlk", .text = "SIGUSR1" },
	{ .kind = CLAIM_STATE, .who = WHO_CHILD, .nth = 0, .text = "S" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "kill" },
	{ 0 },
};
static const StepClaim delivered[] = {
	{ .kind = CLAIM_NO_SIG, .who = WHO_CHILD, .nth = 0, .key = "SigPnd", .text = "SIGUSR1" },
	{ .kind = CLAIM_NO_SIG, .who = WHO_CHILD, .nth = 0, .key = "SigBlk", .text = "SIGUSR1" },
	{ .kind = CLAIM_SIG, .who = WHO_CHILD, .nth = 0, .key = "SigBlk", .text = "SIGRTMIN+1" },
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .nth = 0, .key = "handler" },
	{ 0 },
};
static const StepClaim queued[] = {
	{ .kind = CLAIM_SIG, .who = WHO_CHILD, .nth = 0, .key = "SigPnd", .text = "SIGRTMIN+1" },
	{ .kind = CLAIM_NO_SIG, .who = WHO_CHILD, .nth = 0, .key = "SigPnd", .text = "SIGUSR1" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "sigqueue" },
	{ 0 },
};
static const StepClaim rt_delivered[] = {
	{ .kind = CLAIM_NO_SIG, .who = WHO_CHILD, .nth = 0, .key = "SigPnd", .text = "SIGRTMIN+1" },
	{ .kind = CLAIM_NO_SIG, .who = WHO_CHILD, .nth = 0, .key = "SigBlk", .text = "SIGRTMIN+1" },
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .nth = 0, .key = "handler" },
	{ 0 },
};
static const StepClaim ignored[] = {
	{ .kind = CLAIM_SIG, .who = WHO_CHILD, .nth = 0, .key = "SigIgn", .text = "SIGUSR2" },
	{ .kind = CLAIM_NO_SIG, .who = WHO_CHILD, .nth = 0, .key = "SigPnd", .text = "SIGUSR2" },
	{ .kind = CLAIM_NO_SIG, .who = WHO_CHILD, .nth = 0, .key = "SigBlk", .text = "SIGUSR2" },
	{ .kind = CLAIM_STATE, .who = WHO_CHILD, .nth = 0, .text = "S" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "kill" },
	{ 0 },
};

static const ScenarioStep steps[] = {
	{ N_("The child installed handlers for SIGUSR1, a standard signal, and SIGRTMIN+1, a "
	     "real-time one (its caught set, SigCgt, lists both), and blocked both with "
	     "sigprocmask(SIG_BLOCK): its blocked set, SigBlk, lists SIGUSR1 and SIGRTMIN+1. "
	     "Blocking does not refuse a signal: the kernel keeps it pending until the mask lets "
	     "it through. The pending set is empty."),
	  .focus = { WHO_CHILD, 0, N_("the child"), 0, FOCUS_SIG_BLOCKED }, .claims = blocked },
	{ N_("The parent called kill(child, SIGUSR1) twice. The child's pending set holds SIGUSR1 "
	     "(kill() marks the whole process, ShdPnd in /proc; the pane's pending line joins it "
	     "with the thread's SigPnd), and holds it once: a standard signal is one bit, and a "
	     "second one that arrives while the first is pending merges into it. Nothing was "
	     "delivered: the events have no 'signal' line for the child, and its handler has not "
	     "run."),
	  .focus = { WHO_CHILD, 0, N_("the child"), 0, FOCUS_SIG_PENDING }, .claims = pending },
	{ N_("The child unblocked SIGUSR1, and the kernel delivered the pending signal before "
	     "sigprocmask returned. The event 'signal SIGUSR1' is that delivery (a traced process "
	     "stops at each one and forkscope passes the signal on), and it is there once for two "
	     "kill() calls; the child's report 'runs of the SIGUSR1 handler = 1' says its handler "
	     "ran once. The pending set is empty again; SIGRTMIN+1 is still blocked."),
	  .focus = { WHO_CHILD, 0, N_("the child"), 0, FOCUS_SIG_PENDING }, .claims = delivered },
	{ N_("The parent sent SIGRTMIN+1 twice with sigqueue(), carrying the values 1 and 2. The "
	     "pending set shows SIGRTMIN+1 once, since the mask has one bit per signal; but behind "
	     "a real-time signal the kernel keeps a queue, and both sends wait in it, each with "
	     "its value."),
	  .focus = { WHO_CHILD, 0, N_("the child"), 0, FOCUS_SIG_PENDING }, .claims = queued },
	{ N_("The child unblocked SIGRTMIN+1: two 'signal SIGRTMIN+1' events, one per sigqueue(), "
	     "in the order they were sent, and the handler ran twice, with the values 1 then 2 "
	     "(the child's report 'runs of the SIGRTMIN+1 handler = 2'). Real-time signals queue "
	     "(up to RLIMIT_SIGPENDING per user); standard ones do not, so a program must never "
	     "count SIGUSR1 or SIGCHLD to learn how many times something happened."),
	  .focus = { WHO_CHILD, 0, N_("the child"), 0, FOCUS_SIG_PENDING }, .claims = rt_delivered },
	{ N_("The child set SIGUSR2 to SIG_IGN (its ignored set, SigIgn, lists it) and the parent "
	     "sent SIGUSR2. It is not pending and the child lives on, though SIGUSR2's default "
	     "would have killed it: an ignored signal is discarded. Untraced, the kernel drops it "
	     "inside kill(); a traced process gets it queued so that its tracer sees it: the "
	     "child's 'signal SIGUSR2' event is forkscope seeing it, and the kernel discarded it "
	     "when forkscope let the child go on. (Blocked as well, it would have stayed pending: "
	     "a blocked signal is kept even when ignored, since the handler may change before "
	     "the mask opens.)"),
	  .focus = { WHO_CHILD, 0, N_("the child"), 0, FOCUS_SIG_IGNORED }, .claims = ignored },
};

const Scenario scenario_sigmask = {
	.id = "sigmask",
	.title = N_("The signal mask as a gate"),
	.explanation = N_(
		"Each thread has a signal mask, the set of signals it blocks, changed with "
		"sigprocmask or pthread_sigmask (a program blocks the signals whose handlers could "
		"disturb a critical section). A blocked signal is not lost: the kernel marks it pending "
		"(SigPnd for the thread and ShdPnd for the whole process, in /proc/PID/status) and "
		"delivers it the moment the mask lets it through. A standard signal is one bit: "
		"sent again while pending, it merges with the first. Real-time signals, SIGRTMIN to "
		"SIGRTMAX, queue: each send is delivered, in order, with the value sigqueue gave it. "
		"A signal set to SIG_IGN is discarded when it is sent, unless it is blocked. A child "
		"of fork inherits the mask and the dispositions and starts with nothing pending; "
		"exec keeps the mask and the ignored signals and resets the caught ones."),
	.steps = steps,
	.nsteps = (int)(sizeof steps / sizeof steps[0]),
	.max_procs = 2,
};
