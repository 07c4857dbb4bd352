/*
 * pid-namespace: clone with CLONE_NEWPID (see scenarios/pid_namespace.c).
 *
 *   helper     clones the namespace's first process (CLONE_NEWPID, and
 *              CLONE_NEWUSER too where only that is allowed: an unprivileged
 *              user may make a pid namespace inside a user namespace of its
 *              own); where neither is permitted it says why and forks, and
 *              the rest runs in forkscope's namespace for contrast;
 *   init       pid 1 inside: forks two children (pids 2 and 3 there), reaps
 *              the first, and exits, which kills the rest of the namespace;
 *   maker      pid 2: forks pid 4 and exits, leaving it an orphan;
 *   sleeper    pid 3: waits, and is killed when init exits;
 *   orphan     pid 4: adopted by init, not by the host's init or a
 *              subreaper; it learns of its adoption from a parent-death
 *              signal (SIGUSR1, blocked, taken with sigtimedwait).
 *
 * The processes inside report their own view (getpid() is 1 for init; a
 * fork there returns the pid in the namespace); the protocol's pid field is
 * forkscope's number for them (report.c reads it from /proc/self, which was
 * mounted outside). The raw clone system call leaves glibc's cached thread
 * id stale in init: init uses nothing that relies on it (no raise, no
 * mutexes), and its children, made by fork, are whole again.
 *
 * Nobody inside has a parent-death signal to die by: the point is that the
 * kernel kills them when init exits. They wait on a socket whose other end
 * only the helper holds, so without a namespace (or if the helper dies)
 * they end at its end of file; and they are traced, so the tracer's
 * EXITKILL ends them with forkscope in any case.
 */
#include "scenario/demo/demo.h"
#include "scenario/demo/family.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"

int demo_pid_namespace(int argc, char **argv);

enum { ADOPTION_WAIT_S = 10 };

/* The parent's pid as forkscope sees it (stat's field 4 in a /proc mounted
 * outside): getppid() inside the namespace's init is 0. */
static pid_t outer_ppid(void)
{
	char buf[512], *paren;
	int fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
	int ppid = -1;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	if ((paren = strrchr(buf, ')')) != NULL)
		sscanf(paren + 2, "%*c %d", &ppid);
	return ppid;
}

/* fork inside the namespace, reported from both sides with the numbers
 * each sees there. The parent's report names no pid of forkscope's: the
 * session pairs it with the child the tracer saw. */
static pid_t ns_fork(void)
{
	pid_t pid = fork();
	int err = errno;

	if (pid < 0) {
		demo_api("fork", -1, err, 0, "fork() = -1: %s", strerror(err));
		return -1;
	}
	if (pid > 0) {
		demo_api("fork", pid, 0, 0, _("fork() = %d in the parent: the child's pid in this namespace"),
			 (int)pid);
		return pid;
	}
	demo_api("fork", 0, 0, 0, _("fork() = 0 in the child; here getpid() = %d, getppid() = %d"),
		 (int)getpid(), (int)getppid());
	return 0;
}

static int ns_wait(pid_t pid)
{
	int status = 0;
	pid_t got;
	char text[64];

	do
		got = waitpid(pid, &status, 0);
	while (got < 0 && errno == EINTR);
	if (got < 0) {
		demo_api("waitpid", -1, errno, 0, "waitpid(%d) = -1: %s", (int)pid, strerror(errno));
		return -1;
	}
	family_status_text(status, text, sizeof text);
	demo_api("waitpid", got, 0, 0, _("waitpid(%d) = %d, status %s (pids of this namespace)"),
		 (int)pid, (int)got, text);
	return status;
}

/* pid 4: learns that its parent exited from the parent-death signal, and
 * says who adopted it. */
static void __attribute__((noreturn)) run_orphan(pid_t maker, int seen, int leash)
{
	struct timespec limit = { .tv_sec = ADOPTION_WAIT_S };
	sigset_t usr1;
	pid_t ppid;

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	prctl(PR_SET_PDEATHSIG, SIGUSR1);
	if (getppid() == maker) /* else it is gone already */
		while (sigtimedwait(&usr1, NULL, &limit) < 0 && errno == EINTR)
			;
	ppid = getppid();
	demo_api("getppid", ppid, 0, 0,
		 ppid == 1 ? _("getppid() = 1: its parent exited and this namespace's init adopted it")
			   : _("getppid() = %d: its parent exited and it was adopted"), (int)ppid);
	family_write_byte(seen, 'a');
	family_wait_eof(leash);
	_exit(0);
}

/* pid 2: makes the orphan when told, and exits. */
static void __attribute__((noreturn)) run_maker(int go, int seen, int leash)
{
	pid_t self = getpid(), orphan;

	if (family_read_byte(go) == 0)
		_exit(1);
	close(go);
	orphan = ns_fork();
	if (orphan == 0)
		run_orphan(self, seen, leash);
	_exit(orphan < 0 ? 1 : 0);
}

/* The namespace's first process. */
static void __attribute__((noreturn)) run_init(pid_t parent, int leash, const char *how)
{
	int go[2], seen[2];
	pid_t maker, sleeper;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (outer_ppid() != parent)
		_exit(111); /* the helper died before the death signal was armed */
	if (strcmp(how, "clone") == 0)
		demo_api("clone", 0, 0, 0, "%s", _("clone() = 0 in the child"));
	if (getpid() == 1)
		demo_api("getpid", 1, 0, 0,
			 _("getpid() = 1, getppid() = %d: in a new pid namespace the first process is "
			   "pid 1, and its parent, outside, has no pid here"), (int)getppid());
	else
		demo_api("getpid", getpid(), 0, 0,
			 _("getpid() = %d, getppid() = %d: no namespace, the pids forkscope sees"),
			 (int)getpid(), (int)getppid());
	demo_step(1);
	if (pipe2(go, O_CLOEXEC) < 0 || pipe2(seen, O_CLOEXEC) < 0)
		_exit(1);
	maker = ns_fork();
	if (maker == 0) {
		close(go[1]);
		close(seen[0]);
		run_maker(go[0], seen[1], leash);
	}
	sleeper = ns_fork();
	if (sleeper == 0) {
		for (int i = 0; i < 2; i++) {
			close(go[i]);
			close(seen[i]);
		}
		family_wait_eof(leash);
		_exit(0);
	}
	close(go[0]);
	close(seen[1]);
	if (maker < 0 || sleeper < 0)
		_exit(1);
	demo_step(2);
	family_write_byte(go[1], 'g');
	if (ns_wait(maker) != 0 || family_read_byte(seen[0]) != 'a')
		_exit(1);
	demo_step(3);
	demo_note(getpid() == 1 ? _("pid 1 of the namespace calls _exit(0)")
				: _("the first child calls _exit(0)"));
	_exit(0);
}

/* clone without CLONE_VM: the child goes on from here with a copy of the
 * memory, as after fork. */
static pid_t clone_flags(unsigned long flags)
{
	return (pid_t)syscall(SYS_clone, flags | SIGCHLD, NULL, NULL, NULL, NULL);
}

/* The namespace's first process, by the first way permitted: "clone", or
 * "fork" where no namespace may be made (*how says which, for the child's
 * report). */
static pid_t make_init(const char **how)
{
	pid_t pid = clone_flags(CLONE_NEWPID);
	int err = errno;

	*how = "clone";
	if (pid >= 0) {
		if (pid > 0)
			demo_api("clone", pid, 0, pid, _("clone(CLONE_NEWPID|SIGCHLD) = %d in the parent"), (int)pid);
		return pid;
	}
	demo_api("clone", -1, err, 0, "clone(CLONE_NEWPID|SIGCHLD) = -1 %s", strerrorname_np(err));
	if (err == EPERM) {
		pid = clone_flags(CLONE_NEWUSER | CLONE_NEWPID);
		err = errno;
		if (pid > 0)
			demo_api("clone", pid, 0, pid,
				 _("clone(CLONE_NEWUSER|CLONE_NEWPID|SIGCHLD) = %d in the parent: without "
				   "CAP_SYS_ADMIN, a pid namespace inside a user namespace of its own"), (int)pid);
		if (pid >= 0)
			return pid;
		demo_api("clone", -1, err, 0, "clone(CLONE_NEWUSER|CLONE_NEWPID|SIGCHLD) = -1 %s",
			 strerrorname_np(err));
	}
	demo_note(_("no pid namespace: CLONE_NEWPID needs CAP_SYS_ADMIN, or unprivileged user "
		    "namespaces, which this system refuses (%s); the demo forks instead, and every "
		    "process stays in forkscope's namespace: one pid each, orphans adopted outside, "
		    "nobody killed when the first child exits"), strerror(err));
	*how = "fork";
	return family_fork(true);
}

int demo_pid_namespace(int argc, char **argv)
{
	const char *how;
	pid_t parent = getpid(), init;
	int sv[2], status;

	(void)argc;
	(void)argv;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
		demo_api("socketpair", -1, errno, 0, "socketpair() = -1: %s", strerror(errno));
		return 1;
	}
	init = make_init(&how);
	if (init == 0) {
		close(sv[0]);
		run_init(parent, sv[1], how);
	}
	close(sv[1]);
	if (init < 0)
		return 1;
	status = family_wait(init);
	demo_step(4);
	/* Whoever is left (nobody, in a namespace) goes at end of file. */
	shutdown(sv[0], SHUT_WR);
	family_wait_eof(sv[0]);
	close(sv[0]);
	return status == 0 ? 0 : 1;
}
