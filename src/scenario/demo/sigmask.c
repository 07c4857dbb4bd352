/*
 * sigmask: the signal mask as a gate (see scenarios/sigmask.c). A child
 * catches SIGUSR1 and SIGRTMIN+1 (a real-time signal) and blocks both; the parent sends each twice
 * while they are blocked, the child unblocks one, then the other, and
 * counts its handler's runs; last the child ignores SIGUSR2 and the parent
 * sends it.
 *
 * Parent and child take turns over a socket pair: one byte says "your
 * turn", end of file says the other side is gone (the child then exits, so
 * nothing waits forever). The handlers only count and keep the value a
 * signal carried; the child reports what they saw once they have returned.
 */
#include "scenario/demo/demo.h"
#include "scenario/demo/family.h"

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/i18n.h"

int demo_sigmask(int argc, char **argv);

enum { TIMES_SENT = 2 };

/* glibc's SIGRTMIN is a function call, not a constant. */
#define RT_SIGNAL (SIGRTMIN + 1)

static volatile sig_atomic_t usr1_runs, rt_runs;
static volatile sig_atomic_t rt_values[TIMES_SENT];

static void on_usr1(int signo)
{
	(void)signo;
	usr1_runs++;
}

static void on_rt(int signo, siginfo_t *info, void *context)
{
	(void)signo;
	(void)context;
	if (rt_runs < TIMES_SENT)
		rt_values[rt_runs] = info->si_value.sival_int;
	rt_runs++;
}

/* One byte to the other side: your turn. */
static void pass_turn(int sock)
{
	ssize_t n;

	do
		n = write(sock, "t", 1);
	while (n < 0 && errno == EINTR);
}

/* Waits for the other side's turn; false at end of file (it is gone). */
static bool await_turn(int sock)
{
	char c;
	ssize_t n;

	do
		n = read(sock, &c, 1);
	while (n < 0 && errno == EINTR);
	return n == 1;
}

static void set_mask(int how, int sig_a, int sig_b, const char *call)
{
	sigset_t set;
	int rc;

	sigemptyset(&set);
	sigaddset(&set, sig_a);
	if (sig_b > 0)
		sigaddset(&set, sig_b);
	rc = sigprocmask(how, &set, NULL);
	demo_api("sigprocmask", rc, rc < 0 ? errno : 0, 0, "%s = %d", call, rc);
}

static int catch_signals(void)
{
	struct sigaction usr1 = { .sa_handler = on_usr1 };
	struct sigaction rt = { .sa_sigaction = on_rt, .sa_flags = SA_SIGINFO };
	int rc;

	sigemptyset(&usr1.sa_mask);
	sigemptyset(&rt.sa_mask);
	rc = sigaction(SIGUSR1, &usr1, NULL);
	demo_api("sigaction", rc, rc < 0 ? errno : 0, 0, "sigaction(SIGUSR1, handler) = %d", rc);
	if (rc < 0)
		return -1;
	rc = sigaction(RT_SIGNAL, &rt, NULL);
	demo_api("sigaction", rc, rc < 0 ? errno : 0, 0,
		 "sigaction(SIGRTMIN+1, handler, SA_SIGINFO) = %d", rc);
	return rc;
}

/* Is signo in this thread's or the process's pending set? */
static bool is_pending(int signo)
{
	sigset_t pending;

	sigemptyset(&pending);
	sigpending(&pending);
	return sigismember(&pending, signo) == 1;
}

/* The child: the gate. Never returns. */
static void __attribute__((noreturn)) child_gate(int sock)
{
	struct sigaction ignore = { .sa_handler = SIG_IGN };
	int rc;

	if (catch_signals() < 0)
		_exit(1);
	set_mask(SIG_BLOCK, SIGUSR1, RT_SIGNAL, "sigprocmask(SIG_BLOCK, {SIGUSR1, SIGRTMIN+1})");
	demo_step(1);
	pass_turn(sock);
	if (!await_turn(sock)) /* the parent sent SIGUSR1 twice: step 2 */
		_exit(1);

	/* The pending SIGUSR1 is delivered before sigprocmask returns. */
	set_mask(SIG_UNBLOCK, SIGUSR1, 0, "sigprocmask(SIG_UNBLOCK, {SIGUSR1})");
	demo_api("handler", usr1_runs, 0, 0, _("runs of the SIGUSR1 handler = %d, for %d kill() calls"),
		 (int)usr1_runs, TIMES_SENT);
	demo_step(3);
	pass_turn(sock);
	if (!await_turn(sock)) /* the parent queued SIGRTMIN+1 twice: step 4 */
		_exit(1);

	set_mask(SIG_UNBLOCK, RT_SIGNAL, 0, "sigprocmask(SIG_UNBLOCK, {SIGRTMIN+1})");
	demo_api("handler", rt_runs, 0, 0,
		 _("runs of the SIGRTMIN+1 handler = %d, with the values %d then %d"), (int)rt_runs,
		 (int)rt_values[0], (int)rt_values[1]);
	demo_step(5);

	sigemptyset(&ignore.sa_mask);
	rc = sigaction(SIGUSR2, &ignore, NULL);
	demo_api("sigaction", rc, rc < 0 ? errno : 0, 0, "sigaction(SIGUSR2, SIG_IGN) = %d", rc);
	pass_turn(sock);
	/* The parent sent SIGUSR2 before its turn byte: by the time read
	 * returns here, the kernel has dealt with the signal. */
	if (!await_turn(sock))
		_exit(1);
	demo_api("sigpending", 0, 0, 0, "%s",
		 is_pending(SIGUSR2) ? _("sigpending() = 0: SIGUSR2 is in the set")
				     : _("sigpending() = 0: SIGUSR2 is not in the set"));
	demo_step(6);
	_exit(usr1_runs == 1 && rt_runs == TIMES_SENT ? 0 : 1);
}

static int send_signal(pid_t child, int signo, const char *name)
{
	int rc = kill(child, signo);

	demo_api("kill", rc, rc < 0 ? errno : 0, 0, "kill(%d, %s) = %d", (int)child, name, rc);
	return rc;
}

static int queue_signal(pid_t child, int value)
{
	int rc = sigqueue(child, RT_SIGNAL, (union sigval){ .sival_int = value });

	demo_api("sigqueue", rc, rc < 0 ? errno : 0, 0, "sigqueue(%d, SIGRTMIN+1, %d) = %d",
		 (int)child, value, rc);
	return rc;
}

static int parent_sends(int sock, pid_t child)
{
	if (!await_turn(sock)) /* the child blocked both: step 1 */
		return -1;
	for (int i = 0; i < TIMES_SENT; i++)
		if (send_signal(child, SIGUSR1, "SIGUSR1") < 0)
			return -1;
	demo_step(2);
	pass_turn(sock);

	if (!await_turn(sock)) /* the child unblocked SIGUSR1: step 3 */
		return -1;
	for (int i = 1; i <= TIMES_SENT; i++)
		if (queue_signal(child, i) < 0)
			return -1;
	demo_step(4);
	pass_turn(sock);

	if (!await_turn(sock)) /* the child ignores SIGUSR2 */
		return -1;
	if (send_signal(child, SIGUSR2, "SIGUSR2") < 0)
		return -1;
	pass_turn(sock);
	return 0;
}

int demo_sigmask(int argc, char **argv)
{
	int sv[2], status, rc;
	pid_t child;

	(void)argc;
	(void)argv;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
		demo_api("socketpair", -1, errno, 0, "socketpair() = -1: %s", strerror(errno));
		return 1;
	}
	child = family_fork(true);
	if (child == 0) {
		close(sv[0]);
		child_gate(sv[1]);
	}
	close(sv[1]);
	if (child < 0) {
		close(sv[0]);
		return 1;
	}
	rc = parent_sends(sv[0], child);
	close(sv[0]); /* a child still waiting for its turn sees end of file */
	status = family_wait(child);
	return rc == 0 && status == 0 ? 0 : 1;
}
