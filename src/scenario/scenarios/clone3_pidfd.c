/*
 * clone3-pidfd: clone3 with CLONE_PIDFD, and the pidfd used to signal, wait
 * for and reap the child. The helper's half is demo/clone3_pidfd.c; the
 * steps here match its boundaries.
 */
#include "base/i18n.h"
#include "scenario/catalog.h"

static const ScenarioStep steps[] = {
	{ N_("clone3 with CLONE_PIDFD returned the child's pid in the parent and 0 in the child, "
	     "and wrote a pidfd into the parent's FD table: an anon_inode:[pidfd], close-on-exec; "
	     "its fdinfo has a Pid: line naming the child. The child's own FD table has no such FD. "
	     "With exit_signal SIGCHLD and no CLONE_VM the kernel treats this like fork (the "
	     "timeline's fork event); the report says it was clone3.") },
	{ N_("The parent sent SIGUSR1 with pidfd_send_signal: the signal goes to the process the "
	     "pidfd refers to, never to a newer process that reused its pid. The child, which was "
	     "waiting in sigwaitinfo, took it and is now held at its exit with status 42. The "
	     "parent is blocked in poll on the pidfd, which is not readable while the child lives.") },
	{ N_("The child exited: it is a zombie (state Z) because nobody has waited for it yet, and "
	     "the pidfd became readable, so the parent's poll returned POLLIN. A pidfd is how an "
	     "event loop learns that one particular child exited, without SIGCHLD.") },
	{ N_("waitid(P_PIDFD, pidfd, &info, WEXITED) reaped the child: si_pid is its pid, si_status "
	     "42; the zombie is gone from the tree (reap event). The pidfd is still in the parent's "
	     "FD table, but its fdinfo now says Pid: -1: the process it refers to no longer exists, "
	     "and its pid may be reused without confusing this FD. The parent closes it next.") },
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
