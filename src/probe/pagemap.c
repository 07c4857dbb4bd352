/*
 * pagemap: one 64-bit little-endian entry per virtual page at offset
 * (address / pagesize) * 8 of /proc/PID/pagemap. Decoding is a pure
 * function of the entry (bits in pagemap.h), and so are a page's class
 * and the carrying of "seen shared" from one read to the next. Frame
 * numbers read as zero without CAP_SYS_ADMIN; when they are there,
 * /proc/kpagecount (8 bytes per frame, root only) gives how many page
 * tables map each frame. A PageMap is filled completely or not at all
 * (state says why).
 */
#include "probe/pagemap.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "probe/status.h"

#define PM_PFN_MASK    ((UINT64_C(1) << 55) - 1)
#define PM_SOFT_DIRTY  (UINT64_C(1) << 55)
#define PM_EXCLUSIVE   (UINT64_C(1) << 56)
#define PM_FILE_SHARED (UINT64_C(1) << 61)
#define PM_SWAPPED     (UINT64_C(1) << 62)
#define PM_PRESENT     (UINT64_C(1) << 63)

#define CHUNK_PAGES 4096 /* entries per pread: 32 KiB */

PageInfo pagemap_decode(uint64_t entry)
{
	PageInfo p = { 0, 0, -1 };

	if (entry & PM_PRESENT)
		p.flags |= PAGE_PRESENT;
	if (entry & PM_SWAPPED)
		p.flags |= PAGE_SWAPPED;
	if (entry & PM_EXCLUSIVE)
		p.flags |= PAGE_EXCLUSIVE;
	if (entry & PM_FILE_SHARED)
		p.flags |= PAGE_FILE_SHARED;
	if (entry & PM_SOFT_DIRTY)
		p.flags |= PAGE_SOFT_DIRTY;
	/* bits 0-54 are the frame only for a present page; a swapped one
	 * holds the swap type and offset there instead */
	if (entry & PM_PRESENT)
		p.pfn = entry & PM_PFN_MASK;
	return p;
}

static size_t page_size(void)
{
	static size_t size;

	if (size == 0) {
		long v = sysconf(_SC_PAGESIZE);
		size = v > 0 ? (size_t)v : 4096;
	}
	return size;
}

void PageMap_done(PageMap *map)
{
	free(map->pages);
	memset(map, 0, sizeof *map);
}

/* Reads n entries at page index first; a short read (past the end of the
 * address space) leaves the rest zero. */
static ReadState read_entries(int fd, uint64_t first, uint64_t *buf, size_t n)
{
	size_t want = n * sizeof *buf, got = 0;
	off_t off;

	if (first > (uint64_t)(LLONG_MAX / 8) - n) { /* no such offset: nothing mapped */
		memset(buf, 0, want);
		return READ_OK;
	}
	off = (off_t)(first * 8);
	while (got < want) {
		ssize_t r = pread(fd, (char *)buf + got, want - got, off + (off_t)got);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return ReadState_from_errno(errno);
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	memset((char *)buf + got, 0, want - got);
	return READ_OK;
}

static ReadState open_pagemap(const ProcDir *dir, int *fd)
{
	if (dir->fd < 0) {
		errno = EBADF;
		return READ_ERROR;
	}
	*fd = openat(dir->fd, "pagemap", O_RDONLY | O_CLOEXEC);
	if (*fd >= 0)
		return READ_OK;
	return proc_refine_failure(dir, ReadState_from_errno(errno));
}

/* kpagecount: one 64-bit count per frame; -1 where it cannot be read. */
static bool fill_mapcounts(PageMap *map)
{
	char path[PATH_MAX];
	size_t i;
	int fd;

	if (snprintf(path, sizeof path, "%s/kpagecount", procfs_root()) >= (int)sizeof path)
		return false;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	for (i = 0; i < map->npages; i++) {
		PageInfo *p = &map->pages[i];
		uint64_t count;

		if (p->pfn == 0 || p->pfn > (uint64_t)(LLONG_MAX / 8))
			continue;
		if (pread(fd, &count, sizeof count, (off_t)(p->pfn * 8)) == (ssize_t)sizeof count)
			p->mapcount = count > INT64_MAX ? INT64_MAX : (int64_t)count;
	}
	close(fd);
	return true;
}

void PageMap_read_at(const ProcDir *dir, unsigned long start, size_t npages, PageMap *out)
{
	uint64_t first = start / page_size(), *raw;
	ReadState rs;
	size_t i;
	int fd;

	memset(out, 0, sizeof *out);
	out->start = (unsigned long)(first * page_size());
	if (npages > PAGEMAP_MAX_PAGES) {
		errno = EFBIG;
		out->state = READ_ERROR;
		return;
	}
	if ((rs = open_pagemap(dir, &fd)) != READ_OK) {
		out->state = rs;
		return;
	}
	raw = xcalloc(npages ? npages : 1, sizeof *raw);
	rs = read_entries(fd, first, raw, npages);
	close(fd);
	if (rs != READ_OK) {
		free(raw);
		out->state = proc_refine_failure(dir, rs);
		return;
	}
	out->npages = npages;
	out->pages = xcalloc(npages ? npages : 1, sizeof *out->pages);
	for (i = 0; i < npages; i++) {
		out->pages[i] = pagemap_decode(raw[i]);
		if (out->pages[i].pfn != 0)
			out->pfn_visible = true;
	}
	free(raw);
	if (out->pfn_visible)
		out->mapcount_visible = fill_mapcounts(out);
	out->state = READ_OK;
}

void PageMap_read(pid_t pid, unsigned long start, size_t npages, PageMap *out)
{
	ProcDir dir;
	ReadState rs = ProcDir_open(&dir, pid);

	if (rs != READ_OK) {
		memset(out, 0, sizeof *out);
		out->state = rs;
		return;
	}
	PageMap_read_at(&dir, start, npages, out);
	ProcDir_close(&dir);
}

bool page_shared(const PageInfo *p, bool mapcount_visible)
{
	if (!(p->flags & PAGE_PRESENT))
		return false;
	if (mapcount_visible && p->mapcount >= 0)
		return p->mapcount > 1;
	return !(p->flags & PAGE_EXCLUSIVE);
}

PageClass page_class(const PageInfo *p, bool mapcount_visible)
{
	if (!(p->flags & PAGE_PRESENT))
		return p->flags & PAGE_SWAPPED ? PAGE_CLASS_SWAPPED : PAGE_CLASS_ABSENT;
	if (page_shared(p, mapcount_visible))
		return PAGE_CLASS_SHARED;
	return p->flags & PAGE_SEEN_SHARED ? PAGE_CLASS_COPIED : PAGE_CLASS_EXCLUSIVE;
}

void PageMap_note_shared(PageMap *now, const PageMap *before)
{
	size_t size = page_size(), i;

	if (now->state != READ_OK)
		return;
	if (before != NULL && (before->state != READ_OK || before->npages == 0))
		before = NULL;
	for (i = 0; i < now->npages; i++) {
		PageInfo *p = &now->pages[i];
		unsigned long addr = now->start + (unsigned long)(i * size);
		const PageInfo *then;

		if (page_shared(p, now->mapcount_visible)) {
			p->flags |= PAGE_SEEN_SHARED;
			continue;
		}
		if (before == NULL || !(p->flags & (PAGE_PRESENT | PAGE_SWAPPED)) ||
		    addr < before->start || (addr - before->start) / size >= before->npages)
			continue;
		then = &before->pages[(addr - before->start) / size];
		if ((then->flags & PAGE_SEEN_SHARED) || page_shared(then, before->mapcount_visible))
			p->flags |= PAGE_SEEN_SHARED;
	}
}

static void count_page(PageCounts *c, PageInfo page)
{
	uint8_t flags = page.flags;

	if (flags & PAGE_PRESENT) {
		c->present++;
		if (page.pfn != 0)
			c->with_frame++;
		if (flags & PAGE_EXCLUSIVE)
			c->exclusive++;
		else
			c->shared++;
	} else if (flags & PAGE_SWAPPED) {
		c->swapped++;
	} else {
		c->absent++;
	}
}

PageCounts PageMap_count(const PageMap *map)
{
	PageCounts c = { 0, 0, 0, 0, 0, 0 };
	size_t i;

	if (map->state != READ_OK)
		return c;
	for (i = 0; i < map->npages; i++)
		count_page(&c, map->pages[i]);
	return c;
}

ReadState pagemap_count_at(const ProcDir *dir, unsigned long start, size_t npages,
                           PageCounts *out)
{
	uint64_t first = start / page_size();
	uint64_t *raw;
	ReadState rs;
	size_t done = 0;
	int fd;

	memset(out, 0, sizeof *out);
	if ((rs = open_pagemap(dir, &fd)) != READ_OK)
		return rs;
	raw = xmalloc(CHUNK_PAGES * sizeof *raw);
	while (done < npages) {
		size_t n = npages - done < CHUNK_PAGES ? npages - done : CHUNK_PAGES, i;

		if ((rs = read_entries(fd, first + done, raw, n)) != READ_OK)
			break;
		for (i = 0; i < n; i++)
			count_page(out, pagemap_decode(raw[i]));
		done += n;
	}
	free(raw);
	close(fd);
	if (rs != READ_OK) {
		memset(out, 0, sizeof *out);
		rs = proc_refine_failure(dir, rs);
	}
	return rs;
}
