/*
 * Exec records (see execrec.h). Every file is read through one ProcDir, so
 * a record is one process's even if the pid is reused meanwhile. The file
 * name passed to execve is the string AT_EXECFN points at, read from
 * /proc/PID/mem: that needs ptrace access to the process, which a tracer
 * has.
 */
#include "probe/execrec.h"

#include <ctype.h>
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "probe/environ.h"
#include "probe/procfs.h"
#include "probe/textscan.h"

uint64_t auxv_value(const void *auxv, size_t len, uint64_t type)
{
	const unsigned char *p = auxv;
	uint64_t pair[2];

	/* Pairs of machine words (this program's: /proc/PID/auxv of a 32-bit
	 * process reads the same on a 64-bit kernel only for 64-bit readers). */
	for (size_t off = 0; off + sizeof pair <= len; off += sizeof pair) {
		memcpy(pair, p + off, sizeof pair);
		if (pair[0] == AT_NULL)
			break;
		if (pair[0] == type)
			return pair[1];
	}
	return 0;
}

static bool shell_plain(const char *word)
{
	if (word[0] == '\0')
		return false;
	for (const char *p = word; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && strchr("_@%+=:,./-", *p) == NULL)
			return false;
	return true;
}

void strv_shell_text(char *const *argv, char *buf, size_t len)
{
	size_t used = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; argv != NULL && argv[i] != NULL && used + 1 < len; i++) {
		char word[1024], quoted[2048];
		size_t q = 0;

		text_escape(argv[i], word, sizeof word);
		if (shell_plain(argv[i])) {
			snprintf(quoted, sizeof quoted, "%s", word);
		} else {
			quoted[q++] = '\'';
			for (const char *p = word; *p != '\0' && q + 5 < sizeof quoted; p++) {
				if (*p == '\'') {
					memcpy(quoted + q, "'\\''", 4);
					q += 4;
				} else {
					quoted[q++] = *p;
				}
			}
			quoted[q++] = '\'';
			quoted[q] = '\0';
		}
		used += (size_t)snprintf(buf + used, len - used, "%s%s", i > 0 ? " " : "", quoted);
		if (used >= len)
			used = len - 1;
	}
}

/* The NUL-terminated string at addr in the process's memory. */
static char *read_string_at(const ProcDir *dir, uint64_t addr)
{
	char buf[PATH_MAX];
	ssize_t n;
	int fd;

	if (addr == 0)
		return NULL;
	fd = openat(dir->fd, "mem", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	/* The string sits near the top of the stack: a short read is normal. */
	n = pread(fd, buf, sizeof buf - 1, (off_t)addr);
	close(fd);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	return xstrdup(buf);
}

static char *read_filename(const ProcDir *dir)
{
	FileText auxv;
	char *name;

	if (ProcDir_read(dir, "auxv", PROCFS_SMALL_MAX, &auxv) != READ_OK)
		return NULL;
	name = read_string_at(dir, auxv_value(auxv.text, auxv.len, AT_EXECFN));
	FileText_done(&auxv);
	return name;
}

static int fd_compare(const void *a, const void *b)
{
	const ExecFd *x = a, *y = b;

	return (x->fd > y->fd) - (x->fd < y->fd);
}

static void read_fds(const ProcDir *dir, ExecRecord *rec)
{
	size_t cap = 0;
	struct dirent *de;
	DIR *d;
	int fd;

	fd = openat(dir->fd, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || (d = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		char name[32], *target;
		char *end;
		long num = strtol(de->d_name, &end, 10);

		if (de->d_name[0] == '.' || *end != '\0' || num < 0 || num > INT_MAX)
			continue;
		snprintf(name, sizeof name, "fd/%ld", num);
		if (ProcDir_readlink(dir, name, &target) != READ_OK)
			continue; /* closed meanwhile */
		if (rec->nfds == cap) {
			cap = cap ? cap * 2 : 8;
			rec->fds = xreallocarray(rec->fds, cap, sizeof *rec->fds);
		}
		rec->fds[rec->nfds++] = (ExecFd){ .fd = (int)num, .target = target };
	}
	closedir(d);
	if (rec->nfds > 1)
		qsort(rec->fds, rec->nfds, sizeof *rec->fds, fd_compare);
}

static char **read_strv(const ProcDir *dir, const char *name, ReadState *state)
{
	FileText text;
	char **v;

	*state = ProcDir_read(dir, name, PROCFS_SMALL_MAX, &text);
	if (*state != READ_OK)
		return strv_split_nul(NULL, 0);
	v = strv_split_nul(text.text, text.len);
	FileText_done(&text);
	return v;
}

ReadState ExecRecord_read(ExecRecord *rec, pid_t pid, bool late)
{
	ReadState argv_state;
	ProcDir dir;

	memset(rec, 0, sizeof *rec);
	rec->pid = pid;
	rec->late = late;
	rec->state = ProcDir_open(&dir, pid);
	if (rec->state != READ_OK) {
		rec->argv = strv_split_nul(NULL, 0);
		rec->env = strv_split_nul(NULL, 0);
		rec->env_state = rec->state;
		return rec->state;
	}
	rec->argv = read_strv(&dir, "cmdline", &argv_state);
	rec->env = read_strv(&dir, "environ", &rec->env_state);
	rec->filename = read_filename(&dir);
	if (ProcDir_readlink(&dir, "cwd", &rec->cwd) != READ_OK)
		rec->cwd = NULL;
	read_fds(&dir, rec);
	/* Gone before the end: what was read may be half of it. */
	if (argv_state != READ_OK || ProcDir_alive(&dir) != READ_OK)
		rec->state = argv_state != READ_OK ? argv_state : READ_GONE;
	ProcDir_close(&dir);
	return rec->state;
}

void ExecRecord_compare_env(ExecRecord *rec, char *const *before)
{
	EnvDiff diff;
	size_t a = 0, r = 0;

	environ_free(rec->env_added);
	environ_free(rec->env_removed);
	rec->env_added = rec->env_removed = NULL;
	rec->env_compared = before != NULL && rec->env_state == READ_OK;
	if (!rec->env_compared)
		return;
	EnvDiff_compute(&diff, rec->env, before);
	rec->env_added = xcalloc(diff.added + 1, sizeof *rec->env_added);
	rec->env_removed = xcalloc(diff.removed + 1, sizeof *rec->env_removed);
	for (size_t i = 0; i < diff.n; i++) {
		if (diff.v[i].change == ENV_ADDED)
			rec->env_added[a++] = xstrdup(diff.v[i].entry);
		else
			rec->env_removed[r++] = xstrdup(diff.v[i].entry);
	}
	EnvDiff_done(&diff);
}

void ExecRecord_done(ExecRecord *rec)
{
	free(rec->filename);
	free(rec->cwd);
	environ_free(rec->argv);
	environ_free(rec->env);
	environ_free(rec->env_added);
	environ_free(rec->env_removed);
	for (size_t i = 0; i < rec->nfds; i++)
		free(rec->fds[i].target);
	free(rec->fds);
	for (size_t i = 0; i < rec->nattempts; i++)
		free(rec->attempts[i].path);
	free(rec->attempts);
	memset(rec, 0, sizeof *rec);
}
