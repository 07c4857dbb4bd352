/*
 * The probe against the real kernel: subjects with a known state (see
 * subject.h) are read and the kernel's answer is asserted: the FD set (and
 * FDs as lsof describes them, from this test's own table), signal sets,
 * copy-on-write sharing after fork (smaps and pagemap), and the identity
 * fields, in the process table too. Zombies, kernel threads, denied reads,
 * the table's rereads and the race with exiting processes are tested in
 * test_kernel_states.c. Tests wait for conditions through pipes; none
 * sleeps or asserts a time.
 */
#include <arpa/inet.h>
#include <check.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probe/detail.h"
#include "probe/fdtable.h"
#include "probe/pagemap.h"
#include "probe/proctable.h"
#include "probe/sigset.h"
#include "probe/smaps.h"
#include "probe/status.h"
#include "subject.h"
#include "probe/textscan.h"

#define PLAIN_FILE FIXTURES_DIR "/probe/stat-zombie.txt"
#define MIB 16

static size_t page_size(void)
{
	return (size_t)sysconf(_SC_PAGESIZE);
}

/* ---- the FD table ---- */

static const FdEntry *fd_entry(const FdTable *t, int fd)
{
	const FdEntry *e = FdTable_find(t, fd);

	ck_assert_msg(e != NULL, "fd %d not in the table", fd);
	return e;
}

START_TEST(fds_known_set)
{
	Subject s;
	FdTable t, twin;
	const FdEntry *e;
	struct stat st;
	char real[PATH_MAX];
	size_t i;

	ck_assert_int_eq(Subject_start(&s, SUBJECT_FDS, 0, PLAIN_FILE), 0);
	FdTable_read(s.pid, &t);
	ck_assert_int_eq(t.state, READ_OK);
	for (i = 1; i < t.n; i++)
		ck_assert_int_lt(t.v[i - 1].fd, t.v[i].fd);

	e = fd_entry(&t, s.ready.fd_cloexec);
	ck_assert_int_eq(e->kind, FD_KIND_CHAR);
	ck_assert_str_eq(e->target, "/dev/null");
	ck_assert_int_eq(e->info_state, READ_OK);
	ck_assert_str_eq(fd_access_name(e->acc_mode), "r");
	ck_assert(e->cloexec);

	e = fd_entry(&t, s.ready.fd_plain);
	ck_assert_int_eq(e->kind, FD_KIND_FILE);
	ck_assert_ptr_nonnull(realpath(PLAIN_FILE, real));
	ck_assert_str_eq(e->target, real);
	ck_assert(!e->cloexec);
	ck_assert_int_eq(e->pos, 10);
	ck_assert_int_eq(stat(PLAIN_FILE, &st), 0);
	ck_assert_int_eq(e->stat_state, READ_OK);
	ck_assert_uint_eq(e->dev, (unsigned long long)st.st_dev);
	ck_assert_uint_eq(e->ino, (unsigned long long)st.st_ino);
	ck_assert_int_ge(e->mnt_id, 0);

	e = fd_entry(&t, s.ready.fd_append);
	ck_assert(e->append);
	ck_assert(!e->cloexec);
	ck_assert_str_eq(fd_access_name(e->acc_mode), "w");

	e = fd_entry(&t, s.ready.fd_pipe_read);
	ck_assert_int_eq(e->kind, FD_KIND_PIPE);
	ck_assert(e->nonblock);
	ck_assert_str_eq(fd_access_name(e->acc_mode), "r");
	ck_assert_uint_eq(e->ino, fd_entry(&t, s.ready.fd_pipe_write)->ino); /* one pipe */
	ck_assert_str_eq(fd_access_name(fd_entry(&t, s.ready.fd_pipe_write)->acc_mode), "w");

	e = fd_entry(&t, s.ready.fd_socket);
	ck_assert_int_eq(e->kind, FD_KIND_SOCKET);
	ck_assert(strncmp(e->target, "socket:[", 8) == 0);

	e = fd_entry(&t, s.ready.fd_eventfd);
	ck_assert_int_eq(e->kind, FD_KIND_ANON);
	ck_assert_str_eq(e->anon_kind, "eventfd");
	if (s.ready.fd_pidfd >= 0) {
		e = fd_entry(&t, s.ready.fd_pidfd);
		ck_assert_int_eq(e->kind, FD_KIND_ANON);
		ck_assert_str_eq(e->anon_kind, "pidfd");
		ck_assert_int_eq(e->pidfd_pid, getpid());
	}

	/* after fork the twin shares every open file description */
	ck_assert_int_gt(Subject_fork(&s), 0);
	ck_assert_int_eq(fd_same_description(s.pid, s.ready.fd_plain, s.twin, s.ready.fd_plain), 1);
	ck_assert_int_eq(fd_same_description(s.pid, s.ready.fd_cloexec, s.twin, s.ready.fd_cloexec), 1);
	ck_assert_int_eq(fd_same_description(s.pid, s.ready.fd_cloexec, s.pid, s.ready.fd_append), 0);
	FdTable_read(s.twin, &twin);
	ck_assert_int_eq(twin.state, READ_OK);
	ck_assert_uint_eq(fd_entry(&twin, s.ready.fd_plain)->ino, fd_entry(&t, s.ready.fd_plain)->ino);
	ck_assert_int_eq(fd_entry(&twin, s.ready.fd_plain)->pos, 10); /* shared offset */
	FdTable_done(&twin);
	FdTable_done(&t);
	Subject_stop(&s);
}
END_TEST

/* FDs as lsof describes them: an O_PATH descriptor has no access mode
 * ("path"), and the flags beyond the mode are named. Read from this test's
 * own FD table. */
START_TEST(fds_path_and_flags)
{
	int path_fd = open("/etc", O_PATH | O_CLOEXEC);
	int sync_fd = open("/dev/null", O_WRONLY | O_SYNC | O_NOATIME);
	const FdEntry *e;
	char names[128];
	FdTable t;

	ck_assert_int_ge(path_fd, 0);
	if (sync_fd < 0) /* O_NOATIME needs the file's owner or CAP_FOWNER */
		sync_fd = open("/dev/null", O_WRONLY | O_SYNC);
	ck_assert_int_ge(sync_fd, 0);
	FdTable_read(getpid(), &t);
	ck_assert_int_eq(t.state, READ_OK);
	e = fd_entry(&t, path_fd);
	ck_assert_int_eq(e->info_state, READ_OK);
	ck_assert_str_eq(fd_mode_name(e), "path");
	fd_flags_names(e->flags, false, ",", names, sizeof names);
	ck_assert_str_eq(names, "CLOEXEC,PATH");
	e = fd_entry(&t, sync_fd);
	ck_assert_str_eq(fd_mode_name(e), "w");
	fd_flags_names(e->flags, false, ",", names, sizeof names);
	ck_assert_msg(strncmp(names, "SYNC", 4) == 0, "flags %s", names);
	/* LARGEFILE only when asked for all: a 64-bit process's files have it. */
#if defined(__x86_64__)
	fd_flags_names(0100000 | O_APPEND, false, ",", names, sizeof names);
	ck_assert_str_eq(names, "APPEND");
	fd_flags_names(0100000 | O_APPEND, true, ",", names, sizeof names);
	ck_assert_str_eq(names, "APPEND,LARGEFILE");
#endif
	fd_flags_names(O_DSYNC, true, ",", names, sizeof names);
	ck_assert_str_eq(names, "DSYNC");
	FdTable_done(&t);
	close(path_fd);
	close(sync_fd);
}
END_TEST

/* A file whose name holds a newline and a tab: the FD's target keeps every
 * byte (JSON prints them as they are), and text_escape writes them visibly
 * for a line. */
START_TEST(fds_name_keeps_its_bytes)
{
	char dir[] = "/tmp/forkscope-name-XXXXXX", path[128], shown[256];
	const FdEntry *e;
	FdTable t;
	int fd;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/a\nb\tc.txt", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	ck_assert_int_ge(fd, 0);
	FdTable_read(getpid(), &t);
	e = fd_entry(&t, fd);
	ck_assert_str_eq(e->target, path);
	text_escape(e->target, shown, sizeof shown);
	ck_assert_msg(strstr(shown, "/a\\nb\\tc.txt") != NULL, "shown as %s", shown);
	ck_assert_ptr_null(strchr(shown, '\n'));
	text_escape("back\\slash\x1b", shown, sizeof shown);
	ck_assert_str_eq(shown, "back\\\\slash\\x1b");
	FdTable_done(&t);
	close(fd);
	unlink(path);
	rmdir(dir);
}
END_TEST

/* Sockets as lsof describes them, from this test's own FD table: a TCP
 * listener on loopback and a unix socketpair. */
START_TEST(fds_sockets_described)
{
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t alen = sizeof addr;
	int lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), pair[2];
	const FdEntry *e;
	char want[64];
	FdTable t;

	ck_assert_int_ge(lfd, 0);
	ck_assert_int_eq(bind(lfd, (struct sockaddr *)&addr, sizeof addr), 0);
	ck_assert_int_eq(listen(lfd, 1), 0);
	ck_assert_int_eq(getsockname(lfd, (struct sockaddr *)&addr, &alen), 0);
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), 0);
	FdTable_read(getpid(), &t);
	e = fd_entry(&t, lfd);
	ck_assert_msg(e->has_sock, "the listener was not found in net/tcp");
	ck_assert_str_eq(e->sock.proto, "tcp");
	ck_assert_str_eq(e->sock.state, "LISTEN");
	snprintf(want, sizeof want, "127.0.0.1:%u", (unsigned)ntohs(addr.sin_port));
	ck_assert_str_eq(e->sock.local, want);
	e = fd_entry(&t, pair[0]);
	ck_assert(e->has_sock);
	ck_assert_str_eq(e->sock.family, "unix");
	ck_assert_str_eq(e->sock.proto, "stream");
	ck_assert_str_eq(e->sock.state, "CONNECTED");
	FdTable_done(&t);
	close(lfd);
	close(pair[0]);
	close(pair[1]);
}
END_TEST

/* ---- signal sets ---- */

START_TEST(signals_known_sets)
{
	Subject s;
	SigSets sig;
	ProcDetail d;

	ck_assert_int_eq(Subject_start(&s, SUBJECT_SIGNALS, 0, NULL), 0);
	SigSets_read(s.pid, &sig);
	ck_assert_int_eq(sig.state, READ_OK);
	ck_assert(sigmask_has(sig.blocked, SIGUSR1));
	ck_assert(sigmask_has(sig.blocked, SIGRTMIN + 2));
	ck_assert_str_eq(signal_name(SIGRTMIN + 2), "SIGRTMIN+2");
	ck_assert(!sigmask_has(sig.blocked, SIGUSR2));
	ck_assert(sigmask_has(sig.ignored, SIGUSR2));
	ck_assert(sigmask_has(sig.caught, SIGTERM));
	ck_assert(!sigmask_has(sig.caught, SIGINT));
	ck_assert(sigmask_has(sig.pending_thread, SIGUSR1));
	ck_assert(sigmask_has(sig.pending_shared, SIGRTMIN + 2));

	ProcDetail_read(s.pid, DETAIL_SIGNALS, &d);
	ck_assert_int_eq(ProcDetail_state(&d), READ_OK);
	ck_assert_uint_eq(d.sig.blocked, sig.blocked);
	ck_assert_int_eq(d.totals.state, READ_NOT_ASKED);
	ck_assert_int_eq(d.fds.state, READ_NOT_ASKED);
	ProcDetail_done(&d);
	Subject_stop(&s);
}
END_TEST

/* ---- copy-on-write after fork ---- */

static Mapping region_mapping(pid_t pid, unsigned long start)
{
	MappingList list;
	const Mapping *m;
	Mapping copy;

	MappingList_read(pid, &list);
	ck_assert_int_eq(list.state, READ_OK);
	m = MappingList_find(&list, start);
	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(m->start, start);
	copy = *m;
	copy.path = NULL;
	MappingList_done(&list);
	return copy;
}

static PageCounts region_pages(pid_t pid, const SubjectReady *r, PageMap *keep)
{
	PageMap map;
	PageCounts c;

	PageMap_read(pid, r->region, r->region_bytes / page_size(), &map);
	ck_assert_int_eq(map.state, READ_OK);
	c = PageMap_count(&map);
	if (keep != NULL)
		*keep = map;
	else
		PageMap_done(&map);
	return c;
}

START_TEST(memory_cow)
{
	const unsigned long kb = MIB * 1024, pages = (MIB << 20) / sysconf(_SC_PAGESIZE);
	Subject s;
	Mapping m;
	PageCounts c;
	PageMap map;
	MemTotals tot;
	pid_t who[2];
	size_t i, k;

	ck_assert_int_eq(Subject_start(&s, SUBJECT_MEMORY, MIB, NULL), 0);
	m = region_mapping(s.pid, s.ready.region);
	ck_assert_uint_eq(m.kb.rss, kb);
	ck_assert_uint_eq(m.kb.private_dirty, kb);
	ck_assert_uint_eq(m.kb.anonymous, kb);
	ck_assert_uint_eq(m.kb.shared_dirty, 0);
	c = region_pages(s.pid, &s.ready, NULL);
	ck_assert_uint_eq(c.present, pages);
	ck_assert_uint_eq(c.exclusive, pages);

	/* right after fork: every page shared by both, none exclusive */
	ck_assert_int_gt(Subject_fork(&s), 0);
	who[0] = s.pid;
	who[1] = s.twin;
	for (k = 0; k < 2; k++) {
		m = region_mapping(who[k], s.ready.region);
		ck_assert_uint_eq(m.kb.rss, kb);
		ck_assert_uint_eq(m.kb.shared_dirty, kb);
		ck_assert_uint_eq(m.kb.private_dirty, 0);
		ck_assert_uint_eq(m.kb.pss, kb / 2);
		c = region_pages(who[k], &s.ready, &map);
		ck_assert_uint_eq(c.present, pages);
		ck_assert_uint_eq(c.exclusive, 0);
		ck_assert_uint_eq(c.shared, pages);
		if (map.mapcount_visible)
			ck_assert_int_eq(map.pages[0].mapcount, 2);
		PageMap_done(&map);
	}

	/* the twin writes the first half: that half is private and exclusive
	 * in both (the twin's copy, and the original now mapped once) */
	ck_assert_int_eq(Subject_twin_write(&s, s.ready.region_bytes / 2), 0);
	for (k = 0; k < 2; k++) {
		m = region_mapping(who[k], s.ready.region);
		ck_assert_uint_eq(m.kb.shared_dirty, kb / 2);
		ck_assert_uint_eq(m.kb.private_dirty, kb / 2);
		ck_assert_uint_eq(m.kb.pss, kb / 2 + kb / 4);
		c = region_pages(who[k], &s.ready, &map);
		ck_assert_uint_eq(c.exclusive, pages / 2);
		ck_assert_uint_eq(c.shared, pages / 2);
		for (i = 0; i < pages; i++)
			ck_assert_msg(((map.pages[i].flags & PAGE_EXCLUSIVE) != 0) == (i < pages / 2),
			              "page %zu of pid %d", i, (int)who[k]);
		if (map.mapcount_visible) {
			ck_assert_int_eq(map.pages[0].mapcount, 1);
			ck_assert_int_eq(map.pages[pages - 1].mapcount, 2);
		}
		PageMap_done(&map);
	}
	MemTotals_read(s.twin, &tot);
	ck_assert_int_eq(tot.state, READ_OK);
	ck_assert_uint_ge(tot.kb.private_dirty, kb / 2);
	Subject_stop(&s);
}
END_TEST

/* ---- identity ---- */

START_TEST(identity_fields)
{
	Subject s;
	ProcIdentity id;
	ProcTable *table;
	const ProcIdentity *row;
	bool root = geteuid() == 0;

	ck_assert_int_eq(Subject_start(&s, SUBJECT_IDENTITY, 0, NULL), 0);
	ProcIdentity_read(s.pid, &id);
	ck_assert_int_eq(id.state, READ_OK);
	ck_assert_int_eq(id.pid, s.pid);
	ck_assert_int_eq(id.tgid, s.pid);
	ck_assert_int_eq(id.ppid, getpid());
	ck_assert_int_eq(id.pgid, s.pid);
	ck_assert_int_eq(id.sid, s.pid);
	ck_assert_str_eq(id.comm, "fs-subject");
	ck_assert_int_eq(id.threads, 3);
	ck_assert_int_eq(id.sched_policy, SCHED_BATCH);
	ck_assert_str_eq(sched_policy_name(id.sched_policy), "SCHED_BATCH");
	ck_assert_int_eq(id.nice, 5);
	ck_assert_int_eq(id.priority, 25);
	ck_assert_int_eq(id.rt_priority, 0);
	ck_assert(!id.kernel_thread);
	ck_assert_int_eq(id.cmdline_state, READ_OK);
	ck_assert(strstr(id.cmdline, "test_kernel") != NULL);
	ck_assert_int_eq(id.exe_state, READ_OK);
	ck_assert(strstr(id.exe, "test_kernel") != NULL);
	ck_assert_uint_gt(id.start_ticks, 0);
	if (root) {
		ck_assert_int_eq(id.uid_real, SUBJECT_UID_REAL);
		ck_assert_int_eq(id.uid_eff, SUBJECT_UID_EFF);
		ck_assert_int_eq(id.uid_saved, SUBJECT_UID_SAVED);
		ck_assert_int_eq(id.gid_real, SUBJECT_GID_REAL);
		ck_assert_int_eq(id.gid_eff, SUBJECT_GID_EFF);
		ck_assert_int_eq(id.gid_saved, SUBJECT_GID_SAVED);
	} else {
		ck_assert_int_eq(id.uid_real, getuid());
		ck_assert_int_eq(id.uid_eff, geteuid());
	}

	/* the table's row says the same */
	table = ProcTable_new();
	ck_assert_int_eq(ProcTable_refresh(table), 0);
	row = ProcTable_find(table, s.pid);
	ck_assert_ptr_nonnull(row);
	ck_assert_int_eq(row->state, READ_OK);
	ck_assert_str_eq(row->comm, id.comm);
	ck_assert_str_eq(row->cmdline, id.cmdline);
	ck_assert_int_eq(row->sid, id.sid);
	ck_assert_int_eq(row->uid_eff, id.uid_eff);
	ck_assert_int_eq(row->gid_saved, id.gid_saved);
	ck_assert_int_eq(row->threads, 3);
	ck_assert_int_eq(row->sched_policy, SCHED_BATCH);
	ck_assert_int_eq(row->nice, 5);
	ck_assert_uint_eq(row->start_ticks, id.start_ticks);
	ProcTable_delete(table);
	ProcIdentity_done(&id);
	Subject_stop(&s);
}
END_TEST

static Suite *kernel_suite(void)
{
	Suite *s = suite_create("probe-kernel");
	TCase *tc = tcase_create("kernel");

	tcase_add_test(tc, fds_known_set);
	tcase_add_test(tc, fds_path_and_flags);
	tcase_add_test(tc, fds_name_keeps_its_bytes);
	tcase_add_test(tc, fds_sockets_described);
	tcase_add_test(tc, signals_known_sets);
	tcase_add_test(tc, memory_cow);
	tcase_add_test(tc, identity_fields);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(kernel_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
