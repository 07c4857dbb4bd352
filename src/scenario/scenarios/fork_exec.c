/* The fork-exec scenario's row: what exec keeps and what it resets. */
#include "base/i18n.h"
#include "scenario/catalog.h"

static const ScenarioStep steps[] = {
	{ N_("The parent opened /etc/passwd as FD 3 (plain) and /etc/group as FD 4 with O_CLOEXEC, "
	     "installed a handler for SIGUSR1 and set SIGUSR2 to SIG_IGN. FDs: the cloexec column is "
	     "set on 4 only. Signals: SigCgt has SIGUSR1, SigIgn has SIGUSR2.") },
	{ N_("fork() made the child, a copy: FDs 3 and 4 refer to the same open file descriptions "
	     "as the parent's (one shared offset each), SIGUSR1 has the same handler, SIGUSR2 is "
	     "still ignored, and the memory is the parent's, shared copy-on-write. The parent waits "
	     "in waitpid.") },
	{ N_("The child exec'd /bin/ls and is held at the exec, before ls runs. Same pid, same ppid, "
	     "a new program: exe, cmdline and every mapping are ls's, nothing is shared with the "
	     "parent any more. FD 3 (/etc/passwd) is still open: exec keeps FDs. FD 4 had O_CLOEXEC "
	     "and is gone. SIGUSR1 is back to default (SigCgt is empty: the handler's code does not "
	     "exist in the new image); SIGUSR2 is still ignored: ignored dispositions survive exec.") },
	{ N_("ls listed its own FDs (/etc/passwd among them, which it never opened) and exited; "
	     "waitpid returned its pid with status exit 0. The parent's FDs and handlers are as "
	     "they were: exec changed the child alone.") },
};

const Scenario scenario_fork_exec = {
	.id = "fork-exec",
	.title = N_("fork then exec: a new program in the same process"),
	.explanation = N_(
		"exec replaces the program a process runs, not the process: the pid, the parent, "
		"the process group and session, the uids, the signal mask and the open FDs stay; "
		"the memory is replaced by the new program's image, so nothing is shared with the "
		"parent afterwards. Two things are reset because they point into the old image: "
		"signals with a handler go back to their default action, and FDs marked "
		"close-on-exec (O_CLOEXEC, FD_CLOEXEC) are closed. Ignored signals stay ignored. "
		"fork followed by exec in the child is how a Unix shell runs a command; the parent "
		"then waits for the child with waitpid."),
	.steps = steps,
	.nsteps = (int)(sizeof steps / sizeof steps[0]),
	.max_procs = 2,
};
