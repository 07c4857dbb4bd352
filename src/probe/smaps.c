/*
 * smaps and smaps_rollup: the pure parsers and the reads on top.
 *
 * smaps is a sequence of records, each a header line
 *   START-END PERMS OFFSET MAJ:MIN INODE [PATH]
 * (hex, 4 chars, hex, hex:hex, decimal, then padding and a path that may
 * hold spaces) followed by "Key:   value kB" lines and a "VmFlags:" line.
 * A line is a header when it starts with hex digits and a '-'. The eight
 * counters forkscope shows must be "digits kB" when present; other keys
 * are skipped, so new kernel fields do not break the parser. Anything that
 * is neither a header nor a key line, a key line before the first header,
 * or a bad counter makes the whole text READ_MALFORMED and the list empty:
 * a list is never half parsed. smaps_rollup is one such record with the
 * pseudo-path [rollup]; it must carry Rss and Pss.
 *
 * The reads: the kernel answers a memory file of a process with no memory
 * (zombie, kernel thread, one in do_exit) with ESRCH, EACCES or empty text;
 * proc_refine_failure tells which it is, so none of them becomes zeros.
 */
#include "probe/smaps.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "probe/status.h"
#include "probe/textscan.h"

/* The counters forkscope shows, in MemCounts order (see counter_slot). */
static const char *const counter_keys[] = {
	"Rss", "Pss", "Shared_Clean", "Shared_Dirty", "Private_Clean", "Private_Dirty",
	"Anonymous", "Swap",
};
#define NCOUNTERS (sizeof counter_keys / sizeof counter_keys[0])

static unsigned long *counter_slot(MemCounts *kb, size_t i)
{
	unsigned long *const slots[NCOUNTERS] = {
		&kb->rss, &kb->pss, &kb->shared_clean, &kb->shared_dirty,
		&kb->private_clean, &kb->private_dirty, &kb->anonymous, &kb->swap,
	};
	return slots[i];
}
#define SEEN_RSS_PSS 3u /* bits of Rss and Pss in the seen mask */

const char *MappingKind_name(MappingKind kind)
{
	switch (kind) {
	case MAP_KIND_FILE:  return "file";
	case MAP_KIND_ANON:  return "anon";
	case MAP_KIND_HEAP:  return "heap";
	case MAP_KIND_STACK: return "stack";
	case MAP_KIND_VDSO:  return "vdso";
	case MAP_KIND_SHMEM: return "shmem";
	case MAP_KIND_OTHER: return "other";
	}
	return "unknown";
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static MappingKind mapping_kind(const char *path)
{
	if (path[0] == '\0' || starts_with(path, "[anon:"))
		return MAP_KIND_ANON;
	if (strcmp(path, "[heap]") == 0)
		return MAP_KIND_HEAP;
	if (starts_with(path, "[stack"))
		return MAP_KIND_STACK;
	if (strcmp(path, "[vdso]") == 0 || starts_with(path, "[vvar") ||
	    strcmp(path, "[vsyscall]") == 0)
		return MAP_KIND_VDSO;
	if (starts_with(path, "[anon_shmem:") || starts_with(path, "/dev/zero") ||
	    starts_with(path, "/SYSV") || starts_with(path, "/memfd:") ||
	    starts_with(path, "/dev/shm/"))
		return MAP_KIND_SHMEM;
	if (path[0] == '[')
		return MAP_KIND_OTHER;
	return MAP_KIND_FILE;
}

/* A header line; false when the line is not one (or is a broken one). */
static bool parse_header(Scan line, Mapping *m)
{
	uint64_t start, end, offset, major, minor, inode;
	Scan perms, path;

	if (!Scan_hex(&line, &start, 16) || !Scan_char(&line, '-') ||
	    !Scan_hex(&line, &end, 16) || Scan_skip_blanks(&line) == 0)
		return false;
	perms = Scan_word(&line);
	if (Scan_len(&perms) != 4 || Scan_skip_blanks(&line) == 0 ||
	    !Scan_hex(&line, &offset, 16) || Scan_skip_blanks(&line) == 0 ||
	    !Scan_hex(&line, &major, 8) || !Scan_char(&line, ':') ||
	    !Scan_hex(&line, &minor, 8) || Scan_skip_blanks(&line) == 0 ||
	    !Scan_u64(&line, &inode))
		return false;
	if (start > end || start > ULONG_MAX || end > ULONG_MAX || inode > ULONG_MAX ||
	    major > UINT32_MAX || minor > UINT32_MAX)
		return false;
	if (!Scan_at_end(&line) && Scan_skip_blanks(&line) == 0)
		return false; /* the inode runs into something */
	path = line;

	memset(m, 0, sizeof *m);
	m->start = (unsigned long)start;
	m->end = (unsigned long)end;
	Scan_copy(perms, m->perms, sizeof m->perms);
	m->offset = offset;
	m->dev_major = (unsigned)major;
	m->dev_minor = (unsigned)minor;
	m->inode = (unsigned long)inode;
	m->path = xstrndup(path.p != NULL ? path.p : "", Scan_len(&path));
	text_sanitize(m->path);
	m->kind = mapping_kind(m->path);
	return true;
}

static bool looks_like_header(Scan line)
{
	uint64_t v;

	return Scan_hex(&line, &v, 16) && Scan_char(&line, '-');
}

/* "Key:   123 kB" for a counter: sets it and its bit in *seen. Other keys
 * are accepted and ignored; returns false only for a broken counter. */
static bool parse_counter(Scan key, Scan value, MemCounts *kb, unsigned *seen)
{
	size_t i;
	uint64_t v;

	for (i = 0; i < NCOUNTERS; i++)
		if (Scan_equals(key, counter_keys[i]))
			break;
	if (i == NCOUNTERS)
		return true;
	Scan_skip_blanks(&value);
	if (!Scan_u64(&value, &v) || v > ULONG_MAX || !Scan_literal(&value, " kB"))
		return false;
	value = Scan_trim_right(value);
	if (!Scan_at_end(&value))
		return false;
	*counter_slot(kb, i) = (unsigned long)v;
	*seen |= 1u << i;
	return true;
}

void MappingList_done(MappingList *list)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		free(list->v[i].path);
	free(list->v);
	list->v = NULL;
	list->n = 0;
}

static ReadState smaps_fail(MappingList *out)
{
	MappingList_done(out);
	out->state = READ_MALFORMED;
	return READ_MALFORMED;
}

ReadState smaps_parse(const char *text, size_t len, MappingList *out)
{
	Scan s = Scan_make(text, len), line;
	size_t cap = 0;
	unsigned seen = 0;

	out->v = NULL;
	out->n = 0;
	out->state = READ_MALFORMED;
	if (text == NULL && len > 0)
		return READ_MALFORMED;
	while (Scan_line(&s, &line)) {
		Scan key;

		if (Scan_at_end(&line))
			continue;
		if (looks_like_header(line)) {
			if (out->n == cap) {
				cap = cap ? cap * 2 : 32;
				out->v = xreallocarray(out->v, cap, sizeof *out->v);
			}
			if (!parse_header(line, &out->v[out->n]))
				return smaps_fail(out);
			out->n++;
			continue;
		}
		if (out->n == 0 || !Scan_key(&line, &key) ||
		    !parse_counter(key, line, &out->v[out->n - 1].kb, &seen))
			return smaps_fail(out);
	}
	out->state = READ_OK;
	return READ_OK;
}

ReadState smaps_rollup_parse(const char *text, size_t len, MemTotals *out)
{
	Scan s = Scan_make(text, len), line;
	unsigned seen = 0;

	memset(out, 0, sizeof *out);
	out->state = READ_MALFORMED;
	if (text == NULL)
		return READ_MALFORMED;
	while (Scan_line(&s, &line)) {
		Scan key;

		if (Scan_at_end(&line) || looks_like_header(line))
			continue;
		if (!Scan_key(&line, &key) || !parse_counter(key, line, &out->kb, &seen)) {
			memset(out, 0, sizeof *out);
			out->state = READ_MALFORMED;
			return READ_MALFORMED;
		}
	}
	if ((seen & SEEN_RSS_PSS) != SEEN_RSS_PSS) {
		memset(out, 0, sizeof *out);
		out->state = READ_MALFORMED;
		return READ_MALFORMED;
	}
	out->state = READ_OK;
	return READ_OK;
}

const Mapping *MappingList_find(const MappingList *list, unsigned long addr)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		if (addr >= list->v[i].start && addr < list->v[i].end)
			return &list->v[i];
	return NULL;
}

void MappingList_read_at(const ProcDir *dir, MappingList *out)
{
	FileText ft;
	ReadState rs = ProcDir_read(dir, "smaps", PROCFS_LARGE_MAX, &ft);

	out->v = NULL;
	out->n = 0;
	if (rs != READ_OK) {
		out->state = proc_refine_failure(dir, rs);
		return;
	}
	if (ft.len == 0) /* every live user process has mappings */
		out->state = proc_refine_failure(dir, READ_ABSENT);
	else
		smaps_parse(ft.text, ft.len, out);
	FileText_done(&ft);
}

void MemTotals_read_at(const ProcDir *dir, MemTotals *out)
{
	FileText ft;
	ReadState rs = ProcDir_read(dir, "smaps_rollup", PROCFS_SMALL_MAX, &ft);

	memset(out, 0, sizeof *out);
	if (rs != READ_OK) {
		out->state = proc_refine_failure(dir, rs);
		return;
	}
	if (ft.len == 0)
		out->state = proc_refine_failure(dir, READ_ABSENT);
	else
		smaps_rollup_parse(ft.text, ft.len, out);
	FileText_done(&ft);
}

void MappingList_read(pid_t pid, MappingList *out)
{
	ProcDir dir;
	ReadState rs = ProcDir_open(&dir, pid);

	if (rs != READ_OK) {
		out->v = NULL;
		out->n = 0;
		out->state = rs;
		return;
	}
	MappingList_read_at(&dir, out);
	ProcDir_close(&dir);
}

void MemTotals_read(pid_t pid, MemTotals *out)
{
	ProcDir dir;
	ReadState rs = ProcDir_open(&dir, pid);

	if (rs != READ_OK) {
		memset(out, 0, sizeof *out);
		out->state = rs;
		return;
	}
	MemTotals_read_at(&dir, out);
	ProcDir_close(&dir);
}
