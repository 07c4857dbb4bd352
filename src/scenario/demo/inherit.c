/*
 * inherit: what fork keeps and what it drops (see scenarios/inherit.c for
 * what each step shows).
 *
 * The parent first makes one of each thing: an open file (a memfd, FD 3,
 * written and rewound) with a POSIX record lock on it, a blocked signal
 * that is pending, a caught and an ignored one, a POSIX timer, a SysV
 * shared memory segment, and two anonymous regions, MAP_SHARED and
 * MAP_PRIVATE, each page written. Then it forks, and parent and child take
 * turns through a socket (the baton): each looks at its side, reports, and
 * hands over; the process that announces a step is the one that looked.
 *
 * Nothing can outlive the demo: the memfd has no name, the segment is
 * marked for removal as soon as it is attached (it goes with its last
 * attachment), the timer and the lock go with the process.
 */
#include "scenario/demo/demo.h"
#include "scenario/demo/family.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"

int demo_inherit(int argc, char **argv);

enum { REGION_PAGES = 32, TIMER_SECONDS = 3600 };

#define FILE_TEXT "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+/"
#define PARENT_WORDS "written by the parent"
#define CHILD_WORDS "written by the child"

typedef struct Inherit {
	int file;                /* FD 3 */
	timer_t timer;
	bool have_timer;
	char *shm;               /* NULL when SysV IPC is refused */
	char *shared, *private;  /* REGION_PAGES pages each */
	size_t region;           /* bytes of each region */
	int baton;               /* this side's end of the socket */
} Inherit;

static void on_usr2(int signo)
{
	(void)signo; /* only here so that SIGUSR2 is caught (and the timer's signal harmless) */
}

/* ---- the baton: one byte hands the turn to the other process ---------- */

static void pass(const Inherit *in)
{
	ssize_t n;

	do
		n = write(in->baton, "t", 1);
	while (n < 0 && errno == EINTR);
}

/* Waits for the turn; the other side gone (end of file) ends this one. */
static void await(const Inherit *in)
{
	char c;
	ssize_t n;

	do
		n = read(in->baton, &c, 1);
	while (n < 0 && errno == EINTR);
	if (n != 1)
		_exit(1);
}

/* ---- the parent's state before fork --------------------------------------- */

static int open_file(Inherit *in)
{
	struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
	ssize_t n;
	int rc;

	in->file = memfd_create("inherit-file", 0);
	demo_api("memfd_create", in->file, in->file < 0 ? errno : 0, 0,
		 "memfd_create(\"inherit-file\", 0) = %d", in->file);
	if (in->file < 0)
		return -1;
	n = write(in->file, FILE_TEXT, strlen(FILE_TEXT));
	demo_api("write", n, n < 0 ? errno : 0, 0, "write(%d, \"0123...+/\", %zu) = %zd", in->file,
		 strlen(FILE_TEXT), n);
	rc = (int)lseek(in->file, 0, SEEK_SET);
	demo_api("lseek", rc, rc < 0 ? errno : 0, 0, _("lseek(%d, 0, SEEK_SET) = %d: the offset back at 0"),
		 in->file, rc);
	rc = fcntl(in->file, F_SETLK, &lock);
	demo_api("fcntl", rc, rc < 0 ? errno : 0, 0,
		 _("fcntl(%d, F_SETLK, F_WRLCK, whole file) = %d: a write lock, the parent's"), in->file, rc);
	return n < 0 || rc < 0 ? -1 : 0;
}

static int set_signals(void)
{
	struct sigaction caught = { .sa_handler = on_usr2 };
	sigset_t block;
	int rc;

	sigemptyset(&caught.sa_mask);
	rc = sigaction(SIGUSR2, &caught, NULL);
	demo_api("sigaction", rc, rc < 0 ? errno : 0, 0, _("sigaction(SIGUSR2, handler) = %d: caught"), rc);
	rc = sigaction(SIGINT, &(struct sigaction){ .sa_handler = SIG_IGN }, NULL);
	demo_api("sigaction", rc, rc < 0 ? errno : 0, 0, _("sigaction(SIGINT, SIG_IGN) = %d: ignored"), rc);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	rc = sigprocmask(SIG_BLOCK, &block, NULL);
	demo_api("sigprocmask", rc, rc < 0 ? errno : 0, 0, _("sigprocmask(SIG_BLOCK, {SIGUSR1}) = %d: blocked"),
		 rc);
	rc = kill(getpid(), SIGUSR1);
	demo_api("kill", rc, rc < 0 ? errno : 0, 0,
		 _("kill(getpid(), SIGUSR1) = %d: blocked, so it stays pending"), rc);
	return rc;
}

/* A POSIX timer that signals SIGUSR2 in an hour: never during the demo. */
static void set_timer(Inherit *in)
{
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR2 };
	struct itimerspec when = { .it_value = { .tv_sec = TIMER_SECONDS } };
	int rc = timer_create(CLOCK_MONOTONIC, &ev, &in->timer);

	demo_api("timer_create", rc, rc < 0 ? errno : 0, 0,
		 _("timer_create(CLOCK_MONOTONIC, SIGUSR2) = %d: timer id %ld"), rc,
		 rc < 0 ? -1L : (long)(intptr_t)in->timer);
	if (rc < 0) {
		demo_note(_("no POSIX timer (%s): the step about timers shows nothing"), strerror(errno));
		return;
	}
	rc = timer_settime(in->timer, 0, &when, NULL);
	demo_api("timer_settime", rc, rc < 0 ? errno : 0, 0, _("timer_settime(%ld, %d s) = %d: armed"),
		 (long)(intptr_t)in->timer, TIMER_SECONDS, rc);
	in->have_timer = rc == 0;
}

/* A SysV segment, attached and at once marked for removal: it goes with
 * its last attachment, whatever becomes of the demo. */
static void attach_segment(Inherit *in)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	int id = shmget(IPC_PRIVATE, page, IPC_CREAT | 0600);
	void *at;

	demo_api("shmget", id, id < 0 ? errno : 0, 0, "shmget(IPC_PRIVATE, %zu, IPC_CREAT|0600) = %d",
		 page, id);
	if (id < 0) {
		demo_note(_("no SysV shared memory (%s): the step about it shows nothing"), strerror(errno));
		return;
	}
	at = shmat(id, NULL, 0);
	demo_api("shmat", at == (void *)-1 ? -1 : (long long)(uintptr_t)at, at == (void *)-1 ? errno : 0, 0,
		 "shmat(%d, NULL, 0) = %p", id, at);
	shmctl(id, IPC_RMID, NULL);
	demo_api("shmctl", 0, 0, 0, _("shmctl(%d, IPC_RMID) = 0: removed when the last process detaches"), id);
	if (at == (void *)-1) {
		demo_note(_("no SysV shared memory (%s): the step about it shows nothing"), strerror(errno));
		return;
	}
	in->shm = at;
	strcpy(in->shm, PARENT_WORDS);
}

static char *map_region(size_t bytes, bool shared)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		       (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS, -1, 0);

	demo_api("mmap", p == MAP_FAILED ? -1 : (long long)(uintptr_t)p, p == MAP_FAILED ? errno : 0, 0,
		 "mmap(NULL, %zu KiB, PROT_READ|PROT_WRITE, %s|MAP_ANONYMOUS) = %p", bytes >> 10,
		 shared ? "MAP_SHARED" : "MAP_PRIVATE", p == MAP_FAILED ? NULL : (void *)p);
	if (p == MAP_FAILED)
		return NULL;
	/* Page by page: a huge page would be copied whole on one write. */
	madvise(p, bytes, MADV_NOHUGEPAGE);
	for (size_t off = 0; off < bytes; off += page)
		strcpy(p + off, PARENT_WORDS);
	return p;
}

static int set_up(Inherit *in)
{
	in->region = REGION_PAGES * (size_t)sysconf(_SC_PAGESIZE);
	if (open_file(in) < 0 || set_signals() < 0)
		return -1;
	set_timer(in);
	attach_segment(in);
	in->shared = map_region(in->region, true);
	in->private = map_region(in->region, false);
	return in->shared == NULL || in->private == NULL ? -1 : 0;
}

/* ---- the child's side ------------------------------------------------------ */

static void child_offset(const Inherit *in)
{
	char buf[16];
	ssize_t n = read(in->file, buf, sizeof buf);

	demo_api("read", n, n < 0 ? errno : 0, 0,
		 _("read(%d, buf, 16) = %zd: \"%.*s\", the offset moves to 16"),
		 in->file, n, n > 0 ? (int)n : 0, buf);
}

static void child_signals(void)
{
	sigset_t pending, blocked;
	int rc = sigpending(&pending);

	demo_api("sigpending", rc, rc < 0 ? errno : 0, 0, _("sigpending() = %d: SIGUSR1 %s"), rc,
		 sigismember(&pending, SIGUSR1) ? _("pending here too")
						: _("not pending: the set is empty in a new process"));
	sigprocmask(SIG_BLOCK, NULL, &blocked);
	demo_api("sigprocmask", 0, 0, 0, _("sigprocmask(SIG_BLOCK, NULL, &set) = 0: SIGUSR1 %s"),
		 sigismember(&blocked, SIGUSR1) ? _("blocked, as in the parent") : _("not blocked"));
}

static void child_lock(const Inherit *in)
{
	struct flock probe = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
	struct flock take = probe;
	int rc = fcntl(in->file, F_GETLK, &probe);

	if (probe.l_type == F_UNLCK)
		demo_api("fcntl", rc, rc < 0 ? errno : 0, 0, _("fcntl(%d, F_GETLK) = %d: no lock is held"),
			 in->file, rc);
	else
		demo_api("fcntl", rc, rc < 0 ? errno : 0, 0, _("fcntl(%d, F_GETLK) = %d: %s held by pid %d"),
			 in->file, rc, probe.l_type == F_WRLCK ? _("a write lock") : _("a read lock"),
			 (int)probe.l_pid);
	rc = fcntl(in->file, F_SETLK, &take);
	demo_api("fcntl", rc, rc < 0 ? errno : 0, 0, "fcntl(%d, F_SETLK, F_WRLCK) = %d%s%s", in->file, rc,
		 rc < 0 ? ", " : "", rc < 0 ? strerrorname_np(errno) : "");
}

static void child_timer(const Inherit *in)
{
	struct itimerspec left;
	int rc;

	if (!in->have_timer)
		return;
	rc = timer_gettime(in->timer, &left);
	demo_api("timer_gettime", rc, rc < 0 ? errno : 0, 0, "timer_gettime(%ld) = %d%s%s",
		 (long)(intptr_t)in->timer, rc, rc < 0 ? ", " : "", rc < 0 ? strerrorname_np(errno) : "");
}

/* Writes the child's words at the start of every page of [p, p + bytes). */
static void child_writes(char *p, size_t bytes, const char *what)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	for (size_t off = 0; off < bytes; off += page)
		strcpy(p + off, CHILD_WORDS);
	demo_api("memcpy", (long long)(bytes / page), 0, 0,
		 _("memcpy(each page of %s, \"%s\") = %zu pages written"),
		 what, CHILD_WORDS, bytes / page);
}

static void __attribute__((noreturn)) child(Inherit *in)
{
	await(in);
	child_offset(in);
	pass(in);
	await(in);
	child_signals();
	demo_step(3);
	child_lock(in);
	demo_step(4);
	child_timer(in);
	demo_step(5);
	if (in->shm != NULL)
		child_writes(in->shm, (size_t)sysconf(_SC_PAGESIZE), _("the SysV segment"));
	pass(in);
	await(in);
	child_writes(in->shared, in->region, "MAP_SHARED");
	pass(in);
	await(in);
	child_writes(in->private, in->region, "MAP_PRIVATE");
	pass(in);
	await(in);
	_exit(0);
}

/* ---- the parent's side after fork ------------------------------------------ */

static void parent_reads(const char *p, const char *what)
{
	demo_api("memcpy", 0, 0, 0, _("memcpy from %s = \"%.21s\""), what, p);
}

static int parent(Inherit *in, pid_t kid)
{
	off_t at;

	pass(in);                     /* the child reads the file */
	await(in);
	at = lseek(in->file, 0, SEEK_CUR);
	demo_api("lseek", (long long)at, at < 0 ? errno : 0, 0,
		 _("lseek(%d, 0, SEEK_CUR) = %lld: the child's read moved the parent's offset"), in->file,
		 (long long)at);
	demo_step(2);
	pass(in);                     /* signals, lock, timer: steps 3 to 5 are the child's */
	await(in);
	if (in->shm != NULL)
		parent_reads(in->shm, _("the SysV segment"));
	demo_step(6);
	pass(in);
	await(in);
	parent_reads(in->shared, "MAP_SHARED");
	demo_step(7);
	pass(in);
	await(in);
	parent_reads(in->private, "MAP_PRIVATE");
	demo_step(8);
	pass(in);
	return family_wait(kid) == 0 ? 0 : -1;
}

static void tear_down(Inherit *in)
{
	if (in->have_timer)
		timer_delete(in->timer);
	if (in->shm != NULL)
		shmdt(in->shm);
	if (in->shared != NULL)
		munmap(in->shared, in->region);
	if (in->private != NULL)
		munmap(in->private, in->region);
	if (in->file >= 0)
		close(in->file);
}

int demo_inherit(int argc, char **argv)
{
	Inherit in = { .file = -1, .baton = -1 };
	int sv[2], rc = -1;
	pid_t kid;

	if (set_up(&in) == 0 && socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0) {
		demo_step(1);
		kid = family_fork(true);
		if (kid == 0) {
			close(sv[0]);
			in.baton = sv[1];
			child(&in);
		}
		close(sv[1]);
		in.baton = sv[0];
		rc = kid > 0 ? parent(&in, kid) : -1;
		close(sv[0]);
	}
	tear_down(&in);
	return rc == 0 ? 0 : 1;
}
