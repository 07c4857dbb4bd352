/*
 * `forkscope inspect PID`: the read (Inspect_read) and the text writer.
 *
 * The read is one ProcDetail with every part but the environment (which
 * may hold secrets and is not part of "how the process was made"), plus a
 * page count per mapping from pagemap: how many of its resident pages are
 * exclusive to this process and how many are still shared (copy-on-write
 * after fork, or a shared file). Page counts are read through a fresh
 * ProcDir whose process is checked to be the same one (start time), so a
 * reused pid cannot slip in.
 *
 * The text is sections of "label value" lines and two tables (mappings,
 * FDs); a part that could not be read is one line with its state and the
 * reason, including the privilege that would show it. Labels and headers
 * are translated and padded by terminal cells; the kernel's own names
 * (comm, Rss, CLOEXEC, signal names) are not.
 */
#include "print/inspect.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "probe/privilege.h"
#include "probe/procfs.h"
#include "probe/status.h"
#include "probe/textscan.h"

#define INSPECT_WANT (DETAIL_ALL & ~DETAIL_ENVIRON)

static bool pages_worth_counting(const Mapping *m)
{
	return m->kb.rss + m->kb.swap > 0 && m->end - m->start <= INSPECT_PAGES_MAX_BYTES;
}

static void count_pages(Inspect *in)
{
	const MappingList *maps = &in->d.maps;
	ProcIdentity now;
	ProcDir dir;
	ReadState rs;
	size_t i;

	if (maps->state != READ_OK || maps->n == 0)
		return;
	in->pages = xcalloc(maps->n, sizeof *in->pages);
	if ((rs = ProcDir_open(&dir, in->d.pid)) == READ_OK) {
		ProcIdentity_read_at(&dir, &now, NULL);
		if (now.state != READ_OK || now.start_ticks != in->d.id.start_ticks)
			rs = READ_GONE;
		ProcIdentity_done(&now);
	}
	for (i = 0; i < maps->n; i++) {
		const Mapping *m = &maps->v[i];
		long psz = sysconf(_SC_PAGESIZE);

		if (!pages_worth_counting(m))
			continue;
		if (rs != READ_OK) {
			in->pages[i].state = rs;
			continue;
		}
		in->pages[i].state = pagemap_count_at(&dir, m->start,
		                                      (m->end - m->start) / (unsigned long)psz,
		                                      &in->pages[i].counts);
	}
	if (dir.fd >= 0)
		ProcDir_close(&dir);
}

void Inspect_read(Inspect *in, pid_t pid)
{
	memset(in, 0, sizeof *in);
	in->viewer_euid = geteuid();
	in->cap_ptrace = privilege_has_ptrace();
	in->cap_sysadmin = privilege_has_sysadmin();
	in->ticks_per_second = sysconf(_SC_CLK_TCK);
	ProcDetail_read(pid, INSPECT_WANT, &in->d);
	count_pages(in);
}

void Inspect_done(Inspect *in)
{
	ProcDetail_done(&in->d);
	free(in->pages);
	memset(in, 0, sizeof *in);
}

const char *Inspect_reason(const Inspect *in, ReadState state)
{
	if (state == READ_DENIED)
		return privilege_denied_hint(in->d.id.uid_eff);
	return ReadState_explain(state);
}

/* ---- text ---- */

static void text_unread(FILE *out, const Inspect *in, const char *what, ReadState state)
{
	fprintf(out, "  %s: %s: %s\n", what, ReadState_name(state), _(Inspect_reason(in, state)));
}

/* "  label      ": the label column of the identity sections. */
static void text_label(FILE *out, const char *label)
{
	fputs("  ", out);
	i18n_fput(out, label, -10);
	fputc(' ', out);
}

static void text_identity(FILE *out, const Inspect *in)
{
	const ProcIdentity *id = &in->d.id;
	long hz = in->ticks_per_second > 0 ? in->ticks_per_second : 100;

	fprintf(out, "%s\n", _("Identity and tree"));
	fprintf(out, "  pid %d   tgid %d   ppid %d   pgid %d   sid %d\n",
	        (int)id->pid, (int)id->tgid, (int)id->ppid, (int)id->pgid, (int)id->sid);
	text_label(out, _("state"));
	fprintf(out, "%c (%s)%s\n", id->task_state, task_state_name(id->task_state),
	        id->kernel_thread ? _(", kernel thread") : "");
	text_label(out, "comm");
	fprintf(out, "%s\n", id->comm);
	if (id->cmdline_state == READ_OK) {
		text_label(out, "cmdline");
		fprintf(out, "%s\n", id->cmdline);
	} else {
		text_unread(out, in, "cmdline", id->cmdline_state);
	}
	if (id->exe_state == READ_OK) {
		text_label(out, "exe");
		fprintf(out, "%s\n", id->exe);
	} else {
		text_unread(out, in, "exe", id->exe_state);
	}
	if (in->d.cwd_state == READ_OK) {
		text_label(out, "cwd");
		fprintf(out, "%s\n", in->d.cwd);
	} else {
		text_unread(out, in, "cwd", in->d.cwd_state);
	}
	text_label(out, _("threads"));
	fprintf(out, "%d\n", id->threads);
	text_label(out, _("started"));
	fprintf(out, _("%llu ticks after boot (%.2f s)\n"), id->start_ticks,
	        (double)id->start_ticks / (double)hz);
	text_label(out, _("cpu time"));
	fprintf(out, _("user %llu ticks, system %llu ticks\n"), id->utime, id->stime);

	fprintf(out, "%s\n", _("IDs"));
	text_label(out, "uid");
	fprintf(out, _("real %u   effective %u   saved %u\n"),
	        (unsigned)id->uid_real, (unsigned)id->uid_eff, (unsigned)id->uid_saved);
	text_label(out, "gid");
	fprintf(out, _("real %u   effective %u   saved %u\n"),
	        (unsigned)id->gid_real, (unsigned)id->gid_eff, (unsigned)id->gid_saved);

	fprintf(out, "%s\n", _("Scheduling"));
	text_label(out, _("policy"));
	fprintf(out, _("%s   priority %d   nice %d   rt_priority %d\n"),
	        sched_policy_name(id->sched_policy), id->priority, id->nice, id->rt_priority);
}

static void text_sigline(FILE *out, const char *label, uint64_t mask)
{
	char names[SIGMASK_TEXT_MAX];

	sigmask_format(mask, names, sizeof names);
	fputs("  ", out);
	i18n_fput(out, label, -15);
	fprintf(out, " %016" PRIx64 "  %s\n", mask, names);
}

static void text_signals(FILE *out, const Inspect *in)
{
	const SigSets *sig = &in->d.sig;

	fprintf(out, "%s\n", _("Signals (mask, names; SIGRTMIN counts from glibc's 34)"));
	if (sig->state != READ_OK) {
		text_unread(out, in, _("signal sets"), sig->state);
		return;
	}
	text_sigline(out, _("blocked"), sig->blocked);
	text_sigline(out, _("ignored"), sig->ignored);
	text_sigline(out, _("caught"), sig->caught);
	text_sigline(out, _("pending thread"), sig->pending_thread);
	text_sigline(out, _("pending shared"), sig->pending_shared);
}

static void text_totals(FILE *out, const Inspect *in)
{
	const MemTotals *t = &in->d.totals;

	fprintf(out, "%s\n", _("Memory totals (smaps_rollup, kB)"));
	if (t->state != READ_OK) {
		text_unread(out, in, _("totals"), t->state);
		return;
	}
	fprintf(out, "  Rss %lu   Pss %lu   Shared_Clean %lu   Shared_Dirty %lu\n",
	        t->kb.rss, t->kb.pss, t->kb.shared_clean, t->kb.shared_dirty);
	fprintf(out, "  Private_Clean %lu   Private_Dirty %lu   Anonymous %lu   Swap %lu\n",
	        t->kb.private_clean, t->kb.private_dirty, t->kb.anonymous, t->kb.swap);
}

static void text_pages(char *buf, size_t len, const InspectPages *p)
{
	if (p == NULL || p->state == READ_NOT_ASKED)
		snprintf(buf, len, "-");
	else if (p->state != READ_OK)
		snprintf(buf, len, "%s", ReadState_name(p->state));
	else
		snprintf(buf, len, "%zu/%zu", p->counts.exclusive, p->counts.present);
}

static void text_mappings(FILE *out, const Inspect *in)
{
	const MappingList *maps = &in->d.maps;
	size_t i;

	fprintf(out, "%s\n", _("Mappings (smaps, kB; Excl/Pres: resident pages exclusive to this "
				"process / resident, from pagemap)"));
	if (maps->state != READ_OK) {
		text_unread(out, in, _("mappings"), maps->state);
		return;
	}
	fputs("  ", out);
	i18n_fput(out, _("Start"), -12);
	fputc(' ', out);
	i18n_fput(out, _("End"), -12);
	fputc(' ', out);
	i18n_fput(out, _("Perm"), -4);
	fputc(' ', out);
	i18n_fput(out, _("Offset"), 8);
	fprintf(out, " %7s %7s %7s %7s %7s %7s %7s %7s %11s ", "Rss", "Pss", "Sh_Cln", "Sh_Drt",
	        "Pr_Cln", "Pr_Drt", "Anon", "Swap", "Excl/Pres");
	i18n_fput(out, _("Kind"), -5);
	fprintf(out, " %s\n", _("Path"));
	for (i = 0; i < maps->n; i++) {
		const Mapping *m = &maps->v[i];
		char pages[32];

		text_pages(pages, sizeof pages, in->pages != NULL ? &in->pages[i] : NULL);
		fprintf(out, "  %012lx %012lx %-4s %8llx %7lu %7lu %7lu %7lu %7lu %7lu %7lu %7lu %11s %-5s %s\n",
		        m->start, m->end, m->perms, m->offset, m->kb.rss, m->kb.pss,
		        m->kb.shared_clean, m->kb.shared_dirty, m->kb.private_clean,
		        m->kb.private_dirty, m->kb.anonymous, m->kb.swap, pages,
		        MappingKind_name(m->kind), m->path);
	}
	fprintf(out, ngettext("  %zu mapping; %s\n", "  %zu mappings; %s\n", maps->n), maps->n,
	        _(privilege_frames_hint()));
}

static void fd_flags_text(char *buf, size_t len, const FdEntry *e)
{
	fd_flags_names(e->flags, false, ",", buf, len);
	if (buf[0] == '\0')
		snprintf(buf, len, "-");
}

static void text_fd(FILE *out, const FdEntry *e)
{
	char target[1024];
	char kind[40], flags[40], offset[24], ident[64];

	if (e->anon_kind[0] != '\0')
		snprintf(kind, sizeof kind, "%s:%s", FdKind_name(e->kind), e->anon_kind);
	else
		snprintf(kind, sizeof kind, "%s", FdKind_name(e->kind));
	if (e->info_state == READ_OK) {
		fd_flags_text(flags, sizeof flags, e);
		snprintf(offset, sizeof offset, "%lld", e->pos);
	} else {
		snprintf(flags, sizeof flags, "fdinfo %s", ReadState_name(e->info_state));
		snprintf(offset, sizeof offset, "?");
	}
	if (e->stat_state == READ_OK)
		snprintf(ident, sizeof ident, "%u:%u/%llu mnt %d", major((dev_t)e->dev),
		         minor((dev_t)e->dev), e->ino, e->mnt_id);
	else
		snprintf(ident, sizeof ident, "stat %s", ReadState_name(e->stat_state));
	text_escape(e->target, target, sizeof target); /* one line; JSON keeps the bytes */
	fprintf(out, "  %4d %-16s %-3s %-22s %10s  %-24s %s", e->fd, kind,
	        e->info_state == READ_OK ? fd_mode_name(e) : "?", flags, offset,
	        ident, target);
	if (e->pidfd_pid != 0)
		fprintf(out, e->pidfd_pid < 0 ? _("  (process %d: exited)") : _("  (process %d)"),
		        (int)e->pidfd_pid);
	if (e->has_sock) {
		char sock[300];
		SockInfo_describe(&e->sock, sock, sizeof sock);
		fprintf(out, "  %s", sock);
	}
	fputc('\n', out);
}

static void text_fds(FILE *out, const Inspect *in)
{
	const FdTable *fds = &in->d.fds;
	size_t i;

	fprintf(out, "%s\n", _("FD table (identity: device major:minor/inode, mount id)"));
	if (fds->state != READ_OK) {
		text_unread(out, in, "FDs", fds->state);
		return;
	}
	fprintf(out, "  %4s ", "FD");
	i18n_fput(out, _("Type"), -16);
	fprintf(out, " %-3s ", "Acc");
	i18n_fput(out, _("Flags"), -22);
	fputc(' ', out);
	i18n_fput(out, _("Offset"), 10);
	fputs("  ", out);
	i18n_fput(out, _("Identity"), -24);
	fprintf(out, " %s\n", _("Target"));
	for (i = 0; i < fds->n; i++)
		text_fd(out, &fds->v[i]);
	fprintf(out, ngettext("  %zu open descriptor\n", "  %zu open descriptors\n", fds->n), fds->n);
}

void inspect_write_text(FILE *out, const Inspect *in)
{
	const ProcIdentity *id = &in->d.id;

	fprintf(out, _("Process %d (%s)\n"), (int)in->d.pid, id->comm);
	text_identity(out, in);
	text_signals(out, in);
	text_totals(out, in);
	text_mappings(out, in);
	text_fds(out, in);
}

int inspect_print(FILE *out, pid_t pid, bool json, bool pretty)
{
	Inspect in;
	ReadState rs;
	int ret = 0;

	if (pid <= 0) {
		fprintf(stderr, _("forkscope: inspect: %d is not a process id\n"), (int)pid);
		return 1;
	}
	Inspect_read(&in, pid);
	rs = ProcDetail_state(&in.d);
	if (rs == READ_GONE) {
		fprintf(stderr, _("forkscope: inspect: no process %d (it does not exist or "
		                  "exited while it was read)\n"), (int)pid);
		ret = 1;
	} else if (rs != READ_OK) {
		fprintf(stderr, _("forkscope: inspect: cannot read process %d: %s: %s\n"), (int)pid,
		        ReadState_name(rs), _(Inspect_reason(&in, rs)));
		ret = 1;
	} else if (json) {
		if (inspect_write_json(out, &in, pretty) < 0) {
			fputs(_("forkscope: inspect: could not build the JSON output\n"), stderr);
			ret = 1;
		}
	} else {
		inspect_write_text(out, &in);
	}
	if (ret == 0 && (fflush(out) != 0 || ferror(out))) {
		fprintf(stderr, _("forkscope: inspect: write error: %s\n"), strerror(errno));
		ret = 1;
	}
	Inspect_done(&in);
	return ret;
}
