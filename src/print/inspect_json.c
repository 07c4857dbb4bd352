/*
 * `forkscope inspect --json`: the Inspect record as one JSON object built
 * with json-c, which does the escaping. Key names are snake_case and
 * stable. Every part that has a read state is an object with a "state"
 * key; a part that is not "ok" carries "reason" (and nothing else), never
 * zeros. 64-bit addresses and signal masks are hex strings, because JSON
 * readers commonly hold numbers as doubles. Strings are made valid UTF-8
 * ('?' for other bytes): JSON must be, file names need not be.
 */
#include "print/inspect.h"
#include "print/sigsets_json.h"

#include <inttypes.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "base/xalloc.h"
#include "probe/privilege.h"

static json_object *str(const char *s);

json_object *sock_json(const SockInfo *sock)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "family", json_object_new_string(sock->family));
	if (sock->proto[0] != '\0')
		json_object_object_add(o, "type", json_object_new_string(sock->proto));
	if (sock->local[0] != '\0')
		json_object_object_add(o, "local", json_object_new_string(sock->local));
	if (sock->peer[0] != '\0') /* a unix peer's path, like path, may hold any byte */
		json_object_object_add(o, "peer", str(sock->peer));
	if (sock->state[0] != '\0')
		json_object_object_add(o, "state", json_object_new_string(sock->state));
	if (sock->path[0] != '\0')
		json_object_object_add(o, "path", str(sock->path));
	if (sock->peer_inode != 0)
		json_object_object_add(o, "peer_inode", json_object_new_int64((int64_t)sock->peer_inode));
	return o;
}

json_object *fd_flags_json(unsigned flags)
{
	json_object *a = json_object_new_array();
	char names[160], *save = NULL;

	fd_flags_names(flags, true, ",", names, sizeof names);
	for (char *w = strtok_r(names, ",", &save); w != NULL; w = strtok_r(NULL, ",", &save))
		json_object_array_add(a, json_object_new_string(w));
	return a;
}

static void add(json_object *obj, const char *key, json_object *val)
{
	json_object_object_add(obj, key, val);
}

/* Length of the valid UTF-8 sequence at s, or 0 when it is not one
 * (overlong forms, surrogates and code points past U+10FFFF included). */
static size_t utf8_len(const unsigned char *s)
{
	size_t n, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) /* also stops at the NUL */
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return n;
}

/* A JSON string; bytes that are not UTF-8 (file names and command lines
 * may hold any) become '?', so the output stays valid JSON. */
static json_object *str(const char *s)
{
	json_object *o;
	char *clean;
	size_t i = 0, len;

	if (s == NULL)
		s = "";
	len = strlen(s);
	clean = xmalloc(len + 1);
	while (i < len) {
		size_t n = utf8_len((const unsigned char *)s + i);
		if (n == 0) {
			clean[i++] = '?';
			continue;
		}
		memcpy(clean + i, s + i, n);
		i += n;
	}
	clean[len] = '\0';
	o = json_object_new_string(clean);
	free(clean);
	return o;
}

static json_object *hex(uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof buf, "0x%" PRIx64, v);
	return json_object_new_string(buf);
}

/* {"state": "ok"} or {"state": "denied", "reason": "..."}. */
static json_object *part(const Inspect *in, ReadState state)
{
	json_object *o = json_object_new_object();

	add(o, "state", str(ReadState_name(state)));
	if (state != READ_OK)
		add(o, "reason", str(Inspect_reason(in, state)));
	return o;
}

static json_object *ids(unsigned real, unsigned eff, unsigned saved)
{
	json_object *o = json_object_new_object();

	add(o, "real", json_object_new_int64(real));
	add(o, "effective", json_object_new_int64(eff));
	add(o, "saved", json_object_new_int64(saved));
	return o;
}

static json_object *json_identity(const Inspect *in)
{
	const ProcIdentity *id = &in->d.id;
	json_object *o = part(in, id->state), *sched, *cmd, *exe, *cwd;

	add(o, "pid", json_object_new_int(id->pid));
	add(o, "tgid", json_object_new_int(id->tgid));
	add(o, "ppid", json_object_new_int(id->ppid));
	add(o, "pgid", json_object_new_int(id->pgid));
	add(o, "sid", json_object_new_int(id->sid));
	add(o, "task_state", json_object_new_string_len(&id->task_state, 1));
	add(o, "task_state_name", str(task_state_name(id->task_state)));
	add(o, "comm", str(id->comm));
	add(o, "kernel_thread", json_object_new_boolean(id->kernel_thread));
	cmd = part(in, id->cmdline_state);
	if (id->cmdline_state == READ_OK)
		add(cmd, "text", str(id->cmdline));
	add(o, "cmdline", cmd);
	exe = part(in, id->exe_state);
	if (id->exe_state == READ_OK)
		add(exe, "path", str(id->exe));
	add(o, "exe", exe);
	cwd = part(in, in->d.cwd_state);
	if (in->d.cwd_state == READ_OK)
		add(cwd, "path", str(in->d.cwd));
	add(o, "cwd", cwd);
	add(o, "threads", json_object_new_int(id->threads));
	add(o, "start_ticks", json_object_new_uint64(id->start_ticks));
	add(o, "utime_ticks", json_object_new_uint64(id->utime));
	add(o, "stime_ticks", json_object_new_uint64(id->stime));
	add(o, "ticks_per_second", json_object_new_int64(in->ticks_per_second));
	add(o, "uid", ids(id->uid_real, id->uid_eff, id->uid_saved));
	add(o, "gid", ids(id->gid_real, id->gid_eff, id->gid_saved));
	sched = json_object_new_object();
	add(sched, "policy", str(sched_policy_name(id->sched_policy)));
	add(sched, "policy_number", json_object_new_int(id->sched_policy));
	add(sched, "priority", json_object_new_int(id->priority));
	add(sched, "nice", json_object_new_int(id->nice));
	add(sched, "rt_priority", json_object_new_int(id->rt_priority));
	add(o, "scheduling", sched);
	return o;
}

static json_object *json_signals(const Inspect *in)
{
	const SigSets *sig = &in->d.sig;
	json_object *o = part(in, sig->state);

	if (sig->state != READ_OK)
		return o;
	sigsets_json_add(o, sig);
	return o;
}

static void add_counts(json_object *o, const MemCounts *kb)
{
	add(o, "rss_kb", json_object_new_uint64(kb->rss));
	add(o, "pss_kb", json_object_new_uint64(kb->pss));
	add(o, "shared_clean_kb", json_object_new_uint64(kb->shared_clean));
	add(o, "shared_dirty_kb", json_object_new_uint64(kb->shared_dirty));
	add(o, "private_clean_kb", json_object_new_uint64(kb->private_clean));
	add(o, "private_dirty_kb", json_object_new_uint64(kb->private_dirty));
	add(o, "anonymous_kb", json_object_new_uint64(kb->anonymous));
	add(o, "swap_kb", json_object_new_uint64(kb->swap));
}

static json_object *json_totals(const Inspect *in)
{
	json_object *o = part(in, in->d.totals.state);

	if (in->d.totals.state == READ_OK)
		add_counts(o, &in->d.totals.kb);
	return o;
}

static json_object *json_pages(const Inspect *in, const InspectPages *p)
{
	json_object *o;

	if (p->state == READ_NOT_ASKED) {
		o = json_object_new_object();
		add(o, "state", str(ReadState_name(p->state)));
		add(o, "reason", str("not counted: no resident or swapped pages, or larger "
		                     "than the page-count limit"));
		return o;
	}
	o = part(in, p->state);
	if (p->state != READ_OK)
		return o;
	add(o, "present", json_object_new_uint64(p->counts.present));
	add(o, "exclusive", json_object_new_uint64(p->counts.exclusive));
	add(o, "shared", json_object_new_uint64(p->counts.shared));
	add(o, "swapped", json_object_new_uint64(p->counts.swapped));
	add(o, "absent", json_object_new_uint64(p->counts.absent));
	add(o, "with_frame", json_object_new_uint64(p->counts.with_frame));
	return o;
}

static json_object *json_mapping(const Inspect *in, size_t i)
{
	const Mapping *m = &in->d.maps.v[i];
	json_object *o = json_object_new_object();
	char dev[24];

	add(o, "start", hex(m->start));
	add(o, "end", hex(m->end));
	add(o, "size_kb", json_object_new_uint64((m->end - m->start) / 1024));
	add(o, "perms", str(m->perms));
	add(o, "offset", hex(m->offset));
	snprintf(dev, sizeof dev, "%02x:%02x", m->dev_major, m->dev_minor);
	add(o, "dev", str(dev));
	add(o, "inode", json_object_new_uint64(m->inode));
	add(o, "path", str(m->path));
	add(o, "kind", str(MappingKind_name(m->kind)));
	add_counts(o, &m->kb);
	if (in->pages != NULL)
		add(o, "pages", json_pages(in, &in->pages[i]));
	return o;
}

static json_object *json_mappings(const Inspect *in)
{
	json_object *o = part(in, in->d.maps.state), *items;
	size_t i;

	if (in->d.maps.state != READ_OK)
		return o;
	items = json_object_new_array();
	for (i = 0; i < in->d.maps.n; i++)
		json_object_array_add(items, json_mapping(in, i));
	add(o, "items", items);
	add(o, "frames", str(privilege_frames_hint()));
	return o;
}


static json_object *json_fd(const Inspect *in, const FdEntry *e)
{
	json_object *o = json_object_new_object(), *info, *ident;
	char dev[24];

	add(o, "fd", json_object_new_int(e->fd));
	add(o, "type", str(FdKind_name(e->kind)));
	if (e->anon_kind[0] != '\0')
		add(o, "anon_kind", str(e->anon_kind));
	add(o, "target", str(e->target));
	if (e->has_sock)
		add(o, "socket", sock_json(&e->sock));
	info = part(in, e->info_state);
	if (e->info_state == READ_OK) {
		add(info, "access", str(fd_mode_name(e)));
		add(info, "flags", fd_flags_json(e->flags));
		add(info, "cloexec", json_object_new_boolean(e->cloexec));
		add(info, "nonblock", json_object_new_boolean(e->nonblock));
		add(info, "append", json_object_new_boolean(e->append));
		add(info, "offset", json_object_new_int64(e->pos));
		add(info, "mnt_id", json_object_new_int(e->mnt_id));
		if (e->pidfd_pid != 0)
			add(info, "pidfd_pid", json_object_new_int(e->pidfd_pid));
	}
	add(o, "fdinfo", info);
	ident = part(in, e->stat_state);
	if (e->stat_state == READ_OK) {
		snprintf(dev, sizeof dev, "%u:%u", major((dev_t)e->dev), minor((dev_t)e->dev));
		add(ident, "dev", str(dev));
		add(ident, "ino", json_object_new_uint64(e->ino));
	}
	add(o, "file_identity", ident);
	return o;
}

static json_object *json_fds(const Inspect *in)
{
	json_object *o = part(in, in->d.fds.state), *items;
	size_t i;

	if (in->d.fds.state != READ_OK)
		return o;
	items = json_object_new_array();
	for (i = 0; i < in->d.fds.n; i++)
		json_object_array_add(items, json_fd(in, &in->d.fds.v[i]));
	add(o, "items", items);
	return o;
}

static json_object *json_viewer(const Inspect *in)
{
	json_object *o = json_object_new_object();

	add(o, "euid", json_object_new_int64(in->viewer_euid));
	add(o, "cap_sys_ptrace", json_object_new_boolean(in->cap_ptrace));
	add(o, "cap_sys_admin", json_object_new_boolean(in->cap_sysadmin));
	return o;
}

int inspect_write_json(FILE *out, const Inspect *in, bool pretty)
{
	json_object *root = json_object_new_object();
	const char *text;
	int ret = 0;

	if (root == NULL)
		return -1;
	add(root, "pid", json_object_new_int(in->d.pid));
	add(root, "state", str(ReadState_name(ProcDetail_state(&in->d))));
	add(root, "viewer", json_viewer(in));
	add(root, "identity", json_identity(in));
	add(root, "signals", json_signals(in));
	add(root, "memory_totals", json_totals(in));
	add(root, "mappings", json_mappings(in));
	add(root, "fds", json_fds(in));
	/* One object on one line, as the other JSON outputs: a program reads
	 * it line by line; --pretty indents it for people. */
	text = json_object_to_json_string_ext(root, (pretty ? JSON_C_TO_STRING_PRETTY |
						      JSON_C_TO_STRING_SPACED
						    : JSON_C_TO_STRING_PLAIN) |
	                                      JSON_C_TO_STRING_NOSLASHESCAPE);
	if (text == NULL || fprintf(out, "%s\n", text) < 0)
		ret = -1;
	json_object_put(root);
	return ret;
}
