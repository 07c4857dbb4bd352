/*
 * Writing and reading recordings: see recording.h. The recorder hears the
 * session's events and seals as they happen (Session_observe) and writes
 * each at once; what events do not carry (snapshots, processes found by a
 * table read) it writes at each Recorder_sync, processes with the identity
 * read by then.
 */
#include "record/recording.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "record/codec.h"

struct Recorder {
	FILE *f;
	char *path;
	Session *session;         /* borrowed */
	size_t snaps_written;     /* the store's `taken` written so far */
	pid_t *pending;           /* processes added outside events, not written yet */
	size_t npending, pending_cap;
	int error;                /* the first write's errno, 0 none */
};

static void write_line(Recorder *r, json_object *j)
{
	const char *text = json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN |
							  JSON_C_TO_STRING_NOSLASHESCAPE);

	/* The line whole, then flushed: a kill leaves complete lines only
	 * (but maybe the one being written). */
	if (r->error == 0 && (fprintf(r->f, "%s\n", text) < 0 || fflush(r->f) != 0))
		r->error = errno != 0 ? errno : EIO;
	json_object_put(j);
}

static void on_change(void *ctx, SessionChange change, const Event *ev, pid_t pid)
{
	Recorder *r = ctx;
	json_object *j;

	switch (change) {
	case SESSION_EVENT:
		/* What the exec received, just before the event that names it. */
		if (ev->kind == EV_EXEC && ExecLog_find(&r->session->execs, ev->record) != NULL)
			write_line(r, record_exec_json(ev->record,
						       ExecLog_find(&r->session->execs, ev->record)));
		write_line(r, record_event_json(ev));
		break;
	case SESSION_SEAL:
		j = json_object_new_object();
		json_object_object_add(j, "type", json_object_new_string("seal"));
		write_line(r, j);
		break;
	case SESSION_PROCESS:
		if (r->npending == r->pending_cap) {
			r->pending_cap = r->pending_cap ? r->pending_cap * 2 : 16;
			r->pending = xreallocarray(r->pending, r->pending_cap, sizeof *r->pending);
		}
		r->pending[r->npending++] = pid;
		break;
	}
}

static json_object *header_json(const Session *s, const RecordingInfo *info)
{
	json_object *j = json_object_new_object();
	struct utsname u;
	char when[32];
	time_t now = time(NULL);

	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	json_object_object_add(j, "format", json_object_new_string(RECORDING_FORMAT));
	json_object_object_add(j, "version", json_object_new_int(RECORDING_VERSION));
	json_object_object_add(j, "forkscope", json_object_new_string(PACKAGE_VERSION));
	json_object_object_add(j, "kernel", json_object_new_string(uname(&u) == 0 ? u.release : ""));
	json_object_object_add(j, "time", json_object_new_string(when));
	json_object_object_add(j, "t0_us", json_object_new_int64((int64_t)info->t0_us));
	json_object_object_add(j, "what", json_object_new_string(info->what != NULL ? info->what : ""));
	if (info->scenario != NULL)
		json_object_object_add(j, "scenario", json_object_new_string(info->scenario));
	json_object_object_add(j, "root", json_object_new_int(s->root));
	return j;
}

Recorder *Recorder_open(const char *path, Session *session, const RecordingInfo *info, char *err,
			size_t errlen)
{
	Recorder *r;
	FILE *f = fopen(path, "we");

	if (f == NULL) {
		snprintf(err, errlen, _("cannot write the recording %s: %s"), path, strerror(errno));
		return NULL;
	}
	r = xcalloc(1, sizeof *r);
	r->f = f;
	r->path = xstrdup(path);
	r->session = session;
	write_line(r, header_json(session, info));
	/* What the session holds already (the root added at the start). */
	for (size_t i = 0; i < session->nprocs; i++)
		on_change(r, SESSION_PROCESS, NULL, session->procs[i].pid);
	for (size_t i = 0; i < session->nevents; i++)
		on_change(r, SESSION_EVENT, &session->events[i], session->events[i].pid);
	Session_observe(session, on_change, r);
	return r;
}

static json_object *process_json(const ProcRecord *p)
{
	json_object *j = json_object_new_object();

	json_object_object_add(j, "type", json_object_new_string("process"));
	json_object_object_add(j, "pid", json_object_new_int(p->pid));
	json_object_object_add(j, "ppid", json_object_new_int(p->ppid));
	json_object_object_add(j, "how", json_object_new_string(CreateHow_name(p->how)));
	json_object_object_add(j, "born_us", json_object_new_int64((int64_t)p->born_us));
	json_object_object_add(j, "comm", json_object_new_string(p->id.comm));
	if (p->id.cmdline != NULL)
		json_object_object_add(j, "cmdline", json_object_new_string(p->id.cmdline));
	return j;
}

void Recorder_sync(Recorder *r)
{
	const SnapshotStore *st = &r->session->snaps;
	size_t fresh = st->taken - r->snaps_written;

	for (size_t i = 0; i < r->npending; i++) {
		const ProcRecord *p = Session_find_const(r->session, r->pending[i]);
		if (p != NULL)
			write_line(r, process_json(p));
	}
	r->npending = 0;
	/* The newest `fresh` of the store; any dropped before this sync are lost. */
	if (fresh > st->n)
		fresh = st->n;
	for (size_t i = st->n - fresh; i < st->n; i++)
		write_line(r, record_snapshot_json(&st->v[(st->first + i) % st->cap]));
	r->snaps_written = st->taken;
}

int Recorder_close(Recorder *r, char *err, size_t errlen)
{
	int rc = 0;

	if (r == NULL)
		return 0;
	Recorder_sync(r);
	Session_observe(r->session, NULL, NULL);
	if (fclose(r->f) != 0 && r->error == 0)
		r->error = errno;
	if (r->error != 0) {
		snprintf(err, errlen, _("cannot write the recording %s: %s"), r->path, strerror(r->error));
		rc = -1;
	}
	free(r->pending);
	free(r->path);
	free(r);
	return rc;
}

/* ---- reading ---- */

static int header_read(Replay *rp, json_object *j, const char *path, char *err, size_t errlen)
{
	json_object *v;
	const char *format = json_object_object_get_ex(j, "format", &v) ? json_object_get_string(v) : NULL;
	int version = json_object_object_get_ex(j, "version", &v) ? json_object_get_int(v) : 0;

	if (format == NULL || strcmp(format, RECORDING_FORMAT) != 0) {
		snprintf(err, errlen, _("%s:1: not a forkscope recording (no \"format\": \"%s\")"), path,
			 RECORDING_FORMAT);
		return -1;
	}
	if (version != RECORDING_VERSION) {
		snprintf(err, errlen, _("%s:1: a recording of format version %d; this forkscope "
					"reads version %d"), path, version, RECORDING_VERSION);
		return -1;
	}
	if (json_object_object_get_ex(j, "t0_us", &v))
		rp->t0_us = (uint64_t)json_object_get_int64(v);
	if (json_object_object_get_ex(j, "what", &v))
		snprintf(rp->what, sizeof rp->what, "%s", json_object_get_string(v));
	if (json_object_object_get_ex(j, "scenario", &v))
		snprintf(rp->scenario, sizeof rp->scenario, "%s", json_object_get_string(v));
	if (json_object_object_get_ex(j, "root", &v))
		rp->session->root = json_object_get_int(v);
	return 0;
}

static void process_read(Session *s, json_object *j)
{
	json_object *v;
	pid_t pid = json_object_object_get_ex(j, "pid", &v) ? json_object_get_int(v) : 0;
	pid_t ppid = json_object_object_get_ex(j, "ppid", &v) ? json_object_get_int(v) : 0;
	uint64_t born = json_object_object_get_ex(j, "born_us", &v) ? (uint64_t)json_object_get_int64(v) : 0;
	const char *how = json_object_object_get_ex(j, "how", &v) ? json_object_get_string(v) : "";
	CreateHow h = HOW_UNKNOWN;
	ProcRecord *r;

	for (int k = 0; k < HOW_COUNT; k++)
		if (strcmp(CreateHow_name((CreateHow)k), how) == 0) {
			h = (CreateHow)k;
			break;
		}
	if (pid <= 0)
		return;
	r = Session_add(s, pid, ppid, h, born);
	if (json_object_object_get_ex(j, "comm", &v))
		snprintf(r->id.comm, sizeof r->id.comm, "%s", json_object_get_string(v));
	if (json_object_object_get_ex(j, "cmdline", &v)) {
		free(r->id.cmdline);
		r->id.cmdline = xstrdup(json_object_get_string(v));
		r->id.cmdline_state = READ_OK;
	}
}

/* One line after the header: false with a message naming it. */
static bool line_read(Replay *rp, json_object *j, const char *path, size_t line, char *err,
		      size_t errlen)
{
	json_object *v;
	const char *type = json_object_object_get_ex(j, "type", &v) ? json_object_get_string(v) : "";
	Event ev;
	ExecRecord rec;
	uint32_t id;

	if (strcmp(type, "event") == 0 && record_event_read(j, &ev)) {
		/* The record it names, under the id this session gave it. */
		ev.record = ev.record != 0 && ev.record == rp->exec_recorded_id ? rp->exec_id : 0;
		Session_apply(rp->session, &ev);
	} else if (strcmp(type, "exec") == 0 && record_exec_read(j, &id, &rec)) {
		rp->exec_recorded_id = id;
		rp->exec_id = ExecLog_add(&rp->session->execs, &rec);
		ExecRecord_done(&rec);
	} else if (strcmp(type, "seal") == 0) {
		Session_seal_log(rp->session);
	} else if (strcmp(type, "process") == 0) {
		process_read(rp->session, j);
	} else if (strcmp(type, "snapshot") == 0) {
		pid_t pid;
		uint64_t t_us;
		EventKind kind;
		Focus *f;
		if (!record_snapshot_read(j, &pid, &t_us, &kind, &f))
			goto bad;
		SnapshotStore_add(&rp->session->snaps, pid, t_us, kind, f);
	} else {
		goto bad;
	}
	return true;
bad:
	snprintf(err, errlen, _("%s:%zu: not an object a version %d recording holds (\"type\": \"%s\")"),
		 path, line, RECORDING_VERSION, type);
	return false;
}

int Replay_load(Replay *rp, const char *path, Session *session, char *err, size_t errlen)
{
	FILE *f = fopen(path, "re");
	char *text = NULL;
	size_t cap = 0, line = 0;
	ssize_t n;
	int rc = 0;

	memset(rp, 0, sizeof *rp);
	rp->session = session;
	if (f == NULL) {
		snprintf(err, errlen, _("cannot read the recording %s: %s"), path, strerror(errno));
		return -1;
	}
	rp->session = session;
	/* Everything it holds is kept: a replay has nothing else to show. */
	rp->session->snaps.cap_bytes = SIZE_MAX;
	while (rc == 0 && (n = getline(&text, &cap, f)) > 0) {
		enum json_tokener_error jerr;
		json_object *j;

		line++;
		if (text[n - 1] != '\n') {
			/* A last line cut short: the run was killed while writing it. */
			rp->cut = true;
			break;
		}
		j = json_tokener_parse_verbose(text, &jerr);
		if (j == NULL || !json_object_is_type(j, json_type_object)) {
			snprintf(err, errlen, _("%s:%zu: not a JSON object (%s)"), path, line,
				 j == NULL ? json_tokener_error_desc(jerr) : _("another JSON value"));
			rc = -1;
		} else if (line == 1) {
			rc = header_read(rp, j, path, err, errlen);
		} else if (!line_read(rp, j, path, line, err, errlen)) {
			rc = -1;
		}
		json_object_put(j);
	}
	if (rc == 0 && line == 0) {
		snprintf(err, errlen, _("%s: empty: not a forkscope recording"), path);
		rc = -1;
	}
	rp->lines = rp->cut ? line - 1 : line;
	free(text);
	fclose(f);
	return rc;
}
