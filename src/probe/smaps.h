/*
 * Memory of one process: smaps_rollup totals and every mapping of
 * /proc/PID/smaps. All sizes in kB, as the kernel prints them. Parsing is a
 * pure function over text (smaps_parse) so it is tested on fixtures and
 * fuzzed; MappingList_read is the thin I/O on top. A process with no memory (a
 * zombie, a kernel thread) reads as READ_ABSENT, not as zeros.
 */
#ifndef FORKSCOPE_PROBE_SMAPS_H
#define FORKSCOPE_PROBE_SMAPS_H

#include <stddef.h>
#include <sys/types.h>

#include "probe/procfs.h"
#include "probe/readstate.h"

typedef struct MemCounts { /* kB */
	unsigned long rss, pss;
	unsigned long shared_clean, shared_dirty;
	unsigned long private_clean, private_dirty;
	unsigned long anonymous, swap;
} MemCounts;

typedef struct MemTotals {
	ReadState state;
	MemCounts kb;
} MemTotals;

typedef enum MappingKind {
	MAP_KIND_FILE,   /* backed by a named file */
	MAP_KIND_ANON,   /* anonymous, no name */
	MAP_KIND_HEAP,   /* [heap] */
	MAP_KIND_STACK,  /* [stack] */
	MAP_KIND_VDSO,   /* [vdso], [vvar], [vsyscall] */
	MAP_KIND_SHMEM,  /* /dev/zero, /SYSV..., memfd: (shared anonymous) */
	MAP_KIND_OTHER,  /* any other [name] */
} MappingKind;

typedef struct Mapping {
	unsigned long start, end;  /* addresses; end exclusive */
	char perms[5];             /* "rw-p" */
	unsigned long long offset;
	unsigned dev_major, dev_minor;
	unsigned long inode;
	char *path;                /* owned; "" for anonymous mappings; control
	                            * bytes replaced by '?' */
	MappingKind kind;
	MemCounts kb;
} Mapping;

typedef struct MappingList {
	ReadState state;
	Mapping *v;                /* owned */
	size_t n;
} MappingList;

const char *MappingKind_name(MappingKind kind);

/* Pure parsers. Return READ_OK or READ_MALFORMED; never crash on any input. */
ReadState smaps_parse(const char *text, size_t len, MappingList *out);
ReadState smaps_rollup_parse(const char *text, size_t len, MemTotals *out);

/* I/O: read /proc/PID/smaps or smaps_rollup. out->state says how it went. */
void MappingList_read(pid_t pid, MappingList *out);
void MemTotals_read(pid_t pid, MemTotals *out);
/* The same through an open process directory. */
void MappingList_read_at(const ProcDir *dir, MappingList *out);
void MemTotals_read_at(const ProcDir *dir, MemTotals *out);

void MappingList_done(MappingList *list);
/* The mapping that contains addr, or NULL. Borrowed pointer into list. */
const Mapping *MappingList_find(const MappingList *list, unsigned long addr);

#endif
