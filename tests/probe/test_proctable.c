/*
 * The process table's held files against the real kernel: the listing,
 * reads of held and reaped processes, a pid reused while its old process's
 * files are held (root only: the test forces the pid through
 * /proc/sys/kernel/ns_last_pid), a setuid without exec (root only: the
 * held directory's owner changes), a descriptor limit too low to hold every
 * process (in a forked process, so the limit dies with it), and the table's
 * descriptors counted in /proc/self/fd while processes come and go.
 *
 * Children are `sleep` processes: they exec, so a close-on-exec pipe tells
 * the test when the exec is done (EOF). Tests wait for that, never sleep.
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "probe/proctable.h"
#include "probe/statcache.h"
#include "probe/status.h"

#define SLEEP_PATH "/bin/sleep"

/* Descriptors this process has open, not counting the listing's own. */
static int fd_count(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *de;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.' && atoi(de->d_name) != dirfd(d))
			n++;
	closedir(d);
	return n;
}

/* Forks and execs `sleep arg`; returns once the exec is done, or -1. */
static pid_t sleeper_start(const char *arg)
{
	int p[2];
	pid_t pid;
	char c;
	ssize_t n;

	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	if ((pid = fork()) == 0) {
		close(p[0]);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		execl(SLEEP_PATH, "sleep", arg, (char *)NULL);
		(void)!write(p[1], "x", 1);
		_exit(127);
	}
	close(p[1]);
	while ((n = read(p[0], &c, 1)) < 0 && errno == EINTR)
		;
	close(p[0]);
	if (pid > 0 && n != 0) { /* the exec failed */
		waitpid(pid, NULL, 0);
		return -1;
	}
	return pid;
}

static void sleeper_stop(pid_t pid)
{
	kill(pid, SIGKILL);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}

/* The start time the kernel shows for pid now; 0 when it cannot be read. */
static unsigned long long start_ticks_of(pid_t pid)
{
	ProcIdentity id;
	unsigned long long t;

	ProcIdentity_read(pid, &id);
	t = id.state == READ_OK ? id.start_ticks : 0;
	ProcIdentity_done(&id);
	return t;
}

/* ---- the listing and held reads ---- */

START_TEST(listing_and_held_reads)
{
	StatCache *cache = StatCache_new();
	const pid_t *pids;
	size_t n, i;
	bool found_self = false, changed;
	StatFile f;
	pid_t child;
	uint64_t deadline;

	ck_assert_int_eq(StatCache_list(cache, &pids, &n), 0);
	for (i = 0; i < n; i++) {
		ck_assert_int_gt(pids[i], 0);
		if (i > 0)
			ck_assert_int_lt(pids[i - 1], pids[i]);
		found_self |= pids[i] == getpid();
	}
	ck_assert(found_self);

	if (access(SLEEP_PATH, X_OK) != 0)
		goto out;
	child = sleeper_start("1000");
	ck_assert_int_gt(child, 0);
	StatFile_init(&f, child);
	ck_assert(StatCache_hold(cache, &f));
	ck_assert_uint_eq(StatCache_held(cache), 1);
	ck_assert_int_eq(StatCache_read(cache, &f, &changed), READ_OK);
	ck_assert(changed);
	ck_assert(strstr(f.text, "(sleep) ") != NULL);
	/* wait until it sleeps: right after the exec it may still be running
	 * (a deadline, not a count of tries: on a loaded machine the child
	 * may not run for a while) */
	for (deadline = clock_now_us() + 30000000u;
	     strstr(f.text, "(sleep) S") == NULL && clock_now_us() < deadline;) {
		nanosleep(&(struct timespec){ .tv_nsec = 1000000 }, NULL);
		ck_assert_int_eq(StatCache_read(cache, &f, &changed), READ_OK);
	}
	ck_assert(strstr(f.text, "(sleep) S") != NULL);
	/* a sleeping process prints the same line again: nothing to parse */
	changed = true;
	for (i = 0; i < 100 && changed; i++)
		ck_assert_int_eq(StatCache_read(cache, &f, &changed), READ_OK);
	ck_assert(!changed);
	/* a zombie is still there; once reaped, the held file says so */
	kill(child, SIGKILL);
	ck_assert_int_eq(waitid(P_PID, (id_t)child, NULL, WEXITED | WNOWAIT), 0);
	ck_assert_int_eq(StatCache_read(cache, &f, &changed), READ_OK);
	ck_assert(strstr(f.text, ") Z") != NULL);
	ck_assert_int_eq(waitpid(child, NULL, 0), child);
	ck_assert_int_eq(StatCache_read(cache, &f, &changed), READ_GONE);
	StatCache_forget(cache, &f);
	ck_assert_uint_eq(StatCache_held(cache), 0);
out:
	StatCache_delete(cache);
}
END_TEST

/* ---- pid reuse ---- */

/* A sleeper with exactly the given pid, through ns_last_pid; -1 when other
 * processes of the machine kept taking it. */
static pid_t sleeper_at(pid_t want, const char *arg)
{
	int attempt;

	for (attempt = 0; attempt < 200; attempt++) {
		FILE *f = fopen("/proc/sys/kernel/ns_last_pid", "w");
		pid_t pid;

		if (f == NULL)
			return -1;
		fprintf(f, "%d", (int)want - 1);
		if (fclose(f) != 0)
			return -1;
		if ((pid = sleeper_start(arg)) == want)
			return pid;
		if (pid > 0)
			sleeper_stop(pid);
	}
	return -1;
}

START_TEST(pid_reuse_is_detected)
{
	ProcTable *table;
	const ProcIdentity *row;
	pid_t first, second;

	if (geteuid() != 0 || access("/proc/sys/kernel/ns_last_pid", W_OK) != 0 ||
	    access(SLEEP_PATH, X_OK) != 0) {
		printf("pid_reuse_is_detected: skipped (needs root to write "
		       "/proc/sys/kernel/ns_last_pid, and " SLEEP_PATH ")\n");
		return;
	}
	table = ProcTable_new();
	first = sleeper_start("1000");
	ck_assert_int_gt(first, 0);
	ck_assert_int_eq(ProcTable_refresh(table), 0);
	ck_assert_int_eq(ProcTable_refresh(table), 0); /* steady: parsed, held */
	row = ProcTable_find(table, first);
	ck_assert_ptr_nonnull(row);
	ck_assert_str_eq(row->cmdline, "sleep 1000");
	ck_assert_uint_gt(ProcTable_stats(table).held, 0);

	/* same program, same comm, same owner: only the process differs */
	sleeper_stop(first);
	second = sleeper_at(first, "2000");
	if (second < 0) {
		printf("pid_reuse_is_detected: skipped (pid %d was taken by others)\n", (int)first);
		ProcTable_delete(table);
		return;
	}
	ck_assert_int_eq(ProcTable_refresh(table), 0);
	row = ProcTable_find(table, second);
	ck_assert_ptr_nonnull(row);
	ck_assert_str_eq(row->cmdline, "sleep 2000");
	ck_assert_uint_eq(row->start_ticks, start_ticks_of(second));
	ck_assert_uint_ge(ProcTable_stats(table).read_again, 1);
	sleeper_stop(second);
	ck_assert_int_eq(ProcTable_refresh(table), 0);
	ck_assert_ptr_null(ProcTable_find(table, second));
	ProcTable_delete(table);
}
END_TEST

/* ---- setuid without exec ---- */

/* A forked child that, told so, takes uid and gid 4242 and makes itself
 * dumpable again (the id change made it not dumpable, which keeps its
 * /proc directory root's), then answers and waits for EOF. */
static pid_t setuider_start(int *cmd, int *reply)
{
	int c[2], r[2];
	pid_t pid;
	char x;

	if (pipe2(c, O_CLOEXEC) < 0 || pipe2(r, O_CLOEXEC) < 0)
		return -1;
	if ((pid = fork()) == 0) {
		close(c[1]);
		close(r[0]);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (read(c[0], &x, 1) != 1)
			_exit(0);
		if (setresgid(4242, 4242, 4242) != 0 || setresuid(4242, 4242, 4242) != 0 ||
		    prctl(PR_SET_DUMPABLE, 1) != 0)
			_exit(1);
		(void)!write(r[1], "d", 1);
		while (read(c[0], &x, 1) != 0)
			;
		_exit(0);
	}
	close(c[0]);
	close(r[1]);
	*cmd = c[1];
	*reply = r[0];
	return pid;
}

START_TEST(owner_change_rereads_ids)
{
	ProcTable *table;
	const ProcIdentity *row;
	char cmdline[256];
	int cmd, reply;
	pid_t pid;
	char x;

	if (geteuid() != 0) {
		printf("owner_change_rereads_ids: skipped (needs root to change ids)\n");
		return;
	}
	table = ProcTable_new();
	ck_assert_int_gt(pid = setuider_start(&cmd, &reply), 0);
	ck_assert_int_eq(ProcTable_refresh(table), 0);
	ck_assert_int_eq(ProcTable_refresh(table), 0);
	row = ProcTable_find(table, pid);
	ck_assert_ptr_nonnull(row);
	ck_assert_int_eq(row->uid_eff, 0);
	snprintf(cmdline, sizeof cmdline, "%s", row->cmdline); /* row dies at the next refresh */

	ck_assert_int_eq(write(cmd, "u", 1), 1);
	ck_assert_int_eq(read(reply, &x, 1), 1);
	ck_assert_int_eq(ProcTable_refresh(table), 0);
	row = ProcTable_find(table, pid);
	ck_assert_ptr_nonnull(row);
	ck_assert_int_eq(row->uid_real, 4242);
	ck_assert_int_eq(row->uid_eff, 4242);
	ck_assert_int_eq(row->gid_saved, 4242);
	ck_assert_str_eq(row->cmdline, cmdline);
	ck_assert_uint_ge(ProcTable_stats(table).read_again, 1);
	close(cmd);
	close(reply);
	ck_assert_int_eq(waitpid(pid, NULL, 0), pid);
	ProcTable_delete(table);
}
END_TEST

/* ---- a descriptor limit too low to hold every process ---- */

/* In the forked process: a failed check prints and exits 1. */
static void child_check(bool ok, const char *fmt, ...)
{
	va_list ap;

	if (ok)
		return;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	_exit(1);
}

/* The row agrees with what the kernel shows for pid now. */
static void child_check_row(const ProcTable *table, pid_t pid, const char *cmdline)
{
	const ProcIdentity *row = ProcTable_find(table, pid);
	ProcIdentity id;

	child_check(row != NULL, "pid %d not in the table", (int)pid);
	ProcIdentity_read(pid, &id);
	child_check(id.state == READ_OK, "pid %d: %s", (int)pid, ReadState_name(id.state));
	child_check(strcmp(row->cmdline, cmdline) == 0, "pid %d: cmdline '%s'", (int)pid, row->cmdline);
	child_check(strcmp(row->comm, id.comm) == 0, "pid %d: comm %s, not %s", (int)pid, row->comm, id.comm);
	child_check(row->ppid == id.ppid && row->start_ticks == id.start_ticks &&
	            row->uid_eff == id.uid_eff && row->exe_state == id.exe_state,
	            "pid %d: stat or ids differ from the kernel's", (int)pid);
	ProcIdentity_done(&id);
}

#define LOW_LIMIT 48
#define LOW_EXECERS 40

static const char *execer_arg(int i)
{
	return i % 2 ? "1001" : "1002";
}

/* Forks a child that reads one byte of go, then execs `sleep arg`; done
 * is close-on-exec, so once every execer has exec'd it reads EOF. */
static pid_t execer_start(int go, const char *arg)
{
	pid_t pid = fork();
	char x;

	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (read(go, &x, 1) == 1)
			execl(SLEEP_PATH, "sleep", arg, (char *)NULL);
		_exit(127);
	}
	return pid;
}

static void low_limit_child(void)
{
	struct rlimit rl = { LOW_LIMIT, LOW_LIMIT };
	pid_t kids[LOW_EXECERS], late;
	char own[256], x;
	ProcTable *table;
	ProcTableStats st;
	int go[2], done[2], base, i;

	child_check(setrlimit(RLIMIT_NOFILE, &rl) == 0, "setrlimit: %s", strerror(errno));
	child_check(pipe2(go, O_CLOEXEC) == 0 && pipe2(done, O_CLOEXEC) == 0, "pipes");
	for (i = 0; i < LOW_EXECERS; i++)
		child_check((kids[i] = execer_start(go[0], execer_arg(i))) > 0, "fork %d", i);
	close(go[0]);
	close(done[1]);
	base = fd_count();
	table = ProcTable_new();
	for (i = 0; i < 3; i++)
		child_check(ProcTable_refresh(table) == 0, "refresh: %s", strerror(errno));
	st = ProcTable_stats(table);
	child_check(st.held > 0 && st.held < st.rows, "held %zu of %zu rows", st.held, st.rows);
	child_check(fd_count() == base + 1 + 2 * (int)st.held, "fds %d, base %d, held %zu",
	            fd_count(), base, st.held);
	child_check(base + 1 + 2 * (int)st.held <= LOW_LIMIT, "over the limit");
	snprintf(own, sizeof own, "%s", ProcTable_find(table, getpid())->cmdline);
	child_check_row(table, getpid(), own);
	for (i = 0; i < LOW_EXECERS; i++)
		child_check_row(table, kids[i], own);

	/* every execer execs: held or read by path, each row is read again
	 * (more of them than the budget holds, so some are read by path) */
	for (i = 0; i < LOW_EXECERS; i++)
		child_check(write(go[1], "g", 1) == 1, "go");
	child_check(read(done[0], &x, 1) == 0, "the execers did not all exec");
	child_check(ProcTable_refresh(table) == 0, "refresh after exec");
	child_check(ProcTable_stats(table).read_again >= LOW_EXECERS, "read again %zu",
	            ProcTable_stats(table).read_again);
	for (i = 0; i < LOW_EXECERS; i++)
		child_check_row(table, kids[i], i % 2 ? "sleep 1001" : "sleep 1002");

	/* half go, one comes: the table follows with no descriptor left over */
	for (i = 0; i < LOW_EXECERS; i += 2)
		sleeper_stop(kids[i]);
	late = sleeper_start("1003");
	child_check(late > 0, "spawn late");
	child_check(ProcTable_refresh(table) == 0, "refresh after exits");
	for (i = 0; i < LOW_EXECERS; i++)
		child_check((ProcTable_find(table, kids[i]) != NULL) == (i % 2 == 1),
		            "pid %d: in the table %s", (int)kids[i], i % 2 ? "no" : "yes");
	child_check_row(table, late, "sleep 1003");
	st = ProcTable_stats(table);
	child_check(fd_count() == base + 1 + 2 * (int)st.held, "fds %d after churn, held %zu",
	            fd_count(), st.held);
	ProcTable_delete(table);
	child_check(fd_count() == base, "fds %d after delete, base %d", fd_count(), base);
	_exit(0);
}

START_TEST(low_fd_limit_still_correct)
{
	pid_t pid;
	int status;

	if (access(SLEEP_PATH, X_OK) != 0)
		return;
	if ((pid = fork()) == 0)
		low_limit_child();
	ck_assert_int_gt(pid, 0);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	              "the low-limit process failed (status %#x): see its message", status);
}
END_TEST

/* ---- no descriptor leak ---- */

START_TEST(no_fd_leak_while_processes_come_and_go)
{
	enum { ROUNDS = 6, PER_ROUND = 40 };
	pid_t kids[PER_ROUND];
	struct sigaction sa, old;
	ProcTable *table;
	ProcTableStats st;
	int base, round, i;

	if (access(SLEEP_PATH, X_OK) != 0)
		return;
	base = fd_count();
	table = ProcTable_new();
	for (round = 0; round < ROUNDS; round++) {
		for (i = 0; i < PER_ROUND; i++)
			ck_assert_int_gt(kids[i] = sleeper_start("1000"), 0);
		ck_assert_int_eq(ProcTable_refresh(table), 0);
		for (i = 0; i < PER_ROUND; i++)
			ck_assert_ptr_nonnull(ProcTable_find(table, kids[i]));
		for (i = 0; i < PER_ROUND; i++)
			sleeper_stop(kids[i]);
		ck_assert_int_eq(ProcTable_refresh(table), 0);
		for (i = 0; i < PER_ROUND; i++)
			ck_assert_ptr_null(ProcTable_find(table, kids[i]));
		st = ProcTable_stats(table);
		ck_assert_int_eq(fd_count(), base + 1 + 2 * (int)st.held);
	}

	/* processes that exit while the table reads them, reaping themselves */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGCHLD, &sa, &old);
	for (i = 0; i < 300; i++) {
		pid_t pid = fork();
		if (pid == 0)
			_exit(0);
		ck_assert_int_gt(pid, 0);
		if (i % 10 == 0)
			ck_assert_int_eq(ProcTable_refresh(table), 0);
	}
	while (wait(NULL) > 0 || errno == EINTR)
		;
	sigaction(SIGCHLD, &old, NULL);
	ck_assert_int_eq(ProcTable_refresh(table), 0);
	st = ProcTable_stats(table);
	ck_assert_int_eq(fd_count(), base + 1 + 2 * (int)st.held);
	ProcTable_delete(table);
	ck_assert_int_eq(fd_count(), base);
}
END_TEST

/* ---- an exec that keeps the comm ---- */

/* The table's command line of pid, or "" when the table has no such row. */
static const char *table_cmdline(const ProcTable *table, pid_t pid)
{
	const ProcIdentity *id = ProcTable_find(table, pid);
	return id != NULL && id->cmdline != NULL ? id->cmdline : "";
}

/* sh running sh: the same comm, a new program image. The row must read
 * the new command line (ProcImage), not keep the old one. */
START_TEST(exec_with_the_same_comm_rereads)
{
	ProcTable *table = ProcTable_new();
	int in[2], i;
	pid_t pid;

	ck_assert_int_eq(pipe(in), 0);
	if ((pid = fork()) == 0) {
		dup2(in[0], STDIN_FILENO);
		close(in[0]);
		close(in[1]);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		execl("/bin/sh", "sh", "-c", "read a; exec /bin/sh -c 'read second'", (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	/* Refresh until the first sh shows; every refresh is a real read. */
	for (i = 0; i < 100000 && strstr(table_cmdline(table, pid), "read a") == NULL; i++) {
		ck_assert_int_eq(ProcTable_refresh(table), 0);
		sched_yield();
	}
	ck_assert_str_eq(table_cmdline(table, pid), "sh -c read a; exec /bin/sh -c 'read second'");
	ck_assert_int_eq(write(in[1], "x\n", 2), 2);
	for (i = 0; i < 100000 && strcmp(table_cmdline(table, pid), "/bin/sh -c read second") != 0; i++) {
		ck_assert_int_eq(ProcTable_refresh(table), 0);
		sched_yield();
	}
	ck_assert_str_eq(table_cmdline(table, pid), "/bin/sh -c read second");
	ck_assert_str_eq(ProcTable_find(table, pid)->comm, "sh");
	close(in[1]);
	ck_assert_int_eq(waitpid(pid, NULL, 0), pid);
	ProcTable_delete(table);
}
END_TEST

/* ---- new rows read side by side ---- */

/* Every row of the table in pid order, and each of kids[] there with the
 * command line it was started with and this process's ids. */
static void check_rows(const ProcTable *table, const pid_t *kids, int nkids)
{
	char want[64];
	size_t i;

	for (i = 1; i < ProcTable_count(table); i++)
		ck_assert_int_lt(ProcTable_at(table, i - 1)->pid, ProcTable_at(table, i)->pid);
	for (int k = 0; k < nkids; k++) {
		const ProcIdentity *id = ProcTable_find(table, kids[k]);

		ck_assert_ptr_nonnull(id);
		snprintf(want, sizeof want, "sleep 1000.%d", k);
		ck_assert_str_eq(id->cmdline, want);
		ck_assert_str_eq(id->comm, "sleep");
		ck_assert_int_eq(id->cmdline_state, READ_OK);
		ck_assert_uint_eq(id->uid_real, getuid());
		ck_assert_uint_eq(id->gid_real, getgid());
		ck_assert_int_eq(id->ppid, getpid());
	}
}

/* A first refresh reads its new processes' identities with several threads
 * (identity_batch.h): each row must be its own process's, as with one. */
START_TEST(new_rows_read_side_by_side)
{
	enum { KIDS = 200 };
	pid_t kids[KIDS];
	char arg[32];
	unsigned threads[] = { 1, 2, 4, 0 };
	int i;

	if (access(SLEEP_PATH, X_OK) != 0)
		return;
	for (i = 0; i < KIDS; i++) {
		snprintf(arg, sizeof arg, "1000.%d", i);
		ck_assert_int_gt(kids[i] = sleeper_start(arg), 0);
	}
	for (size_t t = 0; t < sizeof threads / sizeof threads[0]; t++) {
		ProcTable *table = ProcTable_new();
		ProcTableStats st;

		ProcTable_set_threads(table, threads[t]);
		ck_assert_int_eq(ProcTable_refresh(table), 0);
		st = ProcTable_stats(table);
		ck_assert_uint_ge(st.read_new, KIDS);
		ck_assert_uint_eq(st.rows, ProcTable_count(table));
		check_rows(table, kids, KIDS);
		ProcTable_delete(table);
	}
	/* Half of them gone: a first refresh lists only the others, in order. */
	for (i = 0; i < KIDS; i += 2)
		sleeper_stop(kids[i]);
	ProcTable *table = ProcTable_new();
	ck_assert_int_eq(ProcTable_refresh(table), 0);
	for (i = 0; i < KIDS; i++)
		ck_assert((ProcTable_find(table, kids[i]) != NULL) == (i % 2 == 1));
	ProcTable_delete(table);
	for (i = 1; i < KIDS; i += 2)
		sleeper_stop(kids[i]);
}
END_TEST

static Suite *proctable_suite(void)
{
	Suite *s = suite_create("probe-proctable");
	TCase *tc = tcase_create("proctable");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, listing_and_held_reads);
	tcase_add_test(tc, pid_reuse_is_detected);
	tcase_add_test(tc, owner_change_rereads_ids);
	tcase_add_test(tc, low_fd_limit_still_correct);
	tcase_add_test(tc, no_fd_leak_while_processes_come_and_go);
	tcase_add_test(tc, new_rows_read_side_by_side);
	tcase_add_test(tc, exec_with_the_same_comm_rereads);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(proctable_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
