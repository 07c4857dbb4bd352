/*
 * Kernel truth for the scenarios threads-fork, daemon and pid-namespace:
 * each runs through the helper and the tracer (the Runner), and at every
 * step boundary the test reads /proc itself (status's Threads and NSpid,
 * stat's pgrp, session and tty_nr, task/, ns/pid, fd/, cwd, and the
 * memory of the processes through /proc/PID/mem) and the tracer's events,
 * and asserts the effect the scenario exists to show. The helper's reports
 * are used only to learn an address, never as the evidence.
 *
 * At the same instants it asks forkscope's own formatters what the tree
 * (its TTY column and command cell) and the batch row print for the
 * process, and checks that they say what the kernel says: "threads 3",
 * "tty pts/N", "nspid 4321/1".
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/kcmp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "print/procstate.h"
#include "scenario/catalog.h"
#include "spawn_truth.h"
#include "ui/format/format.h"

/* ---- /proc, read directly ---------------------------------------------- */

static int threads_of(pid_t pid)
{
	char line[64];

	ck_assert_msg(status_line(pid, "Threads", line, sizeof line), "no Threads for %d", (int)pid);
	return atoi(line);
}

/* The tids in /proc/PID/task, sorted as listed; how many. */
static int tasks_of(pid_t pid, pid_t *tids, int max)
{
	char path[64];
	struct dirent *e;
	DIR *d;
	int n = 0;

	snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
	ck_assert_ptr_nonnull(d = opendir(path));
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.' && n < max)
			tids[n++] = (pid_t)atoi(e->d_name);
	closedir(d);
	return n;
}

static bool task_exists(pid_t pid, pid_t tid)
{
	char path[64];

	snprintf(path, sizeof path, "/proc/%d/task/%d", (int)pid, (int)tid);
	return access(path, F_OK) == 0;
}

/* A thread's status line (Tgid, State...), read under its process. */
static long task_status_number(pid_t pid, pid_t tid, const char *key)
{
	char name[64], buf[4096], want[32];
	const char *at;

	snprintf(name, sizeof name, "task/%d/status", (int)tid);
	snprintf(want, sizeof want, "\n%s:", key);
	ck_assert_int_gt(proc_read(pid, name, buf, sizeof buf), 0);
	ck_assert_ptr_nonnull(at = strstr(buf, want));
	return strtol(at + strlen(want), NULL, 10);
}

/* The system call a thread is blocked in (task/TID/syscall), -1 if none. */
static long task_syscall(pid_t pid, pid_t tid)
{
	char name[64], buf[512];
	long nr = -1;

	snprintf(name, sizeof name, "task/%d/syscall", (int)tid);
	if (proc_read(pid, name, buf, sizeof buf) <= 0 || sscanf(buf, "%ld", &nr) != 1)
		return -1;
	return nr;
}

/* Waits (up to 30 s: a loaded machine) until the thread sleeps in call nr. */
static bool wait_task_in_syscall(pid_t pid, pid_t tid, long nr)
{
	uint64_t until = clock_now_us() + 30000000u;

	while (clock_now_us() < until) {
		if (task_syscall(pid, tid) == nr)
			return true;
		nanosleep(&(struct timespec){ .tv_nsec = 1000000 }, NULL);
	}
	return false;
}

/* A pthread_mutex_t as it lies in pid's memory at addr. */
static pthread_mutex_t mutex_in(pid_t pid, unsigned long addr)
{
	pthread_mutex_t m;
	char path[64];
	int fd;

	snprintf(path, sizeof path, "/proc/%d/mem", (int)pid);
	ck_assert_int_ge(fd = open(path, O_RDONLY | O_CLOEXEC), 0);
	ck_assert_int_eq(pread(fd, &m, sizeof m, (off_t)addr), (ssize_t)sizeof m);
	close(fd);
	return m;
}

/* NSpid's numbers; how many. */
static int nspid_of(pid_t pid, long *out, int max)
{
	char line[256], *p, *end;
	int n = 0;

	if (!status_line(pid, "NSpid", line, sizeof line))
		return 0;
	for (p = line; n < max; p = end) {
		long v = strtol(p, &end, 10);
		if (end == p)
			break;
		out[n++] = v;
	}
	return n;
}

/* The pid namespace a process is in, as its ns/pid link names it. */
static void pid_ns_of(pid_t pid, char *buf, size_t len)
{
	proc_link(pid, "ns/pid", buf, len);
	ck_assert_msg(buf[0] != '\0', "no ns/pid for %d", (int)pid);
}

/* stat's tty_nr as major and minor (0, 0 for none). */
static void tty_of(pid_t pid, unsigned *major, unsigned *minor)
{
	long nr = stat_field(pid, 7);

	ck_assert_int_ge(nr, 0);
	*major = (unsigned)(nr >> 8) & 0xfffu;
	*minor = ((unsigned)nr & 0xffu) | (((unsigned)nr >> 12) & 0xfff00u);
}

/* "/dev/pts/N" of a Unix 98 pty from stat's tty_nr; "" when it has none. */
static void pts_of(pid_t pid, char *buf, size_t len)
{
	unsigned major, minor;

	tty_of(pid, &major, &minor);
	if (major == 0 && minor == 0)
		snprintf(buf, len, "%s", "");
	else {
		ck_assert_msg(major >= 136 && major <= 143, "tty %u:%u is not a pty", major, minor);
		snprintf(buf, len, "/dev/pts/%u", (major - 136) * 256 + minor);
	}
}

/* Is pid this process or one of its ancestors? */
static bool is_our_ancestor(pid_t pid)
{
	for (pid_t p = getpid(); p > 0; p = (pid_t)stat_field(p, 4))
		if (p == pid)
			return true;
	return false;
}

/* The new parent the session's reparent event names for pid, 0 if none. */
static pid_t reparent_to(const Session *s, pid_t pid)
{
	const Event *ev = find_event(s, EV_REPARENT, pid);

	return ev != NULL ? ev->ppid : 0;
}

/* ---- what forkscope prints for a process at this instant ---------------- */

static int pid_as_is(void *ctx, pid_t pid)
{
	(void)ctx;
	return pid;
}

/* The batch tree row of pid ("  pid 4321 ppid ... made-by ..."), read now. */
static void batch_row(const Run *run, pid_t pid, char *buf, size_t len)
{
	const ProcRecord *r = Session_find_const(run->session, pid);
	ProcState ps;
	char *text = NULL, *nl;
	size_t tlen = 0;
	FILE *out;

	ck_assert_ptr_nonnull(r);
	ck_assert_ptr_nonnull(out = open_memstream(&text, &tlen));
	ProcState_read(&ps, r);
	ProcState_print_text(out, &ps, pid_as_is, NULL);
	ProcState_done(&ps);
	fclose(out);
	if ((nl = strchr(text, '\n')) != NULL)
		*nl = '\0';
	snprintf(buf, len, "%s", text);
	free(text);
}

/* A cell of pid's row in the tree, as the screen draws it (no --stable). */
static void tree_text(const Run *run, pid_t pid, TreeCol col, char *buf, size_t len)
{
	const ProcRecord *r = Session_find_const(run->session, pid);
	StableIds ids;
	TreeRowContext ctx = { .g = glyphs_get(true), .ids = &ids, .stepped = true, .step = run->step };
	TreeRow row = { 0 };

	ck_assert_ptr_nonnull(r);
	StableIds_init(&ids, false, getpid(), "");
	tree_cell(&ctx, r, &row, col, buf, len);
	StableIds_done(&ids);
}

/* The batch row and the tree's command cell both carry want. */
static void shown(const Run *run, pid_t pid, const char *want)
{
	char row[1024], cell[512];

	batch_row(run, pid, row, sizeof row);
	ck_assert_msg(strstr(row, want) != NULL, "batch row of %d lacks '%s': %s", (int)pid, want, row);
	tree_text(run, pid, TCOL_COMMAND, cell, sizeof cell);
	ck_assert_msg(strstr(cell, want) != NULL, "tree row of %d lacks '%s': %s", (int)pid, want, cell);
}

/* Does text give a thread count ("threads 3")? The command itself may say
 * "threads-fork". */
static bool has_thread_count(const char *text)
{
	for (const char *at = text; (at = strstr(at, "threads ")) != NULL; at++)
		if (at[8] >= '0' && at[8] <= '9')
			return true;
	return false;
}

/* Neither the batch row nor the tree gives pid a thread count. */
static void no_thread_count_shown(const Run *run, pid_t pid)
{
	char row[1024], cell[512];

	batch_row(run, pid, row, sizeof row);
	ck_assert_msg(!has_thread_count(row), "batch row of %d: %s", (int)pid, row);
	tree_text(run, pid, TCOL_COMMAND, cell, sizeof cell);
	ck_assert_msg(!has_thread_count(cell), "tree row of %d: %s", (int)pid, cell);
}

/* The tree's TTY column and the batch row's "tty X" say what stat says. */
static void tty_shown(const Run *run, pid_t pid)
{
	char pts[64], want[80], row[1024], cell[64];

	pts_of(pid, pts, sizeof pts);
	snprintf(want, sizeof want, " tty %s ", pts[0] ? pts + strlen("/dev/") : "-");
	batch_row(run, pid, row, sizeof row);
	ck_assert_msg(strstr(row, want) != NULL, "batch row of %d lacks '%s': %s", (int)pid, want, row);
	tree_text(run, pid, TCOL_TTY, cell, sizeof cell);
	ck_assert_str_eq(cell, pts[0] ? pts + strlen("/dev/") : "-");
}

/* ---- threads-fork --------------------------------------------------------- */

/* Where the helper's m is: its worker's report says "(m at 0x...)". */
static unsigned long mutex_address(const Run *run)
{
	const Event *ev = nth_api(run->session, run->root, "mutex_lock", 0);
	const char *at;
	unsigned long addr = 0;

	ck_assert_ptr_nonnull(ev);
	ck_assert_ptr_nonnull(at = strstr(ev->detail, "(m at "));
	ck_assert_int_eq(sscanf(at + 6, "%lx", &addr), 1);
	return addr;
}

/* The n-th thread the kernel says pid started (the tracer's thread event). */
static pid_t nth_thread(const Session *s, pid_t pid, int n)
{
	for (size_t i = 0; i < s->nevents; i++)
		if (s->events[i].kind == EV_THREAD && s->events[i].ppid == pid && n-- == 0)
			return s->events[i].pid;
	return 0;
}

static void verify_threads_fork(Run *run)
{
	const Session *s = run->session;
	unsigned long m_addr = mutex_address(run);
	pid_t worker = nth_thread(s, run->root, 0), idle = nth_thread(s, run->root, 1);
	pid_t child, tids[8];
	pthread_mutex_t m;

	switch (run->step) {
	case 1: /* three threads of one process: one pid, one memory, one FD table */
		ck_assert_int_eq(threads_of(run->root), 3);
		ck_assert_int_eq(tasks_of(run->root, tids, 8), 3);
		ck_assert_int_gt(worker, 0);
		ck_assert_int_gt(idle, 0);
		for (int i = 0; i < 2; i++) {
			pid_t t = i == 0 ? worker : idle;
			ck_assert(task_exists(run->root, t));
			ck_assert_int_eq(task_status_number(run->root, t, "Tgid"), run->root); /* CLONE_THREAD */
			ck_assert_int_eq(syscall(SYS_kcmp, run->root, t, KCMP_VM, 0, 0), 0);    /* CLONE_VM */
			ck_assert_int_eq(syscall(SYS_kcmp, run->root, t, KCMP_FILES, 0, 0), 0); /* CLONE_FILES */
		}
		ck_assert_int_eq(nth_child(s, run->root, 0), 0); /* no process was made */
		m = mutex_in(run->root, m_addr);
		ck_assert_int_ne(m.__data.__lock, 0);
		ck_assert_int_eq(m.__data.__owner, worker);
		shown(run, run->root, "threads 3");
		break;
	case 2: /* the child: one thread; its m locked by a thread it does not have */
		child = nth_child(s, run->root, 0);
		ck_assert_int_eq(child, run->pid);
		ck_assert_int_eq(threads_of(child), 1);
		ck_assert_int_eq(tasks_of(child, tids, 8), 1);
		ck_assert_int_eq(tids[0], child);
		ck_assert(!task_exists(child, worker));
		ck_assert_int_ne(syscall(SYS_kcmp, run->root, child, KCMP_VM, 0, 0), 0);
		m = mutex_in(child, m_addr);
		ck_assert_int_ne(m.__data.__lock, 0);
		ck_assert_int_eq(m.__data.__owner, worker);
		ck_assert_int_eq(threads_of(run->root), 3);
		shown(run, run->root, "threads 3");
		no_thread_count_shown(run, child);
		run->saved[0] = child;
		break;
	case 3: /* fork waits in prepare: the main thread blocked on m, no child yet */
		ck_assert(!proc_exists(run->saved[0]));
		ck_assert_int_eq(nth_child(s, run->root, 1), 0);
		ck_assert_msg(wait_task_in_syscall(run->root, run->root, SYS_futex),
			      "the main thread is not waiting in futex");
		ck_assert_int_eq(run->pid, run->root); /* announced by the worker thread */
		m = mutex_in(run->root, m_addr);
		ck_assert_int_eq(m.__data.__owner, worker);
		ck_assert_int_eq(m.__data.__lock, 2); /* locked, with a waiter */
		ck_assert_int_eq(threads_of(run->root), 3);
		break;
	case 4: /* the second child owns its copy of m: usable */
		child = nth_child(s, run->root, 1);
		ck_assert_int_eq(child, run->pid);
		ck_assert_int_eq(threads_of(child), 1);
		m = mutex_in(child, m_addr);
		ck_assert_int_ne(m.__data.__lock, 0);
		ck_assert_int_eq(m.__data.__owner, child);
		/* in the parent, the handlers let it go again */
		m = mutex_in(run->root, m_addr);
		ck_assert_int_eq(m.__data.__lock, 0);
		no_thread_count_shown(run, child);
		run->saved[1] = child;
		break;
	case 5:
		assert_all_gone(run, 2);
		break;
	}
}

START_TEST(test_threads_fork)
{
	run_scenario("threads-fork", NULL, NULL, verify_threads_fork);
}
END_TEST

/* ---- daemon --------------------------------------------------------------- */

static void verify_daemon(Run *run)
{
	const Session *s = run->session;
	pid_t session = nth_child(s, run->root, 0);
	pid_t middle = nth_child(s, session, 0);
	pid_t daemon = nth_child(s, middle, 0), adopter;
	char pts[64], other[64], link[256];
	int we_subreap = 0;
	char state;

	switch (run->step) {
	case 1: /* a session with the demo's terminal; the first fork inside it */
		ck_assert_int_eq(stat_field(session, 6), session); /* session leader */
		ck_assert_int_eq(stat_field(session, 5), session); /* group leader: setsid fails */
		pts_of(session, pts, sizeof pts);
		ck_assert_msg(pts[0] != '\0', "the session has no controlling terminal");
		/* the terminal is the demo's own, not forkscope's */
		ck_assert_int_eq(count_fds_with_target(run->root, "/dev/ptmx"), 2);
		ck_assert_int_ge(fd_containing(session, 0, pts), 0);
		pts_of(run->root, other, sizeof other);
		ck_assert_str_ne(other, pts);
		ck_assert_int_eq(stat_field(middle, 5), session);
		ck_assert_int_eq(stat_field(middle, 6), session);
		pts_of(middle, other, sizeof other);
		ck_assert_str_eq(other, pts);
		ck_assert_int_lt(fd_containing(middle, 0, "/dev/pts/"), 0); /* a terminal, no FD */
		tty_shown(run, session);
		tty_shown(run, middle);
		break;
	case 2: /* setsid: new session and group, no terminal */
		ck_assert_int_eq(stat_field(middle, 6), middle);
		ck_assert_int_eq(stat_field(middle, 5), middle);
		ck_assert_int_eq(stat_field(middle, 7), 0);
		tty_shown(run, middle);
		break;
	case 3: /* the daemon: an orphan in a session it does not lead */
		ck_assert_int_gt(daemon, 0);
		ck_assert(!proc_exists(middle));
		adopter = (pid_t)stat_field(daemon, 4);
		ck_assert_int_ne(adopter, middle);
		ck_assert_msg(adopter == 1 || is_our_ancestor(adopter),
			      "daemon adopted by %d, neither init nor a subreaper above us", (int)adopter);
		ck_assert_int_eq(reparent_to(s, daemon), adopter);
		prctl(PR_GET_CHILD_SUBREAPER, &we_subreap);
		if (we_subreap)
			ck_assert_int_eq(adopter, getpid());
		ck_assert_int_eq(stat_field(daemon, 6), middle);
		ck_assert_int_eq(stat_field(daemon, 5), middle);
		ck_assert_int_eq(stat_field(daemon, 7), 0);
		tty_shown(run, daemon);
		run->saved[0] = daemon;
		break;
	case 4: /* the daemon opened a free terminal, and did not get it */
		ck_assert_int_eq(run->pid, daemon);
		proc_link(daemon, "cwd", link, sizeof link);
		ck_assert_str_eq(link, "/");
		for (int fd = 0; fd <= 2; fd++) {
			fd_target(daemon, fd, link, sizeof link);
			ck_assert_str_eq(link, "/dev/null");
		}
		/* a terminal of the demo's (the helper holds its master), not the
		 * session's: no session has it, a session leader would get it */
		fd_target(daemon, 3, link, sizeof link);
		ck_assert_msg(strncmp(link, "/dev/pts/", 9) == 0, "fd 3 is %s", link);
		pts_of(session, pts, sizeof pts);
		ck_assert_str_ne(link, pts);
		pts_of(run->root, pts, sizeof pts);
		ck_assert_str_ne(link, pts);
		ck_assert_int_eq(count_fds_with_target(run->root, "/dev/ptmx"), 2);
		ck_assert_int_eq(stat_field(daemon, 7), 0);
		ck_assert_int_ne(stat_field(daemon, 6), daemon);
		status_line(daemon, "Umask", link, sizeof link);
		ck_assert_int_eq(strtol(link, NULL, 8), 0);
		tty_shown(run, daemon);
		break;
	case 5: /* let go: exited, reaped by its adopter or about to be */
		state = wait_state(run->saved[0], "Z");
		ck_assert_msg(state == 0 || state == 'Z', "daemon in state %c", state);
		if (state == 'Z' && stat_field(run->saved[0], 4) == getpid())
			waitpid(run->saved[0], NULL, 0);
		break;
	}
}

START_TEST(test_daemon)
{
	run_scenario("daemon", NULL, NULL, verify_daemon);
}
END_TEST

/* ---- pid-namespace -------------------------------------------------------- */

/* Has the helper said it could not make a namespace? Only where that is
 * true: as root it always can. */
static bool no_namespace(const Run *run)
{
	bool none = nth_note(run->session, "no pid namespace", 0) != NULL;

	ck_assert_msg(!none || geteuid() != 0, "root could not make a pid namespace");
	return none;
}

/* pid is in a child namespace where its number is inner; returns the
 * namespace (ns/pid) in ns. */
static void assert_nspid(const Run *run, pid_t pid, long inner, char *ns, size_t len)
{
	long nspid[8];
	char self_ns[64], want[64];
	int n = nspid_of(pid, nspid, 8);

	pid_ns_of(pid, ns, len);
	if (no_namespace(run)) {
		ck_assert_int_eq(n, 1);
		return;
	}
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(nspid[0], pid);
	ck_assert_int_eq(nspid[1], inner);
	pid_ns_of(getpid(), self_ns, sizeof self_ns);
	ck_assert_str_ne(ns, self_ns);
	snprintf(want, sizeof want, "nspid %d/%ld", (int)pid, inner);
	shown(run, pid, want);
}

static void assert_killed(const Session *s, pid_t pid, pid_t reaper)
{
	const Event *ev = find_event(s, EV_EXIT, pid);

	ck_assert(!proc_exists(pid));
	ck_assert_msg(ev != NULL, "no exit event for %d", (int)pid);
	ck_assert_msg(WIFSIGNALED(ev->status) && WTERMSIG(ev->status) == SIGKILL,
		      "%d ended with status 0x%x, not SIGKILL", (int)pid, (unsigned)ev->status);
	ev = find_event(s, EV_REAP, pid);
	ck_assert_msg(ev != NULL && ev->ppid == reaper, "%d not reaped by %d", (int)pid, (int)reaper);
}

static void verify_pid_namespace(Run *run)
{
	const Session *s = run->session;
	pid_t init = nth_child(s, run->root, 0);
	pid_t maker = nth_child(s, init, 0), sleeper = nth_child(s, init, 1);
	pid_t orphan = nth_child(s, maker, 0);
	char ns[64], other[64];

	switch (run->step) {
	case 1: /* pid 1 of a new namespace, its parent's child outside */
		ck_assert_int_eq(stat_field(init, 4), run->root);
		assert_nspid(run, init, 1, ns, sizeof ns);
		pid_ns_of(run->root, other, sizeof other);
		if (!no_namespace(run))
			ck_assert_str_ne(ns, other);
		break;
	case 2: /* its children: 2 and 3 inside, in the same namespace */
		assert_nspid(run, init, 1, ns, sizeof ns);
		assert_nspid(run, maker, 2, other, sizeof other);
		ck_assert_str_eq(other, ns);
		assert_nspid(run, sleeper, 3, other, sizeof other);
		ck_assert_str_eq(other, ns);
		ck_assert_int_eq(stat_field(maker, 4), init);
		ck_assert_int_eq(stat_field(sleeper, 4), init);
		break;
	case 3: /* the orphan, pid 4, adopted by the namespace's init */
		ck_assert(!proc_exists(maker));
		ck_assert_int_gt(orphan, 0);
		assert_nspid(run, orphan, 4, ns, sizeof ns);
		if (no_namespace(run))
			break;
		ck_assert_int_eq(stat_field(orphan, 4), init);
		ck_assert_int_eq(reparent_to(s, orphan), init);
		pid_ns_of(init, other, sizeof other);
		ck_assert_str_eq(other, ns);
		run->saved[0] = sleeper;
		run->saved[1] = orphan;
		break;
	case 4: /* init exited: the kernel killed the rest, and init reaped them */
		ck_assert(!proc_exists(init));
		if (no_namespace(run))
			break;
		assert_killed(s, sleeper, init);
		assert_killed(s, orphan, init);
		ck_assert_int_eq(WEXITSTATUS(find_event(s, EV_EXIT, init)->status), 0);
		break;
	case 5:
		assert_all_gone(run, 2);
		break;
	}
}

START_TEST(test_pid_namespace)
{
	run_scenario("pid-namespace", NULL, NULL, verify_pid_namespace);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("scenarios_ns");
	TCase *tc = tcase_create("kernel");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_threads_fork);
	tcase_add_test(tc, test_daemon);
	tcase_add_test(tc, test_pid_namespace);
	suite_add_tcase(su, tc);
	sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
