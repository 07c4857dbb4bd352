/*
 * Kernel truth for the scenarios fork, fork-exec, exec-family, cloexec,
 * vfork and cow: each one is run through the helper and the tracer (the
 * Runner), and at every step boundary the test reads /proc itself (stat,
 * status, fd/, fdinfo/, environ, exe, maps, smaps, pagemap, syscall) and
 * the tracer's events in the session, and asserts the effect the scenario
 * exists to show. The helper's API reports are used only to learn an
 * address or to tell which call a step made, never as the evidence. The
 * scenarios in which a parent waits (system, popen, zombie-orphan) are
 * tested in test_scenarios_wait.c.
 *
 * The readers below, and those in basic_truth.c and spawn_truth.c, are
 * deliberately independent of src/probe: the point is what the kernel
 * says, read the plainest way.
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
#include <sys/syscall.h>
#include <unistd.h>

#include "basic_truth.h"
#include "model/session.h"
#include "scenario/runner.h"
#include "spawn_truth.h"

/* ---- /proc, read directly ---------------------------------------------- */

static bool exe_named(pid_t pid, const char *base)
{
	char exe[4096];
	const char *slash;

	proc_link(pid, "exe", exe, sizeof exe);
	slash = strrchr(exe, '/');
	return slash != NULL && strcmp(slash + 1, base) == 0;
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

/* ---- the session's events (the tracer's word, and the helper's) -------- */

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
	suite_add_tcase(su, tc);
	sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
