/*
 * The probe's pure parsers on fixtures captured from a real kernel
 * (tests/fixtures/probe), on hand-made malformed text, on every truncation
 * of each fixture, and on seeded random mutations. Inputs are copied into
 * buffers of exactly their length with no NUL after them, so a parser that
 * reads one byte too far is caught by AddressSanitizer.
 */
#include <check.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "probe/detail.h"
#include "probe/fdtable.h"
#include "probe/pagemap.h"
#include "probe/sigset.h"
#include "probe/smaps.h"
#include "probe/status.h"
#include "probe/netsock.h"

/* A fixture file's bytes, owned by the caller. */
static char *fixture(const char *name, size_t *len)
{
	char path[1024];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof path, "%s/probe/%s", FIXTURES_DIR, name);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "fixture %s missing", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	ck_assert(buf != NULL);
	ck_assert_int_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0'; /* for the test's own string functions; parsers get len */
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* An exact-size heap copy (no terminator) of len bytes of text. */
static char *exact(const char *text, size_t len)
{
	char *p = malloc(len ? len : 1);

	ck_assert(p != NULL);
	memcpy(p, text, len);
	return p;
}

/* ---- stat ---- */

START_TEST(stat_weird_comm)
{
	size_t len;
	char *t = fixture("stat-weird-comm.txt", &len);
	ProcStat st;

	ck_assert_int_eq(stat_parse(t, len, &st), READ_OK);
	ck_assert_int_eq(st.pid, 14911);
	ck_assert_str_eq(st.comm, "we(ird) )name");
	ck_assert_int_eq(st.task_state, 'S');
	ck_assert_int_eq(st.ppid, 14910);
	ck_assert_int_eq(st.pgid, 14901);
	ck_assert_int_eq(st.sid, 6423);
	ck_assert_int_eq(st.priority, 25);
	ck_assert_int_eq(st.nice, 5);
	ck_assert_int_eq(st.threads, 2);
	ck_assert_uint_eq(st.start_ticks, 76814);
	ck_assert_int_eq(st.rt_priority, 0);
	ck_assert_int_eq(st.sched_policy, 3); /* SCHED_BATCH */
	ck_assert_uint_eq(st.flags & STAT_PF_KTHREAD, 0);
	ck_assert_uint_eq(st.image.code_start, 94131629195264ull);
	ck_assert_uint_eq(st.image.code_end, 94131629197373ull);
	ck_assert_uint_eq(st.image.stack_start, 140730307994528ull);
	free(t);
}
END_TEST

START_TEST(stat_zombie_kthread_kworker)
{
	size_t len;
	char *t = fixture("stat-zombie.txt", &len);
	ProcStat st;

	ck_assert_int_eq(stat_parse(t, len, &st), READ_OK);
	ck_assert_int_eq(st.task_state, 'Z');
	ck_assert_str_eq(st.comm, "cap");
	ck_assert(!ProcImage_known(&st.image)); /* no memory left: no image */
	free(t);

	t = fixture("stat-kthread.txt", &len);
	ck_assert_int_eq(stat_parse(t, len, &st), READ_OK);
	ck_assert_int_eq(st.pid, 2);
	ck_assert_int_eq(st.ppid, 0);
	ck_assert_uint_ne(st.flags & STAT_PF_KTHREAD, 0);
	free(t);

	t = fixture("stat-kworker.txt", &len);
	ck_assert_int_eq(stat_parse(t, len, &st), READ_OK);
	ck_assert_str_eq(st.comm, "kworker/0:1-events"); /* longer than 15 */
	ck_assert_int_eq(st.task_state, 'I');
	free(t);
}
END_TEST

/* Scheduling: policy (field 41), rt_priority (40), priority (18), nice (19),
 * from processes started by chrt -f 10 and by nice -n 7 chrt -i 0. */
START_TEST(stat_sched_fields)
{
	size_t len;
	char *t = fixture("stat-fifo.txt", &len);
	ProcStat st;
	ProcIdentity id = { 0 };

	ck_assert_int_eq(stat_parse(t, len, &st), READ_OK);
	ck_assert_int_eq(st.sched_policy, 1);
	ck_assert_int_eq(st.rt_priority, 10);
	ck_assert_int_eq(st.priority, -11); /* -1 - rt_priority */
	ck_assert_int_eq(st.nice, 0);
	identity_from_stat(&id, &st);
	ck_assert_str_eq(sched_policy_name(id.sched_policy), "SCHED_FIFO");
	ck_assert_int_eq(id.rt_priority, 10);
	free(t);

	t = fixture("stat-idle-nice.txt", &len);
	ck_assert_int_eq(stat_parse(t, len, &st), READ_OK);
	ck_assert_int_eq(st.sched_policy, 5);
	ck_assert_str_eq(sched_policy_name(st.sched_policy), "SCHED_IDLE");
	ck_assert_int_eq(st.rt_priority, 0);
	ck_assert_int_eq(st.nice, 7);
	ck_assert_int_eq(st.priority, 27);
	free(t);
	ck_assert_str_eq(sched_policy_name(0), "SCHED_OTHER");
	ck_assert_str_eq(sched_policy_name(2), "SCHED_RR");
	ck_assert_str_eq(sched_policy_name(3), "SCHED_BATCH");
	ck_assert_str_eq(sched_policy_name(6), "SCHED_DEADLINE");
	ck_assert_str_eq(sched_policy_name(42), "SCHED_?");
}
END_TEST

/* Every prefix that stops before field 41 is malformed, never a partial record. */
START_TEST(stat_truncated)
{
	size_t len, cut, field41 = 0, spaces = 0;
	char *t = fixture("stat-weird-comm.txt", &len);
	const char *close = strrchr(t, ')');

	/* field 41 starts after the 39th blank following the last ')' */
	for (const char *q = close + 1; q < t + len; q++)
		if (*q == ' ' && ++spaces == 39) {
			field41 = (size_t)(q + 1 - t);
			break;
		}
	ck_assert_uint_gt(field41, 0);
	for (cut = 0; cut <= len; cut++) {
		char *p = exact(t, cut);
		ProcStat st;
		ReadState rs = stat_parse(p, cut, &st);
		if (cut <= field41)
			ck_assert_msg(rs == READ_MALFORMED, "prefix %zu parsed", cut);
		free(p);
	}
	free(t);
}
END_TEST

START_TEST(stat_malformed)
{
	static const char *bad[] = {
		"",
		"abc",
		"12 comm) S 1",
		"12 (comm S 1 2 3",
		"0 (x) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0",
		"12 (x) SS 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0",
		"12 (x) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", /* 40 fields */
		"12 (x) S 99999999999 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0",
		"12 (x) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 zz", /* field 41 */
		"12 (x) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 99999999999999999999999 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0",
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *p = exact(bad[i], strlen(bad[i]));
		ProcStat st;
		ck_assert_msg(stat_parse(p, strlen(bad[i]), &st) == READ_MALFORMED, "accepted: %s", bad[i]);
		ck_assert_int_eq(st.pid, 0); /* nothing half-filled */
		free(p);
	}
	ck_assert_int_eq(stat_parse(NULL, 0, &(ProcStat){ 0 }), READ_MALFORMED);
}
END_TEST

/* ---- status ---- */

START_TEST(status_signals)
{
	size_t len;
	char *t = fixture("status-signals.txt", &len);
	ProcStatus ps;

	ck_assert_int_eq(status_parse(t, len, &ps), READ_OK);
	ck_assert_str_eq(ps.name, "we(ird) )name");
	ck_assert_int_eq(ps.task_state, 'S');
	ck_assert_int_eq(ps.tgid, 14911);
	ck_assert_int_eq(ps.pid, 14911);
	ck_assert_int_eq(ps.ppid, 14910);
	ck_assert_int_eq(ps.uid[0], 0);
	ck_assert_int_eq(ps.gid[3], 0);
	ck_assert_int_eq(ps.threads, 2);
	ck_assert_int_eq(ps.sig.state, READ_OK);
	ck_assert(sigmask_has(ps.sig.blocked, 10));          /* SIGUSR1 */
	ck_assert(sigmask_has(ps.sig.blocked, 36));          /* SIGRTMIN+2 */
	ck_assert(sigmask_has(ps.sig.ignored, 12));          /* SIGUSR2 */
	ck_assert(sigmask_has(ps.sig.caught, 15));           /* SIGTERM */
	ck_assert(sigmask_has(ps.sig.caught, 34));           /* SIGRTMIN */
	ck_assert(sigmask_has(ps.sig.pending_shared, 10));
	ck_assert_uint_eq(ps.sig.pending_thread, 0);
	ck_assert_uint_eq(ps.sig.blocked, UINT64_C(0x0000000800000200));
	free(t);
}
END_TEST

START_TEST(status_zombie_kthread)
{
	size_t len;
	char *t = fixture("status-zombie.txt", &len);
	ProcStatus ps;

	ck_assert_int_eq(status_parse(t, len, &ps), READ_OK);
	ck_assert_int_eq(ps.task_state, 'Z');
	ck_assert_int_eq(ps.sig.state, READ_OK);
	free(t);
	t = fixture("status-kthread.txt", &len);
	ck_assert_int_eq(status_parse(t, len, &ps), READ_OK);
	ck_assert_str_eq(ps.name, "kthreadd");
	ck_assert_uint_eq(ps.sig.ignored, UINT64_MAX);
	free(t);
}
END_TEST

START_TEST(status_malformed)
{
	static const char *base = "Name:\tx\nState:\tS (sleeping)\nTgid:\t5\nPid:\t5\nPPid:\t1\n"
	                          "Uid:\t1\t2\t3\t4\nGid:\t5\t6\t7\t8\n";
	static const char *sigs = "SigPnd:\t0000000000000000\nShdPnd:\t0000000000000000\n"
	                          "SigBlk:\t0000000000000001\nSigIgn:\t0000000000000000\n"
	                          "SigCgt:\t0000000000000000\n";
	char buf[1024];
	ProcStatus ps;

	snprintf(buf, sizeof buf, "%s%s", base, sigs);
	ck_assert_int_eq(status_parse(buf, strlen(buf), &ps), READ_OK);
	ck_assert_int_eq(ps.uid[1], 2);
	ck_assert_int_eq(ps.gid[2], 7);
	ck_assert_int_eq(ps.sig.state, READ_OK);
	ck_assert(sigmask_has(ps.sig.blocked, 1));

	/* no signal lines: status is fine, the signal sets are not */
	ck_assert_int_eq(status_parse(base, strlen(base), &ps), READ_OK);
	ck_assert_int_eq(ps.sig.state, READ_MALFORMED);
	/* a bad mask */
	snprintf(buf, sizeof buf, "%sSigPnd:\t00000000000000\n", base);
	ck_assert_int_eq(status_parse(buf, strlen(buf), &ps), READ_OK);
	ck_assert_int_eq(ps.sig.state, READ_MALFORMED);
	/* required lines missing or broken */
	ck_assert_int_eq(status_parse("Name:\tx\n", 8, &ps), READ_MALFORMED);
	snprintf(buf, sizeof buf, "%s", base);
	memcpy(strstr(buf, "Uid:"), "Uid:\tx", 6);
	ck_assert_int_eq(status_parse(buf, strlen(buf), &ps), READ_MALFORMED);
	ck_assert_int_eq(ps.pid, 0);
	ck_assert_int_eq(status_parse("no colon here\n", 14, &ps), READ_MALFORMED);
	ck_assert_int_eq(status_parse(NULL, 0, &ps), READ_MALFORMED);
}
END_TEST

START_TEST(status_escaped_name)
{
	static const char *text = "Name:\ta\\nb\\\\c\nState:\tR\nTgid:\t5\nPid:\t5\nPPid:\t1\n"
	                          "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n";
	ProcStatus ps;

	ck_assert_int_eq(status_parse(text, strlen(text), &ps), READ_OK);
	ck_assert_str_eq(ps.name, "a?b\\c");
}
END_TEST

/* ---- cmdline, environ ---- */

START_TEST(cmdline_and_environ)
{
	char *s = cmdline_join("ls\0-l\0/tmp\0", 11);
	char **env;

	ck_assert_str_eq(s, "ls -l /tmp");
	free(s);
	s = cmdline_join("a\033[2Jb", 7);
	ck_assert_str_eq(s, "a?[2Jb");
	free(s);
	s = cmdline_join(NULL, 0);
	ck_assert_str_eq(s, "");
	free(s);

	env = environ_split("A=1\0B=2\0", 8);
	ck_assert_str_eq(env[0], "A=1");
	ck_assert_str_eq(env[1], "B=2");
	ck_assert_ptr_null(env[2]);
	environ_free(env);
	env = environ_split("A=1\0B=tru", 9); /* truncated */
	ck_assert_str_eq(env[1], "B=tru");
	ck_assert_ptr_null(env[2]);
	environ_free(env);
	env = environ_split(NULL, 0);
	ck_assert_ptr_null(env[0]);
	environ_free(env);
}
END_TEST

/* The environment execle passed (the exec-family scenario's), against a
 * parent's: both added, the parent's other names removed, nothing same. */
START_TEST(environ_fixtures_and_diff)
{
	size_t len, plen;
	char *t = fixture("environ-execle.bin", &len), *pt = fixture("environ-parent.bin", &plen);
	char **env = environ_split(t, len), **parent = environ_split(pt, plen);
	EnvDiff d;

	ck_assert_uint_eq(environ_len(env), 2);
	ck_assert_str_eq(env[0], "FORKSCOPE_LESSON=passed-by-the-caller");
	ck_assert_str_eq(env[1], "PATH=/usr/bin:/bin");
	ck_assert_uint_eq(environ_len(parent), 7);
	ck_assert_uint_eq(environ_name_len(env[1]), 4);
	ck_assert_uint_eq(environ_name_len("NOEQUALS"), 8);

	EnvDiff_compute(&d, env, parent);
	ck_assert_uint_eq(d.added, 2);
	ck_assert_uint_eq(d.same, 0);
	/* HOME, LANG (once, though the block has it twice), SHLVL, TERM, _;
	 * PATH is here with another value: added, not removed */
	ck_assert_uint_eq(d.removed, 5);
	ck_assert_uint_eq(d.n, 7);
	ck_assert_str_eq(d.v[0].entry, "FORKSCOPE_LESSON=passed-by-the-caller");
	ck_assert_int_eq(d.v[0].change, ENV_ADDED);
	ck_assert_str_eq(d.v[1].entry, "PATH=/usr/bin:/bin");
	ck_assert_int_eq(d.v[2].change, ENV_REMOVED);
	ck_assert_str_eq(d.v[2].entry, "HOME=/root");
	ck_assert_uint_eq(environ_name_len(d.v[3].entry), 4); /* LANG */
	ck_assert_str_eq(d.v[6].entry, "_=/usr/bin/env");
	EnvDiff_done(&d);

	/* inherited: the same block, one variable more (what setenv added
	 * before the exec) */
	{
		char *more[9];
		size_t i;
		for (i = 0; i < 7; i++)
			more[i] = parent[i];
		more[7] = "FORKSCOPE_LESSON=inherited-from-the-parent";
		more[8] = NULL;
		EnvDiff_compute(&d, more, parent);
		ck_assert_uint_eq(d.added, 1);
		ck_assert_uint_eq(d.removed, 0);
		ck_assert_uint_eq(d.same, 7);
		ck_assert_str_eq(d.v[0].entry, "FORKSCOPE_LESSON=inherited-from-the-parent");
		EnvDiff_done(&d);
	}
	/* empty sides */
	EnvDiff_compute(&d, NULL, parent);
	ck_assert_uint_eq(d.added, 0);
	ck_assert_uint_eq(d.removed, 6);
	EnvDiff_done(&d);
	EnvDiff_compute(&d, env, NULL);
	ck_assert_uint_eq(d.added, 2);
	ck_assert_uint_eq(d.removed, 0);
	EnvDiff_done(&d);
	environ_free(env);
	environ_free(parent);
	free(t);
	free(pt);
}
END_TEST

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

/* ---- fdinfo, fd kinds ---- */

START_TEST(fdinfo_kinds)
{
	static const struct {
		const char *file, *kind;
		unsigned flags;
		long long pos;
		int mnt_id;
		pid_t pid;
		unsigned long long count; /* eventfd-count */
		int watches;              /* inotify wd: lines */
	} cases[] = {
		{ "fdinfo-file-append.txt",   "",          0102000,  3, 27, 0, 0, 0 },
		{ "fdinfo-eventfd.txt",       "eventfd",   02000002, 0, 17, 0, 3, 0 },
		{ "fdinfo-eventfd-hex.txt",   "eventfd",   02,       0, 17, 0, 31, 0 },
		{ "fdinfo-pidfd.txt",         "pidfd",     02000002, 0, 4, 10864, 0, 0 },
		{ "fdinfo-pidfd-exited.txt",  "pidfd",     02000002, 0, 4, -1, 0, 0 },
		{ "fdinfo-signalfd.txt",      "signalfd",  02,       0, 17, 0, 0, 0 },
		{ "fdinfo-timerfd.txt",       "timerfd",   02,       0, 17, 0, 0, 0 },
		{ "fdinfo-epoll.txt",         "eventpoll", 02,       0, 17, 0, 0, 0 },
		{ "fdinfo-socket.txt",        "",          02,       0, 10, 0, 0, 0 },
		{ "fdinfo-pipe-nonblock.txt", "",          04001,    0, 16, 0, 0, 0 },
		{ "fdinfo-inotify.txt",       "",          0,        0, 17, 0, 0, 0 },
		{ "fdinfo-inotify-watches.txt", "inotify", 0,        0, 17, 0, 0, 2 },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len;
		char *t = fixture(cases[i].file, &len);
		FdInfo info;

		ck_assert_msg(fdinfo_parse(t, len, &info) == READ_OK, "%s", cases[i].file);
		ck_assert_str_eq(info.extra_kind, cases[i].kind);
		ck_assert_uint_eq(info.flags, cases[i].flags);
		ck_assert_int_eq(info.pos, cases[i].pos);
		ck_assert_int_eq(info.mnt_id, cases[i].mnt_id);
		ck_assert_int_eq(info.pidfd_pid, cases[i].pid);
		ck_assert_uint_eq(info.eventfd_count, cases[i].count);
		ck_assert_int_eq(info.inotify_watches, cases[i].watches);
		free(t);
	}
}
END_TEST

START_TEST(fdinfo_malformed)
{
	static const char *bad[] = {
		"", "pos:\t0\n", "flags:\t02\n", "pos:\t-1\nflags:\t02\n", "pos:\t0\nflags:\t09\n",
		"pos:\t0\nflags:\t02\nmnt_id:\tx\n", "pos:\t0\nflags:\t0777777777777\n",
		"pos:\t0\nflags:\t02\nPid:\t-5\n",
		"pos:\t0\nflags:\t02\neventfd-count: zz\n",
		"pos:\t0\nflags:\t02\neventfd-count: 1ffffffffffffffff\n",
		"pos:\t0\nflags:\t02\neventfd-count:\n",
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *p = exact(bad[i], strlen(bad[i]));
		FdInfo info;
		ck_assert_msg(fdinfo_parse(p, strlen(bad[i]), &info) == READ_MALFORMED, "accepted %s", bad[i]);
		ck_assert_int_eq(info.pos, 0);
		free(p);
	}
}
END_TEST

START_TEST(fd_kinds_from_target)
{
	char anon[24];

	ck_assert_int_eq(fd_kind_from_target("pipe:[1234]", anon, sizeof anon), FD_KIND_PIPE);
	ck_assert_int_eq(fd_kind_from_target("socket:[99]", anon, sizeof anon), FD_KIND_SOCKET);
	ck_assert_int_eq(fd_kind_from_target("anon_inode:[eventfd]", anon, sizeof anon), FD_KIND_ANON);
	ck_assert_str_eq(anon, "eventfd");
	ck_assert_int_eq(fd_kind_from_target("anon_inode:inotify", anon, sizeof anon), FD_KIND_ANON);
	ck_assert_str_eq(anon, "inotify");
	ck_assert_int_eq(fd_kind_from_target("anon_inode:[pidfd]", anon, sizeof anon), FD_KIND_ANON);
	ck_assert_str_eq(anon, "pidfd");
	ck_assert_int_eq(fd_kind_from_target("pidfd:[5]", anon, sizeof anon), FD_KIND_ANON);
	ck_assert_int_eq(fd_kind_from_target("/dev/pts/3", anon, sizeof anon), FD_KIND_TTY);
	ck_assert_int_eq(fd_kind_from_target("/etc/passwd", anon, sizeof anon), FD_KIND_FILE);
	ck_assert_str_eq(anon, "");
	ck_assert_int_eq(fd_kind_from_target("net:[4026531840]", anon, sizeof anon), FD_KIND_OTHER);
	ck_assert_str_eq(anon, "net");
	ck_assert_int_eq(fd_kind_from_target("anon_inode:[a-very-long-anon-inode-kind-name]",
	                                     anon, sizeof anon), FD_KIND_ANON);
	ck_assert_uint_lt(strlen(anon), sizeof anon);
	ck_assert_int_eq(fd_kind_from_target(NULL, anon, sizeof anon), FD_KIND_OTHER);
	ck_assert_str_eq(fd_access_name(O_RDONLY), "r");
	ck_assert_str_eq(fd_access_name(O_WRONLY), "w");
	ck_assert_str_eq(fd_access_name(O_RDWR), "rw");
}
END_TEST

/* ---- signals ---- */

START_TEST(signal_names)
{
	int signo;

	for (signo = 1; signo <= 64; signo++) {
		const char *name = signal_name(signo);
		ck_assert_ptr_nonnull(name);
		ck_assert(strncmp(name, "SIG", 3) == 0);
		for (int other = 1; other < signo; other++)
			ck_assert_str_ne(name, signal_name(other));
	}
	ck_assert_str_eq(signal_name(1), "SIGHUP");
	ck_assert_str_eq(signal_name(9), "SIGKILL");
	ck_assert_str_eq(signal_name(17), "SIGCHLD");
	ck_assert_str_eq(signal_name(31), "SIGSYS");
	ck_assert_str_eq(signal_name(32), "SIG32");
	ck_assert_str_eq(signal_name(33), "SIG33");
	ck_assert_str_eq(signal_name(34), "SIGRTMIN");
	ck_assert_str_eq(signal_name(36), "SIGRTMIN+2");
	ck_assert_str_eq(signal_name(64), "SIGRTMIN+30");
	ck_assert_ptr_nonnull(signal_name(0));
	ck_assert_ptr_nonnull(signal_name(65));
	ck_assert_ptr_nonnull(signal_name(-1));
}
END_TEST

START_TEST(sigmask_hex)
{
	uint64_t m;

	ck_assert_int_eq(sigmask_parse_hex("0000000000010000", 16, &m), 0);
	ck_assert_uint_eq(m, 0x10000);
	ck_assert_int_eq(sigmask_parse_hex("0xffffffffffffffff", 18, &m), 0);
	ck_assert_uint_eq(m, UINT64_MAX);
	ck_assert_int_eq(sigmask_parse_hex("\t00000000000000aB\n", 18, &m), 0);
	ck_assert_uint_eq(m, 0xab);
	ck_assert_int_eq(sigmask_parse_hex("000000000001000", 15, &m), -1);
	ck_assert_int_eq(sigmask_parse_hex("00000000000100000", 17, &m), -1);
	ck_assert_int_eq(sigmask_parse_hex("000000000001000g", 16, &m), -1);
	ck_assert_int_eq(sigmask_parse_hex("0000000000010000 x", 18, &m), -1);
	ck_assert_int_eq(sigmask_parse_hex("", 0, &m), -1);
	ck_assert_int_eq(sigmask_parse_hex(NULL, 0, &m), -1);
}
END_TEST

START_TEST(sigmask_text)
{
	char buf[SIGMASK_TEXT_MAX], small[12];
	uint64_t mask = (1u << (2 - 1)) | (1u << (3 - 1));
	size_t need;

	ck_assert_uint_eq(sigmask_format(0, buf, sizeof buf), 1);
	ck_assert_str_eq(buf, "-");
	sigmask_format(mask, buf, sizeof buf);
	ck_assert_str_eq(buf, "SIGINT,SIGQUIT");
	need = sigmask_format(UINT64_MAX, buf, sizeof buf);
	ck_assert_uint_lt(need, sizeof buf);
	ck_assert_uint_eq(strlen(buf), need);
	ck_assert(strstr(buf, "SIGRTMIN+30") != NULL);
	need = sigmask_format(mask, small, sizeof small);
	ck_assert_uint_eq(need, strlen("SIGINT,SIGQUIT"));
	ck_assert_str_eq(small, "SIGINT"); /* whole names only */
	ck_assert_uint_eq(sigmask_format(mask, NULL, 0), need);
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

/* Sockets from /proc/PID/net's tables, found by inode. */
START_TEST(net_tables)
{
	SockTable t = { 0 };
	const SockInfo *s;
	char desc[256];
	size_t len;
	char *text;

	text = fixture("net-tcp.txt", &len);
	netsock_parse_inet(&t, text, len, "inet", "tcp");
	free(text);
	text = fixture("net-udp6.txt", &len);
	netsock_parse_inet(&t, text, len, "inet6", "udp");
	free(text);
	text = fixture("net-unix.txt", &len);
	netsock_parse_unix(&t, text, len);
	free(text);
	ck_assert_uint_eq(t.n, 6); /* the garbage line is passed over */
	s = SockTable_find(&t, 4242);
	ck_assert_str_eq(s->local, "127.0.0.1:5432");
	ck_assert_str_eq(s->peer, "");
	ck_assert_str_eq(s->state, "LISTEN");
	SockInfo_describe(s, desc, sizeof desc);
	ck_assert_str_eq(desc, "tcp 127.0.0.1:5432 LISTEN");
	s = SockTable_find(&t, 4243);
	SockInfo_describe(s, desc, sizeof desc);
	ck_assert_str_eq(desc, "tcp 127.0.0.1:40000 -> 127.0.0.1:5432 ESTABLISHED");
	s = SockTable_find(&t, 5151);
	ck_assert_str_eq(s->family, "inet6");
	ck_assert_str_eq(s->local, "[::1]:53");
	ck_assert_str_eq(s->state, "");
	s = SockTable_find(&t, 6161);
	SockInfo_describe(s, desc, sizeof desc);
	ck_assert_str_eq(desc, "unix stream /run/dbus/system_bus_socket LISTEN");
	s = SockTable_find(&t, 6162);
	ck_assert_str_eq(s->state, "CONNECTED");
	ck_assert_str_eq(s->path, "");
	s = SockTable_find(&t, 6163);
	ck_assert_str_eq(s->proto, "dgram");
	ck_assert_str_eq(s->path, "@abstract");
	ck_assert_ptr_null(SockTable_find(&t, 1));
	SockTable_done(&t);
}
END_TEST

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

static Suite *parsers_suite(void)
{
	Suite *s = suite_create("probe-parsers");
	TCase *tc = tcase_create("fixtures");

	tcase_add_test(tc, stat_weird_comm);
	tcase_add_test(tc, stat_zombie_kthread_kworker);
	tcase_add_test(tc, stat_sched_fields);
	tcase_add_test(tc, stat_truncated);
	tcase_add_test(tc, stat_malformed);
	tcase_add_test(tc, status_signals);
	tcase_add_test(tc, status_zombie_kthread);
	tcase_add_test(tc, status_malformed);
	tcase_add_test(tc, status_escaped_name);
	tcase_add_test(tc, cmdline_and_environ);
	tcase_add_test(tc, environ_fixtures_and_diff);
	tcase_add_test(tc, smaps_child);
	tcase_add_test(tc, smaps_kinds);
	tcase_add_test(tc, smaps_rollup_child);
	tcase_add_test(tc, smaps_malformed);
	tcase_add_test(tc, smaps_truncated);
	tcase_add_test(tc, fdinfo_kinds);
	tcase_add_test(tc, fdinfo_malformed);
	tcase_add_test(tc, fd_kinds_from_target);
	tcase_add_test(tc, signal_names);
	tcase_add_test(tc, sigmask_hex);
	tcase_add_test(tc, sigmask_text);
	tcase_add_test(tc, pagemap_bits);
	tcase_add_test(tc, pagemap_classes_and_seen_shared);
	tcase_add_test(tc, net_tables);
	tcase_add_test(tc, garbage_everywhere);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(parsers_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
