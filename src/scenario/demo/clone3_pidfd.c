/*
 * clone3-pidfd: a child made by clone3 with CLONE_PIDFD, signalled, watched
 * and reaped through its pidfd (see scenarios/clone3_pidfd.c).
 *
 * glibc 2.36 has no clone3 wrapper, so the raw system call is used. Without
 * CLONE_VM the child is a copy of the parent, as after fork, and returns
 * from the same call with 0. It must not rely on glibc's cached thread id
 * (which fork would have refreshed): it only waits for a signal, reports
 * and exits.
 *
 * Reports are stamped as each call returns, and a child woken by the signal
 * can return from sigwaitinfo before the sender returns from
 * pidfd_send_signal; so the child reports its receipt only once the parent
 * has reported the send (a futex word in a page they share), and the
 * timeline shows the send first.
 */
#include "scenario/demo/demo.h"

#include <errno.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef HAVE_SYS_PIDFD_H
#include <sys/pidfd.h>
#endif

#include "base/i18n.h"

int demo_clone3_pidfd(int argc, char **argv);

#define CHILD_STATUS 42

static int send_via_pidfd(int pidfd, int signo)
{
#ifdef HAVE_SYS_PIDFD_H
	return pidfd_send_signal(pidfd, signo, NULL, 0);
#else
	return (int)syscall(SYS_pidfd_send_signal, pidfd, signo, NULL, 0);
#endif
}

/* Set to 1 by the parent once its pidfd_send_signal is reported. */
static void announce_sent(uint32_t *sent)
{
	__atomic_store_n(sent, 1, __ATOMIC_RELEASE);
	syscall(SYS_futex, sent, FUTEX_WAKE, 1, NULL, NULL, 0);
}

static void wait_announced(uint32_t *sent)
{
	while (__atomic_load_n(sent, __ATOMIC_ACQUIRE) == 0)
		syscall(SYS_futex, sent, FUTEX_WAIT, 0, NULL, NULL, 0);
}

/* The child: waits for SIGUSR1 (blocked since before clone3, so it cannot
 * arrive too early), then ends step 2 at its own exit. */
static void run_child(const sigset_t *usr1, uint32_t *sent)
{
	siginfo_t info;
	int signo;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	demo_api("clone3", 0, 0, 0, "%s", _("clone3() = 0 in the child: no pidfd here, the parent holds it"));
	do
		signo = sigwaitinfo(usr1, &info);
	while (signo < 0 && errno == EINTR);
	if (sent != NULL)
		wait_announced(sent);
	demo_api("sigwaitinfo", signo, signo < 0 ? errno : 0, 0, _("sigwaitinfo({SIGUSR1}) = %d, sent by pid %d"),
		 signo, signo > 0 ? (int)info.si_pid : 0);
	demo_hold(2, "exit");
	_exit(CHILD_STATUS);
}

static pid_t clone3_with_pidfd(int *pidfd)
{
	struct clone_args args;

	memset(&args, 0, sizeof args);
	args.flags = CLONE_PIDFD;
	args.pidfd = (uint64_t)(uintptr_t)pidfd;
	args.exit_signal = SIGCHLD;
	return (pid_t)syscall(SYS_clone3, &args, sizeof args);
}

/* Step 3 ends when the child is a zombie: the pidfd turns readable. */
static void wait_readable(int pidfd)
{
	struct pollfd pfd = { .fd = pidfd, .events = POLLIN };
	int n;

	do
		n = poll(&pfd, 1, -1);
	while (n < 0 && errno == EINTR);
	if (n > 0 && (pfd.revents & POLLIN))
		demo_api("poll", n, 0, 0, _("poll({pidfd %d, POLLIN}) = %d, revents POLLIN: the child has exited"),
			 pidfd, n);
	else
		demo_api("poll", n, n < 0 ? errno : 0, 0, "poll({pidfd %d, POLLIN}) = %d, revents none", pidfd, n);
}

static int reap_via_pidfd(int pidfd, pid_t pid)
{
	siginfo_t info;
	int rc;

	memset(&info, 0, sizeof info);
	do
		rc = waitid(P_PIDFD, (id_t)pidfd, &info, WEXITED);
	while (rc < 0 && errno == EINTR);
	demo_api("waitid", rc, rc < 0 ? errno : 0, pid,
		 "waitid(P_PIDFD, %d, &info, WEXITED) = %d: si_pid %d, si_code %s, si_status %d", pidfd, rc,
		 (int)info.si_pid, info.si_code == CLD_EXITED ? "CLD_EXITED" : "other", info.si_status);
	return rc == 0 && info.si_pid == pid && info.si_status == CHILD_STATUS ? 0 : -1;
}

int demo_clone3_pidfd(int argc, char **argv)
{
	sigset_t usr1, old;
	uint32_t *sent = mmap(NULL, sizeof *sent, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int pidfd = -1, rc;
	pid_t pid;

	if (sent == MAP_FAILED)
		sent = NULL; /* the timeline may then show the receipt first */
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, &old);
	pid = clone3_with_pidfd(&pidfd);
	if (pid == 0)
		run_child(&usr1, sent);
	sigprocmask(SIG_SETMASK, &old, NULL);
	demo_api("clone3", pid, pid < 0 ? errno : 0, pid > 0 ? pid : 0,
		 "clone3({.flags = CLONE_PIDFD, .pidfd = &pidfd, .exit_signal = SIGCHLD}) = %d, pidfd = %d",
		 (int)pid, pidfd);
	if (pid < 0) {
		demo_note(_("clone3 failed (%s): this kernel may be older than 5.3"), strerror(errno));
		return 1;
	}
	demo_step(1);
	rc = send_via_pidfd(pidfd, SIGUSR1);
	demo_api("pidfd_send_sig", rc, rc < 0 ? errno : 0, pid, "pidfd_send_signal(%d, SIGUSR1, NULL, 0) = %d",
		 pidfd, rc);
	if (sent != NULL)
		announce_sent(sent);
	if (rc < 0)
		kill(pid, SIGKILL); /* it would wait for SIGUSR1 forever */
	wait_readable(pidfd); /* step 2 ends at the child's exit, meanwhile */
	demo_step(3);
	rc = reap_via_pidfd(pidfd, pid);
	demo_step(4);
	close(pidfd);
	demo_api("close", 0, 0, 0, _("close(%d): the pidfd"), pidfd);
	return rc < 0 ? 1 : 0;
}
