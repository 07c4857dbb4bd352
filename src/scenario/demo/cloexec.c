/*
 * cloexec: three FDs that differ only in the close-on-exec flag and in how
 * it was set (O_CLOEXEC at open, FD_CLOEXEC with fcntl afterwards, not at
 * all). All three survive fork; the child's exec of ls is held, so the FD
 * table shows ls before it opens anything of its own. The helper's own
 * report and control pipes are close-on-exec (main sets it), so they never
 * appear in the program the child runs.
 */
#include "scenario/demo/demo.h"
#include "scenario/demo/family.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

int demo_cloexec(int argc, char **argv);

static int open_reported(const char *path, int flags, const char *flags_text)
{
	int fd = open(path, flags);
	int err = errno;

	demo_api("open", fd, fd < 0 ? err : 0, 0, "open(\"%s\", %s) = %d%s%s", path, flags_text, fd,
		 fd < 0 ? ": " : "", fd < 0 ? strerror(err) : "");
	return fd;
}

/* The flag set after open: a window in which another thread's fork+exec
 * would leak the FD, which is why O_CLOEXEC exists. */
static int set_cloexec_later(int fd)
{
	int flags = fcntl(fd, F_GETFD);
	int rc = flags < 0 ? -1 : fcntl(fd, F_SETFD, flags | FD_CLOEXEC);

	demo_api("fcntl", rc, rc < 0 ? errno : 0, 0, "fcntl(%d, F_SETFD, FD_CLOEXEC) = %d", fd, rc);
	return rc;
}

int demo_cloexec(int argc, char **argv)
{
	int at_open, later, plain;
	pid_t child;

	at_open = open_reported("/etc/group", O_RDONLY | O_CLOEXEC, "O_RDONLY|O_CLOEXEC");
	later = open_reported("/etc", O_RDONLY | O_DIRECTORY, "O_RDONLY|O_DIRECTORY");
	plain = open_reported("/etc/passwd", O_RDONLY, "O_RDONLY");
	if (at_open < 0 || later < 0 || plain < 0 || set_cloexec_later(later) < 0)
		return 1;
	demo_step(1);

	child = family_fork(true);
	if (child < 0)
		return 1;
	if (child == 0) {
		demo_step(2);
		demo_hold(3, "exec");
		execl("/bin/ls", "ls", "-l", "/proc/self/fd", (char *)NULL);
		family_exec_failed("execl", "execl(\"/bin/ls\", \"ls\", \"-l\", \"/proc/self/fd\", NULL)");
	}
	if (family_wait(child) < 0)
		return 1;
	demo_step(4);
	close(at_open);
	close(later);
	close(plain);
	return 0;
}
