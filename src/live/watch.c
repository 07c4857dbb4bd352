/*
 * The live engine for watching: see watch.h. One LiveWatch holds the
 * source that was chosen (exactly one of tracer, connector, poller), what
 * it started (a command, reaped here), and what it reads besides events
 * (the process table, for the screen's identities).
 */
#include "live/watch.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "live/exec_capture.h"
#include "live/on_break.h"
#include "live/spawn.h"
#include "live/watch_tree.h"
#include "probe/proctable.h"
#include "trace/connector.h"
#include "trace/poller.h"
#include "probe/brief.h"
#include "probe/procfs.h"
#include "trace/tracer.h"

#define DEFAULT_POLL_MS 100
/* Without a tracer, forkscope reaps its own children by looking this often. */
#define REAP_LOOK_MS 20
/* After an attached tree is gone, how long its last reaps are awaited. */
#define ATTACH_REAP_GRACE_US (1000 * 1000)
/* The most re-parented children one exit can report at once (connector). */
#define ORPHANS_PER_EXIT 64
/* A machine forks thousands of times a minute: the screen keeps the newest
 * events, and ghosts stay briefly. */
#define MACHINE_LOG_CAP 4000
#define MACHINE_GHOST_US 1500000u

struct LiveWatch {
	LiveWatchOptions opt;
	Session *session;        /* borrowed */
	WatchSource source;
	Tracer *tracer;
	Connector *connector;
	Poller *poller;
	WatchTree tree;          /* connector: the followed processes */
	bool tree_on;
	ProcTable *table;        /* identities: read at open and at each resync */
	bool table_fresh;        /* read at open: the first resync need not read again */
	ExecCapture execs;       /* ptrace: what each exec received */
	pid_t cmd;               /* the command we started; 0 none */
	bool cmd_exited, cmd_reaped;
	bool leave;              /* LiveWatch_leave: the command is not ended at close */
	int cmd_status;
	bool subreaper;          /* we made ourselves one: undone at close */
	uint64_t quiet_since_us; /* attach: when the tree was first seen gone */
	uint64_t note_us;        /* when an attach began: its note's date; 0 now */
};

int watch_source_parse(const char *name, WatchSource *out)
{
	static const char *const names[] = { "ptrace", "connector", "poll" };

	if (name == NULL || name[0] == '\0') {
		*out = WATCH_AUTO;
		return 0;
	}
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (WatchSource)(WATCH_PTRACE + i);
			return 0;
		}
	return -1;
}

const char *WatchSource_name(WatchSource source)
{
	switch (source) {
	case WATCH_PTRACE: return "ptrace";
	case WATCH_CONNECTOR: return "connector";
	case WATCH_POLL: return "poll";
	case WATCH_AUTO: break;
	}
	return "auto";
}

/* ---- into the session ---- */

static void apply(LiveWatch *w, Event *ev)
{
	if (w->cmd > 0 && ev->pid == w->cmd) {
		/* Our own waitpid's status is the truth; polling's exit has none. */
		if (ev->kind == EV_EXIT && ev->how != HOW_THREAD && ev->status >= 0 && !w->cmd_reaped) {
			w->cmd_exited = true;
			w->cmd_status = ev->status;
		}
		if (ev->kind == EV_REAP)
			w->cmd_reaped = true;
	}
	Session_apply(w->session, ev);
	/* Asked of the tracer: the hold may be over by the time its event is
	 * applied (released or detached as soon as the count showed it). */
	if (ev->kind == EV_BREAK) {
		Session_set_held(w->session, ev->pid, Tracer_is_held(w->tracer, ev->pid));
		if (ev->child > 0)
			Session_set_held(w->session, ev->child, Tracer_is_held(w->tracer, ev->child));
	}
}

/* A note's words: translated for people, as written for programs. */
static const char *say(const LiveWatch *w, const char *msgid)
{
	return w->opt.english_notes ? msgid : _(msgid);
}

/* fmt is marked with N_() and translated here unless notes are English.
 * Dated when the source was chosen (note_us), before the events it then
 * gave (an attach's existing processes), or now. */
static void __attribute__((format(printf, 2, 3))) note(LiveWatch *w, const char *fmt, ...)
{
	Event ev = { .t_us = w->note_us != 0 ? w->note_us : clock_now_us(), .kind = EV_NOTE,
		     .pid = getpid() };
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ev.detail, sizeof ev.detail, say(w, fmt), ap);
	va_end(ap);
	Session_apply(w->session, &ev);
}

static void sync_table(LiveWatch *w)
{
	if (w->table == NULL)
		w->table = ProcTable_new();
	if (ProcTable_refresh(w->table) == 0)
		Session_sync_table(w->session, w->table, clock_now_us());
}

/* ---- starting a command ---- */

static pid_t start_untraced(LiveWatch *w)
{
	TracerSpawn spec = { .argv = w->opt.command, .stdio_fd = w->opt.stdio_fd,
			     .tty_fd = w->opt.tty_fd, .detachable = w->opt.detachable };
	pid_t pid = 0;
	int rc = spawn_untraced(&spec, &pid);

	return rc < 0 ? rc : pid;
}

/* Reaps our own children (the command, adopted orphans); with the
 * connector, the exit event of each goes before its reap (WatchTree). */
static void reap_children(LiveWatch *w)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (pid == w->cmd) {
			w->cmd_reaped = w->cmd_exited = true;
			w->cmd_status = status;
		}
		if (w->connector != NULL) {
			Event ev = { .t_us = clock_now_us(), .kind = EV_REAP, .pid = pid, .ppid = getpid() };
			if (WatchTree_reaped(&w->tree, &ev))
				apply(w, &ev);
		}
	}
}

/* ---- choosing and opening the source ---- */

static int open_connector(LiveWatch *w, pid_t root)
{
	char err[256];

	w->connector = Connector_open(err, sizeof err);
	if (w->connector == NULL) {
		note(w, N_("%s: falling back to polling /proc"), err);
		return -1;
	}
	w->source = WATCH_CONNECTOR;
	WatchTree_init(&w->tree, root);
	w->tree_on = true;
	note(w, N_("events: connector, receive buffer %d KiB%s"),
	     Connector_rcvbuf(w->connector) / 1024,
	     say(w, root != 0 ? N_(", filtered to the subtree") : N_(", the whole system")));
	return 0;
}

static int open_poller(LiveWatch *w, pid_t root)
{
	int interval = w->opt.poll_interval_ms > 0 ? w->opt.poll_interval_ms : DEFAULT_POLL_MS;

	w->poller = Poller_open(root, interval);
	if (w->poller == NULL)
		return -1;
	w->source = WATCH_POLL;
	note(w, N_("events: /proc polled every %d ms, %s (approximate: short lives are missed)"),
	     interval, say(w, root > 0 ? N_("the subtree") : N_("the whole system")));
	return 0;
}

/* Connector where asked or needed, poll where it is refused. */
static int open_lighter_source(LiveWatch *w, pid_t root)
{
	if (w->opt.source != WATCH_POLL && open_connector(w, root) == 0)
		return 0;
	return open_poller(w, root);
}

static void born(LiveWatch *w, pid_t pid, uint64_t t_us)
{
	Event ev = { .t_us = t_us, .kind = EV_FORK, .pid = pid, .ppid = getpid(), .how = HOW_FORK };

	apply(w, &ev);
}

static int start_traced(LiveWatch *w)
{
	/* Ended with forkscope; never left running, but a process held at a
	 * breakpoint may be left stopped for a debugger: no filter then. */
	TracerSpawn spec = { .argv = w->opt.command, .exec_attempts = !w->opt.no_exec_filter,
			     .detachable = w->opt.no_exec_filter };
	uint64_t t_us;
	pid_t pid = 0;
	int rc;

	w->source = WATCH_PTRACE;
	note(w, N_("events: ptrace, exact"));
	t_us = clock_now_us();
	rc = live_spawn_traced(&spec, &w->execs, w->opt.breaks, &w->tracer, &pid);
	if (rc < 0)
		return rc;
	/* The tracer reports from the command's first stop on: its birth is
	 * ours to tell, before its exec (already queued). */
	w->cmd = pid;
	w->session->root = pid;
	born(w, pid, t_us);
	return 0;
}

static int start_command(LiveWatch *w)
{
	pid_t pid;

	if (prctl(PR_SET_CHILD_SUBREAPER, 1) == 0)
		w->subreaper = true;
	if (w->opt.source == WATCH_AUTO || w->opt.source == WATCH_PTRACE)
		return start_traced(w);
	/* The source listens first, so the command's first events are seen. */
	if (w->opt.source == WATCH_CONNECTOR && open_connector(w, -1) == 0) {
		pid = start_untraced(w);
		if (pid > 0)
			WatchTree_follow(&w->tree, pid, getpid());
	} else {
		/* Polled from forkscope down, not from the command: an orphan of
		 * the command comes back to us (a subreaper) and stays followed,
		 * its new parent seen. The first scan holds the command already. */
		pid = start_untraced(w);
		if (pid > 0 && open_poller(w, getpid()) < 0)
			return -errno;
		if (pid > 0)
			born(w, pid, clock_now_us());
	}
	if (pid < 0)
		return (int)pid;
	w->cmd = pid;
	w->session->root = pid;
	return 0;
}

static int start_pid(LiveWatch *w)
{
	pid_t pid = w->opt.pid;
	int rc;

	if (w->opt.source == WATCH_AUTO || w->opt.source == WATCH_PTRACE) {
		w->tracer = Tracer_new();
		if (w->tracer == NULL)
			return -errno;
		Tracer_set_hook(w->tracer, ExecCapture_event, &w->execs);
		live_set_breaks(w->tracer, &w->execs, w->opt.breaks);
		w->note_us = clock_now_us();
		rc = Tracer_attach(w->tracer, pid, true);
		if (rc == 0) {
			w->source = WATCH_PTRACE;
			note(w, N_("events: ptrace, attached to %d and its descendants"), (int)pid);
			w->note_us = 0;
			return 0;
		}
		w->note_us = 0;
		Tracer_delete(w->tracer);
		w->tracer = NULL;
		note(w, N_("ptrace cannot attach to %d: %s"), (int)pid,
		     w->opt.english_notes ? i18n_log_strerror(-rc) : strerror(-rc));
	}
	return open_lighter_source(w, pid) < 0 ? -errno : 0;
}

LiveWatch *LiveWatch_open(const LiveWatchOptions *opt, Session *session, char *err,
			  size_t errlen)
{
	LiveWatch *w;
	int rc;

	if (opt->command == NULL && opt->pid > 0 && kill(opt->pid, 0) < 0 && errno == ESRCH) {
		snprintf(err, errlen, _("no process %d"), (int)opt->pid);
		errno = ESRCH;
		return NULL;
	}
	if (opt->command == NULL && opt->pid == 0 && opt->source == WATCH_PTRACE) {
		snprintf(err, errlen, "%s",
			 _("ptrace cannot watch the whole machine: use --events=connector or poll"));
		errno = EINVAL;
		return NULL;
	}
	if (opt->breaks != NULL && BreakList_count(opt->breaks) > 0 &&
	    (opt->source == WATCH_CONNECTOR || opt->source == WATCH_POLL ||
	     (opt->command == NULL && opt->pid == 0))) {
		snprintf(err, errlen, "%s", _("breakpoints need ptrace: they hold a process at its stop, "
					      "which the proc connector and polling cannot"));
		errno = EINVAL;
		return NULL;
	}
	w = xcalloc(1, sizeof *w);
	w->opt = *opt;
	w->session = session;
	ExecCapture_init(&w->execs, &session->execs);
	w->execs.snaps = &session->snaps; /* taken when the session's cap allows */
	if (opt->command != NULL) {
		rc = start_command(w);
	} else {
		session->root = opt->pid;
		if (opt->pid == 0) {
			session->log_cap = MACHINE_LOG_CAP;
			if (session->ghost_us > MACHINE_GHOST_US)
				session->ghost_us = MACHINE_GHOST_US;
		}
		/* What is already there, before the events are opened: with the
		 * connector listening, the first walk of the machine took 45 ms
		 * longer (100 ms instead of 55 on 1,000 processes). A process
		 * born in between shows at the next refresh. */
		sync_table(w);
		w->table_fresh = true;
		rc = opt->pid > 0 ? start_pid(w) : open_lighter_source(w, 0) < 0 ? -errno : 0;
	}
	snprintf(session->source, sizeof session->source, "%s", WatchSource_name(w->source));
	session->source_traces = w->source == WATCH_PTRACE;
	if (rc < 0) {
		if (opt->command != NULL)
			/* TRANSLATORS: "cannot start PROGRAM: the system's reason". */
			snprintf(err, errlen, _("cannot start %s: %s"), opt->command[0], strerror(-rc));
		else
			snprintf(err, errlen, _("cannot watch: %s"), strerror(-rc));
		LiveWatch_close(w);
		errno = -rc;
		return NULL;
	}
	return w;
}

/* ---- running ---- */

static void pump_tracer(LiveWatch *w, int timeout_ms)
{
	Event ev;

	Tracer_dispatch(w->tracer, timeout_ms);
	while (Tracer_pop(w->tracer, &ev))
		apply(w, &ev);
}

static void pump_connector(LiveWatch *w, int timeout_ms)
{
	Event ev;

	Connector_dispatch(w->connector, timeout_ms);
	while (Connector_pop(w->connector, &ev)) {
		Event extra[ORPHANS_PER_EXIT];
		size_t n;

		if (!WatchTree_filter(&w->tree, &ev))
			continue;
		/* A subtree's exec, read as soon as it is told (the program runs
		 * meanwhile: the record says it is late). Not the whole machine's:
		 * thousands a minute. */
		if (ev.kind == EV_EXEC && w->tree.filter)
			ExecCapture_late(&w->execs, &ev);
		apply(w, &ev);
		if (ev.kind == EV_EXIT && WatchTree_take_reap(&w->tree, ev.pid, &extra[0]))
			apply(w, &extra[0]);
		if (ev.kind != EV_EXIT || ev.how == HOW_THREAD)
			continue;
		/* The connector says nothing of re-parenting: after an exit, the
		 * kernel's word on the exited process's children. */
		n = WatchTree_orphans(&w->tree, ev.pid, clock_now_us(), extra, ORPHANS_PER_EXIT);
		for (size_t i = 0; i < n; i++)
			apply(w, &extra[i]);
	}
	if (Connector_take_rescan(w->connector)) {
		/* Events were lost: the table is the truth. */
		WatchTree_rescan(&w->tree);
		if (w->table != NULL)
			sync_table(w);
	}
}

static void pump_poller(LiveWatch *w, int timeout_ms)
{
	Event ev;

	Poller_dispatch(w->poller, timeout_ms);
	while (Poller_pop(w->poller, &ev))
		apply(w, &ev);
}

size_t LiveWatch_pollfds(const LiveWatch *w, struct pollfd *fds, size_t max)
{
	if (max == 0)
		return 0;
	if (w->tracer != NULL)
		fds[0].fd = Tracer_fd(w->tracer);
	else if (w->connector != NULL)
		fds[0].fd = Connector_fd(w->connector);
	else if (w->poller != NULL)
		fds[0].fd = Poller_fd(w->poller);
	else
		return 0;
	fds[0].events = POLLIN;
	return 1;
}

int LiveWatch_wait_ms(const LiveWatch *w)
{
	if (w->tracer == NULL && w->cmd > 0)
		return REAP_LOOK_MS;
	if (w->tracer != NULL && w->cmd == 0 && Tracer_count(w->tracer) == 0)
		return REAP_LOOK_MS;
	return -1;
}

void LiveWatch_pump(LiveWatch *w, int timeout_ms)
{
	if (w->tracer != NULL)
		pump_tracer(w, timeout_ms);
	else if (w->connector != NULL)
		pump_connector(w, timeout_ms);
	else if (w->poller != NULL)
		pump_poller(w, timeout_ms);
	if (w->tracer == NULL && w->cmd > 0)
		reap_children(w);
}

void LiveWatch_resync(LiveWatch *w)
{
	if (w->source == WATCH_PTRACE) {
		Session_sync_identities(w->session);
		return;
	}
	if (w->table_fresh)
		w->table_fresh = false;
	else
		sync_table(w);
}

bool LiveWatch_finished(LiveWatch *w)
{
	if (w->opt.command == NULL && w->opt.pid == 0)
		return false;
	if (w->tracer != NULL) {
		if (Tracer_count(w->tracer) > 0)
			return false;
		if (w->cmd > 0 || Tracer_unreaped_count(w->tracer) == 0)
			return Tracer_unreaped_count(w->tracer) == 0;
		/* An attached root's parent may never reap it: wait a little. */
		if (w->quiet_since_us == 0)
			w->quiet_since_us = clock_now_us();
		return clock_now_us() - w->quiet_since_us > ATTACH_REAP_GRACE_US;
	}
	if (w->cmd > 0 && !w->cmd_reaped)
		return false;
	if (w->connector != NULL)
		return WatchTree_count(&w->tree) == 0;
	/* A command is polled from forkscope down: forkscope itself stays. */
	return w->poller == NULL || Poller_count(w->poller) <= (w->cmd > 0 ? 1u : 0u);
}

int LiveWatch_exit_status(const LiveWatch *w)
{
	const ProcRecord *r;

	if (w->cmd > 0)
		return w->cmd_exited ? w->cmd_status : -1;
	r = w->opt.pid > 0 ? Session_find_const(w->session, w->opt.pid) : NULL;
	return r != NULL && r->exited ? r->exit_status : -1;
}

bool LiveWatch_started_command(const LiveWatch *w)
{
	return w->cmd > 0;
}

WatchSource LiveWatch_source(const LiveWatch *w)
{
	return w->source;
}

/* ---- breakpoints ---- */

void LiveWatch_set_breaks(LiveWatch *w, BreakList *breaks)
{
	w->opt.breaks = breaks;
	if (w->tracer != NULL)
		live_set_breaks(w->tracer, &w->execs, breaks);
}

size_t LiveWatch_break_count(const LiveWatch *w)
{
	return w->tracer != NULL ? Tracer_break_count(w->tracer) : 0;
}

bool LiveWatch_is_held(const LiveWatch *w, pid_t pid)
{
	return w->tracer != NULL && Tracer_is_held(w->tracer, pid);
}

/* The session's held marks follow the tracer's. */
static void sync_held(LiveWatch *w)
{
	for (size_t i = 0; i < w->session->nprocs; i++) {
		ProcRecord *r = &w->session->procs[i];
		if (r->held && !LiveWatch_is_held(w, r->pid))
			r->held = false;
	}
}

int LiveWatch_release(LiveWatch *w, pid_t pid)
{
	int rc = w->tracer != NULL ? Tracer_release(w->tracer, pid) : -ESRCH;

	sync_held(w);
	return rc;
}

void LiveWatch_release_breaks(LiveWatch *w)
{
	if (w->tracer != NULL)
		Tracer_release_breaks(w->tracer);
	sync_held(w);
}

int LiveWatch_detach_stopped(LiveWatch *w, pid_t pid, char *err, size_t errlen)
{
	int rc = w->tracer != NULL ? Tracer_detach_stopped(w->tracer, pid) : -ESRCH;

	if (rc < 0) {
		on_break_detach_error(rc, pid, err, errlen);
		return -1;
	}
	sync_held(w);
	note(w, N_("process %d left stopped and untraced: forkscope no longer sees it"), (int)pid);
	return 0;
}

/* ---- the end ---- */

/* Without a tracer: what is left of the command's subtree is killed. */
void LiveWatch_leave(LiveWatch *w)
{
	w->leave = w->opt.detachable && w->tracer == NULL;
}

static void end_untraced(LiveWatch *w)
{
	if (w->leave) {
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		return; /* it runs on; init reaps it once we are gone */
	}
	if (w->cmd > 0 && !w->cmd_reaped) {
		if (w->connector != NULL)
			WatchTree_kill_all(&w->tree);
		kill(w->cmd, SIGKILL);
	}
	if (w->cmd > 0) {
		while (waitpid(-1, NULL, WNOHANG) > 0 || (!w->cmd_reaped && waitpid(w->cmd, NULL, 0) > 0))
			w->cmd_reaped = true;
	}
}

void LiveWatch_close(LiveWatch *w)
{
	if (w == NULL)
		return;
	if (w->tracer != NULL) {
		if (w->cmd == 0)
			Tracer_detach_all(w->tracer); /* a watched PID runs on */
		Tracer_delete(w->tracer); /* kills and reaps what we started */
	} else {
		end_untraced(w);
	}
	if (w->connector != NULL)
		Connector_close(w->connector);
	if (w->tree_on)
		WatchTree_done(&w->tree);
	Poller_close(w->poller);
	ProcTable_delete(w->table);
	ExecCapture_done(&w->execs);
	if (w->subreaper)
		prctl(PR_SET_CHILD_SUBREAPER, 0);
	free(w);
}
