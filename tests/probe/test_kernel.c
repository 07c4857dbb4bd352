/*
 * The probe against the real kernel: subjects with a known state (see
 * subject.h) are read and the kernel's answer is asserted: the FD set,
 * signal sets, copy-on-write sharing after fork (smaps and pagemap), the
 * identity fields, zombies, kernel threads, denied reads, the process
 * table, and a race with processes that exit while they are read. Tests
 * wait for conditions through pipes; none sleeps or asserts a time.
 */
#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <libproc2/pids.h>
#include <limits.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
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
	fdtable_read(s.pid, &t);
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
	fdtable_read(s.twin, &twin);
	ck_assert_int_eq(twin.state, READ_OK);
	ck_assert_uint_eq(fd_entry(&twin, s.ready.fd_plain)->ino, fd_entry(&t, s.ready.fd_plain)->ino);
	ck_assert_int_eq(fd_entry(&twin, s.ready.fd_plain)->pos, 10); /* shared offset */
	FdTable_done(&twin);
	FdTable_done(&t);
	Subject_stop(&s);
}
END_TEST

/* ---- signal sets ---- */

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
	fdtable_read(getpid(), &t);
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
	fdtable_read(getpid(), &t);
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
	fdtable_read(getpid(), &t);
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

START_TEST(signals_known_sets)
{
	Subject s;
	SigSets sig;
	ProcDetail d;

	ck_assert_int_eq(Subject_start(&s, SUBJECT_SIGNALS, 0, NULL), 0);
	sigsets_read(s.pid, &sig);
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

	smaps_read(pid, &list);
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

	pagemap_read(pid, r->region, r->region_bytes / page_size(), &map);
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
	smaps_rollup_read(s.twin, &tot);
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
	identity_read(s.pid, &id);
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

/* ---- zombies, reaped processes, kernel threads ---- */

START_TEST(zombie_then_gone)
{
	ProcDetail d;
	MemTotals tot;
	PageMap map;
	siginfo_t si;
	pid_t pid = fork();

	if (pid == 0)
		_exit(7);
	ck_assert_int_gt(pid, 0);
	ck_assert_int_eq(waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT), 0);

	ProcDetail_read(pid, DETAIL_ALL, &d);
	ck_assert_int_eq(ProcDetail_state(&d), READ_OK);
	ck_assert_int_eq(d.id.task_state, 'Z');
	ck_assert_int_eq(d.id.exe_state, READ_ABSENT);
	ck_assert_int_eq(d.sig.state, READ_OK);
	ck_assert_int_eq(d.totals.state, READ_ABSENT);
	ck_assert_int_eq(d.maps.state, READ_ABSENT);
	ck_assert_int_eq(d.fds.state, READ_ABSENT);
	ck_assert_int_eq(d.environ_state, READ_ABSENT);
	ck_assert_int_eq(d.cwd_state, READ_ABSENT);
	ck_assert_ptr_null(d.cwd);
	ProcDetail_done(&d);
	smaps_rollup_read(pid, &tot);
	ck_assert_int_eq(tot.state, READ_ABSENT);
	pagemap_read(pid, 0x400000, 4, &map);
	ck_assert_int_eq(map.state, READ_ABSENT);

	ck_assert_int_eq(waitpid(pid, NULL, 0), pid);
	ProcDetail_read(pid, DETAIL_ALL, &d);
	ck_assert_int_eq(ProcDetail_state(&d), READ_GONE);
	ck_assert_int_eq(d.id.state, READ_GONE);
	ck_assert_ptr_null(d.id.cmdline);
	ck_assert_int_eq(d.totals.state, READ_GONE);
	ck_assert_int_eq(d.maps.state, READ_GONE);
	ck_assert_uint_eq(d.maps.n, 0);
	ck_assert_int_eq(d.fds.state, READ_GONE);
	ProcDetail_done(&d);
	smaps_rollup_read(pid, &tot);
	ck_assert_int_eq(tot.state, READ_GONE);
}
END_TEST

START_TEST(kernel_thread_has_no_memory)
{
	ProcTable *table = ProcTable_new();
	const ProcIdentity *kt = NULL;
	ProcDetail d;
	size_t i;

	ck_assert_int_eq(ProcTable_refresh(table), 0);
	for (i = 0; i < ProcTable_count(table) && kt == NULL; i++)
		if (ProcTable_at(table, i)->kernel_thread)
			kt = ProcTable_at(table, i);
	if (kt == NULL) { /* a pid namespace shows no kernel threads */
		ProcTable_delete(table);
		return;
	}
	ck_assert_int_eq(kt->exe_state, READ_ABSENT);
	ProcDetail_read(kt->pid, DETAIL_ALL, &d);
	ck_assert_int_eq(ProcDetail_state(&d), READ_OK);
	ck_assert(d.id.kernel_thread);
	ck_assert_int_eq(d.id.exe_state, READ_ABSENT);
	ck_assert_int_eq(d.totals.state, READ_ABSENT);
	ck_assert_int_eq(d.maps.state, READ_ABSENT);
	ck_assert_int_eq(d.fds.state, READ_ABSENT);
	ProcDetail_done(&d);
	ProcTable_delete(table);
}
END_TEST

/* ---- denied: another user's process ---- */

/* libproc2's smaps_rollup item for pid, which is 0 when unreadable. */
static unsigned long libproc2_smap_rss(pid_t pid)
{
	enum pids_item items[] = { PIDS_SMAP_RSS };
	struct pids_info *info = NULL;
	struct pids_fetch *f;
	unsigned pids[1] = { (unsigned)pid };
	unsigned long rss = (unsigned long)-1;

	if (procps_pids_new(&info, items, 1) < 0)
		return rss;
	f = procps_pids_select(info, pids, 1, PIDS_SELECT_PID);
	if (f != NULL && f->counts->total == 1)
		rss = PIDS_VAL(0, ul_int, f->stacks[0], info);
	procps_pids_unref(&info);
	return rss;
}

/* Runs as an unprivileged user in a child; the exit code names the first
 * check that failed (0: all held). */
static int denied_checks(pid_t target)
{
	ProcDetail d;
	PageMap map;

	ProcDetail_read(target, DETAIL_ALL, &d);
	if (d.id.state != READ_OK)
		return 10;
	if (d.id.exe_state != READ_DENIED)
		return 11;
	if (d.sig.state != READ_OK)
		return 12;
	if (d.totals.state != READ_DENIED)
		return 13;
	if (d.maps.state != READ_DENIED || d.maps.n != 0)
		return 14;
	if (d.fds.state != READ_DENIED || d.fds.n != 0)
		return 15;
	if (d.environ_state != READ_DENIED)
		return 16;
	ProcDetail_done(&d);
	pagemap_read(target, 0x400000, 1, &map);
	if (map.state != READ_DENIED)
		return 17;
	/* the reason for reading smaps_rollup ourselves: libproc2 says 0 */
	if (libproc2_smap_rss(target) != 0)
		return 18;
	return 0;
}

START_TEST(denied_is_a_state)
{
	pid_t target = getpid(), child;
	int status;

	if (geteuid() != 0) {
		struct stat st;
		/* not root: any process of another user will do; pid 1 usually is one */
		if (stat("/proc/1", &st) != 0 || st.st_uid == geteuid())
			return;
		target = 1;
	}
	child = fork();
	if (child == 0) {
		if (geteuid() == 0 && (setresgid(65534, 65534, 65534) < 0 ||
		                       setresuid(65534, 65534, 65534) < 0))
			_exit(2);
		_exit(denied_checks(target));
	}
	ck_assert_int_gt(child, 0);
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	ck_assert(WIFEXITED(status));
	ck_assert_msg(WEXITSTATUS(status) == 0, "denied check %d failed", WEXITSTATUS(status));
}
END_TEST

/* ---- the process table: what is read once, what again ---- */

/* A child that execs /bin/sleep with a known environment when told to;
 * exec_done closes (EOF) when the exec happened. */
static pid_t start_execer(int *go, int *exec_done)
{
	int gp[2], dp[2];
	pid_t pid;

	ck_assert_int_eq(pipe2(gp, O_CLOEXEC), 0);
	ck_assert_int_eq(pipe2(dp, O_CLOEXEC), 0);
	pid = fork();
	if (pid == 0) {
		char c;
		char *argv[] = { "sleep", "1000", NULL };
		char *envp[] = { "FORKSCOPE_TEST=42", NULL };

		close(gp[1]);
		close(dp[0]);
		if (read(gp[0], &c, 1) != 1)
			_exit(0);
		execve("/bin/sleep", argv, envp);
		_exit(127);
	}
	close(gp[0]);
	close(dp[1]);
	*go = gp[1];
	*exec_done = dp[0];
	return pid;
}

START_TEST(proctable_reads_once)
{
	ProcTable *table = ProcTable_new();
	const ProcIdentity *row;
	const char *first_cmdline;
	ProcTableStats stats;
	ProcDetail d;
	int go, done;
	char c;
	pid_t pid;

	if (access("/bin/sleep", X_OK) != 0)
		return;
	pid = start_execer(&go, &done);
	ck_assert_int_eq(ProcTable_refresh(table), 0);
	row = ProcTable_find(table, getpid());
	ck_assert_ptr_nonnull(row);
	ck_assert_int_eq(row->state, READ_OK);
	ck_assert_int_eq(row->exe_state, READ_OK);
	ck_assert_int_eq(row->uid_real, getuid());
	row = ProcTable_find(table, pid);
	ck_assert_ptr_nonnull(row);
	first_cmdline = row->cmdline;
	ck_assert(strstr(first_cmdline, "test_kernel") != NULL);

	/* unchanged: the row keeps what was read (the very same string) */
	ck_assert_int_eq(ProcTable_refresh(table), 0);
	row = ProcTable_find(table, pid);
	ck_assert_ptr_eq(row->cmdline, first_cmdline);
	stats = ProcTable_stats(table);
	ck_assert_uint_eq(stats.rows, ProcTable_count(table));

	/* exec: comm changes, the identity is read again */
	ck_assert_int_eq(write(go, "x", 1), 1);
	ck_assert_int_eq(read(done, &c, 1), 0); /* EOF: close-on-exec closed it */
	ck_assert_int_eq(ProcTable_refresh(table), 0);
	row = ProcTable_find(table, pid);
	ck_assert_ptr_nonnull(row);
	ck_assert_str_eq(row->comm, "sleep");
	ck_assert_str_eq(row->cmdline, "sleep 1000");
	ck_assert(strstr(row->exe, "sleep") != NULL);
	ck_assert_uint_ge(ProcTable_stats(table).read_again, 1);

	/* the environment the exec gave, and the directory it inherited */
	ProcDetail_read(pid, DETAIL_ENVIRON | DETAIL_CWD, &d);
	ck_assert_int_eq(d.environ_state, READ_OK);
	ck_assert_str_eq(d.environ[0], "FORKSCOPE_TEST=42");
	ck_assert_ptr_null(d.environ[1]);
	ck_assert_int_eq(d.cwd_state, READ_OK);
	{
		char here[4096];
		ck_assert_ptr_nonnull(getcwd(here, sizeof here));
		ck_assert_str_eq(d.cwd, here);
	}
	ProcDetail_done(&d);

	/* gone: the row is dropped */
	kill(pid, SIGKILL);
	ck_assert_int_eq(waitpid(pid, NULL, 0), pid);
	ck_assert_int_eq(ProcTable_refresh(table), 0);
	ck_assert_ptr_null(ProcTable_find(table, pid));
	close(go);
	close(done);
	ProcTable_delete(table);
}
END_TEST

/* ---- the race: processes exiting while they are read ---- */

static void check_record(const ProcDetail *d, pid_t pid)
{
	ReadState rs = ProcDetail_state(d);

	ck_assert_msg(rs == READ_OK || rs == READ_GONE, "pid %d: %s", (int)pid, ReadState_name(rs));
	if (rs == READ_GONE) {
		ck_assert_msg(d->id.cmdline == NULL, "half a record: id %s sig %s totals %s maps %s "
		              "fds %s environ %s", ReadState_name(d->id.state),
		              ReadState_name(d->sig.state), ReadState_name(d->totals.state),
		              ReadState_name(d->maps.state), ReadState_name(d->fds.state),
		              ReadState_name(d->environ_state));
		ck_assert_uint_eq(d->maps.n, 0);
		ck_assert_uint_eq(d->fds.n, 0);
		return;
	}
	ck_assert_int_eq(d->id.pid, pid);
	ck_assert_ptr_nonnull(d->id.cmdline);
	ck_assert_msg(d->maps.state == READ_OK || d->maps.state == READ_ABSENT,
	              "maps %s", ReadState_name(d->maps.state));
	ck_assert_msg(d->totals.state == READ_OK || d->totals.state == READ_ABSENT,
	              "totals %s", ReadState_name(d->totals.state));
	ck_assert_msg(d->fds.state == READ_OK || d->fds.state == READ_ABSENT,
	              "fds %s (task state %c)", ReadState_name(d->fds.state), d->id.task_state);
	if (d->maps.state == READ_OK)
		ck_assert_uint_gt(d->maps.n, 0); /* a live process always has mappings */
	if (d->totals.state == READ_OK)
		ck_assert_uint_gt(d->totals.kb.rss, 0);
}

START_TEST(race_with_exiting_processes)
{
	ProcTable *table = ProcTable_new();
	struct sigaction sa, old;
	int i, gone = 0, ok = 0;

	/* children reap themselves: they vanish while being read */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGCHLD, &sa, &old);
	for (i = 0; i < 400; i++) {
		ProcDetail d;
		pid_t pid = fork();

		if (pid == 0) {
			if (i % 3 == 0)
				execl("/bin/true", "true", (char *)NULL);
			_exit(0);
		}
		ck_assert_int_gt(pid, 0);
		ProcDetail_read(pid, DETAIL_ALL, &d);
		check_record(&d, pid);
		if (ProcDetail_state(&d) == READ_GONE)
			gone++;
		else
			ok++;
		ProcDetail_done(&d);
		if (i % 50 == 0) {
			size_t k;
			ck_assert_int_eq(ProcTable_refresh(table), 0);
			for (k = 0; k < ProcTable_count(table); k++) {
				const ProcIdentity *row = ProcTable_at(table, k);
				ck_assert_int_eq(row->state, READ_OK);
				ck_assert_ptr_nonnull(row->cmdline);
			}
		}
	}
	while (wait(NULL) > 0 || errno == EINTR)
		;
	sigaction(SIGCHLD, &old, NULL);
	ck_assert_int_eq(ok + gone, 400);
	ProcTable_delete(table);
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
	tcase_add_test(tc, zombie_then_gone);
	tcase_add_test(tc, kernel_thread_has_no_memory);
	tcase_add_test(tc, denied_is_a_state);
	tcase_add_test(tc, proctable_reads_once);
	tcase_add_test(tc, race_with_exiting_processes);
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
