/*
 * The page map as cells (see format.h). A cell stands for a group of
 * consecutive pages and says what pagemap says of them: light for shared,
 * solid for exclusive (mapped by this process alone), the steps between for
 * a group of both; pages not present or swapped out are their own shades.
 * After fork a private region is light in parent and child, and turns
 * solid page by page as either writes. "Copied" is never a shade: it is
 * the counts' judgement of an exclusive page seen shared before.
 */
#include "ui/format/format.h"

#include <stdarg.h>
#include <stdio.h>

#include "base/i18n.h"

PageShade page_group_shade(const PageMap *map, size_t first, size_t n)
{
	size_t present = 0, exclusive = 0, swapped = 0;

	for (size_t i = first; i < first + n && i < map->npages; i++) {
		switch (page_class(&map->pages[i], map->mapcount_visible)) {
		case PAGE_CLASS_EXCLUSIVE: case PAGE_CLASS_COPIED:
			exclusive++;
			/* fall through */
		case PAGE_CLASS_SHARED:
			present++;
			break;
		case PAGE_CLASS_SWAPPED:
			swapped++;
			break;
		case PAGE_CLASS_ABSENT: case PAGE_CLASS_COUNT:
			break;
		}
	}
	if (present == 0)
		return swapped > 0 ? SHADE_SWAPPED : SHADE_ABSENT;
	if (exclusive == 0)
		return SHADE_SHARED;
	if (exclusive == present)
		return SHADE_EXCLUSIVE;
	return exclusive * 2 <= present ? SHADE_MOSTLY_SHARED : SHADE_MOSTLY_EXCLUSIVE;
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
	case SHADE_MOSTLY_EXCLUSIVE: return g->page_mostly_exclusive;
	case SHADE_EXCLUSIVE: return g->page_exclusive;
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
	case SHADE_MOSTLY_EXCLUSIVE: case SHADE_EXCLUSIVE: return ROLE_PAGE_PRIVATE;
	case SHADE_COUNT: break;
	}
	return ROLE_NORMAL;
}

static unsigned percent(size_t part, size_t whole)
{
	return whole == 0 ? 0 : (unsigned)((part * 100 + whole / 2) / whole);
}

/* Appends to buf at *o, after a separator unless it is the first item. */
static void __attribute__((format(printf, 5, 6)))
summary_item(char *buf, size_t len, size_t *o, const char *bullet, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*o > 0 && *o < len)
		*o += (size_t)snprintf(buf + *o, len - *o, " %s ", bullet);
	if (*o >= len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *o, len - *o, fmt, ap);
	va_end(ap);
	if (n > 0)
		*o += (size_t)n;
}

void page_summary(const PageMap *map, const Glyphs *g, bool compact, char *buf, size_t len)
{
	/* The present pages' classes, in the order they are told. */
	static const struct { PageClass cls; const char *full, *compact; } told[] = {
		{ PAGE_CLASS_SHARED, N_("shared %zu (%u%%)"), N_("shared %u%%") },
		{ PAGE_CLASS_COPIED, N_("copied %zu (%u%%)"), N_("copied %u%%") },
		{ PAGE_CLASS_EXCLUSIVE, N_("exclusive %zu (%u%%)"), N_("exclusive %u%%") },
	};
	size_t count[PAGE_CLASS_COUNT] = { 0 }, present = 0, o = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < map->npages; i++)
		count[page_class(&map->pages[i], map->mapcount_visible)]++;
	for (size_t i = 0; i < sizeof told / sizeof told[0]; i++)
		present += count[told[i].cls];
	for (size_t i = 0; i < sizeof told / sizeof told[0]; i++) {
		size_t n = count[told[i].cls];
		if (n == 0)
			continue;
		if (compact)
			summary_item(buf, len, &o, g->bullet, _(told[i].compact),
				     percent(n, present));
		else
			summary_item(buf, len, &o, g->bullet, _(told[i].full), n,
				     percent(n, present));
	}
	if (compact && present > 0)
		return;
	summary_item(buf, len, &o, g->bullet, _("absent %zu"), count[PAGE_CLASS_ABSENT]);
	if (count[PAGE_CLASS_SWAPPED] > 0)
		summary_item(buf, len, &o, g->bullet, _("swapped %zu"), count[PAGE_CLASS_SWAPPED]);
}
