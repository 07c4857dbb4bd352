/*
 * The tracer's life cycle: creating it (SIGCHLD blocked and read through a
 * signalfd), the table of tracees, holding and releasing them, and the two
 * ways out — detaching everything so it runs on, or killing and reaping
 * everything. See tracer.h for the contract and tracer_internal.h for the
 * state; tracer_start.c brings tracees in (spawn, attach) and
 * tracer_wait.c turns wait statuses into events.
 */
#include "trace/tracer.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/ptrace.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "trace/tracer_internal.h"
#include "trace/tracer_log.h"

static bool a_tracer_exists;

/* How often an awaited reap is checked, and how long the way out may take. */
#define REAP_CHECK_NS (2 * 1000 * 1000)
#define DELETE_DEADLINE_US (5 * 1000 * 1000)
/* ... waiting for deaths this long at a time. */
#define KILL_WAIT_MS 20
#define DETACH_DEADLINE_US (2 * 1000 * 1000)

static int setup_signals(Tracer *t)
{
	sigset_t chld;
	struct sigaction dfl = { .sa_handler = SIG_DFL };

	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	pthread_sigmask(SIG_BLOCK, &chld, &t->saved_mask);
	/* An ignored SIGCHLD (or SA_NOCLDWAIT) would reap our children for us
	 * and hide the program's exit status. */
	sigaction(SIGCHLD, NULL, &t->saved_chld);
	if (t->saved_chld.sa_handler == SIG_IGN || (t->saved_chld.sa_flags & SA_NOCLDWAIT)) {
		sigemptyset(&dfl.sa_mask);
		sigaction(SIGCHLD, &dfl, NULL);
		t->chld_changed = true;
	}
	t->sigfd = signalfd(-1, &chld, SFD_NONBLOCK | SFD_CLOEXEC);
	return t->sigfd < 0 ? -1 : 0;
}

static int setup_fds(Tracer *t)
{
	struct epoll_event ev = { .events = EPOLLIN };

	t->timerfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	t->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (t->timerfd < 0 || t->epfd < 0)
		return -1;
	ev.data.fd = t->sigfd;
	if (epoll_ctl(t->epfd, EPOLL_CTL_ADD, t->sigfd, &ev) < 0)
		return -1;
	ev.data.fd = t->timerfd;
	return epoll_ctl(t->epfd, EPOLL_CTL_ADD, t->timerfd, &ev);
}

static void restore_signals(Tracer *t)
{
	if (t->chld_changed)
		sigaction(SIGCHLD, &t->saved_chld, NULL);
	pthread_sigmask(SIG_SETMASK, &t->saved_mask, NULL);
}

static void close_fds(Tracer *t)
{
	int *fds[] = { &t->epfd, &t->timerfd, &t->sigfd };

	for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
		if (*fds[i] >= 0) {
			close(*fds[i]);
			*fds[i] = -1;
		}
}

Tracer *Tracer_new(void)
{
	Tracer *t;
	int err;

	if (a_tracer_exists)
		/* TRANSLATORS: a bug in forkscope, should it ever show. */
		fatal("%s", _("a second Tracer while one exists: waitpid(-1) would split their events"));
	tracer_save_signal_state();
	tracer_log_open(NULL); /* FORKSCOPE_DEBUG, if set */
	t = xcalloc(1, sizeof *t);
	t->sigfd = t->timerfd = t->epfd = -1;
	t->self = getpid();
	PidMap_init(&t->tracees);
	EventQueue_init(&t->queue);
	if (setup_signals(t) < 0 || setup_fds(t) < 0) {
		err = errno;
		close_fds(t);
		restore_signals(t);
		PidMap_done(&t->tracees);
		free(t);
		errno = err;
		return NULL;
	}
	a_tracer_exists = true;
	return t;
}

/* ---- the table of tracees ---- */

Tracee *tracer_add(Tracer *t, pid_t pid, pid_t tgid, pid_t ppid, TraceeState state)
{
	Tracee *tr = xcalloc(1, sizeof *tr);

	tr->pid = pid;
	tr->tgid = tgid;
	tr->ppid = ppid;
	tr->state = state;
	tr->is_thread = pid != tgid;
	tr->pidfd = -1;
	PidMap_put(&t->tracees, pid, tr);
	t->nlive++;
	if (state == TS_EARLY)
		t->nearly++;
	return tr;
}

void tracer_set_state(Tracer *t, Tracee *tr, TraceeState state)
{
	if (tr->state == TS_EARLY)
		t->nearly--;
	if (state == TS_EARLY)
		t->nearly++;
	if (tr->state != TS_EXITED && state == TS_EXITED)
		t->nlive--;
	if (tr->state == TS_EXITED && state != TS_EXITED)
		t->nlive++;
	tr->state = state;
}

void tracer_set_held(Tracer *t, Tracee *tr, bool held)
{
	if (!held && tr->break_held) {
		tr->break_held = false;
		t->nbreak--;
	}
	if (tr->held != held)
		t->nheld += held ? 1 : (size_t)-1;
	tr->held = held;
}

void tracer_unreaped_add(Tracer *t, Tracee *tr)
{
	if (t->nunreaped == t->unreaped_cap) {
		t->unreaped_cap = t->unreaped_cap ? t->unreaped_cap * 2 : 16;
		t->unreaped = xreallocarray(t->unreaped, t->unreaped_cap, sizeof *t->unreaped);
	}
	t->unreaped[t->nunreaped++] = tr;
}

void tracer_unreaped_forget(Tracer *t, Tracee *tr)
{
	for (size_t i = 0; i < t->nunreaped; i++)
		if (t->unreaped[i] == tr) {
			t->unreaped[i] = t->unreaped[--t->nunreaped];
			return;
		}
}

void tracer_remove(Tracer *t, Tracee *tr)
{
	tracer_set_held(t, tr, false);
	if (tr->state == TS_EARLY)
		t->nearly--;
	if (tr->state != TS_EXITED)
		t->nlive--;
	if (tr->pidfd >= 0) {
		tracer_unreaped_forget(t, tr);
		close(tr->pidfd);
	}
	PidMap_remove(&t->tracees, tr->pid);
	free(tr);
}

/* Every Tracee, collected first so callers may remove while walking. */
static Tracee **tracer_all(const Tracer *t, size_t *count)
{
	size_t cap = PidMap_capacity(&t->tracees), n = 0;
	Tracee **all = xreallocarray(NULL, PidMap_count(&t->tracees) + 1, sizeof *all);

	for (size_t i = 0; i < cap; i++) {
		pid_t pid;
		Tracee *tr = PidMap_slot(&t->tracees, i, &pid);
		if (pid != 0)
			all[n++] = tr;
	}
	*count = n;
	return all;
}

/* ---- events and resuming ---- */

Event tracer_event(const Tracee *tr, EventKind kind)
{
	Event ev = { .t_us = clock_now_us(), .kind = kind, .pid = tr->pid, .ppid = tr->ppid };
	return ev;
}

Event tracer_emit_hooked(Tracer *t, const Event *ev)
{
	Event seen = *ev;

	tracer_log("emit %s pid %d ppid %d child %d status %d t %llu", EventKind_name(ev->kind),
		   (int)ev->pid, (int)ev->ppid, (int)ev->child, ev->status,
		   (unsigned long long)ev->t_us);
	if (t->hook != NULL)
		t->hook(t->hook_ctx, &seen);
	EventQueue_push(&t->queue, &seen);
	return seen;
}

void tracer_emit(Tracer *t, const Event *ev)
{
	tracer_emit_hooked(t, ev);
}

bool Tracer_pop_write(Tracer *t, TracerWrite *out)
{
	if (t->writes_head == t->nwrites)
		return false;
	*out = t->writes[t->writes_head++];
	if (t->writes_head == t->nwrites)
		t->writes_head = t->nwrites = 0;
	return true;
}

void Tracer_set_hook(Tracer *t, TracerHook hook, void *ctx)
{
	t->hook = hook;
	t->hook_ctx = ctx;
}

void tracer_resume(Tracer *t, Tracee *tr)
{
	tracer_set_held(t, tr, false);
	if (tr->group_stopped && tr->resume_sig == 0) {
		/* Stay stopped as an untraced process would, but let SIGCONT through. */
		tracer_log("resume %d: listen (group-stopped)", (int)tr->pid);
		ptrace(PTRACE_LISTEN, tr->pid, 0, 0);
		tracer_set_state(t, tr, TS_LISTENING);
		return;
	}
	/* ESRCH here means it was killed meanwhile: its death is reported next.
	 * Inside an exec that may fail: on to the syscall's exit stop. */
	tracer_log("resume %d: %s, signal %d", (int)tr->pid, tr->exec_trying ? "syscall" : "cont",
		   tr->resume_sig);
	ptrace(tr->exec_trying ? PTRACE_SYSCALL : PTRACE_CONT, tr->pid, 0,
	       (void *)(long)tr->resume_sig);
	tr->resume_sig = 0;
	tracer_set_state(t, tr, TS_RUNNING);
}

bool tracer_take_hold(Tracer *t, const Tracee *tr, EventKind kind)
{
	if (t->detached || t->killing || tr->spawning)
		return false;
	for (size_t i = 0; i < t->nholds; i++) {
		if (t->holds[i].kind == kind && (t->holds[i].pid == 0 || t->holds[i].pid == tr->pid)) {
			t->holds[i] = t->holds[--t->nholds];
			return true;
		}
	}
	return t->hold_all;
}

void tracer_arm_timer(Tracer *t, bool soon)
{
	struct itimerspec its = { 0 };

	if (soon || t->nunreaped > 0) {
		its.it_interval.tv_nsec = REAP_CHECK_NS;
		its.it_value.tv_nsec = soon ? 1 : REAP_CHECK_NS;
		if (t->timer_armed && !soon)
			return;
	} else if (!t->timer_armed) {
		return;
	}
	timerfd_settime(t->timerfd, 0, &its, NULL);
	t->timer_armed = soon || t->nunreaped > 0;
}

/* ---- access ---- */

int Tracer_fd(const Tracer *t)
{
	return t->epfd;
}

bool Tracer_pop(Tracer *t, Event *ev)
{
	return EventQueue_pop(&t->queue, ev);
}

size_t Tracer_count(const Tracer *t)
{
	return t->nlive;
}

size_t Tracer_held_count(const Tracer *t)
{
	return t->nheld;
}

size_t Tracer_unreaped_count(const Tracer *t)
{
	return t->nunreaped;
}

/* ---- holding ---- */

void Tracer_set_hold_all(Tracer *t, bool hold)
{
	t->hold_all = hold;
	if (!hold)
		Tracer_release_steps(t);
}

void Tracer_hold_next(Tracer *t, pid_t pid, EventKind kind)
{
	if (t->nholds == t->holds_cap) {
		t->holds_cap = t->holds_cap ? t->holds_cap * 2 : 8;
		t->holds = xreallocarray(t->holds, t->holds_cap, sizeof *t->holds);
	}
	t->holds[t->nholds].pid = pid;
	t->holds[t->nholds].kind = kind;
	t->nholds++;
}

bool Tracer_is_held(const Tracer *t, pid_t pid)
{
	const Tracee *tr = PidMap_get(&t->tracees, pid);
	return tr != NULL && tr->held;
}

int Tracer_release(Tracer *t, pid_t pid)
{
	Tracee *tr = PidMap_get(&t->tracees, pid);

	if (tr == NULL || !tr->held)
		return -ESRCH;
	tracer_resume(t, tr);
	return 0;
}

/* Resumes the held tasks whose break_held is one of the wanted. */
static void release_where(Tracer *t, bool steps, bool breaks)
{
	size_t n;
	Tracee **all;

	if (t->nheld == 0)
		return;
	all = tracer_all(t, &n);
	for (size_t i = 0; i < n; i++)
		if (all[i]->held && (all[i]->break_held ? breaks : steps))
			tracer_resume(t, all[i]);
	free(all);
}

void Tracer_release_all(Tracer *t)
{
	release_where(t, true, true);
}

void Tracer_release_steps(Tracer *t)
{
	release_where(t, true, false);
}

void Tracer_release_breaks(Tracer *t)
{
	if (t->nbreak > 0)
		release_where(t, false, true);
}

/* ---- the ways out ---- */

void Tracer_kill_all(Tracer *t)
{
	size_t n;
	Tracee **all = tracer_all(t, &n);

	/* SIGKILL to the thread group ends every thread; a task in a
	 * ptrace-stop is woken by it too. */
	for (size_t i = 0; i < n; i++)
		if (all[i]->state != TS_EXITED)
			kill(all[i]->tgid, SIGKILL);
	free(all);
}

/* Detaches a task that is in a ptrace-stop, handing back a signal it was
 * about to receive; it runs on (or stays stopped in its group-stop). */
static void detach_stopped(Tracer *t, Tracee *tr, int sig)
{
	ptrace(PTRACE_DETACH, tr->pid, 0, (void *)(long)sig);
	tracer_remove(t, tr);
}

/* During detach, one wait status: every stop is the chance to let go. */
static void detach_status(Tracer *t, pid_t pid, int status)
{
	Tracee *tr = PidMap_get(&t->tracees, pid);
	unsigned event = (unsigned)status >> 16;
	int sig = 0;

	if (!WIFSTOPPED(status)) {
		if (tr != NULL)
			tracer_remove(t, tr);
		return;
	}
	if (event == PTRACE_EVENT_FORK || event == PTRACE_EVENT_VFORK || event == PTRACE_EVENT_CLONE) {
		unsigned long child = 0;
		/* The new task is traced already and will stop: let it go then. */
		if (ptrace(PTRACE_GETEVENTMSG, pid, 0, &child) == 0 && child > 0 &&
		    !PidMap_has(&t->tracees, (pid_t)child))
			tracer_add(t, (pid_t)child, (pid_t)child, pid, TS_NEW);
	} else if (event == 0) {
		sig = WSTOPSIG(status); /* a signal-delivery stop: deliver it */
	}
	if (tr == NULL) {
		ptrace(PTRACE_DETACH, pid, 0, (void *)(long)sig);
		return;
	}
	detach_stopped(t, tr, sig);
}

static void drain_sigfd(Tracer *t)
{
	struct signalfd_siginfo si;

	while (read(t->sigfd, &si, sizeof si) == (ssize_t)sizeof si)
		;
}

void Tracer_detach_all(Tracer *t)
{
	uint64_t deadline = clock_now_us() + DETACH_DEADLINE_US;
	size_t n;
	Tracee **all = tracer_all(t, &n);

	t->detached = true;
	t->hold_all = false;
	t->nholds = 0;
	for (size_t i = 0; i < n; i++) {
		Tracee *tr = all[i];
		if (tr->state == TS_EXITED)
			tracer_remove(t, tr);
		else if (tr->state == TS_STOPPED || tr->state == TS_EARLY)
			detach_stopped(t, tr, tr->resume_sig);
		else if (tr->state != TS_NEW)
			ptrace(PTRACE_INTERRUPT, tr->pid, 0, 0); /* stops it, to be let go */
	}
	free(all);
	while (t->nlive > 0 && clock_now_us() < deadline) {
		struct pollfd pfd = { .fd = t->sigfd, .events = POLLIN };
		int status;
		pid_t pid;

		drain_sigfd(t);
		while ((pid = waitpid(-1, &status, __WALL | WNOHANG)) > 0)
			detach_status(t, pid, status);
		if (t->nlive > 0)
			poll(&pfd, 1, 20);
	}
	tracer_arm_timer(t, false);
}

/* Kills everything and waits until every death is handled. */
static void kill_and_reap(Tracer *t)
{
	uint64_t deadline = clock_now_us() + DELETE_DEADLINE_US;
	Event ev;

	t->killing = true;
	Tracer_kill_all(t);
	while (t->nlive > 0 && clock_now_us() < deadline) {
		Tracer_dispatch(t, KILL_WAIT_MS);
		while (EventQueue_pop(&t->queue, &ev))
			;
		/* Anything born meanwhile was killed on sight (see tracer_wait.c);
		 * this catches a task whose kill raced with its creation. */
		Tracer_kill_all(t);
	}
}

void Tracer_delete(Tracer *t)
{
	size_t n;
	Tracee **all;

	if (t == NULL)
		return;
	if (!t->detached)
		kill_and_reap(t);
	all = tracer_all(t, &n);
	for (size_t i = 0; i < n; i++)
		tracer_remove(t, all[i]);
	free(all);
	drain_sigfd(t);
	close_fds(t);
	restore_signals(t);
	PidMap_done(&t->tracees);
	EventQueue_done(&t->queue);
	for (size_t i = t->writes_head; i < t->nwrites; i++)
		free(t->writes[i].data);
	free(t->writes);
	free(t->holds);
	free(t->unreaped);
	free(t);
	a_tracer_exists = false;
}
