/*
 * Kernel truth for the scenarios stdio-fork and inherit: each runs through
 * the helper and the tracer (the Runner), and at every step boundary the
 * test reads the kernel itself and asserts the effect the scenario exists
 * to show:
 *  - stdio-fork: the lines that came through the demo's stdout pipe (the
 *    output events: what the kernel passed on), the bytes waiting on the
 *    pseudo-terminal's master side (FIONREAD on a copy of the helper's FD,
 *    from pidfd_getfd), and the file read through /proc/PID/fd;
 *  - inherit: fdinfo offsets and kcmp, the signal sets of status,
 *    /proc/locks, /proc/PID/timers, /proc/sysvipc/shm, and the bytes at the
 *    same address in both processes through /proc/PID/mem and pagemap.
 * The helper's reports are used to learn an address, an id or a pid, and
 * for the note whose numbers are compared with the kernel's; never as the
 * evidence. (fork-fail's test is test_scenarios_fork_fail.)
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
#include <sys/ioctl.h>
#include <sys/pidfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "spawn_truth.h"

/* ---- readers ------------------------------------------------------------- */

/* Reads a small file whole; its length or -1. */
static ssize_t file_read(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n, total = 0;

	if (fd < 0)
		return -1;
	while ((size_t)total < len - 1 && (n = read(fd, buf + total, len - 1 - (size_t)total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	return total;
}

/* bytes of pid's memory at addr, through /proc/PID/mem. */
static void mem_read(pid_t pid, unsigned long addr, char *buf, size_t len)
{
	char path[64];
	int fd;

	snprintf(path, sizeof path, "/proc/%d/mem", (int)pid);
	ck_assert_int_ge(fd = open(path, O_RDONLY | O_CLOEXEC), 0);
	ck_assert_int_eq(pread(fd, buf, len, (off_t)addr), (ssize_t)len);
	close(fd);
}

/* Does every page of [addr, addr + npages pages) of pid start with text? */
static bool pages_start_with(pid_t pid, unsigned long addr, size_t npages, const char *text)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	char buf[64];

	for (size_t i = 0; i < npages; i++) {
		mem_read(pid, addr + i * page, buf, strlen(text) + 1);
		if (strcmp(buf, text) != 0)
			return false;
	}
	return true;
}

/* Pages of [addr, addr + npages pages) that pagemap says are present and
 * mapped by this process alone (bit 56: exclusive). */
static size_t pages_exclusive(pid_t pid, unsigned long addr, size_t npages)
{
	long page = sysconf(_SC_PAGESIZE);
	uint64_t entries[64];
	size_t exclusive = 0;
	char path[64];
	int fd;

	ck_assert_uint_le(npages, 64);
	snprintf(path, sizeof path, "/proc/%d/pagemap", (int)pid);
	ck_assert_int_ge(fd = open(path, O_RDONLY | O_CLOEXEC), 0);
	ck_assert_int_eq(pread(fd, entries, npages * sizeof(uint64_t),
			       (off_t)(addr / (unsigned long)page * sizeof(uint64_t))),
			 (ssize_t)(npages * sizeof(uint64_t)));
	close(fd);
	for (size_t i = 0; i < npages; i++)
		exclusive += (entries[i] >> 63 & 1) && (entries[i] >> 56 & 1);
	return exclusive;
}

/* A kB field of the smaps entry of the mapping that starts at addr. */
static long smaps_at(pid_t pid, unsigned long addr, const char *field)
{
	static char buf[1 << 20];
	char head[32], key[32];
	const char *at;
	long kb = -1;

	buf[0] = '\n';
	ck_assert_int_gt(proc_read(pid, "smaps", buf + 1, sizeof buf - 1), 0);
	snprintf(head, sizeof head, "\n%lx-", addr);
	ck_assert_msg((at = strstr(buf, head)) != NULL, "no mapping at %lx in /proc/%d/smaps", addr, (int)pid);
	snprintf(key, sizeof key, "\n%s:", field);
	ck_assert_ptr_nonnull(at = strstr(at + 1, key));
	sscanf(at + strlen(key), "%ld", &kb);
	return kb;
}

/* Lines the demo printed on its stdout (output events) equal to line. */
static int output_count(const Session *s, const char *line)
{
	int n = 0;

	for (size_t i = 0; i < s->nevents; i++)
		n += s->events[i].kind == EV_OUTPUT && strcmp(s->events[i].detail, line) == 0;
	return n;
}

/* The output lines that start with prefix, in order, joined by '|'. */
static void output_with(const Session *s, const char *prefix, char *out, size_t len)
{
	out[0] = '\0';
	for (size_t i = 0; i < s->nevents; i++)
		if (s->events[i].kind == EV_OUTPUT && strncmp(s->events[i].detail, prefix, strlen(prefix)) == 0) {
			size_t used = strlen(out);
			snprintf(out + used, len - used, "%s%s", used > 0 ? "|" : "", s->events[i].detail);
		}
}

/* The number in the text of report n of api by pid (its return value). */
static long long report_ret(const Session *s, pid_t pid, const char *api, int n)
{
	const Event *ev = nth_api(s, pid, api, n);

	ck_assert_msg(ev != NULL, "no report %d of %s by %d", n, api, (int)pid);
	return ev->ret;
}

/* ---- stdio-fork ------------------------------------------------------------ */

static long sf_runs;

static void line_of(char *buf, size_t len, const char *tag, const char *what, pid_t pid)
{
	snprintf(buf, len, "%s %s %d", tag, what, (int)pid);
}

/* Bytes waiting on the master side of the helper's pseudo-terminal (its
 * FD 3), read on a copy of that FD: the pty passes bytes on a moment
 * after the write, so wait (bounded) for at least want. */
static int terminal_bytes(pid_t helper, int want)
{
	int pidfd = pidfd_open(helper, 0), master, queued = -1;
	uint64_t until = clock_now_us() + 30000000u;

	ck_assert_int_ge(pidfd, 0);
	master = pidfd_getfd(pidfd, 3, 0);
	ck_assert_msg(master >= 0, "pidfd_getfd: %s", strerror(errno));
	do {
		ck_assert_int_eq(ioctl(master, FIONREAD, &queued), 0);
		if (queued >= want)
			break;
		nanosleep(&(struct timespec){ .tv_nsec = 1000000 }, NULL);
	} while (clock_now_us() < until);
	close(master);
	close(pidfd);
	return queued;
}

static void verify_stdio_pipe(Run *run, int n, const char *tag, bool child_copy)
{
	const Session *s = run->session;
	pid_t writer = nth_child(s, run->root, n), child = nth_child(s, writer, 0);
	char before[96], mine[96], parent[96], seen[1024], want[1024], pipe_name[64], root_pipe[64];

	ck_assert_int_eq(run->pid, writer);
	ck_assert_int_gt(child, 0);
	ck_assert(!proc_exists(child));
	/* the writer's FD 1 is the demo's stdout, the pipe forkscope reads */
	fd_target(writer, 1, pipe_name, sizeof pipe_name);
	fd_target(run->root, 1, root_pipe, sizeof root_pipe);
	ck_assert_msg(strncmp(pipe_name, "pipe:[", 6) == 0, "FD 1 is %s", pipe_name);
	ck_assert_str_eq(pipe_name, root_pipe);
	line_of(before, sizeof before, tag, "buffered before fork by", writer);
	line_of(mine, sizeof mine, tag, "child", child);
	line_of(parent, sizeof parent, tag, "parent", writer);
	ck_assert_int_eq(output_count(s, before), (child_copy ? 2 : 1));
	ck_assert_int_eq(output_count(s, mine), (child_copy ? 1 : 0));
	ck_assert_int_eq(output_count(s, parent), 1);
	/* each copy is the line before fork, then its writer's own (the parent waited) */
	if (child_copy)
		snprintf(want, sizeof want, "%s|%s|%s|%s", before, mine, before, parent);
	else
		snprintf(want, sizeof want, "%s|%s", before, parent);
	output_with(s, tag, seen, sizeof seen);
	ck_assert_str_eq(seen, want);
}

/* The file's runs: each line before fork twice, each copy followed by its
 * writer's line; returns how many runs had the parent's copy first. */
static int verify_file_runs(const Session *s, pid_t root, const char *text, int *child_first)
{
	int parent_first = 0;

	*child_first = 0;
	for (long run = 1; run <= sf_runs; run++) {
		pid_t writer = nth_child(s, root, 3 + (int)run - 1), child = nth_child(s, writer, 0);
		char tag[32], before[96], mine[96], parent[96], bp[200], bc[200];
		const char *first_b, *second_b;

		snprintf(tag, sizeof tag, "run %ld:", run);
		line_of(before, sizeof before, tag, "buffered before fork by", writer);
		line_of(mine, sizeof mine, tag, "child", child);
		line_of(parent, sizeof parent, tag, "parent", writer);
		snprintf(bp, sizeof bp, "%s\n%s\n", before, parent);
		snprintf(bc, sizeof bc, "%s\n%s\n", before, mine);
		ck_assert_msg(strstr(text, bp) != NULL && strstr(text, bc) != NULL,
			      "run %ld: the copies are not whole in the file:\n%s", run, text);
		ck_assert_ptr_nonnull(first_b = strstr(text, before));
		ck_assert_ptr_nonnull(second_b = strstr(first_b + 1, before));
		ck_assert_ptr_null(strstr(second_b + 1, before));
		if (strstr(text, bp) < strstr(text, bc))
			parent_first++;
		else
			(*child_first)++;
	}
	return parent_first;
}

static void verify_stdio_fork(Run *run)
{
	const Session *s = run->session;
	pid_t writer, child;
	char before[96], mine[96], seen[1024], tty[64], tty2[64], path[64], text[16384], want[128];
	int child_first, parent_first, expect, fd;
	const char *note;
	ssize_t n;

	switch (run->step) {
	case 1:
		verify_stdio_pipe(run, 0, "1:", true);
		break;
	case 2:
		verify_stdio_pipe(run, 1, "2:", false);
		break;
	case 3: /* held at the child's exit: the terminal holds the line once */
		writer = nth_child(s, run->root, 2);
		child = nth_child(s, writer, 0);
		ck_assert_int_eq(run->pid, child);
		fd_target(child, 1, tty, sizeof tty);
		fd_target(writer, 1, tty2, sizeof tty2);
		ck_assert_msg(strncmp(tty, "/dev/pts/", 9) == 0, "FD 1 is %s", tty);
		ck_assert_str_eq(tty, tty2);
		fd_target(run->root, 4, tty2, sizeof tty2);
		ck_assert_str_eq(tty, tty2);
		line_of(before, sizeof before, "3:", "buffered before fork by", writer);
		line_of(mine, sizeof mine, "3:", "child", child);
		expect = (int)(strlen(before) + 1 + strlen(mine) + 1);
		ck_assert_int_eq(terminal_bytes(run->root, expect), expect);
		/* nothing of it went to the pipe */
		output_with(s, "3:", seen, sizeof seen);
		ck_assert_str_eq(seen, "");
		run->saved[0] = writer;
		break;
	case 4: /* the parent read it all: what it copied out has the line once */
		ck_assert(!proc_exists(run->saved[0]));
		ck_assert_int_eq(terminal_bytes(run->root, 0), 0);
		line_of(before, sizeof before, "the terminal shows: 3:", "buffered before fork by", run->saved[0]);
		ck_assert_int_eq(output_count(s, before), 1);
		break;
	case 5: /* the file, read through the kernel, and its shared offset */
		snprintf(path, sizeof path, "/proc/%d/fd/3", (int)run->root);
		ck_assert_int_ge(fd = open(path, O_RDONLY | O_CLOEXEC), 0);
		ck_assert_int_gt(n = pread(fd, text, sizeof text - 1, 0), 0);
		close(fd);
		text[n] = '\0';
		fd_target(run->root, 3, path, sizeof path);
		ck_assert_msg(strstr(path, " (deleted)") != NULL, "FD 3 is %s", path);
		/* every write went through the one shared offset: it is at the end */
		ck_assert_int_eq(fdinfo_field(run->root, 3, "pos"), n);
		parent_first = verify_file_runs(s, run->root, text, &child_first);
		ck_assert_int_eq(parent_first + child_first, sf_runs);
		/* the note's counts are the file's */
		ck_assert_ptr_nonnull(note = nth_note(s, "parent first ", 0));
		snprintf(want, sizeof want, "parent first %d, child first %d, in %ld runs; ", parent_first,
			 child_first, sf_runs);
		ck_assert_msg(strncmp(note, want, strlen(want)) == 0, "note '%s', the file says '%s'", note, want);
		snprintf(want, sizeof want, "written twice in %ld", sf_runs);
		ck_assert_msg(strstr(note, want) != NULL, "note '%s'", note);
		for (long r = 0; r < sf_runs; r++)
			ck_assert(!proc_exists(nth_child(s, run->root, 3 + (int)r)));
		break;
	}
}

START_TEST(test_stdio_fork)
{
	static const char *const options[] = { "runs=8", NULL };

	sf_runs = 8;
	run_scenario("stdio-fork", options, NULL, verify_stdio_fork);
}
END_TEST

/* ---- inherit --------------------------------------------------------------- */

enum { INHERIT_PAGES = 32 };

#define PARENT_WORDS "written by the parent"
#define CHILD_WORDS "written by the child"

typedef struct InheritAt {
	unsigned long shared, private, shm;
	long shmid;
	ino_t file_ino;
} InheritAt;

static InheritAt ia;

static long region_kb(void)
{
	return INHERIT_PAGES * sysconf(_SC_PAGESIZE) / 1024;
}

/* POSIX locks on inode ino in /proc/locks: how many, and *by_pid the count held by pid. */
static int posix_locks(ino_t ino, pid_t pid, int *by_pid)
{
	char buf[1 << 16];
	int n = 0;

	*by_pid = 0;
	ck_assert_int_ge(file_read("/proc/locks", buf, sizeof buf), 0);
	for (char *save, *line = strtok_r(buf, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		char type[16], mode[16];
		unsigned long long inode;
		int owner;

		if (strstr(line, "->") != NULL) /* a waiter */
			continue;
		if (sscanf(line, "%*d: %15s %*s %15s %d %*x:%*x:%llu", type, mode, &owner, &inode) != 4 ||
		    strcmp(type, "POSIX") != 0 || inode != (unsigned long long)ino)
			continue;
		n++;
		*by_pid += owner == pid;
	}
	return n;
}

/* POSIX timers of pid (/proc/PID/timers, one "ID:" line each). */
static int timers_of(pid_t pid)
{
	char buf[8192];
	int n = 0;

	ck_assert_int_ge(proc_read(pid, "timers", buf, sizeof buf), 0);
	for (const char *line = buf; *line != '\0';) {
		size_t len = strcspn(line, "\n");

		n += strncmp(line, "ID:", 3) == 0; /* not ClockID: */
		line += len + (line[len] != '\0');
	}
	return n;
}

/* nattch of segment shmid in /proc/sysvipc/shm; -1 when it is not there. */
static long shm_attachments(long shmid)
{
	char buf[1 << 16];

	ck_assert_int_ge(file_read("/proc/sysvipc/shm", buf, sizeof buf), 0);
	for (char *save, *line = strtok_r(buf, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		long key, id, perms, size, cpid, lpid, nattch;
		if (sscanf(line, "%ld %ld %lo %ld %ld %ld %ld", &key, &id, &perms, &size, &cpid, &lpid,
			   &nattch) == 7 && id == shmid)
			return nattch;
	}
	return -1;
}

static ino_t fd_inode(pid_t pid, int fd)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof path, "/proc/%d/fd/%d", (int)pid, fd);
	ck_assert_int_eq(stat(path, &st), 0);
	return st.st_ino;
}

static void verify_inherit(Run *run)
{
	const Session *s = run->session;
	pid_t root = run->root, child = nth_child(s, root, 0);
	char buf[64];
	int mine;

	switch (run->step) {
	case 1: /* the parent's things, before fork */
		ia.shared = (unsigned long)report_ret(s, root, "mmap", 0);
		ia.private = (unsigned long)report_ret(s, root, "mmap", 1);
		ia.shm = (unsigned long)report_ret(s, root, "shmat", 0);
		ia.shmid = (long)report_ret(s, root, "shmget", 0);
		ia.file_ino = fd_inode(root, 3);
		ck_assert_int_eq(fdinfo_field(root, 3, "pos"), 0);
		ck_assert_int_eq(posix_locks(ia.file_ino, root, &mine), 1);
		ck_assert_int_eq(mine, 1);
		ck_assert(has_signal(proc_sigset(root, "SigBlk"), SIGUSR1));
		ck_assert(has_signal(proc_sigset(root, "ShdPnd") | proc_sigset(root, "SigPnd"), SIGUSR1));
		ck_assert(has_signal(proc_sigset(root, "SigCgt"), SIGUSR2));
		ck_assert(has_signal(proc_sigset(root, "SigIgn"), SIGINT));
		ck_assert_int_eq(timers_of(root), 1);
		ck_assert_int_eq(shm_attachments(ia.shmid), 1);
		mem_read(root, ia.shm, buf, sizeof PARENT_WORDS);
		ck_assert_str_eq(buf, PARENT_WORDS);
		ck_assert(pages_start_with(root, ia.shared, INHERIT_PAGES, PARENT_WORDS));
		ck_assert(pages_start_with(root, ia.private, INHERIT_PAGES, PARENT_WORDS));
		break;
	case 2: /* one open file description: the child's read moved both offsets */
		ck_assert_int_gt(child, 0);
		ck_assert_int_eq(stat_field(child, 4), root);
		ck_assert_int_eq(syscall(SYS_kcmp, root, child, KCMP_FILE, 3, 3), 0);
		ck_assert_int_eq(fdinfo_field(child, 3, "pos"), 16);
		ck_assert_int_eq(fdinfo_field(root, 3, "pos"), 16);
		break;
	case 3: /* mask and dispositions copied, pending not */
		ck_assert_int_eq(run->pid, child);
		ck_assert(has_signal(proc_sigset(child, "SigBlk"), SIGUSR1));
		ck_assert(has_signal(proc_sigset(child, "SigIgn"), SIGINT));
		ck_assert(has_signal(proc_sigset(child, "SigCgt"), SIGUSR2));
		ck_assert_uint_eq(proc_sigset(child, "SigPnd") | proc_sigset(child, "ShdPnd"), 0);
		ck_assert(has_signal(proc_sigset(root, "ShdPnd") | proc_sigset(root, "SigPnd"), SIGUSR1));
		break;
	case 4: /* the lock is still the parent's alone; the child holds none */
		ck_assert_int_eq(posix_locks(ia.file_ino, root, &mine), 1);
		ck_assert_int_eq(mine, 1);
		posix_locks(ia.file_ino, child, &mine);
		ck_assert_int_eq(mine, 0);
		ck_assert_int_eq(syscall(SYS_kcmp, root, child, KCMP_FILE, 3, 3), 0);
		break;
	case 5: /* the timer stayed with the parent */
		ck_assert_int_eq(timers_of(child), 0);
		ck_assert_int_eq(timers_of(root), 1);
		break;
	case 6: /* one segment, two attachments, at the same address */
		ck_assert_int_eq(shm_attachments(ia.shmid), 2);
		mem_read(root, ia.shm, buf, sizeof CHILD_WORDS);
		ck_assert_str_eq(buf, CHILD_WORDS);
		mem_read(child, ia.shm, buf, sizeof CHILD_WORDS);
		ck_assert_str_eq(buf, CHILD_WORDS);
		break;
	case 7: /* MAP_SHARED: the child's words on every page, in both */
		ck_assert(pages_start_with(root, ia.shared, INHERIT_PAGES, CHILD_WORDS));
		ck_assert(pages_start_with(child, ia.shared, INHERIT_PAGES, CHILD_WORDS));
		ck_assert_int_eq(smaps_at(child, ia.shared, "Shared_Dirty"), region_kb());
		ck_assert_uint_eq(pages_exclusive(child, ia.shared, INHERIT_PAGES), 0);
		/* the private region is not written yet: still shared after fork */
		ck_assert_uint_eq(pages_exclusive(child, ia.private, INHERIT_PAGES), 0);
		break;
	case 8: /* MAP_PRIVATE: the same addresses, two copies */
		ck_assert(pages_start_with(root, ia.private, INHERIT_PAGES, PARENT_WORDS));
		ck_assert(pages_start_with(child, ia.private, INHERIT_PAGES, CHILD_WORDS));
		ck_assert_uint_eq(pages_exclusive(child, ia.private, INHERIT_PAGES), INHERIT_PAGES);
		ck_assert_uint_eq(pages_exclusive(root, ia.private, INHERIT_PAGES), INHERIT_PAGES);
		ck_assert_int_eq(smaps_at(child, ia.private, "Private_Dirty"), region_kb());
		run->saved[0] = child;
		break;
	case 9: /* over: the segment went with its last attachment, the lock with its process */
		ck_assert(!proc_exists(run->saved[0]));
		ck_assert_int_eq(shm_attachments(ia.shmid), -1);
		break;
	}
}

START_TEST(test_inherit)
{
	memset(&ia, 0, sizeof ia);
	run_scenario("inherit", NULL, NULL, verify_inherit);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("scenarios_inherit");
	TCase *tc = tcase_create("kernel");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_stdio_fork);
	tcase_add_test(tc, test_inherit);
	suite_add_tcase(su, tc);
	sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
