/* Exec records as they happen: see exec_capture.h. */
#include "live/exec_capture.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "model/session.h"
#include "probe/environ.h"
#include "probe/procfs.h"

/* A process's failed attempts are kept until its next exec; more than this
 * many (a PATH of hundreds of directories) keeps the first ones. */
#define ATTEMPTS_MAX 64

struct PendingAttempts {
	pid_t pid;
	ExecAttempt *v;       /* owned */
	size_t n;
};

void ExecCapture_init(ExecCapture *c, ExecLog *log)
{
	memset(c, 0, sizeof *c);
	c->log = log;
}

static void pending_free(PendingAttempts *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i].path);
	free(p->v);
}

static void parent_forget(ExecCapture *c, pid_t pid)
{
	for (size_t i = 0; i < PARENT_ENVS; i++)
		if (c->parents[i].pid == pid) {
			environ_free(c->parents[i].env);
			c->parents[i] = (ParentEnv){ 0 };
		}
}

/* The parent's environment as its last exec gave it (NULL: unreadable). */
static char *const *parent_env(ExecCapture *c, pid_t ppid)
{
	ParentEnv *slot;
	FileText text;

	for (size_t i = 0; i < PARENT_ENVS; i++)
		if (c->parents[i].pid == ppid)
			return c->parents[i].env;
	if (procfs_read(ppid, "environ", PROCFS_SMALL_MAX, &text) != READ_OK)
		return NULL;
	slot = &c->parents[c->next_parent];
	c->next_parent = (c->next_parent + 1) % PARENT_ENVS;
	environ_free(slot->env);
	slot->pid = ppid;
	slot->env = strv_split_nul(text.text, text.len);
	FileText_done(&text);
	return slot->env;
}

void ExecCapture_done(ExecCapture *c)
{
	for (size_t i = 0; i < PARENT_ENVS; i++)
		environ_free(c->parents[i].env);
	for (size_t i = 0; i < c->npending; i++)
		pending_free(&c->pending[i]);
	free(c->pending);
	memset(c, 0, sizeof *c);
}

static PendingAttempts *pending_of(ExecCapture *c, pid_t pid, bool add)
{
	for (size_t i = 0; i < c->npending; i++)
		if (c->pending[i].pid == pid)
			return &c->pending[i];
	if (!add)
		return NULL;
	if (c->npending == c->pending_cap) {
		c->pending_cap = c->pending_cap ? c->pending_cap * 2 : 8;
		c->pending = xreallocarray(c->pending, c->pending_cap, sizeof *c->pending);
	}
	c->pending[c->npending] = (PendingAttempts){ .pid = pid };
	return &c->pending[c->npending++];
}

static void add_attempt(ExecCapture *c, const Event *ev)
{
	PendingAttempts *p = pending_of(c, ev->pid, true);

	if (p->n >= ATTEMPTS_MAX)
		return;
	p->v = xreallocarray(p->v, p->n + 1, sizeof *p->v);
	p->v[p->n++] = (ExecAttempt){ .path = xstrdup(ev->detail), .err = ev->err };
}

/* The attempts of pid join its record (and leave the pending list). */
static void take_attempts(ExecCapture *c, ExecRecord *rec)
{
	PendingAttempts *p = pending_of(c, rec->pid, false);

	if (p == NULL)
		return;
	rec->attempts = p->v;
	rec->nattempts = p->n;
	*p = c->pending[--c->npending];
}

/* Forget the attempts of a process that ended without an exec that worked:
 * a pid reused later must not inherit them. */
static void drop_attempts(ExecCapture *c, pid_t pid)
{
	PendingAttempts *p = pending_of(c, pid, false);

	if (p == NULL)
		return;
	pending_free(p);
	*p = c->pending[--c->npending];
}

static void compare_env(ExecCapture *c, ExecRecord *rec, pid_t ppid)
{
	const ExecRecord *before = ExecLog_last_of(c->log, rec->pid);
	char *const *env;

	if (before == NULL && ppid > 0)
		before = ExecLog_last_of(c->log, ppid);
	if (before != NULL && before->env_state == READ_OK) {
		ExecRecord_compare_env(rec, before->env);
		return;
	}
	if (ppid > 0 && (env = parent_env(c, ppid)) != NULL)
		ExecRecord_compare_env(rec, env);
}

/* The event's argv from the record's (read once): joined by spaces,
 * control bytes as '?', cut to fit. */
static void event_argv(Event *ev, char *const *argv)
{
	size_t used = 0;

	ev->argv[0] = '\0';
	for (size_t i = 0; argv[i] != NULL && used + 1 < sizeof ev->argv; i++) {
		if (i > 0)
			ev->argv[used++] = ' ';
		for (const char *p = argv[i]; *p != '\0' && used + 1 < sizeof ev->argv; p++)
			ev->argv[used++] = (unsigned char)*p < 0x20 || *p == 0x7f ? '?' : *p;
	}
	ev->argv[used] = '\0';
}

static void capture(ExecCapture *c, Event *ev, bool late)
{
	ExecRecord rec;

	ExecRecord_read(&rec, ev->pid, late);
	if (ev->argv[0] == '\0')
		event_argv(ev, rec.argv);
	compare_env(c, &rec, ev->ppid);
	parent_forget(c, ev->pid); /* its environment is the new one now */
	take_attempts(c, &rec);
	ev->record = ExecLog_add(c->log, &rec);
}

void ExecCapture_snapshot(ExecCapture *c, pid_t pid, pid_t parent, uint64_t t_us, EventKind kind)
{
	Focus *f;

	if (c->snaps == NULL || c->snaps->cap_bytes == 0)
		return;
	f = xcalloc(1, sizeof *f);
	Focus_read(f, pid, parent, 0, NULL);
	SnapshotStore_add(c->snaps, pid, t_us, kind, f);
}

static void snapshot(ExecCapture *c, pid_t pid, pid_t parent, const Event *ev)
{
	ExecCapture_snapshot(c, pid, parent, ev->t_us, ev->kind);
}

static void take_snapshots(ExecCapture *c, const Event *ev)
{
	switch (ev->kind) {
	case EV_FORK: case EV_VFORK: case EV_CLONE:
		/* Both wait at the creation: the child, then its parent. */
		snapshot(c, ev->pid, ev->ppid, ev);
		snapshot(c, ev->ppid, 0, ev);
		break;
	case EV_EXIT:
		if (ev->how != HOW_THREAD)
			snapshot(c, ev->pid, 0, ev);
		break;
	case EV_EXEC: case EV_SIGNAL: case EV_VFORK_DONE: case EV_STOP:
		snapshot(c, ev->pid, 0, ev);
		break;
	default:
		break;
	}
}

void ExecCapture_event(void *ctx, Event *ev)
{
	ExecCapture *c = ctx;

	if (c->snaps != NULL && c->snaps->cap_bytes > 0)
		take_snapshots(c, ev);

	if (ev->kind == EV_EXEC_FAILED)
		add_attempt(c, ev);
	else if (ev->kind == EV_EXEC)
		capture(c, ev, false);
	else if (ev->kind == EV_EXIT && ev->how != HOW_THREAD) {
		drop_attempts(c, ev->pid);
		parent_forget(c, ev->pid);
	}
}

void ExecCapture_late(ExecCapture *c, Event *ev)
{
	if (ev->kind == EV_EXEC)
		capture(c, ev, true);
}
