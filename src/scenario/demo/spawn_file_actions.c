/*
 * spawn-file-actions: the child's FD table and working directory built by
 * posix_spawn file actions (see scenarios/spawn_file_actions.c).
 *
 * The parent holds a plain FD of its own and plain pipes, as a program that
 * never thought about close-on-exec would. Child A names what it wants
 * and closes what it must (addclose); child B also closes everything else
 * (addclosefrom_np) and opens files by relative name after addchdir_np. Both
 * are this helper in its "_hold" role: stdin is the hold pipe, stdout the
 * ready pipe. A third spawn fails in a file action.
 */
#include "base/self_exe.h"
#include "scenario/demo/demo.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/i18n.h"

extern char **environ;

int demo_spawn_file_actions(int argc, char **argv);

#define MISSING_FILE "/nonexistent/forkscope-missing-file"

typedef struct Fds {
	int own;        /* the parent's own FD: /dev/urandom, plain */
	int hold[2];    /* children read hold[0] until the parent closes hold[1] */
	int ready[2];   /* one per child: it writes a byte to ready[1] once running */
} Fds;

static void report_action(const char *what, int rc)
{
	demo_api("file_action", rc, rc, 0, "posix_spawn_file_actions_%s = %d", what, rc);
}

static int open_pipe(int fds[2], const char *name)
{
	int rc = pipe(fds);

	demo_api("pipe", rc, rc < 0 ? errno : 0, 0, _("pipe(%s) = %d: [%d, %d], plain, no O_CLOEXEC"),
		 name, rc, fds[0], fds[1]);
	return rc;
}

static int set_up_parent(Fds *f)
{
	f->own = open("/dev/urandom", O_RDONLY);
	demo_api("open", f->own, f->own < 0 ? errno : 0, 0,
		 _("open(\"/dev/urandom\", O_RDONLY) = %d: the parent's own, not close-on-exec"), f->own);
	if (f->own < 0)
		return -1;
	return open_pipe(f->hold, "hold");
}

/* stdin from the hold pipe, stdout to the ready pipe: what the role needs. */
static void add_stdio(posix_spawn_file_actions_t *fa, const Fds *f, const char *stderr_path)
{
	report_action("adddup2(hold[0], 0)", posix_spawn_file_actions_adddup2(fa, f->hold[0], 0));
	report_action("adddup2(ready[1], 1)", posix_spawn_file_actions_adddup2(fa, f->ready[1], 1));
	report_action(stderr_path[0] == '/' ? "addopen(2, \"/dev/null\", O_WRONLY)" :
		      "addopen(2, \"null\", O_WRONLY)",
		      posix_spawn_file_actions_addopen(fa, 2, stderr_path, O_WRONLY, 0));
}

/* Closes every FD from `from` up in the child: addclosefrom_np where glibc
 * has it (2.34), else one addclose per FD the parent has open now. */
static void add_close_from(posix_spawn_file_actions_t *fa, int from)
{
#ifdef HAVE_POSIX_SPAWN_FILE_ACTIONS_ADDCLOSEFROM_NP
	char what[48];

	snprintf(what, sizeof what, "addclosefrom_np(%d)", from);
	report_action(what, posix_spawn_file_actions_addclosefrom_np(fa, from));
#else
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;

	demo_note(_("this glibc has no posix_spawn_file_actions_addclosefrom_np: closing each FD from %d up "
		    "by name"), from);
	while (d != NULL && (e = readdir(d)) != NULL) {
		int fd = atoi(e->d_name);
		if (e->d_name[0] != '.' && fd >= from && fd != dirfd(d))
			posix_spawn_file_actions_addclose(fa, fd);
	}
	if (d != NULL)
		closedir(d);
#endif
}

/* Spawns the "_hold" role with the given actions and waits until it runs:
 * with the parent's write end closed, a child that died reads as EOF. */
static pid_t spawn_holder(const char *self, const posix_spawn_file_actions_t *fa, Fds *f,
			  const char *label)
{
	char *child_argv[] = { "forkscope-demo", "_hold", NULL };
	pid_t pid = -1;
	char byte;
	ssize_t n = 0;
	int rc = posix_spawn(&pid, self, fa, NULL, child_argv, environ);

	demo_api("posix_spawn", rc, rc, rc == 0 ? pid : 0,
		 "posix_spawn(&pid, \"%s\", &%s, NULL, argv, environ) = %d, pid = %d", self, label, rc, (int)pid);
	close(f->ready[1]);
	if (rc == 0)
		do
			n = read(f->ready[0], &byte, 1);
		while (n < 0 && errno == EINTR);
	close(f->ready[0]);
	if (rc == 0 && n != 1)
		demo_note(_("the child %d did not start its role"), (int)pid);
	return rc == 0 ? pid : -1;
}

/* Child A: the three standard FDs as asked, and addclose for the pipe ends
 * it must not keep (with hold[1] open in the child, its stdin would never
 * reach end of file). Whatever is not named stays. */
static pid_t spawn_named_only(const char *self, Fds *f)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;

	if (open_pipe(f->ready, "ready_A") < 0)
		return -1;
	posix_spawn_file_actions_init(&fa);
	add_stdio(&fa, f, "/dev/null");
	report_action("addclose(hold[0])", posix_spawn_file_actions_addclose(&fa, f->hold[0]));
	report_action("addclose(hold[1])", posix_spawn_file_actions_addclose(&fa, f->hold[1]));
	report_action("addclose(ready[0])", posix_spawn_file_actions_addclose(&fa, f->ready[0]));
	report_action("addclose(ready[1])", posix_spawn_file_actions_addclose(&fa, f->ready[1]));
	pid = spawn_holder(self, &fa, f, "actions_A");
	posix_spawn_file_actions_destroy(&fa);
	return pid;
}

/* Child B: cwd /dev first, then files opened by names relative to it, then
 * everything from 4 up closed: the table is exactly 0-3. */
static pid_t spawn_exact(const char *self, Fds *f)
{
	posix_spawn_file_actions_t fa;
	const char *null_path = "/dev/null", *zero_path = "/dev/zero";
	pid_t pid;

	if (open_pipe(f->ready, "ready_B") < 0)
		return -1;
	posix_spawn_file_actions_init(&fa);
#ifdef HAVE_POSIX_SPAWN_FILE_ACTIONS_ADDCHDIR_NP
	report_action("addchdir_np(\"/dev\")", posix_spawn_file_actions_addchdir_np(&fa, "/dev"));
	null_path = "null";
	zero_path = "zero";
#else
	demo_note("%s", _("this glibc has no posix_spawn_file_actions_addchdir_np: the child keeps the "
			  "parent's cwd"));
#endif
	add_stdio(&fa, f, null_path);
	report_action(zero_path[0] == '/' ? "addopen(3, \"/dev/zero\", O_RDONLY)" : "addopen(3, \"zero\", O_RDONLY)",
		      posix_spawn_file_actions_addopen(&fa, 3, zero_path, O_RDONLY, 0));
	add_close_from(&fa, 4);
	pid = spawn_holder(self, &fa, f, "actions_B");
	posix_spawn_file_actions_destroy(&fa);
	return pid;
}

/* Child C: an action that fails stops the spawn before the exec. */
static void spawn_failing(const char *self)
{
	posix_spawn_file_actions_t fa;
	char *child_argv[] = { "forkscope-demo", "_hold", NULL };
	pid_t pid = -1;
	int rc;

	posix_spawn_file_actions_init(&fa);
	report_action("addopen(3, \"" MISSING_FILE "\", O_RDONLY)",
		      posix_spawn_file_actions_addopen(&fa, 3, MISSING_FILE, O_RDONLY, 0));
	rc = posix_spawn(&pid, self, &fa, NULL, child_argv, environ);
	demo_api("posix_spawn", rc, rc, 0,
		 _("posix_spawn(&pid, \"%s\", &actions_C, NULL, argv, environ) = %d (%s): the addopen failed "
		   "in the child, the program never ran"),
		 self, rc, rc ? strerrorname_np(rc) : _("no error"));
	posix_spawn_file_actions_destroy(&fa);
}

static int reap(pid_t pid)
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

int demo_spawn_file_actions(int argc, char **argv)
{
	char self[PATH_MAX];
	Fds f = { -1, { -1, -1 }, { -1, -1 } };
	pid_t a = -1, b = -1;
	int rc = 1;

	if (!self_exe(self, sizeof self)) {
		demo_note(_("cannot find this helper's own program: %s"), strerror(errno));
		return 1;
	}
	if (set_up_parent(&f) < 0)
		return 1;
	demo_step(1);
	if ((a = spawn_named_only(self, &f)) > 0) {
		demo_step(2);
		if ((b = spawn_exact(self, &f)) > 0) {
			demo_step(3);
			spawn_failing(self);
			demo_step(4);
			rc = 0;
		}
	}
	/* End of file on the hold pipe lets both children go. */
	close(f.hold[1]);
	if (a > 0 && reap(a) < 0)
		rc = 1;
	if (b > 0 && reap(b) < 0)
		rc = 1;
	return rc;
}
