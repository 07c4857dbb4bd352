/*
 * threads-fork: fork in a process with three threads (see
 * scenarios/threads_fork.c). A worker thread holds the mutex m, an idle
 * thread waits; the main thread forks twice.
 *
 * The first fork has no handlers: the child is a copy of the main thread
 * alone, and its copy of m stays locked by a thread that does not exist
 * there; pthread_mutex_timedlock gives ETIMEDOUT after TIMEDLOCK_MS instead
 * of hanging. Before the second fork the main thread registers
 * pthread_atfork handlers that take m (prepare) and release it (in the
 * parent, and in the child): fork then waits until the worker lets m go.
 * The worker announces that moment itself, once m's lock word says a
 * thread is waiting for it (glibc: 2, locked with waiters), and lets go
 * after the go-ahead; the child takes its copy of m at once and holds it
 * through its step, so /proc/PID/mem shows the child as its owner.
 *
 * The threads talk over pipes, never through m, so that only the lesson
 * touches it. Every wait is bounded: a timed lock, a watch for the waiter
 * given up after WATCH_MS, pipes that end when the helper does.
 */
#include "scenario/demo/demo.h"
#include "scenario/demo/family.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"

int demo_threads_fork(int argc, char **argv);

enum { TIMEDLOCK_MS = 500, WATCH_MS = 10000 };

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int worker_cmd[2] = { -1, -1 }; /* main -> worker: 'w' watch for a waiter; EOF: end */
static int idle_cmd[2] = { -1, -1 };   /* main -> idle thread: EOF ends it */
static int ready[2] = { -1, -1 };      /* thread -> main: "I am running (and hold m)" */

static pid_t tid(void)
{
	return (pid_t)syscall(SYS_gettid);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* Is a thread blocked on m? glibc's lock word is 2 once one waits. */
static bool m_has_waiter(void)
{
	return __atomic_load_n(&m.__data.__lock, __ATOMIC_ACQUIRE) == 2;
}

static void *worker(void *arg)
{
	int rc = pthread_mutex_lock(&m);

	(void)arg;
	demo_api("mutex_lock", rc, rc, 0,
		 _("pthread_mutex_lock(&m) = %d in the worker thread, tid %d: it holds m (m at %p)"), rc,
		 (int)tid(), (void *)&m);
	family_write_byte(ready[1], 'r');
	if (family_read_byte(worker_cmd[0]) != 'w')
		goto out;
	/* The main thread is calling fork, whose prepare handler locks m. */
	for (int waited = 0; !m_has_waiter() && waited < WATCH_MS; waited++)
		sleep_ms(1);
	if (!m_has_waiter())
		demo_note(_("no thread was seen waiting for m after %d s"), WATCH_MS / 1000);
	demo_step(3);
out:
	rc = pthread_mutex_unlock(&m);
	demo_api("mutex_unlock", rc, rc, 0, _("pthread_mutex_unlock(&m) = %d in the worker thread"), rc);
	while (family_read_byte(worker_cmd[0]) != 0)
		;
	return NULL;
}

static void *idle(void *arg)
{
	(void)arg;
	demo_api("gettid", tid(), 0, 0, _("gettid() = %d: the idle thread, waiting on a pipe"),
		 (int)tid());
	family_write_byte(ready[1], 'r');
	while (family_read_byte(idle_cmd[0]) != 0)
		;
	return NULL;
}

static int start_thread(pthread_t *t, void *(*fn)(void *), const char *name)
{
	int rc = pthread_create(t, NULL, fn, NULL);

	demo_api("pthread_create", rc, rc, 0,
		 _("pthread_create(&%s, NULL, %s, NULL) = %d: a clone with CLONE_VM|CLONE_FS|CLONE_FILES|"
		   "CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|"
		   "CLONE_CHILD_CLEARTID: a thread, not a process"), name, name, rc);
	if (rc != 0)
		return -1;
	return family_read_byte(ready[0]) == 'r' ? 0 : -1;
}

/* m as the child finds it: try for TIMEDLOCK_MS. */
static int child_timedlock(const char *why)
{
	struct timespec until;
	int rc;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_nsec += (TIMEDLOCK_MS % 1000) * 1000000L;
	until.tv_sec += TIMEDLOCK_MS / 1000 + until.tv_nsec / 1000000000L;
	until.tv_nsec %= 1000000000L;
	rc = pthread_mutex_timedlock(&m, &until);
	if (rc == ETIMEDOUT)
		demo_api("mutex_timedlock", rc, rc, 0,
			 _("pthread_mutex_timedlock(&m, now + %d ms) = ETIMEDOUT: m is held by the worker "
			   "thread, which does not exist in this process; it never will be unlocked"),
			 TIMEDLOCK_MS);
	else
		demo_api("mutex_timedlock", rc, rc, 0, _("pthread_mutex_timedlock(&m, now + %d ms) = %d: %s"),
			 TIMEDLOCK_MS, rc, why);
	return rc;
}

static void prepare(void)
{
	int rc = pthread_mutex_lock(&m);

	demo_api("mutex_lock", rc, rc, 0,
		 _("prepare handler: pthread_mutex_lock(&m) = %d, once the worker let go: the forking "
		   "thread holds m across the fork"), rc);
}

static void in_parent(void)
{
	int rc = pthread_mutex_unlock(&m);

	demo_api("mutex_unlock", rc, rc, 0, _("parent handler: pthread_mutex_unlock(&m) = %d"), rc);
}

static void in_child(void)
{
	int rc = pthread_mutex_unlock(&m);

	demo_api("mutex_unlock", rc, rc, 0,
		 _("child handler: pthread_mutex_unlock(&m) = %d: the child's copy is free"), rc);
}

/* The first fork: no handlers, m held by the worker. */
static int fork_without_handlers(void)
{
	pid_t child = family_fork(true);

	if (child < 0)
		return -1;
	if (child == 0) {
		child_timedlock(_("locked"));
		demo_step(2);
		_exit(0);
	}
	return family_wait(child) == 0 ? 0 : -1;
}

/* The second fork: the handlers make the child's m usable. */
static int fork_with_handlers(void)
{
	int rc = pthread_atfork(prepare, in_parent, in_child);
	pid_t child;

	demo_api("pthread_atfork", rc, rc, 0,
		 "pthread_atfork(prepare, parent, child) = %d", rc);
	if (rc != 0)
		return -1;
	family_write_byte(worker_cmd[1], 'w');
	child = family_fork(true);
	if (child < 0)
		return -1;
	if (child == 0) {
		rc = child_timedlock(_("the child took its copy of m, and holds it"));
		demo_step(4);
		if (rc == 0)
			pthread_mutex_unlock(&m);
		_exit(rc == 0 ? 0 : 1);
	}
	return family_wait(child) == 0 ? 0 : -1;
}

int demo_threads_fork(int argc, char **argv)
{
	pthread_t w, i;
	bool have_w = false, have_i = false;
	int status = 1;

	(void)argc;
	(void)argv;
	if (pipe2(worker_cmd, O_CLOEXEC) < 0 || pipe2(idle_cmd, O_CLOEXEC) < 0 ||
	    pipe2(ready, O_CLOEXEC) < 0) {
		demo_api("pipe2", -1, errno, 0, "pipe2() = -1: %s", strerror(errno));
		return 1;
	}
	have_w = start_thread(&w, worker, "worker") == 0;
	have_i = have_w && start_thread(&i, idle, "idle") == 0;
	if (have_i) {
		demo_step(1);
		if (fork_without_handlers() == 0 && fork_with_handlers() == 0)
			status = 0;
	}
	/* End of file on their pipes ends both threads. */
	close(worker_cmd[1]);
	close(idle_cmd[1]);
	if (have_w)
		pthread_join(w, NULL);
	if (have_i)
		pthread_join(i, NULL);
	return status;
}
