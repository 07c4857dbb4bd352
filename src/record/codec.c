/*
 * The recording's objects (see codec.h): every field of an Event and of a
 * snapshot's Focus, by name, so that what is read back is what was kept.
 * The numeric fields are listed once per struct (the *_NUMBERS lists) and
 * expand into both the writer and the reader: a field added to one
 * direction is added to the other.
 */
#include "record/codec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

/* ---- helpers ---- */

static void put_num(json_object *j, const char *name, long long v)
{
	json_object_object_add(j, name, json_object_new_int64(v));
}

static long long get_num(json_object *j, const char *name)
{
	json_object *v;

	return json_object_object_get_ex(j, name, &v) ? json_object_get_int64(v) : 0;
}

static void put_str(json_object *j, const char *name, const char *s)
{
	if (s != NULL)
		json_object_object_add(j, name, json_object_new_string(s));
}

/* A string member, or NULL when absent (or not a string). */
static const char *get_str(json_object *j, const char *name)
{
	json_object *v;

	if (!json_object_object_get_ex(j, name, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static void get_chars(json_object *j, const char *name, char *buf, size_t len)
{
	const char *s = get_str(j, name);

	snprintf(buf, len, "%s", s != NULL ? s : "");
}

static char *get_dup(json_object *j, const char *name)
{
	const char *s = get_str(j, name);

	return s != NULL ? xstrdup(s) : NULL;
}

static json_object *get_obj(json_object *j, const char *name, json_type type)
{
	json_object *v;

	return json_object_object_get_ex(j, name, &v) && json_object_is_type(v, type) ? v : NULL;
}

/* The numbers of a struct p: written from it and read into it. */
#define PUT(f) put_num(j, #f, (long long)p->f);
#define GET(f) p->f = (__typeof__(p->f))get_num(j, #f);

/* ---- events ---- */

#define EVENT_NUMBERS(X) X(t_us) X(pid) X(ppid) X(child) X(former_tid) X(how) X(status) \
	X(signo) X(ret) X(err) X(polled) X(record)

json_object *record_event_json(const Event *p)
{
	json_object *j = json_object_new_object();

	put_str(j, "type", "event");
	put_str(j, "kind", EventKind_name(p->kind));
	EVENT_NUMBERS(PUT)
	put_str(j, "api", p->api);
	put_str(j, "comm", p->comm);
	put_str(j, "detail", p->detail);
	put_str(j, "argv", p->argv);
	return j;
}

/* An event kind by its name, as EventKind_name writes it. */
static bool kind_read(json_object *j, EventKind *kind)
{
	const char *name = get_str(j, "kind");

	for (int k = 0; name != NULL && k < EV_KIND_COUNT; k++)
		if (strcmp(EventKind_name((EventKind)k), name) == 0) {
			*kind = (EventKind)k;
			return true;
		}
	return false;
}

bool record_event_read(json_object *j, Event *p)
{
	memset(p, 0, sizeof *p);
	if (!kind_read(j, &p->kind))
		return false;
	EVENT_NUMBERS(GET)
	get_chars(j, "api", p->api, sizeof p->api);
	get_chars(j, "comm", p->comm, sizeof p->comm);
	get_chars(j, "detail", p->detail, sizeof p->detail);
	get_chars(j, "argv", p->argv, sizeof p->argv);
	return true;
}

/* ---- a process's detail ---- */

#define IDENTITY_NUMBERS(X) X(state) X(pid) X(tgid) X(ppid) X(pgid) X(sid) X(task_state) \
	X(cmdline_state) X(exe_state) X(kernel_thread) X(uid_real) X(uid_eff) X(uid_saved) \
	X(gid_real) X(gid_eff) X(gid_saved) X(threads) X(tty_nr) X(nspid_levels) \
	X(start_ticks) X(utime) X(stime) X(rss_pages) X(sched_policy) X(rt_priority) \
	X(priority) X(nice) X(image.code_start) X(image.code_end) X(image.stack_start)
#define SIGSET_NUMBERS(X) X(state) X(blocked) X(ignored) X(caught) X(pending_thread) \
	X(pending_shared)
#define COUNTS_NUMBERS(X) X(rss) X(pss) X(shared_clean) X(shared_dirty) X(private_clean) \
	X(private_dirty) X(anonymous) X(swap)
#define MAPPING_NUMBERS(X) X(start) X(end) X(offset) X(dev_major) X(dev_minor) X(inode) X(kind)
#define FD_NUMBERS(X) X(fd) X(kind) X(info_state) X(acc_mode) X(flags) X(cloexec) \
	X(nonblock) X(append) X(pos) X(mnt_id) X(pidfd_pid) X(eventfd_count) \
	X(inotify_watches) X(has_sock) X(stat_state) X(dev) X(ino) X(sock.inode) \
	X(sock.peer_inode)
#define SOCK_STRINGS(X) X(family) X(proto) X(local) X(peer) X(state) X(path)
#define PAGE_NUMBERS(X) X(flags) X(pfn) X(mapcount)

static json_object *identity_json(const ProcIdentity *p)
{
	json_object *j = json_object_new_object(), *ns = json_object_new_array();

	IDENTITY_NUMBERS(PUT)
	put_str(j, "comm", p->comm);
	put_str(j, "cmdline", p->cmdline);
	put_str(j, "exe", p->exe);
	for (int i = 0; i < PROC_NSPID_MAX; i++)
		json_object_array_add(ns, json_object_new_int(p->nspid[i]));
	json_object_object_add(j, "nspid", ns);
	return j;
}

static void identity_read(json_object *j, ProcIdentity *p)
{
	json_object *ns = get_obj(j, "nspid", json_type_array);

	IDENTITY_NUMBERS(GET)
	get_chars(j, "comm", p->comm, sizeof p->comm);
	p->cmdline = get_dup(j, "cmdline");
	p->exe = get_dup(j, "exe");
	for (int i = 0; ns != NULL && i < PROC_NSPID_MAX && i < (int)json_object_array_length(ns); i++)
		p->nspid[i] = json_object_get_int(json_object_array_get_idx(ns, (size_t)i));
}

static json_object *sigsets_json(const SigSets *p)
{
	json_object *j = json_object_new_object();

	SIGSET_NUMBERS(PUT)
	return j;
}

static void sigsets_read(json_object *j, SigSets *p)
{
	if (j != NULL) {
		SIGSET_NUMBERS(GET)
	}
}

static json_object *counts_json(const MemCounts *p)
{
	json_object *j = json_object_new_object();

	COUNTS_NUMBERS(PUT)
	return j;
}

static void counts_read(json_object *j, MemCounts *p)
{
	if (j != NULL) {
		COUNTS_NUMBERS(GET)
	}
}

static json_object *maps_json(const MappingList *list)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; list->state == READ_OK && i < list->n; i++) {
		const Mapping *p = &list->v[i];
		json_object *j = json_object_new_object();
		MAPPING_NUMBERS(PUT)
		put_str(j, "perms", p->perms);
		put_str(j, "path", p->path);
		json_object_object_add(j, "kb", counts_json(&p->kb));
		json_object_array_add(a, j);
	}
	return a;
}

static void maps_read(json_object *a, MappingList *list)
{
	list->n = a != NULL ? json_object_array_length(a) : 0;
	list->v = list->n ? xcalloc(list->n, sizeof *list->v) : NULL;
	for (size_t i = 0; i < list->n; i++) {
		json_object *j = json_object_array_get_idx(a, i);
		Mapping *p = &list->v[i];
		MAPPING_NUMBERS(GET)
		get_chars(j, "perms", p->perms, sizeof p->perms);
		p->path = get_dup(j, "path");
		if (p->path == NULL)
			p->path = xstrdup("");
		counts_read(get_obj(j, "kb", json_type_object), &p->kb);
	}
}

static json_object *fds_json(const FdTable *table)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; table->state == READ_OK && i < table->n; i++) {
		const FdEntry *p = &table->v[i];
		json_object *j = json_object_new_object();
		FD_NUMBERS(PUT)
		put_str(j, "target", p->target);
		put_str(j, "anon_kind", p->anon_kind);
#define PUT_SOCK(f) put_str(j, "sock." #f, p->sock.f);
		SOCK_STRINGS(PUT_SOCK)
		json_object_array_add(a, j);
	}
	return a;
}

static void fds_read(json_object *a, FdTable *table)
{
	table->n = a != NULL ? json_object_array_length(a) : 0;
	table->v = table->n ? xcalloc(table->n, sizeof *table->v) : NULL;
	for (size_t i = 0; i < table->n; i++) {
		json_object *j = json_object_array_get_idx(a, i);
		FdEntry *p = &table->v[i];
		FD_NUMBERS(GET)
		p->target = get_dup(j, "target");
		if (p->target == NULL)
			p->target = xstrdup("");
		get_chars(j, "anon_kind", p->anon_kind, sizeof p->anon_kind);
#define GET_SOCK(f) get_chars(j, "sock." #f, p->sock.f, sizeof p->sock.f);
		SOCK_STRINGS(GET_SOCK)
	}
}

static json_object *detail_json(const ProcDetail *d)
{
	json_object *j = json_object_new_object();

	put_num(j, "pid", d->pid);
	put_num(j, "want", d->want);
	json_object_object_add(j, "id", identity_json(&d->id));
	json_object_object_add(j, "sig", sigsets_json(&d->sig));
	put_num(j, "totals_state", d->totals.state);
	json_object_object_add(j, "totals", counts_json(&d->totals.kb));
	put_num(j, "maps_state", d->maps.state);
	json_object_object_add(j, "maps", maps_json(&d->maps));
	put_num(j, "fds_state", d->fds.state);
	json_object_object_add(j, "fds", fds_json(&d->fds));
	put_num(j, "environ_state", d->environ_state);
	if (d->environ != NULL) {
		json_object *env = json_object_new_array();
		for (size_t i = 0; d->environ[i] != NULL; i++)
			json_object_array_add(env, json_object_new_string(d->environ[i]));
		json_object_object_add(j, "environ", env);
	}
	put_num(j, "cwd_state", d->cwd_state);
	put_str(j, "cwd", d->cwd);
	return j;
}

static void detail_read(json_object *j, ProcDetail *d)
{
	json_object *env, *id;

	if (j == NULL)
		return;
	env = get_obj(j, "environ", json_type_array);
	d->pid = (pid_t)get_num(j, "pid");
	d->want = (unsigned)get_num(j, "want");
	if ((id = get_obj(j, "id", json_type_object)) != NULL)
		identity_read(id, &d->id);
	sigsets_read(get_obj(j, "sig", json_type_object), &d->sig);
	d->totals.state = (ReadState)get_num(j, "totals_state");
	counts_read(get_obj(j, "totals", json_type_object), &d->totals.kb);
	d->maps.state = (ReadState)get_num(j, "maps_state");
	maps_read(get_obj(j, "maps", json_type_array), &d->maps);
	d->fds.state = (ReadState)get_num(j, "fds_state");
	fds_read(get_obj(j, "fds", json_type_array), &d->fds);
	d->environ_state = (ReadState)get_num(j, "environ_state");
	if (env != NULL) {
		size_t n = json_object_array_length(env);
		d->environ = xcalloc(n + 1, sizeof *d->environ);
		for (size_t i = 0; i < n; i++)
			d->environ[i] = xstrdup(json_object_get_string(json_object_array_get_idx(env, i)));
	}
	d->cwd_state = (ReadState)get_num(j, "cwd_state");
	d->cwd = get_dup(j, "cwd");
}

/* ---- page maps ---- */

static json_object *pages_json(const PageMap *m)
{
	json_object *j = json_object_new_object(), *a = json_object_new_array();

	put_num(j, "state", m->state);
	put_num(j, "start", (long long)m->start);
	put_num(j, "pfn_visible", m->pfn_visible);
	put_num(j, "mapcount_visible", m->mapcount_visible);
	/* Three numbers a page, flat: a 64 MiB region is 16384 pages. */
	for (size_t i = 0; i < m->npages; i++) {
		const PageInfo *p = &m->pages[i];
		json_object_array_add(a, json_object_new_int(p->flags));
		json_object_array_add(a, json_object_new_int64((int64_t)p->pfn));
		json_object_array_add(a, json_object_new_int64(p->mapcount));
	}
	json_object_object_add(j, "pages", a);
	return j;
}

static void pages_read(json_object *j, PageMap *m)
{
	json_object *a = j != NULL ? get_obj(j, "pages", json_type_array) : NULL;

	if (j == NULL)
		return;
	m->state = (ReadState)get_num(j, "state");
	m->start = (unsigned long)get_num(j, "start");
	m->pfn_visible = get_num(j, "pfn_visible") != 0;
	m->mapcount_visible = get_num(j, "mapcount_visible") != 0;
	m->npages = a != NULL ? json_object_array_length(a) / 3 : 0;
	m->pages = m->npages ? xcalloc(m->npages, sizeof *m->pages) : NULL;
	for (size_t i = 0; i < m->npages; i++) {
		m->pages[i].flags = (uint8_t)json_object_get_int(json_object_array_get_idx(a, 3 * i));
		m->pages[i].pfn = (uint64_t)json_object_get_int64(json_object_array_get_idx(a, 3 * i + 1));
		m->pages[i].mapcount = json_object_get_int64(json_object_array_get_idx(a, 3 * i + 2));
	}
}

/* ---- snapshots ---- */

json_object *record_snapshot_json(const Snapshot *s)
{
	json_object *j = json_object_new_object(), *shared = json_object_new_array();
	const Focus *f = s->focus;

	put_str(j, "type", "snapshot");
	put_num(j, "pid", s->pid);
	put_num(j, "t_us", (long long)s->t_us);
	put_str(j, "kind", EventKind_name(s->kind));
	put_num(j, "parent", f->parent);
	put_num(j, "mapping", (long long)f->mapping);
	put_num(j, "chosen_start", (long long)f->chosen_start);
	json_object_object_add(j, "self", detail_json(&f->self));
	json_object_object_add(j, "parent_detail", detail_json(&f->parent_detail));
	json_object_object_add(j, "pages", pages_json(&f->pages));
	json_object_object_add(j, "parent_pages", pages_json(&f->parent_pages));
	for (size_t i = 0; f->fd_shared != NULL && f->self.fds.state == READ_OK && i < f->self.fds.n; i++)
		json_object_array_add(shared, json_object_new_int(f->fd_shared[i]));
	json_object_object_add(j, "fd_shared", shared);
	return j;
}

bool record_snapshot_read(json_object *j, pid_t *pid, uint64_t *t_us, EventKind *kind, Focus **out)
{
	json_object *shared;
	Focus *f;

	if (!kind_read(j, kind) || get_obj(j, "self", json_type_object) == NULL)
		return false;
	*pid = (pid_t)get_num(j, "pid");
	*t_us = (uint64_t)get_num(j, "t_us");
	f = xcalloc(1, sizeof *f);
	f->pid = *pid;
	f->parent = (pid_t)get_num(j, "parent");
	f->mapping = (size_t)get_num(j, "mapping");
	f->chosen_start = (unsigned long)get_num(j, "chosen_start");
	detail_read(get_obj(j, "self", json_type_object), &f->self);
	detail_read(get_obj(j, "parent_detail", json_type_object), &f->parent_detail);
	pages_read(get_obj(j, "pages", json_type_object), &f->pages);
	pages_read(get_obj(j, "parent_pages", json_type_object), &f->parent_pages);
	shared = get_obj(j, "fd_shared", json_type_array);
	if (shared != NULL && json_object_array_length(shared) == f->self.fds.n && f->self.fds.n > 0) {
		f->fd_shared = xmalloc(f->self.fds.n * sizeof *f->fd_shared);
		for (size_t i = 0; i < f->self.fds.n; i++)
			f->fd_shared[i] = (signed char)json_object_get_int(json_object_array_get_idx(shared, i));
	}
	*out = f;
	return true;
}

/* ---- exec records ---- */

static json_object *strv_json_or_null(char *const *v)
{
	json_object *a;

	if (v == NULL)
		return NULL;
	a = json_object_new_array();
	for (size_t i = 0; v[i] != NULL; i++)
		json_object_array_add(a, json_object_new_string(v[i]));
	return a;
}

static char **strv_read(json_object *j, const char *name)
{
	json_object *a = get_obj(j, name, json_type_array);
	size_t n = a != NULL ? json_object_array_length(a) : 0;
	char **v;

	if (a == NULL)
		return NULL;
	v = xcalloc(n + 1, sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = xstrdup(json_object_get_string(json_object_array_get_idx(a, i)));
	return v;
}

#define EXECREC_NUMBERS(X) X(pid) X(state) X(late) X(env_state) X(env_compared)

json_object *record_exec_json(uint32_t id, const ExecRecord *p)
{
	json_object *j = json_object_new_object(), *fds = json_object_new_array();
	json_object *tries = json_object_new_array(), *v;

	put_str(j, "type", "exec");
	put_num(j, "id", id);
	EXECREC_NUMBERS(PUT)
	put_str(j, "filename", p->filename);
	put_str(j, "cwd", p->cwd);
#define PUT_STRV(f) if ((v = strv_json_or_null(p->f)) != NULL) json_object_object_add(j, #f, v);
	PUT_STRV(argv) PUT_STRV(env) PUT_STRV(env_added) PUT_STRV(env_removed)
	for (size_t i = 0; i < p->nfds; i++) {
		json_object *f = json_object_new_object();
		put_num(f, "fd", p->fds[i].fd);
		put_str(f, "target", p->fds[i].target);
		json_object_array_add(fds, f);
	}
	json_object_object_add(j, "fds", fds);
	for (size_t i = 0; i < p->nattempts; i++) {
		json_object *a = json_object_new_object();
		put_str(a, "path", p->attempts[i].path);
		put_num(a, "err", p->attempts[i].err);
		json_object_array_add(tries, a);
	}
	json_object_object_add(j, "attempts", tries);
	return j;
}

bool record_exec_read(json_object *j, uint32_t *id, ExecRecord *p)
{
	json_object *fds = get_obj(j, "fds", json_type_array);
	json_object *tries = get_obj(j, "attempts", json_type_array);

	memset(p, 0, sizeof *p);
	if (get_obj(j, "id", json_type_int) == NULL || fds == NULL || tries == NULL)
		return false;
	*id = (uint32_t)get_num(j, "id");
	EXECREC_NUMBERS(GET)
	p->filename = get_dup(j, "filename");
	p->cwd = get_dup(j, "cwd");
	p->argv = strv_read(j, "argv");
	p->env = strv_read(j, "env");
	p->env_added = strv_read(j, "env_added");
	p->env_removed = strv_read(j, "env_removed");
	p->nfds = json_object_array_length(fds);
	p->fds = p->nfds ? xcalloc(p->nfds, sizeof *p->fds) : NULL;
	for (size_t i = 0; i < p->nfds; i++) {
		json_object *f = json_object_array_get_idx(fds, i);
		p->fds[i].fd = (int)get_num(f, "fd");
		p->fds[i].target = get_dup(f, "target");
		if (p->fds[i].target == NULL)
			p->fds[i].target = xstrdup("");
	}
	p->nattempts = json_object_array_length(tries);
	p->attempts = p->nattempts ? xcalloc(p->nattempts, sizeof *p->attempts) : NULL;
	for (size_t i = 0; i < p->nattempts; i++) {
		json_object *a = json_object_array_get_idx(tries, i);
		p->attempts[i].path = get_dup(a, "path");
		if (p->attempts[i].path == NULL)
			p->attempts[i].path = xstrdup("");
		p->attempts[i].err = (int)get_num(a, "err");
	}
	return true;
}
