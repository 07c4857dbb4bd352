/*
 * A per-page view of one address range from /proc/PID/pagemap: one 64-bit
 * entry per virtual page. Bits (Documentation/admin-guide/mm/pagemap.rst):
 * 0-54 frame number (zero unless CAP_SYS_ADMIN), 55 soft-dirty, 56 page
 * exclusively mapped, 61 file-page or shared-anon, 62 swapped, 63 present.
 * Bit 56 is readable without root, and is what tells a page still shared
 * (copy-on-write after fork, or a shared mapping) from one this process
 * maps alone. With root, /proc/kpagecount gives how many mappings share
 * each frame.
 *
 * The words are pagemap's: a page is absent (not present), swapped, or
 * present and shared or exclusive. "Copied" is not in pagemap: it is a
 * judgement made over two reads of the same range of the same process, an
 * exclusive page that an earlier read found shared (PageMap_note_shared).
 */
#ifndef FORKSCOPE_PROBE_PAGEMAP_H
#define FORKSCOPE_PROBE_PAGEMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "probe/procfs.h"
#include "probe/readstate.h"

enum {
	PAGE_PRESENT    = 1 << 0,
	PAGE_SWAPPED    = 1 << 1,
	PAGE_EXCLUSIVE  = 1 << 2,
	PAGE_FILE_SHARED = 1 << 3, /* file page or shared anonymous */
	PAGE_SOFT_DIRTY = 1 << 4,
	/* Not the kernel's: set by PageMap_note_shared on a page this read, or
	 * an earlier read of the same range, found shared. */
	PAGE_SEEN_SHARED = 1 << 5,
};

typedef struct PageInfo {
	uint8_t flags;        /* PAGE_* */
	uint64_t pfn;         /* 0 when hidden (no CAP_SYS_ADMIN) or not present */
	int64_t mapcount;     /* from kpagecount; -1 when unknown */
} PageInfo;

typedef struct PageMap {
	ReadState state;
	unsigned long start;  /* first page's address */
	size_t npages;
	PageInfo *pages;      /* owned */
	bool pfn_visible;     /* frame numbers were readable (root) */
	bool mapcount_visible;/* /proc/kpagecount was readable */
} PageMap;

/* Pure decode of one raw pagemap entry. */
PageInfo pagemap_decode(uint64_t entry);

/* At most this many pages per PageMap (16 GiB of 4 KiB pages); asking for
 * more fails with READ_ERROR and errno EFBIG. */
#define PAGEMAP_MAX_PAGES ((size_t)1 << 22)

/* I/O: read pages [start, start + npages*pagesize) of pid; start is
 * rounded down to a page. A range past the end of the address space reads
 * as absent pages. */
void PageMap_read(pid_t pid, unsigned long start, size_t npages, PageMap *out);
void PageMap_read_at(const ProcDir *dir, unsigned long start, size_t npages, PageMap *out);
void PageMap_done(PageMap *map);

/* What a page is: absent, swapped, shared or exclusive as pagemap says;
 * copied, exclusive now and seen shared before (PAGE_SEEN_SHARED). */
typedef enum PageClass {
	PAGE_CLASS_ABSENT, PAGE_CLASS_SWAPPED, PAGE_CLASS_SHARED, PAGE_CLASS_EXCLUSIVE,
	PAGE_CLASS_COPIED, PAGE_CLASS_COUNT
} PageClass;

/* Is a page present and shared? With frame map counts (root) a count above
 * 1; otherwise not exclusively mapped (bit 56). */
bool page_shared(const PageInfo *p, bool mapcount_visible);
PageClass page_class(const PageInfo *p, bool mapcount_visible);

/* Sets PAGE_SEEN_SHARED on the pages of now that are shared, and on those
 * present or swapped whose page at the same address in before was shared
 * or seen shared. before: an earlier read of the same range of the same
 * process (no exec between), or NULL. A page absent in a read forgets: one
 * faulted in afterwards is a new page, not a copy. */
void PageMap_note_shared(PageMap *now, const PageMap *before);

/* Counts over pages. shared: present and not exclusive (for an anonymous
 * private page after fork: still shared copy-on-write); absent: neither
 * present nor swapped. */
typedef struct PageCounts {
	size_t present, exclusive, shared, swapped, absent;
	size_t with_frame;  /* present pages whose frame number was visible */
} PageCounts;
PageCounts PageMap_count(const PageMap *map);
/* Counts a range without keeping per-page records (read in chunks): for
 * whole mappings. Returns the read state; *out is zero unless READ_OK. */
ReadState pagemap_count_at(const ProcDir *dir, unsigned long start, size_t npages,
                           PageCounts *out);

#endif
