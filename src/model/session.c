/*
 * The session (see session.h): process records in order of first
 * appearance with a pid index beside them, and the event log.
 *
 * Invariants: procs[i].pid is unique among records; index maps every pid to
 * its record; a record is never moved except by compaction, which keeps the
 * relative order (so the tree does not jump) and rebuilds the index.
 */
#include "model/session.h"

#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/xalloc.h"
#include "probe/status.h"

#define DEFAULT_LOG_CAP 200000

Session *Session_new(pid_t root, uint64_t ghost_us)
{
	Session *s = xcalloc(1, sizeof *s);

	s->root = root;
	s->ghost_us = ghost_us;
	s->log_cap = DEFAULT_LOG_CAP;
	PidMap_init(&s->index);
	ExecLog_init(&s->execs, EXECLOG_DEFAULT_CAP);
	SnapshotStore_init(&s->snaps, 0); /* the screen sets its cap: batch keeps none */
	return s;
}

void Session_delete(Session *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->nprocs; i++)
		ProcIdentity_done(&s->procs[i].id);
	Focus_done(&s->focus);
	ExecLog_done(&s->execs);
	SnapshotStore_done(&s->snaps);
	PidMap_done(&s->index);
	free(s->procs);
	free(s->events);
	free(s);
}

long Session_index_of(const Session *s, pid_t pid)
{
	/* Stored as index + 1: a value of NULL is "no such pid". */
	return (long)(uintptr_t)PidMap_get(&s->index, pid) - 1;
}

ProcRecord *Session_find(Session *s, pid_t pid)
{
	long i = Session_index_of(s, pid);
	return i < 0 ? NULL : &s->procs[i];
}

const ProcRecord *Session_find_const(const Session *s, pid_t pid)
{
	long i = Session_index_of(s, pid);
	return i < 0 ? NULL : &s->procs[i];
}

static void record_changed(Session *s, ProcRecord *r)
{
	r->changed_step = s->step;
	r->changed_us = s->now_us;
}

/* Drops the records whose ghost time is over, keeping the order. */
static void compact(Session *s)
{
	size_t kept = 0;

	for (size_t i = 0; i < s->nprocs; i++) {
		if (s->procs[i].gone) {
			ProcIdentity_done(&s->procs[i].id);
			continue;
		}
		s->procs[kept++] = s->procs[i];
	}
	s->nprocs = kept;
	PidMap_clear(&s->index);
	for (size_t i = 0; i < s->nprocs; i++)
		PidMap_put(&s->index, s->procs[i].pid, (void *)(uintptr_t)(i + 1));
	s->ngone = 0;
}

static ProcRecord *add_record(Session *s, pid_t pid, pid_t ppid, CreateHow how, uint64_t t_us)
{
	ProcRecord *r = Session_find(s, pid);

	if (r != NULL) {
		if (r->gone || r->exited) {
			/* pid reused after a ghost: the old record is history. */
			r->gone = true;
			PidMap_remove(&s->index, pid);
		} else {
			if (how != HOW_UNKNOWN && (r->how == HOW_UNKNOWN || r->how == HOW_EXISTING))
				r->how = how;
			if (ppid > 0)
				r->ppid = ppid;
			return r;
		}
	}
	if (s->ngone > 256 && s->ngone > s->nprocs / 2)
		compact(s);
	if (s->nprocs == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->procs = xreallocarray(s->procs, s->cap, sizeof *s->procs);
	}
	r = &s->procs[s->nprocs];
	memset(r, 0, sizeof *r);
	r->pid = pid;
	r->ppid = ppid;
	r->creator = ppid;
	r->how = how;
	r->alive = true;
	r->born_us = t_us;
	r->born_step = how == HOW_EXISTING ? -1 : s->step;
	r->changed_step = r->born_step;
	r->changed_us = t_us;
	r->cpu_tenths = -1;
	PidMap_put(&s->index, pid, (void *)(uintptr_t)(s->nprocs + 1));
	s->nprocs++;
	return r;
}

/* A record added from outside the event stream (the root, a table read):
 * an observer hears of it; one made by an event is heard as that event. */
ProcRecord *Session_add(Session *s, pid_t pid, pid_t ppid, CreateHow how, uint64_t t_us)
{
	ProcRecord *r = add_record(s, pid, ppid, how, t_us);

	if (s->observer != NULL)
		s->observer(s->observer_ctx, SESSION_PROCESS, NULL, pid);
	return r;
}

void Session_observe(Session *s, SessionObserver observer, void *ctx)
{
	s->observer = observer;
	s->observer_ctx = ctx;
}

/* Where an event stamped t_us goes: after every event of its time or
 * earlier, never before the sealed part. Opens the slot. The two sources
 * (the tracer's stops, the helper's reports) arrive out of step with each
 * other; their stamps share one clock, so the log is the order things
 * happened. Events of equal time keep the order they came in. */
static size_t log_position(Session *s, uint64_t t_us)
{
	size_t pos = s->nevents;

	while (pos > s->log_sealed && s->events[pos - 1].t_us > t_us)
		pos--;
	memmove(s->events + pos + 1, s->events + pos, (s->nevents - pos) * sizeof *s->events);
	return pos;
}

static void log_event(Session *s, const Event *ev)
{
	if (s->nevents == s->log_cap) {
		/* Keep the newer half: the log is for looking back, not forever. */
		size_t drop = s->log_cap / 2;
		memmove(s->events, s->events + drop, (s->nevents - drop) * sizeof *s->events);
		s->nevents -= drop;
		s->events_dropped += drop;
		s->log_sealed = s->log_sealed > drop ? s->log_sealed - drop : 0;
	}
	if (s->nevents == s->events_cap) {
		s->events_cap = s->events_cap ? s->events_cap * 2 : 256;
		if (s->events_cap > s->log_cap)
			s->events_cap = s->log_cap;
		s->events = xreallocarray(s->events, s->events_cap, sizeof *s->events);
	}
	s->events[log_position(s, ev->t_us)] = *ev;
	s->nevents++;
}

static bool is_creation_api(const char *api)
{
	static const char *const names[] = {
		"fork", "vfork", "posix_spawn", "posix_spawnp", "system", "popen",
		"clone", "clone3",
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(api, names[i]) == 0)
			return true;
	return false;
}

/* The newest child of parent that no API report has claimed yet: what
 * system() and popen() made, since they do not tell the caller the pid. */
static ProcRecord *newest_unclaimed_child(Session *s, pid_t parent)
{
	for (size_t i = s->nprocs; i-- > 0;) {
		ProcRecord *r = &s->procs[i];
		if (r->ppid == parent && r->api[0] == '\0' && !r->gone && r->how != HOW_EXISTING &&
		    r->how != HOW_THREAD)
			return r;
	}
	return NULL;
}

static void join_api(Session *s, const Event *ev)
{
	ProcRecord *r = NULL;

	if (!is_creation_api(ev->api))
		return;
	if (ev->child > 0)
		r = Session_find(s, ev->child);
	else if (ev->ret != 0 || strcmp(ev->api, "system") == 0 || strcmp(ev->api, "popen") == 0)
		r = newest_unclaimed_child(s, ev->pid);
	/* ret == 0 from fork in the child names no new process. */
	if (r != NULL && r->api[0] == '\0') {
		snprintf(r->api, sizeof r->api, "%s", ev->api);
		record_changed(s, r);
	}
}

/* At fork the child is a copy of its parent: until it is read (or execs), it
 * carries the parent's name and command line, so a child that dies before
 * the first read is not nameless. Its own pid and parent are its own. */
static void inherit_identity(Session *s, ProcRecord *child)
{
	const ProcRecord *parent = Session_find_const(s, child->ppid);

	if (child->id.state != READ_NOT_ASKED || parent == NULL || parent->id.state != READ_OK)
		return;
	ProcIdentity_done(&child->id);
	ProcIdentity_copy(&child->id, &parent->id);
	child->id.pid = child->id.tgid = child->pid;
	child->id.ppid = parent->pid;
	child->id.threads = 1;
}

/* After an exec the process has its own name: never the one it inherited
 * at fork. The arguments read at the exec, else (gone before they could be
 * read) the program, else the comm the event carries, marked as such. */
static void take_exec_name(ProcRecord *r, const Event *ev)
{
	char name[300];

	if (ev->argv[0] != '\0')
		snprintf(name, sizeof name, "%s", ev->argv);
	else if (ev->detail[0] != '\0')
		snprintf(name, sizeof name, "%s", ev->detail);
	else if (ev->comm[0] != '\0')
		snprintf(name, sizeof name, "[%s]", ev->comm);
	else
		return;
	free(r->id.cmdline);
	r->id.cmdline = xstrdup(name);
	r->id.cmdline_state = READ_OK;
	if (ev->detail[0] != '\0') {
		free(r->id.exe);
		r->id.exe = xstrdup(ev->detail);
		r->id.exe_state = READ_OK;
	}
}

static void apply_lifecycle(Session *s, const Event *ev)
{
	ProcRecord *r;

	switch (ev->kind) {
	case EV_FORK:
	case EV_VFORK:
	case EV_CLONE:
		/* The source's word first: an attach reports what was there as existing. */
		r = add_record(s, ev->pid, ev->ppid,
				ev->how != HOW_UNKNOWN ? ev->how
				: ev->kind == EV_FORK ? HOW_FORK : ev->kind == EV_VFORK ? HOW_VFORK : HOW_CLONE,
				ev->t_us);
		r->traced = r->traced || s->source_traces;
		inherit_identity(s, r);
		if (ev->comm[0] != '\0' && r->id.comm[0] == '\0')
			snprintf(r->id.comm, sizeof r->id.comm, "%s", ev->comm);
		break;
	case EV_EXEC:
		if ((r = Session_find(s, ev->pid)) == NULL)
			r = add_record(s, ev->pid, ev->ppid, HOW_UNKNOWN, ev->t_us);
		r->execs++;
		snprintf(r->exec_path, sizeof r->exec_path, "%s", ev->detail);
		if (ev->comm[0] != '\0')
			snprintf(r->id.comm, sizeof r->id.comm, "%s", ev->comm);
		take_exec_name(r, ev);
		record_changed(s, r);
		break;
	case EV_EXIT:
		if ((r = Session_find(s, ev->pid)) == NULL || r->exited)
			break;
		r->exited = true;
		r->alive = false;
		r->exit_status = ev->status;
		r->exit_us = ev->t_us;
		record_changed(s, r);
		break;
	case EV_REAP:
		if ((r = Session_find(s, ev->pid)) == NULL)
			break;
		if (!r->exited) { /* the reaper's wait was all we saw */
			r->exited = true;
			r->alive = false;
			r->exit_status = ev->status;
			r->exit_us = ev->t_us;
		}
		r->reaped = true;
		r->reaper = ev->ppid;
		r->reap_us = ev->t_us;
		record_changed(s, r);
		break;
	case EV_REPARENT:
		if ((r = Session_find(s, ev->pid)) != NULL && r->ppid != ev->ppid) {
			r->ppid = ev->ppid;
			record_changed(s, r);
		}
		break;
	case EV_COMM:
		if ((r = Session_find(s, ev->pid)) != NULL) {
			snprintf(r->id.comm, sizeof r->id.comm, "%s", ev->comm);
			record_changed(s, r);
		}
		break;
	case EV_STOP:
	case EV_CONT:
	case EV_SIGNAL:
	case EV_UID:
	case EV_SID:
		if ((r = Session_find(s, ev->pid)) != NULL)
			record_changed(s, r);
		break;
	case EV_LOST:
		s->events_lost += (unsigned long)ev->status;
		break;
	case EV_API:
		join_api(s, ev);
		break;
	case EV_STEP:
		Session_set_step(s, ev->status, ev->detail);
		break;
	case EV_VFORK_DONE:
	case EV_THREAD:
	case EV_NOTE:
	case EV_OUTPUT:
	case EV_EXEC_FAILED: /* the log and the exec record say it */
	case EV_BREAK:       /* a hold: the process is as it was; the log says it */
	case EV_KIND_COUNT:
		break;
	}
}

void Session_apply(Session *s, const Event *ev)
{
	if (ev->t_us > s->now_us)
		s->now_us = ev->t_us;
	apply_lifecycle(s, ev);
	log_event(s, ev);
	if (s->observer != NULL)
		s->observer(s->observer_ctx, SESSION_EVENT, ev, ev->pid);
}

void Session_seal_log(Session *s)
{
	s->log_sealed = s->nevents;
	if (s->observer != NULL)
		s->observer(s->observer_ctx, SESSION_SEAL, NULL, 0);
}

void Session_set_held(Session *s, pid_t pid, bool held)
{
	ProcRecord *r = Session_find(s, pid);

	if (r != NULL)
		r->held = held;
}

/* Running, sleeping and waiting on the disk come and go all the time; a
 * stop, a zombie or a tracing stop is worth a look. */
static bool busy_state(char st)
{
	return st == 'R' || st == 'S' || st == 'D' || st == 'I';
}

/* Did what a person sees in the tree row change? */
static bool identity_differs(const ProcIdentity *a, const ProcIdentity *b)
{
	bool state_changed = a->task_state != b->task_state &&
			     !(busy_state(a->task_state) && busy_state(b->task_state));

	if (a->state != b->state)
		return true;
	if (a->state != READ_OK)
		return false;
	return state_changed || a->ppid != b->ppid || a->pgid != b->pgid ||
	       a->sid != b->sid || a->tty_nr != b->tty_nr || a->nspid_levels != b->nspid_levels ||
	       a->uid_real != b->uid_real || a->uid_eff != b->uid_eff ||
	       strcmp(a->comm, b->comm) != 0 || ProcImage_differs(&a->image, &b->image) ||
	       strcmp(a->cmdline ? a->cmdline : "", b->cmdline ? b->cmdline : "") != 0;
}

static void take_identity(Session *s, ProcRecord *r, ProcIdentity *fresh)
{
	if (fresh->state == READ_GONE) {
		/* Keep the last good identity of a process that just went away. */
		ProcIdentity_done(fresh);
		return;
	}
	if (fresh->state == READ_OK && fresh->task_state == 'Z' && r->id.cmdline != NULL &&
	    r->id.cmdline[0] != '\0' && (fresh->cmdline == NULL || fresh->cmdline[0] == '\0')) {
		/* A zombie has no arguments left to read: it keeps the name it had. */
		free(fresh->cmdline);
		fresh->cmdline = r->id.cmdline;
		fresh->cmdline_state = r->id.cmdline_state;
		r->id.cmdline = NULL;
	}
	if (identity_differs(&r->id, fresh) && r->id.state == READ_OK)
		record_changed(s, r);
	ProcIdentity_done(&r->id);
	r->id = *fresh;
	if (fresh->state == READ_OK && fresh->ppid > 0 && fresh->ppid != r->ppid && !r->exited) {
		/* Re-parented: the kernel is the truth. A tracer reports it as an
		 * event of its own; for the other sources the log says it here. */
		Event ev = { .t_us = s->now_us, .kind = EV_REPARENT, .pid = r->pid, .ppid = fresh->ppid,
			     .polled = true };
		r->ppid = fresh->ppid;
		if (!s->source_traces)
			log_event(s, &ev);
	}
}

/* CPU use from utime + stime between two readings (as top and htop have
 * it): a reading closer than CPU_SAMPLE_US to the older one waits for a
 * later one, so that a few ticks over a few milliseconds do not read as
 * hundreds of percent. A new program or a pid taken over starts again. */
static void sample_cpu(ProcRecord *r, uint64_t now_us)
{
	static long ticks_per_s;
	unsigned long long ticks = r->id.utime + r->id.stime;

	if (r->id.state != READ_OK)
		return;
	if (ticks_per_s <= 0 && (ticks_per_s = sysconf(_SC_CLK_TCK)) <= 0)
		ticks_per_s = 100;
	if (r->cpu_read_us == 0 || ticks < r->cpu_ticks_read || now_us < r->cpu_read_us) {
		r->cpu_ticks_read = ticks;
		r->cpu_read_us = now_us;
		return;
	}
	if (now_us - r->cpu_read_us < CPU_SAMPLE_US)
		return;
	r->cpu_tenths = (int)((ticks - r->cpu_ticks_read) * 1000000000ull /
			      ((unsigned long long)ticks_per_s * (now_us - r->cpu_read_us)));
	r->cpu_ticks_read = ticks;
	r->cpu_read_us = now_us;
}

void Session_sync_identities(Session *s)
{
	uint64_t now_us = clock_now_us();

	for (size_t i = 0; i < s->nprocs; i++) {
		ProcRecord *r = &s->procs[i];
		ProcIdentity fresh;

		if (r->gone || r->reaped)
			continue;
		ProcIdentity_read(r->pid, &fresh);
		take_identity(s, r, &fresh);
		sample_cpu(r, now_us);
	}
	/* A fork child gone before anyone looked, born before its parent was
	 * ever read: what it was is its parent's, as at the fork (it never
	 * exec'd). Parents come first in procs. */
	for (size_t i = 0; i < s->nprocs; i++)
		if (s->procs[i].execs == 0)
			inherit_identity(s, &s->procs[i]);
}

/* Is pid (known to the table) inside the watched subtree? */
static bool table_in_subtree(const Session *s, const ProcTable *table, pid_t pid)
{
	for (int depth = 0; pid > 0 && depth < TREE_DEPTH_MAX; depth++) {
		const ProcIdentity *id;

		if (pid == s->root)
			return true;
		if ((id = ProcTable_find(table, pid)) == NULL)
			return false;
		pid = id->ppid;
	}
	return false;
}

static bool same_text(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* The table's row for a process we already know: when its strings are the
 * same (no exec), take the numbers only. Copying a thousand command lines a
 * second would cost more than everything else the refresh does. */
static bool take_numbers_only(Session *s, ProcRecord *r, const ProcIdentity *id)
{
	ProcIdentity *mine = &r->id;

	if (mine->state != READ_OK || id->state != READ_OK || mine->start_ticks != id->start_ticks ||
	    strcmp(mine->comm, id->comm) != 0 || !same_text(mine->cmdline, id->cmdline) ||
	    !same_text(mine->exe, id->exe))
		return false;
	if (identity_differs(mine, id))
		record_changed(s, r);
	{
		char *cmdline = mine->cmdline, *exe = mine->exe;
		*mine = *id;              /* all the numbers... */
		mine->cmdline = cmdline;  /* ...and our own copies of the same strings */
		mine->exe = exe;
	}
	if (id->ppid > 0 && id->ppid != r->ppid && !r->exited)
		r->ppid = id->ppid;
	return true;
}

void Session_sync_table(Session *s, const ProcTable *table, uint64_t now_us)
{
	size_t n = ProcTable_count(table);
	bool first = s->table_syncs == 0;

	if (now_us > s->now_us)
		s->now_us = now_us;
	s->sync_generation++;
	for (size_t i = 0; i < n; i++) {
		const ProcIdentity *id = ProcTable_at(table, i);
		ProcRecord *r;
		ProcIdentity copy;

		if (s->root != 0 && !table_in_subtree(s, table, id->pid))
			continue;
		r = Session_find(s, id->pid);
		if (r == NULL || r->exited)
			r = Session_add(s, id->pid, id->ppid, first ? HOW_EXISTING : HOW_UNKNOWN, now_us);
		if (!take_numbers_only(s, r, id)) {
			ProcIdentity_copy(&copy, id);
			take_identity(s, r, &copy);
		}
		sample_cpu(r, now_us);
		r->seen_generation = s->sync_generation;
	}
	/* Alive records the table no longer has: they exited between two looks. */
	for (size_t i = 0; i < s->nprocs; i++) {
		ProcRecord *r = &s->procs[i];
		if (r->alive && !r->gone && r->seen_generation != s->sync_generation) {
			r->alive = false;
			r->exited = true;
			r->exit_status = -1; /* not seen: polling cannot know it */
			r->exit_us = now_us;
			r->reaped = true;
			record_changed(s, r);
		}
	}
	s->table_syncs++;
}

void Session_expire(Session *s, uint64_t now_us)
{
	if (now_us > s->now_us)
		s->now_us = now_us;
	for (size_t i = 0; i < s->nprocs; i++) {
		ProcRecord *r = &s->procs[i];
		/* A traced zombie stays until reaped (the point is to see it); the
		 * ghost time runs from the reap, or from the exit when untraced. */
		uint64_t since = r->reaped && r->reap_us > r->exit_us ? r->reap_us : r->exit_us;
		if (r->exited && !r->gone && (r->reaped || !r->traced) &&
		    now_us >= since + s->ghost_us) {
			r->gone = true;
			s->ngone++;
		}
	}
}

void Session_set_step(Session *s, int step, const char *caption)
{
	s->step = step;
	snprintf(s->caption, sizeof s->caption, "%s", caption ? caption : "");
}

bool Session_in_subtree(const Session *s, pid_t pid)
{
	if (s->root == 0)
		return true;
	for (int depth = 0; pid > 0 && depth < TREE_DEPTH_MAX; depth++) {
		const ProcRecord *r;

		if (pid == s->root)
			return true;
		if ((r = Session_find_const(s, pid)) == NULL)
			return false;
		pid = r->ppid;
	}
	return false;
}

const char *ProcRecord_made_by(const ProcRecord *r)
{
	static char buf[40];
	const char *how = r->api[0] ? r->api : CreateHow_name(r->how);

	if (r->execs == 0)
		return how;
	if (r->how == HOW_EXISTING || r->how == HOW_UNKNOWN)
		return "exec'd";
	/* posix_spawn, system and popen exec by definition: the API name says it. */
	if (r->api[0] && strcmp(r->api, "fork") != 0 && strcmp(r->api, "vfork") != 0 &&
	    strcmp(r->api, "clone") != 0 && strcmp(r->api, "clone3") != 0)
		return how;
	snprintf(buf, sizeof buf, "%s+exec", how);
	return buf;
}
