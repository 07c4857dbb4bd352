/* Handing a command's output over to a small reader: see hand_over.h. */
#include "live/hand_over.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

/* Closes everything but fd and to (the child's side). */
static void keep_only(int fd, int to)
{
	int lo = fd < to ? fd : to, hi = fd < to ? to : fd;

	if (to < 0)
		lo = hi = fd;
	if (lo > 0)
		close_range(0, (unsigned)lo - 1, 0);
	if (hi > lo + 1)
		close_range((unsigned)lo + 1, (unsigned)hi - 1, 0);
	close_range((unsigned)hi + 1, ~0U, 0);
}

void fd_hand_over(int fd, int to, const char *name)
{
	char buf[4096];
	ssize_t n;

	if (fd < 0 || fork() != 0)
		return;
	prctl(PR_SET_NAME, name);
	signal(SIGHUP, SIG_IGN);
	keep_only(fd, to);
	fcntl(fd, F_SETFL, 0);
	/* A pty's reader meets EIO once the last process on it is gone. */
	while ((n = read(fd, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
		if (n > 0 && to >= 0 && write(to, buf, (size_t)n) < 0)
			break;
	_exit(0);
}
