/*
 * Scenario batch mode: the runner in step mode, driven by this loop instead
 * of a person. At each boundary every process of the demo is quiet, so the
 * state printed is the state of that instant; then the loop says go.
 *
 * Stable mode numbers pids in order of appearance (forkscope itself is 1,
 * the demo's first process 2, ...) and prints times as 0, so two runs of the
 * same scenario print the same text.
 *
 * The text is translated (captions included); JSON keeps the catalogue's
 * own words, for programs.
 */
#include "print/batch.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "model/session.h"
#include "print/event_json.h"
#include "print/exec_record.h"
#include "print/procstate.h"
#include "print/trace_export.h"
#include "record/recording.h"
#include "scenario/runner.h"
#include "scenario/step_focus.h"

/* How long one pump may wait: the longest a stop signal waits to be seen. */
#define PUMP_WAIT_MS 200

typedef struct Batch {
	Session *session;
	const Scenario *scenario;  /* borrowed */
	Runner *runner;
	bool json, step_all, stable;
	size_t printed_events;   /* events already printed */
	uint64_t t0_us;
	FILE *out;
} Batch;

static int map_pid(void *ctx, pid_t pid);

static const char *pid_text(void *ctx, pid_t pid, char *buf, size_t len)
{
	const Batch *b = ctx;

	/* Stable numbers start at forkscope's 1: init, an orphan's adopter,
	 * is named instead. */
	if (b->stable && pid == 1 && getpid() != 1)
		snprintf(buf, len, "init");
	else
		snprintf(buf, len, "%d", map_pid(ctx, pid));
	return buf;
}

static bool known_pid(void *ctx, long number)
{
	const Batch *b = ctx;

	return number > 1 && number <= INT32_MAX && number != getpid() &&
	       Session_find_const(b->session, (pid_t)number) != NULL;
}

static int map_pid(void *ctx, pid_t pid)
{
	const Batch *b = ctx;
	const ProcRecord *r;

	if (!b->stable || pid <= 0)
		return (int)pid;
	if (pid == getpid())
		return 1;
	r = Session_find_const(b->session, pid);
	return r != NULL ? 2 + (int)(r - b->session->procs) : 0;
}

static void print_events(Batch *b, json_object *into)
{
	const Session *s = b->session;
	EventOutput opt = { .t0_us = b->t0_us, .stable = b->stable, .pid_text = pid_text,
			    .pid_number = map_pid, .is_pid = known_pid, .ctx = b };

	for (size_t i = b->printed_events; i < s->nevents; i++) {
		const Event *ev = &s->events[i];
		if (ev->kind == EV_STEP)
			continue; /* the step header says it */
		if (into != NULL) {
			json_object *j = event_json(ev, &opt);
			const ExecRecord *rec = ExecLog_find(&s->execs, ev->record);
			/* Inode numbers and paths of this machine: not in --stable output. */
			if (rec != NULL && !b->stable)
				json_object_object_add(j, "exec", exec_record_json(rec));
			json_object_array_add(into, j);
		} else
			event_print_line(b->out, ev, &opt);
	}
	b->printed_events = s->nevents;
}

static void print_states(Batch *b, json_object *into)
{
	TreeRow *rows = calloc(b->session->nprocs + 1, sizeof *rows);
	size_t n = Session_tree(b->session, rows, b->session->nprocs, NULL);

	for (size_t i = 0; i < n; i++) {
		ProcState ps;
		ProcState_read(&ps, &b->session->procs[rows[i].index]);
		if (into != NULL)
			json_object_array_add(into, ProcState_json(&ps, map_pid, b));
		else
			ProcState_print_text(b->out, &ps, map_pid, b);
		ProcState_done(&ps);
	}
	free(rows);
}

static const char *sigset_field(FocusSigset set)
{
	static const char *const fields[] = {
		[FOCUS_SIG_BLOCKED] = "SigBlk", [FOCUS_SIG_IGNORED] = "SigIgn",
		[FOCUS_SIG_CAUGHT] = "SigCgt", [FOCUS_SIG_PENDING] = "SigPnd",
	};
	return set > FOCUS_SIG_NONE && set <= FOCUS_SIG_PENDING ? fields[set] : NULL;
}

/* What the step is about: its process by role and pid, the FD and the
 * signal set its caption points at. */
static void print_focus(Batch *b, json_object *into)
{
	const StepFocus *f = Runner_step_focus(b->runner);
	pid_t pid = Runner_focus_pid(b->runner);
	const char *role;

	if (f == NULL || pid <= 0)
		return;
	role = StepFocus_label(f, b->session, pid);
	if (into != NULL) {
		json_object *o = json_object_new_object();
		json_object_object_add(o, "role", json_object_new_string(role));
		json_object_object_add(o, "pid", json_object_new_int(map_pid(b, pid)));
		if (f->fd > 0)
			json_object_object_add(o, "fd", json_object_new_int(f->fd - 1));
		if (sigset_field(f->sigset) != NULL)
			json_object_object_add(o, "sigset", json_object_new_string(sigset_field(f->sigset)));
		json_object_object_add(into, "focus", o);
		return;
	}
	fprintf(b->out, _("-- focus: %s, pid %d"), _(role), map_pid(b, pid));
	if (f->fd > 0)
		fprintf(b->out, _(", fd %d"), f->fd - 1);
	if (sigset_field(f->sigset) != NULL)
		fprintf(b->out, ", %s", sigset_field(f->sigset));
	fputc('\n', b->out);
}

/* One block: a step (step > 0) or the end (step == 0). The caption comes
 * from the catalogue, whole (the session keeps a bounded copy) and the same
 * string the translation was made from. */
static void print_block(Batch *b, int step, bool with_state)
{
	const char *caption = step > 0 && step <= b->scenario->nsteps ?
			      b->scenario->steps[step - 1].caption : b->session->caption;

	if (b->json) {
		json_object *o = json_object_new_object();
		json_object *events = json_object_new_array();
		json_object_object_add(o, "type", json_object_new_string(step > 0 ? "step" : "end"));
		if (step > 0) {
			json_object_object_add(o, "step", json_object_new_int(step));
			json_object_object_add(o, "caption", json_object_new_string(caption));
			print_focus(b, o);
		}
		print_events(b, events);
		json_object_object_add(o, "events", events);
		if (with_state) {
			json_object *procs = json_object_new_array();
			print_states(b, procs);
			json_object_object_add(o, "processes", procs);
		}
		fprintf(b->out, "%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
									  JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(o);
	} else {
		if (step > 0) {
			fprintf(b->out, _("== step %d: %s\n"), step, caption[0] ? _(caption) : "");
			print_focus(b, NULL);
		} else
			fputs(_("== end\n"), b->out);
		print_events(b, NULL);
		if (with_state) {
			fputs(_("-- processes\n"), b->out);
			print_states(b, NULL);
		}
	}
	fflush(b->out);
}

static void print_header(Batch *b, const Scenario *sc)
{
	if (b->json) {
		json_object *o = json_object_new_object();
		json_object_object_add(o, "type", json_object_new_string("scenario"));
		json_object_object_add(o, "id", json_object_new_string(sc->id));
		json_object_object_add(o, "title", json_object_new_string(sc->title));
		json_object_object_add(o, "steps", json_object_new_int(sc->nsteps));
		json_object_object_add(o, "source", json_object_new_string(b->session->source));
		fprintf(b->out, "%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
									  JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(o);
	} else {
		fprintf(b->out, _("forkscope scenario %s: %s (%d steps, events from %s)\n%s\n"),
			sc->id, _(sc->title), sc->nsteps, b->session->source, _(sc->explanation));
	}
}

/* SIGINT/SIGTERM end the run through the normal path: the runner kills and
 * reaps the demo. The handler only sets the flag. */
static volatile sig_atomic_t stop_requested;

static void on_stop(int signo)
{
	(void)signo;
	stop_requested = 1;
}

int batch_scenario(const ScenarioArgs *args, const BatchOptions *opt)
{
	Batch b = { .scenario = args->scenario, .json = opt->json, .step_all = opt->step_all,
		    .stable = opt->stable, .out = stdout };
	const char *export_trace = opt->export_trace;
	bool step_all = opt->step_all;
	Recorder *rec = NULL;
	struct sigaction sa = { .sa_handler = on_stop };
	char err[512];
	int status, last_step = 0;
	bool exported = true;

	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	b.session = Session_new(0, 0);
	b.t0_us = clock_now_us();
	if (opt->record != NULL) /* a recording keeps what the screen would show too */
		b.session->snaps.cap_bytes = (size_t)SNAPSHOT_CAP_MIB_DEFAULT << 20;
	b.runner = Runner_start(args, b.session, err, sizeof err);
	if (b.runner == NULL) {
		fprintf(stderr, "forkscope: %s\n", err);
		Session_delete(b.session);
		return 1;
	}
	if (opt->record != NULL) {
		RecordingInfo info = { .t0_us = b.t0_us, .what = args->scenario->id,
				       .scenario = args->scenario->id };
		rec = Recorder_open(opt->record, b.session, &info, err, sizeof err);
		if (rec == NULL) {
			fprintf(stderr, "forkscope: %s\n", err);
			Runner_delete(b.runner);
			Session_delete(b.session);
			return 1;
		}
	}
	print_header(&b, args->scenario);
	while (!stop_requested) {
		RunnerState st = Runner_pump(b.runner, PUMP_WAIT_MS);
		if (st == RUNNER_FINISHED)
			break;
		if (st != RUNNER_AT_STEP)
			continue;
		last_step = Runner_step(b.runner);
		print_block(&b, last_step, step_all || last_step == args->scenario->nsteps);
		if (rec != NULL)
			Recorder_sync(rec);
		Runner_go(b.runner);
	}
	if (stop_requested)
		fputs(_("forkscope: interrupted; the demo was ended\n"), stderr);
	Session_set_step(b.session, last_step, "");
	print_block(&b, 0, false);
	status = Runner_exit_status(b.runner);
	Runner_delete(b.runner);
	if (rec != NULL && Recorder_close(rec, err, sizeof err) < 0) {
		fprintf(stderr, "forkscope: %s\n", err);
		exported = false;
	}
	/* After the runner: the demo's last exits are in the log. */
	if (export_trace != NULL && trace_export_write(b.session, export_trace, err, sizeof err) < 0) {
		fprintf(stderr, "forkscope: %s\n", err);
		exported = false;
	}
	Session_delete(b.session);
	return !stop_requested && status == 0 && exported ? 0 : 1;
}
