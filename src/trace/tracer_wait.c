/*
 * From wait statuses to events. Tracer_dispatch drains waitpid(-1, __WALL |
 * WNOHANG); each status is a ptrace-stop (an event, a signal about to be
 * delivered, a group-stop) or a death, and each becomes zero or more Events
 * before the task is resumed or held.
 *
 * The orderings the kernel does not guarantee are put right here:
 * - a new task's first stop may come before its creator's event: the task
 *   is kept stopped (TS_EARLY) until the creator reports it; either way the
 *   creation event is emitted once both are stopped, so holding it shows
 *   the instant right after fork in both;
 * - a vfork parent is woken during the child's exec, before the child's
 *   exec stop: its vfork-done is kept back until the child's exec (or exit)
 *   event has been emitted;
 * - when a thread that is not the leader execs, it takes the leader's pid
 *   and the leader's death is never reported: the exec event names the
 *   former tid and the table follows.
 * The kernel tells the tracer nothing when a parent reaps a traced child
 * that is not forkscope's: exited processes keep a pidfd, checked on every
 * dispatch (and on a timer tick while any is awaited).
 */
#include "trace/tracer.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/ptrace.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/xalloc.h"
#include "probe/brief.h"
#include "probe/procfs.h"
#include "trace/tracer_internal.h"
#include "trace/tracer_log.h"

/* Statuses handled per dispatch before returning to the caller's loop. */
#define MAX_STATUSES_PER_DISPATCH 4096

static unsigned long event_msg(pid_t pid)
{
	unsigned long msg = 0;

	ptrace(PTRACE_GETEVENTMSG, pid, 0, &msg);
	return msg;
}

static bool is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* Holds tr at the event just emitted (a step's hold, or a breakpoint's
 * when broke), or lets it go on. A one-shot hold is used up either way. */
static void hold_or_resume(Tracer *t, Tracee *tr, EventKind kind, bool broke)
{
	bool step = tracer_take_hold(t, tr, kind);

	if (broke) {
		tracer_hold_break(t, tr);
	} else if (step) {
		tracer_log("hold %d at %s", (int)tr->pid, EventKind_name(kind));
		tracer_set_held(t, tr, true);
	} else
		tracer_resume(t, tr);
}

/* One side of a creation: held (by a step or a breakpoint) or let go. */
static void hold_side(Tracer *t, Tracee *tr, bool hold, bool broke)
{
	if (broke)
		tracer_hold_break(t, tr);
	else if (hold)
		tracer_set_held(t, tr, true);
	else
		tracer_resume(t, tr);
}

void tracer_reaped(Tracer *t, Tracee *tr, pid_t reaper)
{
	Event ev = tracer_event(tr, EV_REAP);

	ev.ppid = reaper;
	tracer_emit(t, &ev);
	tracer_remove(t, tr);
}

void tracer_check_reaps(Tracer *t)
{
	for (size_t i = 0; i < t->nunreaped;) {
		Tracee *tr = t->unreaped[i];
		/* Signal 0 to a zombie succeeds; ESRCH once it is released. */
		if (pidfd_send_signal(tr->pidfd, 0, NULL, 0) < 0 && errno == ESRCH)
			tracer_reaped(t, tr, tr->ppid); /* removes it from the list */
		else
			i++;
	}
}

/* ---- births ---- */

/* Emits a new task's creation event once it and its creator are stopped,
 * then holds both or lets both go. alive is false when the task died
 * before its first stop. */
static void announce_birth(Tracer *t, Tracee *child, bool alive)
{
	Tracee *creator = child->creator > 0 ? PidMap_get(&t->tracees, child->creator) : NULL;
	Event ev = {
		.t_us = child->born_us, .kind = child->born_kind, .pid = child->pid,
		.ppid = child->ppid, .how = child->born_how,
	};
	bool hold, broke = false;

	if (creator != NULL && creator->state == TS_EXITED)
		creator = NULL;
	hold = creator != NULL ? tracer_take_hold(t, creator, ev.kind)
	                       : t->hold_all && !t->killing && !t->detached;
	/* A breakpoint holds whoever is stopped: both, or the child alone when
	 * its creator is gone. A thread is no new process. */
	if (ev.kind == EV_THREAD || (!alive && creator == NULL))
		tracer_emit(t, &ev);
	else if (creator != NULL && creator->waiting_child == child->pid)
		broke = tracer_emit_breakable(t, creator, alive ? child->pid : 0, &ev);
	else if (alive)
		broke = tracer_emit_breakable(t, child, 0, &ev);
	else
		tracer_emit(t, &ev);
	if (ev.kind == EV_VFORK && creator != NULL)
		child->vfork_parent = creator->pid;
	child->creator = 0;
	if (alive) {
		tracer_set_state(t, child, TS_STOPPED);
		hold_side(t, child, hold, broke);
	}
	if (creator != NULL && creator->waiting_child == child->pid) {
		creator->waiting_child = 0;
		hold_side(t, creator, hold, broke);
	}
}

/* A task's first stop before anyone named it: keep it until its creator's
 * event arrives. */
static void on_unknown_stop(Tracer *t, pid_t pid, int status)
{
	Tracee *tr = tracer_add(t, pid, pid, 0, TS_EARLY);

	if ((unsigned)status >> 16 == 0)
		tr->resume_sig = WSTOPSIG(status);
}

/* The creator's fork, vfork or clone event. */
static void on_create(Tracer *t, Tracee *parent, unsigned event)
{
	pid_t pid = (pid_t)event_msg(parent->pid);
	bool thread = false;
	Tracee *child;

	if (pid <= 0) {
		tracer_resume(t, parent);
		return;
	}
	if (event == PTRACE_EVENT_CLONE)
		/* tgkill finds tid only inside the given thread group. */
		thread = syscall(SYS_tgkill, parent->tgid, pid, 0) == 0;
	child = PidMap_get(&t->tracees, pid);
	if (child != NULL && child->state == TS_EXITED) {
		tracer_reaped(t, child, child->ppid); /* the pid was free again */
		child = NULL;
	}
	if (child == NULL)
		child = tracer_add(t, pid, pid, parent->tgid, TS_NEW);
	child->tgid = thread ? parent->tgid : pid;
	child->is_thread = thread;
	child->ppid = parent->tgid;
	child->creator = parent->pid;
	child->born_us = clock_now_us();
	child->born_kind = event == PTRACE_EVENT_FORK ? EV_FORK : event == PTRACE_EVENT_VFORK ? EV_VFORK
	                 : thread ? EV_THREAD : EV_CLONE;
	child->born_how = event == PTRACE_EVENT_FORK ? HOW_FORK : event == PTRACE_EVENT_VFORK ? HOW_VFORK
	                : thread ? HOW_THREAD : HOW_CLONE;
	if (thread) {
		Tracee *leader = PidMap_get(&t->tracees, parent->tgid);
		if (leader != NULL)
			leader->nthreads++;
	}
	parent->waiting_child = pid;
	if (child->state == TS_EARLY)
		announce_birth(t, child, true);
	/* else the parent stays stopped until the child's first stop */
}

/* An early task whose creator will never report it (killed mid-fork):
 * announce it with what /proc says. */
static void resolve_orphaned_early(Tracer *t)
{
	size_t cap = PidMap_capacity(&t->tracees);
	Tracee **early = xcalloc(t->nearly + 1, sizeof *early);
	size_t n = 0;

	for (size_t i = 0; i < cap && n < t->nearly; i++) {
		pid_t pid;
		Tracee *tr = PidMap_slot(&t->tracees, i, &pid);
		if (pid != 0 && tr->state == TS_EARLY)
			early[n++] = tr;
	}
	for (size_t i = 0; i < n; i++) {
		ProcBrief brief;
		Tracee *parent;

		if (ProcBrief_read(early[i]->pid, &brief) != READ_OK)
			continue;
		parent = PidMap_get(&t->tracees, brief.ppid);
		if (parent != NULL && parent->state != TS_EXITED)
			continue; /* its creator lives: its event is on the way */
		early[i]->ppid = brief.ppid;
		early[i]->born_kind = EV_FORK;
		early[i]->born_how = HOW_UNKNOWN;
		early[i]->born_us = clock_now_us();
		announce_birth(t, early[i], true);
	}
	free(early);
}

/* ---- vfork ---- */

/* exec_us: the stamp of the child's exec event, 0 if it exited instead.
 * The kernel releases a vfork parent inside the child's exec, when the
 * borrowed memory is let go (exec_mmap), before the new program is loaded
 * and so before the child's exec stop; the two stops then race. The event
 * says when the parent was released, so it is dated before that exec
 * whichever stop the tracer saw first. (A child that exits releases the
 * parent after its exit stop: exit_mm comes later in do_exit.) */
static void emit_vfork_done(Tracer *t, Tracee *parent, pid_t child, uint64_t exec_us)
{
	Event ev = tracer_event(parent, EV_VFORK_DONE);

	if (parent->vfork_done_us != 0 && parent->vfork_done_us < ev.t_us)
		ev.t_us = parent->vfork_done_us;
	if (exec_us != 0 && ev.t_us >= exec_us)
		ev.t_us = exec_us - 1;
	ev.child = child;
	parent->vfork_waiting = 0;
	parent->vfork_done_us = 0;
	tracer_emit(t, &ev);
	hold_or_resume(t, parent, EV_VFORK_DONE, false);
}

/* The vfork child exec'd (at exec_us) or exited (exec_us 0): its parent's
 * vfork-done may follow. */
static void vfork_child_over(Tracer *t, Tracee *child, uint64_t exec_us)
{
	Tracee *parent;

	child->vfork_over = true;
	if (child->vfork_parent == 0)
		return;
	parent = PidMap_get(&t->tracees, child->vfork_parent);
	child->vfork_parent = 0;
	if (parent != NULL && parent->state == TS_STOPPED && parent->vfork_waiting == child->pid)
		emit_vfork_done(t, parent, child->pid, exec_us);
}

static void on_vfork_done(Tracer *t, Tracee *parent)
{
	pid_t pid = (pid_t)event_msg(parent->pid);
	Tracee *child = PidMap_get(&t->tracees, pid);

	if (child != NULL && child->state != TS_EXITED && !child->vfork_over && child->vfork_parent == parent->pid) {
		parent->vfork_waiting = pid; /* stays stopped until the child's event */
		tracer_log("vfork-done %d: kept stopped until child %d execs or exits", (int)parent->pid,
			   (int)pid);
		parent->vfork_done_us = clock_now_us();
		return;
	}
	emit_vfork_done(t, parent, pid, child != NULL ? child->exec_us : 0);
}

/* ---- exec, exit, signals ---- */

static void on_exec(Tracer *t, Tracee *tr)
{
	pid_t former = (pid_t)event_msg(tr->pid);
	bool broke;
	Event ev;

	if (former > 0 && former != tr->pid) {
		/* A thread exec'd: it now has the leader's pid, the old leader and
		 * every other thread are gone or going. */
		Tracee *old = PidMap_get(&t->tracees, former);
		if (old != NULL)
			tracer_remove(t, old);
		tr->is_thread = false;
		tr->tgid = tr->pid;
		tr->exit_emitted = tr->exit_deferred = tr->group_stopped = false;
		tr->nthreads = 0;
		tracer_set_held(t, tr, false);
	}
	tr->spawning = false;
	tr->exec_trying = false; /* it worked: no exit stop to wait for */
	ev = tracer_event(tr, EV_EXEC);
	ev.former_tid = former != tr->pid ? former : 0;
	/* Stopped at its exec: its new name and arguments are there to read,
	 * however soon it exits afterwards. */
	brief_exe(tr->pid, ev.detail, sizeof ev.detail);
	brief_comm(tr->pid, ev.comm, sizeof ev.comm);
	/* The exec hook reads the whole argv with the exec record: once. */
	if (t->hook == NULL)
		brief_cmdline(tr->pid, ev.argv, sizeof ev.argv);
	broke = tracer_emit_breakable(t, tr, 0, &ev);
	tr->exec_us = ev.t_us;
	vfork_child_over(t, tr, ev.t_us);
	hold_or_resume(t, tr, EV_EXEC, broke);
}

/* at_stop: tr is stopped at its exit (a breakpoint may hold it there);
 * else it is dead already. True when a breakpoint matched. */
static bool emit_exit(Tracer *t, Tracee *tr, int status, bool at_stop)
{
	Event ev = tracer_event(tr, EV_EXIT);

	ev.status = status;
	if (tr->is_thread)
		ev.how = HOW_THREAD;
	tr->exit_emitted = true;
	if (at_stop && !tr->is_thread)
		return tracer_emit_breakable(t, tr, 0, &ev);
	tracer_emit(t, &ev);
	return false;
}

static void on_exit_stop(Tracer *t, Tracee *tr)
{
	unsigned long msg = 0;
	bool broke;
	int status;

	if (ptrace(PTRACE_GETEVENTMSG, tr->pid, 0, &msg) < 0) {
		/* No status to read (the stop was cut short): the exit is reported
		 * at the death, from the wait status, never as a made-up 0. */
		tracer_resume(t, tr);
		return;
	}
	status = (int)msg;
	if (!tr->is_thread && tr->nthreads > 0) {
		/* The leader thread ends first; the process ends with its last
		 * thread, when the leader's death is reported. */
		tr->exit_deferred = true;
		tracer_resume(t, tr);
		return;
	}
	broke = emit_exit(t, tr, status, true);
	vfork_child_over(t, tr, 0);
	hold_or_resume(t, tr, EV_EXIT, broke);
}

/* PTRACE_EVENT_STOP: a group-stop (a stop signal) or, with SIGTRAP, the
 * trap that follows SIGCONT or PTRACE_INTERRUPT. */
static void on_event_stop(Tracer *t, Tracee *tr, int sig)
{
	if (is_stop_signal(sig)) {
		if (!tr->group_stopped && !tr->is_thread) {
			Event ev = tracer_event(tr, EV_STOP);
			ev.signo = sig;
			tracer_emit(t, &ev);
		}
		tr->group_stopped = true;
	} else if (tr->group_stopped) {
		tr->group_stopped = false;
		if (!tr->is_thread)
			tracer_emit(t, &(Event){ .t_us = clock_now_us(), .kind = EV_CONT, .pid = tr->pid, .ppid = tr->ppid });
	}
	tracer_resume(t, tr); /* listens while group-stopped */
}

static void on_signal(Tracer *t, Tracee *tr, int sig)
{
	Event ev = tracer_event(tr, EV_SIGNAL);

	ev.signo = sig;
	tracer_emit(t, &ev);
	tr->resume_sig = sig; /* delivered when resumed: behaves as untraced */
	hold_or_resume(t, tr, EV_SIGNAL, false);
}

/* ---- deaths ---- */

/* The parent died: its children now have another (a subreaper or init). */
static void adopt_orphans(Tracer *t, pid_t dead)
{
	size_t cap = PidMap_capacity(&t->tracees);
	Tracee **orphans = NULL;
	size_t n = 0, orphans_cap = 0;

	for (size_t i = 0; i < cap; i++) {
		pid_t pid;
		Tracee *tr = PidMap_slot(&t->tracees, i, &pid);
		if (pid == 0 || tr->is_thread || tr->ppid != dead || pid == dead)
			continue;
		if (n == orphans_cap) {
			orphans_cap = orphans_cap ? orphans_cap * 2 : 8;
			orphans = xreallocarray(orphans, orphans_cap, sizeof *orphans);
		}
		orphans[n++] = tr;
	}
	for (size_t i = 0; i < n; i++) {
		ProcBrief brief;
		Event ev;
		pid_t ppid;

		if (orphans[i]->pidfd >= 0 && pidfd_send_signal(orphans[i]->pidfd, 0, NULL, 0) < 0 &&
		    errno == ESRCH) {
			/* Reaped by the parent before it died; the dispatch that saw the
			 * death had not checked yet. */
			tracer_reaped(t, orphans[i], dead);
			continue;
		}
		/* Unreadable: reaped by its new parent already, whom nobody saw. */
		ppid = ProcBrief_read(orphans[i]->pid, &brief) == READ_OK ? brief.ppid : 0;
		orphans[i]->ppid = ppid;
		ev = tracer_event(orphans[i], EV_REPARENT);
		tracer_emit(t, &ev);
	}
	free(orphans);
}

static void on_death(Tracer *t, Tracee *tr, int status)
{
	tracer_set_held(t, tr, false);
	if (tr->state == TS_NEW) {
		announce_birth(t, tr, false);
	} else if (tr->state == TS_EARLY) {
		tr->born_kind = EV_FORK;
		tr->born_how = HOW_UNKNOWN;
		tr->born_us = clock_now_us();
		announce_birth(t, tr, false);
	}
	if (tr->waiting_child > 0) {
		Tracee *child = PidMap_get(&t->tracees, tr->waiting_child);
		if (child != NULL && child->creator == tr->pid)
			child->creator = 0;
	}
	if (!tr->exit_emitted)
		emit_exit(t, tr, status, false);
	vfork_child_over(t, tr, 0);
	if (tr->is_thread) {
		Tracee *leader = PidMap_get(&t->tracees, tr->tgid);
		if (leader != NULL && leader != tr && leader->nthreads > 0)
			leader->nthreads--;
		tracer_remove(t, tr);
		return;
	}
	tracer_set_state(t, tr, TS_EXITED);
	adopt_orphans(t, tr->pid);
	if (t->nearly > 0)
		resolve_orphaned_early(t);
	if (tr->ppid == t->self) {
		tracer_reaped(t, tr, t->self); /* our own child: waitpid reaped it */
		return;
	}
	/* A zombie until its parent waits; the pid cannot be reused before, so
	 * the pidfd names this process. */
	tr->pidfd = pidfd_open(tr->pid, 0);
	if (tr->pidfd < 0) {
		tracer_reaped(t, tr, tr->ppid);
		return;
	}
	tracer_unreaped_add(t, tr);
}

/* ---- one status ---- */

static void on_stop(Tracer *t, Tracee *tr, int status)
{
	unsigned event = (unsigned)status >> 16;

	if (tr->state == TS_NEW) {
		if (event == 0)
			tr->resume_sig = WSTOPSIG(status);
		announce_birth(t, tr, true);
		return;
	}
	tracer_set_state(t, tr, TS_STOPPED);
	switch (event) {
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		on_create(t, tr, event);
		break;
	case PTRACE_EVENT_VFORK_DONE:
		on_vfork_done(t, tr);
		break;
	case PTRACE_EVENT_EXEC:
		on_exec(t, tr);
		break;
	case PTRACE_EVENT_EXIT:
		on_exit_stop(t, tr);
		break;
	case PTRACE_EVENT_STOP:
		on_event_stop(t, tr, WSTOPSIG(status));
		break;
	case PTRACE_EVENT_SECCOMP:
		tracer_on_seccomp(t, tr);
		break;
	case 0:
		if (WSTOPSIG(status) == (SIGTRAP | 0x80))
			tracer_on_syscall_exit(t, tr); /* TRACESYSGOOD marks syscall stops */
		else
			on_signal(t, tr, WSTOPSIG(status));
		break;
	default:
		tracer_resume(t, tr);
		break;
	}
}

/* Tracer_delete: whatever stops is killed; deaths are still accounted. */
static void kill_on_sight(Tracer *t, Tracee *tr, pid_t pid)
{
	if (tr == NULL)
		tr = tracer_add(t, pid, pid, 0, TS_RUNNING);
	else if (tr->state != TS_RUNNING)
		tracer_set_state(t, tr, TS_RUNNING);
	tracer_set_held(t, tr, false);
	kill(tr->tgid, SIGKILL);
	ptrace(PTRACE_CONT, pid, 0, 0);
}

/* The debug log's line for a wait status: what it says and of whom. */
static void log_status(pid_t pid, int status, const Tracee *tr)
{
	static const char *const events[] = { "", "fork", "vfork", "clone", "exec", "vfork-done",
					      "exit", "seccomp" };
	static const char *const states[] = { "new", "early", "running", "stopped", "listening",
					      "exited" };
	unsigned event = (unsigned)status >> 16;
	const char *state = tr == NULL ? "unknown" : states[tr->state];
	int sig = WIFSIGNALED(status) ? WTERMSIG(status) : WIFSTOPPED(status) ? WSTOPSIG(status) & 0x7f : 0;
	const char *abbrev = sigabbrev_np(sig);

	if (WIFEXITED(status))
		tracer_log("status %d: exited %d (%s)", (int)pid, WEXITSTATUS(status), state);
	else if (WIFSIGNALED(status))
		tracer_log("status %d: killed by SIG%s (%s)", (int)pid, abbrev ? abbrev : "?", state);
	else if (WSTOPSIG(status) == (SIGTRAP | 0x80))
		tracer_log("status %d: syscall stop (%s)", (int)pid, state);
	else
		tracer_log("status %d: stopped by SIG%s%s%s (%s)", (int)pid, abbrev ? abbrev : "?",
			   event != 0 ? ", event " : "",
			   event < sizeof events / sizeof events[0] ? events[event]
			   : event == PTRACE_EVENT_STOP ? "stop" : "?", state);
}

void tracer_handle_status(Tracer *t, pid_t pid, int status)
{
	Tracee *tr = PidMap_get(&t->tracees, pid);
	bool dead = WIFEXITED(status) || WIFSIGNALED(status);

	if (tracer_log_file != NULL)
		log_status(pid, status, tr);
	if (tr != NULL && tr->state == TS_EXITED) {
		if (dead) {
			/* A zombie reparented to forkscope (a subreaper), reaped now. */
			if (tr->ppid != t->self) {
				tr->ppid = t->self;
				tracer_emit(t, &(Event){ .t_us = clock_now_us(), .kind = EV_REPARENT,
				                         .pid = pid, .ppid = t->self });
			}
			tracer_reaped(t, tr, t->self);
			return;
		}
		tracer_reaped(t, tr, tr->ppid); /* the pid is in use again */
		tr = NULL;
	}
	if (dead) {
		if (tr != NULL)
			on_death(t, tr, status);
		/* else not a tracee: a child of forkscope's that no one traced */
		return;
	}
	if (!WIFSTOPPED(status))
		return;
	if (t->killing)
		kill_on_sight(t, tr, pid);
	else if (tr == NULL)
		on_unknown_stop(t, pid, status);
	else
		on_stop(t, tr, status);
}

/* Empties the signalfd (whole siginfo records) or the timerfd (a count). */
static void drain(int fd)
{
	struct signalfd_siginfo buf[4];

	while (read(fd, buf, sizeof buf) > 0)
		;
}

int Tracer_dispatch(Tracer *t, int timeout_ms)
{
	size_t before = EventQueue_count(&t->queue);
	bool cut_short = false;
	int n = 0, status;
	pid_t pid;

	if (timeout_ms != 0 && before == 0) {
		struct pollfd pfd = { .fd = t->epfd, .events = POLLIN };
		if (poll(&pfd, 1, timeout_ms) < 0 && errno != EINTR)
			return -1;
	}
	drain(t->sigfd);
	drain(t->timerfd);
	while ((pid = waitpid(-1, &status, __WALL | WNOHANG)) > 0) {
		tracer_handle_status(t, pid, status);
		if (++n == MAX_STATUSES_PER_DISPATCH) {
			cut_short = true; /* the timer makes Tracer_fd readable again */
			break;
		}
	}
	if (t->nunreaped > 0)
		tracer_check_reaps(t);
	tracer_arm_timer(t, cut_short);
	return (int)(EventQueue_count(&t->queue) - before);
}
