/*
 * sigchld: reaping from a SIGCHLD handler, then children that are never
 * zombies (see scenarios/sigchld.c). Three rounds of five children; in
 * each, the children wait on one pipe and exit together when the parent
 * closes its end (end of file: a parent that dies lets them go too).
 *
 * Round 1 installs a handler that reaps with a waitpid(-1, WNOHANG) loop
 * and blocks SIGCHLD while the children exit, so that every exit's SIGCHLD
 * finds the first one still pending whatever the timing; unblocking
 * delivers it. Round 2 sets SIGCHLD to SIG_IGN, round 3 catches it with
 * SA_NOCLDWAIT: the kernel then releases each child at its exit, and the
 * parent's waitpid(-1) blocks until they are all gone and fails with
 * ECHILD. The handler only counts; the parent reports what it counted.
 */
#include "scenario/demo/demo.h"
#include "scenario/demo/family.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/i18n.h"

int demo_sigchld(int argc, char **argv);

enum { CHILDREN = 5 };

static volatile sig_atomic_t handler_runs, handler_reaped;

static void on_sigchld(int signo)
{
	int saved = errno, status;

	(void)signo;
	handler_runs++;
	while (waitpid(-1, &status, WNOHANG) > 0)
		handler_reaped++;
	errno = saved;
}

static int set_sigchld(void (*handler)(int), int flags, const char *call)
{
	struct sigaction sa = { .sa_handler = handler, .sa_flags = flags };
	int rc;

	sigemptyset(&sa.sa_mask);
	rc = sigaction(SIGCHLD, &sa, NULL);
	demo_api("sigaction", rc, rc < 0 ? errno : 0, 0, "%s = %d", call, rc);
	return rc;
}

static void mask_sigchld(int how, const char *call)
{
	sigset_t set;
	int rc;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	rc = sigprocmask(how, &set, NULL);
	demo_api("sigprocmask", rc, rc < 0 ? errno : 0, 0, "%s = %d", call, rc);
}

/* Makes CHILDREN children that exit at end of file on the gate pipe.
 * Returns the gate's write end (closing it lets them go), or -1. */
static int make_children(pid_t pids[CHILDREN])
{
	int gate[2];

	if (pipe2(gate, O_CLOEXEC) < 0) {
		demo_api("pipe", -1, errno, 0, "pipe2() = -1: %s", strerror(errno));
		return -1;
	}
	for (int i = 0; i < CHILDREN; i++) {
		pids[i] = family_fork(true);
		if (pids[i] == 0) {
			char c;
			ssize_t n;

			close(gate[1]);
			do
				n = read(gate[0], &c, 1);
			while (n > 0 || (n < 0 && errno == EINTR));
			_exit(0);
		}
		if (pids[i] < 0) {
			close(gate[0]);
			close(gate[1]); /* the children made so far exit */
			return -1;
		}
	}
	close(gate[0]);
	return gate[1];
}

static void let_go(int gate)
{
	int rc = close(gate);

	demo_api("close", rc, rc < 0 ? errno : 0, 0,
		 _("close(gate) = %d: the %d children read end of file and exit together"), rc,
		 CHILDREN);
}

/* waitpid(-1) with SIGCHLD ignored or SA_NOCLDWAIT: blocks until every
 * child is gone, then fails with ECHILD. Returns 0 if it did. */
static int wait_all_gone(void)
{
	int status, err;
	pid_t got;

	do
		got = waitpid(-1, &status, 0);
	while (got < 0 && errno == EINTR);
	err = got < 0 ? errno : 0;
	if (got < 0)
		demo_api("waitpid", -1, err, 0, "%s",
			 _("waitpid(-1) = -1 ECHILD: it blocked until no child was left, and none was "
			   "left to collect"));
	else
		demo_api("waitpid", got, 0, got, _("waitpid(-1) = %d: a child was a zombie after all"),
			 (int)got);
	return got < 0 && err == ECHILD ? 0 : -1;
}

/* Round 1: five exits while SIGCHLD is blocked, one delivery, one loop. */
static int round_handler(void)
{
	pid_t pids[CHILDREN];
	siginfo_t info;
	int gate, exited = 0;

	if (set_sigchld(on_sigchld, SA_RESTART, "sigaction(SIGCHLD, handler, SA_RESTART)") < 0)
		return -1;
	mask_sigchld(SIG_BLOCK, "sigprocmask(SIG_BLOCK, {SIGCHLD})");
	if ((gate = make_children(pids)) < 0)
		return -1;
	demo_step(1);

	let_go(gate);
	/* Wait until each has exited, without reaping any. */
	for (int i = 0; i < CHILDREN; i++) {
		int rc;

		memset(&info, 0, sizeof info);
		do
			rc = waitid(P_PID, (id_t)pids[i], &info, WEXITED | WNOWAIT);
		while (rc < 0 && errno == EINTR);
		exited += rc == 0;
	}
	demo_api("waitid", exited, 0, 0, _("waitid(WNOWAIT) = 0 for %d children: exited, not reaped"),
		 exited);
	if (exited != CHILDREN)
		return -1;
	demo_step(2);

	/* The pending SIGCHLD is delivered before sigprocmask returns. */
	mask_sigchld(SIG_UNBLOCK, "sigprocmask(SIG_UNBLOCK, {SIGCHLD})");
	demo_api("handler", handler_runs, 0, 0,
		 _("runs of the SIGCHLD handler = %d; its waitpid(-1, WNOHANG) loop reaped %d children"),
		 (int)handler_runs, (int)handler_reaped);
	if (handler_reaped != CHILDREN)
		return -1;
	demo_step(3);
	return 0;
}

/* Round 2: SIGCHLD ignored, no zombies and no signal. */
static int round_ignored(void)
{
	pid_t pids[CHILDREN];
	int gate;

	if (set_sigchld(SIG_IGN, 0, "sigaction(SIGCHLD, SIG_IGN)") < 0)
		return -1;
	if ((gate = make_children(pids)) < 0)
		return -1;
	let_go(gate);
	if (wait_all_gone() < 0)
		return -1;
	demo_step(4);
	return 0;
}

/* Round 3: the handler again, with SA_NOCLDWAIT: signals, but no zombies. */
static int round_nocldwait(void)
{
	pid_t pids[CHILDREN];
	int gate;

	handler_runs = 0;
	handler_reaped = 0;
	if (set_sigchld(on_sigchld, SA_NOCLDWAIT | SA_RESTART,
			"sigaction(SIGCHLD, handler, SA_NOCLDWAIT|SA_RESTART)") < 0)
		return -1;
	if ((gate = make_children(pids)) < 0)
		return -1;
	let_go(gate);
	if (wait_all_gone() < 0)
		return -1;
	demo_api("handler", handler_runs, 0, 0,
		 _("runs of the SIGCHLD handler = %d; its waitpid(-1, WNOHANG) loop reaped %d children"),
		 (int)handler_runs, (int)handler_reaped);
	demo_step(5);
	return 0;
}

int demo_sigchld(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (round_handler() < 0 || round_ignored() < 0 || round_nocldwait() < 0)
		return 1;
	return 0;
}
