/*
 * zombie-orphan: a child that exits before its parent waits (a zombie
 * until reaped), and a grandchild whose parent exits first (an orphan,
 * adopted by the nearest subreaper or init), first with the helper as an
 * ordinary process and then with the helper as a subreaper.
 *
 * Orphans must survive their parent, so they do not die with it; each one
 * waits on a socket whose other end only the helper holds, and exits when
 * the helper shuts it (or dies: the socket closes then too).
 */
#include "scenario/demo/demo.h"
#include "scenario/demo/family.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/i18n.h"

int demo_zombie_orphan(int argc, char **argv);

enum { ZOMBIE_EXIT = 5 };

/* Reads until end of file: the other end was shut or closed. */
static void wait_for_eof(int fd)
{
	char c;
	ssize_t n;

	do
		n = read(fd, &c, 1);
	while (n > 0 || (n < 0 && errno == EINTR));
}

/* Waits until pid has exited, without reaping it. */
static int wait_exited_not_reaped(pid_t pid)
{
	siginfo_t info;
	int rc;

	memset(&info, 0, sizeof info);
	do
		rc = waitid(P_PID, (id_t)pid, &info, WEXITED | WNOWAIT);
	while (rc < 0 && errno == EINTR);
	demo_api("waitid", rc, rc < 0 ? errno : 0, pid,
		 _("waitid(P_PID, %d, WEXITED|WNOWAIT) = %d: exited with %d, left unreaped"), (int)pid, rc,
		 info.si_status);
	return rc;
}

static int show_zombie(void)
{
	pid_t child = family_fork(true);

	if (child < 0)
		return -1;
	if (child == 0)
		_exit(ZOMBIE_EXIT);
	if (wait_exited_not_reaped(child) < 0)
		return -1;
	demo_step(1);
	if (family_wait(child) < 0)
		return -1;
	demo_step(2);
	return 0;
}

/* The middle process: makes the orphan-to-be and exits without waiting.
 * leash is the orphan's end of the socket. */
static void __attribute__((noreturn)) parent_then_exit(int leash)
{
	pid_t orphan = family_fork(false);

	if (orphan == 0) {
		wait_for_eof(leash);
		_exit(0);
	}
	_exit(orphan < 0 ? 1 : 0);
}

/* Makes a grandchild, lets its parent exit and reaps that parent: the
 * grandchild is then an orphan, already adopted. Returns the helper's end
 * of the socket the orphan waits on, or -1. */
static int make_orphan(void)
{
	int sv[2];
	pid_t middle;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
		demo_api("socketpair", -1, errno, 0, "socketpair() = -1: %s", strerror(errno));
		return -1;
	}
	middle = family_fork(true);
	if (middle == 0) {
		close(sv[0]);
		parent_then_exit(sv[1]);
	}
	close(sv[1]);
	/* The middle exits 0 only if it made the orphan. */
	if (middle < 0 || family_wait(middle) != 0) {
		close(sv[0]);
		return -1;
	}
	return sv[0];
}

static int show_orphan_adopted(void)
{
	int leash = make_orphan();

	if (leash < 0)
		return -1;
	demo_step(3);
	/* Let the orphan go, and see it gone before going on: its end closes
	 * when it exits. Its new parent reaps it. */
	shutdown(leash, SHUT_WR);
	wait_for_eof(leash);
	close(leash);
	return 0;
}

static int show_orphan_to_subreaper(void)
{
	int rc = prctl(PR_SET_CHILD_SUBREAPER, 1);
	int leash;

	demo_api("prctl", rc, rc < 0 ? errno : 0, 0, "prctl(PR_SET_CHILD_SUBREAPER, 1) = %d", rc);
	if (rc < 0 || (leash = make_orphan()) < 0)
		return -1;
	demo_step(4);
	shutdown(leash, SHUT_WR);
	/* Adopted, the orphan is the helper's only child now: waitpid(-1) is
	 * for it, as for any child of the helper's own. */
	rc = family_wait(-1);
	close(leash);
	if (rc < 0)
		return -1;
	demo_step(5);
	return 0;
}

int demo_zombie_orphan(int argc, char **argv)
{
	if (show_zombie() < 0 || show_orphan_adopted() < 0 || show_orphan_to_subreaper() < 0)
		return 1;
	return 0;
}
