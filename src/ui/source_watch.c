/*
 * The watch source: a running process and its descendants (-p PID) or the
 * whole machine (--system), behind the LiveSource interface (source.h).
 *
 * Where events come from, in order of preference (--events picks one):
 *   ptrace     -p only: attach to PID and its descendants (exact; needs
 *              ptrace permission over them). Quitting detaches: the watched
 *              processes run on.
 *   connector  the proc connector (needs CAP_NET_ADMIN): every fork, exec
 *              and exit of the machine; for -p filtered to the subtree.
 *   poll       /proc scans each refresh: processes that live shorter than
 *              the refresh interval are not seen.
 * A refused source falls back to the next and the session says which is in
 * use and why. Identities come from the process table (one refresh per
 * interval); the connector and poll modes take the whole table, ptrace only
 * reads its subtree.
 */
#include "ui/source.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "probe/proctable.h"
#include "live/exec_capture.h"
#include "trace/connector.h"
#include "trace/procscan.h"
#include "trace/tracer.h"

typedef enum WatchMode { WATCH_MODE_PTRACE, WATCH_MODE_CONNECTOR, WATCH_MODE_POLL } WatchMode;

typedef struct WatchImpl {
	Session *session;    /* borrowed */
	WatchMode mode;
	pid_t pid;           /* -p, or 0 for the machine */
	Tracer *tracer;      /* ptrace mode */
	Connector *conn;     /* connector mode */
	ProcTable *table;    /* identities, and the poll mode's eyes */
	bool table_fresh;    /* read just now, by LiveSource_watch */
	ExecCapture execs;   /* ptrace: what each exec received, into session->execs */
	bool finished;
} WatchImpl;

static void note(Session *s, const char *text)
{
	Event ev = { .t_us = clock_now_us(), .kind = EV_NOTE };

	snprintf(ev.detail, sizeof ev.detail, "%s", text);
	Session_apply(s, &ev);
}

static void sync_table(WatchImpl *w)
{
	if (ProcTable_refresh(w->table) == 0)
		Session_sync_table(w->session, w->table, clock_now_us());
}

static int open_ptrace(WatchImpl *w, char *err, size_t errlen)
{
	int rc;

	if ((w->tracer = Tracer_new()) == NULL) {
		snprintf(err, errlen, _("cannot set up the tracer: %s"), strerror(errno));
		return -1;
	}
	Tracer_set_hook(w->tracer, ExecCapture_event, &w->execs);
	rc = Tracer_attach(w->tracer, w->pid, true);
	if (rc == 0)
		return 0;
	snprintf(err, errlen, _("ptrace attach to %d refused (%s)"), (int)w->pid, strerror(-rc));
	Tracer_delete(w->tracer);
	w->tracer = NULL;
	return -1;
}

static int open_connector(WatchImpl *w, char *err, size_t errlen)
{
	w->conn = Connector_open(err, errlen);
	return w->conn != NULL ? 0 : -1;
}

static const char *mode_name(WatchMode mode)
{
	return mode == WATCH_MODE_PTRACE ? "ptrace" : mode == WATCH_MODE_CONNECTOR ? "connector" : "poll";
}

static bool asked(const char *events, const char *name)
{
	return events == NULL || strcmp(events, name) == 0;
}

/* Tries the sources from the preferred one down; poll always works. A
 * refused ptrace falls back to the connector, a refused connector to poll. */
static void open_source(WatchImpl *w, const char *events)
{
	char why_ptrace[256] = "", why_conn[256] = "", text[600];

	if (w->pid != 0 && asked(events, "ptrace") && open_ptrace(w, why_ptrace, sizeof why_ptrace) == 0)
		w->mode = WATCH_MODE_PTRACE;
	else if ((asked(events, "connector") || asked(events, "ptrace")) &&
		 open_connector(w, why_conn, sizeof why_conn) == 0)
		w->mode = WATCH_MODE_CONNECTOR;
	else
		w->mode = WATCH_MODE_POLL;
	snprintf(w->session->source, sizeof w->session->source, "%s", mode_name(w->mode));
	w->session->source_traces = w->mode == WATCH_MODE_PTRACE;
	if (why_ptrace[0] == '\0' && why_conn[0] == '\0')
		return;
	/* TRANSLATORS: the source, then what refused ptrace and the connector. */
	snprintf(text, sizeof text, _("events from %s%s%s%s%s%s"), mode_name(w->mode),
		 why_ptrace[0] ? ": " : "", why_ptrace, why_conn[0] ? "; " : "",
		 why_conn[0] ? _("the connector is refused: ") : "", why_conn);
	if (w->mode == WATCH_MODE_POLL)
		strncat(text, _(" (polling /proc: processes shorter than a refresh are not seen)"),
			sizeof text - strlen(text) - 1);
	note(w->session, text);
}

/* Connector events are the whole machine's: keep those of the subtree. */
static bool wanted(const WatchImpl *w, const Event *ev)
{
	if (w->pid == 0 || ev->kind == EV_LOST || ev->kind == EV_NOTE)
		return true;
	if (ev->kind == EV_FORK || ev->kind == EV_VFORK || ev->kind == EV_CLONE)
		return Session_in_subtree(w->session, ev->ppid);
	return Session_find_const(w->session, ev->pid) != NULL;
}

/* The connector says nothing of re-parenting: after an exit, the kernel's
 * word on the exited process's children, as events. */
static void apply_orphans(WatchImpl *w, pid_t exited)
{
	Session *s = w->session;

	for (size_t i = 0; i < s->nprocs; i++) {
		const ProcRecord *r = &s->procs[i];
		ProcBrief brief;
		Event ev;

		if (r->ppid != exited || !r->alive || r->gone ||
		    procscan_read_stat(r->pid, &brief) < 0 || brief.ppid == exited)
			continue;
		ev = (Event){ .t_us = clock_now_us(), .kind = EV_REPARENT, .pid = r->pid,
			      .ppid = brief.ppid };
		Session_apply(s, &ev); /* may grow s->procs: r is not used after */
	}
}

static size_t ws_pollfds(const void *impl, struct pollfd *fds, size_t max)
{
	const WatchImpl *w = impl;

	if (max == 0)
		return 0;
	if (w->tracer != NULL)
		fds[0].fd = Tracer_fd(w->tracer);
	else if (w->conn != NULL)
		fds[0].fd = Connector_fd(w->conn);
	else
		return 0; /* poll mode: the refresh tick is its clock */
	fds[0].events = POLLIN;
	return 1;
}

static void drain(WatchImpl *w)
{
	Event ev;

	if (w->tracer != NULL) {
		Tracer_dispatch(w->tracer, 0);
		while (Tracer_pop(w->tracer, &ev))
			Session_apply(w->session, &ev);
		if (Tracer_count(w->tracer) == 0)
			w->finished = true; /* everything we followed has ended */
	} else if (w->conn != NULL) {
		Connector_dispatch(w->conn, 0);
		while (Connector_pop(w->conn, &ev)) {
			if (!wanted(w, &ev))
				continue;
			Session_apply(w->session, &ev);
			if (ev.kind == EV_EXIT && ev.how != HOW_THREAD)
				apply_orphans(w, ev.pid);
		}
		if (Connector_take_rescan(w->conn))
			sync_table(w); /* events were lost: the table is the truth */
	}
}

static SourceState ws_state(const void *impl)
{
	return ((const WatchImpl *)impl)->finished ? SOURCE_FINISHED : SOURCE_RUNNING;
}

static SourceState ws_pump(void *impl, int timeout_ms)
{
	WatchImpl *w = impl;
	struct pollfd fd;

	drain(w);
	if (!w->finished && ws_pollfds(w, &fd, 1) == 1 && poll(&fd, 1, timeout_ms) > 0)
		drain(w);
	return ws_state(w);
}

static void ws_resync(void *impl)
{
	WatchImpl *w = impl;

	if (w->mode == WATCH_MODE_PTRACE) {
		Session_sync_identities(w->session);
		return;
	}
	/* The first frame's rescan follows the first look at once: reading
	 * the whole machine again would only delay that frame. */
	if (w->table_fresh)
		w->table_fresh = false;
	else
		sync_table(w);
	if (w->pid != 0 && Session_find_const(w->session, w->pid) != NULL &&
	    !Session_find_const(w->session, w->pid)->alive)
		w->finished = w->mode == WATCH_MODE_POLL || w->finished;
}

static int ws_step(const void *impl)
{
	(void)impl;
	return 0;
}

static pid_t ws_step_pid(const void *impl)
{
	(void)impl;
	return 0;
}

static int ws_exit_status(const void *impl)
{
	const WatchImpl *w = impl;
	const ProcRecord *r = w->pid != 0 ? Session_find_const(w->session, w->pid) : NULL;

	return r != NULL && r->exited ? r->exit_status : -1;
}

static void ws_delete(void *impl)
{
	WatchImpl *w = impl;

	if (w->tracer != NULL) {
		/* We only watch: the processes were there before us and run on. */
		Tracer_detach_all(w->tracer);
		Tracer_delete(w->tracer);
	}
	if (w->conn != NULL)
		Connector_close(w->conn);
	ExecCapture_done(&w->execs);
	ProcTable_delete(w->table);
	free(w);
}

static const LiveSourceOps watch_ops = {
	.pollfds = ws_pollfds,
	.pump = ws_pump,
	.state = ws_state,
	.resync = ws_resync,
	.step = ws_step,
	.step_pid = ws_step_pid,
	.exit_status = ws_exit_status,
	.delete = ws_delete,
};

LiveSource *LiveSource_watch(pid_t pid, const char *events, Session *session, char *err,
			     size_t errlen)
{
	WatchImpl *w;
	LiveSource *src;

	if (pid != 0 && kill(pid, 0) < 0 && errno == ESRCH) {
		snprintf(err, errlen, _("no process %d"), (int)pid);
		return NULL;
	}
	if (pid == 0 && events != NULL && strcmp(events, "ptrace") == 0) {
		snprintf(err, errlen, "%s",
			 _("ptrace cannot follow the whole machine: use --events=connector or poll"));
		return NULL;
	}
	w = xcalloc(1, sizeof *w);
	w->session = session;
	w->pid = pid;
	w->table = ProcTable_new();
	ExecCapture_init(&w->execs, &session->execs);
	session->root = pid;
	/* A machine forks thousands of times a minute: keep the screen's
	 * memory bounded (the newest events) and ghosts brief. */
	session->log_cap = 4000;
	if (pid == 0 && session->ghost_us > 1500000)
		session->ghost_us = 1500000;
	/* What is already there: the first look at the table, before the
	 * events are opened. With the proc connector listening, this first
	 * walk of the whole machine took 45 ms longer (about 100 ms instead
	 * of 55 on 1,000 processes), and the first frame waits for it. A
	 * process born in the instant between the two shows at the next
	 * refresh, as for polling. */
	sync_table(w);
	w->table_fresh = true;
	open_source(w, events);
	src = xcalloc(1, sizeof *src);
	src->ops = &watch_ops;
	src->impl = w;
	if (pid != 0)
		snprintf(src->label, sizeof src->label, "pid %d", (int)pid);
	else
		snprintf(src->label, sizeof src->label, "%s", _("the whole machine"));
	return src;
}
