/* The exec-family scenario's row: path or PATH search, argv, environment. */
#include "base/i18n.h"
#include "scenario/catalog.h"

static const ScenarioStep steps[] = {
	{ N_("execl(\"/bin/true\", \"true\", \"execl\", NULL), held at the exec. A path argument is "
	     "used as given: exe is the file /bin/true names (/usr/bin/true where /bin is a link to "
	     "usr/bin). cmdline is the list that followed the path (argv[0] "
	     "is whatever the caller writes). environ is inherited: it holds the parent's variables, "
	     "FORKSCOPE_LESSON=inherited-from-the-parent among them. The pid is the one fork "
	     "returned and the ppid is still the helper: exec made no new process.") },
	{ N_("execl(\"true\", ...) with a bare name returned -1, ENOENT (see the events): a path "
	     "argument is not searched in PATH: \"true\" is a path relative to the current "
	     "directory, /, where there is no such file. A failed exec returns and changes nothing: exe and cmdline are still the "
	     "helper's.") },
	{ N_("execlp(\"true\", ...), held at the exec: a file argument without a slash is searched "
	     "in the PATH directories, in order, and exe is the first true found there (on a "
	     "merged-/usr system /bin/true and /usr/bin/true are one file). Environment inherited.") },
	{ N_("execle(\"/bin/true\", \"true\", \"execle\", NULL, envp), held at the exec: environ holds "
	     "exactly the two variables passed, FORKSCOPE_LESSON=passed-by-the-caller and PATH; "
	     "nothing of the parent's environment came along.") },
	{ N_("execv(\"/bin/true\", argv): the arguments as an array (v) instead of a list (l), for "
	     "argument lists built at run time; cmdline shows the array. Environment inherited.") },
	{ N_("execvp(\"true\", argv): PATH search as with execlp, arguments as an array. exe is the "
	     "true found through PATH.") },
	{ N_("execve(\"/bin/true\", argv, envp): the system call under all the others, with path, "
	     "argv and environment all given; environ again holds only what was passed.") },
	{ N_("fexecve(fd, argv, environ): runs the file an open FD refers to (/bin/true, opened with "
	     "O_CLOEXEC so the FD does not appear in the program it runs); a program can check the "
	     "file it opened, then run exactly that file.") },
	{ N_("execveat(dirfd, \"true\", argv, environ, 0): the name is resolved in the directory dirfd "
	     "refers to (/bin, opened with O_PATH), as openat does for open. Through all nine calls "
	     "the pid of each child stayed the one fork gave it, and its ppid the helper.") },
};

const Scenario scenario_exec_family = {
	.id = "exec-family",
	.title = N_("The exec family: execl, execlp, execle, execv, execvp, execve"),
	.explanation = N_(
		"Six library functions run a new program in the calling process; execve is the "
		"system call beneath them, with fexecve and execveat beside it. The letters say how "
		"the call is made. l: the arguments are listed in the call, ending with NULL. v: "
		"they come as an argv array. p: the first argument is a file name, searched in the "
		"directories of PATH when it holds no slash; without p it is a path, used as given, "
		"so execl(\"true\") looks only in the current directory and fails with ENOENT where "
		"execlp(\"true\") finds /usr/bin/true. e: an envp array becomes the new program's "
		"environment; the others pass the caller's own (environ). An exec that works never "
		"returns; one that fails returns -1 with errno, and the process goes on running the "
		"old program. Either way it is the same process: pid, ppid and open FDs stay. Each "
		"step here is a child held at its exec: exe shows the file found, cmdline the "
		"arguments, environ the environment the program starts with."),
	.steps = steps,
	.nsteps = (int)(sizeof steps / sizeof steps[0]),
	.max_procs = 2,
};
