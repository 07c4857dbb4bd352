/*
 * The probe's pure parsers of what a process is, on fixtures captured from
 * a real kernel (tests/fixtures/probe), on hand-made malformed text and on
 * every truncation of a fixture: stat, status, cmdline and environ (and the
 * difference of two environments), signal names and masks. Inputs are
 * copied into buffers of exactly their length with no NUL after them
 * (fixture.h), so a parser that reads one byte too far is caught by
 * AddressSanitizer. The memory parsers are tested in test_parsers_memory.c,
 * the FD and socket ones in test_parsers_fd.c, and every parser on seeded
 * random mutations in test_parsers_garbage.c.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "probe/detail.h"
#include "probe/sigset.h"
#include "probe/status.h"

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
	ProcIdentity_from_stat(&id, &st);
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

START_TEST(status_nspid_and_tty)
{
	static const char *base = "Name:\tx\nState:\tS (sleeping)\nTgid:\t5\nPid:\t5\nPPid:\t1\n"
	                          "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n";
	/* a stat line on pts/3 (major 136, minor 3), and one on minor 300 */
	static const char *stat_pts = "5 (x) S 1 5 5 34819 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 "
	                              "100 0 0 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0";
	static const char *stat_big = "5 (x) S 1 5 5 1083436 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 "
	                              "100 0 0 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0";
	char buf[1024], text[64];
	size_t len;
	char *t = fixture("status-signals.txt", &len);
	ProcStatus ps;
	ProcStat st;
	ProcIdentity id = { 0 };

	/* one level: not in a child namespace */
	ck_assert_int_eq(status_parse(t, len, &ps), READ_OK);
	ck_assert_int_eq(ps.nspid_levels, 1);
	ck_assert_int_eq(ps.nspid[0], 14911);
	free(t);
	snprintf(buf, sizeof buf, "%sNSpid:\t4321\t1\n", base);
	ck_assert_int_eq(status_parse(buf, strlen(buf), &ps), READ_OK);
	ck_assert_int_eq(ps.nspid_levels, 2);
	ck_assert_int_eq(ps.nspid[1], 1);
	id.nspid_levels = ps.nspid_levels;
	memcpy(id.nspid, ps.nspid, sizeof id.nspid);
	nspid_text(&id, NULL, text, sizeof text);
	ck_assert_str_eq(text, "4321/1");
	nspid_text(&id, "1002", text, sizeof text);
	ck_assert_str_eq(text, "1002/1");
	/* deeper than kept: the first ones and the process's own */
	snprintf(buf, sizeof buf, "%sNSpid:\t9\t8\t7\t6\t5\t4\n", base);
	ck_assert_int_eq(status_parse(buf, strlen(buf), &ps), READ_OK);
	ck_assert_int_eq(ps.nspid_levels, 6);
	id.nspid_levels = ps.nspid_levels;
	memcpy(id.nspid, ps.nspid, sizeof id.nspid);
	nspid_text(&id, NULL, text, sizeof text);
	ck_assert_str_eq(text, "9/8/7/.../4");
	/* no NSpid line (before Linux 4.1): nothing to show */
	ck_assert_int_eq(status_parse(base, strlen(base), &ps), READ_OK);
	ck_assert_int_eq(ps.nspid_levels, 0);
	id.nspid_levels = 0;
	nspid_text(&id, NULL, text, sizeof text);
	ck_assert_str_eq(text, "");
	/* malformed NSpid lines */
	snprintf(buf, sizeof buf, "%sNSpid:\t12x\n", base);
	ck_assert_int_eq(status_parse(buf, strlen(buf), &ps), READ_MALFORMED);
	snprintf(buf, sizeof buf, "%sNSpid:\t-3\n", base);
	ck_assert_int_eq(status_parse(buf, strlen(buf), &ps), READ_MALFORMED);
	snprintf(buf, sizeof buf, "%sNSpid:\t\n", base);
	ck_assert_int_eq(status_parse(buf, strlen(buf), &ps), READ_MALFORMED);
	/* a task being torn down: the kernel prints 0 for the pids it let go
	 * (fs/proc/array.c, task_pid_nr_ns): read, with no numbers to show */
	snprintf(buf, sizeof buf, "%sNSpid:\t0\n", base);
	ck_assert_int_eq(status_parse(buf, strlen(buf), &ps), READ_OK);
	ck_assert_int_eq(ps.nspid_levels, 0);

	/* stat's tty_nr and its name */
	ck_assert_int_eq(stat_parse(stat_pts, strlen(stat_pts), &st), READ_OK);
	ck_assert_uint_eq(st.tty_nr, 34819);
	tty_name(st.tty_nr, text, sizeof text);
	ck_assert_str_eq(text, "pts/3");
	ck_assert_int_eq(stat_parse(stat_big, strlen(stat_big), &st), READ_OK);
	tty_name(st.tty_nr, text, sizeof text);
	ck_assert_str_eq(text, "pts/300");
	tty_name(0, text, sizeof text);
	ck_assert_str_eq(text, "-");
	tty_name(4u << 8 | 1, text, sizeof text);
	ck_assert_str_eq(text, "tty1");
	tty_name(4u << 8 | 65, text, sizeof text);
	ck_assert_str_eq(text, "ttyS1");
	tty_name(5u << 8 | 1, text, sizeof text);
	ck_assert_str_eq(text, "console");
	tty_name(204u << 8 | 64, text, sizeof text);
	ck_assert_str_eq(text, "204:64");
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
	tcase_add_test(tc, status_nspid_and_tty);
	tcase_add_test(tc, cmdline_and_environ);
	tcase_add_test(tc, environ_fixtures_and_diff);
	tcase_add_test(tc, signal_names);
	tcase_add_test(tc, sigmask_hex);
	tcase_add_test(tc, sigmask_text);
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
