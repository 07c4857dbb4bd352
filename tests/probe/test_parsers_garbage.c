/*
 * Every pure parser of the probe on garbage: seeded random mutations of the
 * fixtures captured from a real kernel (bytes changed, cut, NULs put in),
 * and pure noise of every length. A parser may refuse the text, never
 * crash, read past its end (each input is a buffer of exactly its length,
 * fixture.h, for AddressSanitizer) or leave half a result behind.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "fixture.h"
#include "probe/detail.h"
#include "probe/fdtable.h"
#include "probe/pagemap.h"
#include "probe/sigset.h"
#include "probe/smaps.h"
#include "probe/status.h"

/* ---- garbage: seeded mutations of every fixture through every parser ---- */

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void run_all_parsers(const char *text, size_t len)
{
	char *p = exact(text, len);
	ProcStat st;
	ProcStatus ps;
	MappingList list;
	MemTotals tot;
	FdInfo info;
	uint64_t mask;
	char *s;
	char **env;

	stat_parse(p, len, &st);
	status_parse(p, len, &ps);
	if (smaps_parse(p, len, &list) == READ_OK)
		MappingList_done(&list);
	else
		ck_assert_uint_eq(list.n, 0);
	smaps_rollup_parse(p, len, &tot);
	fdinfo_parse(p, len, &info);
	sigmask_parse_hex(p, len, &mask);
	s = cmdline_join(p, len);
	free(s);
	env = environ_split(p, len);
	{
		/* the two halves' difference, as a process and its parent */
		char **other = environ_split(p + len / 2, len - len / 2);
		EnvDiff d;
		EnvDiff_compute(&d, env, other);
		ck_assert_uint_le(d.n, environ_len(env) + environ_len(other));
		ck_assert_uint_eq(d.added + d.same, environ_len(env));
		EnvDiff_done(&d);
		environ_free(other);
	}
	environ_free(env);
	free(p);
}

START_TEST(garbage_everywhere)
{
	static const char *files[] = {
		"stat-weird-comm.txt", "stat-zombie.txt", "status-signals.txt", "smaps-child.txt",
		"smaps-kinds.txt", "smaps_rollup-child.txt", "fdinfo-pidfd.txt", "fdinfo-eventfd.txt",
		"fdinfo-inotify-watches.txt", "environ-parent.bin", "stat-fifo.txt",
	};
	static const char alphabet[] = "0123456789abcdefx-:() \t\n\\kB";
	size_t f, i;

	for (f = 0; f < sizeof files / sizeof files[0]; f++) {
		size_t len;
		char *t = fixture(files[f], &len);

		for (i = 0; i < 300; i++) {
			char *m = exact(t, len);
			size_t k, edits = 1 + rng() % 8, mlen = len;

			for (k = 0; k < edits && mlen > 0; k++) {
				size_t at = rng() % mlen;
				switch (rng() % 4) {
				case 0: m[at] = (char)rng(); break;
				case 1: m[at] = alphabet[rng() % (sizeof alphabet - 1)]; break;
				case 2: mlen = at; break; /* truncate */
				default: m[at] = '\0'; break;
				}
			}
			run_all_parsers(m, mlen);
			free(m);
		}
		free(t);
	}
	/* pure noise, all lengths */
	for (i = 0; i < 2000; i++) {
		size_t len = rng() % 300, k;
		char *m = malloc(len ? len : 1);
		for (k = 0; k < len; k++)
			m[k] = (char)rng();
		run_all_parsers(m, len);
		free(m);
	}
	for (i = 0; i < 2000; i++)
		(void)pagemap_decode(rng());
}
END_TEST

static Suite *garbage_suite(void)
{
	Suite *s = suite_create("probe-parsers-garbage");
	TCase *tc = tcase_create("fixtures");

	tcase_add_test(tc, garbage_everywhere);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(garbage_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
