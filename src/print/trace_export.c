/*
 * The Chrome trace export (see trace_export.h). The session's event log is
 * replayed in order over a set of tracks, one per process or thread, each
 * with at most one open slice; records the log never mentions (processes
 * already there, events dropped past the log's cap) get a slice from their
 * record. Trace events are collected with their time and sorted once at
 * the end, so every track reads in time order whatever order the slices
 * closed in.
 *
 * Invariants: a track's slices never overlap (a slice closes before the
 * next opens); a flow's "s" is emitted only on a track whose slice is open
 * at that instant, and its "f" at the child's slice start, so both bind.
 */
#include "print/trace_export.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "base/atomic_file.h"
#include "base/i18n.h"
#include "base/pidmap.h"
#include "base/xalloc.h"
#include "probe/sigset.h"
#include "trace/event_text.h"

typedef struct Track {
	pid_t pid;             /* the process (a thread's track: its thread group) */
	pid_t tid;             /* == pid for the process's own track */
	pid_t parent;          /* the process that made it; 0 unknown */
	bool started;          /* has had a slice */
	bool open;             /* a slice is running */
	uint64_t slice_us;     /* the running slice's start */
	bool slice_polled;     /* its start was seen by polling */
	char name[256];        /* the running (or last) slice's name */
	json_object *slice_args; /* owned while open: what the start knew */
	size_t first_child, next_sibling, last_child; /* tree links, index + 1; 0 none */
	int sort_index;        /* -1 until the tree walk reaches it */
} Track;

/* One trace event and when it happened, for the final sort. */
typedef struct TraceItem {
	uint64_t t_us;
	size_t seq;            /* emission order: ties keep it */
	json_object *obj;      /* owned until added to the array */
} TraceItem;

typedef struct TraceBuild {
	const Session *s;      /* borrowed */
	Track *tracks;
	size_t ntracks, tracks_cap;
	PidMap by_id;          /* pid or tid -> track index + 1 */
	TraceItem *items;
	size_t nitems, items_cap;
	uint64_t t0_us, end_us;
	int next_flow_id;
} TraceBuild;

static bool is_birth(EventKind kind)
{
	return kind == EV_FORK || kind == EV_VFORK || kind == EV_CLONE;
}

static void item_add(TraceBuild *b, uint64_t t_us, json_object *obj)
{
	if (b->nitems == b->items_cap) {
		b->items_cap = b->items_cap ? b->items_cap * 2 : 256;
		b->items = xreallocarray(b->items, b->items_cap, sizeof *b->items);
	}
	b->items[b->nitems] = (TraceItem){ .t_us = t_us, .seq = b->nitems, .obj = obj };
	b->nitems++;
}

static int64_t ts_of(const TraceBuild *b, uint64_t t_us)
{
	return t_us > b->t0_us ? (int64_t)(t_us - b->t0_us) : 0;
}

/* The fields every trace event has. */
static json_object *trace_event(const TraceBuild *b, const char *ph, const char *name,
				const char *cat, const Track *t, uint64_t t_us)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "name", json_object_new_string(name));
	json_object_object_add(o, "cat", json_object_new_string(cat));
	json_object_object_add(o, "ph", json_object_new_string(ph));
	json_object_object_add(o, "ts", json_object_new_int64(ts_of(b, t_us)));
	json_object_object_add(o, "pid", json_object_new_int(t->pid));
	json_object_object_add(o, "tid", json_object_new_int(t->tid));
	return o;
}

static Track *track_find(TraceBuild *b, pid_t id)
{
	size_t i = (size_t)(uintptr_t)PidMap_get(&b->by_id, id);

	return i > 0 ? &b->tracks[i - 1] : NULL;
}

static Track *track_add(TraceBuild *b, pid_t pid, pid_t tid, pid_t parent)
{
	Track *t;

	if (b->ntracks == b->tracks_cap) {
		b->tracks_cap = b->tracks_cap ? b->tracks_cap * 2 : 64;
		b->tracks = xreallocarray(b->tracks, b->tracks_cap, sizeof *b->tracks);
	}
	t = &b->tracks[b->ntracks++];
	*t = (Track){ .pid = pid, .tid = tid, .parent = parent, .sort_index = -1 };
	PidMap_put(&b->by_id, tid, (void *)(uintptr_t)b->ntracks);
	return t;
}

/* A process's own track, made on first sight; its parent from its record. */
static Track *process_track(TraceBuild *b, pid_t pid)
{
	Track *t = track_find(b, pid);
	const ProcRecord *r;

	if (t != NULL)
		return t;
	r = Session_find_const(b->s, pid);
	return track_add(b, pid, pid, r != NULL ? r->creator : 0);
}

static void slice_open(Track *t, uint64_t t_us, const char *name, bool polled)
{
	t->started = t->open = true;
	t->slice_us = t_us;
	t->slice_polled = polled;
	snprintf(t->name, sizeof t->name, "%s", name[0] != '\0' ? name : "?");
	t->slice_args = json_object_new_object();
	if (polled)
		json_object_object_add(t->slice_args, "approximate", json_object_new_boolean(1));
}

/* Ends the running slice at t_us as one "X" event; end says how it ended. */
static void slice_close(TraceBuild *b, Track *t, uint64_t t_us, const char *end, bool polled)
{
	json_object *o;

	if (!t->open)
		return;
	if (t_us < t->slice_us)
		t_us = t->slice_us;
	o = trace_event(b, "X", t->name, t->tid == t->pid ? "process" : "thread", t, t->slice_us);
	json_object_object_add(o, "dur", json_object_new_int64((int64_t)(t_us - t->slice_us)));
	json_object_object_add(t->slice_args, "end", json_object_new_string(end));
	if (polled && !t->slice_polled)
		json_object_object_add(t->slice_args, "approximate", json_object_new_boolean(1));
	json_object_object_add(o, "args", t->slice_args);
	t->slice_args = NULL;
	t->open = false;
	item_add(b, t->slice_us, o);
}

/* When a process was first seen, for a track first touched at t_us by
 * something other than its birth: its record's birth if earlier. */
static uint64_t first_seen_us(const TraceBuild *b, pid_t pid, uint64_t t_us)
{
	const ProcRecord *r = Session_find_const(b->s, pid);

	return r != NULL && r->born_us > 0 && r->born_us < t_us ? r->born_us : t_us;
}

/* The name of a slice nothing else names: the record's command line while
 * it is still the one it was born with, else the comm the event carries. */
static void unnamed_slice(const TraceBuild *b, pid_t pid, const char *comm, char *buf, size_t len)
{
	const ProcRecord *r = Session_find_const(b->s, pid);

	if (r != NULL && r->execs == 0 && r->id.cmdline_state == READ_OK && r->id.cmdline[0] != '\0')
		snprintf(buf, len, "%s", r->id.cmdline);
	else if (comm != NULL && comm[0] != '\0')
		snprintf(buf, len, "[%s]", comm);
	else if (r != NULL && r->id.comm[0] != '\0' && r->execs == 0)
		snprintf(buf, len, "[%s]", r->id.comm);
	else
		snprintf(buf, len, "pid %d", (int)pid);
}

/* A track touched by an event before any slice: its first slice starts at
 * its first sight, unless that is this very instant and the event is an
 * exec (then the exec's slice is its first). */
static void ensure_started(TraceBuild *b, Track *t, const Event *ev)
{
	uint64_t since = first_seen_us(b, t->tid, ev->t_us);
	char name[256];

	if (t->started || (ev->kind == EV_EXEC && since == ev->t_us))
		return;
	unnamed_slice(b, t->tid, ev->kind == EV_EXEC ? NULL : ev->comm, name, sizeof name);
	slice_open(t, since, name, ev->polled);
}

static json_object *flow_event(TraceBuild *b, const char *ph, const Track *t, const Event *ev, int id)
{
	json_object *o = trace_event(b, ph, "fork", "fork", t, ev->t_us);

	json_object_object_add(o, "id", json_object_new_int(id));
	if (ph[0] == 'f')
		json_object_object_add(o, "bp", json_object_new_string("e"));
	return o;
}

/* fork, vfork, clone: the child's first slice, a copy of its parent until
 * it execs, and the arrow from the parent. */
static void on_birth(TraceBuild *b, const Event *ev)
{
	Track *child = process_track(b, ev->pid), *parent = track_find(b, ev->ppid);
	char name[256];

	if (child->open)
		return; /* the source said it twice (an attach's existing processes) */
	/* A parent the session knows but the log has not touched yet (the
	 * root, a process already there); one it does not know (forkscope,
	 * starting the command) has no track. */
	if (parent == NULL && Session_find_const(b->s, ev->ppid) != NULL)
		parent = process_track(b, ev->ppid);
	child->parent = ev->ppid;
	if (parent != NULL && parent->tid == parent->pid)
		ensure_started(b, parent, ev);
	if (parent != NULL && parent->open)
		snprintf(name, sizeof name, "%s", parent->name);
	else if (ev->ppid == getpid())
		snprintf(name, sizeof name, "forkscope"); /* the command, before its exec */
	else
		unnamed_slice(b, ev->pid, ev->comm, name, sizeof name);
	slice_open(child, ev->t_us, name, ev->polled);
	json_object_object_add(child->slice_args, "made_by",
			       json_object_new_string(CreateHow_name(ev->how != HOW_UNKNOWN ? ev->how :
				       ev->kind == EV_FORK ? HOW_FORK : ev->kind == EV_VFORK ? HOW_VFORK : HOW_CLONE)));
	json_object_object_add(child->slice_args, "ppid", json_object_new_int(ev->ppid));
	if (parent == NULL || !parent->open)
		return;
	b->next_flow_id++;
	item_add(b, ev->t_us, flow_event(b, "s", parent, ev, b->next_flow_id));
	item_add(b, ev->t_us, flow_event(b, "f", child, ev, b->next_flow_id));
}

static void on_exec(TraceBuild *b, const Event *ev)
{
	Track *t = process_track(b, ev->pid);
	const char *name = ev->argv[0] ? ev->argv : ev->detail[0] ? ev->detail : ev->comm;

	ensure_started(b, t, ev);
	slice_close(b, t, ev->t_us, "exec", ev->polled);
	slice_open(t, ev->t_us, name, ev->polled);
	json_object_object_add(t->slice_args, "path", json_object_new_string(ev->detail));
	if (ev->former_tid > 0)
		json_object_object_add(t->slice_args, "former_tid", json_object_new_int(ev->former_tid));
}

static void on_thread(TraceBuild *b, const Event *ev)
{
	Track *leader = process_track(b, ev->ppid), *t = track_find(b, ev->pid);
	char name[64];

	ensure_started(b, leader, ev);
	if (t == NULL)
		t = track_add(b, ev->ppid, ev->pid, ev->ppid);
	if (t->open)
		return;
	snprintf(name, sizeof name, "thread %d", (int)ev->pid);
	slice_open(t, ev->t_us, name, ev->polled);
}

static void on_process_exit(TraceBuild *b, const Event *ev)
{
	Track *t = ev->how == HOW_THREAD ? track_find(b, ev->pid) : process_track(b, ev->pid);
	char status[64];

	if (t == NULL)
		return;
	ensure_started(b, t, ev);
	if (t->open) {
		wait_status_format(ev->status, status, sizeof status);
		json_object_object_add(t->slice_args, "status", json_object_new_string(status));
	}
	slice_close(b, t, ev->t_us, "exit", ev->polled);
}

/* Signals, stops, continues, failed execs: a mark on the process's track. */
static void on_instant(TraceBuild *b, const Event *ev)
{
	Track *t = track_find(b, ev->pid);
	json_object *o, *args = json_object_new_object();
	char name[300], ebuf[24];
	const char *ename;

	if (t == NULL)
		t = process_track(b, ev->pid);
	ensure_started(b, t, ev);
	if (ev->kind == EV_EXEC_FAILED) {
		ename = errno_name(ev->err, ebuf, sizeof ebuf);
		snprintf(name, sizeof name, "exec failed: %s", ename);
		json_object_object_add(args, "path", json_object_new_string(ev->detail));
		json_object_object_add(args, "errno", json_object_new_string(ename));
		json_object_object_add(args, "err", json_object_new_int(ev->err));
	} else if (ev->kind == EV_CONT) {
		snprintf(name, sizeof name, "continued");
	} else {
		snprintf(name, sizeof name, "%s %s", ev->kind == EV_STOP ? "stopped by" : "signal",
			 signal_name(ev->signo));
		json_object_object_add(args, "signal", json_object_new_string(signal_name(ev->signo)));
	}
	if (ev->polled)
		json_object_object_add(args, "approximate", json_object_new_boolean(1));
	o = trace_event(b, "i", name, EventKind_name(ev->kind), t, ev->t_us);
	json_object_object_add(o, "s", json_object_new_string("t"));
	json_object_object_add(o, "args", args);
	item_add(b, ev->t_us, o);
}

static void replay(TraceBuild *b)
{
	for (size_t i = 0; i < b->s->nevents; i++) {
		const Event *ev = &b->s->events[i];

		if (is_birth(ev->kind))
			on_birth(b, ev);
		else if (ev->kind == EV_EXEC)
			on_exec(b, ev);
		else if (ev->kind == EV_THREAD)
			on_thread(b, ev);
		else if (ev->kind == EV_EXIT)
			on_process_exit(b, ev);
		else if (ev->kind == EV_SIGNAL || ev->kind == EV_STOP || ev->kind == EV_CONT ||
			 ev->kind == EV_EXEC_FAILED)
			on_instant(b, ev);
	}
}

/* Records the log does not account for, and every slice still open: one
 * exited ends at its exit, one alive at the end of the session. */
static void finish(TraceBuild *b)
{
	const Session *s = b->s;

	for (size_t i = 0; i < s->nprocs; i++) {
		const ProcRecord *r = &s->procs[i];
		Track *t = track_find(b, r->pid);
		char name[256];

		if (t != NULL || r->how == HOW_THREAD)
			continue;
		t = process_track(b, r->pid);
		unnamed_slice(b, r->pid, NULL, name, sizeof name);
		if (r->execs > 0 && r->id.cmdline_state == READ_OK)
			snprintf(name, sizeof name, "%s", r->id.cmdline);
		slice_open(t, r->born_us, name, false);
	}
	for (size_t i = 0; i < b->ntracks; i++) {
		Track *t = &b->tracks[i];
		const ProcRecord *r = Session_find_const(s, t->tid);
		bool exited = r != NULL && r->exited && r->exit_us >= t->slice_us;

		slice_close(b, t, exited ? r->exit_us : b->end_us, exited ? "exit" : "still running", false);
	}
}

static bool is_tree_root(TraceBuild *b, const Track *t)
{
	const Track *p = track_find(b, t->parent);

	return p == NULL || p == t || p->tid != p->pid;
}

/* Each process track under its parent's, in order of first appearance. */
static void link_children(TraceBuild *b)
{
	for (size_t i = 0; i < b->ntracks; i++) {
		Track *t = &b->tracks[i], *p;
		if (t->tid != t->pid || is_tree_root(b, t))
			continue;
		p = track_find(b, t->parent);
		if (p->last_child > 0)
			b->tracks[p->last_child - 1].next_sibling = i + 1;
		else
			p->first_child = i + 1;
		p->last_child = i + 1;
	}
}

/* Numbers the subtree of track index + 1 `top` depth first from *next;
 * stack has room for every track. A track already numbered (reached twice
 * through a cycle of stale parents) is not walked again. */
static void number_subtree(TraceBuild *b, size_t top, size_t *stack, int *next)
{
	size_t depth = 0;

	stack[depth++] = top;
	while (depth > 0) {
		Track *u = &b->tracks[stack[--depth] - 1];
		size_t from = depth;

		if (u->sort_index >= 0)
			continue;
		u->sort_index = (*next)++;
		for (size_t c = u->first_child; c > 0 && depth < b->ntracks; c = b->tracks[c - 1].next_sibling)
			stack[depth++] = c;
		/* Reversed, so the first child is popped (walked) first. */
		for (size_t lo = from, hi = depth; hi > lo + 1; lo++, hi--) {
			size_t swap = stack[lo];
			stack[lo] = stack[hi - 1];
			stack[hi - 1] = swap;
		}
	}
}

/* The process tree as an order (process_sort_index): roots in order of
 * first appearance, each followed by its subtree; then anything only a
 * cycle reaches. */
static void sort_tracks(TraceBuild *b)
{
	size_t *stack = xcalloc(b->ntracks + 1, sizeof *stack);
	int next = 0;

	link_children(b);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < b->ntracks; i++) {
			const Track *t = &b->tracks[i];
			if (t->tid == t->pid && t->sort_index < 0 && (pass == 1 || is_tree_root(b, t)))
				number_subtree(b, i + 1, stack, &next);
		}
	free(stack);
}

static json_object *metadata(const char *name, const Track *t, const char *key, json_object *value)
{
	json_object *o = json_object_new_object(), *args = json_object_new_object();

	json_object_object_add(o, "name", json_object_new_string(name));
	json_object_object_add(o, "ph", json_object_new_string("M"));
	json_object_object_add(o, "pid", json_object_new_int(t->pid));
	json_object_object_add(o, "tid", json_object_new_int(t->tid));
	json_object_object_add(args, key, value);
	json_object_object_add(o, "args", args);
	return o;
}

/* A process's name: its command line as last known, else its last slice's. */
static const char *process_name(const TraceBuild *b, const Track *t)
{
	const ProcRecord *r = Session_find_const(b->s, t->pid);

	if (r != NULL && r->id.cmdline_state == READ_OK && r->id.cmdline[0] != '\0')
		return r->id.cmdline;
	return t->name;
}

static void add_metadata(const TraceBuild *b, json_object *events)
{
	for (size_t i = 0; i < b->ntracks; i++) {
		const Track *t = &b->tracks[i];
		if (t->tid != t->pid) {
			json_object_array_add(events, metadata("thread_name", t, "name",
							       json_object_new_string(t->name)));
			continue;
		}
		json_object_array_add(events, metadata("process_name", t, "name",
						       json_object_new_string(process_name(b, t))));
		json_object_array_add(events, metadata("process_sort_index", t, "sort_index",
						       json_object_new_int(t->sort_index)));
		json_object_array_add(events, metadata("thread_name", t, "name",
						       json_object_new_string(process_name(b, t))));
	}
}

static int by_time(const void *a, const void *b)
{
	const TraceItem *x = a, *y = b;

	if (x->t_us != y->t_us)
		return x->t_us < y->t_us ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The session's first and last moments: the log's ends and the records'. */
static void time_bounds(TraceBuild *b)
{
	const Session *s = b->s;

	b->t0_us = s->nevents > 0 ? s->events[0].t_us : UINT64_MAX;
	b->end_us = s->now_us;
	if (s->nevents > 0 && s->events[s->nevents - 1].t_us > b->end_us)
		b->end_us = s->events[s->nevents - 1].t_us;
	for (size_t i = 0; i < s->nprocs; i++) {
		const ProcRecord *r = &s->procs[i];
		if (r->born_us > 0 && r->born_us < b->t0_us)
			b->t0_us = r->born_us;
		if (r->born_us > b->end_us)
			b->end_us = r->born_us;
		if (r->exited && r->exit_us > b->end_us)
			b->end_us = r->exit_us;
	}
	if (b->t0_us == UINT64_MAX)
		b->t0_us = 0;
}

static json_object *other_data(const Session *s)
{
	json_object *o = json_object_new_object();
	struct utsname u;
	char kernel[400];

	json_object_object_add(o, "forkscope", json_object_new_string(PACKAGE_VERSION));
	if (uname(&u) == 0) {
		snprintf(kernel, sizeof kernel, "%s %s %s", u.sysname, u.release, u.machine);
		json_object_object_add(o, "kernel", json_object_new_string(kernel));
	}
	json_object_object_add(o, "source", json_object_new_string(s->source));
	if (s->events_dropped > 0)
		json_object_object_add(o, "events_dropped", json_object_new_int64((int64_t)s->events_dropped));
	if (s->events_lost > 0)
		json_object_object_add(o, "events_lost", json_object_new_int64((int64_t)s->events_lost));
	return o;
}

json_object *trace_export_json(const Session *s)
{
	TraceBuild b = { .s = s };
	json_object *root = json_object_new_object(), *events = json_object_new_array();

	PidMap_init(&b.by_id);
	time_bounds(&b);
	replay(&b);
	finish(&b);
	sort_tracks(&b);
	add_metadata(&b, events);
	qsort(b.items, b.nitems, sizeof *b.items, by_time);
	for (size_t i = 0; i < b.nitems; i++)
		json_object_array_add(events, b.items[i].obj);
	json_object_object_add(root, "traceEvents", events);
	json_object_object_add(root, "displayTimeUnit", json_object_new_string("ms"));
	json_object_object_add(root, "otherData", other_data(s));
	free(b.items);
	free(b.tracks);
	PidMap_done(&b.by_id);
	return root;
}

static int write_json(FILE *out, const void *ctx)
{
	const char *text = json_object_to_json_string_ext((json_object *)ctx, JSON_C_TO_STRING_PLAIN |
							  JSON_C_TO_STRING_NOSLASHESCAPE);

	return fputs(text, out) < 0 || fputc('\n', out) == EOF ? -1 : 0;
}

int trace_export_write(const Session *s, const char *file, char *err, size_t errlen)
{
	json_object *trace = trace_export_json(s);
	int rc = atomic_file_write(file, write_json, trace);

	if (rc != 0)
		snprintf(err, errlen, _("cannot write the trace %s: %s"), file, strerror(errno));
	json_object_put(trace);
	return rc;
}
