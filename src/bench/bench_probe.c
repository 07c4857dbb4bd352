/*
 * bench-probe: what a whole-table refresh costs, in CPU time per refresh
 * and per process, with N extra sleeping processes on the machine.
 *
 *   (1) ProcTable_refresh in its steady state: the fast path, every stat
 *       held open and re-read with pread, parsed only when its text
 *       changed, the owner from fstat of the held directory, new pids from
 *       a getdents64 listing of /proc. Beside it: the listing alone;
 *       stat_parse alone per stat line (what a line that changed adds);
 *       a table over its descriptor budget (made under a soft limit of
 *       OVER_BUDGET_LIMIT, so most stat files are read by path); the first
 *       (cold) refresh, where libproc2 and the identity reads see every
 *       process, with the identities read by this thread alone and side
 *       by side (a thread per CPU: its wall-clock time is what the first
 *       frame waits for, so that is printed too); and libproc2's reap alone with the items the previous
 *       ProcTable_refresh used, which was that reap plus a merge: the
 *       previous figure, and the cost of finding new pids by a reap instead
 *       of the listing;
 *   (2) the floor of the open-per-refresh design: the same files read raw,
 *       with no parsing (readdir of /proc, then open/read/close of every
 *       /proc/PID/stat), also with the stat() of /proc/PID that libproc2
 *       makes for the owner, and the floor of the held design: the stat
 *       files kept open and re-read with pread, no parsing, no owner;
 *   (3) a refresh plus smaps_rollup for every process;
 * and the ratios of (1) to (2) and to libproc2's reap. CPU time is this
 * process's (user + system, from CLOCK_PROCESS_CPUTIME_ID); each refresh
 * is timed alone and the median is printed, so that a burst of load from
 * elsewhere on the machine moves it less than a mean. "Per process"
 * divides by the rows or files of that pass, which include every process
 * of the machine, not only the N.
 *
 * The sleeping processes block on a pipe whose write end only this program
 * holds, and have PR_SET_PDEATHSIG: if the benchmark dies they get EOF and
 * SIGKILL. On every path the benchmark itself kills and reaps them.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "probe/procfs.h"
#include "probe/proctable.h"
#include "probe/smaps.h"
#include "probe/statcache.h"
#include "probe/status.h"

#include <libproc2/pids.h>

#define MAX_SLEEPERS 20000
#define OVER_BUDGET_LIMIT 64 /* RLIMIT_NOFILE for the over-budget table */

typedef struct Sleepers {
	pid_t *pids;  /* owned */
	size_t n;
	int hold[2];  /* children block reading hold[0]; we keep hold[1] */
} Sleepers;

static volatile sig_atomic_t interrupted;

static void on_signal(int signo)
{
	(void)signo;
	interrupted = 1;
}

static double clock_us(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static double cpu_now_us(void)
{
	return clock_us(CLOCK_PROCESS_CPUTIME_ID);
}

static int double_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void sleeper_main(int hold_read, pid_t parent)
{
	char c;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent) /* the parent died before prctl */
		_exit(0);
	while (read(hold_read, &c, 1) < 0 && errno == EINTR)
		;
	_exit(0);
}

static void sleepers_stop(Sleepers *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		kill(s->pids[i], SIGKILL);
	for (i = 0; i < s->n; i++)
		while (waitpid(s->pids[i], NULL, 0) < 0 && errno == EINTR)
			;
	if (s->hold[0] >= 0)
		close(s->hold[0]);
	if (s->hold[1] >= 0)
		close(s->hold[1]);
	free(s->pids);
	memset(s, 0, sizeof *s);
	s->hold[0] = s->hold[1] = -1;
}

/* Returns 0, or -1 (with every child already reaped) when fork failed. */
static int sleepers_start(Sleepers *s, size_t n)
{
	pid_t self = getpid();

	s->pids = xcalloc(n ? n : 1, sizeof *s->pids);
	s->n = 0;
	if (pipe2(s->hold, O_CLOEXEC) < 0) {
		s->hold[0] = s->hold[1] = -1;
		return -1;
	}
	while (s->n < n && !interrupted) {
		pid_t pid = fork();

		if (pid < 0) {
			fprintf(stderr, "bench-probe: fork failed after %zu processes: %s\n",
			        s->n, strerror(errno));
			return -1;
		}
		if (pid == 0) {
			close(s->hold[1]);
			sleeper_main(s->hold[0], self);
		}
		s->pids[s->n++] = pid;
	}
	return interrupted ? -1 : 0;
}

/* ---- the passes: each runs once and says how many processes it saw ---- */

typedef size_t (*Pass)(void *ctx);

/* Median CPU time of one pass, in us; *count from the last pass. */
static double pass_median_us(Pass pass, void *ctx, int refreshes, size_t *count)
{
	double *t = xcalloc((size_t)refreshes, sizeof *t), med;
	int r;

	for (r = 0; r < refreshes && !interrupted; r++) {
		double t0 = cpu_now_us();
		*count = pass(ctx);
		t[r] = cpu_now_us() - t0;
	}
	qsort(t, (size_t)r, sizeof *t, double_cmp);
	med = r > 0 ? t[r / 2] : 0.0;
	free(t);
	return med;
}

static size_t pass_table(void *ctx)
{
	ProcTable *table = ctx;

	ProcTable_refresh(table);
	return ProcTable_count(table);
}

static size_t pass_list(void *ctx)
{
	const pid_t *pids;
	size_t n = 0;

	StatCache_list(ctx, &pids, &n);
	return n;
}

static size_t pass_reap(void *ctx)
{
	struct pids_fetch *f = procps_pids_reap(ctx, PIDS_FETCH_TASKS_ONLY);
	return f != NULL ? (size_t)f->counts->total : 0;
}

/* (2): readdir /proc and read every stat, no parsing; with dir_stat also
 * stat() each /proc/PID as libproc2 does (for the owner). Returns files read. */
static size_t raw_stat_pass(bool dir_stat)
{
	char path[300], buf[1024];
	struct dirent *de;
	size_t files = 0;
	DIR *d = opendir(procfs_root());

	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		pid_t pid = (pid_t)strtol(de->d_name, NULL, 10);
		int fd;

		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		if (dir_stat) {
			struct stat sb;
			if (procfs_path(path, sizeof path, pid, ".") < 0 || stat(path, &sb) < 0)
				continue;
		}
		if (procfs_path(path, sizeof path, pid, "stat") < 0)
			continue;
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
			continue;
		if (read(fd, buf, sizeof buf) > 0)
			files++;
		close(fd);
	}
	closedir(d);
	return files;
}

static size_t pass_raw(void *ctx)
{
	return raw_stat_pass(*(const bool *)ctx);
}

/* The held floor: fds[pid] is /proc/pid/stat opened by an earlier pass,
 * -1 when none. */
typedef struct KeptStat {
	int *fds;      /* owned: indexed by pid */
	size_t max_pid;
} KeptStat;

static size_t pass_kept(void *ctx)
{
	KeptStat *k = ctx;
	char path[300], buf[1024];
	struct dirent *de;
	size_t files = 0;
	DIR *d = opendir(procfs_root());

	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		unsigned long pid;
		int *fd;

		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		pid = strtoul(de->d_name, NULL, 10);
		if (pid >= k->max_pid)
			continue;
		fd = &k->fds[pid];
		if (*fd < 0) {
			if (procfs_path(path, sizeof path, (pid_t)pid, "stat") < 0 ||
			    (*fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
				continue;
		}
		if (pread(*fd, buf, sizeof buf, 0) > 0) {
			files++;
		} else { /* ESRCH: that process is gone (the pid may be reused) */
			close(*fd);
			*fd = -1;
		}
	}
	closedir(d);
	return files;
}

static double kept_measure(int refreshes, size_t *files)
{
	KeptStat k = { NULL, 0 };
	char path[PATH_MAX];
	FILE *f = procfs_path(path, sizeof path, 0, "sys/kernel/pid_max") == 0 ? fopen(path, "r") : NULL;
	unsigned long max = 4194304;
	double us;
	size_t i;

	if (f != NULL) {
		if (fscanf(f, "%lu", &max) != 1)
			max = 4194304;
		fclose(f);
	}
	k.max_pid = max + 1;
	k.fds = xmalloc(k.max_pid * sizeof *k.fds);
	for (i = 0; i < k.max_pid; i++)
		k.fds[i] = -1;
	pass_kept(&k); /* opens them: not timed, like the table's cold refresh */
	us = pass_median_us(pass_kept, &k, refreshes, files);
	for (i = 0; i < k.max_pid; i++)
		if (k.fds[i] >= 0)
			close(k.fds[i]);
	free(k.fds);
	return us;
}

/* stat_parse over stat lines read once, untimed. */
typedef struct StatLines {
	char **text;   /* owned */
	size_t *len;   /* owned */
	size_t n;
} StatLines;

static size_t pass_parse(void *ctx)
{
	const StatLines *l = ctx;
	size_t i, ok = 0;

	for (i = 0; i < l->n; i++) {
		ProcStat st;
		ok += stat_parse(l->text[i], l->len[i], &st) == READ_OK;
	}
	return ok;
}

static double parse_measure(const ProcTable *table, int refreshes, size_t *lines)
{
	StatLines l;
	size_t i;
	double us;

	l.n = 0;
	l.text = xcalloc(ProcTable_count(table) + 1, sizeof *l.text);
	l.len = xcalloc(ProcTable_count(table) + 1, sizeof *l.len);
	for (i = 0; i < ProcTable_count(table); i++) {
		FileText ft;
		if (procfs_read(ProcTable_at(table, i)->pid, "stat", PROCFS_SMALL_MAX, &ft) != READ_OK)
			continue;
		l.text[l.n] = ft.text;
		l.len[l.n++] = ft.len;
	}
	us = pass_median_us(pass_parse, &l, refreshes, lines);
	for (i = 0; i < l.n; i++)
		free(l.text[i]);
	free(l.text);
	free(l.len);
	return us;
}

/* A table made under a soft limit of OVER_BUDGET_LIMIT: most rows by path. */
static double over_budget_measure(int refreshes, size_t *rows, size_t *held)
{
	struct rlimit rl, low;
	ProcTable *table;
	double us;

	*rows = *held = 0;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return 0.0;
	low = rl;
	low.rlim_cur = OVER_BUDGET_LIMIT;
	if (setrlimit(RLIMIT_NOFILE, &low) != 0)
		return 0.0;
	table = ProcTable_new();
	setrlimit(RLIMIT_NOFILE, &rl); /* the budget was taken at ProcTable_new */
	ProcTable_refresh(table);
	ProcTable_refresh(table);
	us = pass_median_us(pass_table, table, refreshes, rows);
	*held = ProcTable_stats(table).held;
	ProcTable_delete(table);
	return us;
}

typedef struct SmapsPass {
	ProcTable *table;  /* borrowed */
	size_t unreadable;
} SmapsPass;

static size_t pass_smaps(void *ctx)
{
	SmapsPass *p = ctx;
	size_t i;

	ProcTable_refresh(p->table);
	p->unreadable = 0;
	for (i = 0; i < ProcTable_count(p->table); i++) {
		MemTotals totals;
		MemTotals_read(ProcTable_at(p->table, i)->pid, &totals);
		p->unreadable += totals.state != READ_OK;
	}
	return ProcTable_count(p->table);
}

/* ---- the report ---- */

static double per_process(double us, size_t count)
{
	return count ? us / (double)count : 0.0;
}

static void report(const char *label, double us, size_t count)
{
	printf("  %-44s %8.2f ms/refresh %7.2f us/process\n", label, us / 1000.0,
	       per_process(us, count));
}

typedef struct Figures {
	double table, list, parse, over, cold, reap, raw, dirstat, kept, smaps;
	double cold_wall, cold_par, cold_par_wall; /* the first refresh, 1 and N threads */
	size_t rows, listed, lines, over_rows, over_held, reaped, raw_files,
	       dirstat_files, kept_files, smaps_rows, unreadable;
	ProcTableStats steady;
} Figures;

static void figures_print(const Figures *f, size_t n, int refreshes)
{
	char label[64];

	printf("N = %zu sleeping processes; the table holds %zu processes, %zu of them held "
	       "open; median of %d refreshes\n", n, f->rows, f->steady.held, refreshes);
	report("(1) ProcTable_refresh (held stat, fast path)", f->table, f->rows);
	report("    listing alone (getdents64 of /proc)", f->list, f->listed);
	printf("  %-44s %8s             %7.2f us/line  (%zu of %zu lines changed)\n",
	       "    stat_parse alone, for a line that changed", "",
	       per_process(f->parse, f->lines), f->steady.parsed, f->rows);
	snprintf(label, sizeof label, "    over budget: %zu held, the rest by path", f->over_held);
	report(label, f->over, f->over_rows);
	report("    first refresh (libproc2 + identities)", f->cold, f->rows);
	printf("  %-44s %8.2f ms wall clock\n", "      read by one thread", f->cold_wall / 1000.0);
	printf("  %-44s %8.2f ms CPU, %.2f ms wall clock\n", "      identities read side by side",
	       f->cold_par / 1000.0, f->cold_par_wall / 1000.0);
	report("    previous: libproc2 reap alone", f->reap, f->reaped);
	report("(2) raw read of every stat (floor)", f->raw, f->raw_files);
	report("    floor + stat() of /proc/PID", f->dirstat, f->dirstat_files);
	report("    stat fds kept open, pread, no parsing", f->kept, f->kept_files);
	report("(3) refresh + smaps_rollup for all", f->smaps, f->smaps_rows);
	printf("  %-44s %8.2f  (smaps_rollup not readable for %zu processes: kernel threads, "
	       "zombies, denied)\n", "ratio (1)/(2) per process",
	       per_process(f->table, f->rows) / per_process(f->raw, f->raw_files ? f->raw_files : 1),
	       f->unreadable);
	printf("  %-44s %8.2f\n", "ratio (1)/previous per process",
	       per_process(f->table, f->rows) / per_process(f->reap, f->reaped ? f->reaped : 1));
}

/* The first refresh of a new table, in CPU and wall-clock time. */
static int cold_refresh(unsigned threads, double *cpu, double *wall)
{
	ProcTable *table = ProcTable_new();
	double c0, w0;
	int rc;

	ProcTable_set_threads(table, threads);
	c0 = cpu_now_us();
	w0 = clock_us(CLOCK_MONOTONIC);
	rc = ProcTable_refresh(table);
	*cpu = cpu_now_us() - c0;
	*wall = clock_us(CLOCK_MONOTONIC) - w0;
	ProcTable_delete(table);
	return rc;
}

/* Side by side first: the first walk of /proc makes the kernel's dentries
 * of every /proc/PID, which the later one finds made, so the order favours
 * the one thread, not the figure the first frame depends on. */
static int cold_measure(Figures *f)
{
	if (cold_refresh(0, &f->cold_par, &f->cold_par_wall) < 0)
		return -1;
	return cold_refresh(1, &f->cold, &f->cold_wall);
}

static int bench_one(size_t n, int refreshes)
{
	enum pids_item items[] = {
		PIDS_ID_PID, PIDS_ID_PPID, PIDS_ID_PGRP, PIDS_ID_SESSION, PIDS_STATE,
		PIDS_CMD, PIDS_FLAGS, PIDS_NLWP, PIDS_TICS_BEGAN, PIDS_TICS_USER,
		PIDS_TICS_SYSTEM, PIDS_PRIORITY, PIDS_NICE, PIDS_SCHED_CLASS,
		PIDS_PRIORITY_RT, PIDS_ID_EUID, PIDS_ID_EGID,
	};
	struct pids_info *info = NULL;
	Sleepers s = { NULL, 0, { -1, -1 } };
	ProcTable *table = NULL;
	StatCache *cache = NULL;
	SmapsPass smaps;
	Figures f;
	bool no = false, yes = true;
	int ret = 1;

	memset(&f, 0, sizeof f);
	if (sleepers_start(&s, n) < 0)
		goto out;
	if (cold_measure(&f) < 0)
		goto out;
	table = ProcTable_new();
	if (ProcTable_refresh(table) < 0)
		goto out;
	ProcTable_refresh(table); /* the first fast refresh parses every line */
	f.table = pass_median_us(pass_table, table, refreshes, &f.rows);
	f.steady = ProcTable_stats(table);

	cache = StatCache_new();
	f.list = pass_median_us(pass_list, cache, refreshes, &f.listed);
	f.parse = parse_measure(table, refreshes, &f.lines);
	f.over = over_budget_measure(refreshes, &f.over_rows, &f.over_held);
	if (procps_pids_new(&info, items, (int)(sizeof items / sizeof items[0])) < 0)
		goto out;
	f.reap = pass_median_us(pass_reap, info, refreshes, &f.reaped);
	f.raw = pass_median_us(pass_raw, &no, refreshes, &f.raw_files);
	f.dirstat = pass_median_us(pass_raw, &yes, refreshes, &f.dirstat_files);
	f.kept = kept_measure(refreshes, &f.kept_files);
	smaps.table = table;
	f.smaps = pass_median_us(pass_smaps, &smaps, refreshes, &f.smaps_rows);
	f.unreadable = smaps.unreadable;
	if (interrupted)
		goto out;
	figures_print(&f, n, refreshes);
	ret = 0;
out:
	if (info != NULL)
		procps_pids_unref(&info);
	StatCache_delete(cache);
	ProcTable_delete(table);
	sleepers_stop(&s);
	if (interrupted)
		fprintf(stderr, "bench-probe: interrupted; every process it started is reaped\n");
	return ret;
}

static void usage(FILE *out)
{
	fprintf(out, "usage: bench-probe [-n N[,N...]] [-r REFRESHES]\n"
	             "  -n  sleeping processes to spawn for each run (default 100,1000,3000)\n"
	             "  -r  refreshes timed per measure (default 20)\n");
}

/* "100,1000,3000" into counts; returns how many, or -1 on a bad list. */
static int parse_counts(const char *text, size_t *counts, int max)
{
	int n = 0;
	char *end;

	while (*text != '\0' && n < max) {
		unsigned long v;

		errno = 0;
		v = strtoul(text, &end, 10);
		if (errno != 0 || end == text || v > MAX_SLEEPERS || (*end != ',' && *end != '\0'))
			return -1;
		counts[n++] = v;
		text = *end == ',' ? end + 1 : end;
	}
	return *text == '\0' && n > 0 ? n : -1;
}

int main(int argc, char **argv)
{
	size_t counts[16] = { 100, 1000, 3000 };
	int ncounts = 3, refreshes = 20, opt, i;
	struct sigaction sa;

	while ((opt = getopt(argc, argv, "n:r:h")) != -1) {
		switch (opt) {
		case 'n':
			if ((ncounts = parse_counts(optarg, counts, 16)) < 0) {
				fprintf(stderr, "bench-probe: -n wants counts from 0 to %d, "
				        "separated by commas\n", MAX_SLEEPERS);
				return 2;
			}
			break;
		case 'r':
			refreshes = atoi(optarg);
			if (refreshes < 1 || refreshes > 100000) {
				fprintf(stderr, "bench-probe: -r wants 1 to 100000\n");
				return 2;
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	{
		/* the kept-open floor holds one fd per process (ProcTable raises
		 * the limit itself, once) */
		struct rlimit rl;
		if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
			rl.rlim_cur = rl.rlim_max;
			setrlimit(RLIMIT_NOFILE, &rl);
		}
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal; /* no SA_RESTART: a blocked fork loop must see it */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	printf("bench-probe: CPU time of whole-table refreshes (this process, user + system)\n");
	for (i = 0; i < ncounts && !interrupted; i++) {
		fflush(stdout);
		if (bench_one(counts[i], refreshes) != 0)
			return 1;
	}
	return interrupted ? 1 : 0;
}
