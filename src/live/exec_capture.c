/* Exec records as they happen: see exec_capture.h. */
#include "live/exec_capture.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
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

void ExecCapture_done(ExecCapture *c)
{
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
	FileText text;
	char **env;

	if (before == NULL && ppid > 0)
		before = ExecLog_last_of(c->log, ppid);
	if (before != NULL && before->env_state == READ_OK) {
		ExecRecord_compare_env(rec, before->env);
		return;
	}
	if (ppid <= 0 || procfs_read(ppid, "environ", PROCFS_SMALL_MAX, &text) != READ_OK)
		return;
	env = strv_split_nul(text.text, text.len);
	FileText_done(&text);
	ExecRecord_compare_env(rec, env);
	environ_free(env);
}

static void capture(ExecCapture *c, Event *ev, bool late)
{
	ExecRecord rec;

	ExecRecord_read(&rec, ev->pid, late);
	compare_env(c, &rec, ev->ppid);
	take_attempts(c, &rec);
	ev->record = ExecLog_add(c->log, &rec);
}

void ExecCapture_event(void *ctx, Event *ev)
{
	ExecCapture *c = ctx;

	if (ev->kind == EV_EXEC_FAILED)
		add_attempt(c, ev);
	else if (ev->kind == EV_EXEC)
		capture(c, ev, false);
	else if (ev->kind == EV_EXIT && ev->how != HOW_THREAD)
		drop_attempts(c, ev->pid);
}

void ExecCapture_late(ExecCapture *c, Event *ev)
{
	if (ev->kind == EV_EXEC)
		capture(c, ev, true);
}
