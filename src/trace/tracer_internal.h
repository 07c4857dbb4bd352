/*
 * The tracer's state, shared by the files that make it: tracer.c (life
 * cycle, spawn, attach, holding, detach and kill) and tracer_wait.c (turning
 * wait statuses into events and resuming). Not for use outside src/trace.
 *
 * Every traced task (thread or process leader) has a Tracee in t->tracees,
 * keyed by its tid. A Tracee is "live" until its death is reported by
 * waitpid; a process leader then stays as TS_EXITED, with a pidfd, until
 * its real parent reaps it (the tracer cannot see that wait, so it checks
 * the pidfd: the kernel answers ESRCH once the zombie is gone, even if the
 * pid was reused meanwhile).
 *
 * Invariants: a task in a ptrace-stop that the tracer has not resumed is
 * TS_STOPPED (held, waiting for its creation partner, or waiting for its
 * vfork child's exec) or TS_EARLY; nlive counts the Tracees not TS_EXITED;
 * nheld counts those with held set; every held Tracee is TS_STOPPED.
 */
#ifndef FORKSCOPE_TRACE_TRACER_INTERNAL_H
#define FORKSCOPE_TRACE_TRACER_INTERNAL_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/ptrace.h>

#include "trace/event_queue.h"
#include "base/pidmap.h"
#include "trace/tracer.h"

typedef enum TraceeState {
	TS_NEW,         /* named by its creator's event; its first stop not seen yet */
	TS_EARLY,       /* first stop seen before its creator's event: kept stopped */
	TS_RUNNING,
	TS_STOPPED,     /* in a ptrace-stop the tracer has not resumed */
	TS_LISTENING,   /* in group-stop, PTRACE_LISTEN issued: stopped as if untraced */
	TS_EXITED,      /* death reported; a process waits here for its reap */
} TraceeState;

typedef struct Tracee {
	pid_t pid;            /* tid */
	pid_t tgid;
	pid_t ppid;           /* a process: its parent process; a thread: its leader */
	TraceeState state;
	bool is_thread;       /* not its thread group's leader */
	bool held;
	bool break_held;      /* held by a breakpoint (implies held) */
	bool spawning;        /* Tracer_spawn waits for its exec: never held before */
	bool group_stopped;   /* in a group-stop (SIGSTOP/SIGTSTP...) until SIGCONT */
	bool exit_emitted;    /* EV_EXIT queued for this task */
	bool exit_deferred;   /* the leader thread ended while threads live on */
	int resume_sig;       /* signal to inject when resumed (signal-delivery stop) */
	int nthreads;         /* leader: live non-leader threads known */
	int pidfd;            /* TS_EXITED process: watches its reap; -1 otherwise */

	/* A new task, TS_NEW or TS_EARLY: its creation event, emitted once both
	 * it and its creator are stopped (so a hold shows that instant). */
	pid_t creator;        /* tid of the task that made it; 0 unknown */
	EventKind born_kind;
	CreateHow born_how;
	uint64_t born_us;
	/* The creator's side: stopped at its creation event until this new
	 * task's first stop; 0 none. */
	pid_t waiting_child;

	/* vfork: the parent's vfork-done is emitted once the child's exec or
	 * exit has been (so holding it shows the child's new program). */
	pid_t vfork_parent;   /* child: the parent waiting for it; 0 none */
	bool vfork_over;      /* child: exec'd or exited */
	pid_t vfork_waiting;  /* parent: stopped at vfork-done for this child; 0 none */
	uint64_t vfork_done_us; /* parent: when its vfork-done stop was seen, while kept back */
	uint64_t exec_us;     /* the stamp of its last exec event; 0 none */
	/* Between an execve's seccomp stop and its outcome: resumed to the
	 * syscall's exit, where a failure is reported with this path. */
	bool exec_trying;
	char exec_path[sizeof ((Event *)0)->detail];
} Tracee;

/* The data of the exec filter's stops (SECCOMP_RET_DATA). */
#define TRACER_STOP_EXEC 0
#define TRACER_STOP_WRITE 1

typedef struct HoldRequest {
	pid_t pid;            /* 0: any tracee */
	EventKind kind;
} HoldRequest;

struct Tracer {
	PidMap tracees;       /* tid -> owned Tracee */
	EventQueue queue;
	pid_t self;
	int sigfd;            /* signalfd for SIGCHLD */
	int timerfd;          /* ticks while a reap is awaited or a drain was cut short */
	int epfd;             /* Tracer_fd: both of the above */
	bool timer_armed;
	size_t nlive, nheld, nearly;
	size_t nbreak;        /* Tracees with break_held */
	TracerBreak brk;      /* see Tracer_set_break; NULL none */
	void *brk_ctx;        /* borrowed */
	bool exec_filter;     /* a spawn installed the exec filter (inherited below it) */
	Tracee **unreaped;    /* the TS_EXITED processes with a pidfd (borrowed) */
	size_t nunreaped, unreaped_cap;
	bool hold_all;
	HoldRequest *holds;   /* owned one-shot requests */
	size_t nholds, holds_cap;
	bool detached;        /* Tracer_detach_all ran: nothing is traced any more */
	bool killing;         /* Tracer_delete: every task met is killed */
	sigset_t saved_mask;  /* the thread's mask before SIGCHLD was blocked */
	struct sigaction saved_chld;
	bool chld_changed;    /* SIGCHLD was ignored: set to default, restored at delete */
	TracerHook hook;      /* see Tracer_set_hook; NULL none */
	/* The output pipe whose writers are known (TracerSpawn.output_writers):
	 * its inode, and the writes seen at their stops, oldest first. */
	unsigned long long output_ino;
	TracerWrite *writes;  /* owned, [writes_head, nwrites) waiting */
	size_t nwrites, writes_head, writes_cap;
	void *hook_ctx;       /* borrowed */
};

/* The options every traced task gets; EXITKILL only for what forkscope
 * started (an attached process must not die with forkscope). */
#define TRACER_OPTIONS_ATTACH (PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE | \
	PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT | PTRACE_O_TRACEVFORKDONE)
#define TRACER_OPTIONS_SPAWN (TRACER_OPTIONS_ATTACH | PTRACE_O_EXITKILL | \
	PTRACE_O_TRACESECCOMP | PTRACE_O_TRACESYSGOOD)

/* tracer.c */
Tracee *tracer_add(Tracer *t, pid_t pid, pid_t tgid, pid_t ppid, TraceeState state);
void tracer_remove(Tracer *t, Tracee *tr);
/* The list of processes whose reap is awaited (tr->pidfd set by the caller). */
void tracer_unreaped_add(Tracer *t, Tracee *tr);
void tracer_unreaped_forget(Tracer *t, Tracee *tr);
void tracer_set_state(Tracer *t, Tracee *tr, TraceeState state);
/* Releasing (held false) also ends a breakpoint's hold. */
void tracer_set_held(Tracer *t, Tracee *tr, bool held);
/* Resumes a stopped task the way its stop asks (continue with the pending
 * signal, or listen in a group-stop). */
void tracer_resume(Tracer *t, Tracee *tr);
/* Does the event of this kind at pid hold it? Consumes a one-shot request. */
bool tracer_take_hold(Tracer *t, const Tracee *tr, EventKind kind);
/* An event about tr stamped now, with its pid and parent filled in. */
Event tracer_event(const Tracee *tr, EventKind kind);
void tracer_emit(Tracer *t, const Event *ev);
/* The same, returning the event as queued (the exec hook's fields filled). */
Event tracer_emit_hooked(Tracer *t, const Event *ev);
void tracer_arm_timer(Tracer *t, bool soon);

/* tracer_break.c: emits ev, whose task tr is stopped at it, then asks the
 * break callback; on a match queues EV_BREAK about tr (child: the new
 * process of a creation, 0 else) and returns true: the caller holds them
 * with tracer_hold_break. */
bool tracer_emit_breakable(Tracer *t, const Tracee *tr, pid_t child, const Event *ev);
void tracer_hold_break(Tracer *t, Tracee *tr);

/* tracer_wait.c */
void tracer_handle_status(Tracer *t, pid_t pid, int status);
/* tracer_seccomp.c: the exec filter's stops */
void tracer_on_seccomp(Tracer *t, Tracee *tr);
void tracer_on_syscall_exit(Tracer *t, Tracee *tr);
/* Emits EV_REAP for exited processes whose zombie is gone. */
void tracer_check_reaps(Tracer *t);
/* Ends the wait for a reap: emits EV_REAP by reaper and forgets the pid. */
void tracer_reaped(Tracer *t, Tracee *tr, pid_t reaper);

#endif
