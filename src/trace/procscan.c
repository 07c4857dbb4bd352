/*
 * procscan: see procscan.h. stat's comm may contain spaces and ')' itself,
 * so the fields after it start after the *last* ')' of the line. Nothing
 * here allocates per process except the pid lists.
 */
#include "trace/procscan.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xalloc.h"

#define PF_KTHREAD 0x00200000ull /* include/linux/sched.h */

/* Reads one unsigned decimal at *p (leading blanks skipped); false on no
 * digit or overflow. */
static bool scan_ull(const char **p, const char *end, unsigned long long *out)
{
	const char *s = *p;
	unsigned long long v = 0;

	while (s < end && *s == ' ')
		s++;
	if (s >= end || *s < '0' || *s > '9')
		return false;
	for (; s < end && *s >= '0' && *s <= '9'; s++) {
		unsigned digit = (unsigned)(*s - '0');
		if (v > (~0ull - digit) / 10)
			return false;
		v = v * 10 + digit;
	}
	*p = s;
	*out = v;
	return true;
}

/* Skips one blank-separated field (signed numbers included). */
static bool skip_field(const char **p, const char *end)
{
	const char *s = *p;

	while (s < end && *s == ' ')
		s++;
	if (s >= end)
		return false;
	while (s < end && *s != ' ' && *s != '\n')
		s++;
	*p = s;
	return true;
}

static const char *last_paren(const char *text, size_t len)
{
	for (size_t i = len; i > 0; i--)
		if (text[i - 1] == ')')
			return text + i - 1;
	return NULL;
}

static void copy_comm(char dst[16], const char *src, size_t len)
{
	size_t n = len < 15 ? len : 15;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)src[i];
		dst[i] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	dst[n] = '\0';
}

/* Fields 26-28, after the start time: optional (an old kernel's shorter
 * line, or a cut one), left 0 when they are not all there. */
static void image_fields(const char **p, const char *end, ProcImage *image)
{
	unsigned long long v[3];

	for (int field = 23; field <= 25; field++)
		if (!skip_field(p, end))
			return;
	for (int i = 0; i < 3; i++)
		if (!scan_ull(p, end, &v[i]))
			return;
	image->code_start = v[0];
	image->code_end = v[1];
	image->stack_start = v[2];
}

bool procscan_parse_stat(const char *text, size_t len, ProcBrief *out)
{
	const char *p = text, *end = text + len, *open, *close;
	unsigned long long pid = 0, ppid = 0, flags = 0, start = 0;

	if (text == NULL || !scan_ull(&p, end, &pid) || pid == 0 || pid > 0x7fffffff)
		return false;
	open = memchr(p, '(', (size_t)(end - p));
	close = last_paren(text, len);
	if (open == NULL || close == NULL || close < open || (size_t)(end - close) < 3)
		return false;
	memset(out, 0, sizeof *out);
	out->pid = (pid_t)pid;
	copy_comm(out->comm, open + 1, (size_t)(close - open - 1));
	p = close + 1;
	if (*p != ' ')
		return false;
	out->state = p[1];
	p += 2;
	if (!scan_ull(&p, end, &ppid) || ppid > 0x7fffffff)
		return false;
	out->ppid = (pid_t)ppid;
	/* Fields 5 to 8, the flags (9), fields 10 to 21, the start time (22). */
	for (int field = 5; field <= 8; field++)
		if (!skip_field(&p, end))
			return false;
	if (!scan_ull(&p, end, &flags))
		return false;
	out->kthread = (flags & PF_KTHREAD) != 0;
	for (int field = 10; field <= 21; field++)
		if (!skip_field(&p, end))
			return false;
	if (!scan_ull(&p, end, &start))
		return false;
	out->start_ticks = start;
	image_fields(&p, end, &out->image);
	return true;
}

/* Reads a small /proc file into buf (NUL-terminated); returns its length
 * or -errno. */
static ssize_t read_small(const char *path, char *buf, size_t buflen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	do
		n = read(fd, buf, buflen - 1);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		n = -errno;
	else
		buf[n] = '\0';
	close(fd);
	return n;
}

int procscan_read_stat(pid_t pid, ProcBrief *out)
{
	char path[40], buf[1024];
	ssize_t n;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	n = read_small(path, buf, sizeof buf);
	if (n < 0)
		return (int)n;
	/* A zombie reaped between open and read gives an empty read. */
	return procscan_parse_stat(buf, (size_t)n, out) ? 0 : -ESRCH;
}

static int list_numeric(const char *dirpath, pid_t **out, size_t *count)
{
	DIR *dir = opendir(dirpath);
	struct dirent *de;
	pid_t *pids = NULL;
	size_t n = 0, cap = 0;

	*out = NULL;
	*count = 0;
	if (dir == NULL)
		return -errno;
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
	return 0;
}

int procscan_pids(pid_t **out, size_t *count)
{
	return list_numeric("/proc", out, count);
}

int procscan_tasks(pid_t pid, pid_t **out, size_t *count)
{
	char path[40];

	snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
	return list_numeric(path, out, count);
}

int procscan_exe(pid_t pid, char *buf, size_t buflen)
{
	char path[40];
	ssize_t n;

	if (buflen == 0)
		return -EINVAL;
	snprintf(path, sizeof path, "/proc/%d/exe", (int)pid);
	n = readlink(path, buf, buflen - 1);
	if (n < 0) {
		buf[0] = '\0';
		return -errno;
	}
	buf[n] = '\0';
	return 0;
}

int procscan_comm(pid_t pid, char *buf, size_t buflen)
{
	char path[40], text[64];
	ssize_t n;

	if (buflen == 0)
		return -EINVAL;
	buf[0] = '\0';
	snprintf(path, sizeof path, "/proc/%d/comm", (int)pid);
	n = read_small(path, text, sizeof text);
	if (n < 0)
		return (int)n;
	while (n > 0 && text[n - 1] == '\n')
		n--;
	if ((size_t)n >= buflen)
		n = (ssize_t)buflen - 1;
	memcpy(buf, text, (size_t)n);
	buf[n] = '\0';
	return 0;
}

void procscan_join_args(char *text, size_t len)
{
	while (len > 0 && text[len - 1] == '\0')
		len--; /* the last argument's terminator */
	for (size_t i = 0; i < len; i++)
		if (text[i] == '\0')
			text[i] = ' ';
		else if ((unsigned char)text[i] < 0x20 || text[i] == 0x7f)
			text[i] = '?';
	text[len] = '\0';
}

int procscan_cmdline(pid_t pid, char *buf, size_t buflen)
{
	char path[40];
	ssize_t n;

	if (buflen == 0)
		return -EINVAL;
	buf[0] = '\0';
	snprintf(path, sizeof path, "/proc/%d/cmdline", (int)pid);
	n = read_small(path, buf, buflen);
	if (n < 0) {
		buf[0] = '\0';
		return (int)n;
	}
	procscan_join_args(buf, (size_t)n);
	return 0;
}
