/* The exec-family scenario's row: path or PATH search, argv, environment. */
#include "base/i18n.h"
#include "scenario/catalog.h"

/* Step n's process is the helper's child n-1: each call gets its own child. */
#define INHERITED "FORKSCOPE_LESSON=inherited-from-the-parent"
#define PASSED "FORKSCOPE_LESSON=passed-by-the-caller"
/* The helper always has it (its report pipe): a child has it unless envp replaced environ. */
#define HELPER_ONLY "FORKSCOPE_REPORT_FD"

static const StepClaim execl_path[] = {
	{ .kind = CLAIM_EXE, .who = WHO_CHILD, .nth = 0, .text = "/true" },
	{ .kind = CLAIM_ENV, .who = WHO_CHILD, .nth = 0, .text = INHERITED },
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD, .nth = 0 },
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .nth = 0, .key = "fork" },
	{ 0 },
};
static const StepClaim execl_bare[] = {
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .nth = 1, .key = "execl", .text = "ENOENT" },
	{ .kind = CLAIM_EXE, .who = WHO_CHILD, .nth = 1, .text = "forkscope-demo" },
	{ .kind = CLAIM_CWD, .who = WHO_CHILD, .nth = 1, .text = "/" },
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD, .nth = 1 },
	{ 0 },
};
static const StepClaim execlp_name[] = {
	{ .kind = CLAIM_EXE, .who = WHO_CHILD, .nth = 2, .text = "/true" },
	{ .kind = CLAIM_ENV, .who = WHO_CHILD, .nth = 2, .text = INHERITED },
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD, .nth = 2 },
	{ 0 },
};
static const StepClaim execle_env[] = {
	{ .kind = CLAIM_EXE, .who = WHO_CHILD, .nth = 3, .text = "/true" },
	{ .kind = CLAIM_ENV, .who = WHO_CHILD, .nth = 3, .text = PASSED },
	{ .kind = CLAIM_ENV, .who = WHO_CHILD, .nth = 3, .text = "PATH=/usr/bin:/bin" },
	{ .kind = CLAIM_NO_ENV, .who = WHO_CHILD, .nth = 3, .text = HELPER_ONLY },
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD, .nth = 3 },
	{ 0 },
};
static const StepClaim execv_array[] = {
	{ .kind = CLAIM_EXE, .who = WHO_CHILD, .nth = 4, .text = "/true" },
	{ .kind = CLAIM_ENV, .who = WHO_CHILD, .nth = 4, .text = INHERITED },
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD, .nth = 4 },
	{ 0 },
};
static const StepClaim execvp_name[] = {
	{ .kind = CLAIM_EXE, .who = WHO_CHILD, .nth = 5, .text = "/true" },
	{ .kind = CLAIM_ENV, .who = WHO_CHILD, .nth = 5, .text = INHERITED },
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD, .nth = 5 },
	{ 0 },
};
static const StepClaim execve_env[] = {
	{ .kind = CLAIM_EXE, .who = WHO_CHILD, .nth = 6, .text = "/true" },
	{ .kind = CLAIM_ENV, .who = WHO_CHILD, .nth = 6, .text = PASSED },
	{ .kind = CLAIM_ENV, .who = WHO_CHILD, .nth = 6, .text = "PATH=/usr/bin:/bin" },
	{ .kind = CLAIM_NO_ENV, .who = WHO_CHILD, .nth = 6, .text = HELPER_ONLY },
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD, .nth = 6 },
	{ 0 },
};
static const StepClaim fexecve_fd[] = {
	{ .kind = CLAIM_EXE, .who = WHO_CHILD, .nth = 7, .text = "/true" },
	{ .kind = CLAIM_NO_FD, .who = WHO_CHILD, .nth = 7, .num = 3 },
	{ .kind = CLAIM_ENV, .who = WHO_CHILD, .nth = 7, .text = INHERITED },
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD, .nth = 7 },
	{ 0 },
};
static const StepClaim execveat_dir[] = {
	{ .kind = CLAIM_EXE, .who = WHO_CHILD, .nth = 8, .text = "/true" },
	{ .kind = CLAIM_NO_FD, .who = WHO_CHILD, .nth = 8, .num = 3 },
	{ .kind = CLAIM_ENV, .who = WHO_CHILD, .nth = 8, .text = INHERITED },
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD, .nth = 8 },
	{ 0 },
};

static const ScenarioStep steps[] = {
	{ N_("execl(\"/bin/true\", \"true\", \"execl\", NULL): the child is held at the exec. A path "
	     "argument is used as given: the child's exe is the file /bin/true names (/usr/bin/true "
	     "where /bin is a link to usr/bin). cmdline is the list that followed the path (argv[0] "
	     "is whatever the caller writes). environ is inherited: it holds the parent's variables, "
	     "FORKSCOPE_LESSON=inherited-from-the-parent among them. The pid is the one fork "
	     "returned and the ppid is still the parent: exec made no new process."),
	  .focus = { WHO_CHILD, 0 }, .claims = execl_path },
	{ N_("execl(\"true\", \"true\", NULL) with a bare name returned -1 ENOENT (see the events): "
	     "a path argument is not searched in PATH: \"true\" is a path relative to the current "
	     "directory, /, where there is no such file. A failed exec returns and changes nothing: "
	     "the child's exe and cmdline are still the parent's program, forkscope-demo."),
	  .focus = { WHO_CHILD, 1 }, .claims = execl_bare },
	{ N_("execlp(\"true\", ...): the child is held at the exec. A file argument without a slash "
	     "is searched in the PATH directories, in order, and the child's exe is the first true "
	     "found there (on a merged-/usr system /bin/true and /usr/bin/true are one file). "
	     "environ inherited, as with execl."),
	  .focus = { WHO_CHILD, 2 }, .claims = execlp_name },
	{ N_("execle(\"/bin/true\", \"true\", \"execle\", NULL, envp): the child is held at the exec. "
	     "Its environ holds exactly the two variables passed, "
	     "FORKSCOPE_LESSON=passed-by-the-caller and PATH=/usr/bin:/bin; nothing of the "
	     "parent's environment came along, not even the FORKSCOPE_REPORT_FD that the children "
	     "without e inherit."),
	  .focus = { WHO_CHILD, 3 }, .claims = execle_env },
	{ N_("execv(\"/bin/true\", argv): the arguments as an array (v) instead of a list (l), for "
	     "argument lists built at run time; the child's cmdline shows the array. environ "
	     "inherited."),
	  .focus = { WHO_CHILD, 4 }, .claims = execv_array },
	{ N_("execvp(\"true\", argv): PATH search as with execlp, arguments as an array. The "
	     "child's exe is the true found through PATH; environ inherited."),
	  .focus = { WHO_CHILD, 5 }, .claims = execvp_name },
	{ N_("execve(\"/bin/true\", argv, envp): the system call under all the others, with path, "
	     "argv and environment all given; the child's environ again holds only the two "
	     "variables passed, FORKSCOPE_LESSON=passed-by-the-caller and PATH=/usr/bin:/bin."),
	  .focus = { WHO_CHILD, 6 }, .claims = execve_env },
	{ N_("fexecve(fd, argv, environ): runs the file an open FD refers to (/bin/true, opened as "
	     "FD 3 with O_CLOEXEC, so the child's FD table no longer has it: the program does not "
	     "inherit the FD it was run from); a program can check the file it opened, then run "
	     "exactly that file."),
	  .focus = { WHO_CHILD, 7 }, .claims = fexecve_fd },
	{ N_("execveat(dirfd, \"true\", argv, environ, 0): the name is resolved in the directory "
	     "dirfd refers to (/bin, opened as FD 3 with O_PATH and O_CLOEXEC: gone after the exec), "
	     "as openat does for open. Through all nine calls the pid of each child stayed the one "
	     "fork gave it, and its ppid the parent."),
	  .focus = { WHO_CHILD, 8 }, .claims = execveat_dir },
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
