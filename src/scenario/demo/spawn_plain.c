/*
 * spawn-plain: posix_spawn with no file actions and no attributes (see
 * scenarios/spawn_plain.c for what each step shows).
 *
 * The parent first makes a state worth inheriting: a plain FD and an
 * O_CLOEXEC one, a blocked, an ignored and a caught signal. The child is
 * this helper in its "_hold" role, so it can be looked at while it runs; the
 * two pipe ends it needs are the only ones the parent leaves inheritable.
 */
#include "base/self_exe.h"
#include "scenario/demo/demo.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/i18n.h"

extern char **environ;

int demo_spawn_plain(int argc, char **argv);

#define MISSING_PROGRAM "/nonexistent/forkscope-no-such-program"

static void on_usr2(int signo)
{
	(void)signo; /* only here so that SIGUSR2 is caught, not ignored */
}

/* A pipe whose end `keep` (0 read, 1 write) is inheritable and the other is
 * O_CLOEXEC: the child gets exactly one end. */
static int pipe_one_end_inherited(int fds[2], int keep)
{
	if (pipe2(fds, O_CLOEXEC) < 0)
		return -1;
	return fcntl(fds[keep], F_SETFD, 0);
}

static int set_up_parent(int ready[2], int hold[2])
{
	struct sigaction sa = { .sa_handler = on_usr2 };
	sigset_t block;
	int plain = open("/dev/null", O_RDONLY);
	int cloexec = open("/dev/zero", O_RDONLY | O_CLOEXEC);

	demo_api("open", plain, plain < 0 ? errno : 0, 0, _("open(\"/dev/null\", O_RDONLY) = %d: plain, will be inherited"),
		 plain);
	demo_api("open", cloexec, cloexec < 0 ? errno : 0, 0,
		 _("open(\"/dev/zero\", O_RDONLY|O_CLOEXEC) = %d: closed by the child's exec"), cloexec);
	if (plain < 0 || cloexec < 0)
		return -1;
	if (pipe_one_end_inherited(ready, 1) < 0 || pipe_one_end_inherited(hold, 0) < 0) {
		demo_api("pipe2", -1, errno, 0, "pipe2(O_CLOEXEC) = -1 (%s)", strerror(errno));
		return -1;
	}
	demo_api("pipe2", 0, 0, 0, _("ready pipe [%d, %d] and hold pipe [%d, %d]: the child keeps %d and %d"),
		 ready[0], ready[1], hold[0], hold[1], ready[1], hold[0]);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	demo_api("sigprocmask", 0, 0, 0, "sigprocmask(SIG_BLOCK, {SIGUSR1}) = 0");
	signal(SIGINT, SIG_IGN);
	demo_api("signal", 0, 0, 0, "%s", _("signal(SIGINT, SIG_IGN): ignored"));
	sigaction(SIGUSR2, &sa, NULL);
	demo_api("sigaction", 0, 0, 0, "%s", _("sigaction(SIGUSR2, handler) = 0: caught"));
	return 0;
}

static int wait_child(pid_t pid)
{
	int status = 0;
	pid_t got;

	do
		got = waitpid(pid, &status, 0);
	while (got < 0 && errno == EINTR);
	demo_api("waitpid", got, got < 0 ? errno : 0, pid, _("waitpid(%d) = %d, status %d"), pid, (int)got,
		 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return got == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* Step 2: the child inherits everything that is not close-on-exec. */
static int spawn_inheriting(const char *self, int ready[2], int hold[2])
{
	char ready_arg[32], hold_arg[32], byte;
	char *child_argv[] = { "forkscope-demo", "_hold", ready_arg, hold_arg, NULL };
	pid_t pid = -1;
	int rc;
	ssize_t n;

	snprintf(ready_arg, sizeof ready_arg, "ready=%d", ready[1]);
	snprintf(hold_arg, sizeof hold_arg, "hold=%d", hold[0]);
	rc = posix_spawn(&pid, self, NULL, NULL, child_argv, environ);
	demo_api("posix_spawn", rc, rc, rc == 0 ? pid : 0,
		 "posix_spawn(&pid, \"%s\", NULL, NULL, argv, environ) = %d, pid = %d", self, rc, (int)pid);
	if (rc != 0)
		return -1;
	/* The child's own copies are what keep these pipes open now. */
	close(ready[1]);
	close(hold[0]);
	do
		n = read(ready[0], &byte, 1);
	while (n < 0 && errno == EINTR);
	demo_step(2);
	close(hold[1]);
	return wait_child(pid) | (n == 1 ? 0 : -1);
}

/* Step 3: the exec fails in the child; posix_spawn says so itself. errno is
 * cleared first to show what it holds afterwards: the vfork-style child
 * shares the parent's memory, errno included. */
static void spawn_missing(void)
{
	char *child_argv[] = { "forkscope-no-such-program", NULL };
	pid_t pid = -1;
	int rc, seen;

	errno = 0;
	rc = posix_spawn(&pid, MISSING_PROGRAM, NULL, NULL, child_argv, environ);
	seen = errno;
	/* The result first: the events pane shows the start of a line. */
	if (seen)
		demo_api("posix_spawn", rc, rc, 0,
			 _("posix_spawn(...) = %d (%s), returned directly: no program \"%s\"; pid still %d; "
			   "errno also %s"),
			 rc, rc ? strerrorname_np(rc) : _("no error"), MISSING_PROGRAM, (int)pid,
			 strerrorname_np(seen));
	else
		demo_api("posix_spawn", rc, rc, 0,
			 _("posix_spawn(...) = %d (%s), returned directly: no program \"%s\"; pid still %d; "
			   "errno untouched"),
			 rc, rc ? strerrorname_np(rc) : _("no error"), MISSING_PROGRAM, (int)pid);
	demo_step(3);
}

int demo_spawn_plain(int argc, char **argv)
{
	char self[PATH_MAX];
	int ready[2], hold[2];

	if (!self_exe(self, sizeof self)) {
		demo_note(_("cannot find this helper's own program: %s"), strerror(errno));
		return 1;
	}
	if (set_up_parent(ready, hold) < 0)
		return 1;
	demo_step(1);
	if (spawn_inheriting(self, ready, hold) < 0)
		return 1;
	spawn_missing();
	return 0;
}
