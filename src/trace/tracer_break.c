/*
 * Breakpoints in the tracer: the callback asked at a task's stop, the
 * holds it makes (marked break_held, so they can be told from a step's
 * holds and released alone), and letting a held process go stopped for a
 * debugger. See tracer.h for the contract.
 *
 * Detaching stopped: SIGSTOP is queued first (a task in a ptrace-stop is
 * not woken by it), then PTRACE_DETACH; the task dequeues the SIGSTOP as
 * an untraced process and sits in a group-stop until SIGCONT, while
 * nobody traces it (a debugger can attach). The exec filter outlives the
 * tracer in the process: untraced, its execs would fail, so a process
 * under it is refused.
 */
#include "trace/tracer.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "trace/tracer_internal.h"
#include "trace/tracer_log.h"

void Tracer_set_break(Tracer *t, TracerBreak fn, void *ctx)
{
	t->brk = fn;
	t->brk_ctx = ctx;
}

bool tracer_emit_breakable(Tracer *t, const Tracee *tr, pid_t child, const Event *ev)
{
	Event seen = tracer_emit_hooked(t, ev), hit;

	if (t->brk == NULL || t->detached || t->killing || tr->spawning)
		return false;
	hit = tracer_event(tr, EV_BREAK);
	hit.child = child;
	if (!t->brk(t->brk_ctx, &seen, hit.detail, sizeof hit.detail))
		return false;
	tracer_emit(t, &hit);
	return true;
}

void tracer_hold_break(Tracer *t, Tracee *tr)
{
	tracer_log("hold %d at a breakpoint", (int)tr->pid);
	tracer_set_held(t, tr, true);
	if (!tr->break_held) {
		tr->break_held = true;
		t->nbreak++;
	}
}

size_t Tracer_break_count(const Tracer *t)
{
	return t->nbreak;
}

bool Tracer_is_break_held(const Tracer *t, pid_t pid)
{
	const Tracee *tr = PidMap_get(&t->tracees, pid);
	return tr != NULL && tr->break_held;
}

int Tracer_detach_stopped(Tracer *t, pid_t pid)
{
	Tracee *tr = PidMap_get(&t->tracees, pid);

	if (tr == NULL || !tr->held || tr->is_thread || tr->state != TS_STOPPED)
		return -ESRCH;
	if (t->exec_filter)
		return -EPERM;
	if (tr->nthreads > 0)
		return -EBUSY;
	if (tr->exit_emitted || tr->exit_deferred)
		return -EINVAL;
	if (syscall(SYS_tgkill, tr->tgid, tr->pid, SIGSTOP) < 0)
		return -errno;
	tracer_log("detach %d stopped (signal %d handed back)", (int)tr->pid, tr->resume_sig);
	if (ptrace(PTRACE_DETACH, tr->pid, 0, (void *)(long)tr->resume_sig) < 0) {
		/* ESRCH: killed meanwhile; its death is reported next. */
		return -errno;
	}
	tracer_remove(t, tr);
	return 0;
}
