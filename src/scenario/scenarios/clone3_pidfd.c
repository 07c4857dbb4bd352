/*
 * clone3-pidfd: clone3 with CLONE_PIDFD, and the pidfd used to signal, wait
 * for and reap the child. The helper's half is demo/clone3_pidfd.c; the
 * steps here match its boundaries.
 */
#include "base/i18n.h"
#include "scenario/catalog.h"

/* The pidfd is the parent's fd 3: 0-2 come from the runner, 3 is the first free. */
static const StepClaim cloned[] = {
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 3, .text = "pidfd" },
	{ .kind = CLAIM_FD_CLOEXEC, .who = WHO_HELPER, .num = 3 },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "clone3" },
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD, .nth = 0 },
	{ .kind = CLAIM_NO_FD, .who = WHO_CHILD, .nth = 0, .num = 3 },
	{ 0 },
};
static const StepClaim held_at_exit[] = {
	{ .kind = CLAIM_STATE, .who = WHO_CHILD, .nth = 0, .text = "t" },
	{ .kind = CLAIM_FD, .who = WHO_CHILD, .nth = 0, .num = 0, .text = "/dev/null" },
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .nth = 0, .key = "sigwaitinfo" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "pidfd_send_sig" },
	{ .kind = CLAIM_STATE, .who = WHO_HELPER, .text = "S" },
	{ 0 },
};
static const StepClaim zombie[] = {
	{ .kind = CLAIM_STATE, .who = WHO_CHILD, .nth = 0, .text = "Z" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "poll" },
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 3, .text = "pidfd" },
	{ 0 },
};
static const StepClaim reaped[] = {
	{ .kind = CLAIM_GONE, .who = WHO_CHILD, .nth = 0 },
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 3, .text = "pidfd" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "waitid" },
	{ 0 },
};

static const ScenarioStep steps[] = {
	{ N_("clone3 with CLONE_PIDFD returned the child's pid in the parent and 0 in the child, "
	     "and wrote a pidfd into the parent's FD table: fd 3, an anon_inode:[pidfd], "
	     "close-on-exec; its fdinfo has a Pid: line naming the child. The child's own FD table "
	     "has no such FD. With exit_signal SIGCHLD and no CLONE_VM the kernel treats this like "
	     "fork (the timeline's fork event); the report says it was clone3."),
	  .focus = { WHO_HELPER, 0, NULL, FOCUS_FD(3) }, .claims = cloned },
	{ N_("The parent sent SIGUSR1 with pidfd_send_signal: the signal goes to the process the "
	     "pidfd refers to, never to a newer process that reused its pid. The child, which was "
	     "waiting in sigwaitinfo, took it and called _exit(42): it is held at its exit stop "
	     "(state t, 'exiting (held)'): not yet a zombie, its FD table still there. The parent "
	     "is blocked in poll on the pidfd, which is not readable until the child has exited."),
	  .focus = { WHO_CHILD, 0 }, .claims = held_at_exit },
	{ N_("The child exited: it is a zombie (state Z) because nobody has waited for it yet, and "
	     "the pidfd became readable, so the parent's poll returned POLLIN. A pidfd is how an "
	     "event loop learns that one particular child exited, without SIGCHLD."),
	  .focus = { WHO_CHILD, 0 }, .claims = zombie },
	{ N_("waitid(P_PIDFD, pidfd, &info, WEXITED) reaped the child: si_pid is its pid, si_status "
	     "42; the zombie is gone (a ghost in the tree; the reap event). The pidfd, fd 3, is "
	     "still in the parent's FD table, but its fdinfo now says Pid: -1: the process it refers "
	     "to no longer exists, and its pid may be reused without confusing this FD. The parent "
	     "closes it next."),
	  .focus = { WHO_HELPER, 0, NULL, FOCUS_FD(3) }, .claims = reaped },
};

const Scenario scenario_clone3_pidfd = {
	.id = "clone3-pidfd",
	.title = N_("clone3 with CLONE_PIDFD: a file descriptor for a process"),
	.explanation = N_(
		"A pid is only a number: once the process is reaped the kernel may give it to "
		"another, and a kill(pid) or waitpid(pid) sent too late reaches the wrong "
		"process. A pidfd is a file descriptor that refers to one process for as long as "
		"it is open. clone3 (Linux 5.3), the extensible successor of clone, takes a struct "
		"clone_args; with CLONE_PIDFD it stores a new pidfd for the child in the parent, "
		"atomically with the creation, so there is no window in which the pid could be "
		"reused. Through the pidfd the parent can send signals (pidfd_send_signal), poll "
		"for the child's exit (readable once it has exited) and reap it (waitid with "
		"P_PIDFD). pidfd_open makes a pidfd for an existing process; glibc 2.39 adds "
		"pidfd_spawn, posix_spawn returning a pidfd."),
	.steps = steps,
	.nsteps = sizeof steps / sizeof steps[0],
	.params = NULL,
	.nparams = 0,
	.max_procs = 2,
	.takes_command = false,
};
