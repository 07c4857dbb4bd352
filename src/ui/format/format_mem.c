/*
 * Rows of the memory pane (see format.h): sizes in kB as the kernel counts
 * them, one row per mapping of /proc/PID/smaps. The column table is the one
 * place a column is defined; narrow panes give up the highest drop_rank
 * first, and the six counters the lesson is about go last.
 */
#include "ui/format/format.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"

void format_kb(unsigned long kb, char *buf, size_t len)
{
	if (kb == 0)
		snprintf(buf, len, "0");
	else if (kb < 1024)
		snprintf(buf, len, "%luK", kb);
	else if (kb < 10 * 1024)
		snprintf(buf, len, "%.1fM", kb / 1024.0);
	else if (kb < 1024 * 1024)
		snprintf(buf, len, "%luM", kb / 1024);
	else if (kb < 10ul * 1024 * 1024)
		snprintf(buf, len, "%.1fG", kb / (1024.0 * 1024.0));
	else if (kb < 1024ul * 1024 * 1024)
		snprintf(buf, len, "%luG", kb / (1024ul * 1024));
	else if (kb < 10ul * 1024 * 1024 * 1024)
		snprintf(buf, len, "%.1fT", kb / (1024.0 * 1024.0 * 1024.0));
	else
		snprintf(buf, len, "%luT", kb / (1024ul * 1024 * 1024));
}

const MemColumn mem_columns[MCOL_COUNT] = {
	[MCOL_NAME]          = { N_("MAPPING"), 0, 0 },
	[MCOL_PERMS]         = { N_("PERM"),   4, 4 },
	[MCOL_SIZE]          = { N_("Size"),   6, 5 },
	[MCOL_RSS]           = { "Rss",    6, 0 },
	[MCOL_PSS]           = { "Pss",    6, 0 },
	[MCOL_SHARED_CLEAN]  = { "Shr.Cl", 6, 1 },
	[MCOL_SHARED_DIRTY]  = { "Shr.Dt", 6, 0 },
	[MCOL_PRIVATE_CLEAN] = { "Prv.Cl", 6, 2 },
	[MCOL_PRIVATE_DIRTY] = { "Prv.Dt", 6, 0 },
	[MCOL_SWAP]          = { "Swap",   6, 6 },
};

enum { NAME_MIN = 12, CURSOR_WIDTH = 2 };

void mem_columns_fit(int width, bool shown[MCOL_COUNT])
{
	for (int c = 0; c < MCOL_COUNT; c++)
		shown[c] = true;
	for (;;) {
		int need = CURSOR_WIDTH + NAME_MIN, worst = -1;

		for (int c = 0; c < MCOL_COUNT; c++) {
			if (!shown[c])
				continue;
			need += mem_columns[c].width + (c == MCOL_NAME ? 0 : 1);
			if (mem_columns[c].drop_rank > 0 &&
			    (worst < 0 || mem_columns[c].drop_rank > mem_columns[worst].drop_rank))
				worst = c;
		}
		if (need <= width || worst < 0)
			return;
		shown[worst] = false;
	}
}

void mapping_name(const Mapping *m, StableIds *ids, char *buf, size_t len)
{
	const char *path = m->path != NULL ? m->path : "";
	const char *slash;

	switch (m->kind) {
	case MAP_KIND_ANON:
		snprintf(buf, len, "[anon]");
		return;
	case MAP_KIND_FILE:
	case MAP_KIND_SHMEM:
		slash = strrchr(path, '/');
		StableIds_text(ids, slash != NULL && slash[1] != '\0' ? slash + 1 : path, buf, len);
		return;
	case MAP_KIND_HEAP:
	case MAP_KIND_STACK:
	case MAP_KIND_VDSO:
	case MAP_KIND_OTHER:
		snprintf(buf, len, "%s", path[0] ? path : MappingKind_name(m->kind));
		return;
	}
	snprintf(buf, len, "?");
}

void memcounts_cell(const MemCounts *kb, MemCol col, char *buf, size_t len)
{
	unsigned long v = 0;

	switch (col) {
	case MCOL_RSS: v = kb->rss; break;
	case MCOL_PSS: v = kb->pss; break;
	case MCOL_SHARED_CLEAN: v = kb->shared_clean; break;
	case MCOL_SHARED_DIRTY: v = kb->shared_dirty; break;
	case MCOL_PRIVATE_CLEAN: v = kb->private_clean; break;
	case MCOL_PRIVATE_DIRTY: v = kb->private_dirty; break;
	case MCOL_SWAP: v = kb->swap; break;
	case MCOL_NAME: case MCOL_PERMS: case MCOL_SIZE: case MCOL_COUNT:
		buf[0] = '\0';
		return;
	}
	format_kb(v, buf, len);
}

void mapping_cell(const Mapping *m, StableIds *ids, MemCol col, char *buf, size_t len)
{
	switch (col) {
	case MCOL_NAME:
		mapping_name(m, ids, buf, len);
		break;
	case MCOL_PERMS:
		snprintf(buf, len, "%.4s", m->perms);
		break;
	case MCOL_SIZE:
		format_kb((m->end - m->start) / 1024, buf, len);
		break;
	default:
		memcounts_cell(&m->kb, col, buf, len);
		break;
	}
}
