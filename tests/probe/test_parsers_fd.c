/*
 * The probe's pure parsers of a process's file descriptors: fdinfo on
 * fixtures captured from a real kernel (tests/fixtures/probe) for every
 * kind of FD and on hand-made malformed text, the FD kind told by its link's
 * target, and the sockets of /proc/PID/net's tables found by inode. Inputs
 * are copied into buffers of exactly their length (fixture.h), for
 * AddressSanitizer.
 */
#include <check.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "probe/fdtable.h"
#include "probe/netsock.h"

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

/* ---- sockets ---- */

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

static Suite *fd_suite(void)
{
	Suite *s = suite_create("probe-parsers-fd");
	TCase *tc = tcase_create("fixtures");

	tcase_add_test(tc, fdinfo_kinds);
	tcase_add_test(tc, fdinfo_malformed);
	tcase_add_test(tc, fd_kinds_from_target);
	tcase_add_test(tc, net_tables);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(fd_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
