/* The cloexec scenario's row: which FDs a program inherits through exec. */
#include "base/i18n.h"
#include "scenario/catalog.h"

static const ScenarioStep steps[] = {
	{ N_("The parent opened three FDs: 3 is /etc/group, opened with O_CLOEXEC; 4 is the /etc "
	     "directory, marked FD_CLOEXEC with fcntl after the open; 5 is /etc/passwd, plain. FDs: "
	     "the cloexec column is set on 3 and 4.") },
	{ N_("fork(): the child has all three, with the same flags. Close-on-exec does nothing at "
	     "fork: the FD table is copied whole, and each FD shares its open file description (and "
	     "offset) with the parent's.") },
	{ N_("The child exec'd /bin/ls, held at the exec before ls runs. FDs 3 and 4 had "
	     "close-on-exec: the kernel closed them during the exec. FD 5 (/etc/passwd) did not, and "
	     "leaked into ls, a program that never asked for it. ls -l /proc/self/fd will list it.") },
	{ N_("ls exited and the parent reaped it. The parent still has all three FDs: close-on-exec "
	     "acts only in the process that execs.") },
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
