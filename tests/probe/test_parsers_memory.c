/*
 * The probe's pure parsers of a process's memory: smaps and smaps_rollup on
 * fixtures captured from a real kernel (tests/fixtures/probe), on
 * hand-made malformed text and on every truncation of a fixture; pagemap
 * entries decoded bit by bit, a page's class, and "seen shared" carried
 * from one read to the next. Inputs are copied into buffers of exactly
 * their length (fixture.h), for AddressSanitizer.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "probe/pagemap.h"
#include "probe/smaps.h"

/* ---- smaps ---- */

START_TEST(smaps_child)
{
	size_t len;
	char *t = fixture("smaps-child.txt", &len);
	MappingList list;
	const Mapping *m;

	ck_assert_int_eq(smaps_parse(t, len, &list), READ_OK);
	ck_assert_uint_eq(list.n, 27);
	ck_assert_str_eq(list.v[0].path, "/usr/bin/capture-demo");
	ck_assert_int_eq(list.v[0].kind, MAP_KIND_FILE);
	ck_assert_str_eq(list.v[0].perms, "r--p");
	ck_assert_uint_eq(list.v[0].dev_major, 0xfe);
	ck_assert_uint_eq(list.v[0].inode, 10953236);

	m = MappingList_find(&list, 0x7f0f27a00000ul + 4096);
	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(m->start, 0x7f0f27a00000ul);
	ck_assert_uint_eq(m->end, 0x7f0f27e00000ul);
	ck_assert_int_eq(m->kind, MAP_KIND_ANON);
	ck_assert_uint_eq(m->kb.rss, 2048);
	ck_assert_uint_eq(m->kb.pss, 2048);
	ck_assert_uint_eq(m->kb.private_dirty, 2048);
	ck_assert_uint_eq(m->kb.anonymous, 2048);
	ck_assert_uint_eq(m->kb.shared_dirty, 0);
	ck_assert_ptr_null(MappingList_find(&list, 0x10));

	ck_assert_int_eq(MappingList_find(&list, 0x559cc2ed8000ul)->kind, MAP_KIND_HEAP);
	ck_assert_int_eq(MappingList_find(&list, 0x7ffe54027000ul)->kind, MAP_KIND_STACK);
	ck_assert_int_eq(MappingList_find(&list, 0x7f0f28904000ul)->kind, MAP_KIND_VDSO);
	ck_assert_int_eq(MappingList_find(&list, 0x7f0f288fe000ul)->kind, MAP_KIND_VDSO);
	ck_assert_int_eq(MappingList_find(&list, 0xffffffffff600000ul)->kind, MAP_KIND_VDSO);
	MappingList_done(&list);
	free(t);
}
END_TEST

START_TEST(smaps_kinds)
{
	size_t len;
	char *t = fixture("smaps-kinds.txt", &len);
	MappingList list;

	ck_assert_int_eq(smaps_parse(t, len, &list), READ_OK);
	ck_assert_uint_eq(list.n, 3);
	ck_assert_str_eq(list.v[0].path, "/srv/data/a file (deleted)");
	ck_assert_int_eq(list.v[0].kind, MAP_KIND_FILE);
	ck_assert_str_eq(list.v[1].path, "/memfd:demo region (deleted)");
	ck_assert_int_eq(list.v[1].kind, MAP_KIND_SHMEM);
	ck_assert_str_eq(list.v[1].perms, "rw-s");
	ck_assert_int_eq(list.v[2].kind, MAP_KIND_SHMEM);
	ck_assert_uint_eq(list.v[2].kb.rss, 4);
	MappingList_done(&list);
	free(t);
}
END_TEST

START_TEST(smaps_rollup_child)
{
	size_t len;
	char *t = fixture("smaps_rollup-child.txt", &len);
	MemTotals tot;

	ck_assert_int_eq(smaps_rollup_parse(t, len, &tot), READ_OK);
	ck_assert_int_eq(tot.state, READ_OK);
	ck_assert_uint_eq(tot.kb.rss, 3132);
	ck_assert_uint_eq(tot.kb.pss, 2244);
	ck_assert_uint_eq(tot.kb.shared_clean, 952);
	ck_assert_uint_eq(tot.kb.shared_dirty, 52);
	ck_assert_uint_eq(tot.kb.private_clean, 12);
	ck_assert_uint_eq(tot.kb.private_dirty, 2116);
	free(t);
}
END_TEST

START_TEST(smaps_malformed)
{
	static const char *bad[] = {
		"Rss:  4 kB\n",                                        /* key before any header */
		"00400000-00401000 r-xp 00000000 08:01 12 /bin/x\nRss: x kB\n",
		"00400000-00401000 r-xp 00000000 08:01 12 /bin/x\nRss: 4 MB\n",
		"00400000-00401000 r-xp 00000000 08:01 12 /bin/x\nRss: 4 kB trailing\n",
		"00400000-00401000 r-xp 00000000 08:01 12 /bin/x\nno colon\n",
		"00401000-00400000 r-xp 00000000 08:01 12 /bin/x\n",   /* end before start */
		"00400000-00401000 r-xpx 00000000 08:01 12 /bin/x\n",
		"00400000-00401000 r-xp 00000000 0801 12 /bin/x\n",
		"00400000-00401000 r-xp 00000000 08:01 12x /bin/x\n",
		"00400000-",
		"11111111111111111-2 r-xp 0 0:0 0\n",                  /* 17 hex digits */
	};
	MemTotals tot;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *p = exact(bad[i], strlen(bad[i]));
		MappingList list;
		ck_assert_msg(smaps_parse(p, strlen(bad[i]), &list) == READ_MALFORMED, "accepted %s", bad[i]);
		ck_assert_uint_eq(list.n, 0);
		ck_assert_ptr_null(list.v);
		free(p);
	}
	ck_assert_int_eq(smaps_rollup_parse("Pss: 3 kB\n", 10, &tot), READ_MALFORMED); /* no Rss */
	ck_assert_int_eq(smaps_rollup_parse("", 0, &tot), READ_MALFORMED);
	ck_assert_int_eq(smaps_rollup_parse("Rss: 1 kB\nPss: 99999999999999999999999 kB\n", 42, &tot),
	                 READ_MALFORMED);
	ck_assert_uint_eq(tot.kb.rss, 0);
	{
		MappingList list;
		ck_assert_int_eq(smaps_parse("", 0, &list), READ_OK); /* a zombie's smaps */
		ck_assert_uint_eq(list.n, 0);
	}
}
END_TEST

/* Every truncation: OK or MALFORMED, and MALFORMED leaves nothing behind. */
START_TEST(smaps_truncated)
{
	size_t len, cut;
	char *t = fixture("smaps-child.txt", &len);

	for (cut = 0; cut <= len; cut += 7) {
		char *p = exact(t, cut);
		MappingList list;
		ReadState rs = smaps_parse(p, cut, &list);
		ck_assert(rs == READ_OK || rs == READ_MALFORMED);
		if (rs == READ_MALFORMED)
			ck_assert_uint_eq(list.n, 0);
		MappingList_done(&list);
		free(p);
	}
	free(t);
}
END_TEST

/* ---- pagemap decoding ---- */

START_TEST(pagemap_bits)
{
	PageInfo p = pagemap_decode((UINT64_C(1) << 63) | (UINT64_C(1) << 56) | 0x1234);

	ck_assert_uint_eq(p.flags, PAGE_PRESENT | PAGE_EXCLUSIVE);
	ck_assert_uint_eq(p.pfn, 0x1234);
	ck_assert_int_eq(p.mapcount, -1);
	p = pagemap_decode((UINT64_C(1) << 62) | 0x55);
	ck_assert_uint_eq(p.flags, PAGE_SWAPPED);
	ck_assert_uint_eq(p.pfn, 0); /* swap type/offset is not a frame */
	p = pagemap_decode((UINT64_C(1) << 63) | (UINT64_C(1) << 61) | (UINT64_C(1) << 55));
	ck_assert_uint_eq(p.flags, PAGE_PRESENT | PAGE_FILE_SHARED | PAGE_SOFT_DIRTY);
	p = pagemap_decode(0);
	ck_assert_uint_eq(p.flags, 0);
	p = pagemap_decode(UINT64_MAX);
	ck_assert_uint_eq(p.pfn, (UINT64_C(1) << 55) - 1);
}
END_TEST

/* A page's class, and "seen shared" carried by address from one read to
 * the next: copied is exclusive now and shared before, nothing else. */
START_TEST(pagemap_classes_and_seen_shared)
{
	unsigned long page = (unsigned long)sysconf(_SC_PAGESIZE), base = 0x7f0000000000ul;
	uint64_t present = UINT64_C(1) << 63, excl = UINT64_C(1) << 56, swapped = UINT64_C(1) << 62;
	PageInfo then[4], now[4];
	PageMap before = { .state = READ_OK, .start = base, .npages = 4, .pages = then };
	PageMap after = { .state = READ_OK, .start = base + 2 * page, .npages = 4, .pages = now };

	/* before: pages 0-3 of the range; after: pages 2-5 */
	then[0] = pagemap_decode(present);
	then[1] = pagemap_decode(present);
	then[2] = pagemap_decode(present);          /* shared */
	then[3] = pagemap_decode(present | excl);   /* exclusive */
	now[0] = pagemap_decode(present | excl);    /* page 2: was shared */
	now[1] = pagemap_decode(present | excl);    /* page 3: was exclusive */
	now[2] = pagemap_decode(present | excl);    /* page 4: not read before */
	now[3] = pagemap_decode(swapped | 0x77);    /* page 5 */
	ck_assert_int_eq(page_class(&then[0], false), PAGE_CLASS_SHARED);
	ck_assert_int_eq(page_class(&now[0], false), PAGE_CLASS_EXCLUSIVE);
	ck_assert_int_eq(page_class(&now[3], false), PAGE_CLASS_SWAPPED);
	ck_assert_int_eq(page_class(&(PageInfo){ .flags = 0, .mapcount = -1 }, false),
			 PAGE_CLASS_ABSENT);
	PageMap_note_shared(&before, NULL);
	ck_assert(then[2].flags & PAGE_SEEN_SHARED);
	ck_assert(!(then[3].flags & PAGE_SEEN_SHARED));
	PageMap_note_shared(&after, &before);
	ck_assert_int_eq(page_class(&now[0], false), PAGE_CLASS_COPIED);
	ck_assert_int_eq(page_class(&now[1], false), PAGE_CLASS_EXCLUSIVE);
	ck_assert_int_eq(page_class(&now[2], false), PAGE_CLASS_EXCLUSIVE);
	ck_assert_int_eq(page_class(&now[3], false), PAGE_CLASS_SWAPPED);
	/* With frame map counts (root) the count decides, not bit 56. */
	now[1] = (PageInfo){ .flags = PAGE_PRESENT | PAGE_EXCLUSIVE, .mapcount = 2 };
	ck_assert(page_shared(&now[1], true));
	ck_assert(!page_shared(&now[1], false));
	ck_assert(!page_shared(&now[3], false));
	/* A read that failed, before or now, marks nothing from history. */
	before.state = READ_GONE;
	now[0] = pagemap_decode(present | excl);
	PageMap_note_shared(&after, &before);
	ck_assert_int_eq(page_class(&now[0], false), PAGE_CLASS_EXCLUSIVE);
}
END_TEST

static Suite *memory_suite(void)
{
	Suite *s = suite_create("probe-parsers-memory");
	TCase *tc = tcase_create("fixtures");

	tcase_add_test(tc, smaps_child);
	tcase_add_test(tc, smaps_kinds);
	tcase_add_test(tc, smaps_rollup_child);
	tcase_add_test(tc, smaps_malformed);
	tcase_add_test(tc, smaps_truncated);
	tcase_add_test(tc, pagemap_bits);
	tcase_add_test(tc, pagemap_classes_and_seen_shared);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(memory_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
