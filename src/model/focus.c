/*
 * The focus (see session.h): the selected process read in full with its
 * parent, the page map of one of its mappings in both, and which FDs still
 * share an open file description with the parent. This is where the
 * session asks the probe for expensive reads, and only for these two pids.
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

static void read_pages(Focus *f)
{
	const Mapping *m;
	long pagesize = sysconf(_SC_PAGESIZE);
	size_t npages;

	PageMap_done(&f->pages);
	PageMap_done(&f->parent_pages);
	if (f->self.maps.state != READ_OK || f->mapping >= f->self.maps.n)
		return;
	m = &f->self.maps.v[f->mapping];
	npages = (m->end - m->start) / (unsigned long)pagesize;
	if (npages > FOCUS_MAX_PAGES)
		npages = FOCUS_MAX_PAGES;
	pagemap_read(f->pid, m->start, npages, &f->pages);
	if (f->parent_detail.pid != 0 && f->parent_detail.maps.state == READ_OK) {
		const Mapping *pm = MappingList_find(&f->parent_detail.maps, m->start);
		if (pm != NULL)
			pagemap_read(f->parent, m->start, npages, &f->parent_pages);
	}
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

static void focus_read(Session *s, unsigned long keep_start)
{
	Focus *f = &s->focus;
	const ProcRecord *r = Session_find_const(s, f->pid);

	focus_clear_reads(f);
	f->parent = 0;
	if (f->pid == 0)
		return;
	ProcDetail_read(f->pid, DETAIL_ALL, &f->self);
	if (r != NULL && r->ppid > 0 && Session_find_const(s, r->ppid) != NULL)
		f->parent = r->ppid;
	else if (f->self.id.state == READ_OK && f->self.id.ppid > 1)
		f->parent = f->self.id.ppid;
	if (f->parent != 0)
		ProcDetail_read(f->parent, DETAIL_ALL & ~DETAIL_ENVIRON, &f->parent_detail);
	/* Stay on the mapping the user chose, by address, across re-reads. */
	f->mapping = default_mapping(&f->self.maps);
	if (keep_start != 0 && f->self.maps.state == READ_OK)
		for (size_t i = 0; i < f->self.maps.n; i++)
			if (f->self.maps.v[i].start == keep_start)
				f->mapping = i;
	read_pages(f);
	read_fd_sharing(f);
}

void Session_focus(Session *s, pid_t pid)
{
	s->focus.pid = pid;
	s->focus.chosen_start = 0;
	focus_read(s, 0);
}

void Session_focus_mapping(Session *s, size_t index)
{
	Focus *f = &s->focus;

	if (f->self.maps.state != READ_OK || index >= f->self.maps.n)
		return;
	f->mapping = index;
	f->chosen_start = f->self.maps.v[index].start;
	read_pages(f);
}

void Session_refresh_focus(Session *s)
{
	focus_read(s, s->focus.chosen_start);
}
