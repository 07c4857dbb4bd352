/*
 * The ptrace tracer for the subtree forkscope starts (or attaches to).
 *
 * PTRACE_SEIZE with TRACEFORK|TRACEVFORK|TRACECLONE|TRACEEXEC|TRACEEXIT|
 * TRACEVFORKDONE|EXITKILL: every process of the subtree is traced from birth
 * and dies with forkscope. All ptrace calls happen on the thread that made
 * the Tracer. The tracer never blocks its caller: Tracer_fd() is a pollable
 * descriptor (a signalfd for SIGCHLD, which the tracer blocks in forkscope
 * and restores in every child it starts), and Tracer_dispatch() drains every
 * pending wait status, turning each into zero or more Events and resuming
 * the tracee unless it is to be held.
 *
 * Holding: at a stop for an event the tracee can be left stopped, so /proc
 * shows the state of that instant (the memory map right after fork, the FD
 * table right after exec, everything still open at exit). Held processes are
 * resumed by Tracer_release / Tracer_release_all.
 */
#ifndef FORKSCOPE_TRACE_TRACER_H
#define FORKSCOPE_TRACE_TRACER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "trace/event.h"

typedef struct Tracer Tracer;

typedef struct TracerSpawn {
	char *const *argv;        /* program and arguments; argv[0] searched in PATH */
	char *const *envp;        /* NULL: inherit forkscope's environment */
	const int *keep_fds;      /* descriptors the child keeps open (others with O_CLOEXEC go) */
	size_t nkeep;
	bool new_process_group;   /* setpgid(0, 0) in the child */
	int stdio_fd;             /* > 0: the child's stdin is /dev/null and its stdout
	                             and stderr this FD (forkscope keeps its terminal) */
	int tty_fd;               /* > 0: a pty's terminal end: the child starts a session
	                             with it as its controlling terminal and its stdin,
	                             stdout and stderr (stdio_fd is then unused) */
	bool close_other_fds;     /* close every FD but 0-2 and keep_fds (a demo's
	                             table starts clean; a user's command inherits
	                             what a shell would give it) */
	bool detachable;          /* may run on after Tracer_detach_all: no parent-death
	                           * signal (EXITKILL still ends it while it is traced) */
	bool exec_attempts;       /* report failed execs (EV_EXEC_FAILED): a seccomp
	                           * filter stops every execve and execveat. Never with
	                           * detachable: once nobody traces, the filter makes
	                           * every exec fail with ENOSYS */
	bool output_writers;      /* with exec_attempts and stdio_fd: every write and
	                           * writev to FD 1 or 2 stops too, and when it goes
	                           * to the stdio_fd pipe its bytes and writer are
	                           * kept (Tracer_pop_write), so the reader of the
	                           * pipe can tell which process printed what */
} TracerSpawn;

/* One write to the output pipe, seen at its stop before it happened. */
typedef struct TracerWrite {
	pid_t pid;
	char *data;               /* owned: the bytes it writes (at most TRACER_WRITE_MAX) */
	size_t len;
} TracerWrite;
#define TRACER_WRITE_MAX 4096

/* Records forkscope's signal mask and ignored signals as they were at start,
 * to be restored in every program the tracer starts. Call it first thing in
 * main; Tracer_new calls it if nobody did. */
void tracer_save_signal_state(void);
/* In a child between fork and exec (async-signal-safe): puts back that mask
 * and those dispositions, as Tracer_spawn does for what it starts. */
void tracer_restore_signal_state(void);

/* At most one Tracer exists at a time (it owns waitpid(-1) for the whole
 * process: forkscope's untraced children are reaped by it too). NULL with
 * errno when its descriptors cannot be made. */
Tracer *Tracer_new(void);
/* Kills (or detaches, after Tracer_detach_all) and reaps every tracee. */
void Tracer_delete(Tracer *t);

/* Starts spec's program untraced (exec_attempts is ignored), set up as
 * Tracer_spawn sets up what it traces: the same parent-death signal, signal
 * state and descriptors. 0, or -errno (ENOENT for a missing program). */
int spawn_untraced(const TracerSpawn *spec, pid_t *pid_out);

/* Starts argv traced from its first instruction. 0, or -errno (exec failure
 * of the program included: ENOENT for a missing program). */
int Tracer_spawn(Tracer *t, const TracerSpawn *spec, pid_t *pid_out);
/* Follows an existing process and (with descendants) its live descendants. */
int Tracer_attach(Tracer *t, pid_t pid, bool descendants);

/* Called for every event before it is queued; the hook may fill in fields
 * (Event.record). The processes an EV_FORK, EV_VFORK or EV_CLONE (both),
 * EV_EXEC (/proc shows what the exec gave it), EV_EXIT, EV_SIGNAL,
 * EV_VFORK_DONE or EV_STOP names are stopped at that instant. */
typedef void (*TracerHook)(void *ctx, Event *ev);
void Tracer_set_hook(Tracer *t, TracerHook hook, void *ctx);

/* The oldest write to the output pipe not taken yet (out->data is the
 * caller's to free). Its bytes reach the pipe after this is queued. */
bool Tracer_pop_write(Tracer *t, TracerWrite *out);

int Tracer_fd(const Tracer *t);
/* Drains pending statuses without blocking (timeout_ms 0), or waits up to
 * timeout_ms (-1: until something happens). Returns events queued, -1 on error. */
int Tracer_dispatch(Tracer *t, int timeout_ms);
/* Takes the oldest queued event. */
bool Tracer_pop(Tracer *t, Event *ev);

/* Hold every tracee at every event from now on (true) or run freely (false:
 * also releases everything held). */
void Tracer_set_hold_all(Tracer *t, bool hold);
/* One-shot: hold pid (0: any tracee) at its next event of this kind: EV_EXEC,
 * EV_EXIT, EV_SIGNAL, EV_VFORK_DONE, or EV_FORK/EV_VFORK/EV_CLONE/EV_THREAD
 * for its next child, which is then held at its first stop as well. */
void Tracer_hold_next(Tracer *t, pid_t pid, EventKind kind);
bool Tracer_is_held(const Tracer *t, pid_t pid);
/* Resumes a held task (whatever held it); -ESRCH when it is not held. */
int Tracer_release(Tracer *t, pid_t pid);
/* Every hold, the breakpoints' included. */
void Tracer_release_all(Tracer *t);
/* Every hold but the breakpoints' (a step is over; set_hold_all(false)). */
void Tracer_release_steps(Tracer *t);

/* Breakpoints. Asked at each exec (after the exec hook filled the event),
 * each exit stop of a process and each process creation (fork, vfork,
 * clone; not a thread), the task still stopped there: true holds it (a
 * creation: the parent at its event and the child at its first stop) and
 * queues EV_BREAK right after the event, its detail the text written to
 * text. Never asked while spawning's first exec is awaited, while
 * detaching or killing. */
typedef bool (*TracerBreak)(void *ctx, const Event *ev, char *text, size_t textlen);
void Tracer_set_break(Tracer *t, TracerBreak fn, void *ctx);
/* Tasks held by a breakpoint (both sides of a creation count). */
size_t Tracer_break_count(const Tracer *t);
bool Tracer_is_break_held(const Tracer *t, pid_t pid);
/* Resumes every task a breakpoint holds; a step's hold stays. */
void Tracer_release_breaks(Tracer *t);
/* Lets a held process go untraced but stopped (in a group-stop by SIGSTOP:
 * state T, TracerPid 0), for a debugger to attach. 0; -ESRCH when pid is
 * not a held process; -EPERM when it runs under the exec filter (untraced,
 * its execs and writes would fail with ENOSYS: start it detachable);
 * -EBUSY when it has threads; -EINVAL when it is held at its exit (it
 * would only finish dying). */
int Tracer_detach_stopped(Tracer *t, pid_t pid);

size_t Tracer_count(const Tracer *t);     /* live tracees (threads included) */
/* Exited traced processes whose reap by their parent is still awaited. */
size_t Tracer_unreaped_count(const Tracer *t);
size_t Tracer_held_count(const Tracer *t);
/* Leaves every tracee running untraced (quitting while watching -- CMD). */
void Tracer_detach_all(Tracer *t);
/* SIGKILL to every tracee; Tracer_dispatch then reports their exits. */
void Tracer_kill_all(Tracer *t);

#endif
