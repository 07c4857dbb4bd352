/*
 * daemon: the double fork (see scenarios/daemon.c). Four processes:
 *
 *   helper    opens two pseudo-terminals of its own (the masters): one for
 *             the session, so the story has a terminal to lose wherever
 *             forkscope runs, and a spare that no session has, for the
 *             daemon to open (the session's could not become the daemon's
 *             controlling terminal anyway: a terminal has one session);
 *   session   the helper's child: setsid, then opens the terminal, which
 *             becomes its controlling terminal (as a login shell has one);
 *             its setsid() again fails with EPERM, as in any group leader;
 *   middle    the session's child, the first fork: setsid (a new session,
 *             no terminal), forks the daemon and exits;
 *   daemon    the second fork: adopted by the nearest subreaper or init; it
 *             goes to "/", points stdin/out/err at /dev/null, closes what
 *             it inherited, and opens the spare terminal without O_NOCTTY:
 *             not a session leader, it does not get it as a controlling
 *             terminal.
 *
 * The daemon has no parent-death signal (its parent exits on purpose) and
 * so, like zombie-orphan's orphans, it holds a socket whose other end only
 * the helper holds: it reports that it is done over it and exits at end of
 * file, which also comes if the helper dies. It is traced like every demo
 * process, so the tracer's EXITKILL ends it with forkscope in any case.
 * The processes wait for one another on pipes, each ending at end of file.
 */
#include "scenario/demo/demo.h"
#include "scenario/demo/family.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"

int demo_daemon(int argc, char **argv);

enum { FD_LIMIT = 1024 };

/* A pseudo-terminal's master, O_NOCTTY so that the helper's own terminal
 * (if any) stays as it is; the slave's path in pts. -1 with pts "". */
static int open_terminal(char *pts, size_t len, const char *what)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	int err;

	pts[0] = '\0';
	if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0 ||
	    ptsname_r(master, pts, len) != 0) {
		err = errno;
		demo_api("posix_openpt", -1, err, 0, "posix_openpt(O_RDWR|O_NOCTTY) = -1: %s", strerror(err));
		demo_note("%s", _("no pseudo-terminal: the processes have no terminal to lose or open"));
		if (master >= 0)
			close(master);
		pts[0] = '\0';
		return -1;
	}
	demo_api("posix_openpt", master, 0, 0, _("posix_openpt(O_RDWR|O_NOCTTY) = %d: %s, %s"), master,
		 what, pts);
	return master;
}

static void report_setsid(pid_t sid, const char *what)
{
	int err = errno;

	if (sid < 0)
		demo_api("setsid", -1, err, 0, _("setsid() = -1 %s: %s"), strerrorname_np(err), what);
	else
		demo_api("setsid", sid, 0, 0, _("setsid() = %d: %s"), (int)sid, what);
}

/* Opens the terminal without O_NOCTTY: a session leader with no controlling
 * terminal gets it as one, anyone else does not. */
static int open_tty(const char *pts, const char *what)
{
	int fd = open(pts, O_RDWR);
	int err = errno;

	if (fd < 0)
		demo_api("open", -1, err, 0, "open(\"%s\", O_RDWR) = -1: %s", pts, strerror(err));
	else
		demo_api("open", fd, 0, 0, _("open(\"%s\", O_RDWR) = %d, without O_NOCTTY: %s"), pts, fd, what);
	return fd;
}

/* Every FD but stdin/out/err, the protocol's and keep is closed, as a
 * daemon closes what it inherited. */
static void close_inherited(int keep)
{
	for (int fd = 3; fd < FD_LIMIT; fd++)
		if (fd != keep && fd != demo_report_fd() && fd != demo_control_fd())
			close(fd);
}

static void __attribute__((noreturn)) run_daemon(int go, int leash, const char *spare)
{
	int null, rc;
	mode_t old;

	if (family_read_byte(go) == 0)
		_exit(1); /* the session went away: the demo is over */
	rc = chdir("/");
	demo_api("chdir", rc, rc < 0 ? errno : 0, 0,
		 _("chdir(\"/\") = %d: the daemon keeps no directory (or its file system) busy"), rc);
	old = umask(0);
	demo_api("umask", (long long)old, 0, 0,
		 _("umask(0) = %03o: the files it creates get the modes it asks for"), (unsigned)old);
	close_inherited(leash);
	null = open("/dev/null", O_RDWR);
	if (null >= 0) {
		for (int fd = 0; fd <= 2; fd++)
			dup2(null, fd);
		if (null > 2)
			close(null);
	}
	demo_api("open", null, null >= 0 ? 0 : errno, 0,
		 _("open(\"/dev/null\", O_RDWR) = %d, then dup2 onto 0, 1 and 2: stdin, stdout and "
		   "stderr go nowhere"), null);
	if (spare[0] != '\0')
		open_tty(spare, _("no session has this terminal, but the daemon is not a session "
				  "leader, so it does not become its controlling terminal"));
	demo_step(4);
	family_write_byte(leash, 'd');
	family_wait_eof(leash);
	_exit(0);
}

/* The first fork's child: a session of its own, then the second fork. */
static void __attribute__((noreturn)) run_middle(int go_middle, int go_daemon, int leash,
						 const char *spare)
{
	pid_t daemon;

	if (family_read_byte(go_middle) == 0)
		_exit(1);
	close(go_middle);
	report_setsid(setsid(), _("a new session and a new process group, both numbered by this "
				  "process's pid, and no controlling terminal"));
	demo_step(2);
	daemon = family_fork(false); /* it must outlive this process */
	if (daemon == 0)
		run_daemon(go_daemon, leash, spare);
	_exit(daemon < 0 ? 1 : 0);
}

/* The helper's child: the terminal's session, and the program that
 * daemonizes. */
static void __attribute__((noreturn)) run_session(const char *pts, const char *spare, int leash)
{
	int go_middle[2], go_daemon[2], tty = -1;
	pid_t middle;

	report_setsid(setsid(), _("a new session, which has no controlling terminal yet"));
	if (pts[0] != '\0')
		tty = open_tty(pts, _("a session leader without a terminal: this one became its "
				      "controlling terminal"));
	report_setsid(setsid(), _("this process leads a process group (a program a shell starts "
				  "as a job does too), and a group leader cannot start a session"));
	if (pipe2(go_middle, O_CLOEXEC) < 0 || pipe2(go_daemon, O_CLOEXEC) < 0)
		_exit(1);
	middle = family_fork(true);
	if (middle == 0) {
		/* The terminal is the session's, not an FD's: it stays without one. */
		if (tty >= 0)
			close(tty);
		close(go_middle[1]);
		close(go_daemon[1]);
		run_middle(go_middle[0], go_daemon[0], leash, spare);
	}
	close(go_middle[0]);
	close(go_daemon[0]);
	if (middle < 0)
		_exit(1);
	demo_step(1);
	family_write_byte(go_middle[1], 'g');
	if (family_wait(middle) != 0)
		_exit(1);
	demo_step(3);
	family_write_byte(go_daemon[1], 'g');
	family_wait_eof(leash);
	_exit(0);
}

int demo_daemon(int argc, char **argv)
{
	char pts[64], spare[64];
	int master, spare_master, sv[2], status;
	pid_t session;

	(void)argc;
	(void)argv;
	master = open_terminal(pts, sizeof pts, _("a terminal of the demo's own, for a session"));
	spare_master = open_terminal(spare, sizeof spare,
				     _("a spare terminal, no session's, for the daemon to open"));
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
		demo_api("socketpair", -1, errno, 0, "socketpair() = -1: %s", strerror(errno));
		return 1;
	}
	session = family_fork(true);
	if (session == 0) {
		if (master >= 0)
			close(master);
		if (spare_master >= 0)
			close(spare_master);
		close(sv[0]);
		run_session(pts, spare, sv[1]);
	}
	close(sv[1]);
	if (session < 0)
		return 1;
	/* The daemon says when it is done (or the socket ends); then every
	 * process still holding the other end is let go. */
	family_read_byte(sv[0]);
	shutdown(sv[0], SHUT_WR);
	status = family_wait(session);
	family_wait_eof(sv[0]); /* the daemon's end closes when it exits */
	close(sv[0]);
	if (master >= 0)
		close(master);
	if (spare_master >= 0)
		close(spare_master);
	return status == 0 ? 0 : 1;
}
