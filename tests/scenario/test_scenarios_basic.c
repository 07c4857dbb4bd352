/*
 * Kernel truth for the scenarios fork, fork-exec, exec-family, cloexec,
 * vfork, cow, system, popen and zombie-orphan: each one is run through the
 * helper and the tracer (the Runner), and at every step boundary the test
 * reads /proc itself (stat, status, fd/, fdinfo/, environ, exe, maps,
 * smaps, pagemap, syscall) and the tracer's events in the session, and
 * asserts the effect the scenario exists to show. The helper's API reports
 * are used only to learn an address or to tell which call a step made,
 * never as the evidence.
 *
 * The readers below are deliberately independent of src/probe: the point
 * is what the kernel says, read the plainest way.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/kcmp.h>
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
#include "model/session.h"
#include "scenario/catalog.h"
#include "scenario/runner.h"
#include "spawn_truth.h"

/* ---- /proc, read directly ---------------------------------------------- */

/* stat's fields after the command name, which may hold ')' itself. */
static const char *stat_after_comm(pid_t pid, char *buf, size_t len)
{
	char *paren;

	if (proc_read(pid, "stat", buf, len) <= 0 || (paren = strrchr(buf, ')')) == NULL)
		return NULL;
	return paren + 2;
}

static pid_t proc_ppid(pid_t pid)
{
	char buf[1024];
	const char *rest = stat_after_comm(pid, buf, sizeof buf);
	int ppid = -1;

	if (rest != NULL)
		sscanf(rest + 2, "%d", &ppid);
	return ppid;
}

static bool exe_named(pid_t pid, const char *base)
{
	char exe[4096];
	const char *slash;

	proc_link(pid, "exe", exe, sizeof exe);
	slash = strrchr(exe, '/');
	return slash != NULL && strcmp(slash + 1, base) == 0;
}

/* The lowest FD of pid whose link reads target exactly, or -1. */
static int fd_with_target(pid_t pid, const char *target)
{
	char link[4096];

	for (int fd = 0; fd < 1024; fd++) {
		fd_target(pid, fd, link, sizeof link);
		if (strcmp(link, target) == 0)
			return fd;
	}
	return -1;
}

/* fdinfo's flags: the O_* bits of the open file plus O_CLOEXEC of the FD. */
static unsigned fd_flags(pid_t pid, int fd)
{
	char name[32], buf[1024];
	const char *at;
	unsigned flags = 0;

	snprintf(name, sizeof name, "fdinfo/%d", fd);
	ck_assert_int_gt(proc_read(pid, name, buf, sizeof buf), 0);
	ck_assert_ptr_nonnull(at = strstr(buf, "flags:"));
	sscanf(at + 6, "%o", &flags);
	return flags;
}

/* Counts environ entries; *found tells whether entry is one of them. */
static int environ_count(pid_t pid, const char *entry, bool *found)
{
	static char buf[1 << 17];
	ssize_t len = proc_read(pid, "environ", buf, sizeof buf);
	int n = 0;

	ck_assert_int_ge(len, 0);
	*found = false;
	for (ssize_t i = 0; i < len; i += (ssize_t)strlen(buf + i) + 1) {
		n++;
		*found = *found || strcmp(buf + i, entry) == 0;
	}
	return n;
}

static bool environ_has(pid_t pid, const char *entry)
{
	bool found;

	environ_count(pid, entry, &found);
	return found;
}

/* The system call pid is blocked in; -1 when running or not in one. */
static long proc_syscall(pid_t pid)
{
	char buf[512];
	long nr = -1;

	if (proc_read(pid, "syscall", buf, sizeof buf) <= 0 || sscanf(buf, "%ld", &nr) != 1)
		return -1;
	return nr;
}

/* Pages of [addr, addr + npages pages) that pagemap says are present and
 * mapped by this process alone (bit 56: exclusive, readable without root). */
static size_t pages_exclusive(pid_t pid, unsigned long addr, size_t npages)
{
	long page = sysconf(_SC_PAGESIZE);
	uint64_t entries[512];
	size_t exclusive = 0;
	char path[64];
	int fd;

	snprintf(path, sizeof path, "/proc/%d/pagemap", (int)pid);
	ck_assert_int_ge(fd = open(path, O_RDONLY | O_CLOEXEC), 0);
	for (size_t done = 0; done < npages;) {
		size_t chunk = npages - done < 512 ? npages - done : 512;
		off_t off = (off_t)((addr / (unsigned long)page + done) * sizeof(uint64_t));
		ssize_t n = pread(fd, entries, chunk * sizeof(uint64_t), off);

		ck_assert_int_eq(n, (ssize_t)(chunk * sizeof(uint64_t)));
		for (size_t i = 0; i < chunk; i++)
			exclusive += (entries[i] >> 63 & 1) && (entries[i] >> 56 & 1);
		done += chunk;
	}
	close(fd);
	return exclusive;
}

/* A field (kB) of the smaps entry of the mapping that starts at addr. */
static long smaps_kb_at(pid_t pid, unsigned long addr, const char *field)
{
	static char buf[1 << 20];
	char head[32], key[32];
	const char *at;
	long kb = -1;

	/* A newline before the first line too: every entry starts "\naddr-". */
	buf[0] = '\n';
	ck_assert_int_gt(proc_read(pid, "smaps", buf + 1, sizeof buf - 1), 0);
	snprintf(head, sizeof head, "\n%lx-", addr);
	at = strstr(buf, head);
	ck_assert_msg(at != NULL, "no mapping at %lx in /proc/%d/smaps", addr, (int)pid);
	snprintf(key, sizeof key, "\n%s:", field);
	ck_assert_ptr_nonnull(at = strstr(at + 1, key));
	sscanf(at + strlen(key), "%ld", &kb);
	return kb;
}

/* Waits (up to 30 s: a loaded machine, a sanitizer build) until pid is
 * blocked in system call nr. */
static bool wait_in_syscall(pid_t pid, long nr)
{
	uint64_t until = clock_now_us() + 30000000u;

	while (clock_now_us() < until) {
		if (proc_syscall(pid) == nr && proc_state(pid) == 'S')
			return true;
		nanosleep(&(struct timespec){ .tv_nsec = 1000000 }, NULL);
	}
	return false;
}

/* ---- the session's events (the tracer's word, and the helper's) -------- */

static bool has_event(const Session *s, EventKind kind, pid_t pid)
{
	for (size_t i = 0; i < s->nevents; i++)
		if (s->events[i].kind == kind && s->events[i].pid == pid)
			return true;
	return false;
}

/* The helper's report of an API call made by pid. */
static const Event *api_report(const Session *s, pid_t pid, const char *api)
{
	for (size_t i = 0; i < s->nevents; i++)
		if (s->events[i].kind == EV_API && s->events[i].pid == pid &&
		    strcmp(s->events[i].api, api) == 0)
			return &s->events[i];
	return NULL;
}

/* ---- running a scenario ------------------------------------------------ */

/* The address of the region the helper mapped (its mmap report). */
static unsigned long region_of(const Run *run)
{
	const Event *ev = api_report(run->session, run->root, "mmap");

	ck_assert_ptr_nonnull(ev);
	ck_assert_int_gt(ev->ret, 0);
	return (unsigned long)ev->ret;
}

static size_t region_pages(long mib)
{
	return (size_t)(mib << 20) / (size_t)sysconf(_SC_PAGESIZE);
}

static long page_kb(void)
{
	return sysconf(_SC_PAGESIZE) / 1024;
}

/* ---- fork ---------------------------------------------------------------- */

enum { FORK_MIB = 4 };

static void verify_fork(Run *run)
{
	unsigned long region = region_of(run);
	size_t n = region_pages(FORK_MIB);
	pid_t child;

	switch (run->step) {
	case 1: /* the parent alone: its pages are its own */
		ck_assert_uint_eq(pages_exclusive(run->root, region, n), n);
		ck_assert_int_eq(smaps_kb_at(run->root, region, "Private_Dirty"), FORK_MIB * 1024);
		break;
	case 2: /* right after fork: every page of the region shared */
		child = run->pid;
		ck_assert_int_eq(nth_child(run->session, run->root, 0), child);
		ck_assert_int_eq(proc_ppid(child), run->root);
		ck_assert_uint_eq(pages_exclusive(child, region, n), 0);
		ck_assert_uint_eq(pages_exclusive(run->root, region, n), 0);
		ck_assert_int_eq(smaps_kb_at(child, region, "Shared_Dirty"), FORK_MIB * 1024);
		ck_assert_int_eq(smaps_kb_at(child, region, "Private_Dirty"), 0);
		run->saved[0] = child;
		break;
	case 3: /* reaped: gone, and the parent's pages exclusive again */
		ck_assert(!proc_exists(run->saved[0]));
		ck_assert(has_event(run->session, EV_EXIT, run->saved[0]));
		ck_assert_uint_eq(pages_exclusive(run->root, region, n), n);
		break;
	}
}

START_TEST(test_fork)
{
	run_scenario("fork", (const char *const[]){ "size=4", NULL }, NULL, verify_fork);
}
END_TEST

/* ---- fork-exec ------------------------------------------------------------ */

static void verify_fork_exec(Run *run)
{
	char helper[4096], maps[1 << 16];

	switch (run->step) {
	case 1: /* the parent: FD 3 kept at exec, FD 4 closed; one signal caught, one ignored */
		ck_assert_int_eq(fd_with_target(run->root, "/etc/passwd"), 3);
		ck_assert_int_eq(fd_with_target(run->root, "/etc/group"), 4);
		ck_assert(!(fd_flags(run->root, 3) & O_CLOEXEC));
		ck_assert(fd_flags(run->root, 4) & O_CLOEXEC);
		ck_assert(has_signal(proc_sigset(run->root, "SigCgt"), SIGUSR1));
		ck_assert(has_signal(proc_sigset(run->root, "SigIgn"), SIGUSR2));
		break;
	case 2: /* the copy: both FDs, the handler, the ignored signal */
		run->saved[0] = run->pid;
		ck_assert_int_eq(proc_ppid(run->pid), run->root);
		ck_assert_int_ge(fd_with_target(run->pid, "/etc/passwd"), 0);
		ck_assert_int_ge(fd_with_target(run->pid, "/etc/group"), 0);
		ck_assert(has_signal(proc_sigset(run->pid, "SigCgt"), SIGUSR1));
		ck_assert(has_signal(proc_sigset(run->pid, "SigIgn"), SIGUSR2));
		break;
	case 3: /* held at exec of ls: same process, new program */
		ck_assert_int_eq(run->pid, run->saved[0]);
		ck_assert(has_event(run->session, EV_EXEC, run->pid));
		ck_assert(exe_named(run->pid, "ls"));
		ck_assert_int_eq(proc_ppid(run->pid), run->root);
		proc_link(run->root, "exe", helper, sizeof helper);
		ck_assert_int_gt(proc_read(run->pid, "maps", maps, sizeof maps), 0);
		ck_assert_msg(strstr(maps, helper) == NULL, "the helper is still mapped after exec");
		ck_assert_int_ge(fd_with_target(run->pid, "/etc/passwd"), 0);
		ck_assert_int_eq(fd_with_target(run->pid, "/etc/group"), -1);
		ck_assert(!has_signal(proc_sigset(run->pid, "SigCgt"), SIGUSR1));
		ck_assert(has_signal(proc_sigset(run->pid, "SigIgn"), SIGUSR2));
		break;
	case 4:
		ck_assert(!proc_exists(run->saved[0]));
		ck_assert(has_signal(proc_sigset(run->root, "SigCgt"), SIGUSR1));
		break;
	}
}

START_TEST(test_fork_exec)
{
	run_scenario("fork-exec", NULL, NULL, verify_fork_exec);
}
END_TEST

/* ---- exec-family ---------------------------------------------------------- */

static void verify_exec_family(Run *run)
{
	char helper[4096], exe[4096];
	const Event *execl_report;
	bool found;

	if (run->step > 9)
		return;
	/* Every step's process is a child the kernel saw the helper make. */
	ck_assert_int_eq(nth_child(run->session, run->root, run->step - 1), run->pid);
	ck_assert_int_eq(proc_ppid(run->pid), run->root);
	if (run->step == 2) {
		/* execl("true") with a bare name did not exec: still the helper */
		proc_link(run->root, "exe", helper, sizeof helper);
		proc_link(run->pid, "exe", exe, sizeof exe);
		ck_assert_str_eq(exe, helper);
		ck_assert(!has_event(run->session, EV_EXEC, run->pid));
		execl_report = api_report(run->session, run->pid, "execl");
		ck_assert_ptr_nonnull(execl_report);
		ck_assert_int_eq(execl_report->err, ENOENT);
		proc_link(run->pid, "cwd", exe, sizeof exe); /* "true" was looked for in / */
		ck_assert_str_eq(exe, "/");
		return;
	}
	/* The others exec'd true, found by path or through PATH (step 3: execlp). */
	ck_assert(has_event(run->session, EV_EXEC, run->pid));
	ck_assert(exe_named(run->pid, "true"));
	switch (run->step) {
	case 4: /* execle */
	case 7: /* execve */
		ck_assert_int_eq(environ_count(run->pid, "FORKSCOPE_LESSON=passed-by-the-caller", &found), 2);
		ck_assert(found);
		break;
	default: /* the parent's environment, inherited */
		ck_assert(environ_has(run->pid, "FORKSCOPE_LESSON=inherited-from-the-parent"));
		break;
	}
	if (run->step == 8 || run->step == 9) { /* the O_CLOEXEC FD 3 that named the program */
		fd_target(run->pid, 3, exe, sizeof exe);
		ck_assert_str_eq(exe, "");
	}
}

START_TEST(test_exec_family)
{
	run_scenario("exec-family", NULL, NULL, verify_exec_family);
}
END_TEST

/* ---- cloexec ------------------------------------------------------------- */

static void verify_cloexec(Run *run)
{
	int group, dir, passwd;

	switch (run->step) {
	case 1:
	case 2: /* the parent, then its fork child: all three, flags as set */
	case 4:
		group = fd_with_target(run->pid, "/etc/group");
		dir = fd_with_target(run->pid, "/etc");
		passwd = fd_with_target(run->pid, "/etc/passwd");
		ck_assert(group >= 0 && dir >= 0 && passwd >= 0);
		ck_assert(fd_flags(run->pid, group) & O_CLOEXEC);
		ck_assert(fd_flags(run->pid, dir) & O_CLOEXEC);
		ck_assert(!(fd_flags(run->pid, passwd) & O_CLOEXEC));
		if (run->step == 2)
			run->saved[0] = run->pid;
		break;
	case 3: /* held at exec of ls: the two close-on-exec FDs are gone */
		ck_assert_int_eq(run->pid, run->saved[0]);
		ck_assert(exe_named(run->pid, "ls"));
		ck_assert_int_eq(fd_with_target(run->pid, "/etc/group"), -1);
		ck_assert_int_eq(fd_with_target(run->pid, "/etc"), -1);
		ck_assert_int_ge(fd_with_target(run->pid, "/etc/passwd"), 0);
		break;
	}
}

START_TEST(test_cloexec)
{
	run_scenario("cloexec", NULL, NULL, verify_cloexec);
}
END_TEST

/* ---- vfork ---------------------------------------------------------------- */

enum { VFORK_MIB = 4 };

#ifdef SYS_vfork
#define VFORK_SYSCALL SYS_vfork
#else
#define VFORK_SYSCALL SYS_clone /* glibc's vfork where there is no vfork call */
#endif

static long same_vm(pid_t a, pid_t b)
{
	return syscall(SYS_kcmp, a, b, KCMP_VM, 0, 0);
}

static void verify_vfork(Run *run)
{
	unsigned long region = region_of(run);
	size_t n = region_pages(VFORK_MIB);
	char state;

	switch (run->step) {
	case 1: /* the child runs in the parent's memory; the parent is stopped in vfork */
		ck_assert_int_eq(nth_child(run->session, run->root, 0), run->pid);
		ck_assert(has_event(run->session, EV_VFORK, run->pid));
		/* the caption's D: the killable sleep of vfork, once the tracer let the
		 * parent go on from its vfork stop (t) */
		state = wait_state(run->root, "D");
		ck_assert_msg(state == 'D', "vfork parent in state %c", state);
		ck_assert_int_eq(proc_syscall(run->root), VFORK_SYSCALL);
		ck_assert(!has_event(run->session, EV_VFORK_DONE, run->root));
		ck_assert_int_eq(same_vm(run->root, run->pid), 0);
		/* one address space: the pages are still mapped once, not shared */
		ck_assert_uint_eq(pages_exclusive(run->pid, region, n), n);
		ck_assert_uint_eq(pages_exclusive(run->root, region, n), n);
		run->saved[0] = run->pid;
		break;
	case 2: /* held at exec: a memory of its own; the parent released, in waitpid */
		ck_assert_int_eq(run->pid, run->saved[0]);
		ck_assert(exe_named(run->pid, "true"));
		ck_assert_int_ne(same_vm(run->root, run->pid), 0);
		ck_assert(has_event(run->session, EV_VFORK_DONE, run->root));
		ck_assert(wait_in_syscall(run->root, SYS_wait4));
		break;
	case 3: /* reaped: the parent's region was never copied nor shared */
		ck_assert(!proc_exists(run->saved[0]));
		ck_assert_uint_eq(pages_exclusive(run->root, region, n), n);
		break;
	case 4: /* the exec released the parent: the kernel's vfork-done */
		ck_assert(has_event(run->session, EV_VFORK_DONE, run->root));
		ck_assert(!proc_exists(run->saved[0]));
		break;
	}
}

START_TEST(test_vfork)
{
	run_scenario("vfork", (const char *const[]){ "size=4", NULL }, NULL, verify_vfork);
}
END_TEST

/* ---- cow ---------------------------------------------------------------- */

enum { COW_MIB = 8 };

static void verify_cow(Run *run)
{
	unsigned long region = region_of(run);
	size_t n = region_pages(COW_MIB), copied;

	if (run->step == 1) {
		ck_assert_uint_eq(pages_exclusive(run->root, region, n), n);
		ck_assert_int_eq(smaps_kb_at(run->root, region, "Private_Dirty"), COW_MIB * 1024);
		return;
	}
	if (run->step > 6)
		return;
	/* Steps 2..6: the child after writing 0, 1/4 ... 4/4 of the pages. */
	copied = n * (size_t)(run->step - 2) / 4;
	ck_assert_int_eq(proc_ppid(run->pid), run->root);
	ck_assert_uint_eq(pages_exclusive(run->pid, region, n), copied);
	ck_assert_uint_eq(pages_exclusive(run->root, region, n), copied);
	ck_assert_int_eq(smaps_kb_at(run->pid, region, "Private_Dirty"), (long)copied * page_kb());
	ck_assert_int_eq(smaps_kb_at(run->pid, region, "Shared_Dirty"), (long)(n - copied) * page_kb());
}

START_TEST(test_cow)
{
	run_scenario("cow", (const char *const[]){ "size=8", NULL }, NULL, verify_cow);
}
END_TEST

/* ---- system --------------------------------------------------------------- */

static void assert_signals_as_before(pid_t pid)
{
	ck_assert(!has_signal(proc_sigset(pid, "SigBlk"), SIGCHLD));
	ck_assert(!has_signal(proc_sigset(pid, "SigIgn"), SIGINT));
	ck_assert(!has_signal(proc_sigset(pid, "SigIgn"), SIGQUIT));
	ck_assert(has_signal(proc_sigset(pid, "SigCgt"), SIGINT));
}

static void verify_system(Run *run)
{
	char cmdline[4096];
	pid_t shell;

	switch (run->step) {
	case 1:
	case 3:
		assert_signals_as_before(run->root);
		break;
	case 2: /* the command runs under sh -c, the caller waits with its mask changed */
		shell = proc_ppid(run->pid);
		ck_assert_int_eq(proc_ppid(shell), run->root);
		ck_assert(has_event(run->session, EV_EXEC, shell));
		ck_assert_int_gt(proc_read(shell, "cmdline", cmdline, sizeof cmdline), 0);
		ck_assert_str_eq(cmdline, "sh");
		ck_assert_str_eq(cmdline + 3, "-c");
		ck_assert(has_signal(proc_sigset(run->root, "SigBlk"), SIGCHLD));
		ck_assert(has_signal(proc_sigset(run->root, "SigIgn"), SIGINT));
		ck_assert(has_signal(proc_sigset(run->root, "SigIgn"), SIGQUIT));
		ck_assert(wait_in_syscall(run->root, SYS_wait4));
		/* the command itself has the original mask and SIGINT not ignored */
		ck_assert(!has_signal(proc_sigset(run->pid, "SigBlk"), SIGCHLD));
		ck_assert(!has_signal(proc_sigset(run->pid, "SigIgn"), SIGINT));
		break;
	}
}

START_TEST(test_system)
{
	run_scenario("system", NULL, NULL, verify_system);
}
END_TEST

/* The demo's step 1 is a process nothing was done to but catching SIGINT:
 * whatever its launcher ignored or blocked, nothing is ignored or blocked. */
static void verify_system_clean_start(Run *run)
{
	if (run->step == 1) {
		ck_assert_uint_eq(proc_sigset(run->root, "SigIgn"), 0);
		ck_assert_uint_eq(proc_sigset(run->root, "SigBlk"), 0);
		ck_assert_uint_eq(proc_sigset(run->root, "SigCgt"), UINT64_C(1) << (SIGINT - 1));
	}
	verify_system(run);
}

/* Started the way tmux or a job-control shell starts a program: SIGTTIN
 * and SIGTTOU ignored; and with SIGUSR1 blocked. The tracer hands the demo
 * this state (the one forkscope started with); the demo drops it. */
START_TEST(test_system_launcher_signals)
{
	sigset_t block;

	signal(SIGTTIN, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	run_scenario("system", NULL, NULL, verify_system_clean_start);
}
END_TEST

/* ---- popen ---------------------------------------------------------------- */

/* Index in the log of pid's first event of kind (and api, for EV_API) from
 * index from on; -1 if none. */
static long popen_event_at(const Session *s, size_t from, EventKind kind, pid_t pid, const char *api)
{
	for (size_t i = from; i < s->nevents; i++) {
		const Event *ev = &s->events[i];
		if (ev->kind == kind && ev->pid == pid && (api == NULL || strcmp(ev->api, api) == 0))
			return (long)i;
	}
	return -1;
}

static void verify_popen(Run *run)
{
	const Session *s = run->session;
	char pipe_name[256];
	long first, next;
	int fd;

	switch (run->step) {
	case 1: /* the command's stdout is the pipe whose read end the parent holds */
		ck_assert_int_eq(proc_ppid(proc_ppid(run->pid)), run->root);
		fd_target(run->pid, STDOUT_FILENO, pipe_name, sizeof pipe_name);
		ck_assert_msg(strncmp(pipe_name, "pipe:[", 6) == 0, "command's FD 1 is %s", pipe_name);
		fd = fd_with_target(run->root, pipe_name);
		ck_assert_int_ge(fd, 0);
		ck_assert_uint_eq(fd_flags(run->root, fd) & O_ACCMODE, O_RDONLY);
		run->saved[0] = run->pid;
		run->saved[1] = proc_ppid(run->pid);
		break;
	case 2: /* the command reported its first write before it wrote the newline
		 * that let the parent's fgets return: the log has them in that order */
		first = popen_event_at(s, 0, EV_API, run->saved[0], "write");
		next = popen_event_at(s, 0, EV_API, run->root, "fgets");
		ck_assert_int_ge(first, 0);
		ck_assert_int_gt(next, first);
		ck_assert_int_eq(s->events[next].ret, 24); /* the line, newline included */
		break;
	case 3: /* pclose: the pipe closed, shell and command reaped */
		ck_assert(!proc_exists(run->saved[0]));
		ck_assert(!proc_exists(run->saved[1]));
		ck_assert(has_event(run->session, EV_EXIT, run->saved[1]));
		/* end of file only once the shell, which held a write end too, exited */
		first = popen_event_at(s, 0, EV_EXIT, run->saved[1], NULL);
		next = popen_event_at(s, (size_t)popen_event_at(s, 0, EV_API, run->root, "fgets") + 1,
				      EV_API, run->root, "fgets");
		ck_assert_int_ge(first, 0);
		ck_assert_int_gt(next, first);
		ck_assert_int_eq(s->events[next].ret, 0);
		break;
	case 4: /* the command's stdin is the pipe; the parent closed its end and waits */
		fd_target(run->pid, STDIN_FILENO, pipe_name, sizeof pipe_name);
		ck_assert_msg(strncmp(pipe_name, "pipe:[", 6) == 0, "command's FD 0 is %s", pipe_name);
		ck_assert_int_eq(fd_with_target(run->root, pipe_name), -1);
		ck_assert_msg(wait_in_syscall(run->root, SYS_wait4), "pclose is not waiting");
		run->saved[0] = run->pid;
		break;
	case 5:
		ck_assert(!proc_exists(run->saved[0]));
		break;
	}
}

START_TEST(test_popen)
{
	run_scenario("popen", NULL, NULL, verify_popen);
}
END_TEST

/* ---- zombie-orphan -------------------------------------------------------- */

/* Is pid this process or one of its ancestors? */
static bool is_our_ancestor(pid_t pid)
{
	for (pid_t p = getpid(); p > 0; p = proc_ppid(p))
		if (p == pid)
			return true;
	return false;
}

/* The new parent the session's reparent event names for pid, 0 if none. */
static pid_t reparent_to(const Session *s, pid_t pid)
{
	for (size_t i = 0; i < s->nevents; i++)
		if (s->events[i].kind == EV_REPARENT && s->events[i].pid == pid)
			return s->events[i].ppid;
	return 0;
}

static void verify_zombie_orphan(Run *run)
{
	const Session *s = run->session;
	pid_t zombie = nth_child(s, run->root, 0);
	pid_t middle, orphan, adopter;
	int we_subreap = 0;
	char state;

	switch (run->step) {
	case 1:
		ck_assert_int_eq(proc_state(zombie), 'Z');
		break;
	case 2:
		ck_assert(!proc_exists(zombie));
		break;
	case 3: /* adopted by the nearest subreaper or init, both our ancestors */
		middle = nth_child(s, run->root, 1);
		orphan = nth_child(s, middle, 0);
		ck_assert_int_gt(orphan, 0);
		ck_assert(!proc_exists(middle));
		adopter = proc_ppid(orphan);
		ck_assert_int_ne(adopter, middle);
		ck_assert_msg(adopter == 1 || is_our_ancestor(adopter),
			      "orphan adopted by %d, neither init nor a subreaper above us", (int)adopter);
		/* the caption's 'reparented to N' names the kernel's new parent */
		ck_assert_int_eq(reparent_to(s, orphan), adopter);
		/* If this process is a subreaper, it is the nearest one above. */
		prctl(PR_GET_CHILD_SUBREAPER, &we_subreap);
		if (we_subreap)
			ck_assert_int_eq(adopter, getpid());
		break;
	case 4: /* the helper is a subreaper now: the orphan is its child */
		middle = nth_child(s, run->root, 2);
		orphan = nth_child(s, middle, 0);
		ck_assert_int_gt(orphan, 0);
		ck_assert(!proc_exists(middle));
		ck_assert_int_eq(proc_ppid(orphan), run->root);
		ck_assert_int_eq(reparent_to(s, orphan), run->root);
		run->saved[0] = orphan;
		/* the first orphan was let go: exited, a zombie unless its adopter reaped it */
		orphan = nth_child(s, nth_child(s, run->root, 1), 0);
		state = wait_state(orphan, "Z");
		ck_assert_msg(state == 0 || state == 'Z', "first orphan in state %c", state);
		break;
	case 5:
		ck_assert(!proc_exists(run->saved[0]));
		break;
	}
}

START_TEST(test_zombie_orphan)
{
	run_scenario("zombie-orphan", NULL, NULL, verify_zombie_orphan);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("scenarios_basic");
	TCase *tc = tcase_create("kernel");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_fork);
	tcase_add_test(tc, test_fork_exec);
	tcase_add_test(tc, test_exec_family);
	tcase_add_test(tc, test_cloexec);
	tcase_add_test(tc, test_vfork);
	tcase_add_test(tc, test_cow);
	tcase_add_test(tc, test_system);
	tcase_add_test(tc, test_system_launcher_signals);
	tcase_add_test(tc, test_popen);
	tcase_add_test(tc, test_zombie_orphan);
	suite_add_tcase(su, tc);
	sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
