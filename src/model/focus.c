/*
 * The focus (see session.h): the selected process read in full with its
 * parent, the page map of one of its mappings in both, and which FDs still
 * share an open file description with the parent. This is where the
 * session asks the probe for expensive reads, and only for these two pids.
 *
 * Each read of a page map is compared with the one before it: a page seen
 * shared stays marked (PAGE_SEEN_SHARED) while the same process (no exec,
 * no pid reuse) is read again in the same mapping, so that an exclusive
 * page can be called copied, never just because it is exclusive. A new
 * focus, or another mapping, starts with no such memory.
 */
#include "model/session.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xalloc.h"

/* A page map is read for at most this many pages (256 MiB of 4 KiB pages):
 * the view shades groups of pages, it never needs more. */
#define FOCUS_MAX_PAGES 65536

static void focus_clear_reads(Focus *f)
{
	ProcDetail_done(&f->self);
	ProcDetail_done(&f->parent_detail);
	PageMap_done(&f->pages);
	PageMap_done(&f->parent_pages);
	free(f->fd_shared);
	f->fd_shared = NULL;
}

/* The mapping where copy-on-write shows best: the largest private writable
 * one by resident size (the cow region, else the heap). */
static size_t default_mapping(const MappingList *maps)
{
	size_t best = 0;
	unsigned long best_rss = 0;
	bool found = false;

	for (size_t i = 0; i < maps->n; i++) {
		const Mapping *m = &maps->v[i];
		if (m->perms[1] != 'w' || m->perms[3] != 'p' || m->kind == MAP_KIND_VDSO)
			continue;
		if (!found || m->kb.rss > best_rss) {
			best = i;
			best_rss = m->kb.rss;
			found = true;
		}
	}
	return best;
}

/* Borrowed: the mapping of d that contains addr, or NULL. */
static const Mapping *mapping_at(const ProcDetail *d, unsigned long addr)
{
	return d->maps.state == READ_OK ? MappingList_find(&d->maps, addr) : NULL;
}

/* Are a and b reads of one process running one program: its pid not
 * reused (start time), no exec between (code and stack addresses)? */
static bool same_process(const ProcDetail *a, const ProcDetail *b)
{
	return a->pid != 0 && a->pid == b->pid && a->id.state == READ_OK &&
	       b->id.state == READ_OK && a->id.start_ticks == b->id.start_ticks &&
	       !ProcImage_differs(&a->id.image, &b->id.image);
}

static bool same_mapping(const Mapping *a, const Mapping *b)
{
	return a != NULL && b != NULL && a->start == b->start && a->offset == b->offset &&
	       a->inode == b->inode && a->dev_major == b->dev_major && a->dev_minor == b->dev_minor;
}

/* Reads the page maps of the chosen mapping into f (whose page maps are
 * empty). before: the focus as last read, whose marks carry over where
 * it read the same process and mapping; NULL for none. */
static void read_pages(Focus *f, const Focus *before)
{
	const Mapping *m, *pm;
	long pagesize = sysconf(_SC_PAGESIZE);
	size_t npages;
	bool carry;

	if (f->self.maps.state != READ_OK || f->mapping >= f->self.maps.n)
		return;
	m = &f->self.maps.v[f->mapping];
	npages = (m->end - m->start) / (unsigned long)pagesize;
	if (npages > FOCUS_MAX_PAGES)
		npages = FOCUS_MAX_PAGES;
	PageMap_read(f->pid, m->start, npages, &f->pages);
	carry = before != NULL && same_process(&before->self, &f->self) &&
		same_mapping(mapping_at(&before->self, before->pages.start), m);
	PageMap_note_shared(&f->pages, carry ? &before->pages : NULL);
	if (f->parent_detail.pid == 0 || (pm = mapping_at(&f->parent_detail, m->start)) == NULL)
		return;
	PageMap_read(f->parent, m->start, npages, &f->parent_pages);
	carry = before != NULL && same_process(&before->parent_detail, &f->parent_detail) &&
		same_mapping(mapping_at(&before->parent_detail, m->start), pm);
	PageMap_note_shared(&f->parent_pages, carry ? &before->parent_pages : NULL);
}

static void read_fd_sharing(Focus *f)
{
	const FdTable *mine = &f->self.fds;
	const FdTable *theirs = &f->parent_detail.fds;

	free(f->fd_shared);
	f->fd_shared = NULL;
	if (mine->state != READ_OK || mine->n == 0)
		return;
	f->fd_shared = xmalloc(mine->n * sizeof *f->fd_shared);
	for (size_t i = 0; i < mine->n; i++) {
		int fd = mine->v[i].fd;
		if (f->parent_detail.pid == 0 || theirs->state != READ_OK ||
		    FdTable_find(theirs, fd) == NULL)
			f->fd_shared[i] = f->parent_detail.pid == 0 ? -1 : 0;
		else
			f->fd_shared[i] = (signed char)fd_same_description(f->pid, fd, f->parent, fd);
	}
}

void Focus_read(Focus *f, pid_t pid, pid_t parent, unsigned long keep_start, const Focus *before)
{
	*f = (Focus){ .pid = pid };
	if (pid == 0)
		return;
	ProcDetail_read(pid, DETAIL_ALL, &f->self);
	f->parent = parent;
	if (f->parent == 0 && f->self.id.state == READ_OK && f->self.id.ppid > 1)
		f->parent = f->self.id.ppid;
	if (f->parent != 0)
		ProcDetail_read(f->parent, DETAIL_ALL, &f->parent_detail);
	/* Stay on the mapping the user chose, by address, across re-reads. */
	f->mapping = default_mapping(&f->self.maps);
	if (keep_start != 0 && f->self.maps.state == READ_OK)
		for (size_t i = 0; i < f->self.maps.n; i++)
			if (f->self.maps.v[i].start == keep_start)
				f->mapping = i;
	f->chosen_start = keep_start;
	read_pages(f, before);
	read_fd_sharing(f);
}

void Focus_done(Focus *f)
{
	focus_clear_reads(f);
	memset(f, 0, sizeof *f);
}

static void focus_read(Session *s, unsigned long keep_start)
{
	Focus *f = &s->focus;
	const ProcRecord *r = Session_find_const(s, f->pid);
	Focus before = *f; /* the last reading: compared with, then freed */
	pid_t parent = r != NULL && r->ppid > 0 && Session_find_const(s, r->ppid) != NULL ? r->ppid : 0;

	Focus_read(f, before.pid, parent, keep_start, &before);
	focus_clear_reads(&before);
}

void Session_focus(Session *s, pid_t pid)
{
	/* Another process: nothing read of the last one carries over. */
	focus_clear_reads(&s->focus);
	s->focus.pid = pid;
	s->focus.chosen_start = 0;
	focus_read(s, 0);
}

void Session_focus_mapping(Session *s, size_t index)
{
	Focus *f = &s->focus;
	Focus before = *f; /* shares self and parent with f; owns only the old page maps */

	if (f->self.maps.state != READ_OK || index >= f->self.maps.n)
		return;
	f->pages = (PageMap){ 0 };
	f->parent_pages = (PageMap){ 0 };
	f->mapping = index;
	f->chosen_start = f->self.maps.v[index].start;
	read_pages(f, &before);
	PageMap_done(&before.pages);
	PageMap_done(&before.parent_pages);
}

void Session_refresh_focus(Session *s)
{
	focus_read(s, s->focus.chosen_start);
}

/* ---- size, for the snapshot store ---- */

static size_t str_bytes(const char *s)
{
	return s != NULL ? strlen(s) + 1 : 0;
}

static size_t detail_bytes(const ProcDetail *d)
{
	size_t n = sizeof *d + str_bytes(d->id.cmdline) + str_bytes(d->id.exe) + str_bytes(d->cwd);

	for (size_t i = 0; d->maps.state == READ_OK && i < d->maps.n; i++)
		n += sizeof d->maps.v[i] + str_bytes(d->maps.v[i].path);
	for (size_t i = 0; d->fds.state == READ_OK && i < d->fds.n; i++)
		n += sizeof d->fds.v[i] + str_bytes(d->fds.v[i].target);
	for (size_t i = 0; d->environ != NULL && d->environ[i] != NULL; i++)
		n += sizeof d->environ[i] + str_bytes(d->environ[i]);
	return n;
}

size_t Focus_bytes(const Focus *f)
{
	return sizeof *f + detail_bytes(&f->self) + detail_bytes(&f->parent_detail) +
	       f->pages.npages * sizeof *f->pages.pages +
	       f->parent_pages.npages * sizeof *f->parent_pages.pages +
	       (f->self.fds.state == READ_OK ? f->self.fds.n : 0);
}
