/*
 * The batch watch: see watch.h. One Watch holds the source that was chosen
 * (exactly one of tracer, connector, poller), the output, and what decides
 * the end. The loop waits on the source's descriptor, turns what it gives
 * into lines, and stops when the watched subtree is gone, the duration is
 * over, or a signal asked to stop (the handler only sets a flag).
 *
 * With the connector, the subtree is kept here (WatchTree): the connector
 * reports the whole machine, and only forks and exits name a parent.
 *
 * Notes (which source, what it misses) are translated in the text output
 * and left in English in the JSON, which is for programs.
 */
#include "report/watch.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "live/exec_capture.h"
#include "report/event_json.h"
#include "report/exec_record.h"
#include "report/watch_tree.h"
#include "trace/connector.h"
#include "trace/poller.h"
#include "trace/tracer.h"

#define DEFAULT_POLL_MS 100
/* Without a tracer, forkscope reaps its own children by looking this often. */
#define REAP_LOOK_MS 20
/* After an attached tree is gone, how long its last reaps are awaited. */
#define ATTACH_REAP_GRACE_US (1000 * 1000)

static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
	stop_signal = sig;
}

typedef struct Watch {
	const WatchOptions *opt;
	FILE *out;
	EventOutput eo;
	WatchSource source;
	Tracer *tracer;
	Connector *connector;
	Poller *poller;
	WatchTree tree;          /* connector: the followed processes */
	pid_t cmd;               /* the command we started; 0 none */
	bool cmd_reaped;
	int cmd_status;
	bool subreaper;          /* we made ourselves one: undone at the end */
	uint64_t deadline_us;    /* 0: none */
	uint64_t quiet_since_us; /* attach: when the tree was first seen gone */
	ExecLog execs;           /* ptrace: what each exec received */
	ExecCapture capture;
} Watch;

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

/* ---- output ---- */

static void print_event(Watch *w, const Event *ev)
{
	const ExecRecord *rec = ExecLog_find(&w->execs, ev->record);

	if (w->opt->json) {
		json_object *j = event_json(ev, &w->eo);
		if (ev->polled)
			json_object_object_add(j, "polled", json_object_new_boolean(1));
		if (rec != NULL)
			json_object_object_add(j, "exec", exec_record_json(rec));
		fprintf(w->out, "%s\n", json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN |
										  JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(j);
	} else {
		event_print_line(w->out, ev, &w->eo);
		if (rec != NULL)
			exec_record_print(w->out, rec);
	}
}

/* A note's words: translated for people, as written for JSON. */
static const char *say(const Watch *w, const char *msgid)
{
	return w->opt->json ? msgid : _(msgid);
}

/* fmt is marked with N_() and translated here, for the text only. */
static void __attribute__((format(printf, 2, 3))) note(Watch *w, const char *fmt, ...)
{
	Event ev = { .t_us = clock_now_us(), .kind = EV_NOTE, .pid = getpid() };
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ev.detail, sizeof ev.detail, say(w, fmt), ap);
	va_end(ap);
	print_event(w, &ev);
}

/* ---- starting the command without a tracer ---- */

static pid_t start_untraced(Watch *w)
{
	int errp[2], err = 0;
	pid_t pid;
	ssize_t n;

	if (pipe2(errp, O_CLOEXEC) < 0)
		return -errno;
	pid = fork();
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		tracer_restore_signal_state();
		execvp(w->opt->command[0], w->opt->command);
		err = errno;
		n = write(errp[1], &err, sizeof err);
		(void)n;
		_exit(127);
	}
	close(errp[1]);
	if (pid < 0) {
		close(errp[0]);
		return -errno;
	}
	do
		n = read(errp[0], &err, sizeof err);
	while (n < 0 && errno == EINTR);
	close(errp[0]);
	if (n == (ssize_t)sizeof err) {
		waitpid(pid, NULL, 0);
		return -err;
	}
	return pid;
}

/* Reaps our own children (the command, adopted orphans); the connector's
 * exit event for each is printed before its reap (WatchTree holds it). */
static void reap_children(Watch *w)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (pid == w->cmd) {
			w->cmd_reaped = true;
			w->cmd_status = status;
		}
		if (w->connector != NULL) {
			Event ev = { .t_us = clock_now_us(), .kind = EV_REAP, .pid = pid, .ppid = getpid() };
			if (WatchTree_reaped(&w->tree, &ev))
				print_event(w, &ev);
		}
	}
}

/* ---- choosing and opening the source ---- */

static int open_connector(Watch *w, pid_t root)
{
	char err[256];

	w->connector = Connector_open(err, sizeof err);
	if (w->connector == NULL) {
		note(w, N_("%s: falling back to polling /proc"), err);
		return -1;
	}
	w->source = WATCH_CONNECTOR;
	WatchTree_init(&w->tree, root);
	note(w, N_("events: connector, receive buffer %d KiB%s"), Connector_rcvbuf(w->connector) / 1024,
	     say(w, root != 0 ? N_(", filtered to the subtree") : N_(", the whole system")));
	return 0;
}

static int open_poller(Watch *w, pid_t root)
{
	int interval = w->opt->poll_interval_ms > 0 ? w->opt->poll_interval_ms : DEFAULT_POLL_MS;

	w->poller = Poller_open(root, interval);
	if (w->poller == NULL)
		return -1;
	w->source = WATCH_POLL;
	note(w, N_("events: /proc polled every %d ms, %s (approximate: short lives are missed)"),
	     interval, say(w, root > 0 ? N_("the subtree") : N_("the whole system")));
	return 0;
}

/* Connector where asked or needed, poll where it is refused. */
static int open_lighter_source(Watch *w, pid_t root)
{
	if (w->opt->source != WATCH_POLL && open_connector(w, root) == 0)
		return 0;
	return open_poller(w, root);
}

static int start_command(Watch *w)
{
	pid_t pid = 0;
	int rc;

	if (prctl(PR_SET_CHILD_SUBREAPER, 1) == 0)
		w->subreaper = true;
	if (w->opt->source == WATCH_AUTO || w->opt->source == WATCH_PTRACE) {
		/* Ended with forkscope, never left: the exec filter may be on. */
		TracerSpawn spec = { .argv = w->opt->command, .exec_attempts = true };
		Event born = { .t_us = clock_now_us(), .kind = EV_FORK, .ppid = getpid(), .how = HOW_FORK };
		w->tracer = Tracer_new();
		if (w->tracer == NULL)
			return -errno;
		w->source = WATCH_PTRACE;
		Tracer_set_hook(w->tracer, ExecCapture_event, &w->capture);
		note(w, N_("events: ptrace, exact"));
		born.t_us = clock_now_us();
		rc = Tracer_spawn(w->tracer, &spec, &pid);
		if (rc < 0)
			return rc;
		/* The tracer reports from the command's first stop on: its birth
		 * is ours to tell, before its exec (still queued). */
		born.pid = w->cmd = pid;
		print_event(w, &born);
		return 0;
	}
	/* The source listens first, so the command's first events are seen. */
	if (w->opt->source == WATCH_CONNECTOR && open_connector(w, -1) == 0) {
		pid = start_untraced(w);
		if (pid > 0)
			WatchTree_follow(&w->tree, pid, getpid());
	} else {
		pid = start_untraced(w);
		if (pid > 0 && open_poller(w, pid) < 0)
			return -errno;
		if (pid > 0)
			print_event(w, &(Event){ .t_us = clock_now_us(), .kind = EV_FORK, .pid = pid,
			                        .ppid = getpid(), .how = HOW_FORK });
	}
	if (pid < 0)
		return (int)pid;
	w->cmd = pid;
	return 0;
}

static int start_pid(Watch *w)
{
	int rc;

	if (kill(w->opt->pid, 0) < 0 && errno == ESRCH) {
		fprintf(stderr, _("forkscope: no process %d\n"), (int)w->opt->pid);
		return -1;
	}
	if (w->opt->source == WATCH_AUTO || w->opt->source == WATCH_PTRACE) {
		w->tracer = Tracer_new();
		if (w->tracer == NULL)
			return -1;
		Tracer_set_hook(w->tracer, ExecCapture_event, &w->capture);
		rc = Tracer_attach(w->tracer, w->opt->pid, true);
		if (rc == 0) {
			w->source = WATCH_PTRACE;
			note(w, N_("events: ptrace, attached to %d and its descendants"), (int)w->opt->pid);
			return 0;
		}
		Tracer_delete(w->tracer);
		w->tracer = NULL;
		note(w, N_("ptrace cannot attach to %d: %s"), (int)w->opt->pid, i18n_log_strerror(-rc));
	}
	return open_lighter_source(w, w->opt->pid);
}

static int start_system(Watch *w)
{
	if (w->opt->source == WATCH_PTRACE) {
		fputs(_("forkscope: ptrace cannot watch the whole system: use --events=connector or poll\n"),
		      stderr);
		return -1;
	}
	return open_lighter_source(w, 0);
}

/* ---- the loop ---- */

static int by_time(const void *a, const void *b)
{
	const Event *x = a, *y = b;

	return (x->t_us > y->t_us) - (x->t_us < y->t_us);
}

/* One dispatch's events are printed in the order they happened: the tracer
 * queues some stops after later ones (a vfork parent's release is dated
 * before the exec that caused it, see tracer_wait.c). */
static void pump_tracer(Watch *w, int timeout_ms)
{
	Event *evs = NULL;
	size_t n = 0, cap = 0;
	Event ev;

	Tracer_dispatch(w->tracer, timeout_ms);
	while (Tracer_pop(w->tracer, &ev)) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			evs = xreallocarray(evs, cap, sizeof *evs);
		}
		evs[n++] = ev;
	}
	/* qsort is not stable, but equal stamps come from one stop each. */
	qsort(evs, n, sizeof *evs, by_time);
	for (size_t i = 0; i < n; i++) {
		if (evs[i].kind == EV_EXIT && evs[i].pid == w->cmd)
			w->cmd_status = evs[i].status;
		if (evs[i].kind == EV_REAP && evs[i].pid == w->cmd)
			w->cmd_reaped = true;
		print_event(w, &evs[i]);
	}
	free(evs);
}

/* The connector says nothing of re-parenting: after an exit, the kernel's
 * word on the exited process's children. */
static void print_orphans(Watch *w, pid_t exited)
{
	Event orphans[64];
	size_t n = WatchTree_orphans(&w->tree, exited, clock_now_us(), orphans, 64);

	for (size_t i = 0; i < n; i++)
		print_event(w, &orphans[i]);
}

static void pump_connector(Watch *w, int timeout_ms)
{
	Event ev;

	Connector_dispatch(w->connector, timeout_ms);
	while (Connector_pop(w->connector, &ev)) {
		Event reap;
		if (!WatchTree_filter(&w->tree, &ev))
			continue;
		print_event(w, &ev);
		if (ev.kind == EV_EXIT && WatchTree_take_reap(&w->tree, ev.pid, &reap))
			print_event(w, &reap);
		if (ev.kind == EV_EXIT && ev.how != HOW_THREAD)
			print_orphans(w, ev.pid);
	}
	if (Connector_take_rescan(w->connector))
		WatchTree_rescan(&w->tree);
}

static void pump_poller(Watch *w, int timeout_ms)
{
	Event ev;

	Poller_dispatch(w->poller, timeout_ms);
	while (Poller_pop(w->poller, &ev))
		print_event(w, &ev);
}

static int wait_ms(const Watch *w)
{
	int ms = -1;

	if (w->tracer == NULL && w->cmd > 0)
		ms = REAP_LOOK_MS;
	if (w->tracer != NULL && w->opt->pid > 0 && Tracer_count(w->tracer) == 0)
		ms = REAP_LOOK_MS;
	if (w->deadline_us > 0) {
		uint64_t now = clock_now_us();
		int left = now >= w->deadline_us ? 0 : (int)((w->deadline_us - now + 999) / 1000);
		if (ms < 0 || left < ms)
			ms = left;
	}
	return ms;
}

/* Is the watched subtree gone (everything exited, and reaped where that can
 * be seen)? */
static bool subtree_gone(Watch *w)
{
	if (w->opt->system)
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
	return Poller_count(w->poller) == 0;
}

static void pump(Watch *w, int timeout_ms)
{
	if (w->tracer != NULL)
		pump_tracer(w, timeout_ms);
	else if (w->connector != NULL)
		pump_connector(w, timeout_ms);
	else
		pump_poller(w, timeout_ms);
	if (w->tracer == NULL && w->cmd > 0)
		reap_children(w);
	fflush(w->out);
}

/* A command quick enough to end while Tracer_spawn waits for its exec has
 * all its events queued before the loop starts, and the subtree already
 * gone: what is queued is printed (and the exit status taken) first. */
static void watch_loop(Watch *w)
{
	pump(w, 0);
	while (!stop_signal && !subtree_gone(w)) {
		int ms = wait_ms(w);

		if (w->deadline_us > 0 && clock_now_us() >= w->deadline_us)
			break;
		pump(w, ms);
	}
	pump(w, 0); /* what came with the end */
}

/* ---- the end ---- */

/* Without a tracer: what is left of the command's subtree is killed. */
static void end_untraced(Watch *w)
{
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

static void finish(Watch *w)
{
	if (w->tracer != NULL) {
		if (w->cmd == 0)
			Tracer_detach_all(w->tracer); /* a watched PID runs on */
		Tracer_delete(w->tracer);
	} else {
		end_untraced(w);
	}
	if (w->connector != NULL) {
		Connector_close(w->connector);
		WatchTree_done(&w->tree);
	}
	Poller_close(w->poller);
	ExecCapture_done(&w->capture);
	ExecLog_done(&w->execs);
	if (w->subreaper)
		prctl(PR_SET_CHILD_SUBREAPER, 0);
	fflush(w->out);
}

static int exit_code(const Watch *w)
{
	if (w->cmd == 0)
		return stop_signal ? 128 + stop_signal : 0;
	if (!w->cmd_reaped && stop_signal)
		return 128 + stop_signal;
	if (WIFEXITED(w->cmd_status))
		return WEXITSTATUS(w->cmd_status);
	if (WIFSIGNALED(w->cmd_status))
		return 128 + WTERMSIG(w->cmd_status);
	return 1;
}

static void set_handlers(struct sigaction old[3])
{
	static const int sigs[3] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa = { .sa_handler = on_stop_signal };

	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &sa, &old[i]);
}

static void restore_handlers(const struct sigaction old[3])
{
	static const int sigs[3] = { SIGINT, SIGTERM, SIGHUP };

	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &old[i], NULL);
}

int watch_batch(const WatchOptions *opt)
{
	Watch w = { .opt = opt, .out = opt->out != NULL ? opt->out : stdout };
	struct sigaction old[3];
	int rc, code;

	if ((opt->command != NULL) + (opt->pid > 0) + opt->system != 1) {
		fputs(_("forkscope: watch a command, a PID or the system: exactly one\n"), stderr);
		return 1;
	}
	tracer_save_signal_state(); /* before our handlers: children get the defaults */
	stop_signal = 0;
	set_handlers(old);
	ExecLog_init(&w.execs, EXECLOG_DEFAULT_CAP);
	ExecCapture_init(&w.capture, &w.execs);
	w.eo.t0_us = clock_now_us();
	w.eo.stable = opt->stable;
	if (opt->duration_s > 0)
		w.deadline_us = w.eo.t0_us + (uint64_t)(opt->duration_s * 1e6);
	if (opt->command != NULL)
		rc = start_command(&w);
	else if (opt->pid > 0)
		rc = start_pid(&w);
	else
		rc = start_system(&w);
	if (rc < 0) {
		if (opt->command != NULL)
			fprintf(stderr, _("forkscope: cannot start %s: %s\n"), opt->command[0], strerror(-rc));
		finish(&w);
		restore_handlers(old);
		return opt->command != NULL && rc == -ENOENT ? 127 : 1;
	}
	watch_loop(&w);
	finish(&w);
	code = exit_code(&w);
	restore_handlers(old);
	return code;
}
