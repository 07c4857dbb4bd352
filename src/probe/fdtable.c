/*
 * The FD table: /proc/PID/fd lists the open descriptors as magic links
 * (readlink gives "pipe:[N]", "anon_inode:[eventfd]", a path ...; stat
 * follows them to the open file itself), /proc/PID/fdinfo/N gives offset,
 * flags and mount id. The table is a snapshot: an FD closed between the
 * listing and its own reads is left out, not reported half-read; a process
 * gone (or exiting: its FDs then look like root's) by the end makes the
 * whole table READ_GONE.
 *
 * Identity: dev + inode names the file (or pipe, socket) an FD reaches,
 * but not the open file description: two open() of one file share the
 * inode and not the offset, and every anon_inode FD of a kind shares one
 * inode. Only kcmp(KCMP_FILE) answers "same description", which is what
 * fork and dup share.
 */
#include "probe/fdtable.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/kcmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "probe/status.h"
#include "probe/textscan.h"

const char *FdKind_name(FdKind kind)
{
	switch (kind) {
	case FD_KIND_FILE:   return "file";
	case FD_KIND_DIR:    return "dir";
	case FD_KIND_PIPE:   return "pipe";
	case FD_KIND_SOCKET: return "socket";
	case FD_KIND_TTY:    return "tty";
	case FD_KIND_CHAR:   return "char";
	case FD_KIND_BLOCK:  return "block";
	case FD_KIND_ANON:   return "anon";
	case FD_KIND_OTHER:  return "other";
	}
	return "unknown";
}

const char *fd_access_name(int acc_mode)
{
	switch (acc_mode & O_ACCMODE) {
	case O_RDONLY: return "r";
	case O_WRONLY: return "w";
	case O_RDWR:   return "rw";
	}
	return "?";
}

/* glibc's O_LARGEFILE is 0 for 64-bit programs; fdinfo shows the kernel's
 * bit, which the kernel sets on every file a 64-bit process opens. */
#if defined(__aarch64__) || defined(__arm__)
#define KERNEL_O_LARGEFILE 0400000
#elif defined(__powerpc__)
#define KERNEL_O_LARGEFILE 0200000
#else
#define KERNEL_O_LARGEFILE 0100000
#endif

const char *fd_mode_name(const FdEntry *e)
{
	return e->flags & O_PATH ? "path" : fd_access_name(e->acc_mode);
}

void fd_flags_names(unsigned flags, bool all, const char *sep, char *buf, size_t len)
{
	static const struct { unsigned bits; const char *name; bool always; } names[] = {
		{ O_CLOEXEC, "CLOEXEC", true }, { O_NONBLOCK, "NONBLOCK", true },
		{ O_APPEND, "APPEND", true }, { O_PATH, "PATH", true },
		{ O_DIRECT, "DIRECT", true }, { O_SYNC, "SYNC", true }, { O_DSYNC, "DSYNC", true },
		{ O_NOATIME, "NOATIME", true }, { O_TMPFILE, "TMPFILE", true },
		{ KERNEL_O_LARGEFILE, "LARGEFILE", false },
	};
	size_t used = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (names[i].bits == 0 || (flags & names[i].bits) != names[i].bits ||
		    (!names[i].always && !all))
			continue;
		/* O_SYNC holds O_DSYNC's bit: name the one that is set. */
		if (names[i].bits == O_DSYNC && (flags & O_SYNC) == O_SYNC)
			continue;
		used += (size_t)snprintf(buf + used, used < len ? len - used : 0, "%s%s",
					 used > 0 ? sep : "", names[i].name);
		if (used >= len) {
			buf[len - 1] = '\0';
			return;
		}
	}
}

/* Lines that tell an anon inode's kind, by the key they start with. */
static const struct {
	const char *prefix;
	const char *kind;
} fdinfo_kinds[] = {
	{ "Pid:",           "pidfd" },
	{ "eventfd-count:", "eventfd" },
	{ "sigmask:",       "signalfd" },
	{ "clockid:",       "timerfd" },
	{ "tfd:",           "eventpoll" },
	{ "inotify ",       "inotify" },
	{ "fanotify ",      "fanotify" },
};

static bool fdinfo_number(Scan value, int64_t lo, int64_t hi, int64_t *out)
{
	Scan_skip_blanks(&value);
	value = Scan_trim_right(value);
	return Scan_i64(&value, out) && Scan_at_end(&value) && *out >= lo && *out <= hi;
}

/* One line of fdinfo; returns 1 for pos, 2 for flags, 0 otherwise, -1 bad. */
static int fdinfo_line(Scan line, FdInfo *out)
{
	Scan value = line, key;
	int64_t v;
	uint64_t u;
	size_t i;

	for (i = 0; i < sizeof fdinfo_kinds / sizeof fdinfo_kinds[0]; i++) {
		Scan probe = line;
		if (out->extra_kind[0] == '\0' && Scan_literal(&probe, fdinfo_kinds[i].prefix))
			snprintf(out->extra_kind, sizeof out->extra_kind, "%s", fdinfo_kinds[i].kind);
	}
	if (!Scan_key(&value, &key))
		return 0;
	if (Scan_equals(key, "pos")) {
		if (!fdinfo_number(value, 0, INT64_MAX, &v))
			return -1;
		out->pos = (long long)v;
		return 1;
	}
	if (Scan_equals(key, "flags")) {
		Scan_skip_blanks(&value);
		value = Scan_trim_right(value);
		if (!Scan_octal(&value, &u) || !Scan_at_end(&value) || u > UINT32_MAX)
			return -1;
		out->flags = (unsigned)u;
		return 2;
	}
	if (Scan_equals(key, "mnt_id"))
		return fdinfo_number(value, 0, INT32_MAX, &v) ? (out->mnt_id = (int)v, 0) : -1;
	if (Scan_equals(key, "Pid"))
		return fdinfo_number(value, -1, INT32_MAX, &v) ? (out->pidfd_pid = (pid_t)v, 0) : -1;
	if (Scan_equals(key, "eventfd-count")) {
		/* "%16llx": hexadecimal, padded with spaces */
		Scan_skip_blanks(&value);
		value = Scan_trim_right(value);
		if (!Scan_hex(&value, &u, 16) || !Scan_at_end(&value))
			return -1;
		out->eventfd_count = (unsigned long long)u;
		return 0;
	}
	if (Scan_equals(key, "inotify wd") && out->inotify_watches < INT32_MAX)
		out->inotify_watches++;
	return 0;
}

ReadState fdinfo_parse(const char *text, size_t len, FdInfo *out)
{
	Scan s = Scan_make(text, len), line;
	int have = 0;

	memset(out, 0, sizeof *out);
	out->mnt_id = -1;
	if (text == NULL)
		return READ_MALFORMED;
	while (Scan_line(&s, &line)) {
		int bit = fdinfo_line(line, out);
		if (bit < 0)
			goto malformed;
		have |= bit;
	}
	if (have == 3)
		return READ_OK;
malformed:
	memset(out, 0, sizeof *out);
	out->mnt_id = -1;
	return READ_MALFORMED;
}

static bool has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool is_tty_path(const char *path)
{
	return has_prefix(path, "/dev/pts/") || has_prefix(path, "/dev/tty") ||
	       strcmp(path, "/dev/console") == 0 || strcmp(path, "/dev/ptmx") == 0;
}

/* "anon_inode:[eventfd]" -> "eventfd"; "anon_inode:inotify" -> "inotify". */
static void anon_name(const char *rest, char *anon_kind, size_t anon_len)
{
	size_t n;

	if (*rest == '[')
		rest++;
	n = strcspn(rest, "]");
	if (n >= anon_len)
		n = anon_len - 1;
	memcpy(anon_kind, rest, n);
	anon_kind[n] = '\0';
}

FdKind fd_kind_from_target(const char *target, char *anon_kind, size_t anon_len)
{
	const char *colon;

	if (anon_kind != NULL && anon_len > 0)
		anon_kind[0] = '\0';
	if (target == NULL)
		return FD_KIND_OTHER;
	if (has_prefix(target, "pipe:["))
		return FD_KIND_PIPE;
	if (has_prefix(target, "socket:["))
		return FD_KIND_SOCKET;
	if (has_prefix(target, "anon_inode:")) {
		if (anon_kind != NULL && anon_len > 0)
			anon_name(target + strlen("anon_inode:"), anon_kind, anon_len);
		return FD_KIND_ANON;
	}
	if (target[0] == '/')
		return is_tty_path(target) ? FD_KIND_TTY : FD_KIND_FILE;
	/* "net:[4026531840]" and the like: a namespace, a pidfs pidfd ... */
	colon = strstr(target, ":[");
	if (colon != NULL && anon_kind != NULL && anon_len > 0) {
		size_t n = (size_t)(colon - target);
		if (n >= anon_len)
			n = anon_len - 1;
		memcpy(anon_kind, target, n);
		anon_kind[n] = '\0';
		if (strcmp(anon_kind, "pidfd") == 0)
			return FD_KIND_ANON;
	}
	return FD_KIND_OTHER;
}

/* A path's kind from the mode of what it opened. */
static FdKind kind_from_mode(FdKind kind, const char *target, mode_t mode)
{
	if (kind != FD_KIND_FILE && kind != FD_KIND_TTY)
		return kind;
	if (S_ISDIR(mode))
		return FD_KIND_DIR;
	if (S_ISCHR(mode))
		return is_tty_path(target) ? FD_KIND_TTY : FD_KIND_CHAR;
	if (S_ISBLK(mode))
		return FD_KIND_BLOCK;
	if (S_ISFIFO(mode))
		return FD_KIND_PIPE;
	if (S_ISSOCK(mode))
		return FD_KIND_SOCKET;
	return FD_KIND_FILE;
}

void FdTable_done(FdTable *table)
{
	size_t i;

	for (i = 0; i < table->n; i++)
		free(table->v[i].target);
	free(table->v);
	table->v = NULL;
	table->n = 0;
}

/* Fills e for descriptor fd. Returns READ_OK; READ_NOT_ASKED when the fd
 * was closed since the listing (leave it out); or the state that ends the
 * whole table (gone, denied: /proc/PID/fd can be listed by those who may
 * not follow its links). */
static ReadState read_entry(const ProcDir *dir, int fd_dirfd, int fd, FdEntry *e)
{
	char name[32], info_name[48];
	const ProcDir fd_dir = { dir->pid, fd_dirfd };
	struct stat st;
	FileText ft;
	FdInfo info;
	ReadState rs;

	snprintf(name, sizeof name, "%d", fd);
	memset(e, 0, sizeof *e);
	e->fd = fd;
	e->mnt_id = -1;
	if ((rs = ProcDir_readlink(&fd_dir, name, &e->target)) != READ_OK)
		return rs == READ_GONE && errno == ENOENT ? READ_NOT_ASKED : rs;
	/* The name's bytes as the kernel gives them (a file name may hold a
	 * newline): JSON keeps them, the screen and text escape them. */
	e->kind = fd_kind_from_target(e->target, e->anon_kind, sizeof e->anon_kind);
	if (fstatat(fd_dirfd, name, &st, 0) == 0) {
		e->stat_state = READ_OK;
		e->dev = (unsigned long long)st.st_dev;
		e->ino = (unsigned long long)st.st_ino;
		e->kind = kind_from_mode(e->kind, e->target, st.st_mode);
	} else {
		e->stat_state = ReadState_from_errno(errno);
	}
	snprintf(info_name, sizeof info_name, "fdinfo/%d", fd);
	e->info_state = ProcDir_read(dir, info_name, PROCFS_SMALL_MAX, &ft);
	if (e->info_state == READ_GONE) {
		rs = errno == ENOENT ? READ_NOT_ASKED : READ_GONE;
		free(e->target);
		e->target = NULL;
		return rs;
	}
	if (e->info_state == READ_OK) {
		e->info_state = fdinfo_parse(ft.text, ft.len, &info);
		FileText_done(&ft);
	}
	if (e->info_state == READ_OK) {
		e->acc_mode = (int)(info.flags & O_ACCMODE);
		e->flags = info.flags;
		e->cloexec = (info.flags & O_CLOEXEC) != 0;
		e->nonblock = (info.flags & O_NONBLOCK) != 0;
		e->append = (info.flags & O_APPEND) != 0;
		e->pos = info.pos;
		e->mnt_id = info.mnt_id;
		e->pidfd_pid = info.pidfd_pid;
		e->eventfd_count = info.eventfd_count;
		e->inotify_watches = info.inotify_watches;
		if (e->kind == FD_KIND_ANON && info.extra_kind[0] != '\0')
			snprintf(e->anon_kind, sizeof e->anon_kind, "%s", info.extra_kind);
	}
	return READ_OK;
}

static int entry_cmp(const void *a, const void *b)
{
	int x = ((const FdEntry *)a)->fd, y = ((const FdEntry *)b)->fd;
	return (x > y) - (x < y);
}

/* The descriptor number of a directory entry, or -1 for ".", ".." etc. */
static int entry_fd(const char *name)
{
	Scan s = Scan_make(name, strlen(name));
	uint64_t v;

	if (!Scan_u64(&s, &v) || !Scan_at_end(&s) || v > INT32_MAX)
		return -1;
	return (int)v;
}

static ReadState list_fds(const ProcDir *dir, int fd_dirfd, FdTable *out)
{
	size_t cap = 0;
	ReadState rs = READ_OK;
	struct dirent *de;
	DIR *d = fdopendir(dup(fd_dirfd));

	if (d == NULL)
		return ReadState_from_errno(errno);
	errno = 0;
	while ((de = readdir(d)) != NULL) {
		int fd = entry_fd(de->d_name);

		if (fd < 0)
			continue;
		if (out->n == cap) {
			cap = cap ? cap * 2 : 16;
			out->v = xreallocarray(out->v, cap, sizeof *out->v);
		}
		rs = read_entry(dir, fd_dirfd, fd, &out->v[out->n]);
		if (rs == READ_OK)
			out->n++;
		else if (rs != READ_NOT_ASKED)
			break;
		rs = READ_OK;
		errno = 0;
	}
	if (rs == READ_OK && errno != 0)
		rs = ReadState_from_errno(errno);
	closedir(d);
	if (rs == READ_OK && out->n > 1) /* qsort must not see a NULL array */
		qsort(out->v, out->n, sizeof *out->v, entry_cmp);
	return rs;
}

/* The other end of its unix sockets: one sock_diag dump for the whole
 * table. Refused, the peers stay unknown and the table is as good. */
static void add_unix_peers(FdTable *t)
{
	UnixPeers peers;

	UnixPeers_read(&peers);
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].has_sock && strcmp(t->v[i].sock.family, "unix") == 0)
			SockInfo_add_unix_peer(&t->v[i].sock, &peers);
	UnixPeers_done(&peers);
}

/* What the process's network tables say of its sockets, by inode. The
 * tables are read only when it has a socket, the unix peers only when it
 * has a unix socket. */
static void describe_sockets(pid_t pid, FdTable *t)
{
	SockTable socks;
	bool any = false, any_unix = false;

	for (size_t i = 0; i < t->n && !any; i++)
		any = t->v[i].kind == FD_KIND_SOCKET;
	if (!any)
		return;
	SockTable_read(pid, &socks);
	for (size_t i = 0; i < t->n; i++) {
		FdEntry *e = &t->v[i];
		unsigned long inode;
		const SockInfo *s;

		if (e->kind != FD_KIND_SOCKET || e->target == NULL ||
		    sscanf(e->target, "socket:[%lu]", &inode) != 1 ||
		    (s = SockTable_find(&socks, inode)) == NULL)
			continue;
		e->sock = *s;
		e->has_sock = true;
		any_unix |= strcmp(s->family, "unix") == 0;
	}
	SockTable_done(&socks);
	if (any_unix)
		add_unix_peers(t);
}

void FdTable_read_at(const ProcDir *dir, FdTable *out)
{
	int fd_dirfd;
	ReadState rs;

	memset(out, 0, sizeof *out);
	if (dir->fd < 0) {
		out->state = READ_ERROR;
		return;
	}
	fd_dirfd = openat(dir->fd, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd_dirfd < 0) {
		out->state = proc_refine_failure(dir, ReadState_from_errno(errno));
		return;
	}
	rs = list_fds(dir, fd_dirfd, out);
	close(fd_dirfd);
	if (rs == READ_OK)
		describe_sockets(dir->pid, out);
	if (rs == READ_OK)
		rs = ProcDir_alive(dir);
	if (rs != READ_OK) {
		FdTable_done(out);
		rs = proc_refine_failure(dir, rs);
	}
	out->state = rs;
}

void FdTable_read(pid_t pid, FdTable *out)
{
	ProcDir dir;
	ReadState rs = ProcDir_open(&dir, pid);

	if (rs != READ_OK) {
		memset(out, 0, sizeof *out);
		out->state = rs;
		return;
	}
	FdTable_read_at(&dir, out);
	ProcDir_close(&dir);
}

const FdEntry *FdTable_find(const FdTable *table, int fd)
{
	size_t lo = 0, hi = table->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (table->v[mid].fd == fd)
			return &table->v[mid];
		if (table->v[mid].fd < fd)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int fd_same_description(pid_t pid1, int fd1, pid_t pid2, int fd2)
{
	long r = syscall(SYS_kcmp, pid1, pid2, KCMP_FILE, (unsigned long)fd1, (unsigned long)fd2);

	if (r < 0)
		return -1;
	return r == 0 ? 1 : 0;
}
