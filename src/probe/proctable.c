/*
 * ProcTable: one refresh is a listing of /proc and a merge with the last
 * refresh's rows; each process is read by one of three readers.
 *
 * The listing is a getdents64 of /proc on every refresh (StatCache_list,
 * 0.3-0.4 us a process in bench-probe). Finding new pids with a libproc2
 * reap instead would cost 10-16 us a process per reap, so it would have to
 * run thirty times less often to cost the same, and new processes would
 * show up that late.
 *
 * libproc2 reads a process when it is first listed, and again when its pid
 * turns out to be reused: procps_pids_select by pid (255 at most per call),
 * with items that all come from /proc/PID/stat, plus the owner of the
 * /proc/PID directory, which libproc2 takes from the stat() it makes of
 * it. Those numbers start the row. ProcIdentity_read_at then reads what stat
 * does not have (cmdline, exe, uids, gids, tgid) through the directory the
 * StatCache holds for the process, and gives the row's comm: libproc2
 * escapes comm by locale (in the C locale a tab becomes '.' and every
 * non-ASCII byte '?'), stat_parse does not, and a comm compared across the
 * two spellings would look like an exec on every refresh. A start time
 * that differs between libproc2's read and the identity read means the pid
 * was reused in between: the row waits for the next refresh. The identity
 * reads of a refresh's new processes run after the merge, all at once and
 * side by side (identity_batch.h): the first refresh has the whole machine
 * to read, and the first frame waits for it.
 *
 * The fast path reads every known process on every later refresh: the
 * StatCache holds /proc/PID and its stat open, pread()s stat at offset 0,
 * skips parsing when the kernel printed the same bytes as last time, parses
 * with stat_parse otherwise, and fstat()s the held directory for the owner
 * (not for a kernel thread: its directory is always root's). This saves
 * the path walk, open and close that libproc2 makes for every process on
 * every reap, which cost as much as the read itself; and a held file
 * answers ESRCH once its process is reaped, so it never describes a
 * process that took the pid over. Processes past the cache's descriptor
 * budget are read by path on every refresh (open, read, close of stat;
 * stat() of the directory) with the same parser, so a comm has one
 * spelling in every row.
 *
 * A row keeps cmdline, exe and ids while it describes the same program:
 * same start time (no pid reuse), same comm and image (no exec, see
 * ProcImage; kernel threads rename themselves freely and never exec, so
 * their comm is not compared) and same directory owner (setuid without
 * exec, when it changes the owner: a process that drops root stays root's
 * until it is dumpable again). A row's stat fields were parsed from its
 * StatFile's text, or that text is empty. Rows not listed are dropped and
 * their files closed; the model keeps ghosts, not this. Rows live in two
 * arrays that swap on each refresh, sorted by pid; every row of the old
 * array is either moved to the new one or dropped, exactly once.
 */
#include "probe/proctable.h"

#include <errno.h>
#include <libproc2/pids.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "probe/identity_batch.h"
#include "probe/statcache.h"
#include "probe/status.h"

#define SELECT_MAX 255 /* libproc2's limit for one procps_pids_select */

typedef struct Row {
	ProcIdentity id;   /* first: ProcTable_at hands out &row->id */
	uid_t owner_uid;   /* /proc/PID's owner when id's ids were read */
	gid_t owner_gid;
	StatFile file;     /* owned: the held files and the last stat text */
} Row;

/* A new row waiting for its identity: indexes, as both arrays may move. */
typedef struct Pending {
	size_t row;   /* in the refresh's new array */
	size_t seen;  /* in ProcTable.seen */
} Pending;

/* libproc2's read of a process at first sight; st.comm is not filled. */
typedef struct Sighting {
	ProcStat st;
	uid_t owner_uid;
	gid_t owner_gid;
} Sighting;

struct ProcTable {
	struct pids_info *info;  /* owned; NULL until it could be made */
	StatCache *cache;        /* owned */
	Row *rows, *spare;       /* owned; rows sorted by pid; spare is the next refresh's */
	size_t n, cap, spare_cap;
	Sighting *seen;          /* owned: this refresh's first sightings, by pid */
	size_t nseen, seen_cap;
	unsigned *ask;           /* owned: pids to ask libproc2 about */
	size_t ask_cap;
	IdentityJob *jobs;       /* owned: this refresh's new rows, to be read */
	Pending *pending;        /* owned: jobs[i]'s row and sighting */
	size_t njobs, jobs_cap;
	unsigned threads;        /* for ProcIdentity_read_batch; 0: one per CPU */
	ProcTableStats stats;
};

/* Every item comes from stat or from libproc2's stat() of the directory. */
static enum pids_item table_items[] = {
	PIDS_ID_PID, PIDS_ID_PPID, PIDS_ID_PGRP, PIDS_ID_SESSION, PIDS_STATE,
	PIDS_FLAGS, PIDS_NLWP, PIDS_TICS_BEGAN, PIDS_TICS_USER, PIDS_TICS_SYSTEM,
	PIDS_PRIORITY, PIDS_NICE, PIDS_SCHED_CLASS, PIDS_PRIORITY_RT,
	PIDS_ID_EUID, PIDS_ID_EGID, PIDS_ADDR_CODE_START, PIDS_ADDR_CODE_END,
	PIDS_ADDR_STACK_START,
};
enum rel_item {
	REL_PID, REL_PPID, REL_PGRP, REL_SESSION, REL_STATE, REL_FLAGS,
	REL_NLWP, REL_BEGAN, REL_UTIME, REL_STIME, REL_PRIORITY, REL_NICE,
	REL_POLICY, REL_RTPRIO, REL_EUID, REL_EGID, REL_CODE_START, REL_CODE_END,
	REL_STACK_START, REL_COUNT,
};

/* What a refresh did with a known row. */
typedef enum RowFate {
	ROW_KEPT,    /* in the table, read by the fast path or read again */
	ROW_GONE,    /* not there any more */
	ROW_REAPED,  /* its held process was reaped, yet the pid is listed: reused */
} RowFate;

ProcTable *ProcTable_new(void)
{
	ProcTable *t = xcalloc(1, sizeof *t);

	_Static_assert(sizeof table_items / sizeof table_items[0] == REL_COUNT,
	               "table_items and rel_item must match");
	t->cache = StatCache_new();
	return t;
}

static void row_drop(ProcTable *t, Row *row)
{
	StatCache_forget(t->cache, &row->file);
	ProcIdentity_done(&row->id);
}

void ProcTable_delete(ProcTable *table)
{
	size_t i;

	if (table == NULL)
		return;
	for (i = 0; i < table->n; i++)
		row_drop(table, &table->rows[i]);
	free(table->rows);
	free(table->spare);
	free(table->seen);
	free(table->ask);
	free(table->jobs);
	free(table->pending);
	StatCache_delete(table->cache);
	if (table->info != NULL)
		procps_pids_unref(&table->info);
	free(table);
}

/* ---- libproc2: first sight ---- */

static void sighting_from_stack(Sighting *s, struct pids_stack *stack, struct pids_info *info)
{
	ProcStat *st = &s->st;

	memset(s, 0, sizeof *s);
	st->pid = PIDS_VAL(REL_PID, s_int, stack, info);
	st->ppid = PIDS_VAL(REL_PPID, s_int, stack, info);
	st->pgid = PIDS_VAL(REL_PGRP, s_int, stack, info);
	st->sid = PIDS_VAL(REL_SESSION, s_int, stack, info);
	st->task_state = (char)PIDS_VAL(REL_STATE, s_ch, stack, info);
	st->flags = PIDS_VAL(REL_FLAGS, ul_int, stack, info);
	st->threads = PIDS_VAL(REL_NLWP, s_int, stack, info);
	st->start_ticks = PIDS_VAL(REL_BEGAN, ull_int, stack, info);
	st->utime = PIDS_VAL(REL_UTIME, ull_int, stack, info);
	st->stime = PIDS_VAL(REL_STIME, ull_int, stack, info);
	st->priority = PIDS_VAL(REL_PRIORITY, s_int, stack, info);
	st->nice = PIDS_VAL(REL_NICE, s_int, stack, info);
	st->sched_policy = PIDS_VAL(REL_POLICY, s_int, stack, info);
	st->rt_priority = PIDS_VAL(REL_RTPRIO, s_int, stack, info);
	st->image.code_start = PIDS_VAL(REL_CODE_START, ul_int, stack, info);
	st->image.code_end = PIDS_VAL(REL_CODE_END, ul_int, stack, info);
	st->image.stack_start = PIDS_VAL(REL_STACK_START, ul_int, stack, info);
	s->owner_uid = PIDS_VAL(REL_EUID, u_int, stack, info);
	s->owner_gid = PIDS_VAL(REL_EGID, u_int, stack, info);
}

static int sighting_cmp(const void *a, const void *b)
{
	pid_t x = ((const Sighting *)a)->st.pid, y = ((const Sighting *)b)->st.pid;
	return (x > y) - (x < y);
}

/* Asks libproc2 about t->ask[0..nask); appends what it found to t->seen.
 * Returns 0, or -1 with errno when libproc2 could not be asked. */
static int sightings_select(ProcTable *t, size_t nask)
{
	size_t off;

	if (t->info == NULL && procps_pids_new(&t->info, table_items, REL_COUNT) < 0) {
		/* libproc2 returns -errno; its only failures are /proc missing or no memory */
		t->info = NULL;
		errno = ENOENT;
		return -1;
	}
	for (off = 0; off < nask; off += SELECT_MAX) {
		int want = (int)(nask - off < SELECT_MAX ? nask - off : SELECT_MAX), i;
		struct pids_fetch *f = procps_pids_select(t->info, t->ask + off, want, PIDS_SELECT_PID);

		if (f == NULL)
			return -1;
		if (t->nseen + (size_t)f->counts->total > t->seen_cap) {
			t->seen_cap = t->nseen + (size_t)f->counts->total + 64;
			t->seen = xreallocarray(t->seen, t->seen_cap, sizeof *t->seen);
		}
		for (i = 0; i < f->counts->total; i++)
			sighting_from_stack(&t->seen[t->nseen++], f->stacks[i], t->info);
	}
	return 0;
}

static void ask_push(ProcTable *t, size_t *nask, pid_t pid)
{
	if (*nask == t->ask_cap) {
		t->ask_cap = t->ask_cap ? t->ask_cap * 2 : 256;
		t->ask = xreallocarray(t->ask, t->ask_cap, sizeof *t->ask);
	}
	t->ask[(*nask)++] = (unsigned)pid;
}

/* libproc2's reads of every listed pid the table does not have, by pid. */
static int sightings_read(ProcTable *t, const pid_t *pids, size_t npids)
{
	size_t i, j = 0, nask = 0;

	t->nseen = 0;
	for (i = 0; i < npids; i++) {
		while (j < t->n && t->rows[j].id.pid < pids[i])
			j++;
		if (j >= t->n || t->rows[j].id.pid != pids[i])
			ask_push(t, &nask, pids[i]);
	}
	if (nask == 0)
		return 0;
	if (sightings_select(t, nask) < 0)
		return -1;
	qsort(t->seen, t->nseen, sizeof *t->seen, sighting_cmp);
	return 0;
}

/* One pid's sighting, for a pid found reused during the merge: appended
 * past the sorted ones, which the merge has already walked by. */
static const Sighting *sighting_one(ProcTable *t, pid_t pid)
{
	size_t nask = 0, before = t->nseen;

	ask_push(t, &nask, pid);
	if (sightings_select(t, nask) < 0 || t->nseen == before)
		return NULL;
	t->nseen = before; /* the slot stays valid until the next select */
	return &t->seen[before];
}

/* ---- rows ---- */

/* A row for a process libproc2 has just read, in two halves: its files
 * opened, then (once its identity was read) made whole or dropped. */
static void row_begin(ProcTable *t, Row *row, pid_t pid)
{
	memset(row, 0, sizeof *row);
	StatFile_init(&row->file, pid);
	StatCache_hold(t->cache, &row->file);
}

/* Takes fresh (an ProcIdentity_fetch of row's files); false, with the row's
 * files closed, when the process is gone or is not the one libproc2 saw. */
static bool row_finish(ProcTable *t, Row *row, const Sighting *s, ProcIdentity *fresh)
{
	ProcStat st = s->st;

	if (fresh->state != READ_OK || fresh->start_ticks != st.start_ticks) {
		ProcIdentity_done(fresh);
		StatCache_forget(t->cache, &row->file);
		return false;
	}
	row->id = *fresh;
	memcpy(st.comm, fresh->comm, sizeof st.comm);
	st.rss_pages = fresh->rss_pages; /* not among libproc2's items */
	st.tty_nr = fresh->tty_nr; /* nor is this */
	ProcIdentity_from_stat(&row->id, &st);
	row->owner_uid = s->owner_uid;
	row->owner_gid = s->owner_gid;
	return true;
}

static bool row_first(ProcTable *t, Row *row, const Sighting *s)
{
	ProcIdentity fresh;

	row_begin(t, row, s->st.pid);
	ProcIdentity_fetch(&row->file, &fresh);
	return row_finish(t, row, s, &fresh);
}

/* Can a row keep what was read for it, given its process's stat now? An
 * exec shows as a new comm or a new image (identity.h: sh running sh). */
static bool same_program(const ProcIdentity *id, const ProcStat *st)
{
	return id->start_ticks == st->start_ticks && st->pid == id->pid &&
	       ((st->flags & STAT_PF_KTHREAD) != 0 ||
	        (strcmp(id->comm, st->comm) == 0 && !ProcImage_differs(&id->image, &st->image)));
}

/* exec, pid reuse or setuid: everything read again; owner is the one
 * fetched before this read, so a change after it shows next time. A read
 * that fails but not because the process is gone (no descriptor left)
 * leaves the row as it was, to be tried again next time. */
static RowFate row_reread(ProcTable *t, Row *row, uid_t owner_uid, gid_t owner_gid)
{
	ProcIdentity fresh;
	ReadState rs;

	ProcIdentity_fetch(&row->file, &fresh);
	if ((rs = fresh.state) != READ_OK) {
		ProcIdentity_done(&fresh);
		StatFile_forget_text(&row->file);
		if (rs != READ_GONE)
			return ROW_KEPT;
		return StatFile_held(&row->file) ? ROW_REAPED : ROW_GONE;
	}
	ProcIdentity_done(&row->id);
	row->id = fresh;
	row->owner_uid = owner_uid;
	row->owner_gid = owner_gid;
	StatFile_forget_text(&row->file);
	t->stats.read_again++;
	return ROW_KEPT;
}

/* The fast path for a row of the last refresh whose pid is listed again.
 * A read that fails for another reason than the process being gone (no
 * descriptor left, say) keeps the row as it was, to be parsed next time.
 * A kernel thread's directory is always root's, so its owner is not
 * asked unless its stat says it may be another process now. */
static RowFate row_update(ProcTable *t, Row *row)
{
	ProcStat st;
	bool changed, held, same = true, kthread = row->id.kernel_thread;
	uid_t uid = row->owner_uid;
	gid_t gid = row->owner_gid;
	ReadState rs;

	held = StatFile_held(&row->file);
	if (!held && (held = StatCache_hold(t->cache, &row->file)))
		StatFile_forget_text(&row->file); /* the text was read by path */
	rs = StatCache_read(t->cache, &row->file, &changed);
	if (rs == READ_OK && changed) {
		t->stats.parsed++;
		rs = stat_parse(row->file.text, row->file.len, &st);
		if (rs == READ_OK) {
			same = same_program(&row->id, &st);
			kthread = (st.flags & STAT_PF_KTHREAD) != 0;
		}
	}
	if (rs == READ_OK && (!kthread || !same))
		rs = StatCache_owner(t->cache, &row->file, &uid, &gid);
	if (rs == READ_GONE)
		return held ? ROW_REAPED : ROW_GONE;
	if (rs != READ_OK) {
		StatFile_forget_text(&row->file);
		return ROW_KEPT;
	}
	if (!same || uid != row->owner_uid || gid != row->owner_gid)
		return row_reread(t, row, uid, gid);
	if (changed) {
		/* Read in the middle of an exec, the image is all zeros (the new
		 * memory has none yet): it compares as unknown, so keeping it
		 * would hide that exec for good. The row keeps the last image
		 * known; the next refresh sees the new one differ. */
		ProcImage known = row->id.image;
		ProcIdentity_from_stat(&row->id, &st);
		if (!ProcImage_known(&st.image) && ProcImage_known(&known))
			row->id.image = known;
	}
	return ROW_KEPT;
}

static void reserve(Row **v, size_t *cap, size_t n)
{
	if (*cap >= n)
		return;
	*cap = n + n / 4 + 16;
	*v = xreallocarray(*v, *cap, sizeof **v);
}

/* A listed pid the last refresh had: the row moved into *cur. */
static bool merge_known(ProcTable *t, Row *cur)
{
	const Sighting *s;
	pid_t pid = cur->id.pid;

	switch (row_update(t, cur)) {
	case ROW_KEPT:
		return true;
	case ROW_GONE:
		row_drop(t, cur);
		break;
	case ROW_REAPED:
		row_drop(t, cur);
		if ((s = sighting_one(t, pid)) != NULL && row_first(t, cur, s)) {
			t->stats.read_again++;
			return true;
		}
		break;
	}
	t->stats.vanished++;
	return false;
}

/* A listed pid new to the table, with libproc2's sighting (an index in
 * t->seen) or none (gone): the row is begun and its read queued for
 * read_new_rows. */
static bool merge_new(ProcTable *t, Row *cur, size_t row, size_t seen)
{
	if (seen >= t->nseen) {
		t->stats.vanished++;
		return false;
	}
	row_begin(t, &cur[row], t->seen[seen].st.pid);
	if (t->njobs == t->jobs_cap) {
		t->jobs_cap = t->jobs_cap ? t->jobs_cap * 2 : 256;
		t->jobs = xreallocarray(t->jobs, t->jobs_cap, sizeof *t->jobs);
		t->pending = xreallocarray(t->pending, t->jobs_cap, sizeof *t->pending);
	}
	t->pending[t->njobs] = (Pending){ .row = row, .seen = seen };
	t->jobs[t->njobs++] = (IdentityJob){ .file = &cur[row].file };
	return true;
}

/* Reads the queued rows' identities (side by side when there are many:
 * the first refresh has the whole machine), finishes each row, and closes
 * up the gaps the vanished ones leave. Returns the new row count. */
static size_t read_new_rows(ProcTable *t, Row *cur, size_t n)
{
	size_t i, kept = 0;

	if (t->njobs == 0)
		return n; /* the usual refresh: nothing new, no gap */
	ProcIdentity_read_batch(t->jobs, t->njobs, t->threads);
	for (i = 0; i < t->njobs; i++) {
		Row *row = &cur[t->pending[i].row];

		if (row_finish(t, row, &t->seen[t->pending[i].seen], &t->jobs[i].out))
			t->stats.read_new++;
		else
			t->stats.vanished++; /* row->id.pid stays 0: dropped below */
	}
	for (i = 0; i < n; i++)
		if (cur[i].id.pid != 0)
			cur[kept++] = cur[i];
	t->njobs = 0;
	return kept;
}

int ProcTable_refresh(ProcTable *t)
{
	const pid_t *pids;
	size_t npids, i, j = 0, k = 0, n = 0, cap;
	Row *cur;

	if (StatCache_list(t->cache, &pids, &npids) < 0 || sightings_read(t, pids, npids) < 0)
		return -1;
	memset(&t->stats, 0, sizeof t->stats);
	reserve(&t->spare, &t->spare_cap, npids);
	cur = t->spare;
	t->njobs = 0;
	for (i = 0; i < npids; i++) {
		while (j < t->n && t->rows[j].id.pid < pids[i])
			row_drop(t, &t->rows[j++]); /* gone: its files close before new ones open */
		if (j < t->n && t->rows[j].id.pid == pids[i]) {
			cur[n] = t->rows[j++]; /* moved */
			n += merge_known(t, &cur[n]);
			continue;
		}
		while (k < t->nseen && t->seen[k].st.pid < pids[i])
			k++;
		n += merge_new(t, cur, n, k < t->nseen && t->seen[k].st.pid == pids[i] ? k : SIZE_MAX);
	}
	while (j < t->n)
		row_drop(t, &t->rows[j++]);
	n = read_new_rows(t, cur, n);
	t->spare = t->rows;
	t->rows = cur;
	cap = t->cap;
	t->cap = t->spare_cap;
	t->spare_cap = cap;
	t->n = n;
	t->stats.rows = n;
	t->stats.held = StatCache_held(t->cache);
	return 0;
}

size_t ProcTable_count(const ProcTable *table)
{
	return table->n;
}

const ProcIdentity *ProcTable_at(const ProcTable *table, size_t i)
{
	return i < table->n ? &table->rows[i].id : NULL;
}

const ProcIdentity *ProcTable_find(const ProcTable *table, pid_t pid)
{
	size_t lo = 0, hi = table->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		pid_t p = table->rows[mid].id.pid;
		if (p == pid)
			return &table->rows[mid].id;
		if (p < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void ProcTable_set_threads(ProcTable *table, unsigned threads)
{
	table->threads = threads;
}

ProcTableStats ProcTable_stats(const ProcTable *table)
{
	return table->stats;
}
