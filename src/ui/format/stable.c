/*
 * Stable names (see stable.h). Assignments are made once and never change
 * during a run, so the same process keeps its number on every screen.
 * Lookups are linear: a demo has tens of processes, not thousands, and
 * --stable is for screenshots and tests only.
 */
#include "ui/format/stable.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xalloc.h"

void StableIds_init(StableIds *ids, bool on, pid_t self, const char *demo_path)
{
	memset(ids, 0, sizeof *ids);
	ids->on = on;
	ids->self = self;
	snprintf(ids->demo_path, sizeof ids->demo_path, "%s", demo_path ? demo_path : "");
	/* The demo runs where forkscope was started: its cwd names a directory
	 * of this machine, which a screenshot must not show. */
	if (!on || getcwd(ids->cwd, sizeof ids->cwd) == NULL || strcmp(ids->cwd, "/") == 0)
		ids->cwd[0] = '\0';
	StableIds_reset(ids);
}

void StableIds_done(StableIds *ids)
{
	free(ids->pids);
	free(ids->inodes);
	free(ids->addrs);
	free(ids->ptys);
	ids->pids = ids->inodes = ids->addrs = ids->ptys = NULL;
	ids->npids = ids->ninodes = ids->naddrs = ids->nptys = 0;
	ids->cap_pids = ids->cap_inodes = ids->cap_addrs = ids->cap_ptys = 0;
}

void StableIds_reset(StableIds *ids)
{
	ids->npids = ids->ninodes = ids->naddrs = ids->nptys = 0;
	ids->next_pty = 1;
	ids->next_session = 1001;
	ids->next_other = 900;
	ids->next_inode = 1;
	ids->next_addr = 0;
}

static StableEntry *entry_find(StableEntry *v, size_t n, unsigned long long real)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].real == real)
			return &v[i];
	return NULL;
}

static int entry_add(StableEntry **v, size_t *n, size_t *cap, unsigned long long real, int shown)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		*v = xreallocarray(*v, *cap, sizeof **v);
	}
	(*v)[*n].real = real;
	(*v)[*n].shown = shown;
	(*n)++;
	return shown;
}

void StableIds_seed(StableIds *ids, const Session *s)
{
	if (!ids->on)
		return;
	for (size_t i = 0; i < s->nprocs; i++) {
		pid_t pid = s->procs[i].pid;
		if (pid > 0 && pid != ids->self &&
		    entry_find(ids->pids, ids->npids, (unsigned long long)pid) == NULL)
			entry_add(&ids->pids, &ids->npids, &ids->cap_pids, (unsigned long long)pid,
				  ids->next_session++);
	}
}

static int stable_pid(StableIds *ids, pid_t pid)
{
	StableEntry *e;

	if (pid == ids->self)
		return 1000;
	if (pid == 1)
		return 1; /* init is pid 1 in every run: an orphan's adopter */
	if ((e = entry_find(ids->pids, ids->npids, (unsigned long long)pid)) != NULL)
		return e->shown;
	return entry_add(&ids->pids, &ids->npids, &ids->cap_pids, (unsigned long long)pid,
			 ids->next_other--);
}

const char *StableIds_pid(StableIds *ids, pid_t pid, char *buf, size_t len)
{
	if (pid <= 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%d", ids->on ? stable_pid(ids, pid) : (int)pid);
	return buf;
}

static int stable_inode(StableIds *ids, unsigned long long ino)
{
	StableEntry *e = entry_find(ids->inodes, ids->ninodes, ino);

	if (e != NULL)
		return e->shown;
	return entry_add(&ids->inodes, &ids->ninodes, &ids->cap_inodes, ino, ids->next_inode++);
}

/* An address "0x" + at least 8 hex digits at in: its length, else 0. */
static size_t address_len(const char *in)
{
	size_t n = 2;

	if (in[0] != '0' || in[1] != 'x')
		return 0;
	while (isxdigit((unsigned char)in[n]))
		n++;
	return n - 2 >= 8 && !isalnum((unsigned char)in[n]) ? n : 0;
}

static void stable_address(StableIds *ids, const char *in, size_t n, char *buf, size_t len)
{
	unsigned long long v = strtoull(in + 2, NULL, 16);
	StableEntry *e = entry_find(ids->addrs, ids->naddrs, v);
	int shown = e != NULL ? e->shown
			      : entry_add(&ids->addrs, &ids->naddrs, &ids->cap_addrs, v, ids->next_addr++);

	(void)n;
	snprintf(buf, len, "0x%llx", 0x7f0000000000ull + ((unsigned long long)shown << 24));
}

static void out_put(char *out, size_t len, size_t *o, const char *s, size_t n)
{
	if (*o + n + 1 > len)
		n = *o + 1 < len ? len - *o - 1 : 0;
	memcpy(out + *o, s, n);
	*o += n;
	out[*o] = '\0';
}

/* A run of digits at in[i..j) standing alone (not inside a word or a hex
 * number): its stable replacement, or NULL to copy it as it is. */
static const char *number_replacement(StableIds *ids, const char *in, size_t i, size_t j,
				      char *buf, size_t len)
{
	unsigned long long v;
	/* An inode as the kernel writes it in a link: "pipe:[123]", "socket:[9]";
	 * an index like "hold[0]" is the program's text and stays. */
	bool bracketed = i > 1 && in[i - 1] == '[' && in[i - 2] == ':' && in[j] == ']';

	if ((i > 0 && (isalnum((unsigned char)in[i - 1]) || in[i - 1] == '.')) ||
	    isalnum((unsigned char)in[j]) || j - i > 12)
		return NULL;
	v = strtoull(in + i, NULL, 10);
	/* A pseudo-terminal's number depends on what else has one open. */
	if (i >= 4 && strncmp(in + i - 4, "pts/", 4) == 0) {
		StableEntry *e = entry_find(ids->ptys, ids->nptys, v);
		snprintf(buf, len, "%d", e != NULL ? e->shown
			 : entry_add(&ids->ptys, &ids->nptys, &ids->cap_ptys, v, ids->next_pty++));
		return buf;
	}
	if (bracketed) {
		snprintf(buf, len, "%d", stable_inode(ids, v));
		return buf;
	}
	if (v == (unsigned long long)ids->self ||
	    entry_find(ids->pids, ids->npids, v) != NULL) {
		snprintf(buf, len, "%d", stable_pid(ids, (pid_t)v));
		return buf;
	}
	return NULL;
}

/* The demo's temporary files: some directory, then forkscope-mmap-XXXXXX. */
#define TEMP_PREFIX "forkscope-mmap-"
#define TEMP_STABLE "$TMPDIR/forkscope-mmap-XXXXXX"

/* Length of "[/dir/...]/forkscope-mmap-" + 6 characters at in, else 0. */
static size_t temp_name_len(const char *in)
{
	const char *p = in, *name;

	if (*p == '/') { /* a directory part: up to the last '/' before the name */
		while (*p != '\0' && *p != ' ' && strncmp(p, "/" TEMP_PREFIX, strlen(TEMP_PREFIX) + 1) != 0)
			p++;
		if (*p != '/')
			return 0;
		p++;
	}
	if (strncmp(p, TEMP_PREFIX, strlen(TEMP_PREFIX)) != 0)
		return 0;
	name = p + strlen(TEMP_PREFIX);
	for (int k = 0; k < 6; k++)
		if (!isalnum((unsigned char)name[k]))
			return 0;
	return (size_t)(name + 6 - in);
}

const char *StableIds_text(StableIds *ids, const char *in, char *out, size_t len)
{
	size_t o = 0, i = 0, dlen = strlen(ids->demo_path);
	const char *base;

	if (len == 0)
		return out;
	out[0] = '\0';
	if (!ids->on) {
		snprintf(out, len, "%s", in);
		return out;
	}
	base = strrchr(ids->demo_path, '/');
	while (in[i] != '\0') {
		char num[24];
		const char *rep;
		size_t j = i;

		if (dlen > 0 && base != NULL && strncmp(in + i, ids->demo_path, dlen) == 0) {
			out_put(out, len, &o, base + 1, strlen(base + 1));
			i += dlen;
			continue;
		}
		/* What lies beside the demo (forkscope-tiny): named alone too, the
		 * build's directory is this machine's. */
		if (base != NULL && base > ids->demo_path &&
		    strncmp(in + i, ids->demo_path, (size_t)(base + 1 - ids->demo_path)) == 0 &&
		    (i == 0 || in[i - 1] == ' ' || in[i - 1] == '"' || in[i - 1] == '\'')) {
			i += (size_t)(base + 1 - ids->demo_path);
			continue;
		}
		if ((j = temp_name_len(in + i)) > 0) {
			/* mkstemp's random letters differ on every run: the demo's temporary
			 * file is shown by its directory-free name with the template kept. */
			out_put(out, len, &o, TEMP_STABLE, strlen(TEMP_STABLE));
			i += j;
			continue;
		}
		if ((j = address_len(in + i)) > 0 && (i == 0 || !isalnum((unsigned char)in[i - 1]))) {
			stable_address(ids, in + i, j, num, sizeof num);
			out_put(out, len, &o, num, strlen(num));
			i += j;
			continue;
		}
		j = i;
		if (!isdigit((unsigned char)in[i])) {
			out_put(out, len, &o, in + i, 1);
			i++;
			continue;
		}
		while (isdigit((unsigned char)in[j]))
			j++;
		rep = number_replacement(ids, in, i, j, num, sizeof num);
		if (rep != NULL)
			out_put(out, len, &o, rep, strlen(rep));
		else
			out_put(out, len, &o, in + i, j - i);
		i = j;
	}
	return out;
}

const char *StableIds_path(StableIds *ids, const char *in, char *out, size_t len)
{
	size_t clen = strlen(ids->cwd);
	char tmp[4096];

	StableIds_text(ids, in, tmp, sizeof tmp);
	if (ids->on && clen > 0 && strncmp(tmp, ids->cwd, clen) == 0 &&
	    (tmp[clen] == '\0' || tmp[clen] == '/'))
		snprintf(out, len, "$PWD%s", tmp + clen);
	else
		snprintf(out, len, "%s", tmp);
	return out;
}
