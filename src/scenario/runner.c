/*
 * The runner (see runner.h). Two channels come in: the helper's report pipe
 * (API calls, step boundaries) and the tracer's kernel events; one goes out:
 * the control pipe ('g' per boundary). Both inputs become Events applied to
 * the session in the order they are read.
 *
 * Boundaries: STEP n pid -> AT_STEP until Runner_go writes 'g'. HOLD n pid
 * kind -> the tracer is armed to hold pid at its next exec/exit, the helper
 * is let go at once, and AT_STEP begins when the tracer holds pid there;
 * Runner_go releases it. In hold-all mode every held kernel event is a
 * boundary of its own.
 *
 * Starting and ending are runner_start.c's.
 */
#include "scenario/runner_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "probe/status.h"
#include "scenario/output_split.h"
#include "scenario/protocol.h"
#include "scenario/step_focus.h"
#include "live/exec_capture.h"
#include "live/on_break.h"
#include "live/spawn.h"
#include "trace/tracer.h"

size_t Runner_pollfds(const Runner *r, struct pollfd *fds, size_t max)
{
	size_t n = 0;

	if (n < max && r->output_fd >= 0) {
		fds[n].fd = r->output_fd;
		fds[n++].events = POLLIN;
	}
	if (n < max && r->tracer != NULL) {
		fds[n].fd = Tracer_fd(r->tracer);
		fds[n++].events = POLLIN;
	}
	if (n < max && r->report_fd >= 0) {
		fds[n].fd = r->report_fd;
		fds[n++].events = POLLIN;
	}
	return n;
}

static void drain_tracer(Runner *r);

static const char *step_caption(const Runner *r, int step)
{
	if (r->scenario == NULL || step < 1 || step > r->scenario->nsteps)
		return "";
	return r->scenario->steps[step - 1].caption;
}

static void push_event(Runner *r, const Event *ev)
{
	Session_apply(r->session, ev);
}

/* Is some live process of the demo still running (state R)? A process the
 * tracer just resumed, or one about to block on the control pipe, can be in
 * R for a moment: the state we show must be the quiet one. */
static bool someone_running(const Runner *r)
{
	const Session *s = r->session;

	for (size_t i = 0; i < s->nprocs; i++) {
		const ProcRecord *rec = &s->procs[i];
		ProcIdentity id;
		bool running;

		if (!rec->alive || rec->gone)
			continue;
		ProcIdentity_read(rec->pid, &id);
		running = id.state == READ_OK && id.task_state == 'R';
		ProcIdentity_done(&id);
		if (running)
			return true;
	}
	return false;
}

/* Waits, briefly and boundedly, until nothing of the demo runs. A scenario
 * that keeps a process busy on purpose (scale) is shown as it is. */
static void settle(Runner *r)
{
	for (int i = 0; i < 100; i++) {
		drain_tracer(r);
		if (!someone_running(r))
			return;
		usleep(2000);
	}
}

static void drain_reports_to_boundary(Runner *r);

int caption_reading_ms(const char *caption, int pace_ms, int ms_per_word)
{
	long words = 0, ms;
	bool in_word = false;

	for (const char *p = caption; *p != '\0'; p++) {
		bool space = *p == ' ' || *p == '\n';
		words += !space && !in_word;
		in_word = !space;
	}
	ms = words * ms_per_word;
	if (ms > 600000)
		ms = 600000; /* ten minutes: a caption is never that long */
	return ms > pace_ms ? (int)ms : pace_ms;
}

/* The caption in the catalogue's English; a translation is about as long. */
static int reading_ms(const Runner *r, const char *caption)
{
	return caption_reading_ms(caption, r->pace_ms, r->ms_per_word);
}

/* Everything the demo did before the screen shows the step belongs to it:
 * once the demo is quiet, the reports still in the pipe are read, and the
 * step's marker goes in the log after all of them, stamped as the step is
 * shown. The log is sealed there. */
static void read_output(Runner *r);

/* At a boundary the whole demo is quiet: a snapshot of each of its live
 * processes, so looking back at the step shows what its caption says
 * (the writes between two kernel events included). */
static void snapshot_boundary(Runner *r, uint64_t t_us)
{
	const Session *s = r->session;

	for (size_t i = 0; i < s->nprocs; i++)
		if (s->procs[i].alive && !s->procs[i].exited)
			ExecCapture_snapshot(&r->execs, s->procs[i].pid, 0, t_us, EV_STEP);
}

static void enter_boundary(Runner *r, BoundaryKind kind, int step, pid_t pid)
{
	Event ev = { .kind = EV_STEP, .pid = pid, .status = step };

	r->state = RUNNER_AT_STEP;
	r->boundary = kind;
	r->step = step;
	r->step_pid = pid;
	/* The session keeps the whole caption; the event keeps what fits. */
	Session_set_step(r->session, step, step_caption(r, step));
	settle(r);
	drain_reports_to_boundary(r);
	/* What was printed before the boundary is in the pipe by now (written
	 * before the report that made it): its lines go before the marker. */
	read_output(r);
	ev.t_us = clock_now_us();
	r->at_step_since_us = ev.t_us;
	r->dwell_ms = reading_ms(r, step_caption(r, step));
	snprintf(ev.detail, sizeof ev.detail, "%.*s", (int)sizeof ev.detail - 1, step_caption(r, step));
	push_event(r, &ev);
	Session_set_step(r->session, step, step_caption(r, step)); /* whole, not the event's piece */
	Session_seal_log(r->session);
	Session_sync_identities(r->session);
	snapshot_boundary(r, ev.t_us);
}

static void send_go(Runner *r)
{
	char go = 'g';

	if (r->control_fd >= 0 && write(r->control_fd, &go, 1) < 0 && errno == EPIPE) {
		close(r->control_fd);
		r->control_fd = -1;
	}
}

static void handle_report(Runner *r, const Report *rep)
{
	Event ev = { .t_us = rep->t_us != 0 ? rep->t_us : clock_now_us(), .pid = rep->pid };

	switch (rep->kind) {
	case REPORT_STEP:
		enter_boundary(r, BOUNDARY_STEP, rep->step, rep->pid);
		return;
	case REPORT_HOLD:
		r->hold_step = rep->step;
		r->hold_pid = rep->pid;
		r->hold_kind = strcmp(rep->text, "exit") == 0 ? EV_EXIT : EV_EXEC;
		Tracer_hold_next(r->tracer, rep->pid, r->hold_kind);
		send_go(r); /* armed: the helper may exec or exit now */
		return;
	case REPORT_API:
		ev.kind = EV_API;
		ev.ret = rep->ret;
		ev.err = rep->err;
		ev.child = rep->child;
		snprintf(ev.api, sizeof ev.api, "%s", rep->api);
		i18n_copy(ev.detail, sizeof ev.detail, rep->text, sizeof rep->text);
		break;
	case REPORT_NOTE:
		ev.kind = EV_NOTE;
		i18n_copy(ev.detail, sizeof ev.detail, rep->text, sizeof rep->text);
		break;
	case REPORT_DONE:
		ev.kind = EV_NOTE;
		ev.status = rep->status;
		snprintf(ev.detail, sizeof ev.detail, L_("scenario finished with status %d"), rep->status);
		break;
	}
	push_event(r, &ev);
}

/* piece: the start of the line, already made printable */
static void handle_bad_line(Runner *r, const char *piece)
{
	Event ev = { .t_us = clock_now_us(), .kind = EV_NOTE };

	snprintf(ev.detail, sizeof ev.detail, L_("unreadable report from the helper: %s"), piece);
	push_event(r, &ev);
}

/* Is the first whole line in the buffer a boundary (STEP or HOLD)? */
static bool boundary_queued(const Runner *r)
{
	return r->linelen >= 5 && (memcmp(r->linebuf, "STEP ", 5) == 0 ||
				   memcmp(r->linebuf, "HOLD ", 5) == 0);
}

/* Reading stops at a boundary reached (the caller shows the step), or,
 * when draining at a boundary, before the next boundary line. */
static bool must_stop(const Runner *r, bool upto_boundary)
{
	return upto_boundary ? boundary_queued(r) : r->state == RUNNER_AT_STEP;
}

/* Reads what the helper wrote and handles each whole line. Stops at the first
 * boundary so the caller sees every step, even when several are queued;
 * with upto_boundary, stops before any boundary line, leaving it queued. */
static void read_reports_until(Runner *r, bool upto_boundary)
{
	for (;;) {
		char *nl;
		ssize_t n;

		while (!must_stop(r, upto_boundary) &&
		       (nl = memchr(r->linebuf, '\n', r->linelen)) != NULL) {
			size_t len = (size_t)(nl - r->linebuf);
			char bad[121];
			Report rep;
			bool ok = report_parse(r->linebuf, len, &rep) == 0;

			/* Off the buffer before it is handled: a STEP drains the
			 * lines after it (enter_boundary). */
			if (!ok)
				i18n_copy(bad, sizeof bad, r->linebuf, len);
			memmove(r->linebuf, nl + 1, r->linelen - len - 1);
			r->linelen -= len + 1;
			if (ok)
				handle_report(r, &rep);
			else
				handle_bad_line(r, bad);
		}
		if (must_stop(r, upto_boundary) || r->report_fd < 0)
			return;
		if (r->linelen == sizeof r->linebuf) /* a line too long: drop it */
			r->linelen = 0;
		n = read(r->report_fd, r->linebuf + r->linelen, sizeof r->linebuf - r->linelen);
		if (n > 0) {
			r->linelen += (size_t)n;
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		close(r->report_fd); /* EOF: every holder of the write end is gone */
		r->report_fd = -1;
		return;
	}
}

static void read_reports(Runner *r)
{
	read_reports_until(r, false);
}

/* At a boundary the demo is quiet: what it reported is in the pipe. Take it
 * in, up to the next boundary line, so the step shows all it did. */
static void drain_reports_to_boundary(Runner *r)
{
	read_reports_until(r, true);
}

static size_t live_processes(const Session *s)
{
	size_t n = 0;

	for (size_t i = 0; i < s->nprocs; i++)
		n += s->procs[i].alive && !s->procs[i].gone;
	return n;
}

/* A demo never exceeds its process cap, whatever its options asked for. */
static void enforce_cap(Runner *r)
{
	Event note = { .t_us = clock_now_us(), .kind = EV_NOTE };
	size_t live;

	if (r->scenario == NULL || r->scenario->max_procs <= 0)
		return;
	if (r->capped) {
		/* Born while the others were being killed (its fork had begun):
		 * it goes too, or it would run on alone to its natural end. */
		Tracer_kill_all(r->tracer);
		return;
	}
	live = live_processes(r->session);
	if (live <= (size_t)r->scenario->max_procs)
		return;
	r->capped = true;
	snprintf(note.detail, sizeof note.detail,
		 L_("the demo made %zu processes at once, more than its cap of %d: it was ended"),
		 live, r->scenario->max_procs);
	push_event(r, &note);
	Tracer_kill_all(r->tracer);
}

/* A line of what the demo or command printed, as an event of its writer. */
void runner_output_line(void *ctx, pid_t pid, const char *line, size_t len)
{
	Runner *r = ctx;
	Event ev = { .t_us = clock_now_us(), .kind = EV_OUTPUT, .pid = pid > 0 ? pid : r->root };

	if (len >= sizeof ev.detail)
		len = sizeof ev.detail - 1;
	for (size_t i = 0; i < len; i++) /* keep terminal controls out of the screen */
		ev.detail[i] = (unsigned char)line[i] < 0x20 && line[i] != '\t' ? '?' : line[i];
	push_event(r, &ev);
}

/* Reads what the demo printed; one event per line, by the process that
 * wrote it where the tracer saw the write (a command's), else the root's. */
static void read_output(Runner *r)
{
	char buf[4096];
	TracerWrite w;
	ssize_t n;

	/* The writes stopped so far: their bytes can be in the pipe now. */
	while (r->tracer != NULL && Tracer_pop_write(r->tracer, &w))
		OutputSplit_expect(&r->out, w.pid, w.data, w.len);
	while (r->output_fd >= 0) {
		n = read(r->output_fd, buf, sizeof buf);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		if (n <= 0) {
			OutputSplit_flush(&r->out);
			close(r->output_fd);
			r->output_fd = -1;
			return;
		}
		OutputSplit_feed(&r->out, buf, (size_t)n);
	}
}

static void handle_trace_event(Runner *r, const Event *ev)
{
	push_event(r, ev);
	if (ev->kind == EV_FORK || ev->kind == EV_VFORK || ev->kind == EV_CLONE)
		enforce_cap(r);
	if (ev->kind == EV_EXIT && ev->pid == r->root) {
		r->root_exited = true;
		r->root_status = ev->status;
	}
	if (ev->kind == EV_BREAK) {
		/* Not a boundary: held until the user lets it go. */
		Session_set_held(r->session, ev->pid, Tracer_is_held(r->tracer, ev->pid));
		if (ev->child > 0)
			Session_set_held(r->session, ev->child, Tracer_is_held(r->tracer, ev->child));
		return;
	}
	if (!Tracer_is_held(r->tracer, ev->pid))
		return;
	Session_set_held(r->session, ev->pid, true);
	if (r->state == RUNNER_AT_STEP)
		return; /* one boundary at a time: it stays held for the next */
	/* The step's own hold is its boundary even where a breakpoint holds
	 * too (leaving the step then leaves it held); hold-all makes none of
	 * a breakpoint's hold. */
	if (r->hold_pid == ev->pid && r->hold_kind == ev->kind) {
		int step = r->hold_step;
		r->hold_pid = 0;
		enter_boundary(r, BOUNDARY_HELD, step, ev->pid);
	} else if (r->hold_all && !Tracer_is_break_held(r->tracer, ev->pid)) {
		enter_boundary(r, BOUNDARY_HELD, r->step, ev->pid);
	}
}

/* Also at a boundary: a stop that is not a hold (a vfork-done, a signal
 * being delivered) must be resumed, or its process would sit stopped for
 * the whole step instead of reaching the place where it sleeps. */
static void drain_tracer(Runner *r)
{
	Event ev;

	if (r->tracer == NULL)
		return;
	Tracer_dispatch(r->tracer, 0);
	while (Tracer_pop(r->tracer, &ev))
		handle_trace_event(r, &ev);
}

static bool demo_over(const Runner *r)
{
	return r->report_fd < 0 && Tracer_count(r->tracer) == 0;
}

static int pace_left_ms(const Runner *r)
{
	uint64_t now = clock_now_us();
	uint64_t until = r->at_step_since_us + (uint64_t)r->dwell_ms * 1000u;

	return now >= until ? 0 : (int)((until - now + 999) / 1000);
}

RunnerState Runner_pump(Runner *r, int timeout_ms)
{
	struct pollfd fds[3];
	size_t nfds;

	if (r->state == RUNNER_FINISHED)
		return r->state;
	if (r->state == RUNNER_AT_STEP) {
		drain_tracer(r);
		if (r->step_mode)
			return r->state;
		if (pace_left_ms(r) > 0) {
			int wait = pace_left_ms(r);
			if (timeout_ms >= 0 && timeout_ms < wait)
				wait = timeout_ms;
			poll(NULL, 0, wait);
			if (pace_left_ms(r) > 0)
				return r->state;
		}
		Runner_go(r);
	}
	/* Events already queued come first: nothing to wait for then. */
	read_output(r);
	drain_tracer(r);
	read_reports(r);
	if (r->state == RUNNER_AT_STEP)
		return r->state;
	if (demo_over(r)) {
		r->state = RUNNER_FINISHED;
		return r->state;
	}
	nfds = Runner_pollfds(r, fds, 3);
	if (poll(fds, nfds, timeout_ms) > 0) {
		read_output(r);
		drain_tracer(r);
		read_reports(r);
	}
	if (r->state != RUNNER_AT_STEP && demo_over(r))
		r->state = RUNNER_FINISHED;
	return r->state;
}

RunnerState Runner_state(const Runner *r)
{
	return r->state;
}

int Runner_step(const Runner *r)
{
	return r->step;
}

pid_t Runner_step_pid(const Runner *r)
{
	return r->state == RUNNER_AT_STEP ? r->step_pid : 0;
}

const StepFocus *Runner_step_focus(const Runner *r)
{
	if (r->state != RUNNER_AT_STEP || r->scenario == NULL || r->step < 1 ||
	    r->step > r->scenario->nsteps)
		return NULL;
	return &r->scenario->steps[r->step - 1].focus;
}

pid_t Runner_focus_pid(const Runner *r)
{
	const StepFocus *f = Runner_step_focus(r);
	pid_t pid = f != NULL ? role_pid(r->session, f->who, f->nth, f->sub, r->step_pid) : 0;

	return pid > 0 ? pid : Runner_step_pid(r);
}

/* The session's held marks follow the tracer's. */
static void sync_held(Runner *r)
{
	for (size_t i = 0; i < r->session->nprocs; i++) {
		ProcRecord *rec = &r->session->procs[i];
		if (rec->held && !Tracer_is_held(r->tracer, rec->pid))
			rec->held = false;
	}
}

void Runner_go(Runner *r)
{
	if (r->state != RUNNER_AT_STEP)
		return;
	if (r->boundary == BOUNDARY_STEP) {
		send_go(r);
	} else if (r->boundary == BOUNDARY_HELD) {
		/* A breakpoint's hold outlives the step. */
		Tracer_release_steps(r->tracer);
		sync_held(r);
	}
	r->boundary = BOUNDARY_NONE;
	r->state = RUNNER_RUNNING;
}

void Runner_set_detach_on_delete(Runner *r, bool detach)
{
	/* Only a user's command started to be left: a demo never outlives
	 * forkscope, and the exec filter needs its tracer. */
	r->detach_on_delete = detach && r->detachable;
}

void Runner_set_step_mode(Runner *r, bool step_mode)
{
	r->step_mode = step_mode;
}

void Runner_set_pace(Runner *r, int pace_ms, int ms_per_word)
{
	r->pace_ms = pace_ms < 0 ? 0 : pace_ms;
	r->ms_per_word = ms_per_word < 0 ? 0 : ms_per_word;
	if (r->state == RUNNER_AT_STEP)
		r->dwell_ms = reading_ms(r, step_caption(r, r->step));
}

void Runner_set_hold_all(Runner *r, bool hold)
{
	r->hold_all = hold;
	Tracer_set_hold_all(r->tracer, hold);
	if (!hold && r->boundary == BOUNDARY_HELD)
		Runner_go(r);
}

pid_t Runner_root(const Runner *r)
{
	return r->root;
}

int Runner_exit_status(const Runner *r)
{
	return r->root_exited ? r->root_status : -1;
}

/* ---- breakpoints ---- */

void Runner_set_breaks(Runner *r, BreakList *breaks)
{
	r->breaks = breaks;
	if (r->tracer != NULL)
		live_set_breaks(r->tracer, &r->execs, breaks);
}

size_t Runner_break_count(const Runner *r)
{
	return r->tracer != NULL ? Tracer_break_count(r->tracer) : 0;
}

bool Runner_is_held(const Runner *r, pid_t pid)
{
	return r->tracer != NULL && Tracer_is_held(r->tracer, pid);
}

int Runner_release(Runner *r, pid_t pid)
{
	int rc = r->tracer != NULL ? Tracer_release(r->tracer, pid) : -ESRCH;

	/* The step's own held process: leaving it is leaving the step. */
	if (rc == 0 && r->state == RUNNER_AT_STEP && r->boundary == BOUNDARY_HELD &&
	    r->step_pid == pid)
		Runner_go(r);
	sync_held(r);
	return rc;
}

void Runner_release_breaks(Runner *r)
{
	if (r->tracer != NULL)
		Tracer_release_breaks(r->tracer);
	sync_held(r);
}

int Runner_detach_stopped(Runner *r, pid_t pid, char *err, size_t errlen)
{
	Event note = { .t_us = clock_now_us(), .kind = EV_NOTE, .pid = pid };
	int rc;

	if (r->scenario != NULL) {
		/* A demo never outlives forkscope, not even stopped. */
		snprintf(err, errlen, "%s", _("a scenario's processes stay with forkscope: D works on a "
					      "command of yours (-- COMMAND or -p PID)"));
		return -1;
	}
	rc = r->tracer != NULL ? Tracer_detach_stopped(r->tracer, pid) : -ESRCH;
	if (rc < 0) {
		on_break_detach_error(rc, pid, err, errlen);
		return -1;
	}
	sync_held(r);
	snprintf(note.detail, sizeof note.detail,
		 L_("process %d left stopped and untraced: forkscope no longer sees it"), (int)pid);
	push_event(r, &note);
	return 0;
}
