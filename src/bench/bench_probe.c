/*
 * bench-probe: what a whole-table refresh costs, in CPU time per refresh
 * and per process, with N extra sleeping processes on the machine.
 *
 *   (1) ProcTable_refresh, in its steady state (identities already read);
 *       also libproc2's reap alone with the same items, and the first
 *       (cold) refresh that reads every identity;
 *   (2) the floor: the same files read raw, with no parsing (readdir of
 *       /proc, then open/read/close of every /proc/PID/stat);
 *   (3) a refresh plus smaps_rollup for every process;
 * and the ratio (1)/(2). "floor + stat() of /proc/PID" adds to (2) the one
 * syscall libproc2 makes for every process besides reading stat (it takes
 * the owner from the directory), which is most of (1) - (2). One more line measures a design libproc2 does not
 * offer, to show where the floor itself could go: every stat file kept
 * open between refreshes and re-read with pread at offset 0 (the kernel
 * regenerates the text; a reaped process answers ESRCH even if its pid was
 * reused), so a refresh is a readdir plus one pread per process. CPU time is this process's (user + system, from
 * CLOCK_PROCESS_CPUTIME_ID); "per process" divides by the table's row
 * count, which includes every process of the machine, not only the N.
 *
 * The sleeping processes block on a pipe whose write end only this program
 * holds, and have PR_SET_PDEATHSIG: if the benchmark dies they get EOF and
 * SIGKILL. On every path the benchmark itself kills and reaps them.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
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
#include "probe/proctable.h"
#include "probe/smaps.h"

#include <libproc2/pids.h>

#define MAX_SLEEPERS 20000

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

static double cpu_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
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

/* (2): readdir /proc and read every stat, no parsing; with dir_stat also
 * stat() each /proc/PID as libproc2 does (for the owner). Returns files read. */
static size_t raw_stat_pass(bool dir_stat)
{
	char path[300], buf[1024];
	struct dirent *de;
	size_t files = 0;
	DIR *d = opendir("/proc");

	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		int fd;

		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		if (dir_stat) {
			struct stat sb;
			snprintf(path, sizeof path, "/proc/%s", de->d_name);
			if (stat(path, &sb) < 0)
				continue;
		}
		snprintf(path, sizeof path, "/proc/%s/stat", de->d_name);
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
			continue;
		if (read(fd, buf, sizeof buf) > 0)
			files++;
		close(fd);
	}
	closedir(d);
	return files;
}

/* The kept-open variant: fds[pid] is /proc/pid/stat opened by an earlier
 * pass, -1 when none. Returns files read. */
typedef struct KeptStat {
	int *fds;      /* owned: indexed by pid */
	size_t max_pid;
	size_t open;   /* fds held */
} KeptStat;

static size_t kept_stat_pass(KeptStat *k)
{
	char path[300], buf[1024];
	struct dirent *de;
	size_t files = 0;
	DIR *d = opendir("/proc");

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
			snprintf(path, sizeof path, "/proc/%s/stat", de->d_name);
			if ((*fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
				continue;
			k->open++;
		}
		if (pread(*fd, buf, sizeof buf, 0) > 0) {
			files++;
		} else { /* ESRCH: that process is gone (the pid may be reused) */
			close(*fd);
			*fd = -1;
			k->open--;
		}
	}
	closedir(d);
	return files;
}

static double kept_stat_measure(int refreshes, size_t *files)
{
	KeptStat k = { NULL, 0, 0 };
	FILE *f = fopen("/proc/sys/kernel/pid_max", "r");
	unsigned long max = 4194304;
	double t0, us;
	size_t i;
	int r;

	if (f != NULL) {
		if (fscanf(f, "%lu", &max) != 1)
			max = 4194304;
		fclose(f);
	}
	k.max_pid = max + 1;
	k.fds = xmalloc(k.max_pid * sizeof *k.fds);
	for (i = 0; i < k.max_pid; i++)
		k.fds[i] = -1;
	kept_stat_pass(&k); /* opens them: not timed, like ProcTable's cold refresh */
	t0 = cpu_now_us();
	for (r = 0; r < refreshes && !interrupted; r++)
		*files = kept_stat_pass(&k);
	us = cpu_now_us() - t0;
	for (i = 0; i < k.max_pid; i++)
		if (k.fds[i] >= 0)
			close(k.fds[i]);
	free(k.fds);
	return us;
}

/* libproc2's reap with the items ProcTable uses (those from stat). */
static double libproc2_pass(struct pids_info *info, int refreshes, size_t *rows)
{
	double t0 = cpu_now_us();
	int i;

	for (i = 0; i < refreshes; i++) {
		struct pids_fetch *f = procps_pids_reap(info, PIDS_FETCH_TASKS_ONLY);
		*rows = f != NULL ? (size_t)f->counts->total : 0;
	}
	return cpu_now_us() - t0;
}

static void report(const char *label, double cpu_us, int refreshes, size_t rows)
{
	double per_refresh = cpu_us / refreshes;

	printf("  %-36s %9.2f ms/refresh %7.2f us/process\n", label, per_refresh / 1000.0,
	       rows ? per_refresh / (double)rows : 0.0);
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
	double t0, refresh_us, raw_us, smaps_us, cold_us, lib_us, kept_us, dirstat_us;
	size_t rows = 0, raw_files = 0, lib_rows = 0, kept_files = 0, dirstat_files = 0;
	size_t denied = 0, i;
	int r, ret = 1;

	if (sleepers_start(&s, n) < 0)
		goto out;
	table = ProcTable_new();
	t0 = cpu_now_us();
	if (ProcTable_refresh(table) < 0)
		goto out;
	cold_us = cpu_now_us() - t0;

	t0 = cpu_now_us();
	for (r = 0; r < refreshes && !interrupted; r++)
		ProcTable_refresh(table);
	refresh_us = cpu_now_us() - t0;
	rows = ProcTable_count(table);

	if (procps_pids_new(&info, items, (int)(sizeof items / sizeof items[0])) < 0)
		goto out;
	lib_us = libproc2_pass(info, refreshes, &lib_rows);

	t0 = cpu_now_us();
	for (r = 0; r < refreshes && !interrupted; r++)
		raw_files = raw_stat_pass(false);
	raw_us = cpu_now_us() - t0;
	t0 = cpu_now_us();
	for (r = 0; r < refreshes && !interrupted; r++)
		dirstat_files = raw_stat_pass(true);
	dirstat_us = cpu_now_us() - t0;
	kept_us = kept_stat_measure(refreshes, &kept_files);

	t0 = cpu_now_us();
	for (r = 0; r < refreshes && !interrupted; r++) {
		ProcTable_refresh(table);
		denied = 0;
		for (i = 0; i < ProcTable_count(table); i++) {
			MemTotals totals;
			smaps_rollup_read(ProcTable_at(table, i)->pid, &totals);
			denied += totals.state != READ_OK;
		}
	}
	smaps_us = cpu_now_us() - t0;
	if (interrupted)
		goto out;

	printf("N = %zu sleeping processes; the table holds %zu processes; %d refreshes\n",
	       n, rows, refreshes);
	report("(1) ProcTable_refresh", refresh_us, refreshes, rows);
	report("    libproc2 reap alone (same items)", lib_us, refreshes, lib_rows);
	report("    first refresh (reads identities)", cold_us, 1, rows);
	report("(2) raw read of every stat (floor)", raw_us, refreshes, raw_files);
	report("    floor + stat() of /proc/PID", dirstat_us, refreshes, dirstat_files);
	report("    stat fds kept open, pread instead", kept_us, refreshes, kept_files);
	report("(3) refresh + smaps_rollup for all", smaps_us, refreshes, rows);
	printf("  %-36s %9.2f  (smaps_rollup not readable for %zu processes: kernel threads, "
	       "zombies, denied)\n", "ratio (1)/(2) per process",
	       (refresh_us / (double)rows) / (raw_us / (double)(raw_files ? raw_files : 1)),
	       denied);
	ret = 0;
out:
	if (info != NULL)
		procps_pids_unref(&info);
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
		/* the kept-open measure holds one fd per process */
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
