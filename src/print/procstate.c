/*
 * ProcState: see procstate.h. A process that was reaped is shown from its
 * record alone (exit status, reaper); the probe is not asked about it. One
 * held at its exit stop has not exited yet, and is shown as what it is.
 * The text's words are translated; the kernel's names (pid, Rss, CLOEXEC,
 * signal names) and all of the JSON are not.
 */
#include "print/procstate.h"
#include "print/sigsets_json.h"

#include "print/inspect.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "probe/textscan.h"

void ProcState_read(ProcState *ps, const ProcRecord *record)
{
	ProcDetail parent;

	memset(ps, 0, sizeof *ps);
	ps->record = record;
	ps->parent_environ_state = READ_NOT_ASKED;
	if (record->exited && record->reaped)
		return;
	ProcDetail_read(record->pid, DETAIL_IDENTITY | DETAIL_SIGNALS | DETAIL_TOTALS | DETAIL_FDS |
			DETAIL_ENVIRON | DETAIL_CWD, &ps->detail);
	if (record->ppid <= 0 || record->ppid == getpid())
		return;
	ps->parent = record->ppid;
	ProcDetail_read(record->ppid, DETAIL_ENVIRON, &parent);
	ps->parent_environ_state = parent.environ_state;
	ps->parent_environ = parent.environ; /* taken over */
	parent.environ = NULL;
	ProcDetail_done(&parent);
}

void ProcState_done(ProcState *ps)
{
	ProcDetail_done(&ps->detail);
	environ_free(ps->parent_environ);
	ps->parent_environ = NULL;
}

/* Is there a parent's environment to compare with? */
static bool environ_compared(const ProcState *ps)
{
	return ps->parent != 0 && ps->parent_environ_state == READ_OK;
}

/* Held by the tracer at its exit stop (PTRACE_EVENT_EXIT), a process has
 * not exited yet: it still has its memory and FDs, and /proc shows it in a
 * tracing stop ('t'). It becomes a zombie only once it is let go. */
static bool exiting_held(const ProcRecord *r)
{
	return r->exited && r->held && !r->reaped;
}

/* An exited process's last identity was read while it lived (or was held):
 * its state now is what the exit made it, a zombie or gone. One held at
 * its exit is as the kernel has it. */
static char record_state(const ProcRecord *r, const ProcIdentity *id)
{
	if (r->exited && !exiting_held(r))
		return r->reaped ? 'X' : 'Z';
	return id->task_state;
}

static const ProcIdentity *best_identity(const ProcState *ps)
{
	/* The fresh read if there is one, else the record's last good one. */
	if (ps->detail.id.state == READ_OK)
		return &ps->detail.id;
	return &ps->record->id;
}

static void print_tree_row(FILE *out, const ProcState *ps, PidMapper map, void *ctx)
{
	const ProcRecord *r = ps->record;
	const ProcIdentity *id = best_identity(ps);
	char status[64];

	fprintf(out, "  pid %d ppid %d", map(ctx, r->pid), map(ctx, r->ppid));
	if (id->state == READ_OK) {
		char tty[32], first[16], nspid[96];

		tty_name(id->tty_nr, tty, sizeof tty);
		fprintf(out, " pgid %d sid %d tty %s state %c uid %u euid %u", map(ctx, id->pgid),
			map(ctx, id->sid), tty, record_state(r, id), (unsigned)id->uid_real,
			(unsigned)id->uid_eff);
		/* Our number is mapped like every pid; the namespaces' own are not. */
		snprintf(first, sizeof first, "%d", map(ctx, r->pid));
		nspid_text(id, first, nspid, sizeof nspid);
		if (id->threads > 1 && !(r->exited && !exiting_held(r)))
			fprintf(out, " threads %d", id->threads);
		if (nspid[0] != '\0')
			fprintf(out, " nspid %s", nspid);
	}
	fprintf(out, " made-by %s", ProcRecord_made_by(r));
	if (r->exited) {
		const char *what = exiting_held(r) ? _("exiting (held)")
				   : r->reaped ? _("exited") : _("zombie");
		wait_status_format_local(r->exit_status, status, sizeof status);
		fprintf(out, " %s: %s", what, status);
	}
	if (r->held && !exiting_held(r))
		fprintf(out, " [%s]", _("held"));
	fprintf(out, "  %s\n", id->cmdline != NULL && id->cmdline[0] ? id->cmdline : id->comm);
}

/* "exe /usr/bin/true  cwd /" and "sched SCHED_OTHER rt_priority 0 nice 0". */
static void print_place(FILE *out, const ProcState *ps, const ProcIdentity *id)
{
	const ProcDetail *d = &ps->detail;

	if (id->exe_state == READ_OK && id->exe != NULL)
		fprintf(out, "    exe %s", id->exe);
	else
		fprintf(out, "    exe: %s", _(ReadState_explain(id->exe_state)));
	if (d->cwd_state == READ_OK)
		fprintf(out, "  cwd %s\n", d->cwd);
	else
		fprintf(out, "  cwd: %s\n", _(ReadState_explain(d->cwd_state)));
	if (id->state == READ_OK)
		fprintf(out, "    sched %s rt_priority %d nice %d\n", sched_policy_name(id->sched_policy),
			id->rt_priority, id->nice);
}

static void print_memory(FILE *out, const MemTotals *t)
{
	if (t->state != READ_OK) {
		fprintf(out, "    %s: %s\n", _("memory"), _(ReadState_explain(t->state)));
		return;
	}
	fprintf(out, "    %s kB: rss %lu pss %lu shared_clean %lu shared_dirty %lu "
		     "private_clean %lu private_dirty %lu swap %lu\n", _("memory"),
		t->kb.rss, t->kb.pss, t->kb.shared_clean, t->kb.shared_dirty,
		t->kb.private_clean, t->kb.private_dirty, t->kb.swap);
}

/* What fdinfo adds for an anon inode: a pidfd's Pid, an eventfd's count,
 * inotify's watches. */
static void print_fd_extra(FILE *out, const FdEntry *e, PidMapper map, void *ctx)
{
	if (e->has_sock) {
		char sock[300];
		SockInfo_describe(&e->sock, sock, sizeof sock);
		fprintf(out, " %s", sock);
		return;
	}
	if (e->info_state != READ_OK || e->kind != FD_KIND_ANON)
		return;
	if (strcmp(e->anon_kind, "pidfd") == 0 && e->pidfd_pid != 0)
		fprintf(out, " Pid: %d", e->pidfd_pid > 0 ? map(ctx, e->pidfd_pid) : (int)e->pidfd_pid);
	else if (strcmp(e->anon_kind, "eventfd") == 0)
		fprintf(out, " eventfd-count: %llu", e->eventfd_count);
	else if (strcmp(e->anon_kind, "inotify") == 0)
		fprintf(out, " inotify-watches: %d", e->inotify_watches);
}

static void print_fds(FILE *out, const FdTable *fds, PidMapper map, void *ctx)
{
	if (fds->state != READ_OK) {
		fprintf(out, "    fds: %s\n", _(ReadState_explain(fds->state)));
		return;
	}
	for (size_t i = 0; i < fds->n; i++) {
		const FdEntry *e = &fds->v[i];
		char target[1024];
		text_escape(e->target, target, sizeof target); /* one line; JSON keeps the bytes */
		fprintf(out, "    fd %d %s %s", e->fd, FdKind_name(e->kind), target);
		if (e->info_state == READ_OK) {
			char flags[128];
			fd_flags_names(e->flags, false, " ", flags, sizeof flags);
			fprintf(out, " %s%s%s pos %lld", fd_mode_name(e), flags[0] ? " " : "", flags,
				e->pos);
		}
		print_fd_extra(out, e, map, ctx);
		fputc('\n', out);
	}
}

static void print_signals(FILE *out, const SigSets *sig)
{
	char buf[1024];
	const struct { const char *name; uint64_t mask; } sets[] = {
		{ N_("blocked"), sig->blocked }, { N_("ignored"), sig->ignored },
		{ N_("caught"), sig->caught }, { N_("pending"), sig->pending_thread | sig->pending_shared },
	};

	if (sig->state != READ_OK) {
		fprintf(out, "    %s: %s\n", _("signals"), _(ReadState_explain(sig->state)));
		return;
	}
	for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
		sigmask_format(sets[i].mask, buf, sizeof buf);
		fprintf(out, "    %s: %s\n", _(sets[i].name), buf);
	}
}

/* The name of an environment entry, as a string (at most 255 bytes). */
static const char *entry_name(const char *entry, char *buf, size_t len)
{
	size_t n = environ_name_len(entry);

	if (n >= len)
		n = len - 1;
	memcpy(buf, entry, n);
	buf[n] = '\0';
	return buf;
}

/* "environ 2 vars vs parent 1: +A=1 +PATH=/bin; 23 of the parent's absent;
 * 0 as in the parent", the removed named up to ENV_REMOVED_LISTED; without
 * a parent to compare with, the count alone (the values may be secrets,
 * and are the lesson only where an exec changed them). */
static void print_environ(FILE *out, const ProcState *ps, PidMapper map, void *ctx)
{
	const ProcDetail *d = &ps->detail;
	size_t count = environ_len(d->environ);
	char name[256];
	EnvDiff diff;

	if (d->environ_state != READ_OK) {
		fprintf(out, "    environ: %s\n", _(ReadState_explain(d->environ_state)));
		return;
	}
	fprintf(out, "    environ ");
	fprintf(out, ngettext("%zu var", "%zu vars", count), count);
	if (!environ_compared(ps)) {
		fputc('\n', out);
		return;
	}
	fprintf(out, " %s %d:", _("vs parent"), map(ctx, ps->parent));
	EnvDiff_compute(&diff, d->environ, ps->parent_environ);
	for (size_t i = 0; i < diff.n; i++) {
		const EnvDiffItem *it = &diff.v[i];
		if (it->change == ENV_ADDED)
			fprintf(out, " +%s", it->entry);
		else if (diff.removed <= ENV_REMOVED_LISTED)
			fprintf(out, " -%s", entry_name(it->entry, name, sizeof name));
	}
	if (diff.removed > ENV_REMOVED_LISTED) {
		fputs("; ", out);
		fprintf(out, ngettext("%zu of the parent's absent", "%zu of the parent's absent",
				      diff.removed), diff.removed);
	}
	fputs("; ", out);
	fprintf(out, ngettext("%zu as in the parent", "%zu as in the parent", diff.same), diff.same);
	fputc('\n', out);
	EnvDiff_done(&diff);
}

void ProcState_print_text(FILE *out, const ProcState *ps, PidMapper map, void *ctx)
{
	print_tree_row(out, ps, map, ctx);
	if (ps->detail.pid == 0)
		return; /* exited and reaped: nothing left to read */
	if (ProcDetail_state(&ps->detail) == READ_GONE) {
		fprintf(out, "    (%s)\n", _("gone while being read"));
		return;
	}
	print_place(out, ps, best_identity(ps));
	print_memory(out, &ps->detail.totals);
	print_fds(out, &ps->detail.fds, map, ctx);
	print_signals(out, &ps->detail.sig);
	print_environ(out, ps, map, ctx);
}

static json_object *unreadable_json(ReadState state)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "state", json_object_new_string(ReadState_name(state)));
	json_object_object_add(o, "why", json_object_new_string(ReadState_explain(state)));
	return o;
}

static json_object *memory_json(const MemTotals *t)
{
	json_object *o;

	if (t->state != READ_OK)
		return unreadable_json(t->state);
	o = json_object_new_object();
	json_object_object_add(o, "rss_kb", json_object_new_int64((int64_t)t->kb.rss));
	json_object_object_add(o, "pss_kb", json_object_new_int64((int64_t)t->kb.pss));
	json_object_object_add(o, "shared_clean_kb", json_object_new_int64((int64_t)t->kb.shared_clean));
	json_object_object_add(o, "shared_dirty_kb", json_object_new_int64((int64_t)t->kb.shared_dirty));
	json_object_object_add(o, "private_clean_kb", json_object_new_int64((int64_t)t->kb.private_clean));
	json_object_object_add(o, "private_dirty_kb", json_object_new_int64((int64_t)t->kb.private_dirty));
	json_object_object_add(o, "swap_kb", json_object_new_int64((int64_t)t->kb.swap));
	return o;
}

static void add_fd_extra_json(json_object *o, const FdEntry *e, PidMapper map, void *ctx)
{
	if (e->has_sock) {
		json_object_object_add(o, "socket", sock_json(&e->sock));
		return;
	}
	if (e->info_state != READ_OK || e->kind != FD_KIND_ANON)
		return;
	if (strcmp(e->anon_kind, "pidfd") == 0 && e->pidfd_pid != 0)
		json_object_object_add(o, "pidfd_pid", json_object_new_int(
			e->pidfd_pid > 0 ? map(ctx, e->pidfd_pid) : (int)e->pidfd_pid));
	else if (strcmp(e->anon_kind, "eventfd") == 0)
		json_object_object_add(o, "eventfd_count",
				       json_object_new_uint64(e->eventfd_count));
	else if (strcmp(e->anon_kind, "inotify") == 0)
		json_object_object_add(o, "inotify_watches", json_object_new_int(e->inotify_watches));
}



static json_object *fds_json(const FdTable *fds, PidMapper map, void *ctx)
{
	json_object *a;

	if (fds->state != READ_OK)
		return unreadable_json(fds->state);
	a = json_object_new_array();
	for (size_t i = 0; i < fds->n; i++) {
		const FdEntry *e = &fds->v[i];
		json_object *o = json_object_new_object();
		json_object_object_add(o, "fd", json_object_new_int(e->fd));
		json_object_object_add(o, "type", json_object_new_string(FdKind_name(e->kind)));
		json_object_object_add(o, "target", json_object_new_string(e->target));
		if (e->info_state == READ_OK) {
			json_object_object_add(o, "mode", json_object_new_string(fd_mode_name(e)));
			json_object_object_add(o, "flags", fd_flags_json(e->flags));
			json_object_object_add(o, "cloexec", json_object_new_boolean(e->cloexec));
			json_object_object_add(o, "nonblock", json_object_new_boolean(e->nonblock));
			json_object_object_add(o, "append", json_object_new_boolean(e->append));
			json_object_object_add(o, "pos", json_object_new_int64(e->pos));
			add_fd_extra_json(o, e, map, ctx);
		} else {
			json_object_object_add(o, "info", unreadable_json(e->info_state));
		}
		json_object_array_add(a, o);
	}
	return a;
}

static json_object *signals_json(const SigSets *sig)
{
	json_object *o;

	if (sig->state != READ_OK)
		return unreadable_json(sig->state);
	o = json_object_new_object();
	sigsets_json_add(o, sig);
	return o;
}

static json_object *place_json(ReadState state, const char *path)
{
	return state == READ_OK && path != NULL ? json_object_new_string(path)
						: unreadable_json(state);
}

static json_object *sched_json(const ProcIdentity *id)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "policy", json_object_new_string(sched_policy_name(id->sched_policy)));
	json_object_object_add(o, "rt_priority", json_object_new_int(id->rt_priority));
	json_object_object_add(o, "nice", json_object_new_int(id->nice));
	return o;
}

/* {"count": 2, "parent": 1, "added": ["A=1"], "removed": ["HOME"], "same": 0};
 * without a parent to compare with, the count alone (see print_environ). */
static json_object *environ_json(const ProcState *ps, PidMapper map, void *ctx)
{
	const ProcDetail *d = &ps->detail;
	json_object *o, *added, *removed;
	char name[256];
	EnvDiff diff;

	if (d->environ_state != READ_OK)
		return unreadable_json(d->environ_state);
	o = json_object_new_object();
	json_object_object_add(o, "count", json_object_new_int64((int64_t)environ_len(d->environ)));
	if (!environ_compared(ps))
		return o;
	json_object_object_add(o, "parent", json_object_new_int(map(ctx, ps->parent)));
	EnvDiff_compute(&diff, d->environ, ps->parent_environ);
	added = json_object_new_array();
	removed = json_object_new_array();
	for (size_t i = 0; i < diff.n; i++) {
		const EnvDiffItem *it = &diff.v[i];
		if (it->change == ENV_ADDED)
			json_object_array_add(added, json_object_new_string(it->entry));
		else
			json_object_array_add(removed, json_object_new_string(
				entry_name(it->entry, name, sizeof name)));
	}
	json_object_object_add(o, "added", added);
	json_object_object_add(o, "removed", removed);
	json_object_object_add(o, "same", json_object_new_int64((int64_t)diff.same));
	EnvDiff_done(&diff);
	return o;
}

/* "tty": "pts/3" or null; "tty_nr" as stat has it; "threads"; "nspid":
 * [ours, ..., its own] (ours mapped like every pid), one number outside
 * any child pid namespace. */
static void add_terminal_and_ns(json_object *o, const ProcRecord *r, const ProcIdentity *id,
				PidMapper map, void *ctx)
{
	char tty[32];
	json_object *nspid = json_object_new_array();
	int shown = id->nspid_levels < PROC_NSPID_MAX ? id->nspid_levels : PROC_NSPID_MAX;

	tty_name(id->tty_nr, tty, sizeof tty);
	json_object_object_add(o, "tty", id->tty_nr != 0 ? json_object_new_string(tty) : NULL);
	json_object_object_add(o, "tty_nr", json_object_new_int64(id->tty_nr));
	json_object_object_add(o, "threads", json_object_new_int(id->threads));
	json_object_array_add(nspid, json_object_new_int(map(ctx, r->pid)));
	for (int i = 1; i < shown; i++)
		json_object_array_add(nspid, json_object_new_int(id->nspid[i]));
	json_object_object_add(o, "nspid", nspid);
}

static void add_identity(json_object *o, const ProcRecord *r, const ProcIdentity *id,
			 PidMapper map, void *ctx)
{
	char state[2] = { record_state(r, id), '\0' };

	json_object_object_add(o, "pgid", json_object_new_int(map(ctx, id->pgid)));
	json_object_object_add(o, "sid", json_object_new_int(map(ctx, id->sid)));
	add_terminal_and_ns(o, r, id, map, ctx);
	json_object_object_add(o, "state", json_object_new_string(state));
	json_object_object_add(o, "uid", json_object_new_int64(id->uid_real));
	json_object_object_add(o, "euid", json_object_new_int64(id->uid_eff));
	json_object_object_add(o, "comm", json_object_new_string(id->comm));
	json_object_object_add(o, "command", json_object_new_string(id->cmdline ? id->cmdline : ""));
	json_object_object_add(o, "exe", place_json(id->exe_state, id->exe));
	json_object_object_add(o, "sched", sched_json(id));
}

json_object *ProcState_json(const ProcState *ps, PidMapper map, void *ctx)
{
	const ProcRecord *r = ps->record;
	const ProcIdentity *id = best_identity(ps);
	json_object *o = json_object_new_object();

	json_object_object_add(o, "pid", json_object_new_int(map(ctx, r->pid)));
	json_object_object_add(o, "ppid", json_object_new_int(map(ctx, r->ppid)));
	if (id->state == READ_OK)
		add_identity(o, r, id, map, ctx);
	json_object_object_add(o, "made_by", json_object_new_string(ProcRecord_made_by(r)));
	json_object_object_add(o, "api", json_object_new_string(r->api));
	json_object_object_add(o, "execs", json_object_new_int(r->execs));
	json_object_object_add(o, "held", json_object_new_boolean(r->held));
	/* exiting: held at its exit, with the status it is about to exit with */
	json_object_object_add(o, "exiting", json_object_new_boolean(exiting_held(r)));
	json_object_object_add(o, "exited", json_object_new_boolean(r->exited && !exiting_held(r)));
	if (r->exited) {
		char status[64];
		wait_status_format(r->exit_status, status, sizeof status);
		json_object_object_add(o, "exit_status", json_object_new_string(status));
		json_object_object_add(o, "reaped", json_object_new_boolean(r->reaped));
	}
	if (ps->detail.pid != 0) {
		json_object_object_add(o, "memory", memory_json(&ps->detail.totals));
		json_object_object_add(o, "cwd", place_json(ps->detail.cwd_state, ps->detail.cwd));
		json_object_object_add(o, "fds", fds_json(&ps->detail.fds, map, ctx));
		json_object_object_add(o, "signals", signals_json(&ps->detail.sig));
		json_object_object_add(o, "environ", environ_json(ps, map, ctx));
	}
	return o;
}
