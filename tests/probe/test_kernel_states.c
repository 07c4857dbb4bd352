/*
 * The probe against the real kernel where a read does not simply succeed:
 * a zombie (and the same pid once reaped), a kernel thread (no memory),
 * another user's process (denied, where libproc2 says 0), the process
 * table (what is read once, what again after an exec, what is dropped),
 * and a race with processes that exit while they are read: every read says
 * how it went, never half a record or a made-up zero. Subjects with a known
 * state are read in test_kernel.c. Tests wait for conditions through pipes;
 * none sleeps or asserts a time.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <libproc2/pids.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probe/detail.h"
#include "probe/pagemap.h"
#include "probe/proctable.h"
#include "probe/smaps.h"

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
	MemTotals_read(pid, &tot);
	ck_assert_int_eq(tot.state, READ_ABSENT);
	PageMap_read(pid, 0x400000, 4, &map);
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
	MemTotals_read(pid, &tot);
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
	PageMap_read(target, 0x400000, 1, &map);
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

static Suite *states_suite(void)
{
	Suite *s = suite_create("probe-kernel-states");
	TCase *tc = tcase_create("kernel");

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
	SRunner *sr = srunner_create(states_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
