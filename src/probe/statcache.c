/*
 * StatCache, see statcache.h. The cache owns one descriptor of its own, the
 * /proc directory (listed with getdents64, and the base of every path it
 * opens), and counts the entries it holds against its budget: held counts
 * entries whose two files are open, and only StatCache_hold and
 * StatCache_forget change it. An entry's text is the exact bytes of its
 * last read, so "unchanged" means the kernel printed the same stat line.
 */
#include "probe/statcache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/xalloc.h"

#define DENTS_BYTES  32768
#define STAT_TEXT_MAX 4096  /* a stat line is about 300 bytes, 1.5 KiB at most */
#define RESERVE_MAX  1024   /* descriptors left to the rest of the program */
#define NOFILE_CEILING ((rlim_t)1 << 20) /* fs.nr_open's default: setrlimit's
                                          * ceiling when the hard limit is above it */

struct StatCache {
	int proc_fd;          /* owned: procfs_root(), O_DIRECTORY; -1 until listed */
	size_t held, budget;  /* entries held; the most it may hold */
	bool starved;         /* an open hit EMFILE/ENFILE: hold nothing until a close */
	pid_t *pids;          /* owned: the last listing */
	size_t npids, pids_cap;
	char *dents;          /* owned: DENTS_BYTES for getdents64 */
};

/* Soft limit to the hard limit, once per program: the table is the only
 * part that wants many descriptors, and the soft limit is only a default. */
static void nofile_raise_once(void)
{
	static bool raised;
	struct rlimit rl;

	if (raised)
		return;
	raised = true;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= rl.rlim_max)
		return;
	rl.rlim_cur = rl.rlim_max;
	if (setrlimit(RLIMIT_NOFILE, &rl) == 0)
		return;
	/* a hard limit above fs.nr_open (or infinite) is refused: try the default ceiling */
	if (rl.rlim_max > NOFILE_CEILING) {
		if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= NOFILE_CEILING)
			return;
		rl.rlim_cur = NOFILE_CEILING;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

/* Descriptors the program has open now; the soft limit when unknown. */
static rlim_t fds_open(rlim_t soft)
{
	char path[64];
	struct dirent *de;
	rlim_t n = 0;
	DIR *d;

	snprintf(path, sizeof path, "%s/self/fd", procfs_root());
	if ((d = opendir(path)) == NULL)
		return soft;
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	return n > 0 ? n - 1 : 0; /* the listing's own */
}

/* Processes the soft limit leaves room for, two descriptors each, after
 * those open now and a quarter of the limit (at most RESERVE_MAX) for what
 * the rest of the program opens later, reads through the table included. */
static size_t budget_from_limit(void)
{
	struct rlimit rl;
	rlim_t soft, taken;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return 0;
	soft = rl.rlim_cur == RLIM_INFINITY ? NOFILE_CEILING : rl.rlim_cur;
	taken = fds_open(soft) + (soft / 4 < RESERVE_MAX ? soft / 4 : RESERVE_MAX);
	if (soft <= taken)
		return 0;
	return (soft - taken) / 2 > STATCACHE_MAX_HELD ? STATCACHE_MAX_HELD
	                                                : (size_t)((soft - taken) / 2);
}

StatCache *StatCache_new(void)
{
	StatCache *c = xcalloc(1, sizeof *c);

	nofile_raise_once();
	c->proc_fd = -1;
	c->budget = budget_from_limit();
	c->dents = xmalloc(DENTS_BYTES);
	return c;
}

void StatCache_delete(StatCache *c)
{
	if (c == NULL)
		return;
	if (c->proc_fd >= 0)
		close(c->proc_fd);
	free(c->pids);
	free(c->dents);
	free(c);
}

size_t StatCache_held(const StatCache *c)
{
	return c->held;
}

size_t StatCache_budget(const StatCache *c)
{
	return c->budget;
}

static int proc_fd(StatCache *c)
{
	if (c->proc_fd < 0)
		c->proc_fd = open(procfs_root(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return c->proc_fd;
}

/* ---- listing ---- */

/* A /proc entry's name as a pid: digits only, no leading zero, fits pid_t. */
static pid_t pid_from_name(const char *name)
{
	int64_t v = 0;
	const char *p;

	if (name[0] < '1' || name[0] > '9')
		return 0;
	for (p = name; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		v = v * 10 + (*p - '0');
		if (v > INT32_MAX)
			return 0;
	}
	return (pid_t)v;
}

static void pids_push(StatCache *c, pid_t pid)
{
	if (c->npids == c->pids_cap) {
		c->pids_cap = c->pids_cap ? c->pids_cap * 2 : 1024;
		c->pids = xreallocarray(c->pids, c->pids_cap, sizeof *c->pids);
	}
	c->pids[c->npids++] = pid;
}

static int pid_cmp(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;
	return (x > y) - (x < y);
}

static void pids_sort_unique(StatCache *c)
{
	size_t i, n = 0;

	qsort(c->pids, c->npids, sizeof *c->pids, pid_cmp);
	for (i = 0; i < c->npids; i++)
		if (n == 0 || c->pids[i] != c->pids[n - 1])
			c->pids[n++] = c->pids[i];
	c->npids = n;
}

/* Parses one getdents64 buffer; returns whether the pids stayed ascending. */
static bool dents_parse(StatCache *c, const char *buf, size_t len, bool sorted)
{
	size_t off = 0;

	while (off < len) {
		const struct dirent64 *d = (const struct dirent64 *)(const void *)(buf + off);
		pid_t pid = pid_from_name(d->d_name);

		off += d->d_reclen;
		if (pid == 0)
			continue;
		if (c->npids > 0 && pid <= c->pids[c->npids - 1])
			sorted = false;
		pids_push(c, pid);
	}
	return sorted;
}

int StatCache_list(StatCache *c, const pid_t **pids, size_t *n)
{
	bool sorted = true;
	int fd = proc_fd(c);

	*pids = NULL;
	*n = 0;
	if (fd < 0 || lseek(fd, 0, SEEK_SET) < 0)
		return -1;
	c->npids = 0;
	for (;;) {
		ssize_t got = getdents64(fd, c->dents, DENTS_BYTES);

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -1;
		if (got == 0)
			break;
		sorted = dents_parse(c, c->dents, (size_t)got, sorted);
	}
	if (!sorted) /* /proc lists pids in order; do not rely on it */
		pids_sort_unique(c);
	*pids = c->pids;
	*n = c->npids;
	return 0;
}

/* ---- entries ---- */

void StatFile_init(StatFile *f, pid_t pid)
{
	StatFile_clear(f);
	f->pid = pid;
}

void StatFile_clear(StatFile *f)
{
	f->pid = 0;
	f->dir_fd = -1;
	f->stat_fd = -1;
	f->text = NULL;
	f->len = 0;
	f->cap = 0;
}

bool StatFile_held(const StatFile *f)
{
	return f->stat_fd >= 0;
}

ProcDir StatFile_dir(const StatFile *f)
{
	ProcDir dir = { f->pid, f->dir_fd };
	return dir;
}

void StatFile_forget_text(StatFile *f)
{
	f->len = 0;
	if (f->text != NULL)
		f->text[0] = '\0';
}

static void fds_close(StatCache *c, StatFile *f)
{
	if (f->stat_fd < 0)
		return;
	close(f->stat_fd);
	close(f->dir_fd);
	f->stat_fd = f->dir_fd = -1;
	c->held--;
	c->starved = false;
}

bool StatCache_hold(StatCache *c, StatFile *f)
{
	char name[16];
	int dir, st, base = proc_fd(c);

	if (StatFile_held(f))
		return true;
	if (c->starved || c->held >= c->budget || base < 0)
		return false;
	snprintf(name, sizeof name, "%d", (int)f->pid);
	dir = openat(base, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	st = dir < 0 ? -1 : openat(dir, "stat", O_RDONLY | O_CLOEXEC);
	if (st < 0) {
		if (errno == EMFILE || errno == ENFILE)
			c->starved = true;
		if (dir >= 0)
			close(dir);
		return false;
	}
	f->dir_fd = dir;
	f->stat_fd = st;
	c->held++;
	return true;
}

void StatCache_forget(StatCache *c, StatFile *f)
{
	fds_close(c, f);
	free(f->text);
	f->text = NULL;
	f->len = f->cap = 0;
}

/* One read of stat into buf: pread of the held file, or open, read, close. */
static ssize_t stat_read_raw(StatCache *c, const StatFile *f, char *buf, size_t size)
{
	char name[32];
	ssize_t n;
	int fd, err, base;

	if (StatFile_held(f)) {
		while ((n = pread(f->stat_fd, buf, size, 0)) < 0 && errno == EINTR)
			;
		return n;
	}
	if ((base = proc_fd(c)) < 0)
		return -1;
	snprintf(name, sizeof name, "%d/stat", (int)f->pid);
	if ((fd = openat(base, name, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	while ((n = read(fd, buf, size)) < 0 && errno == EINTR)
		;
	err = errno;
	close(fd);
	errno = err;
	return n;
}

static void text_store(StatFile *f, const char *buf, size_t n)
{
	if (f->cap < n + 1) {
		f->cap = n + 1 > 512 ? n + 1 : 512;
		f->text = xrealloc(f->text, f->cap);
	}
	memcpy(f->text, buf, n);
	f->text[n] = '\0';
	f->len = n;
}

ReadState StatCache_read(StatCache *c, StatFile *f, bool *changed)
{
	char buf[STAT_TEXT_MAX];
	ssize_t n = stat_read_raw(c, f, buf, sizeof buf);

	*changed = false;
	if (n < 0)
		return ReadState_from_errno(errno);
	if (n == 0) /* a held stat of a reaped process may read as empty */
		return READ_GONE;
	if ((size_t)n == sizeof buf) { /* no stat line is this long */
		errno = EFBIG;
		return READ_ERROR;
	}
	if ((size_t)n == f->len && memcmp(buf, f->text, (size_t)n) == 0)
		return READ_OK;
	text_store(f, buf, (size_t)n);
	*changed = true;
	return READ_OK;
}

ReadState StatCache_owner(StatCache *c, const StatFile *f, uid_t *uid, gid_t *gid)
{
	struct stat sb;
	char name[16];
	int r, base;

	if (StatFile_held(f)) {
		r = fstat(f->dir_fd, &sb);
	} else {
		if ((base = proc_fd(c)) < 0)
			return ReadState_from_errno(errno);
		snprintf(name, sizeof name, "%d", (int)f->pid);
		r = fstatat(base, name, &sb, 0);
	}
	if (r != 0)
		return ReadState_from_errno(errno);
	*uid = sb.st_uid;
	*gid = sb.st_gid;
	return READ_OK;
}
