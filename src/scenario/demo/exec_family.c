/*
 * exec-family: one child per member of the exec family, each run to the
 * exec and held there, so the panes show the program exec started: the
 * file it found (exe), the argv it was given (cmdline), the environment it
 * was given or inherited (environ), and the pid and ppid fork gave it. The
 * one call that fails (execl with a bare name) ends its step in the child
 * right after the failure, still running the helper.
 *
 * The target is true(1): found as /bin/true by path and through PATH by
 * name; it ignores its arguments, so argv can name the call that ran it.
 */
#include "scenario/demo/demo.h"
#include "scenario/demo/family.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

extern char **environ;

int demo_exec_family(int argc, char **argv);

/* What execle and execve pass instead of the caller's environment. */
static char *const passed_env[] = {
	"FORKSCOPE_LESSON=passed-by-the-caller",
	"PATH=/usr/bin:/bin",
	NULL,
};

typedef void (*ExecCall)(void);

static void call_execl_path(void)
{
	execl("/bin/true", "true", "execl", (char *)NULL);
	family_exec_failed("execl", "execl(\"/bin/true\", \"true\", \"execl\", NULL)");
}

static void call_execl_bare(void)
{
	/* A bare name is a path relative to the current directory: make that
	 * one where no "true" can be, whatever directory forkscope runs in. */
	int rc = chdir("/");

	demo_api("chdir", rc, rc < 0 ? errno : 0, 0, "chdir(\"/\") = %d", rc);
	execl("true", "true", (char *)NULL);
	/* The expected outcome: report it and let the step show this child.
	 * The call alone: the event line adds "= -1 ENOENT", short enough
	 * for the events pane to show whole. */
	demo_api("execl", -1, errno, 0, "execl(\"true\", \"true\", NULL)");
}

static void call_execlp(void)
{
	execlp("true", "true", "execlp", (char *)NULL);
	family_exec_failed("execlp", "execlp(\"true\", \"true\", \"execlp\", NULL)");
}

static void call_execle(void)
{
	execle("/bin/true", "true", "execle", (char *)NULL, passed_env);
	family_exec_failed("execle", "execle(\"/bin/true\", \"true\", \"execle\", NULL, envp)");
}

static void call_execv(void)
{
	char *const args[] = { "true", "execv", NULL };

	execv("/bin/true", args);
	family_exec_failed("execv", "execv(\"/bin/true\", argv)");
}

static void call_execvp(void)
{
	char *const args[] = { "true", "execvp", NULL };

	execvp("true", args);
	family_exec_failed("execvp", "execvp(\"true\", argv)");
}

static void call_execve(void)
{
	char *const args[] = { "true", "execve", NULL };

	execve("/bin/true", args, passed_env);
	family_exec_failed("execve", "execve(\"/bin/true\", argv, envp)");
}

static void call_fexecve(void)
{
	char *const args[] = { "true", "fexecve", NULL };
	/* O_CLOEXEC: the FD that names the program does not leak into it. */
	int fd = open("/bin/true", O_RDONLY | O_CLOEXEC);

	demo_api("open", fd, fd < 0 ? errno : 0, 0, "open(\"/bin/true\", O_RDONLY|O_CLOEXEC) = %d", fd);
	if (fd < 0)
		_exit(127);
	fexecve(fd, args, environ);
	family_exec_failed("fexecve", "fexecve(fd, argv, environ)");
}

static void call_execveat(void)
{
	char *const args[] = { "true", "execveat", NULL };
	int dir = open("/bin", O_PATH | O_DIRECTORY | O_CLOEXEC);

	demo_api("open", dir, dir < 0 ? errno : 0, 0, "open(\"/bin\", O_PATH|O_DIRECTORY|O_CLOEXEC) = %d",
		 dir);
	if (dir < 0)
		_exit(127);
	execveat(dir, "true", args, environ, 0);
	family_exec_failed("execveat", "execveat(dirfd, \"true\", argv, environ, 0)");
}

/* In step order. The one call expected to fail returns, and its step is
 * announced by the child right after, instead of at an exec. */
static const struct {
	ExecCall call;
	bool fails;
} calls[] = {
	{ call_execl_path, false }, { call_execl_bare, true }, { call_execlp, false },
	{ call_execle, false }, { call_execv, false }, { call_execvp, false },
	{ call_execve, false }, { call_fexecve, false }, { call_execveat, false },
};

/* Step n: a child that makes call n. */
static int run_child(int n)
{
	pid_t child = family_fork(true);

	if (child < 0)
		return -1;
	if (child == 0) {
		if (calls[n - 1].fails) {
			calls[n - 1].call();
			demo_step(n);
			_exit(127);
		}
		demo_hold(n, "exec");
		calls[n - 1].call();
		_exit(127);
	}
	return family_wait(child) < 0 ? -1 : 0;
}

int demo_exec_family(int argc, char **argv)
{
	/* Inherited by every call that does not pass an environment. */
	int rc = setenv("FORKSCOPE_LESSON", "inherited-from-the-parent", 1);

	demo_api("setenv", rc, rc < 0 ? errno : 0, 0,
		 "setenv(\"FORKSCOPE_LESSON\", \"inherited-from-the-parent\", 1) = %d", rc);
	for (int n = 1; n <= (int)(sizeof calls / sizeof calls[0]); n++)
		if (run_child(n) < 0)
			return 1;
	return 0;
}
