/*
 * fork-fail: fork returns -1 with EAGAIN at a process limit (see
 * scenarios/fork_fail.c for what each step shows).
 *
 * The limit must not harm the machine, so it holds one child of the
 * helper, "the limited process", and its children, nothing else:
 *  - a pids cgroup of the demo's own with pids.max = limit, where one can
 *    be made (pids_cgroup.c; it holds root too);
 *  - else (or with rlimit=1) RLIMIT_NPROC = limit in the limited process,
 *    which first drops to an unprivileged uid no process uses, since root
 *    ignores RLIMIT_NPROC. The uid comes from the helper's pid, so runs side
 *    by side count different users. Without root the user's own uid is
 *    limited: its processes elsewhere count too, and the limit says so.
 * The limited process then forks children that wait on a pipe until the
 * next fork fails; it reports the count the kernel held at that moment.
 */
#include "scenario/demo/demo.h"
#include "scenario/params.h"
#include "scenario/demo/family.h"
#include "scenario/demo/pids_cgroup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "base/i18n.h"

int demo_fork_fail(int argc, char **argv);

/* The same caps as the row in scenarios/fork_fail.c. */
enum { UID_BASE = 100000, UID_SPAN = 800000, UID_TRIES = 64 };

typedef struct Limit {
	PidsCgroup cgroup;    /* dir "" when RLIMIT_NPROC is used */
	long max;             /* processes allowed: the limited one and its children */
	uid_t uid;            /* RLIMIT_NPROC: the uid counted */
} Limit;

/* Processes whose real uid is uid (what RLIMIT_NPROC counts), from /proc. */
static long count_of_uid(uid_t uid)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	long n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		char path[300], buf[2048];
		const char *at;
		unsigned long real;
		ssize_t len;
		int fd;

		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof path, "/proc/%s/status", e->d_name);
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
			continue;
		len = read(fd, buf, sizeof buf - 1);
		close(fd);
		buf[len > 0 ? len : 0] = '\0';
		if ((at = strstr(buf, "\nUid:")) != NULL && sscanf(at + 5, "%lu", &real) == 1 &&
		    real == (unsigned long)uid)
			n++;
	}
	closedir(d);
	return n;
}

/* An unprivileged uid no process has, chosen from the helper's pid. */
static uid_t free_uid(void)
{
	uid_t base = (uid_t)(UID_BASE + (unsigned)getpid() % UID_SPAN);

	for (uid_t k = 0; k < UID_TRIES; k++)
		if (count_of_uid(base + k) == 0)
			return base + k;
	return (uid_t)-1;
}

static void choose_limit(Limit *lim, long max, bool rlimit_only)
{
	char why[512];

	lim->max = max;
	lim->uid = getuid();
	if (rlimit_only) {
		snprintf(why, sizeof why, "%s", _("asked for with rlimit=1"));
		memset(&lim->cgroup, 0, sizeof lim->cgroup);
		lim->cgroup.leash = -1;
	} else if (PidsCgroup_init(&lim->cgroup, max, why, sizeof why) == 0) {
		demo_note(_("limit: pids.max = %ld in a cgroup of the demo's own, %s (%s). A pids cgroup "
			    "limits root too, and only what is put in it"),
			  max, lim->cgroup.dir, lim->cgroup.v2 ? "cgroup v2" : _("cgroup v1 pids hierarchy"));
		return;
	}
	if (geteuid() == 0) {
		lim->uid = free_uid();
		demo_note(_("limit: RLIMIT_NPROC = %ld for uid %d, a uid no process has, which the limited "
			    "child drops to: root ignores RLIMIT_NPROC. No pids cgroup: %s"),
			  max, (int)lim->uid, why);
	} else {
		demo_note(_("limit: RLIMIT_NPROC for uid %d, the user's own (not root: no uid to drop to); "
			    "the user's other processes count too. No pids cgroup: %s"),
			  (int)lim->uid, why);
	}
}

/* In the limited process: RLIMIT_NPROC, then (as root) the drop to lim->uid. */
static int apply_rlimit(Limit *lim)
{
	struct rlimit rl;
	long already = 0;
	int rc;

	if (geteuid() != 0) {
		/* The user's processes now, this one included: room for max - 1 more. */
		already = count_of_uid(lim->uid) - 1;
		if (already < 0)
			already = 0;
	}
	rl.rlim_cur = rl.rlim_max = (rlim_t)(already + lim->max);
	rc = setrlimit(RLIMIT_NPROC, &rl);
	demo_api("setrlimit", rc, rc < 0 ? errno : 0, 0, "setrlimit(RLIMIT_NPROC, %ld) = %d",
		 (long)rl.rlim_cur, rc);
	if (rc < 0 || geteuid() != 0)
		return rc;
	if (lim->uid == (uid_t)-1) {
		demo_note("%s", _("no free uid was found to drop to"));
		return -1;
	}
	if (setgroups(0, NULL) < 0 || setresgid(lim->uid, lim->uid, lim->uid) < 0) {
		demo_api("setresgid", -1, errno, 0, "setresgid(%d) = -1: %s", (int)lim->uid, strerror(errno));
		return -1;
	}
	rc = setresuid(lim->uid, lim->uid, lim->uid);
	demo_api("setresuid", rc, rc < 0 ? errno : 0, 0,
		 _("setresuid(%d, %d, %d) = %d: no longer root, so RLIMIT_NPROC applies"), (int)lim->uid,
		 (int)lim->uid, (int)lim->uid, rc);
	if (rc < 0)
		return -1;
	/* A change of ids clears the parent-death signal: armed again. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	return 0;
}

/* The count the kernel holds against the limit, for the failed fork's report. */
static void report_failure(const Limit *lim, int err)
{
	const char *name = strerrorname_np(err) != NULL ? strerrorname_np(err) : "?";

	if (lim->cgroup.dir[0] != '\0') {
		demo_api("fork", -1, err, 0, _("fork() = -1, %s: %ld of pids.max %ld"), name,
			 PidsCgroup_value(&lim->cgroup, "pids.current", NULL),
			 PidsCgroup_value(&lim->cgroup, "pids.max", NULL));
		demo_note(_("pids.current is the cgroup's count; pids.events says max %ld: the forks it refused"),
			  PidsCgroup_value(&lim->cgroup, "pids.events", "max"));
	} else {
		struct rlimit rl;
		getrlimit(RLIMIT_NPROC, &rl);
		demo_api("fork", -1, err, 0, _("fork() = -1, %s: %ld of RLIMIT_NPROC %ld (processes of uid %d)"),
			 name, count_of_uid(lim->uid), (long)rl.rlim_cur, (int)lim->uid);
	}
}

/* The limited process: forks until fork fails (at most max children, so
 * that a limit that does not hold still keeps to the cap), holds the
 * children for the step, then lets them go and reaps them. */
static void __attribute__((noreturn)) limited(Limit *lim)
{
	pid_t kids[FORK_FAIL_LIMIT_MAX];
	int hold[2], nkids = 0, status = 0;
	bool failed = false;

	if (pipe2(hold, O_CLOEXEC) < 0)
		_exit(1);
	if (lim->cgroup.dir[0] != '\0' ? PidsCgroup_enter(&lim->cgroup) < 0 : apply_rlimit(lim) < 0)
		demo_note("%s", _("the limit could not be set (the call above says why): the forks below "
				  "run without it"));
	demo_step(1);
	while (!failed && nkids < lim->max) {
		pid_t parent = getpid();
		pid_t pid = fork();
		int err = errno;

		if (pid == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			if (getppid() != parent)
				_exit(111);
			close(hold[1]);
			demo_api("fork", 0, 0, 0, "%s", _("fork() = 0 in the child"));
			family_wait_eof(hold[0]);
			_exit(0);
		}
		if (pid < 0) {
			report_failure(lim, err);
			failed = true;
			break;
		}
		demo_api("fork", pid, 0, pid, _("fork() = %d in the parent: %d of %ld processes"), (int)pid,
			 nkids + 2, lim->max);
		kids[nkids++] = pid;
	}
	if (!failed)
		demo_note("%s", _("every fork succeeded: the limit did not hold"));
	demo_step(2);
	close(hold[1]);
	for (int i = 0; i < nkids; i++)
		if (family_wait(kids[i]) < 0)
			status = 1;
	_exit(status);
}

int demo_fork_fail(int argc, char **argv)
{
	long max = demo_option("limit");
	Limit lim;
	pid_t child;
	int status;

	choose_limit(&lim, max, demo_option("rlimit") == 1);
	child = family_fork(true);
	if (child == 0)
		limited(&lim);
	status = child > 0 ? family_wait(child) : -1;
	PidsCgroup_done(&lim.cgroup);
	if (status != 0)
		return 1;
	demo_step(3);
	return 0;
}
