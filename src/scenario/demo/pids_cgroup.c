/*
 * The pids cgroup of fork-fail (see pids_cgroup.h). Where it goes: in the
 * unified hierarchy (cgroup2), the nearest cgroup at or above the helper's
 * own whose cgroup.subtree_control enables pids (a new child of it has
 * pids.max); in a v1 pids hierarchy, under the helper's own pids cgroup.
 * The name carries the helper's pid, so runs side by side never meet, and a
 * directory whose helper is gone can be told apart and removed.
 *
 * The janitor runs between a raw clone and _exit: it calls only thin
 * system-call wrappers (no stdio, no malloc), as after a fork in a
 * threaded program.
 */
#include "scenario/demo/pids_cgroup.h"
#include "scenario/demo/demo.h"
#include "scenario/demo/family.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"

enum {
	REMOVE_TRIES = 2000,         /* 2000 x 5 ms: the janitor gives up after 10 s */
	REMOVE_PAUSE_NS = 5000000,
};

/* Reads a small file whole (NUL-terminated); its length or -1. */
static ssize_t read_small(const char *path, char *buf, size_t len)
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

static int write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;
	int err;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	err = errno;
	close(fd);
	errno = err;
	return n < 0 ? -1 : 0;
}

/* Is word one of the tokens of list (separated by any of seps)? */
static bool has_token(const char *list, const char *word, const char *seps)
{
	size_t len = strlen(word);

	for (const char *p = list; *p != '\0';) {
		size_t span = strcspn(p, seps);
		if (span == len && strncmp(p, word, len) == 0)
			return true;
		p += span;
		p += strspn(p, seps);
	}
	return false;
}

/* mountinfo escapes a space as \040 (and \011, \012, \134): undone in place. */
static void unescape_octal(char *s)
{
	char *out = s;

	for (char *in = s; *in != '\0'; in++) {
		if (in[0] == '\\' && isdigit((unsigned char)in[1]) && isdigit((unsigned char)in[2]) &&
		    isdigit((unsigned char)in[3])) {
			*out++ = (char)((in[1] - '0') * 64 + (in[2] - '0') * 8 + (in[3] - '0'));
			in += 3;
		} else {
			*out++ = *in;
		}
	}
	*out = '\0';
}

/* The mount of a hierarchy: cgroup2, or a v1 cgroup whose options name pids.
 * root: the mount's root inside the hierarchy; point: where it is mounted. */
static bool find_mount(bool v2, char *root, char *point, size_t len)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[4096];
	bool found = false;

	if (f == NULL)
		return false;
	while (!found && fgets(line, sizeof line, f) != NULL) {
		char mroot[PATH_MAX], mpoint[PATH_MAX], fstype[64], source[256], opts[1024];
		const char *dash = strstr(line, " - ");

		if (dash == NULL || sscanf(line, "%*s %*s %*s %4095s %4095s", mroot, mpoint) != 2 ||
		    sscanf(dash + 3, "%63s %255s %1023s", fstype, source, opts) != 3)
			continue;
		if (v2 ? strcmp(fstype, "cgroup2") != 0
		       : strcmp(fstype, "cgroup") != 0 || !has_token(opts, "pids", ","))
			continue;
		unescape_octal(mroot);
		unescape_octal(mpoint);
		if (strlen(mroot) < len && strlen(mpoint) < len) {
			strcpy(root, mroot);
			strcpy(point, mpoint);
			found = true;
		}
	}
	fclose(f);
	return found;
}

/* The helper's cgroup in the hierarchy: "0::/path" (v2) or "N:...pids...:/path". */
static bool own_cgroup(bool v2, char *path, size_t len)
{
	FILE *f = fopen("/proc/self/cgroup", "re");
	char line[4096];
	bool found = false;

	if (f == NULL)
		return false;
	while (!found && fgets(line, sizeof line, f) != NULL) {
		char *c1 = strchr(line, ':'), *c2 = c1 != NULL ? strchr(c1 + 1, ':') : NULL;

		if (c2 == NULL)
			continue;
		*c2 = '\0';
		line[strcspn(line, ":")] = '\0';
		if (v2 ? strcmp(line, "0") != 0 || c2 != c1 + 1 : !has_token(c1 + 1, "pids", ","))
			continue;
		c2[1 + strcspn(c2 + 1, "\n")] = '\0';
		if (strlen(c2 + 1) < len) {
			strcpy(path, c2 + 1);
			found = true;
		}
	}
	fclose(f);
	return found;
}

/* The directory of the helper's cgroup in the mounted hierarchy. */
static bool own_dir(bool v2, char *dir, size_t len, char *why, size_t whylen)
{
	char root[PATH_MAX], point[PATH_MAX], path[PATH_MAX];
	size_t rlen;

	if (!find_mount(v2, root, point, sizeof root)) {
		snprintf(why, whylen, v2 ? _("no cgroup2 hierarchy is mounted")
					 : _("no cgroup v1 hierarchy with the pids controller is mounted"));
		return false;
	}
	if (!own_cgroup(v2, path, sizeof path)) {
		snprintf(why, whylen, _("/proc/self/cgroup names no cgroup in %s"), point);
		return false;
	}
	/* The mount shows the hierarchy from its root on: a path outside it is not there. */
	rlen = strcmp(root, "/") == 0 ? 0 : strlen(root);
	if (strncmp(path, root, rlen) != 0 || (path[rlen] != '/' && path[rlen] != '\0')) {
		snprintf(why, whylen, _("the hierarchy mounted at %s does not show the helper's cgroup"), point);
		return false;
	}
	if ((size_t)snprintf(dir, len, "%s%s", point, path + rlen) >= len)
		return false;
	/* "/sys/fs/cgroup/" for the root: no trailing slash. */
	if (strlen(dir) > 1 && dir[strlen(dir) - 1] == '/')
		dir[strlen(dir) - 1] = '\0';
	return true;
}

/* v2: the nearest cgroup from dir up to the mount point that gives its new
 * children the pids controller. Shortens dir in place. */
static bool climb_to_pids(char *dir, const char *point)
{
	for (;;) {
		char file[PATH_MAX + 32], controls[512];
		char *slash;

		snprintf(file, sizeof file, "%s/cgroup.subtree_control", dir);
		if (read_small(file, controls, sizeof controls) >= 0 && has_token(controls, "pids", " \n"))
			return true;
		if (strlen(dir) <= strlen(point) || (slash = strrchr(dir, '/')) == NULL || slash == dir)
			return false;
		*slash = '\0';
	}
}

/* Where the new cgroup goes, and in which hierarchy. */
static bool pick_parent(PidsCgroup *cg, char *parent, size_t len, char *why, size_t whylen)
{
	char root[PATH_MAX], point[PATH_MAX], v2why[256] = "";

	if (own_dir(true, parent, len, v2why, sizeof v2why)) {
		find_mount(true, root, point, sizeof root);
		if (climb_to_pids(parent, point)) {
			cg->v2 = true;
			return true;
		}
		snprintf(v2why, sizeof v2why, "%s",
			 _("the cgroup2 hierarchy does not enable the pids controller for new cgroups"));
	}
	if (own_dir(false, parent, len, why, whylen)) {
		cg->v2 = false;
		return true;
	}
	if (v2why[0] != '\0') {
		size_t used = strlen(why);
		snprintf(why + used, whylen - used, "; %s", v2why);
	}
	return false;
}

/* Directories of helpers that are gone: their janitor was killed too. */
static void sweep_stale(const char *parent)
{
	size_t plen = strlen(PIDS_CGROUP_PREFIX);
	DIR *d = opendir(parent);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char path[PATH_MAX + 256], *end;
		long owner;

		if (strncmp(e->d_name, PIDS_CGROUP_PREFIX, plen) != 0)
			continue;
		owner = strtol(e->d_name + plen, &end, 10);
		if (*end != '\0' || owner <= 0 || kill((pid_t)owner, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(path, sizeof path, "%s/%s", parent, e->d_name);
		if (rmdir(path) == 0)
			demo_api("rmdir", 0, 0, 0, _("rmdir(\"%s\") = 0: left by a run that was killed"), path);
	}
	closedir(d);
}

static void pause_briefly(void)
{
	struct timespec ts = { .tv_nsec = REMOVE_PAUSE_NS };

	nanosleep(&ts, NULL);
}

/* SIGKILL to every process still in the cgroup: only the demo's can be. */
static void kill_members(const char *dir)
{
	char file[PATH_MAX + 32], pids[4096], *p, *end;

	snprintf(file, sizeof file, "%s/cgroup.procs", dir);
	if (read_small(file, pids, sizeof pids) <= 0)
		return;
	for (p = pids;; p = end) {
		long pid = strtol(p, &end, 10);
		if (end == p)
			break;
		if (pid > 0)
			kill((pid_t)pid, SIGKILL);
	}
}

/* Removes dir once no process is in it (an exiting one may hold it for a
 * moment); true when it is gone. */
static bool remove_dir(const char *dir, bool kill_left)
{
	for (int i = 0; i < REMOVE_TRIES; i++) {
		if (rmdir(dir) == 0 || errno == ENOENT)
			return true;
		if (errno != EBUSY)
			return false;
		if (kill_left)
			kill_members(dir);
		pause_briefly();
	}
	return false;
}

static void __attribute__((noreturn)) janitor(const char *dir, int leash)
{
	char c;
	ssize_t n;

	/* Out of the demo's session and group, with nothing of it open but the
	 * leash's read end: a kill of the group, or a reader waiting for the
	 * demo's pipes to close, does not wait for it. */
	setsid();
	prctl(PR_SET_NAME, "fork-fail-clean");
	if (dup2(leash, STDIN_FILENO) < 0)
		_exit(1);
	close_range(STDOUT_FILENO, ~0U, 0);
	do
		n = read(STDIN_FILENO, &c, 1);
	while (n > 0 || (n < 0 && errno == EINTR));
	/* Every holder of a write end is gone: the demo ended, one way or another. */
	_exit(remove_dir(dir, true) ? 0 : 1);
}

static pid_t start_janitor(PidsCgroup *cg)
{
	struct clone_args args = { .flags = CLONE_UNTRACED, .exit_signal = SIGCHLD };
	int fds[2];
	long pid;

	if (pipe2(fds, O_CLOEXEC) < 0)
		return -1;
	pid = syscall(SYS_clone3, &args, sizeof args);
	if (pid < 0 && errno == ENOSYS)
		pid = syscall(SYS_clone, CLONE_UNTRACED | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		close(fds[1]);
		janitor(cg->dir, fds[0]);
	}
	close(fds[0]);
	if (pid < 0) {
		int err = errno;
		close(fds[1]);
		errno = err;
		return -1;
	}
	cg->leash = fds[1];
	cg->janitor = (pid_t)pid;
	return cg->janitor;
}

int PidsCgroup_init(PidsCgroup *cg, long max, char *why, size_t len)
{
	char parent[PATH_MAX], file[PATH_MAX + 32], text[32];
	int rc, err;

	memset(cg, 0, sizeof *cg);
	cg->leash = -1;
	why[0] = '\0';
	if (!pick_parent(cg, parent, sizeof parent, why, len))
		return -1;
	if ((size_t)snprintf(cg->dir, sizeof cg->dir, "%s/%s%d", parent, PIDS_CGROUP_PREFIX,
			     (int)getpid()) >= sizeof cg->dir) {
		snprintf(why, len, _("the cgroup's path is too long"));
		cg->dir[0] = '\0';
		return -1;
	}
	/* Before anything exists: a quick test that mkdir is allowed at all. */
	if (access(parent, W_OK) != 0) {
		snprintf(why, len, _("%s is not writable: %s"), parent, strerror(errno));
		cg->dir[0] = '\0';
		return -1;
	}
	sweep_stale(parent);
	if (start_janitor(cg) < 0) {
		snprintf(why, len, _("no janitor could be started to remove the cgroup if the demo is killed: %s"),
			 strerror(errno));
		cg->dir[0] = '\0';
		return -1;
	}
	/* Its pid as the child: the report names the janitor, which the tracer
	 * never sees, not the next child the helper makes. */
	demo_api("clone", cg->janitor, 0, cg->janitor,
		 _("clone(CLONE_UNTRACED) = %d: a janitor the tracer does not follow, to remove the cgroup "
		   "if forkscope is killed"),
		 (int)cg->janitor);
	rmdir(cg->dir); /* left by an earlier helper that had this pid, if any */
	rc = mkdir(cg->dir, 0755);
	err = errno;
	demo_api("mkdir", rc, rc < 0 ? err : 0, 0, "mkdir(\"%s\") = %d%s%s", cg->dir, rc,
		 rc < 0 ? ": " : "", rc < 0 ? strerror(err) : "");
	if (rc < 0) {
		snprintf(why, len, _("mkdir in %s failed: %s"), parent, strerror(err));
		cg->dir[0] = '\0';
		PidsCgroup_done(cg);
		return -1;
	}
	snprintf(file, sizeof file, "%s/pids.max", cg->dir);
	snprintf(text, sizeof text, "%ld", max);
	rc = write_text(file, text);
	err = errno;
	demo_api("write", rc, rc < 0 ? err : 0, 0, "write(pids.max, \"%ld\") = %d%s%s", max,
		 rc < 0 ? -1 : (int)strlen(text), rc < 0 ? ": " : "", rc < 0 ? strerror(err) : "");
	if (rc < 0) {
		snprintf(why, len, _("%s cannot be written: %s"), file, strerror(err));
		PidsCgroup_done(cg);
		return -1;
	}
	return 0;
}

int PidsCgroup_enter(const PidsCgroup *cg)
{
	char file[PATH_MAX + 32], text[32];
	int rc, err;

	snprintf(file, sizeof file, "%s/cgroup.procs", cg->dir);
	snprintf(text, sizeof text, "%d", (int)getpid());
	rc = write_text(file, text);
	err = errno;
	demo_api("write", rc, rc < 0 ? err : 0, 0, _("write(cgroup.procs, \"%s\") = %d: into the cgroup%s%s"),
		 text, rc < 0 ? -1 : (int)strlen(text), rc < 0 ? ": " : "", rc < 0 ? strerror(err) : "");
	return rc;
}

long PidsCgroup_value(const PidsCgroup *cg, const char *file, const char *key)
{
	char path[PATH_MAX + 32], buf[512];
	const char *at = buf;
	char *end;
	long v;

	snprintf(path, sizeof path, "%s/%s", cg->dir, file);
	if (read_small(path, buf, sizeof buf) <= 0)
		return -1;
	if (key != NULL) {
		size_t klen = strlen(key);
		for (at = buf; at != NULL; at = strchr(at, '\n') ? strchr(at, '\n') + 1 : NULL)
			if (strncmp(at, key, klen) == 0 && at[klen] == ' ')
				break;
		if (at == NULL)
			return -1;
		at += klen + 1;
	}
	v = strtol(at, &end, 10);
	return end == at ? -1 : v;
}

void PidsCgroup_done(PidsCgroup *cg)
{
	int status;

	if (cg->dir[0] != '\0') {
		bool gone = remove_dir(cg->dir, false);
		int err = errno;

		demo_api("rmdir", gone ? 0 : -1, gone ? 0 : err, 0, "rmdir(\"%s\") = %d%s%s", cg->dir,
			 gone ? 0 : -1, gone ? "" : ": ", gone ? "" : strerror(err));
		cg->dir[0] = '\0';
	}
	if (cg->leash >= 0) {
		close(cg->leash); /* the janitor wakes, finds nothing to do, exits */
		cg->leash = -1;
	}
	if (cg->janitor > 0) {
		char text[64];
		pid_t got;

		while ((got = waitpid(cg->janitor, &status, 0)) < 0 && errno == EINTR)
			;
		family_status_text(status, text, sizeof text);
		demo_api("waitpid", got, got < 0 ? errno : 0, cg->janitor,
			 _("waitpid(%d) = %d, status %s: the janitor, let go"), (int)cg->janitor, (int)got,
			 got < 0 ? "-" : text);
		cg->janitor = 0;
	}
}
