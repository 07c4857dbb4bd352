/*
 * How tracees come to the tracer: Tracer_spawn starts a program traced from
 * its first instruction, Tracer_attach seizes running processes. Also the
 * signal state forkscope started with, which every program it starts gets
 * back before exec (the tracer blocks SIGCHLD; the ui and the runner catch
 * or ignore other signals).
 *
 * A spawned program cannot outlive forkscope: it is traced (with EXITKILL)
 * before it may exec, it has PR_SET_PDEATHSIG(SIGKILL) unless it may be
 * detached, and if forkscope dies before the hand-over the child reads EOF
 * instead of its go-ahead and exits. The go-ahead is a pipe rather than a
 * SIGSTOP the child raises: a stop would leave a group-stop and a SIGCONT
 * to hide from the event stream, the pipe leaves nothing.
 */
#include "trace/tracer.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/close_range.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/syscall.h>
#include <stdint.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/xalloc.h"
#include "probe/brief.h"
#include "probe/procfs.h"
#include "trace/tracer_internal.h"

/* How long a program that could not exec may take to be reaped. */
#define FORGET_DEADLINE_US (5 * 1000 * 1000)
/* ... waiting this long at a time for its death. */
#define FORGET_WAIT_MS 100

/* The signal state forkscope started with, given to every program it starts
 * (the tracer blocks SIGCHLD; the ui and runner catch or ignore others). */
static struct {
	bool saved;
	sigset_t mask;
	bool ignored[NSIG];
} original_signals;


void tracer_save_signal_state(void)
{
	if (original_signals.saved)
		return;
	pthread_sigmask(SIG_SETMASK, NULL, &original_signals.mask);
	for (int sig = 1; sig < NSIG; sig++) {
		struct sigaction sa;
		if (sigaction(sig, NULL, &sa) == 0)
			original_signals.ignored[sig] = !(sa.sa_flags & SA_SIGINFO) && sa.sa_handler == SIG_IGN;
	}
	original_signals.saved = true;
}

void tracer_restore_signal_state(void)
{
	for (int sig = 1; sig < NSIG; sig++) {
		struct sigaction sa = { .sa_handler = original_signals.ignored[sig] ? SIG_IGN : SIG_DFL };
		if (sig != SIGKILL && sig != SIGSTOP)
			sigaction(sig, &sa, NULL);
	}
	/* glibc's own signals (32 and 33): its sigaction refuses them, and some
	 * launchers (GNU make's posix_spawn) hand them over ignored. No program
	 * ignores them on purpose: the demo starts with the kernel's default. */
	for (int sig = 32; sig <= 33; sig++) {
		struct { void *handler; unsigned long flags; void *restorer; uint64_t mask; } ksa = { 0 };
		syscall(SYS_rt_sigaction, sig, &ksa, NULL, sizeof ksa.mask);
	}
	pthread_sigmask(SIG_SETMASK, &original_signals.mask, NULL);
}

/* ---- spawning ---- */

#if defined(__x86_64__)
#define EXEC_FILTER_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define EXEC_FILTER_ARCH AUDIT_ARCH_AARCH64
#endif

/* A syscall number no call has: the write checks of a filter without them. */
#define NO_SYSCALL 0xffffffffu

/* Makes every execve and execveat stop for the tracer at its entry
 * (PTRACE_EVENT_SECCOMP, data TRACER_STOP_EXEC), so a failed one can be
 * followed to its error; with writes, every write and writev to FD 1 or 2
 * stops too (data TRACER_STOP_WRITE), so output is known by its writer.
 * Without CAP_SYS_ADMIN the kernel asks for no_new_privs first; that
 * changes nothing a tracer's child had: a set-user-ID program already
 * runs unprivileged under an unprivileged tracer. Async-signal-safe;
 * false if the filter could not be set (the program runs without it). */
static bool install_exec_filter(bool writes)
{
#ifdef EXEC_FILTER_ARCH
	unsigned write_nr = writes ? SYS_write : NO_SYSCALL;
	unsigned writev_nr = writes ? SYS_writev : NO_SYSCALL;
	/* Jumps count the instructions skipped: the comments name the targets. */
	struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, EXEC_FILTER_ARCH, 1, 0),       /* 1: 3, 2 */
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_execve, 8, 0),             /* 4: 13 */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_execveat, 7, 0),           /* 5: 13 */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, write_nr, 2, 0),               /* 6: 9 */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, writev_nr, 1, 0),              /* 7: 9 */
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		/* 9: the FD, an int: the low word of args[0] (little-endian) */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1, 3, 0),                      /* 10: 14 */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 2, 2, 0),                      /* 11: 14 */
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE | TRACER_STOP_EXEC),   /* 13 */
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE | TRACER_STOP_WRITE),  /* 14 */
	};
	struct sock_fprog prog = { .len = sizeof code / sizeof code[0], .filter = code };

	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) == 0)
		return true;
	if (errno != EACCES || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return false;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) == 0;
#else
	return false;
#endif
}

/* The child's side, between fork and exec: only async-signal-safe calls. */
static void __attribute__((noreturn))
spawn_child(const TracerSpawn *spec, int go_rd, int err_wr, pid_t parent)
{
	char go;
	ssize_t n;
	int err;

	if (!spec->detachable && prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
		_exit(127);
	if (getppid() != parent)
		_exit(127); /* forkscope died before the death signal was armed */
	do
		n = go_rd >= 0 ? read(go_rd, &go, 1) : 1; /* untraced: no go-ahead */
	while (n < 0 && errno == EINTR);
	if (n != 1)
		_exit(127); /* forkscope died or gave up before tracing us */
	if (spec->tty_fd > 0) {
		/* A session of its own with the pty as its controlling terminal:
		 * job control works in it, and forkscope's terminal stays ours. */
		if (setsid() < 0 || ioctl(spec->tty_fd, TIOCSCTTY, 0) < 0 ||
		    dup2(spec->tty_fd, 0) < 0 || dup2(spec->tty_fd, 1) < 0 || dup2(spec->tty_fd, 2) < 0)
			_exit(127);
	} else if (spec->stdio_fd > 0) {
		int null = open("/dev/null", O_RDONLY);
		if (null < 0 || dup2(null, 0) < 0 || dup2(spec->stdio_fd, 1) < 0 ||
		    dup2(spec->stdio_fd, 2) < 0)
			_exit(127);
		if (null > 2)
			close(null);
	}
	/* Marked close-on-exec rather than closed: err_wr must live until exec. */
	if (spec->close_other_fds)
		close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
	for (size_t i = 0; i < spec->nkeep; i++) {
		int flags = fcntl(spec->keep_fds[i], F_GETFD);
		if (flags >= 0)
			fcntl(spec->keep_fds[i], F_SETFD, flags & ~FD_CLOEXEC);
	}
	if (spec->new_process_group && spec->tty_fd <= 0)
		setpgid(0, 0); /* (a session leader already leads its group) */
	tracer_restore_signal_state();
	if (spec->exec_attempts && !spec->detachable)
		install_exec_filter(spec->stdio_fd > 0 && spec->output_writers);
	if (spec->envp != NULL)
		execvpe(spec->argv[0], spec->argv, spec->envp);
	else
		execvp(spec->argv[0], spec->argv);
	err = errno;
	n = write(err_wr, &err, sizeof err);
	(void)n;
	_exit(127);
}

int spawn_untraced(const TracerSpawn *spec, pid_t *pid_out)
{
	TracerSpawn plain = *spec;
	int errp[2], err = 0;
	pid_t self = getpid(), pid;
	ssize_t n;

	/* The exec filter needs a tracer: without one every exec would fail. */
	plain.exec_attempts = false;
	spec = &plain;
	if (spec->argv == NULL || spec->argv[0] == NULL)
		return -EINVAL;
	if (pipe2(errp, O_CLOEXEC) < 0)
		return -errno;
	pid = fork();
	if (pid == 0)
		spawn_child(spec, -1, errp[1], self);
	close(errp[1]);
	if (pid < 0) {
		err = errno;
		close(errp[0]);
		return -err;
	}
	do
		n = read(errp[0], &err, sizeof err);
	while (n < 0 && errno == EINTR);
	close(errp[0]);
	if (n == (ssize_t)sizeof err) {
		waitpid(pid, NULL, 0);
		return -err;
	}
	*pid_out = pid;
	return 0;
}

/* Waits until the child has exec'd (the error pipe closes on exec) or
 * failed to; its stops meanwhile are dispatched as usual. 0 or -errno. */
static int spawn_wait_exec(Tracer *t, int err_rd)
{
	for (;;) {
		struct pollfd fds[2] = { { .fd = err_rd, .events = POLLIN }, { .fd = t->epfd, .events = POLLIN } };
		int err;
		ssize_t n;

		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (fds[1].revents & POLLIN)
			Tracer_dispatch(t, 0);
		if (!(fds[0].revents & (POLLIN | POLLHUP)))
			continue;
		n = read(err_rd, &err, sizeof err);
		if (n < 0 && errno == EINTR)
			continue;
		return n == (ssize_t)sizeof err ? -err : 0;
	}
}

/* A child that could not exec: wait until its death is handled (it is our
 * child, so that reaps it) and forget every event it made. */
static void spawn_forget(Tracer *t, pid_t pid)
{
	uint64_t deadline = clock_now_us() + FORGET_DEADLINE_US;

	kill(pid, SIGKILL);
	while (PidMap_has(&t->tracees, pid) && clock_now_us() < deadline)
		Tracer_dispatch(t, FORGET_WAIT_MS);
	EventQueue_drop_pid(&t->queue, pid);
}

int Tracer_spawn(Tracer *t, const TracerSpawn *spec, pid_t *pid_out)
{
	int go[2], errp[2], rc;
	pid_t pid;
	Tracee *tr;

	if (spec->argv == NULL || spec->argv[0] == NULL)
		return -EINVAL;
	if (spec->output_writers && spec->stdio_fd > 0) {
		struct stat st;
		if (fstat(spec->stdio_fd, &st) == 0 && S_ISFIFO(st.st_mode))
			t->output_ino = st.st_ino;
	}
	if (pipe2(go, O_CLOEXEC) < 0)
		return -errno;
	/* Its descendants inherit the filter: none may be let go stopped. */
	if (spec->exec_attempts && !spec->detachable)
		t->exec_filter = true;
	if (pipe2(errp, O_CLOEXEC) < 0) {
		rc = -errno;
		close(go[0]);
		close(go[1]);
		return rc;
	}
	pid = fork();
	if (pid == 0)
		spawn_child(spec, go[0], errp[1], t->self);
	rc = pid < 0 ? -errno : 0;
	close(go[0]);
	close(errp[1]);
	if (rc == 0 && ptrace(PTRACE_SEIZE, pid, 0, (void *)(long)TRACER_OPTIONS_SPAWN) < 0) {
		rc = -errno;
		close(go[1]); /* the child reads EOF and exits */
		waitpid(pid, NULL, 0);
	}
	if (rc < 0) {
		if (pid > 0)
			close(errp[0]);
		else {
			close(go[1]);
			close(errp[0]);
		}
		return rc;
	}
	tr = tracer_add(t, pid, pid, t->self, TS_RUNNING);
	tr->spawning = true;
	if (write(go[1], "g", 1) != 1)
		rc = -errno;
	close(go[1]);
	if (rc == 0)
		rc = spawn_wait_exec(t, errp[0]);
	close(errp[0]);
	if (rc < 0) {
		spawn_forget(t, pid);
		return rc;
	}
	tr = PidMap_get(&t->tracees, pid);
	if (tr != NULL)
		tr->spawning = false;
	if (pid_out != NULL)
		*pid_out = pid;
	return 0;
}

/* ---- attaching ---- */

static void emit_existing(Tracer *t, const Tracee *tr, const ProcBrief *brief)
{
	Event ev = tracer_event(tr, tr->is_thread ? EV_THREAD : EV_FORK);

	ev.how = HOW_EXISTING;
	snprintf(ev.comm, sizeof ev.comm, "%s", brief->comm);
	if (!tr->is_thread)
		brief_exe(tr->pid, ev.detail, sizeof ev.detail);
	tracer_emit(t, &ev);
}

/* Seizes every thread of pid; 0 when its leader was seized, else -errno. */
static int attach_process(Tracer *t, pid_t pid)
{
	ProcBrief brief;
	pid_t *tids = NULL;
	size_t ntids = 0;
	Tracee *leader;
	int rc;

	if (PidMap_has(&t->tracees, pid))
		return 0;
	rc = ProcBrief_read(pid, &brief) == READ_OK ? 0 : -ESRCH;
	if (rc < 0)
		return rc;
	if (ptrace(PTRACE_SEIZE, pid, 0, (void *)(long)TRACER_OPTIONS_ATTACH) < 0)
		return -errno;
	leader = tracer_add(t, pid, pid, brief.ppid, TS_RUNNING);
	emit_existing(t, leader, &brief);
	/* Threads made from here on are reported by their creator's event. */
	procfs_pids(pid, &tids, &ntids);
	for (size_t i = 0; i < ntids; i++) {
		Tracee *thread;
		if (tids[i] == pid || PidMap_has(&t->tracees, tids[i]))
			continue;
		if (ptrace(PTRACE_SEIZE, tids[i], 0, (void *)(long)TRACER_OPTIONS_ATTACH) < 0)
			continue;
		thread = tracer_add(t, tids[i], pid, pid, TS_RUNNING);
		leader->nthreads++;
		emit_existing(t, thread, &brief);
	}
	free(tids);
	return 0;
}

/* Seizes the live descendants of root, parents before children. Children
 * born after their parent was seized are traced by the kernel already. */
static void attach_descendants(Tracer *t, pid_t root)
{
	pid_t *pids = NULL, *ppids;
	size_t n = 0;
	PidMap inside;
	bool grew = true;

	if (procfs_pids(0, &pids, &n) != READ_OK)
		return;
	ppids = xcalloc(n + 1, sizeof *ppids);
	for (size_t i = 0; i < n; i++) {
		ProcBrief brief;
		if (ProcBrief_read(pids[i], &brief) == READ_OK)
			ppids[i] = brief.ppid;
	}
	PidMap_init(&inside);
	PidMap_put(&inside, root, &inside);
	while (grew) {
		grew = false;
		for (size_t i = 0; i < n; i++) {
			if (PidMap_has(&inside, pids[i]) || !PidMap_has(&inside, ppids[i]))
				continue;
			PidMap_put(&inside, pids[i], &inside);
			attach_process(t, pids[i]);
			grew = true;
		}
	}
	PidMap_done(&inside);
	free(ppids);
	free(pids);
}

int Tracer_attach(Tracer *t, pid_t pid, bool descendants)
{
	int rc;

	if (pid <= 0 || pid == t->self)
		return -EINVAL;
	rc = attach_process(t, pid);
	if (rc < 0 || !descendants)
		return rc;
	/* Twice: a child forked by a not-yet-seized process during the first
	 * walk is found by the second. */
	attach_descendants(t, pid);
	attach_descendants(t, pid);
	return 0;
}
