/*
 * ProcTable: libproc2 reaps the whole table with items that all come from
 * /proc/PID/stat (plus the directory's owner, which libproc2 gets from the
 * stat() it does anyway), so each refresh opens one file per process.
 * Everything stat does not have (cmdline, exe, uids, gids, tgid) is read by
 * identity_read once for a pid, and kept from one refresh to the next while
 * the row still describes the same program: same start time (no pid
 * reuse), same comm (no exec; kernel threads rename themselves freely and
 * never exec, so their comm is not compared) and same directory owner (no
 * setuid). Rows live in two arrays that swap on each refresh, sorted by
 * pid, so a refresh is a merge and allocates only for new strings.
 */
#include "probe/proctable.h"

#include <errno.h>
#include <libproc2/pids.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "probe/status.h"
#include "probe/textscan.h"

typedef struct Row {
	ProcIdentity id;   /* first: ProcTable_at hands out &row->id */
	uid_t owner_uid;   /* /proc/PID's owner when id's ids were read */
	gid_t owner_gid;
} Row;

struct ProcTable {
	struct pids_info *info;
	Row *rows, *spare;  /* owned; rows sorted by pid; spare is the next refresh's */
	size_t n, cap, spare_cap;
	ProcTableStats stats;
};

/* Every item comes from stat or from libproc2's stat() of the directory. */
static enum pids_item table_items[] = {
	PIDS_ID_PID, PIDS_ID_PPID, PIDS_ID_PGRP, PIDS_ID_SESSION, PIDS_STATE,
	PIDS_CMD, PIDS_FLAGS, PIDS_NLWP, PIDS_TICS_BEGAN, PIDS_TICS_USER,
	PIDS_TICS_SYSTEM, PIDS_PRIORITY, PIDS_NICE, PIDS_SCHED_CLASS,
	PIDS_PRIORITY_RT, PIDS_ID_EUID, PIDS_ID_EGID,
};
enum rel_item {
	REL_PID, REL_PPID, REL_PGRP, REL_SESSION, REL_STATE, REL_CMD, REL_FLAGS,
	REL_NLWP, REL_BEGAN, REL_UTIME, REL_STIME, REL_PRIORITY, REL_NICE,
	REL_POLICY, REL_RTPRIO, REL_EUID, REL_EGID, REL_COUNT,
};

ProcTable *ProcTable_new(void)
{
	ProcTable *t = xcalloc(1, sizeof *t);
	int r;

	_Static_assert(sizeof table_items / sizeof table_items[0] == REL_COUNT,
	               "table_items and rel_item must match");
	r = procps_pids_new(&t->info, table_items, REL_COUNT);
	if (r < 0) {
		/* libproc2 returns -errno; its only failure here is /proc missing
		 * or out of memory: the first refresh reports it */
		t->info = NULL;
	}
	return t;
}

static void rows_free(Row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		ProcIdentity_done(&rows[i].id);
}

void ProcTable_delete(ProcTable *table)
{
	if (table == NULL)
		return;
	rows_free(table->rows, table->n);
	free(table->rows);
	free(table->spare);
	if (table->info != NULL)
		procps_pids_unref(&table->info);
	free(table);
}

/* The stat part of a row, from one libproc2 stack. */
static void row_from_stack(Row *row, struct pids_stack *stack, struct pids_info *info)
{
	ProcStat st;
	const char *cmd = PIDS_VAL(REL_CMD, str, stack, info);

	memset(&st, 0, sizeof st);
	st.pid = PIDS_VAL(REL_PID, s_int, stack, info);
	st.ppid = PIDS_VAL(REL_PPID, s_int, stack, info);
	st.pgid = PIDS_VAL(REL_PGRP, s_int, stack, info);
	st.sid = PIDS_VAL(REL_SESSION, s_int, stack, info);
	st.task_state = (char)PIDS_VAL(REL_STATE, s_ch, stack, info);
	snprintf(st.comm, sizeof st.comm, "%s", cmd != NULL ? cmd : "");
	text_sanitize(st.comm);
	st.flags = PIDS_VAL(REL_FLAGS, ul_int, stack, info);
	st.threads = PIDS_VAL(REL_NLWP, s_int, stack, info);
	st.start_ticks = PIDS_VAL(REL_BEGAN, ull_int, stack, info);
	st.utime = PIDS_VAL(REL_UTIME, ull_int, stack, info);
	st.stime = PIDS_VAL(REL_STIME, ull_int, stack, info);
	st.priority = PIDS_VAL(REL_PRIORITY, s_int, stack, info);
	st.nice = PIDS_VAL(REL_NICE, s_int, stack, info);
	st.sched_policy = PIDS_VAL(REL_POLICY, s_int, stack, info);
	st.rt_priority = PIDS_VAL(REL_RTPRIO, s_int, stack, info);

	memset(row, 0, sizeof *row);
	identity_from_stat(&row->id, &st);
	row->owner_uid = PIDS_VAL(REL_EUID, u_int, stack, info);
	row->owner_gid = PIDS_VAL(REL_EGID, u_int, stack, info);
}

/* Can the new row keep what was read for the old one? */
static bool same_program(const Row *old, const Row *cur)
{
	return old->id.start_ticks == cur->id.start_ticks &&
	       old->owner_uid == cur->owner_uid && old->owner_gid == cur->owner_gid &&
	       (cur->id.kernel_thread || strcmp(old->id.comm, cur->id.comm) == 0);
}

/* Moves the once-per-program fields from old into cur; old keeps no strings. */
static void row_keep(Row *cur, Row *old)
{
	ProcIdentity *c = &cur->id, *o = &old->id;

	c->state = READ_OK;
	c->tgid = o->tgid;
	c->cmdline = o->cmdline;
	c->cmdline_state = o->cmdline_state;
	c->exe = o->exe;
	c->exe_state = o->exe_state;
	c->uid_real = o->uid_real;
	c->uid_eff = o->uid_eff;
	c->uid_saved = o->uid_saved;
	c->gid_real = o->gid_real;
	c->gid_eff = o->gid_eff;
	c->gid_saved = o->gid_saved;
	o->cmdline = NULL;
	o->exe = NULL;
}

/* A full identity read for a new or changed pid; false when it is gone. */
static bool row_read(Row *cur)
{
	ProcIdentity fresh;

	identity_read(cur->id.pid, &fresh);
	if (fresh.state != READ_OK) {
		ProcIdentity_done(&fresh);
		return false;
	}
	cur->id = fresh;
	return true;
}

static int row_cmp(const void *a, const void *b)
{
	pid_t x = ((const Row *)a)->id.pid, y = ((const Row *)b)->id.pid;
	return (x > y) - (x < y);
}

static void reserve(Row **v, size_t *cap, size_t n)
{
	if (*cap >= n)
		return;
	*cap = n + n / 4 + 16;
	*v = xreallocarray(*v, *cap, sizeof **v);
}

/* Fills cur rows from the stacks, sorted by pid; returns how many. */
static size_t rows_from_fetch(ProcTable *t, struct pids_fetch *fetch, Row *cur)
{
	int total = fetch->counts->total, i;
	bool sorted = true;

	for (i = 0; i < total; i++) {
		row_from_stack(&cur[i], fetch->stacks[i], t->info);
		if (i > 0 && cur[i].id.pid < cur[i - 1].id.pid)
			sorted = false;
	}
	if (!sorted) /* /proc lists pids in order; do not rely on it */
		qsort(cur, (size_t)total, sizeof *cur, row_cmp);
	return (size_t)total;
}

int ProcTable_refresh(ProcTable *t)
{
	struct pids_fetch *fetch;
	size_t total, i, j = 0, n = 0;
	Row *cur;

	if (t->info == NULL && procps_pids_new(&t->info, table_items, REL_COUNT) < 0) {
		t->info = NULL;
		errno = ENOENT;
		return -1;
	}
	if ((fetch = procps_pids_reap(t->info, PIDS_FETCH_TASKS_ONLY)) == NULL)
		return -1;
	memset(&t->stats, 0, sizeof t->stats);
	reserve(&t->spare, &t->spare_cap, (size_t)fetch->counts->total);
	cur = t->spare;
	total = rows_from_fetch(t, fetch, cur);

	for (i = 0; i < total; i++) {
		Row *row = &cur[i];

		while (j < t->n && t->rows[j].id.pid < row->id.pid)
			j++;
		if (j < t->n && t->rows[j].id.pid == row->id.pid && same_program(&t->rows[j], row)) {
			row_keep(row, &t->rows[j]);
		} else if (row_read(row)) {
			if (j < t->n && t->rows[j].id.pid == row->id.pid)
				t->stats.read_again++;
			else
				t->stats.read_new++;
		} else {
			t->stats.vanished++;
			continue;
		}
		if (n != i)
			cur[n] = *row;
		n++;
	}
	rows_free(t->rows, t->n);
	t->spare = t->rows;
	t->rows = cur;
	{
		size_t cap = t->cap;
		t->cap = t->spare_cap;
		t->spare_cap = cap;
	}
	t->n = n;
	t->stats.rows = n;
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

ProcTableStats ProcTable_stats(const ProcTable *table)
{
	return table->stats;
}
