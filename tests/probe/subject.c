/*
 * The test subject, see subject.h. Messages on the reply pipe are written
 * whole with one write() each (all are smaller than PIPE_BUF, so atomic);
 * the test blocks on them instead of sleeping. Every child has
 * PR_SET_PDEATHSIG so that none outlives a test that crashed.
 */
#include "subject.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int read_full(int fd, void *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, (char *)buf + got, len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	return 0;
}

static void write_full(int fd, const void *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			_exit(90);
		buf = (const char *)buf + n;
		len -= (size_t)n;
	}
}

static void on_term(int signo)
{
	(void)signo;
}

static void setup_signals(void)
{
	sigset_t block;
	struct sigaction sa;

	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGRTMIN + 2);
	sigprocmask(SIG_BLOCK, &block, NULL);
	signal(SIGUSR2, SIG_IGN);
	signal(SIGINT, SIG_DFL); /* whatever the test runner caught */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	raise(SIGUSR1);                 /* thread-directed: SigPnd */
	kill(getpid(), SIGRTMIN + 2);   /* process-directed: ShdPnd */
}

static void setup_fds(SubjectReady *r, const char *plain_file)
{
	int p[2], sv[2];
	char buf[10];
	struct stat st;

	r->fd_cloexec = open("/dev/null", O_RDONLY | O_CLOEXEC);
	r->fd_plain = open(plain_file, O_RDONLY);
	if (r->fd_plain < 0 || read(r->fd_plain, buf, sizeof buf) != (ssize_t)sizeof buf)
		_exit(91);
	r->fd_append = open("/dev/null", O_WRONLY | O_APPEND);
	if (pipe2(p, O_NONBLOCK) < 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		_exit(92);
	r->fd_pipe_read = p[0];
	r->fd_pipe_write = p[1];
	r->fd_socket = sv[0];
	r->fd_socket_peer = sv[1];
	if (fstat(sv[0], &st) < 0)
		_exit(92);
	r->socket_ino = (unsigned long)st.st_ino;
	if (fstat(sv[1], &st) < 0)
		_exit(92);
	r->socket_peer_ino = (unsigned long)st.st_ino;
	r->fd_eventfd = eventfd(7, 0);
	r->fd_pidfd = (int)syscall(SYS_pidfd_open, getppid(), 0);
}

static void setup_memory(SubjectReady *r, size_t mib)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), size = mib << 20, i;
	char *base, *region;

	/* PROT_NONE guard pages on both sides keep the region its own mapping */
	base = mmap(NULL, size + 2 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED)
		_exit(93);
	region = base + page;
	if (mprotect(region, size, PROT_READ | PROT_WRITE) < 0)
		_exit(94);
	madvise(region, size, MADV_NOHUGEPAGE); /* copy-on-write page by page */
	for (i = 0; i < size; i += page)
		region[i] = (char)(i / page) | 1;
	r->region = (unsigned long)region;
	r->region_bytes = size;
}

static void *idle_thread(void *arg)
{
	for (;;)
		pause();
	return arg;
}

static void setup_identity(void)
{
	struct sched_param sp = { 0 };
	pthread_t t;
	int i;

	if (setsid() < 0)
		_exit(95);
	setpriority(PRIO_PROCESS, 0, 5);
	sched_setscheduler(0, SCHED_BATCH, &sp);
	prctl(PR_SET_NAME, "fs-subject", 0, 0, 0);
	if (geteuid() == 0) {
		if (setresgid(SUBJECT_GID_REAL, SUBJECT_GID_EFF, SUBJECT_GID_SAVED) < 0 ||
		    setresuid(SUBJECT_UID_REAL, SUBJECT_UID_EFF, SUBJECT_UID_SAVED) < 0)
			_exit(96);
	}
	for (i = 0; i < 2; i++)
		if (pthread_create(&t, NULL, idle_thread, NULL) != 0)
			_exit(97);
}

/* The twin: waits for "write N bytes" orders until its pipe closes. */
static void twin_main(const SubjectReady *r, int twin_cmd, int reply)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), bytes, i;
	char *region = (char *)r->region;

	while (read_full(twin_cmd, &bytes, sizeof bytes) == 0) {
		for (i = 0; i < bytes && i < r->region_bytes; i += page)
			region[i] ^= 0x40;
		write_full(reply, "w", 1);
	}
	_exit(0);
}

static void subject_main(unsigned flags, size_t mib, const char *plain_file,
                         int cmd, int twin_cmd, int reply)
{
	SubjectReady r;
	char c;

	memset(&r, 0, sizeof r);
	r.fd_cloexec = r.fd_plain = r.fd_append = r.fd_pipe_read = r.fd_pipe_write = -1;
	r.fd_socket = r.fd_socket_peer = r.fd_eventfd = r.fd_pidfd = -1;
	if (flags & SUBJECT_FDS)
		setup_fds(&r, plain_file);
	if (flags & SUBJECT_MEMORY)
		setup_memory(&r, mib);
	if (flags & SUBJECT_IDENTITY)
		setup_identity();
	if (flags & SUBJECT_SIGNALS)
		setup_signals();
	write_full(reply, &r, sizeof r);

	while (read_full(cmd, &c, 1) == 0) {
		pid_t twin;

		if (c != 'f')
			continue;
		twin = fork();
		if (twin == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			close(cmd);
			twin_main(&r, twin_cmd, reply);
		}
		write_full(reply, &twin, sizeof twin);
	}
	_exit(0);
}

int Subject_start(Subject *s, unsigned flags, size_t mib, const char *plain_file)
{
	int cmd[2], twin_cmd[2], reply[2];
	pid_t test = getpid();

	memset(s, 0, sizeof *s);
	s->cmd = s->twin_cmd = s->reply = -1;
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	if (pipe2(cmd, O_CLOEXEC) < 0 || pipe2(twin_cmd, O_CLOEXEC) < 0 || pipe2(reply, O_CLOEXEC) < 0)
		return -1;
	s->pid = fork();
	if (s->pid < 0)
		return -1;
	if (s->pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != test)
			_exit(0);
		close(cmd[1]);
		close(twin_cmd[1]);
		close(reply[0]);
		subject_main(flags, mib, plain_file, cmd[0], twin_cmd[0], reply[1]);
	}
	close(cmd[0]);
	close(twin_cmd[0]);
	close(reply[1]);
	s->cmd = cmd[1];
	s->twin_cmd = twin_cmd[1];
	s->reply = reply[0];
	if (read_full(s->reply, &s->ready, sizeof s->ready) < 0) {
		Subject_stop(s);
		return -1;
	}
	return 0;
}

pid_t Subject_fork(Subject *s)
{
	if (write(s->cmd, "f", 1) != 1 || read_full(s->reply, &s->twin, sizeof s->twin) < 0)
		return -1;
	return s->twin;
}

int Subject_twin_write(Subject *s, size_t bytes)
{
	char ack;

	if (write(s->twin_cmd, &bytes, sizeof bytes) != (ssize_t)sizeof bytes)
		return -1;
	return read_full(s->reply, &ack, 1);
}

void Subject_stop(Subject *s)
{
	if (s->twin > 0) {
		kill(s->twin, SIGKILL);
		while (waitpid(s->twin, NULL, 0) < 0 && errno == EINTR)
			;
	}
	if (s->pid > 0) {
		kill(s->pid, SIGKILL);
		while (waitpid(s->pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	if (s->cmd >= 0)
		close(s->cmd);
	if (s->twin_cmd >= 0)
		close(s->twin_cmd);
	if (s->reply >= 0)
		close(s->reply);
	memset(s, 0, sizeof *s);
	s->cmd = s->twin_cmd = s->reply = -1;
}
