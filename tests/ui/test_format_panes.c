/*
 * What the detail panes say, without a terminal: mapping rows, page-map
 * shades and the page map's words (read from the fixture pagemap-fork.txt:
 * copied only where an earlier read saw the page shared), FD rows and what
 * fdinfo adds to them, the process pane's words (exe, cwd, scheduling,
 * environment against the parent's), and signal lists with their
 * difference from the parent. The tree's rows are tested in test_format.c.
 */
#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format_test.h"
#include "ui/format/format.h"
#include "ui/format/stable.h"
#include "ui/format/text.h"

/* ---- memory and the page map ---- */

START_TEST(test_mapping_rows)
{
	StableIds ids;
	Mapping m = { .start = 0x1000, .end = 0x1000 + 64 * 1024 * 1024, .perms = "rw-p",
		      .path = (char *)"", .kind = MAP_KIND_ANON };
	bool shown[MCOL_COUNT];
	char b[64];

	StableIds_init(&ids, false, 1, "");
	m.kb.rss = 65536;
	m.kb.pss = 49152;
	m.kb.shared_dirty = 32768;
	m.kb.private_dirty = 32768;
	mapping_cell(&m, &ids, MCOL_NAME, b, sizeof b); ck_assert_str_eq(b, "[anon]");
	mapping_cell(&m, &ids, MCOL_SIZE, b, sizeof b); ck_assert_str_eq(b, "64M");
	mapping_cell(&m, &ids, MCOL_PSS, b, sizeof b); ck_assert_str_eq(b, "48M");
	mapping_cell(&m, &ids, MCOL_SHARED_DIRTY, b, sizeof b); ck_assert_str_eq(b, "32M");
	mapping_cell(&m, &ids, MCOL_SHARED_CLEAN, b, sizeof b); ck_assert_str_eq(b, "0");
	mapping_cell(&m, &ids, MCOL_PERMS, b, sizeof b); ck_assert_str_eq(b, "rw-p");
	m.kind = MAP_KIND_FILE;
	m.path = (char *)"/usr/lib/x86_64-linux-gnu/libc.so.6";
	mapping_cell(&m, &ids, MCOL_NAME, b, sizeof b); ck_assert_str_eq(b, "libc.so.6");
	m.kind = MAP_KIND_HEAP;
	m.path = (char *)"[heap]";
	mapping_cell(&m, &ids, MCOL_NAME, b, sizeof b); ck_assert_str_eq(b, "[heap]");
	/* The six counters of the lesson stay in a 60-column pane. */
	mem_columns_fit(60, shown);
	ck_assert(shown[MCOL_RSS] && shown[MCOL_PSS] && shown[MCOL_SHARED_CLEAN] &&
		  shown[MCOL_SHARED_DIRTY] && shown[MCOL_PRIVATE_CLEAN] && shown[MCOL_PRIVATE_DIRTY]);
	mem_columns_fit(200, shown);
	ck_assert(shown[MCOL_SWAP] && shown[MCOL_SIZE]);
	StableIds_done(&ids);
}
END_TEST

static PageMap pagemap_of(PageInfo *pages, size_t n, bool mapcount)
{
	PageMap m = { .state = READ_OK, .npages = n, .pages = pages, .mapcount_visible = mapcount };
	return m;
}

START_TEST(test_page_shades)
{
	PageInfo p[8];
	PageMap m;
	char b[160];

	for (int i = 0; i < 8; i++)
		p[i] = (PageInfo){ .flags = PAGE_PRESENT, .mapcount = -1 };
	m = pagemap_of(p, 8, false);
	ck_assert_int_eq(page_group_shade(&m, 0, 8), SHADE_SHARED);
	p[0].flags |= PAGE_EXCLUSIVE;
	ck_assert_int_eq(page_group_shade(&m, 0, 8), SHADE_MOSTLY_SHARED);
	for (int i = 0; i < 5; i++)
		p[i].flags |= PAGE_EXCLUSIVE;
	ck_assert_int_eq(page_group_shade(&m, 0, 8), SHADE_MOSTLY_EXCLUSIVE);
	ck_assert_int_eq(page_group_shade(&m, 0, 4), SHADE_EXCLUSIVE);
	ck_assert_int_eq(page_group_shade(&m, 5, 3), SHADE_SHARED);
	/* Half exclusive, never seen shared: exclusive, not copied. */
	for (int i = 0; i < 8; i++)
		p[i].flags = PAGE_PRESENT | (i < 4 ? PAGE_EXCLUSIVE : 0);
	page_summary(&m, utf8, false, b, sizeof b);
	ck_assert_str_eq(b, "shared 4 (50%) · exclusive 4 (50%) · absent 0");
	page_summary(&m, utf8, true, b, sizeof b);
	ck_assert_str_eq(b, "shared 50% · exclusive 50%");
	/* Seen shared before: copied, and a copied page is as solid. */
	p[0].flags |= PAGE_SEEN_SHARED;
	p[1].flags |= PAGE_SEEN_SHARED;
	page_summary(&m, utf8, true, b, sizeof b);
	ck_assert_str_eq(b, "shared 50% · copied 25% · exclusive 25%");
	ck_assert_int_eq(page_group_shade(&m, 0, 4), SHADE_EXCLUSIVE);
	/* Not present, swapped. */
	p[6].flags = 0;
	p[7].flags = PAGE_SWAPPED;
	ck_assert_int_eq(page_group_shade(&m, 6, 1), SHADE_ABSENT);
	ck_assert_int_eq(page_group_shade(&m, 7, 1), SHADE_SWAPPED);
	page_summary(&m, ascii, false, b, sizeof b);
	ck_assert_str_eq(b, "shared 2 (33%) - copied 2 (33%) - exclusive 2 (33%) - absent 1 - "
			    "swapped 1");
	/* Nothing present: the compact form counts what there is. */
	for (int i = 0; i < 8; i++)
		p[i].flags = i < 6 ? 0 : PAGE_SWAPPED;
	page_summary(&m, utf8, true, b, sizeof b);
	ck_assert_str_eq(b, "absent 6 · swapped 2");
	/* With frame map counts (root), the count decides. */
	p[0] = (PageInfo){ .flags = PAGE_PRESENT | PAGE_EXCLUSIVE, .mapcount = 2 };
	ck_assert(page_shared(&p[0], true));
	ck_assert(!page_shared(&p[0], false));
	/* Groups: one page per cell when they fit, else ceil. */
	ck_assert_uint_eq(page_group_size(100, 400), 1);
	ck_assert_uint_eq(page_group_size(16384, 400), 41);
	ck_assert_uint_eq(page_group_size(16384, 0), 16384);
	ck_assert_int_eq(page_cell_width(13, 24, 8), 2);
	ck_assert_int_eq(page_cell_width(96, 24, 8), 2);
	ck_assert_int_eq(page_cell_width(97, 24, 8), 1);
	ck_assert_int_eq(page_cell_width(5, 1, 8), 1);
	/* Shared is light, exclusive solid, and each shade has a role. */
	ck_assert_str_eq(PageShade_glyph(SHADE_SHARED, utf8), "░");
	ck_assert_str_eq(PageShade_glyph(SHADE_EXCLUSIVE, utf8), "█");
	ck_assert_str_eq(PageShade_glyph(SHADE_EXCLUSIVE, ascii), "#");
	ck_assert_int_eq(PageShade_role(SHADE_SHARED), ROLE_PAGE_SHARED);
	ck_assert_int_eq(PageShade_role(SHADE_MOSTLY_EXCLUSIVE), ROLE_PAGE_PRIVATE);
	ck_assert_int_eq(PageShade_role(SHADE_ABSENT), ROLE_PAGE_ABSENT);
	ck_assert_int_eq(PageShade_role(SHADE_SWAPPED), ROLE_PAGE_SWAPPED);
}
END_TEST

enum { FIXTURE_PAGES = 8 };
#define FIXTURE_START 0x7f0000000000ul

/* One read from the fixture pagemap-fork.txt: the section named, decoded
 * into pages (FIXTURE_PAGES of them, owned by the caller). */
static PageMap fixture_pagemap(const char *section, PageInfo *pages)
{
	char path[1024], line[128], want[96];
	size_t n = 0;
	bool in = false;
	FILE *f;

	snprintf(path, sizeof path, "%s/probe/pagemap-fork.txt", FIXTURES_DIR);
	snprintf(want, sizeof want, "== %s\n", section);
	ck_assert_msg((f = fopen(path, "r")) != NULL, "fixture %s missing", path);
	while (fgets(line, sizeof line, f) != NULL && n < FIXTURE_PAGES) {
		if (line[0] == '#')
			continue;
		if (line[0] == '=') {
			in = strcmp(line, want) == 0;
			continue;
		}
		if (in)
			pages[n++] = pagemap_decode(strtoull(line, NULL, 16));
	}
	fclose(f);
	ck_assert_msg(n == FIXTURE_PAGES, "section %s: %zu pages", section, n);
	return (PageMap){ .state = READ_OK, .start = FIXTURE_START, .npages = n, .pages = pages };
}

/* The page map says what pagemap says; copied only where an earlier read
 * of the same range saw the page shared. */
START_TEST(test_page_words)
{
	PageInfo fork_child[FIXTURE_PAGES], written[FIXTURE_PAGES], parent[FIXTURE_PAGES],
		 parent_then[FIXTURE_PAGES], again[FIXTURE_PAGES], vfork_child[FIXTURE_PAGES];
	PageMap after_fork, after_write, m;
	char b[160];

	/* A vfork child's memory is its parent's: exclusive, nothing copied. */
	m = fixture_pagemap("vfork child", vfork_child);
	PageMap_note_shared(&m, NULL);
	page_summary(&m, utf8, false, b, sizeof b);
	ck_assert_str_eq(b, "exclusive 6 (100%) · absent 2");
	page_summary(&m, utf8, true, b, sizeof b);
	ck_assert_str_eq(b, "exclusive 100%");
	ck_assert_int_eq(page_group_shade(&m, 0, FIXTURE_PAGES), SHADE_EXCLUSIVE);
	/* So is the parent's before fork. */
	m = fixture_pagemap("parent before fork", parent);
	PageMap_note_shared(&m, NULL);
	page_summary(&m, utf8, true, b, sizeof b);
	ck_assert_str_eq(b, "exclusive 100%");
	/* Right after fork: every present page shared. */
	after_fork = fixture_pagemap("child after fork", fork_child);
	PageMap_note_shared(&after_fork, NULL);
	page_summary(&after_fork, utf8, false, b, sizeof b);
	ck_assert_str_eq(b, "shared 6 (100%) · absent 2");
	/* The child wrote three: read after the fork's read, they were copied. */
	after_write = fixture_pagemap("child after writing 3", written);
	PageMap_note_shared(&after_write, &after_fork);
	page_summary(&after_write, utf8, false, b, sizeof b);
	ck_assert_str_eq(b, "shared 3 (50%) · copied 3 (50%) · absent 2");
	page_summary(&after_write, utf8, true, b, sizeof b);
	ck_assert_str_eq(b, "shared 50% · copied 50%");
	/* A third read carries the judgement on. */
	m = fixture_pagemap("child after writing 3", again);
	PageMap_note_shared(&m, &after_write);
	page_summary(&m, utf8, true, b, sizeof b);
	ck_assert_str_eq(b, "shared 50% · copied 50%");
	/* The same read with nothing before it: exclusive, not copied. */
	m = fixture_pagemap("child after writing 3", again);
	PageMap_note_shared(&m, NULL);
	page_summary(&m, utf8, true, b, sizeof b);
	ck_assert_str_eq(b, "shared 50% · exclusive 50%");
	/* The parent's originals, seen shared after fork, are mapped once now. */
	after_fork = fixture_pagemap("parent after fork", parent_then);
	PageMap_note_shared(&after_fork, NULL);
	m = fixture_pagemap("parent after child wrote 3", parent);
	PageMap_note_shared(&m, &after_fork);
	page_summary(&m, utf8, true, b, sizeof b);
	ck_assert_str_eq(b, "shared 50% · copied 50%");
	/* A page absent in between forgets it was shared: faulted in again,
	 * it is a new page. */
	after_fork = fixture_pagemap("child after fork", fork_child);
	PageMap_note_shared(&after_fork, NULL);
	m = fixture_pagemap("child after fork", again);
	again[0].flags = 0;
	PageMap_note_shared(&m, &after_fork);
	after_write = fixture_pagemap("child after writing 3", written);
	PageMap_note_shared(&after_write, &m);
	ck_assert_int_eq(page_class(&written[0], false), PAGE_CLASS_EXCLUSIVE);
	ck_assert_int_eq(page_class(&written[1], false), PAGE_CLASS_COPIED);
	ck_assert_int_eq(page_class(&written[6], false), PAGE_CLASS_ABSENT);
}
END_TEST

/* ---- file descriptors ---- */

START_TEST(test_fd_rows)
{
	StableIds ids;
	FdEntry e = { .fd = 3, .kind = FD_KIND_FILE, .target = (char *)"/etc/group",
		      .info_state = READ_OK, .acc_mode = O_RDONLY, .cloexec = true, .pos = 120 };
	bool shown[FCOL_COUNT];
	char b[128];

	StableIds_init(&ids, true, 1, "");
	fd_cell(&e, 1, true, &ids, FCOL_FD, b, sizeof b); ck_assert_str_eq(b, "3");
	fd_cell(&e, 1, true, &ids, FCOL_TYPE, b, sizeof b); ck_assert_str_eq(b, "file");
	fd_cell(&e, 1, true, &ids, FCOL_MODE, b, sizeof b); ck_assert_str_eq(b, "r");
	fd_cell(&e, 1, true, &ids, FCOL_OFFSET, b, sizeof b); ck_assert_str_eq(b, "120");
	fd_cell(&e, 1, true, &ids, FCOL_EXEC, b, sizeof b); ck_assert_str_eq(b, "close");
	ck_assert_int_eq(fd_cell_role(&e, 1, FCOL_EXEC), ROLE_FD_CLOEXEC);
	fd_cell(&e, 1, true, &ids, FCOL_PARENT, b, sizeof b); ck_assert_str_eq(b, "shared");
	ck_assert_int_eq(fd_cell_role(&e, 1, FCOL_PARENT), ROLE_FD_SHARED);
	fd_cell(&e, 0, true, &ids, FCOL_PARENT, b, sizeof b); ck_assert_str_eq(b, "no");
	fd_cell(&e, -1, true, &ids, FCOL_PARENT, b, sizeof b); ck_assert_str_eq(b, "?");
	fd_cell(&e, 0, false, &ids, FCOL_PARENT, b, sizeof b); ck_assert_str_eq(b, "");
	fd_cell(&e, 1, true, &ids, FCOL_TARGET, b, sizeof b); ck_assert_str_eq(b, "/etc/group");
	/* The plain one: exec keeps it. */
	e.cloexec = false;
	e.acc_mode = O_WRONLY;
	e.append = true;
	fd_cell(&e, 1, true, &ids, FCOL_EXEC, b, sizeof b); ck_assert_str_eq(b, "keep");
	ck_assert_int_eq(fd_cell_role(&e, 1, FCOL_EXEC), ROLE_NORMAL);
	fd_cell(&e, 1, true, &ids, FCOL_MODE, b, sizeof b); ck_assert_str_eq(b, "w+a");
	/* A pipe has no offset; its inode is stable in screenshots. */
	e.kind = FD_KIND_PIPE;
	e.target = (char *)"pipe:[123456]";
	fd_cell(&e, 1, true, &ids, FCOL_OFFSET, b, sizeof b); ck_assert_str_eq(b, "-");
	fd_cell(&e, 1, true, &ids, FCOL_TARGET, b, sizeof b); ck_assert_str_eq(b, "pipe:[1]");
	ck_assert_int_eq(fd_cell_role(&e, 1, FCOL_TARGET), ROLE_FD_PIPE);
	e.kind = FD_KIND_ANON;
	snprintf(e.anon_kind, sizeof e.anon_kind, "pidfd");
	fd_cell(&e, 1, true, &ids, FCOL_TYPE, b, sizeof b); ck_assert_str_eq(b, "pidfd");
	/* fdinfo unreadable: unknown, never "keep". */
	e.info_state = READ_GONE;
	fd_cell(&e, 1, true, &ids, FCOL_EXEC, b, sizeof b); ck_assert_str_eq(b, "?");
	fd_cell(&e, 1, true, &ids, FCOL_OFFSET, b, sizeof b); ck_assert_str_eq(b, "?");
	/* ON EXEC and the target outlast every other column. */
	fd_columns_fit(30, 0, shown);
	ck_assert(shown[FCOL_FD] && shown[FCOL_EXEC] && shown[FCOL_TARGET]);
	ck_assert(!shown[FCOL_OFFSET]);
	StableIds_done(&ids);
}
END_TEST

/* What fdinfo adds: a pidfd's Pid (stable, or -1 once reaped), an
 * eventfd's count, inotify's watches; a pipe's inode is never cut. */
START_TEST(test_fd_target_extras)
{
	StableIds ids;
	FdEntry e = { .fd = 3, .kind = FD_KIND_ANON, .target = (char *)"anon_inode:[pidfd]",
		      .anon_kind = "pidfd", .info_state = READ_OK, .pidfd_pid = 4321 };
	FdEntry v[2] = {
		{ .fd = 1, .kind = FD_KIND_PIPE, .target = (char *)"pipe:[98765432]" },
		{ .fd = 5, .kind = FD_KIND_SOCKET, .target = (char *)"socket:[12345678901]" },
	};
	FdTable t = { READ_OK, v, 2 };
	bool shown[FCOL_COUNT];
	char b[128];

	StableIds_init(&ids, false, 1, "");
	fd_cell(&e, 1, true, &ids, FCOL_TARGET, b, sizeof b);
	ck_assert_str_eq(b, "anon_inode:[pidfd] Pid: 4321");
	e.pidfd_pid = -1;
	fd_target_extra(&e, &ids, b, sizeof b);
	ck_assert_str_eq(b, "Pid: -1");
	e.pidfd_pid = 0; /* fdinfo without a Pid: line */
	fd_target_extra(&e, &ids, b, sizeof b);
	ck_assert_str_eq(b, "");
	snprintf(e.anon_kind, sizeof e.anon_kind, "eventfd");
	e.target = (char *)"anon_inode:[eventfd]";
	e.eventfd_count = 31;
	fd_cell(&e, 1, true, &ids, FCOL_TARGET, b, sizeof b);
	ck_assert_str_eq(b, "anon_inode:[eventfd] eventfd-count: 31");
	snprintf(e.anon_kind, sizeof e.anon_kind, "inotify");
	e.inotify_watches = 2;
	fd_target_extra(&e, &ids, b, sizeof b);
	ck_assert_str_eq(b, "2 watches");
	e.info_state = READ_DENIED; /* nothing fdinfo did not say */
	fd_target_extra(&e, &ids, b, sizeof b);
	ck_assert_str_eq(b, "");
	StableIds_done(&ids);

	StableIds_init(&ids, true, 1, "");
	e.info_state = READ_OK;
	snprintf(e.anon_kind, sizeof e.anon_kind, "pidfd");
	e.pidfd_pid = 4321;
	fd_target_extra(&e, &ids, b, sizeof b);
	ck_assert_str_eq(b, "Pid: 900"); /* not a record of the session: an outsider's number */
	StableIds_done(&ids);

	StableIds_init(&ids, false, 1, "");
	ck_assert_int_eq(fd_target_min(&t, &ids), 20); /* socket:[12345678901] */
	fd_columns_fit(40, fd_target_min(&t, &ids), shown);
	ck_assert(shown[FCOL_TARGET] && shown[FCOL_FD] && shown[FCOL_EXEC]);
	{
		/* the columns shown leave the target its 20 */
		int used = 0;
		for (int c = 0; c < FCOL_COUNT; c++)
			if (shown[c] && c != FCOL_TARGET)
				used += fd_columns[c].width + 1;
		ck_assert_int_ge(40 - used, 20);
	}
	v[1].target = (char *)"/run/a-very-long-named-socket-path-that-may-be-cut";
	ck_assert_int_eq(fd_target_min(&t, &ids), 15); /* pipe:[98765432] */
	StableIds_done(&ids);
}
END_TEST

/* ---- the process pane ---- */

/* The exec-family scenario's execle: the child's environ is exactly what
 * the caller passed; the inherited case holds the parent's and the one
 * variable the parent setenv'd before its fork. */
START_TEST(test_process_words)
{
	char *parent_env[] = { "HOME=/root", "LANG=C.UTF-8", "PATH=/usr/local/bin:/usr/bin",
			       "SHLVL=1", "TERM=xterm", "_=/usr/bin/env", NULL };
	char *passed[] = { "FORKSCOPE_LESSON=passed-by-the-caller", "PATH=/usr/bin:/bin", NULL };
	char *inherited[] = { "HOME=/root", "LANG=C.UTF-8", "PATH=/usr/local/bin:/usr/bin",
			      "SHLVL=1", "TERM=xterm", "_=/usr/bin/env",
			      "FORKSCOPE_LESSON=inherited-from-the-parent", NULL };
	ProcDetail self = { 0 }, parent = { 0 };
	ProcWord w[32];
	int line[32], x[32];
	StableIds ids;
	size_t n;

	StableIds_init(&ids, false, 1, "");
	self.environ_state = parent.environ_state = READ_OK;
	self.environ = passed;
	parent.environ = parent_env;
	n = proc_environ_words(&self, &parent, utf8, &ids, w, 32);
	ck_assert_uint_eq(n, 6);
	ck_assert_str_eq(w[0].text, "2 vars");
	ck_assert_str_eq(w[1].text, "·");
	ck_assert_str_eq(w[2].text, "+FORKSCOPE_LESSON=passed-by-the-caller");
	ck_assert_int_eq(w[2].role, ROLE_SIG_DIFF);
	ck_assert_str_eq(w[3].text, "+PATH=/usr/bin:/bin");
	ck_assert_str_eq(w[5].text, "5 of the parent's absent"); /* more than ENV_REMOVED_LISTED */
	/* a few removed are named */
	parent_env[3] = NULL; /* HOME LANG PATH */
	n = proc_environ_words(&self, &parent, utf8, &ids, w, 32);
	ck_assert_uint_eq(n, 7);
	ck_assert_str_eq(w[5].text, "-HOME");
	ck_assert_str_eq(w[6].text, "-LANG");
	parent_env[3] = "SHLVL=1";
	self.environ = inherited;
	n = proc_environ_words(&self, &parent, utf8, &ids, w, 32);
	ck_assert_uint_eq(n, 5);
	ck_assert_str_eq(w[0].text, "7 vars");
	ck_assert_str_eq(w[2].text, "+FORKSCOPE_LESSON=inherited-from-the-parent");
	ck_assert_str_eq(w[4].text, "6 as in the parent");
	ck_assert_int_eq(w[4].role, ROLE_DIM);
	/* no parent to compare with: the count alone, no value */
	n = proc_environ_words(&self, NULL, utf8, &ids, w, 32);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(w[0].text, "7 vars");
	/* the parent's unreadable: the same */
	parent.environ_state = READ_DENIED;
	ck_assert_uint_eq(proc_environ_words(&self, &parent, utf8, &ids, w, 32), 1);
	self.environ_state = READ_DENIED;
	ck_assert_uint_eq(proc_environ_words(&self, &parent, utf8, &ids, w, 32), 1);
	ck_assert_int_eq(w[0].role, ROLE_WARNING);
	/* many added: listed while there is room, then counted */
	{
		static char big[40][16];
		char *many[41];
		for (int i = 0; i < 40; i++) {
			snprintf(big[i], sizeof big[i], "V%02d=x", i);
			many[i] = big[i];
		}
		many[40] = NULL;
		self.environ_state = parent.environ_state = READ_OK;
		self.environ = many;
		n = proc_environ_words(&self, &parent, utf8, &ids, w, 32);
		ck_assert_uint_le(n, 32);
		ck_assert(strstr(w[n - 3].text, "more") != NULL);
	}

	/* exe and cwd: what differs from the parent in the diff role */
	self = (ProcDetail){ 0 };
	parent = (ProcDetail){ 0 };
	self.id.exe_state = parent.id.exe_state = READ_OK;
	self.id.exe = (char *)"/usr/bin/true";
	parent.id.exe = (char *)"/usr/libexec/forkscope/forkscope-demo";
	self.cwd_state = parent.cwd_state = READ_OK;
	self.cwd = (char *)"/";
	parent.cwd = (char *)"/";
	n = proc_place_words(&self, &parent, &ids, w, 32);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(w[0].text, "/usr/bin/true");
	ck_assert_int_eq(w[0].role, ROLE_SIG_DIFF);
	ck_assert_str_eq(w[1].label, "cwd");
	ck_assert_str_eq(w[1].text, "/");
	ck_assert_int_eq(w[1].role, ROLE_NORMAL);
	self.cwd_state = READ_ABSENT; /* a zombie has none */
	n = proc_place_words(&self, NULL, &ids, w, 32);
	ck_assert_int_eq(w[0].role, ROLE_NORMAL);
	ck_assert_int_eq(w[1].role, ROLE_DIM);
	StableIds_done(&ids);

	/* --stable: the directory forkscope runs in is $PWD */
	StableIds_init(&ids, true, 1, "");
	snprintf(ids.cwd, sizeof ids.cwd, "/home/someone/src/forkscope");
	self.cwd_state = READ_OK;
	self.cwd = (char *)"/home/someone/src/forkscope/build";
	n = proc_place_words(&self, NULL, &ids, w, 32);
	ck_assert_str_eq(w[1].text, "$PWD/build");
	self.cwd = (char *)"/home/someone/src/forkscope-other";
	n = proc_place_words(&self, NULL, &ids, w, 32);
	ck_assert_str_eq(w[1].text, "/home/someone/src/forkscope-other");
	StableIds_done(&ids);

	/* scheduling: spawn-attrs' child 5 against its parent */
	self.id.state = parent.id.state = READ_OK;
	self.id.sched_policy = 1;
	self.id.rt_priority = 10;
	n = proc_sched_words(&self.id, &parent.id, w, 32);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(w[0].text, "SCHED_FIFO");
	ck_assert_int_eq(w[0].role, ROLE_SIG_DIFF);
	ck_assert_str_eq(w[1].label, "rt_priority");
	ck_assert_str_eq(w[1].text, "10");
	ck_assert_str_eq(w[2].label, "nice");
	ck_assert_str_eq(w[2].text, "0");
	ck_assert_int_eq(w[2].role, ROLE_NORMAL);

	/* laid out: "sched " first, then lines of 20; a word longer than a
	 * line goes on in the lines below */
	ck_assert_int_eq(proc_words_lay_out(w, n, 30, 6, line, x), 2);
	ck_assert_int_eq(line[0], 0);
	ck_assert_int_eq(x[0], 6);
	ck_assert_int_eq(line[2], 1); /* "nice 0" after "rt_priority 10" does not fit */
	snprintf(w[0].text, sizeof w[0].text, "+FORKSCOPE_LESSON=passed-by-the-caller");
	w[0].label[0] = '\0';
	snprintf(w[1].text, sizeof w[1].text, "+PATH=/bin");
	w[1].label[0] = '\0';
	ck_assert_int_eq(proc_words_lay_out(w, 2, 16, 8, line, x), 5);
	ck_assert_int_eq(line[0], 1); /* too long after the name: lines 1-3 of its own */
	ck_assert_int_eq(x[0], 0);
	ck_assert_int_eq(line[1], 4); /* after "caller " there is no room left */
	snprintf(w[1].text, sizeof w[1].text, "+P=1");
	ck_assert_int_eq(proc_words_lay_out(w, 2, 16, 8, line, x), 4);
	ck_assert_int_eq(line[1], 3);
	ck_assert_int_eq(x[1], 7);
	{
		TextLine pieces[8];
		ck_assert_uint_eq(proc_word_pieces(&w[0], 16, pieces, 8), 3);
		ck_assert_uint_eq(pieces[0].len, 16);
		ck_assert_uint_eq(pieces[2].start, 32);
		ck_assert_uint_eq(pieces[2].len, 6); /* "caller" */
	}
}
END_TEST

/* ---- signals ---- */

START_TEST(test_signal_lists)
{
	SigItem items[64];
	SigSets sets = { .state = READ_OK, .pending_thread = 1ull << (SIGUSR1 - 1),
			 .pending_shared = 1ull << (SIGTERM - 1) };
	uint64_t self = (1ull << (SIGINT - 1)) | (1ull << (SIGQUIT - 1));
	uint64_t parent = (1ull << (SIGQUIT - 1)) | (1ull << (SIGCHLD - 1));
	char b[32];
	size_t n;

	n = sig_items(self, parent, true, items, 64);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(items[0].signo, SIGINT);  ck_assert_int_eq(items[0].diff, SIGDIFF_ADDED);
	ck_assert_int_eq(items[1].signo, SIGQUIT); ck_assert_int_eq(items[1].diff, SIGDIFF_SAME);
	ck_assert_int_eq(items[2].signo, SIGCHLD); ck_assert_int_eq(items[2].diff, SIGDIFF_REMOVED);
	sig_item_text(&items[0], utf8, b, sizeof b); ck_assert_str_eq(b, "+SIGINT");
	sig_item_text(&items[1], utf8, b, sizeof b); ck_assert_str_eq(b, "SIGQUIT");
	sig_item_text(&items[2], utf8, b, sizeof b); ck_assert_str_eq(b, "-SIGCHLD");
	/* Without a parent nothing is a difference. */
	n = sig_items(self, parent, false, items, 64);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(items[0].diff, SIGDIFF_SAME);
	ck_assert_uint_eq(sig_items(0, 0, true, items, 64), 0);
	/* Pending is the thread's and the process's together. */
	ck_assert(sigmask_has(SigSets_mask(&sets, SIGSET_PENDING), SIGUSR1));
	ck_assert(sigmask_has(SigSets_mask(&sets, SIGSET_PENDING), SIGTERM));
	ck_assert_str_eq(SigSetKind_name(SIGSET_CAUGHT), "caught");
	ck_assert_int_eq(SigSetKind_role(SIGSET_BLOCKED), ROLE_SIG_BLOCKED);
}
END_TEST

static Suite *panes_suite(void)
{
	Suite *s = suite_create("ui format panes");
	TCase *tc = tcase_create("format");

	tcase_add_checked_fixture(tc, format_test_setup, NULL);
	tcase_add_test(tc, test_mapping_rows);
	tcase_add_test(tc, test_page_shades);
	tcase_add_test(tc, test_page_words);
	tcase_add_test(tc, test_fd_rows);
	tcase_add_test(tc, test_fd_target_extras);
	tcase_add_test(tc, test_process_words);
	tcase_add_test(tc, test_signal_lists);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(panes_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
