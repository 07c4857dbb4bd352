/*
 * The batch watch: see watch.h. The live engine (live/watch.h) opens the
 * source and applies its events to a session, as it does for the screen;
 * this file prints the session's log as it grows, one line or JSON object
 * per event, and decides the end: the watched subtree is gone, the
 * duration is over, or a signal asked to stop (the handler only sets a
 * flag). After each print the log is sealed, so an event that arrives
 * late is printed after what was printed, never lost.
 *
 * Breakpoints: nobody can answer a hold here. A `break` event is printed
 * with the held process's whole state (as --step-all prints a process),
 * read while it is still held; everything else runs on, and the process
 * (with the new child, for a creation) is released --break-hold seconds
 * later, which a note says.
 */
#include "print/watch.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "base/strv.h"
#include "model/session.h"
#include "print/event_json.h"
#include "print/exec_record.h"
#include "print/trace_export.h"
#include "record/recording.h"
#include "print/procstate.h"
#include "trace/tracer.h"

/* The screen keeps exited processes for a while; batch has no screen. */
#define BATCH_GHOST_US 0

static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
	stop_signal = sig;
}

/* A breakpoint's hold, released at due_us. */
typedef struct HeldRelease {
	pid_t pid, child;        /* child: the new process of a creation, 0 none */
	uint64_t due_us;
} HeldRelease;

typedef struct Watch {
	const WatchOptions *opt;
	FILE *out;
	EventOutput eo;
	Session *session;
	LiveWatch *live;
	Recorder *rec;           /* --record; NULL none */
	size_t printed;          /* events of the log printed so far */
	size_t dropped_seen;     /* the log's events_dropped when printed was counted */
	uint64_t deadline_us;    /* 0: none */
	HeldRelease *held;       /* owned: breakpoint holds to release, by due time */
	size_t nheld, held_cap;
} Watch;

static int same_pid(void *ctx, pid_t pid)
{
	(void)ctx;
	return (int)pid;
}

/* The state of a held process, into a JSON array or as text. */
static void print_held_state(Watch *w, pid_t pid, json_object *into)
{
	const ProcRecord *r = pid > 0 ? Session_find_const(w->session, pid) : NULL;
	ProcState ps;

	if (r == NULL)
		return;
	ProcState_read(&ps, r);
	if (into != NULL)
		json_object_array_add(into, ProcState_json(&ps, same_pid, NULL));
	else
		ProcState_print_text(w->out, &ps, same_pid, NULL);
	ProcState_done(&ps);
}

static void schedule_release(Watch *w, const Event *ev)
{
	if (w->nheld == w->held_cap) {
		w->held_cap = w->held_cap ? w->held_cap * 2 : 8;
		w->held = realloc(w->held, w->held_cap * sizeof *w->held);
		if (w->held == NULL)
			abort();
	}
	w->held[w->nheld++] = (HeldRelease){
		.pid = ev->pid, .child = ev->child,
		.due_us = clock_now_us() + (uint64_t)(w->opt->break_hold_s * 1e6),
	};
}

static void print_event(Watch *w, const Event *ev)
{
	const ExecRecord *rec = ExecLog_find(&w->session->execs, ev->record);

	if (ev->kind == EV_BREAK)
		schedule_release(w, ev);
	if (w->opt->json) {
		json_object *j = event_json(ev, &w->eo);
		if (ev->polled)
			json_object_object_add(j, "polled", json_object_new_boolean(1));
		if (rec != NULL)
			json_object_object_add(j, "exec", exec_record_json(rec));
		if (ev->kind == EV_BREAK) {
			json_object *procs = json_object_new_array();
			print_held_state(w, ev->pid, procs);
			print_held_state(w, ev->child, procs);
			json_object_object_add(j, "processes", procs);
		}
		fprintf(w->out, "%s\n", json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN |
										  JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(j);
	} else {
		event_print_line(w->out, ev, &w->eo);
		if (rec != NULL)
			exec_record_print(w->out, rec);
		if (ev->kind == EV_BREAK) {
			print_held_state(w, ev->pid, NULL);
			print_held_state(w, ev->child, NULL);
		}
	}
}

/* Releases the holds that are due (all of them when everything ends),
 * each said by a note. */
static void release_due(Watch *w, bool all)
{
	uint64_t now = clock_now_us();

	for (size_t i = 0; i < w->nheld;) {
		HeldRelease h = w->held[i];
		Event ev = { .t_us = now, .kind = EV_NOTE, .pid = h.pid };
		if (!all && h.due_us > now) {
			i++;
			continue;
		}
		w->held[i] = w->held[--w->nheld];
		if (LiveWatch_release(w->live, h.pid) == 0)
			snprintf(ev.detail, sizeof ev.detail, L_("released %d from its breakpoint"), (int)h.pid);
		if (h.child > 0)
			LiveWatch_release(w->live, h.child);
		if (ev.detail[0] != '\0')
			Session_apply(w->session, &ev);
	}
}

/* How long until the next hold is due (-1: none). */
static int release_wait_ms(const Watch *w)
{
	uint64_t now = clock_now_us(), first = UINT64_MAX;

	for (size_t i = 0; i < w->nheld; i++)
		if (w->held[i].due_us < first)
			first = w->held[i].due_us;
	if (first == UINT64_MAX)
		return -1;
	return first <= now ? 0 : (int)((first - now + 999) / 1000);
}

/* What the log gained since the last print, in the order things happened. */
static void print_new(Watch *w)
{
	Session *s = w->session;
	size_t shift = s->events_dropped - w->dropped_seen;

	w->printed = w->printed > shift ? w->printed - shift : 0;
	w->dropped_seen = s->events_dropped;
	for (size_t i = w->printed; i < s->nevents; i++)
		print_event(w, &s->events[i]);
	w->printed = s->nevents;
	Session_seal_log(s);
	fflush(w->out);
	if (w->rec != NULL)
		Recorder_sync(w->rec);
}

static int wait_ms(const Watch *w)
{
	int ms = LiveWatch_wait_ms(w->live), release = release_wait_ms(w);

	if (release >= 0 && (ms < 0 || release < ms))
		ms = release;
	if (w->deadline_us > 0) {
		uint64_t now = clock_now_us();
		int left = now >= w->deadline_us ? 0 : (int)((w->deadline_us - now + 999) / 1000);
		if (ms < 0 || left < ms)
			ms = left;
	}
	return ms;
}

/* A command quick enough to end while it was started has all its events
 * in the log before the loop starts, and the subtree already gone. */
static void watch_loop(Watch *w)
{
	LiveWatch_pump(w->live, 0);
	print_new(w);
	while (!stop_signal && !LiveWatch_finished(w->live)) {
		if (w->deadline_us > 0 && clock_now_us() >= w->deadline_us)
			break;
		release_due(w, false);
		LiveWatch_pump(w->live, wait_ms(w));
		print_new(w);
	}
	/* A -p tree is left running: nothing of it may stay held. */
	release_due(w, true);
	LiveWatch_pump(w->live, 0); /* what came with the end */
	print_new(w);
}

static int exit_code(const Watch *w)
{
	int status = LiveWatch_exit_status(w->live);

	if (!LiveWatch_started_command(w->live))
		return stop_signal ? 128 + stop_signal : 0;
	if (status < 0)
		return stop_signal ? 128 + stop_signal : 1;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
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

/* The recording of this watch: its header says what was watched. */
static Recorder *watch_recorder(Watch *w, const WatchOptions *opt, char *err, size_t errlen)
{
	char what[128] = "";
	RecordingInfo info = { .t0_us = w->eo.t0_us, .what = what };

	if (opt->command != NULL)
		strv_join(opt->command, what, sizeof what);
	else if (opt->pid > 0)
		snprintf(what, sizeof what, "pid %d", (int)opt->pid);
	else
		snprintf(what, sizeof what, "%s", "the whole machine");
	return Recorder_open(opt->record, w->session, &info, err, errlen);
}

int watch_batch(const WatchOptions *opt)
{
	Watch w = { .opt = opt, .out = opt->out != NULL ? opt->out : stdout };
	LiveWatchOptions live = {
		.command = opt->command,
		.pid = opt->command == NULL ? opt->pid : 0,
		.source = opt->source,
		.poll_interval_ms = opt->poll_interval_ms,
		.english_notes = opt->json,
		.breaks = opt->breaks,
	};
	struct sigaction old[3];
	char err[512];
	int code;

	if ((opt->command != NULL) + (opt->pid > 0) + opt->system != 1) {
		fputs(_("forkscope: watch a command, a PID or the system: exactly one\n"), stderr);
		return 1;
	}
	tracer_save_signal_state(); /* before our handlers: children get the defaults */
	stop_signal = 0;
	set_handlers(old);
	w.session = Session_new(0, BATCH_GHOST_US);
	if (opt->record != NULL) /* a recording keeps what the screen would show too */
		w.session->snaps.cap_bytes = (size_t)SNAPSHOT_CAP_MIB_DEFAULT << 20;
	w.eo.t0_us = clock_now_us();
	w.eo.stable = opt->stable;
	if (opt->duration_s > 0)
		w.deadline_us = w.eo.t0_us + (uint64_t)(opt->duration_s * 1e6);
	w.live = LiveWatch_open(&live, w.session, err, sizeof err);
	if (w.live == NULL) {
		int why = errno;
		print_new(&w); /* the notes of the sources that were tried */
		fprintf(stderr, "forkscope: %s\n", err);
		Session_delete(w.session);
		restore_handlers(old);
		return opt->command != NULL && why == ENOENT ? 127 : 1;
	}
	if (opt->record != NULL && (w.rec = watch_recorder(&w, opt, err, sizeof err)) == NULL) {
		fprintf(stderr, "forkscope: %s\n", err);
		LiveWatch_close(w.live);
		Session_delete(w.session);
		restore_handlers(old);
		return 1;
	}
	watch_loop(&w);
	code = exit_code(&w);
	LiveWatch_close(w.live);
	if (w.rec != NULL && Recorder_close(w.rec, err, sizeof err) < 0) {
		fprintf(stderr, "forkscope: %s\n", err);
		if (code == 0)
			code = 1;
	}
	if (opt->export_trace != NULL &&
	    trace_export_write(w.session, opt->export_trace, err, sizeof err) < 0) {
		fprintf(stderr, "forkscope: %s\n", err);
		if (code == 0)
			code = 1;
	}
	Session_delete(w.session);
	free(w.held);
	restore_handlers(old);
	return code;
}
