/*
 * A recording in batch (see replay.h): read into a session with nothing
 * traced, then printed with the live batch's own line and JSON writers and
 * the live run's time base (the header's t0_us), so the two outputs can
 * be compared line by line: a scenario's in its step blocks (the headers,
 * then each step's events), without the focus and process states that
 * only a live run can read. A last line cut short (a killed run) is left
 * out, and said so on stderr.
 */
#include "print/replay.h"

#include <stdio.h>

#include "base/i18n.h"
#include "model/session.h"
#include "print/event_json.h"
#include "print/exec_record.h"
#include "print/trace_export.h"
#include "record/recording.h"
#include "scenario/catalog.h"

/* A scenario's run as its live batch printed it: each step's header, then
 * the events that led to it (its marker closes them), then the end's. */
static void print_blocks(const Session *s, const Scenario *sc, const EventOutput *eo)
{
	size_t from = 0;

	for (size_t i = 0; i <= s->nevents; i++) {
		const Event *ev = i < s->nevents ? &s->events[i] : NULL;
		if (ev != NULL && ev->kind != EV_STEP)
			continue;
		if (ev == NULL)
			fputs(_("== end\n"), stdout);
		else
			printf(_("== step %d: %s\n"), ev->status, ev->status >= 1 && ev->status <= sc->nsteps
			       ? _(sc->steps[ev->status - 1].caption) : ev->detail);
		for (size_t k = from; k < i; k++)
			event_print_line(stdout, &s->events[k], eo);
		from = i + 1;
	}
}

static void print_events(const Session *s, const ReplayOptions *opt, const Replay *rp)
{
	EventOutput eo = { .t0_us = rp->t0_us, .stable = opt->stable };
	const Scenario *sc = rp->scenario[0] != '\0' ? scenario_find(rp->scenario) : NULL;

	if (!opt->json && sc != NULL) {
		print_blocks(s, sc, &eo);
		return;
	}
	for (size_t i = 0; i < s->nevents; i++) {
		const ExecRecord *rec = ExecLog_find(&s->execs, s->events[i].record);
		if (!opt->json) {
			event_print_line(stdout, &s->events[i], &eo);
			if (rec != NULL)
				exec_record_print(stdout, rec);
			continue;
		}
		json_object *j = event_json(&s->events[i], &eo);
		if (s->events[i].polled)
			json_object_object_add(j, "polled", json_object_new_boolean(1));
		if (rec != NULL)
			json_object_object_add(j, "exec", exec_record_json(rec));
		printf("%s\n", json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN |
								  JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(j);
	}
}

int replay_batch(const ReplayOptions *opt)
{
	Session *s = Session_new(0, 0);
	Replay rp;
	char err[512];
	int code = 0;

	if (Replay_load(&rp, opt->path, s, err, sizeof err) < 0) {
		fprintf(stderr, "forkscope: %s\n", err);
		Session_delete(s);
		return 1;
	}
	if (rp.cut)
		fprintf(stderr, _("forkscope: %s: its last line is cut short (the run was killed while "
				  "writing it?): read its first %zu lines\n"), opt->path, rp.lines);
	print_events(s, opt, &rp);
	fflush(stdout);
	if (opt->export_trace != NULL && trace_export_write(s, opt->export_trace, err, sizeof err) < 0) {
		fprintf(stderr, "forkscope: %s\n", err);
		code = 1;
	}
	Session_delete(s);
	return code;
}
