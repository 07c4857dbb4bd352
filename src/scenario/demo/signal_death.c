/*
 * signal-death: children that end by a signal, and what the parent's wait
 * status says (see scenarios/signal_death.c). Four children, one at a
 * time: killed with SIGTERM, killed with SIGKILL, a NULL write (SIGSEGV)
 * with a core dump, abort() (SIGABRT); then a shell whose own child dies
 * of SIGTERM, and which turns that into the exit status 128 + 15.
 *
 * Each victim tells the parent it is ready with a byte on one pipe, then
 * waits on another: a byte there is its go-ahead, end of file means the
 * parent is gone (it exits then, so nothing waits forever).
 *
 * The core dump never lands on the machine's disks: the crashing child
 * makes a mount namespace of its own and mounts a small tmpfs (size capped)
 * where the kernel will write its core, its working directory for a
 * relative core_pattern or the pattern's directory for an absolute one;
 * the parent opens that directory through /proc/PID/cwd before the crash.
 * The tmpfs lives as long as something refers to it: once the child is
 * dead and the parent has read the core and closed its FD, it is gone, and
 * if the demo is killed at any moment it goes with the demo's FDs. Without
 * the privilege for a mount namespace (not root, no user namespaces), or
 * for an absolute pattern whose directory cannot be covered, the child
 * sets RLIMIT_CORE to 0 and no core is written; a note says why. A
 * core_pattern that pipes to a program is that program's business: a note
 * says where the core went. core_pattern itself is never changed.
 */
#include "scenario/demo/demo.h"
#include "scenario/demo/family.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/magic.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/i18n.h"

int demo_signal_death(int argc, char **argv);

enum { CORE_LIMIT_MIB = 16, CORE_TMPFS_MIB = 32 };

/* A victim and the parent's end of its gate pipe. */
typedef struct Victim {
	pid_t pid;
	int gate;      /* write end: a byte lets it go on; closing it ends it */
	char said;     /* the byte it sent when ready (see CorePlace) */
} Victim;

/* Where the crashing child's core goes, told in its ready byte: only the
 * demo's own tmpfs is ever searched or emptied. */
typedef enum CorePlace {
	CORE_IN_TMPFS = 'p',    /* its private tmpfs, its working directory */
	CORE_PIPED = 'i',       /* to the program core_pattern names */
	CORE_NOWHERE = 'n',     /* no private place could be had: RLIMIT_CORE stays 0 */
} CorePlace;

/* Where the crashing child's core is expected, decided before the fork. */
typedef struct CoreSetup {
	char pattern[256];   /* /proc/sys/kernel/core_pattern, newline cut */
	char mount_on[PATH_MAX]; /* the directory the private tmpfs goes on, "" none */
	bool piped;          /* the pattern pipes to a program */
} CoreSetup;

/* A byte from fd into *c: true; end of file or an error: false. */
static bool read_byte(int fd, char *c)
{
	ssize_t n;

	do
		n = read(fd, c, 1);
	while (n < 0 && errno == EINTR);
	return n == 1;
}

/* Forks a victim that runs body, and waits for the byte that says it is
 * ready (body prepares, then sends it: victim_ready). */
typedef void (*VictimBody)(int ready, int gate, const CoreSetup *core);

static int make_victim(Victim *v, VictimBody body, const CoreSetup *core)
{
	int ready[2], gate[2];

	if (pipe2(ready, O_CLOEXEC) < 0)
		return -1;
	if (pipe2(gate, O_CLOEXEC) < 0) {
		close(ready[0]);
		close(ready[1]);
		return -1;
	}
	v->pid = family_fork(true);
	if (v->pid == 0) {
		close(ready[0]);
		close(gate[1]);
		body(ready[1], gate[0], core);
		_exit(1);
	}
	close(ready[1]);
	close(gate[0]);
	if (v->pid < 0 || !read_byte(ready[0], &v->said)) {
		close(ready[0]);
		close(gate[1]);
		return -1;
	}
	close(ready[0]);
	v->gate = gate[1];
	return 0;
}

/* The victim's side: ready (saying what), then wait for the go-ahead. */
static void victim_ready(int ready, int gate, char said)
{
	char c;

	family_write_byte(ready, said);
	close(ready);
	if (!read_byte(gate, &c))
		_exit(0); /* the parent is gone */
}

static void body_wait_for_death(int ready, int gate, const CoreSetup *core)
{
	char c;

	(void)core;
	family_write_byte(ready, 'r');
	close(ready);
	/* Until the parent's signal ends it, or the parent ends. */
	while (read_byte(gate, &c))
		;
	_exit(0);
}

/* Raises RLIMIT_CORE to CORE_LIMIT_MIB (as far as the hard limit allows
 * without privilege), or sets it to mib 0. */
static void set_core_limit(long mib)
{
	struct rlimit rl;
	rlim_t want = (rlim_t)mib << 20;
	int rc, err;

	getrlimit(RLIMIT_CORE, &rl);
	rl.rlim_cur = want;
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < want)
		rl.rlim_max = want; /* root may raise the hard limit */
	rc = setrlimit(RLIMIT_CORE, &rl);
	if (rc < 0 && errno == EPERM) {
		getrlimit(RLIMIT_CORE, &rl);
		rl.rlim_cur = rl.rlim_max < want ? rl.rlim_max : want;
		rc = setrlimit(RLIMIT_CORE, &rl);
	}
	err = rc < 0 ? errno : 0;
	getrlimit(RLIMIT_CORE, &rl);
	if (rl.rlim_cur == RLIM_INFINITY)
		demo_api("setrlimit", rc, err, 0,
			 _("setrlimit(RLIMIT_CORE, %ld MiB) = %d: the soft limit is unlimited"), mib, rc);
	else
		demo_api("setrlimit", rc, err, 0,
			 _("setrlimit(RLIMIT_CORE, %ld MiB) = %d: the soft limit is %llu kB"), mib, rc,
			 (unsigned long long)(rl.rlim_cur >> 10));
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* A mount namespace of this process's own: as root directly, otherwise
 * inside a new user namespace that maps only its own ids. */
static int own_mount_namespace(void)
{
	uid_t uid = getuid();
	gid_t gid = getgid();
	char map[64];

	if (unshare(CLONE_NEWNS) == 0) {
		demo_api("unshare", 0, 0, 0, "unshare(CLONE_NEWNS) = 0");
		return 0;
	}
	if (errno != EPERM || unshare(CLONE_NEWUSER | CLONE_NEWNS) < 0) {
		int err = errno;
		demo_api("unshare", -1, err, 0, "unshare(CLONE_NEWNS) = -1: %s", strerror(err));
		return -1;
	}
	demo_api("unshare", 0, 0, 0, "unshare(CLONE_NEWUSER|CLONE_NEWNS) = 0");
	snprintf(map, sizeof map, "%u %u 1\n", (unsigned)uid, (unsigned)uid);
	if (write_file("/proc/self/uid_map", map) == 0 && write_file("/proc/self/setgroups", "deny") == 0) {
		snprintf(map, sizeof map, "%u %u 1\n", (unsigned)gid, (unsigned)gid);
		if (write_file("/proc/self/gid_map", map) == 0)
			return 0;
	}
	demo_note(_("cannot map this user in its new user namespace: %s"), strerror(errno));
	return -1;
}

/* Makes the place of this process's core private: a tmpfs that only this
 * mount namespace sees, on core->mount_on, which becomes the cwd. */
static int private_core_place(const CoreSetup *core)
{
	char options[64];
	int rc;

	if (core->mount_on[0] == '\0' || own_mount_namespace() < 0)
		return -1;
	/* Nothing mounted here propagates back to the machine's namespace. */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) {
		int err = errno;
		demo_api("mount", -1, err, 0, "mount(\"/\", MS_REC|MS_PRIVATE) = -1: %s", strerror(err));
		return -1;
	}
	snprintf(options, sizeof options, "size=%dm,mode=0700", CORE_TMPFS_MIB);
	rc = mount("forkscope-core", core->mount_on, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
		   options);
	demo_api("mount", rc, rc < 0 ? errno : 0, 0,
		 "mount(\"forkscope-core\", \"%s\", \"tmpfs\", \"%s\") = %d", core->mount_on, options,
		 rc);
	if (rc < 0 || chdir(core->mount_on) < 0)
		return -1;
	return 0;
}

static void body_segv(int ready, int gate, const CoreSetup *core)
{
	/* volatile twice: the compiler can neither see that it is NULL nor drop the store */
	volatile int *volatile target = NULL;
	CorePlace place = CORE_PIPED;

	if (!core->piped)
		place = private_core_place(core) == 0 ? CORE_IN_TMPFS : CORE_NOWHERE;
	/* Nowhere private, a core file would land on a disk (in the user's
	 * directory, say): none then. */
	set_core_limit(place == CORE_NOWHERE ? 0 : CORE_LIMIT_MIB);
	victim_ready(ready, gate, (char)place);
	*target = 1;
	_exit(1); /* not reached */
}

static void body_abort(int ready, int gate, const CoreSetup *core)
{
	(void)core;
	set_core_limit(0);
	victim_ready(ready, gate, 'r');
	abort();
}

/* waitpid, decoded with the macros, each reported as a call of its own
 * (short lines: the Events pane shows them whole). Returns the status or -1. */
static int wait_decoded(pid_t pid)
{
	int status = 0;
	pid_t got;

	do
		got = waitpid(pid, &status, 0);
	while (got < 0 && errno == EINTR);
	if (got < 0) {
		demo_api("waitpid", -1, errno, pid, "waitpid(%d) = -1: %s", (int)pid, strerror(errno));
		return -1;
	}
	demo_api("waitpid", got, 0, got, "waitpid(%d, &status) = %d", (int)pid, (int)got);
	demo_api("WIFSIGNALED", WIFSIGNALED(status), 0, 0, "WIFSIGNALED(status) = %d",
		 WIFSIGNALED(status) ? 1 : 0);
	if (WIFSIGNALED(status)) {
		demo_api("WTERMSIG", WTERMSIG(status), 0, 0, "WTERMSIG(status) = %d (SIG%s)",
			 WTERMSIG(status), sigabbrev_np(WTERMSIG(status)));
		demo_api("WCOREDUMP", WCOREDUMP(status) ? 1 : 0, 0, 0, "WCOREDUMP(status) = %d",
			 WCOREDUMP(status) ? 1 : 0);
	} else if (WIFEXITED(status)) {
		demo_api("WIFEXITED", 1, 0, 0, "WIFEXITED(status) = 1");
		demo_api("WEXITSTATUS", WEXITSTATUS(status), 0, 0, "WEXITSTATUS(status) = %d",
			 WEXITSTATUS(status));
	}
	return status;
}

static void close_gate(Victim *v)
{
	if (v->gate >= 0)
		close(v->gate);
	v->gate = -1;
}

static int kill_and_wait(int signo)
{
	Victim v;
	int rc, status;

	if (make_victim(&v, body_wait_for_death, NULL) < 0)
		return -1;
	rc = kill(v.pid, signo);
	demo_api("kill", rc, rc < 0 ? errno : 0, 0, "kill(%d, SIG%s) = %d", (int)v.pid,
		 sigabbrev_np(signo), rc);
	status = wait_decoded(v.pid);
	close_gate(&v);
	return status >= 0 && WIFSIGNALED(status) && WTERMSIG(status) == signo ? 0 : -1;
}

/* ---- the core ---- */

static void read_core_pattern(CoreSetup *core)
{
	int fd = open("/proc/sys/kernel/core_pattern", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd >= 0 ? read(fd, core->pattern, sizeof core->pattern - 1) : -1;

	if (fd >= 0)
		close(fd);
	core->pattern[n > 0 ? n : 0] = '\0';
	core->pattern[strcspn(core->pattern, "\n")] = '\0';
	core->piped = core->pattern[0] == '|';
	core->mount_on[0] = '\0';
	/* The value first: the Events pane cuts a line at its edge. */
	if (core->piped) {
		demo_api("read", n, n < 0 ? errno : 0, 0,
			 _("read(core_pattern) = \"%s\": a pipe; the kernel runs that program with "
			   "the core on its stdin, and it decides where the core goes"), core->pattern);
	} else if (core->pattern[0] == '/') {
		char *slash;
		snprintf(core->mount_on, sizeof core->mount_on, "%s", core->pattern);
		slash = strrchr(core->mount_on, '/');
		if (slash == core->mount_on || strchr(core->mount_on, '%') != NULL)
			core->mount_on[0] = '\0'; /* "/core.%p", or a directory made of specifiers */
		else
			*slash = '\0';
		demo_api("read", n, n < 0 ? errno : 0, 0,
			 _("read(core_pattern) = \"%s\": an absolute path, the same for every "
			   "process"), core->pattern);
	} else {
		snprintf(core->mount_on, sizeof core->mount_on, "/tmp");
		demo_api("read", n, n < 0 ? errno : 0, 0,
			 _("read(core_pattern) = \"%s\": a file name, in the crashing process's "
			   "working directory"), core->pattern);
	}
}

/* The core files in dir (an FD on the dead child's working directory, one
 * the demo made): reported, or removed. Returns how many there were. */
static int take_cores(int dir, bool remove)
{
	int copy = dup(dir), found = 0;
	DIR *d = copy >= 0 ? fdopendir(copy) : NULL;
	struct dirent *e;

	if (d == NULL) {
		if (copy >= 0)
			close(copy);
		return 0;
	}
	rewinddir(d); /* the copy shares dir's position, at the end after a first pass */
	while ((e = readdir(d)) != NULL) {
		struct stat st;
		int rc;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
		    fstatat(dir, e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(st.st_mode))
			continue;
		found++;
		if (!remove) {
			demo_api("fstatat", 0, 0, 0, _("fstatat(dir, \"%s\") = 0: %lld kB, a core file"),
				 e->d_name, (long long)st.st_size / 1024);
			continue;
		}
		rc = unlinkat(dir, e->d_name, 0);
		demo_api("unlinkat", rc, rc < 0 ? errno : 0, 0, "unlinkat(dir, \"%s\") = %d", e->d_name, rc);
	}
	closedir(d);
	return found;
}

/* An FD on the victim's working directory if it is the demo's private
 * tmpfs, else -1. Opened before the crash: held, it outlives the child. */
static int open_core_place(const Victim *v)
{
	struct statfs fs;
	char path[64];
	int dir;

	if (v->said != CORE_IN_TMPFS)
		return -1;
	snprintf(path, sizeof path, "/proc/%d/cwd", (int)v->pid);
	dir = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	demo_api("open", dir, dir < 0 ? errno : 0, 0, "dir = open(\"%s\") = %d", path, dir);
	if (dir >= 0 && (fstatfs(dir, &fs) < 0 || fs.f_type != TMPFS_MAGIC)) {
		close(dir);
		return -1;
	}
	return dir;
}

static void note_no_core_file(const CoreSetup *core, const Victim *v, int status)
{
	if (v->said == CORE_NOWHERE)
		demo_note("%s", _("no private place for a core here (the reports above say why): the "
				  "child set RLIMIT_CORE to 0, so that no core lands on a disk, and the "
				  "kernel wrote none; as root, or where user namespaces are allowed, it "
				  "writes one"));
	else if (core->piped && WCOREDUMP(status))
		demo_note(_("no core file of the demo's: the kernel piped the core to %s"),
			  core->pattern);
	else
		demo_note("%s", _("no core file: the kernel wrote none (WCOREDUMP 0)"));
}

static int crash_with_core(CoreSetup *core)
{
	Victim v;
	int dir, status, cores = 0;

	read_core_pattern(core);
	if (make_victim(&v, body_segv, core) < 0)
		return -1;
	dir = open_core_place(&v);
	family_write_byte(v.gate, 'g');
	status = wait_decoded(v.pid);
	close_gate(&v);
	if (status < 0) {
		if (dir >= 0)
			close(dir);
		return -1;
	}
	if (dir >= 0)
		cores = take_cores(dir, false);
	if (cores == 0)
		note_no_core_file(core, &v, status);
	demo_step(3);

	if (dir >= 0) {
		int rc;

		take_cores(dir, true);
		rc = close(dir);
		demo_api("close", rc, rc < 0 ? errno : 0, 0,
			 _("close(dir) = %d: the tmpfs's last reference; it is gone"), rc);
	}
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV ? 0 : -1;
}

/* ---- the shell ---- */

/* sh -c: an inner shell kills itself with SIGTERM; the outer one reports
 * $? and exits with it. */
static const char shell_script[] =
	"sh -c 'kill -TERM $$'; status=$?; echo \"sh: \\$? = $status\"; exit $status";

/* Reads what the shell wrote until it is gone (end of file), and reports
 * each line: through the report pipe, it is in the log before the step. */
static void report_shell_output(int fd)
{
	char buf[512];
	size_t used = 0;
	ssize_t n;

	for (;;) {
		n = read(fd, buf + used, sizeof buf - 1 - used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		used += (size_t)n;
		if (used == sizeof buf - 1)
			break;
	}
	buf[used] = '\0';
	for (char *line = buf, *nl; *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		if (nl == NULL)
			nl = line + strlen(line) - 1;
		else
			*nl = '\0';
		demo_api("read", (long long)strlen(line), 0, 0, _("read(pipe) = \"%s\""), line);
	}
}

static int shell_reports(void)
{
	int out[2], status;
	pid_t pid;

	if (pipe2(out, O_CLOEXEC) < 0)
		return -1;
	pid = family_fork(true);
	if (pid == 0) {
		dup2(out[1], STDOUT_FILENO);
		dup2(out[1], STDERR_FILENO);
		execl("/bin/sh", "sh", "-c", shell_script, (char *)NULL);
		family_exec_failed("execl", "execl(\"/bin/sh\", \"sh\", \"-c\", ...)");
	}
	close(out[1]);
	if (pid < 0) {
		close(out[0]);
		return -1;
	}
	report_shell_output(out[0]);
	close(out[0]);
	status = wait_decoded(pid);
	return status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 128 + SIGTERM ? 0 : -1;
}

static int abort_and_wait(void)
{
	Victim v;
	int status;

	if (make_victim(&v, body_abort, NULL) < 0)
		return -1;
	family_write_byte(v.gate, 'g');
	status = wait_decoded(v.pid);
	close_gate(&v);
	return status >= 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT ? 0 : -1;
}

int demo_signal_death(int argc, char **argv)
{
	CoreSetup core = { 0 };

	(void)argc;
	(void)argv;
	if (kill_and_wait(SIGTERM) < 0)
		return 1;
	demo_step(1);
	if (kill_and_wait(SIGKILL) < 0)
		return 1;
	demo_step(2);
	if (crash_with_core(&core) < 0 || abort_and_wait() < 0)
		return 1;
	demo_step(4);
	if (shell_reports() < 0)
		return 1;
	demo_step(5);
	return 0;
}
