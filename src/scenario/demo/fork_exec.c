/*
 * fork-exec: the parent sets up two FDs (one close-on-exec) and two signal
 * dispositions (one caught, one ignored), forks, and the child execs ls.
 * The exec is a held step, so the panes show ls at the instant it begins:
 * what exec kept and what it reset, before ls itself does anything.
 */
#include "scenario/demo/demo.h"
#include "scenario/demo/family.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static void on_usr1(int signo)
{
	(void)signo;
}

static int open_reported(const char *path, int flags, const char *flags_text)
{
	int fd = open(path, flags);
	int err = errno;

	demo_api("open", fd, fd < 0 ? err : 0, 0, "open(\"%s\", %s) = %d%s%s", path, flags_text, fd,
		 fd < 0 ? ": " : "", fd < 0 ? strerror(err) : "");
	return fd;
}

static int set_dispositions(void)
{
	struct sigaction caught = { .sa_handler = on_usr1 };
	struct sigaction ignored = { .sa_handler = SIG_IGN };
	int rc;

	sigemptyset(&caught.sa_mask);
	sigemptyset(&ignored.sa_mask);
	rc = sigaction(SIGUSR1, &caught, NULL);
	demo_api("sigaction", rc, rc < 0 ? errno : 0, 0, "sigaction(SIGUSR1, handler) = %d", rc);
	if (rc < 0)
		return -1;
	rc = sigaction(SIGUSR2, &ignored, NULL);
	demo_api("sigaction", rc, rc < 0 ? errno : 0, 0, "sigaction(SIGUSR2, SIG_IGN) = %d", rc);
	return rc;
}

static void child_exec_ls(void)
{
	demo_hold(3, "exec");
	execl("/bin/ls", "ls", "-l", "/proc/self/fd", (char *)NULL);
	family_exec_failed("execl", "execl(\"/bin/ls\", \"ls\", \"-l\", \"/proc/self/fd\", NULL)");
}

int demo_fork_exec(int argc, char **argv);

int demo_fork_exec(int argc, char **argv)
{
	int kept, closed;
	pid_t child;

	kept = open_reported("/etc/passwd", O_RDONLY, "O_RDONLY");
	closed = open_reported("/etc/group", O_RDONLY | O_CLOEXEC, "O_RDONLY|O_CLOEXEC");
	if (kept < 0 || closed < 0 || set_dispositions() < 0)
		return 1;
	demo_step(1);

	child = family_fork(true);
	if (child < 0)
		return 1;
	if (child == 0) {
		demo_step(2);
		child_exec_ls();
	}
	if (family_wait(child) < 0)
		return 1;
	demo_step(4);
	close(kept);
	close(closed);
	return 0;
}
