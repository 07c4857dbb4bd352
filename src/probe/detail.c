/*
 * ProcDetail: the on-demand read of one process, see detail.h for the
 * consistency rules. The order is identity first (cheap, and it says
 * whether the process has memory at all), then the asked-for parts, then
 * one check: a part that failed the way an exit makes reads fail (gone,
 * denied, absent) sends us to the process's stat once more, to tell
 * "reaped or exiting" (all gone) from "zombie" (identity read again, the
 * rest absent) from "alive" (the failures are real and stay). An exec
 * during the pass (a memory file opened on the old image, or comm changed)
 * starts the pass again, at most EXEC_RETRIES times.
 */
#include "probe/detail.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "probe/procfs.h"
#include "probe/status.h"
#include "probe/textscan.h"

#define ENVIRON_MAX ((size_t)4 << 20)

static void read_environ(const ProcDir *dir, ProcDetail *d)
{
	FileText ft;

	d->environ_state = ProcDir_read(dir, "environ", ENVIRON_MAX, &ft);
	if (d->environ_state == READ_OK) {
		d->environ = environ_split(ft.text, ft.len);
		FileText_done(&ft);
	} else {
		d->environ_state = proc_refine_failure(dir, d->environ_state);
	}
}

static void read_cwd(const ProcDir *dir, ProcDetail *d)
{
	d->cwd_state = ProcDir_readlink(dir, "cwd", &d->cwd);
	if (d->cwd_state == READ_OK)
		text_sanitize(d->cwd);
	else
		d->cwd_state = proc_refine_failure(dir, d->cwd_state);
}

static bool is_zombie(const ProcIdentity *id)
{
	return id->task_state == 'Z' || id->task_state == 'X';
}

/* Frees the contents of the parts other than identity and signals, and
 * marks those that were asked for with state. */
static void parts_set(ProcDetail *d, ReadState state)
{
	MappingList_done(&d->maps);
	FdTable_done(&d->fds);
	environ_free(d->environ);
	d->environ = NULL;
	free(d->cwd);
	d->cwd = NULL;
	memset(&d->totals, 0, sizeof d->totals);
	d->totals.state = d->want & DETAIL_TOTALS ? state : READ_NOT_ASKED;
	d->maps.state = d->want & DETAIL_MAPPINGS ? state : READ_NOT_ASKED;
	d->fds.state = d->want & DETAIL_FDS ? state : READ_NOT_ASKED;
	d->environ_state = d->want & DETAIL_ENVIRON ? state : READ_NOT_ASKED;
	d->cwd_state = d->want & DETAIL_CWD ? state : READ_NOT_ASKED;
}

static void all_set(ProcDetail *d, ReadState state)
{
	ProcIdentity_done(&d->id);
	d->id.pid = d->pid;
	d->id.state = d->id.cmdline_state = d->id.exe_state = state;
	memset(&d->sig, 0, sizeof d->sig);
	d->sig.state = d->want & DETAIL_SIGNALS ? state : READ_NOT_ASKED;
	parts_set(d, state);
}

static bool any_part_gone(const ProcDetail *d)
{
	return d->totals.state == READ_GONE || d->maps.state == READ_GONE ||
	       d->fds.state == READ_GONE || d->environ_state == READ_GONE ||
	       d->cwd_state == READ_GONE ||
	       d->sig.state == READ_GONE || d->id.state == READ_GONE;
}

/* A part failed in a way an exit explains (gone, denied, absent): did the
 * process end during the read? A process in do_exit shows its files as
 * root's, so even "denied" may mean "exited" for its own user. */
static bool needs_settling(const ProcDetail *d)
{
	const ReadState s[] = { d->totals.state, d->maps.state, d->fds.state,
	                        d->environ_state, d->cwd_state, d->id.exe_state };
	size_t i;

	for (i = 0; i < sizeof s / sizeof s[0]; i++)
		if (s[i] == READ_GONE || s[i] == READ_DENIED || s[i] == READ_ABSENT)
			return true;
	return any_part_gone(d);
}

/* Gone for good, a zombie now, or alive (and the failures are its own)? */
static void settle(const ProcDir *dir, ProcDetail *d)
{
	ProcIdentity fresh;
	SigSets sig;

	switch (proc_fate_at(dir)) {
	case PROC_LIVE:
	case PROC_KERNEL_THREAD:
		return;
	case PROC_REAPED:
	case PROC_EXITING:
		all_set(d, READ_GONE);
		return;
	case PROC_ZOMBIE:
		break;
	}
	ProcIdentity_read_at(dir, &fresh, &sig);
	if (fresh.state != READ_OK) {
		ProcIdentity_done(&fresh);
		all_set(d, READ_GONE);
		return;
	}
	ProcIdentity_done(&d->id);
	d->id = fresh;
	if (d->want & DETAIL_SIGNALS)
		d->sig = sig;
	parts_set(d, READ_ABSENT);
}

/* One pass: identity, the asked-for parts, settling. */
static void read_pass(const ProcDir *dir, ProcDetail *out)
{
	ProcIdentity_read_at(dir, &out->id, out->want & DETAIL_SIGNALS ? &out->sig : NULL);
	if (out->id.state != READ_OK) {
		all_set(out, out->id.state);
		return;
	}
	if (out->id.kernel_thread || is_zombie(&out->id)) {
		parts_set(out, READ_ABSENT);
		return;
	}
	if (out->want & DETAIL_TOTALS)
		MemTotals_read_at(dir, &out->totals);
	if (out->want & DETAIL_MAPPINGS)
		MappingList_read_at(dir, &out->maps);
	if (out->want & DETAIL_FDS)
		FdTable_read_at(dir, &out->fds);
	if (out->want & DETAIL_ENVIRON)
		read_environ(dir, out);
	if (out->want & DETAIL_CWD)
		read_cwd(dir, out);
	if (needs_settling(out))
		settle(dir, out);
}

/* Did an exec replace the image during the pass? Then the identity and
 * the parts may describe two different programs. Signs: a memory part
 * found its mm gone while the process lives on (the file was opened on
 * the old image), or comm is no longer the one the identity read. */
static bool exec_raced(const ProcDir *dir, const ProcDetail *d)
{
	FileText ft;
	ProcStat st;
	bool raced = false;

	if (d->id.state != READ_OK || is_zombie(&d->id))
		return false;
	if (any_part_gone(d))
		return true; /* settle found it alive: not an exit */
	if (ProcDir_read(dir, "stat", PROCFS_SMALL_MAX, &ft) != READ_OK)
		return false;
	if (stat_parse(ft.text, ft.len, &st) == READ_OK && !d->id.kernel_thread)
		raced = strcmp(st.comm, d->id.comm) != 0;
	FileText_done(&ft);
	return raced;
}

#define EXEC_RETRIES 3

void ProcDetail_read(pid_t pid, unsigned want, ProcDetail *out)
{
	ProcDir dir;
	ReadState rs;
	int attempt;

	memset(out, 0, sizeof *out);
	out->pid = pid;
	out->want = (want & DETAIL_ALL) | DETAIL_IDENTITY;
	if ((rs = ProcDir_open(&dir, pid)) != READ_OK) {
		all_set(out, rs);
		return;
	}
	for (attempt = 0;; attempt++) {
		read_pass(&dir, out);
		if (!exec_raced(&dir, out))
			break;
		if (attempt + 1 == EXEC_RETRIES) {
			/* it keeps exec'ing: the image we were reading is gone */
			all_set(out, READ_GONE);
			break;
		}
		ProcDetail_done(out);
		out->pid = pid;
		out->want = (want & DETAIL_ALL) | DETAIL_IDENTITY;
	}
	ProcDir_close(&dir);
}

void ProcDetail_done(ProcDetail *detail)
{
	ProcIdentity_done(&detail->id);
	MappingList_done(&detail->maps);
	FdTable_done(&detail->fds);
	environ_free(detail->environ);
	free(detail->cwd);
	memset(detail, 0, sizeof *detail);
}

ReadState ProcDetail_state(const ProcDetail *detail)
{
	if (any_part_gone(detail))
		return READ_GONE;
	return detail->id.state;
}
