/*
 * Whole-file reads of /proc, see procfs.h. A /proc file's size is unknown
 * until it is read (stat says 0), so the buffer grows until read() returns
 * 0. Every failure becomes a ReadState through ReadState_from_errno; the
 * buffer of a failed read is freed, never handed out half-filled.
 */
#include "probe/procfs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xalloc.h"

const char *procfs_root(void)
{
	static const char *root;

	if (root == NULL) {
		const char *env = getenv("FORKSCOPE_PROC");
		root = env != NULL && env[0] == '/' ? env : "/proc";
	}
	return root;
}

void FileText_done(FileText *ft)
{
	free(ft->text);
	ft->text = NULL;
	ft->len = 0;
}

ReadState procfs_read_fd(int fd, size_t max_len, FileText *out)
{
	size_t cap = 4096, len = 0;
	char *buf = xmalloc(cap);

	out->text = NULL;
	out->len = 0;
	for (;;) {
		ssize_t n;

		if (len + 1 >= cap) {
			if (cap > max_len) {
				free(buf);
				errno = EFBIG;
				return READ_ERROR;
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		n = read(fd, buf + len, cap - 1 - len);
		if (n < 0) {
			int err = errno;
			if (err == EINTR)
				continue;
			free(buf);
			errno = err;
			return ReadState_from_errno(err);
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (len > max_len) {
		free(buf);
		errno = EFBIG;
		return READ_ERROR;
	}
	buf[len] = '\0';
	out->text = buf;
	out->len = len;
	return READ_OK;
}

int procfs_path(char *buf, size_t len, pid_t pid, const char *name)
{
	int n = pid > 0 ? snprintf(buf, len, "%s/%d/%s", procfs_root(), (int)pid, name)
	                : snprintf(buf, len, "%s/%s", procfs_root(), name);

	if (n < 0 || (size_t)n >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

static ReadState read_at(int dirfd, const char *path, size_t max_len, FileText *out)
{
	int fd, err;
	ReadState st;

	out->text = NULL;
	out->len = 0;
	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return ReadState_from_errno(errno);
	st = procfs_read_fd(fd, max_len, out);
	err = errno;
	close(fd);
	errno = err;
	return st;
}

static ReadState readlink_at(int dirfd, const char *path, char **out)
{
	size_t cap = 256;

	*out = NULL;
	for (;;) {
		char *buf = xmalloc(cap);
		ssize_t n = readlinkat(dirfd, path, buf, cap);

		if (n < 0) {
			int err = errno;
			free(buf);
			errno = err;
			return ReadState_from_errno(err);
		}
		if ((size_t)n < cap) {
			buf[n] = '\0';
			*out = buf;
			return READ_OK;
		}
		free(buf); /* may have been truncated: try a larger buffer */
		if (cap >= (size_t)PATH_MAX * 4) {
			errno = ENAMETOOLONG;
			return READ_ERROR;
		}
		cap *= 2;
	}
}

ReadState procfs_read(pid_t pid, const char *name, size_t max_len, FileText *out)
{
	char path[PATH_MAX];

	out->text = NULL;
	out->len = 0;
	if (procfs_path(path, sizeof path, pid, name) < 0)
		return READ_ERROR;
	return read_at(AT_FDCWD, path, max_len, out);
}

ReadState procfs_readlink(pid_t pid, const char *name, char **out)
{
	char path[PATH_MAX];

	*out = NULL;
	if (procfs_path(path, sizeof path, pid, name) < 0)
		return READ_ERROR;
	return readlink_at(AT_FDCWD, path, out);
}

ReadState ProcDir_open(ProcDir *dir, pid_t pid)
{
	char path[PATH_MAX];

	dir->pid = pid;
	dir->fd = -1;
	if (pid <= 0) {
		errno = ESRCH;
		return READ_GONE;
	}
	if (procfs_path(path, sizeof path, pid, "") < 0)
		return READ_ERROR;
	dir->fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir->fd < 0)
		return ReadState_from_errno(errno);
	return READ_OK;
}

void ProcDir_close(ProcDir *dir)
{
	if (dir->fd >= 0)
		close(dir->fd);
	dir->fd = -1;
}

ReadState ProcDir_read(const ProcDir *dir, const char *name, size_t max_len, FileText *out)
{
	if (dir->fd < 0) {
		out->text = NULL;
		out->len = 0;
		errno = EBADF;
		return READ_ERROR;
	}
	return read_at(dir->fd, name, max_len, out);
}

ReadState ProcDir_readlink(const ProcDir *dir, const char *name, char **out)
{
	if (dir->fd < 0) {
		*out = NULL;
		errno = EBADF;
		return READ_ERROR;
	}
	return readlink_at(dir->fd, name, out);
}

ReadState ProcDir_alive(const ProcDir *dir)
{
	/* stat is readable by anyone for as long as the process exists,
	 * zombies included; once reaped, the directory fd answers ESRCH */
	if (dir->fd < 0)
		return READ_GONE;
	if (faccessat(dir->fd, "stat", R_OK, 0) == 0)
		return READ_OK;
	return errno == EACCES || errno == EPERM ? READ_OK : ReadState_from_errno(errno);
}

ReadState procfs_stat(pid_t pid, const char *name, struct stat *out)
{
	char path[PATH_MAX];

	if (procfs_path(path, sizeof path, pid, name) < 0 || stat(path, out) < 0)
		return ReadState_from_errno(errno);
	return READ_OK;
}

ReadState procfs_pids(pid_t pid, pid_t **out, size_t *count)
{
	char path[PATH_MAX];
	struct dirent *de;
	pid_t *pids = NULL;
	size_t n = 0, cap = 0;
	DIR *dir;

	*out = NULL;
	*count = 0;
	if (procfs_path(path, sizeof path, pid, pid > 0 ? "task" : ".") < 0 ||
	    (dir = opendir(path)) == NULL)
		return ReadState_from_errno(errno);
	while ((de = readdir(dir)) != NULL) {
		char *endp;
		long v;

		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		v = strtol(de->d_name, &endp, 10);
		if (*endp != '\0' || v <= 0 || v > 0x7fffffff)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			pids = xreallocarray(pids, cap, sizeof *pids);
		}
		pids[n++] = (pid_t)v;
	}
	closedir(dir);
	*out = pids;
	*count = n;
	return READ_OK;
}
