/*
 * stdio-fork: a stdio buffer not flushed before fork is copied with the
 * rest of memory, and each process writes its copy when it flushes (see
 * scenarios/stdio_fork.c for what each step shows).
 *
 * Every experiment runs in a fresh child of the helper, whose own stdout
 * FILE is never used: stdio chooses a stream's buffering at its first
 * output, from what FD 1 is then (a terminal: line by line; a pipe or a
 * file: in blocks), and a child inherits the choice with the FILE. The
 * helper itself writes with dprintf, past its FILE.
 *
 * Cases: FD 1 the demo's stdout, a pipe forkscope reads (its lines become
 * output events), with exit() and with _exit() in the child; FD 1 a
 * pseudo-terminal the helper reads from the master side; FD 1 a regular
 * file with no name (O_TMPFILE), for runs whose order the helper reads
 * back. Not a memfd: a file not opened through a path does not get the
 * kernel's lock on the shared offset (FMODE_ATOMIC_POS), and two writes
 * through one open file description could then land at the same offset.
 */
#include "scenario/demo/demo.h"
#include "scenario/params.h"
#include "scenario/demo/family.h"

#include <errno.h>
#include <sched.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"

int demo_stdio_fork(int argc, char **argv);

/* The same caps as the row in scenarios/stdio_fork.c. */
enum { DRAIN_TRIES = 5000, DRAIN_PAUSE_NS = 1000000 }; /* at most 5 s */
enum { TERMINAL_BYTES = 4096, FILE_BYTES = STDIO_FORK_RUNS_MAX * 256 };
enum { START_SPINS = 1000000 };

/* One experiment's lines, after its tag ("1:", "run 2:"); the tests look for them. */
#define BEFORE_TEXT N_("buffered before fork by %d")
#define CHILD_TEXT N_("child %d")
#define PARENT_TEXT N_("parent %d")

/* forkscope reads the demo's output and its reports on two pipes, each on
 * its own time: a report written after the output (the note that counts
 * the lines, the step) waits until forkscope has read the output, so the
 * events keep the order things happened in. Bounded; not a pipe (run by
 * hand): no wait. */
static void wait_output_read(void)
{
	struct timespec pause = { .tv_nsec = DRAIN_PAUSE_NS };
	struct stat st;
	int queued;

	if (fstat(STDOUT_FILENO, &st) < 0 || !S_ISFIFO(st.st_mode))
		return;
	for (int i = 0; i < DRAIN_TRIES; i++) {
		if (ioctl(STDOUT_FILENO, FIONREAD, &queued) < 0 || queued == 0)
			return;
		nanosleep(&pause, NULL);
	}
}

/* "TAG text" with text (one of the above, translated) holding pid. */
static void format_line(char *buf, size_t len, const char *tag, const char *text, int pid)
{
	char body[128];

	snprintf(body, sizeof body, _(text), pid);
	snprintf(buf, len, "%s %s", tag, body);
}

static const char *buffering_of_stdout(void)
{
	return isatty(STDOUT_FILENO) ? _("a terminal: line-buffered, written at the newline")
				     : _("not a terminal: block-buffered, kept in the buffer");
}

/* printf of one line, reported with what stdio does with it. */
static void print_line(const char *tag, const char *fmt, int pid)
{
	char line[200];
	int n;

	format_line(line, sizeof line, tag, fmt, pid);
	n = printf("%s\n", line);
	demo_api("printf", n, 0, 0, "printf(\"%s\\n\") = %d: %s", line, n, buffering_of_stdout());
}

/* The pipe cases, in child n (0 or 1). The child's child flushes with
 * exit() or drops its buffer with _exit(); the parent waits for it, then
 * flushes its own, so their order is fixed here. */
static void __attribute__((noreturn)) through_pipe(int step, const char *tag, bool child_exits)
{
	pid_t child;

	print_line(tag, BEFORE_TEXT, (int)getpid());
	child = family_fork(true);
	if (child == 0) {
		print_line(tag, CHILD_TEXT, (int)getpid());
		if (child_exits) {
			demo_api("exit", 0, 0, 0, "%s",
				 _("exit(0) = (no return): stdio flushes the buffer first, the parent's line included"));
			exit(0);
		}
		demo_api("_exit", 0, 0, 0, "%s",
			 _("_exit(0) = (no return): the buffer goes with the process, never written"));
		_exit(0);
	}
	if (child < 0 || family_wait(child) < 0)
		_exit(1);
	print_line(tag, PARENT_TEXT, (int)getpid());
	demo_api("fflush", fflush(stdout), 0, 0, "%s", _("fflush(stdout) = 0: the parent's buffer written"));
	wait_output_read();
	demo_step(step);
	_exit(0);
}

static int run_in_child(int step, const char *tag, bool child_exits)
{
	pid_t child = family_fork(true);

	if (child == 0)
		through_pipe(step, tag, child_exits);
	return child < 0 || family_wait(child) != 0 ? -1 : 0;
}

/* A pseudo-terminal in raw mode (no \n to \r\n): its master, and its slave in *slave. */
static int open_terminal(int *slave)
{
	struct termios tio;
	char name[64];
	int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);

	if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0 ||
	    ptsname_r(master, name, sizeof name) != 0) {
		demo_api("posix_openpt", -1, errno, 0, "posix_openpt(O_RDWR|O_NOCTTY) = -1: %s", strerror(errno));
		if (master >= 0)
			close(master);
		return -1;
	}
	*slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (*slave < 0 || tcgetattr(*slave, &tio) < 0) {
		demo_api("open", -1, errno, 0, "open(\"%s\") = -1: %s", name, strerror(errno));
		close(master);
		return -1;
	}
	cfmakeraw(&tio);
	tcsetattr(*slave, TCSANOW, &tio);
	demo_api("posix_openpt", master, 0, 0, _("posix_openpt() = %d: a pseudo-terminal, %s on FD %d"),
		 master, name, *slave);
	return master;
}

/* The terminal's child: FD 1 the slave, then the same printf and fork. */
static void __attribute__((noreturn)) through_terminal(int master, int slave)
{
	pid_t child;

	if (dup2(slave, STDOUT_FILENO) < 0)
		_exit(1);
	close(master);
	close(slave);
	print_line("3:", BEFORE_TEXT, (int)getpid());
	child = family_fork(true);
	if (child == 0) {
		print_line("3:", CHILD_TEXT, (int)getpid());
		demo_api("exit", 0, 0, 0, "%s", _("exit(0) = (no return): stdio flushes the buffer, which is empty"));
		demo_hold(3, "exit");
		exit(0);
	}
	if (child < 0 || family_wait(child) < 0)
		_exit(1);
	print_line("3:", PARENT_TEXT, (int)getpid());
	exit(0);
}

/* Reads the master until the sentinel byte the helper wrote after the
 * others: the pty passes bytes on asynchronously, and in order. */
static ssize_t read_terminal(int master, int slave, char *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;

	if (write(slave, "", 1) != 1)
		return -1;
	while (got < len - 1) {
		n = read(master, buf + got, len - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		got += (size_t)n;
		if (buf[got - 1] == '\0') {
			got--;
			break;
		}
	}
	buf[got] = '\0';
	return (ssize_t)got;
}

static int count_of(const char *text, const char *piece)
{
	int n = 0;

	for (const char *at = text; (at = strstr(at, piece)) != NULL; at += strlen(piece))
		n++;
	return n;
}

/* Copies text to the demo's stdout, each line after prefix: the events show it. */
static void show_lines(const char *prefix, const char *text)
{
	for (const char *p = text; *p != '\0';) {
		size_t len = strcspn(p, "\n");
		dprintf(STDOUT_FILENO, "%s%.*s\n", prefix, (int)len, p);
		p += len + (p[len] == '\n');
	}
}

static int terminal_case(void)
{
	char text[TERMINAL_BYTES], before[200];
	int slave, master = open_terminal(&slave);
	pid_t child;
	ssize_t n;

	if (master < 0)
		return -1;
	child = family_fork(true);
	if (child == 0)
		through_terminal(master, slave);
	if (child < 0 || family_wait(child) != 0) {
		close(master);
		close(slave);
		return -1;
	}
	n = read_terminal(master, slave, text, sizeof text);
	demo_api("read", n, n < 0 ? errno : 0, 0, _("read(%d, ...) = %zd: what the terminal received"),
		 master, n);
	if (n < 0) {
		close(master);
		close(slave);
		return -1;
	}
	show_lines(_("the terminal shows: "), text);
	/* After the lines are read: the note comes after them in the events. */
	wait_output_read();
	format_line(before, sizeof before, "3:", BEFORE_TEXT, (int)child);
	demo_note(_("terminal: the line before fork %d time(s), written once at its newline, before fork"),
		  count_of(text, before));
	demo_step(4);
	close(master);
	close(slave);
	return 0;
}

/* Parent and child meet here after fork, so that the tracer's stops at the
 * fork (which resume one before the other, in the same order every time)
 * do not decide the race: each counts itself in and spins, yielding, until
 * the other has too (bounded: one that never comes is not waited for). */
static void start_together(atomic_int *arrived)
{
	atomic_fetch_add(arrived, 1);
	for (int i = 0; i < START_SPINS && atomic_load(arrived) < 2; i++)
		sched_yield();
}

/* One run to the file: after the start, the parent flushes as soon as it
 * can and the child exits as soon as it can; nothing orders the two. */
static void __attribute__((noreturn)) one_run(int file, int run)
{
	char tag[32], line[200];
	atomic_int *arrived;
	pid_t child;

	if (dup2(file, STDOUT_FILENO) < 0)
		_exit(1);
	close(file);
	arrived = mmap(NULL, sizeof *arrived, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (arrived == MAP_FAILED)
		_exit(1);
	atomic_init(arrived, 0);
	snprintf(tag, sizeof tag, "run %d:", run);
	format_line(line, sizeof line, tag, BEFORE_TEXT, (int)getpid());
	printf("%s\n", line);
	child = family_fork(true);
	if (child < 0)
		_exit(1);
	start_together(arrived);
	if (child == 0) {
		format_line(line, sizeof line, tag, CHILD_TEXT, (int)getpid());
		printf("%s\n", line);
		exit(0);
	}
	format_line(line, sizeof line, tag, PARENT_TEXT, (int)getpid());
	printf("%s\n", line);
	fflush(stdout);
	family_wait(child);
	_exit(0);
}

/* A regular file that no directory lists, gone with its last FD: O_TMPFILE
 * in $TMPDIR, /tmp or /var/tmp, else a file made and unlinked at once. */
static int open_unnamed_file(void)
{
	const char *dirs[] = { getenv("TMPDIR"), P_tmpdir, "/var/tmp" };
	char path[4096];
	int fd, err;

	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		if (dirs[i] == NULL || dirs[i][0] == '\0')
			continue;
		fd = open(dirs[i], O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
		err = errno;
		demo_api("open", fd, fd < 0 ? err : 0, 0,
			 _("open(\"%s\", O_TMPFILE|O_RDWR) = %d: a regular file with no name, block-buffered like any file"),
			 dirs[i], fd);
		if (fd >= 0)
			return fd;
		snprintf(path, sizeof path, "%s/forkscope-stdio-XXXXXX", dirs[i]);
		if ((fd = mkostemp(path, O_CLOEXEC)) >= 0) {
			unlink(path);
			demo_api("mkostemp", fd, 0, 0, _("mkostemp(\"%s\") = %d, unlinked at once: a regular file"),
				 path, fd);
			return fd;
		}
	}
	return -1;
}

/* Which copy came first in run (1-based) of the file's text: 'c', 'p', or
 * '?' when the line is not there twice. */
static char first_of_run(const char *text, int run, pid_t writer)
{
	char tag[32], before[200], parent[200], *b1, *b2, *p;

	snprintf(tag, sizeof tag, "run %d:", run);
	format_line(before, sizeof before - 1, tag, BEFORE_TEXT, (int)writer);
	format_line(parent, sizeof parent - 1, tag, PARENT_TEXT, (int)writer);
	strcat(before, "\n");
	strcat(parent, "\n");
	if (count_of(text, before) != 2 || (b1 = strstr(text, before)) == NULL ||
	    (b2 = strstr(b1 + 1, before)) == NULL || (p = strstr(text, parent)) == NULL)
		return '?';
	/* Each copy is the line before fork and then its owner's line. */
	return p < b2 ? 'p' : 'c';
}

static int orders(long runs)
{
	char text[FILE_BYTES + 1];
	pid_t writers[STDIO_FORK_RUNS_MAX];
	int file = open_unnamed_file();
	int parent_first = 0, child_first = 0;
	long odd = 0;
	ssize_t n;

	if (file < 0)
		return -1;
	for (int run = 1; run <= runs; run++) {
		pid_t child = family_fork(true);
		if (child == 0)
			one_run(file, run);
		if (child < 0 || family_wait(child) != 0) {
			close(file);
			return -1;
		}
		writers[run - 1] = child;
	}
	n = pread(file, text, sizeof text - 1, 0);
	demo_api("pread", n, n < 0 ? errno : 0, 0, _("pread(%d, ..., 0) = %zd: the file as the runs left it"),
		 file, n);
	if (n < 0) {
		close(file);
		return -1;
	}
	text[n] = '\0';
	show_lines(_("the file holds: "), text);
	for (int run = 1; run <= runs; run++) {
		char first = first_of_run(text, run, writers[run - 1]);
		parent_first += first == 'p';
		child_first += first == 'c';
		odd += first == '?';
	}
	wait_output_read();
	demo_note(_("parent first %d, child first %d, in %ld runs; the line before fork written twice in %ld"),
		  parent_first, child_first, runs, runs - odd);
	demo_step(5);
	close(file);
	return 0;
}

int demo_stdio_fork(int argc, char **argv)
{
	long runs = demo_option("runs");

	if (run_in_child(1, "1:", true) < 0 || run_in_child(2, "2:", false) < 0 ||
	    terminal_case() < 0 || orders(runs) < 0)
		return 1;
	return 0;
}
