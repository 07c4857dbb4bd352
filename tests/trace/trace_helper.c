/*
 * Workloads for the trace tests: each mode makes processes in a known way,
 * so a test can compare what a source saw with what certainly happened.
 *
 *   storm N SH_EVERY PAR  N children, at most PAR at a time; child i execs
 *                         `sh -c '/bin/true & /bin/true & wait'` when
 *                         i % SH_EVERY == 0, /bin/true when it is 1, and
 *                         otherwise exits at once
 *   forks N               N children that exit at once, one at a time
 *   vfork                 vfork, the child execs /bin/true
 *   spawn                 posix_spawn of /bin/true
 *   clone                 clone() with no exit signal, waited with __WALL
 *   threads N             N threads, joined
 *   thread-exec           a second thread execs /bin/true
 *   catch FD              catches SIGUSR1, writes "r" to FD, exits 42 on SIGUSR1
 *   wait FD               writes "r" to FD, then waits for signals forever
 *   zombie FD             a child exits; reaps it after a byte arrives on FD
 *   orphan FD             a child makes a grandchild and exits; the
 *                         grandchild exits after a byte arrives on FD
 *   mark                  sleeps in a child and a grandchild until killed
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void die(const char *what)
{
	perror(what);
	exit(2);
}

static pid_t fork_or_die(void)
{
	pid_t pid = fork();
	if (pid < 0)
		die("fork");
	return pid;
}

static int wait_ok(pid_t pid)
{
	int st;
	if (waitpid(pid, &st, 0) < 0)
		die("waitpid");
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static int mode_storm(int n, int sh_every, int par)
{
	int running = 0, failures = 0;

	for (int i = 0; i < n; i++) {
		pid_t pid;
		if (running == par) {
			int st;
			if (wait(&st) < 0)
				die("wait");
			failures += !(WIFEXITED(st) && WEXITSTATUS(st) == 0);
			running--;
		}
		pid = fork_or_die();
		if (pid == 0) {
			if (i % sh_every == 0)
				execl("/bin/sh", "sh", "-c", "/bin/true & /bin/true & wait", (char *)NULL);
			else if (i % sh_every == 1)
				execl("/bin/true", "true", (char *)NULL);
			else
				_exit(0);
			_exit(127);
		}
		running++;
	}
	while (running-- > 0) {
		int st;
		if (wait(&st) < 0)
			die("wait");
		failures += !(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	return failures == 0 ? 0 : 1;
}

static int mode_forks(int n)
{
	for (int i = 0; i < n; i++) {
		pid_t pid = fork_or_die();
		if (pid == 0)
			_exit(0);
		if (!wait_ok(pid))
			return 1;
	}
	return 0;
}

static int mode_vfork(void)
{
	pid_t pid = vfork();
	if (pid < 0)
		die("vfork");
	if (pid == 0) {
		execl("/bin/true", "true", (char *)NULL);
		_exit(127);
	}
	return wait_ok(pid) ? 0 : 1;
}

static int mode_spawn(void)
{
	char *argv[] = { "true", NULL };
	pid_t pid;
	int rc = posix_spawn(&pid, "/bin/true", NULL, NULL, argv, environ);
	if (rc != 0) {
		errno = rc;
		die("posix_spawn");
	}
	return wait_ok(pid) ? 0 : 1;
}

static int clone_child(void *arg)
{
	(void)arg;
	return 7;
}

static int mode_clone(void)
{
	static char stack[64 * 1024] __attribute__((aligned(16)));
	int st;
	pid_t pid = clone(clone_child, stack + sizeof stack, 0, NULL);
	if (pid < 0)
		die("clone");
	if (waitpid(pid, &st, __WALL) < 0)
		die("waitpid");
	return WIFEXITED(st) && WEXITSTATUS(st) == 7 ? 0 : 1;
}

static void *thread_idle(void *arg)
{
	return arg;
}

static int mode_threads(int n)
{
	pthread_t th[64];
	if (n > 64)
		n = 64;
	for (int i = 0; i < n; i++)
		if (pthread_create(&th[i], NULL, thread_idle, NULL) != 0)
			die("pthread_create");
	for (int i = 0; i < n; i++)
		pthread_join(th[i], NULL);
	return 0;
}

static void *thread_exec(void *arg)
{
	(void)arg;
	execl("/bin/true", "true", (char *)NULL);
	_exit(127);
}

static int __attribute__((noreturn)) mode_thread_exec(void)
{
	pthread_t th;
	if (pthread_create(&th, NULL, thread_exec, NULL) != 0)
		die("pthread_create");
	for (;;)
		pause();
}

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

static void ready(int fd)
{
	if (write(fd, "r", 1) != 1)
		die("write");
}

static int mode_catch(int fd)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	sigset_t none;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	ready(fd);
	sigemptyset(&none);
	while (!got_usr1)
		sigsuspend(&none);
	return 42;
}

static int __attribute__((noreturn)) mode_wait(int fd)
{
	ready(fd);
	for (;;)
		pause();
}

static void await_byte(int fd)
{
	char c;
	while (read(fd, &c, 1) < 0 && errno == EINTR)
		;
}

static int mode_zombie(int fd)
{
	pid_t pid = fork_or_die();
	if (pid == 0)
		_exit(3);
	await_byte(fd);
	int st;
	if (waitpid(pid, &st, 0) < 0)
		die("waitpid");
	return WIFEXITED(st) && WEXITSTATUS(st) == 3 ? 0 : 1;
}

static int mode_orphan(int fd)
{
	pid_t pid = fork_or_die();
	if (pid == 0) {
		if (fork_or_die() == 0) {
			await_byte(fd);
			_exit(5);
		}
		_exit(0);
	}
	return wait_ok(pid) ? 0 : 1;
}

static int __attribute__((noreturn)) mode_mark(void)
{
	if (fork_or_die() == 0) {
		if (fork_or_die() == 0)
			for (;;)
				pause();
		for (;;)
			pause();
	}
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	int a = argc > 2 ? atoi(argv[2]) : 0;

	if (strcmp(mode, "storm") == 0 && argc == 5)
		return mode_storm(a, atoi(argv[3]), atoi(argv[4]));
	if (strcmp(mode, "forks") == 0)
		return mode_forks(a);
	if (strcmp(mode, "vfork") == 0)
		return mode_vfork();
	if (strcmp(mode, "spawn") == 0)
		return mode_spawn();
	if (strcmp(mode, "clone") == 0)
		return mode_clone();
	if (strcmp(mode, "threads") == 0)
		return mode_threads(a);
	if (strcmp(mode, "thread-exec") == 0)
		return mode_thread_exec();
	if (strcmp(mode, "catch") == 0)
		return mode_catch(a);
	if (strcmp(mode, "wait") == 0)
		return mode_wait(a);
	if (strcmp(mode, "zombie") == 0)
		return mode_zombie(a);
	if (strcmp(mode, "orphan") == 0)
		return mode_orphan(a);
	if (strcmp(mode, "mark") == 0)
		return mode_mark();
	fprintf(stderr, "trace-helper: unknown mode or arguments\n");
	return 2;
}
