/*
 * The page map as cells (see format.h). A cell stands for a group of
 * consecutive pages; its shade says how much of the group is copied
 * (private to this process) versus still shared: light for shared, solid
 * for copied, so copy-on-write "fills in" the map as the child writes.
 * Pages that are not present or are swapped out are their own shades.
 */
#include "ui/format.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"

bool page_is_shared(const PageInfo *p, bool mapcount_visible)
{
	if (mapcount_visible && p->mapcount >= 0)
		return p->mapcount > 1;
	return !(p->flags & PAGE_EXCLUSIVE);
}

PageShade page_group_shade(const PageMap *map, size_t first, size_t n)
{
	size_t present = 0, copied = 0, swapped = 0;

	for (size_t i = first; i < first + n && i < map->npages; i++) {
		const PageInfo *p = &map->pages[i];
		if (p->flags & PAGE_PRESENT) {
			present++;
			copied += !page_is_shared(p, map->mapcount_visible);
		} else if (p->flags & PAGE_SWAPPED) {
			swapped++;
		}
	}
	if (present == 0)
		return swapped > 0 ? SHADE_SWAPPED : SHADE_ABSENT;
	if (copied == 0)
		return SHADE_SHARED;
	if (copied == present)
		return SHADE_COPIED;
	return copied * 2 <= present ? SHADE_MOSTLY_SHARED : SHADE_MOSTLY_COPIED;
}

size_t page_group_size(size_t npages, size_t cells)
{
	if (cells == 0)
		return npages > 0 ? npages : 1;
	return npages <= cells ? 1 : (npages + cells - 1) / cells;
}

int page_cell_width(size_t npages, int cols, int rows)
{
	if (cols < 2 || rows < 1)
		return 1;
	return npages <= (size_t)(cols / 2) * (size_t)rows ? 2 : 1;
}

const char *PageShade_glyph(PageShade shade, const Glyphs *g)
{
	switch (shade) {
	case SHADE_ABSENT: return g->page_absent;
	case SHADE_SWAPPED: return g->page_swapped;
	case SHADE_SHARED: return g->page_shared;
	case SHADE_MOSTLY_SHARED: return g->page_mostly_shared;
	case SHADE_MOSTLY_COPIED: return g->page_mostly_copied;
	case SHADE_COPIED: return g->page_copied;
	case SHADE_COUNT: break;
	}
	return "?";
}

ColorRole PageShade_role(PageShade shade)
{
	switch (shade) {
	case SHADE_ABSENT: return ROLE_PAGE_ABSENT;
	case SHADE_SWAPPED: return ROLE_PAGE_SWAPPED;
	case SHADE_SHARED: case SHADE_MOSTLY_SHARED: return ROLE_PAGE_SHARED;
	case SHADE_MOSTLY_COPIED: case SHADE_COPIED: return ROLE_PAGE_PRIVATE;
	case SHADE_COUNT: break;
	}
	return ROLE_NORMAL;
}

static unsigned percent(size_t part, size_t whole)
{
	return whole == 0 ? 0 : (unsigned)((part * 100 + whole / 2) / whole);
}

void page_summary(const PageMap *map, const Glyphs *g, bool compact, char *buf, size_t len)
{
	size_t present = 0, shared = 0, copied = 0, swapped = 0, absent = 0;

	for (size_t i = 0; i < map->npages; i++) {
		const PageInfo *p = &map->pages[i];
		if (p->flags & PAGE_PRESENT) {
			present++;
			if (page_is_shared(p, map->mapcount_visible))
				shared++;
			else
				copied++;
		} else if (p->flags & PAGE_SWAPPED) {
			swapped++;
		} else {
			absent++;
		}
	}
	if (compact) {
		snprintf(buf, len, _("shared %u%% %s copied %u%%"), percent(shared, present),
			 g->bullet, percent(copied, present));
		return;
	}
	snprintf(buf, len, _("shared %zu (%u%%) %s copied %zu (%u%%) %s absent %zu"),
		 shared, percent(shared, present), g->bullet, copied, percent(copied, present),
		 g->bullet, absent);
	if (swapped > 0) {
		size_t o = strlen(buf);
		snprintf(buf + o, len > o ? len - o : 0, _(" %s swapped %zu"), g->bullet, swapped);
	}
}
