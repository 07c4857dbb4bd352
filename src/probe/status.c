/*
 * stat, status and cmdline: the pure parsers and the identity read on top.
 *
 * stat is "pid (comm) state f4 f5 ... f52": comm is whatever the process
 * named itself (spaces, parentheses, newlines), so it runs from the first
 * '(' to the *last* ')', and the numbered fields follow. Fields 1..41 must
 * be there (every kernel since 2.6.22 prints them); later ones are ignored.
 *
 * status is "Key:\tvalue" lines. Name, State, Tgid, Pid, PPid, Uid and Gid
 * must be present and well formed; the five signal lines make sig READ_OK
 * only when all of them are. Unknown keys are skipped (new kernels add some).
 *
 * ProcIdentity_read_at reads stat, status, cmdline and exe through one ProcDir,
 * so all four describe the same process; if any of them finds it gone, the
 * result is READ_GONE with every field cleared: never half a record.
 */
#include "probe/status.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "probe/textscan.h"

#define STAT_FIELDS 41 /* fields the parser needs, 1-based, comm included */

/* Fields 3..41 after comm: field 3 is the state letter, the rest numbers. */
static bool stat_fields(Scan *s, char *state, int64_t num[STAT_FIELDS + 1])
{
	int field;
	Scan word;

	Scan_skip_blanks(s);
	word = Scan_word(s);
	if (Scan_len(&word) != 1)
		return false;
	*state = word.p[0];
	for (field = 4; field <= STAT_FIELDS; field++) {
		Scan num_text;
		uint64_t u;
		int64_t v;

		if (Scan_skip_blanks(s) == 0)
			return false;
		word = Scan_word(s);
		num_text = word;
		if (Scan_i64(&num_text, &v) && Scan_at_end(&num_text)) {
			num[field] = v;
			continue;
		}
		/* an unsigned field past INT64_MAX (rsslim): stored wrapped, not used */
		num_text = word;
		if (!Scan_u64(&num_text, &u) || !Scan_at_end(&num_text))
			return false;
		num[field] = (int64_t)u;
	}
	return true;
}

static bool fits_int(int64_t v)
{
	return v >= INT32_MIN && v <= INT32_MAX;
}

ReadState stat_parse(const char *text, size_t len, ProcStat *out)
{
	Scan s = Scan_make(text, len), comm;
	int64_t num[STAT_FIELDS + 1] = { 0 };
	const char *open, *close = NULL, *q;
	uint64_t pid;
	char state;

	memset(out, 0, sizeof *out);
	if (text == NULL || !Scan_u64(&s, &pid) || pid == 0 || pid > INT32_MAX ||
	    !Scan_literal(&s, " ("))
		return READ_MALFORMED;
	open = s.p;
	for (q = s.p; q < s.end; q++)
		if (*q == ')')
			close = q;
	if (close == NULL)
		return READ_MALFORMED;
	comm.p = open;
	comm.end = close;
	s.p = close + 1;
	if (!stat_fields(&s, &state, num))
		return READ_MALFORMED;
	if (!(state >= 'A' && state <= 'Z') && !(state >= 'a' && state <= 'z'))
		return READ_MALFORMED;
	if (!fits_int(num[4]) || !fits_int(num[5]) || !fits_int(num[6]) ||
	    !fits_int(num[18]) || !fits_int(num[19]) || !fits_int(num[20]) ||
	    !fits_int(num[40]) || !fits_int(num[41]) || num[22] < 0)
		return READ_MALFORMED;

	out->pid = (pid_t)pid;
	Scan_copy(comm, out->comm, sizeof out->comm);
	text_sanitize(out->comm);
	out->task_state = state;
	out->ppid = (pid_t)num[4];
	out->pgid = (pid_t)num[5];
	out->sid = (pid_t)num[6];
	out->tty_nr = (unsigned)num[7];
	out->flags = (unsigned long)num[9];
	out->utime = (unsigned long long)num[14];
	out->stime = (unsigned long long)num[15];
	out->rss_pages = num[24] > 0 ? (unsigned long)num[24] : 0;
	out->priority = (int)num[18];
	out->nice = (int)num[19];
	out->threads = (int)num[20];
	out->start_ticks = (unsigned long long)num[22];
	out->rt_priority = (int)num[40];
	out->sched_policy = (int)num[41];
	out->image.code_start = (unsigned long long)num[26];
	out->image.code_end = (unsigned long long)num[27];
	out->image.stack_start = (unsigned long long)num[28];
	return READ_OK;
}

/* status escapes its Name (backslash, newline, tab, ... as "\\", "\n"):
 * undo the backslash; anything else escaped is a control byte, shown '?'. */
static void status_name(Scan value, char *dst, size_t dstlen)
{
	size_t n = 0;

	while (!Scan_at_end(&value) && n + 1 < dstlen) {
		char c = *value.p++;
		if (c == '\\' && !Scan_at_end(&value)) {
			char e = *value.p++;
			c = e == '\\' ? '\\' : '?';
		}
		dst[n++] = c;
	}
	dst[n] = '\0';
	text_sanitize(dst);
}

static bool parse_int_value(Scan value, int64_t lo, int64_t hi, int64_t *out)
{
	int64_t v;

	Scan_skip_blanks(&value);
	value = Scan_trim_right(value);
	if (!Scan_i64(&value, &v) || !Scan_at_end(&value) || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* "Uid:\t0\t0\t0\t0": four ids. */
static bool parse_ids(Scan value, uint32_t ids[4])
{
	int i;


	for (i = 0; i < 4; i++) {
		uint64_t v;

		Scan_skip_blanks(&value);
		if (!Scan_u64(&value, &v) || v > UINT32_MAX)
			return false;
		ids[i] = (uint32_t)v;
	}
	value = Scan_trim_right(value);
	Scan_skip_blanks(&value);
	return Scan_at_end(&value);
}

enum { HAVE_NAME = 1, HAVE_STATE = 2, HAVE_TGID = 4, HAVE_PID = 8, HAVE_PPID = 16,
       HAVE_UID = 32, HAVE_GID = 64, HAVE_REQUIRED = 127 };

/* One signal line; returns the bit it sets in the seen mask, 0 for another
 * key, or -1 when the mask is malformed. */
static int status_signal(Scan key, Scan value, SigSets *sig)
{
	static const char *const keys[] = { "SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt" };
	uint64_t *const slots[] = { &sig->pending_thread, &sig->pending_shared,
	                            &sig->blocked, &sig->ignored, &sig->caught };
	size_t i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (!Scan_equals(key, keys[i]))
			continue;
		if (sigmask_parse_hex(value.p, Scan_len(&value), slots[i]) < 0)
			return -1;
		return 1 << i;
	}
	return 0;
}

/* "NSpid:\t4321\t1": a pid in each namespace, ours first. A line deeper
 * than PROC_NSPID_MAX keeps the first ones and the last. */
static bool parse_nspid(Scan value, ProcStatus *out)
{
	int n = 0;

	for (;;) {
		int64_t v;

		Scan_skip_blanks(&value);
		if (Scan_at_end(&value))
			break;
		if (!Scan_i64(&value, &v) || v < 0 || v > INT32_MAX || n >= 32)
			return false;
		if (v == 0) {
			/* A task being torn down: the kernel prints 0 for a pid it
			 * has already let go. Not malformed: no numbers to show. */
			out->nspid_levels = 0;
			return true;
		}
		out->nspid[n < PROC_NSPID_MAX ? n : PROC_NSPID_MAX - 1] = (pid_t)v;
		n++;
	}
	out->nspid_levels = n;
	return n > 0;
}

/* One "Key:\tvalue" line into out; returns the HAVE_* bit, 0, or -1. */
static int status_line(Scan key, Scan value, ProcStatus *out)
{
	int64_t v;

	if (Scan_equals(key, "Name")) {
		(void)Scan_char(&value, '\t'); /* the separator; a name may start with blanks */
		status_name(value, out->name, sizeof out->name);
		return HAVE_NAME;
	}
	Scan_skip_blanks(&value);
	if (Scan_equals(key, "State")) {
		if (Scan_at_end(&value))
			return -1;
		out->task_state = value.p[0];
		return HAVE_STATE;
	}
	if (Scan_equals(key, "Uid") || Scan_equals(key, "Gid")) {
		uint32_t ids[4];
		int i;
		bool uid = Scan_equals(key, "Uid");

		if (!parse_ids(value, ids))
			return -1;
		for (i = 0; i < 4; i++) {
			if (uid)
				out->uid[i] = (uid_t)ids[i];
			else
				out->gid[i] = (gid_t)ids[i];
		}
		return uid ? HAVE_UID : HAVE_GID;
	}
	if (Scan_equals(key, "Tgid") || Scan_equals(key, "Pid") || Scan_equals(key, "PPid") ||
	    Scan_equals(key, "Threads")) {
		if (!parse_int_value(value, 0, INT32_MAX, &v))
			return -1;
		if (Scan_equals(key, "Tgid"))
			return out->tgid = (pid_t)v, HAVE_TGID;
		if (Scan_equals(key, "Pid"))
			return out->pid = (pid_t)v, HAVE_PID;
		if (Scan_equals(key, "PPid"))
			return out->ppid = (pid_t)v, HAVE_PPID;
		out->threads = (int)v;
	}
	if (Scan_equals(key, "NSpid") && !parse_nspid(value, out))
		return -1;
	return 0;
}

ReadState status_parse(const char *text, size_t len, ProcStatus *out)
{
	Scan s = Scan_make(text, len), line;
	int have = 0, sig_seen = 0, sig_bad = 0;

	memset(out, 0, sizeof *out);
	out->sig.state = READ_MALFORMED;
	if (text == NULL)
		return READ_MALFORMED;
	while (Scan_line(&s, &line)) {
		Scan key;
		int bit;

		if (Scan_at_end(&line))
			continue;
		if (!Scan_key(&line, &key))
			goto malformed;
		bit = status_signal(key, line, &out->sig);
		if (bit < 0) {
			sig_bad = 1;
			continue;
		}
		sig_seen |= bit;
		if (bit > 0)
			continue;
		if ((bit = status_line(key, line, out)) < 0)
			goto malformed;
		have |= bit;
	}
	if (have != HAVE_REQUIRED)
		goto malformed;
	if (sig_seen == 0x1f && !sig_bad) {
		out->sig.state = READ_OK;
	} else {
		uint64_t none = 0;
		out->sig.state = READ_MALFORMED;
		out->sig.blocked = out->sig.ignored = out->sig.caught = none;
		out->sig.pending_thread = out->sig.pending_shared = none;
	}
	return READ_OK;
malformed:
	memset(out, 0, sizeof *out);
	out->sig.state = READ_MALFORMED;
	return READ_MALFORMED;
}

char *cmdline_join(const char *text, size_t len)
{
	char *s;
	size_t i;

	if (text == NULL || len == 0)
		return xstrdup("");
	while (len > 0 && text[len - 1] == '\0')
		len--;
	s = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		s[i] = c == '\0' ? ' ' : (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	s[len] = '\0';
	return s;
}

void ProcIdentity_from_stat(ProcIdentity *id, const ProcStat *st)
{
	id->pid = st->pid;
	id->ppid = st->ppid;
	id->pgid = st->pgid;
	id->sid = st->sid;
	id->tty_nr = st->tty_nr;
	id->task_state = st->task_state;
	memcpy(id->comm, st->comm, sizeof id->comm);
	id->kernel_thread = (st->flags & STAT_PF_KTHREAD) != 0;
	id->threads = st->threads;
	id->start_ticks = st->start_ticks;
	id->utime = st->utime;
	id->stime = st->stime;
	id->rss_pages = st->rss_pages;
	id->sched_policy = st->sched_policy;
	id->rt_priority = st->rt_priority;
	id->priority = st->priority;
	id->nice = st->nice;
	id->image = st->image;
}

static void identity_from_status(ProcIdentity *id, const ProcStatus *ps)
{
	id->tgid = ps->tgid;
	id->nspid_levels = ps->nspid_levels;
	memcpy(id->nspid, ps->nspid, sizeof id->nspid);
	id->uid_real = ps->uid[0];
	id->uid_eff = ps->uid[1];
	id->uid_saved = ps->uid[2];
	id->gid_real = ps->gid[0];
	id->gid_eff = ps->gid[1];
	id->gid_saved = ps->gid[2];
}

/* Reads and parses one file of dir; READ_OK means *parsed was filled. */
static ReadState read_stat(const ProcDir *dir, ProcStat *st)
{
	FileText ft;
	ReadState rs = ProcDir_read(dir, "stat", PROCFS_SMALL_MAX, &ft);

	if (rs == READ_OK) {
		rs = stat_parse(ft.text, ft.len, st);
		FileText_done(&ft);
	}
	return rs;
}

static ReadState read_status(const ProcDir *dir, ProcStatus *ps)
{
	FileText ft;
	ReadState rs = ProcDir_read(dir, "status", PROCFS_SMALL_MAX, &ft);

	if (rs == READ_OK) {
		rs = status_parse(ft.text, ft.len, ps);
		FileText_done(&ft);
	}
	return rs;
}

ProcFate proc_fate_at(const ProcDir *dir)
{
	ProcStat st;
	ReadState rs = read_stat(dir, &st);

	if (rs == READ_GONE)
		return PROC_REAPED;
	if (rs != READ_OK)
		return PROC_LIVE; /* nothing known: the caller keeps its own state */
	if (st.task_state == 'Z' || st.task_state == 'X')
		return PROC_ZOMBIE;
	if (st.flags & STAT_PF_KTHREAD)
		return PROC_KERNEL_THREAD;
	if (st.flags & STAT_PF_EXITING)
		return PROC_EXITING;
	return PROC_LIVE;
}

ReadState proc_refine_failure(const ProcDir *dir, ReadState rs)
{
	if (rs != READ_GONE && rs != READ_DENIED && rs != READ_ABSENT && rs != READ_ERROR)
		return rs;
	switch (proc_fate_at(dir)) {
	case PROC_REAPED:
	case PROC_EXITING:
		return READ_GONE;
	case PROC_ZOMBIE:
	case PROC_KERNEL_THREAD:
		return READ_ABSENT;
	case PROC_LIVE:
		break;
	}
	return rs;
}

/* exe of a zombie or a kernel thread does not exist: that is not "gone". */
static void read_exe(const ProcDir *dir, ProcIdentity *id)
{
	if (id->kernel_thread) {
		id->exe_state = READ_ABSENT;
		return;
	}
	id->exe_state = ProcDir_readlink(dir, "exe", &id->exe);
	if (id->exe_state == READ_OK)
		text_sanitize(id->exe);
	else
		id->exe_state = proc_refine_failure(dir, id->exe_state);
}

static void identity_fail(ProcIdentity *out, pid_t pid, ReadState state)
{
	ProcIdentity_done(out);
	out->pid = pid;
	out->state = state;
	out->cmdline_state = state;
	out->exe_state = state;
}

void ProcIdentity_read_at(const ProcDir *dir, ProcIdentity *out, SigSets *sig)
{
	ProcStat st;
	ProcStatus ps;
	FileText ft;
	ReadState rs;

	memset(out, 0, sizeof *out);
	if (sig != NULL)
		memset(sig, 0, sizeof *sig);
	if ((rs = read_stat(dir, &st)) != READ_OK)
		goto fail;
	if ((rs = read_status(dir, &ps)) != READ_OK)
		goto fail;
	ProcIdentity_from_stat(out, &st);
	identity_from_status(out, &ps);
	if (sig != NULL)
		*sig = ps.sig;

	out->cmdline_state = ProcDir_read(dir, "cmdline", PROCFS_SMALL_MAX, &ft);
	if (out->cmdline_state == READ_GONE) {
		rs = READ_GONE;
		goto fail;
	}
	out->cmdline = cmdline_join(ft.text, ft.len);
	FileText_done(&ft);
	read_exe(dir, out);
	if (out->exe_state == READ_GONE) {
		rs = READ_GONE;
		goto fail;
	}
	out->state = READ_OK;
	return;
fail:
	identity_fail(out, dir->pid, rs);
	if (sig != NULL) {
		memset(sig, 0, sizeof *sig);
		sig->state = rs;
	}
}

void ProcIdentity_read(pid_t pid, ProcIdentity *out)
{
	ProcDir dir;
	ReadState rs = ProcDir_open(&dir, pid);

	if (rs != READ_OK) {
		memset(out, 0, sizeof *out);
		identity_fail(out, pid, rs);
		return;
	}
	ProcIdentity_read_at(&dir, out, NULL);
	ProcDir_close(&dir);
}

void SigSets_read(pid_t pid, SigSets *out)
{
	FileText ft;
	ProcStatus ps;
	ReadState rs = procfs_read(pid, "status", PROCFS_SMALL_MAX, &ft);

	memset(out, 0, sizeof *out);
	if (rs != READ_OK) {
		out->state = rs;
		return;
	}
	rs = status_parse(ft.text, ft.len, &ps);
	FileText_done(&ft);
	*out = rs == READ_OK ? ps.sig : (SigSets){ .state = rs };
}
