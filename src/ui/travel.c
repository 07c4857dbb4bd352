/*
 * The time cursor: [ and ] move through the events, Home and End in the
 * events pane go to the first and back to the live moment. Looking back at
 * event K, every pane shows the state as of K, from a past session built
 * for the draw:
 *
 * - the tree and the events: the live log's events up to K applied to a
 *   new session (births, execs with their names, exits, reaps; ghosts as
 *   they were at K's time), plus the processes that were there before any
 *   event (an attached pid, the machine) as the live session has them;
 * - names: each process's identity from its newest snapshot at or before
 *   K, else the live one if it has not exec'd since, else what the events
 *   say (an exec's argv, the parent's name after a fork);
 * - the detail panes: the newest snapshot of the selected process at or
 *   before K (the store keeps them, see model/snapshot.h), borrowed for
 *   the draw; with none, every part says READ_NOT_KEPT instead of showing
 *   today's state.
 *
 * The live session goes on meanwhile: new events keep coming in, and the
 * cursor stays on its event (it is kept as a sequence number that the
 * dropping of old events does not shift).
 */
#include "ui/travel.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/pidmap.h"
#include "model/snapshot.h"

/* The live log's sequence number of events[i]. */
static size_t seq_of(const Session *s, size_t i)
{
	return s->events_dropped + i;
}

/* The index in the live log of the event looked at; -1: dropped meanwhile. */
static long travel_index(const App *app)
{
	const Session *s = app->session;

	if (app->travel_seq < s->events_dropped)
		return -1;
	return (long)(app->travel_seq - s->events_dropped);
}

static unsigned travel_to(App *app, size_t i);

bool App_traveling(const App *app)
{
	return app->travel && app->session != NULL && app->session->nevents > 0;
}

const Event *App_travel_event(const App *app)
{
	long i = App_traveling(app) ? travel_index(app) : -1;

	return i >= 0 && (size_t)i < app->session->nevents ? &app->session->events[i] : NULL;
}

unsigned App_travel_live(App *app)
{
	if (app->opt->replay != NULL && app->session != NULL && app->session->nevents > 0) {
		/* A recording has no live moment: its end is the newest there is. */
		App_note(app, false, "%s", _("the end of the recording"));
		return travel_to(app, app->session->nevents - 1);
	}
	if (!app->travel)
		return ACT_NONE;
	app->travel = false;
	App_note(app, false, "%s", _("live again: the panes show now"));
	return ACT_REDRAW | ACT_RESCAN;
}

/* The cursor to live index i: the selection goes to the process it is about. */
static unsigned travel_to(App *app, size_t i)
{
	const Session *s = app->session;

	app->travel = true;
	app->travel_seq = seq_of(s, i);
	if (s->events[i].pid > 0 && Session_find_const(s, s->events[i].pid) != NULL) {
		app->cursor_pid = app->focus_pid = s->events[i].pid;
		app->focus_pinned = true;
	}
	return ACT_REDRAW;
}

unsigned App_travel_step(App *app, int delta)
{
	const Session *s = app->session;
	long i;

	if (s == NULL || s->nevents == 0) {
		App_note(app, true, "%s", _("no events yet to look back at"));
		return ACT_REDRAW;
	}
	if (!app->travel) {
		/* From the live moment: [ goes to the newest event, ] stays. */
		if (delta > 0)
			return ACT_NONE;
		return travel_to(app, s->nevents - 1);
	}
	i = travel_index(app);
	if (i < 0)
		i = 0; /* its event was dropped: the oldest kept */
	i += delta;
	if (i >= (long)s->nevents)
		return App_travel_live(app);
	return travel_to(app, i < 0 ? 0 : (size_t)i);
}

unsigned App_travel_first(App *app)
{
	if (app->session == NULL || app->session->nevents == 0)
		return ACT_NONE;
	return travel_to(app, 0);
}

/* ---- the past session ---- */

/* Processes the log has no creation of (there before the first event, or
 * found by a table read): as the live session has them, if seen by then. */
static void add_unborn(Session *past, const Session *live, uint64_t t_us)
{
	PidMap created; /* the pids the log has a creation of */

	PidMap_init(&created);
	for (size_t e = 0; e < live->nevents; e++) {
		const Event *ev = &live->events[e];
		if (ev->kind == EV_FORK || ev->kind == EV_VFORK || ev->kind == EV_CLONE)
			PidMap_put(&created, ev->pid, (void *)1);
	}
	for (size_t i = 0; i < live->nprocs; i++) {
		const ProcRecord *r = &live->procs[i];
		ProcRecord *p;

		if (r->born_us > t_us || PidMap_has(&created, r->pid))
			continue;
		p = Session_add(past, r->pid, r->ppid, r->how, r->born_us);
		snprintf(p->api, sizeof p->api, "%s", r->api);
		p->traced = r->traced;
	}
	PidMap_done(&created);
}

/* Every record's name as it was at t_us (see the top of the file). */
static void take_names(Session *past, const Session *live, uint64_t t_us)
{
	for (size_t i = 0; i < past->nprocs; i++) {
		ProcRecord *p = &past->procs[i];
		const Snapshot *snap = SnapshotStore_find(&live->snaps, p->pid, t_us);
		const ProcRecord *now = Session_find_const(live, p->pid);
		const ProcIdentity *id = NULL;

		if (snap != NULL && snap->focus->self.id.state == READ_OK)
			id = &snap->focus->self.id;
		else if (now != NULL && now->id.state == READ_OK && now->execs == p->execs)
			id = &now->id;
		if (id == NULL)
			continue;
		ProcIdentity_done(&p->id);
		ProcIdentity_copy(&p->id, id);
	}
}

/* The focus for the draw: the snapshot, borrowed (Travel_session_delete
 * gives it back before the session is freed), else "not kept". */
static void take_focus(Session *past, const Session *live, pid_t pid, uint64_t t_us)
{
	const Snapshot *snap = pid > 0 ? SnapshotStore_find(&live->snaps, pid, t_us) : NULL;
	Focus *f = &past->focus;

	if (snap != NULL) {
		*f = *snap->focus;
		return;
	}
	memset(f, 0, sizeof *f);
	f->pid = pid;
	f->self.pid = pid;
	f->self.id.state = f->self.sig.state = f->self.totals.state = READ_NOT_KEPT;
	f->self.maps.state = f->self.fds.state = READ_NOT_KEPT;
	f->self.environ_state = f->self.cwd_state = READ_NOT_KEPT;
	f->pages.state = f->parent_pages.state = READ_NOT_KEPT;
}

Session *Travel_session_new(const App *app)
{
	const Session *live = app->session;
	const Event *at = App_travel_event(app);
	long k = travel_index(app);
	/* After the run the source is gone; the scenario it ran is not. */
	const Scenario *sc = app->source != NULL ? app->source->scenario : app->args.scenario;
	Session *past;

	if (at == NULL)
		return NULL;
	past = Session_new(live->root, live->ghost_us);
	past->source_traces = live->source_traces;
	snprintf(past->source, sizeof past->source, "%s", live->source);
	if (sc != NULL)
		Session_set_step(past, 0, sc->explanation);
	add_unborn(past, live, at->t_us);
	for (long i = 0; i <= k; i++) {
		const Event *ev = &live->events[i];
		Session_apply(past, ev);
		if (ev->kind == EV_STEP)
			Session_set_step(past, ev->status, sc != NULL && ev->status >= 1 &&
					 ev->status <= sc->nsteps ? sc->steps[ev->status - 1].caption
					 : ev->detail);
	}
	Session_expire(past, at->t_us);
	take_names(past, live, at->t_us);
	take_focus(past, live, app->focus_pid, at->t_us);
	return past;
}

void Travel_session_delete(Session *past)
{
	if (past == NULL)
		return;
	/* The focus is the store's (or empty): not the past session's to free. */
	memset(&past->focus, 0, sizeof past->focus);
	Session_delete(past);
}

void App_travel_status(const App *app, char *buf, size_t len)
{
	const Session *s = app->session;
	long i = travel_index(app);
	const Snapshot *snap;
	const Event *at = App_travel_event(app);
	int n;

	buf[0] = '\0';
	if (at == NULL)
		return;
	snap = SnapshotStore_find(&s->snaps, app->focus_pid, at->t_us);
	if (snap != NULL && snap->t_us != at->t_us)
		n = snprintf(buf, len, _("event %ld of %zu (pid %d as at %+.3f s)"), i + 1, s->nevents,
			     (int)app->focus_pid, ((double)snap->t_us - (double)at->t_us) / 1e6);
	else
		n = snprintf(buf, len, _("event %ld of %zu"), i + 1, s->nevents);
	if (n > 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n, _(" · %zu snapshots, %.1f MiB"),
			 SnapshotStore_count(&s->snaps), (double)s->snaps.bytes / (1 << 20));
}
