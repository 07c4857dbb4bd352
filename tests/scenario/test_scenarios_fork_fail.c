/*
 * Kernel truth for the scenario fork-fail: it runs through the helper and
 * the tracer (the Runner), and at every step boundary the test reads the
 * kernel itself: the cgroup's pids.max, pids.current, pids.events and
 * cgroup.procs, or /proc/PID/limits and the processes of the limited uid;
 * the tracer's count of the children; the directory gone afterwards, also
 * when the tracer is killed with SIGKILL while the cgroup is full (the
 * janitor's case). The helper's reports are used to learn a pid and to
 * tell which call failed, never as the evidence.
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "spawn_truth.h"

#define CGROUP_PREFIX "forkscope-fork-fail-"

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

/* The first number of a file of dir, or the one after "key " in it. */
static long file_number(const char *dir, const char *name, const char *key)
{
	char path[PATH_MAX + 64], buf[1024];
	const char *at = buf;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	ck_assert_msg(file_read(path, buf, sizeof buf) > 0, "cannot read %s", path);
	if (key != NULL) {
		char k[64];
		snprintf(k, sizeof k, "%s ", key);
		ck_assert_msg((at = strstr(buf, k)) != NULL, "%s has no %s", path, key);
		at += strlen(k);
	}
	return strtol(at, NULL, 10);
}

/* Processes whose real uid is uid. */
static int count_uid(long uid)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL) {
		long ids[3] = { -1, -1, -1 };
		char line[256];

		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		if (!status_line((pid_t)atoi(e->d_name), "Uid", line, sizeof line))
			continue;
		sscanf(line, "%ld %ld %ld", &ids[0], &ids[1], &ids[2]);
		n += ids[0] == uid;
	}
	closedir(d);
	return n;
}

/* The soft limit of a /proc/PID/limits line ("Max processes"). */
static long soft_limit(pid_t pid, const char *name)
{
	char buf[4096];
	const char *at;

	ck_assert_int_gt(proc_read(pid, "limits", buf, sizeof buf), 0);
	ck_assert_ptr_nonnull(at = strstr(buf, name));
	return strtol(at + strlen(name), NULL, 10);
}

/* The number in the text of report n of api by pid (its return value). */
static long long report_ret(const Session *s, pid_t pid, const char *api, int n)
{
	const Event *ev = nth_api(s, pid, api, n);

	ck_assert_msg(ev != NULL, "no report %d of %s by %d", n, api, (int)pid);
	return ev->ret;
}

/* ---- fork-fail ----------------------------------------------------------- */

typedef struct ForkFail {
	long limit;
	bool rlimit_asked;
	char dir[PATH_MAX];  /* the cgroup's directory, "" for RLIMIT_NPROC */
	long uid;            /* RLIMIT_NPROC: the limited uid */
} ForkFail;

static ForkFail ff;

/* A mount of the pids controller: cgroup2 (v2) or a v1 cgroup with it. */
static bool pids_mount(bool v2, char *point, size_t len)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[4096];
	bool found = false;

	ck_assert_ptr_nonnull(f);
	while (!found && fgets(line, sizeof line, f) != NULL) {
		char mpoint[PATH_MAX], fstype[64], opts[1024];
		const char *dash = strstr(line, " - ");

		if (dash == NULL || sscanf(line, "%*s %*s %*s %*s %4095s", mpoint) != 1 ||
		    sscanf(dash + 3, "%63s %*s %1023s", fstype, opts) != 2)
			continue;
		if (v2 ? strcmp(fstype, "cgroup2") == 0
		       : strcmp(fstype, "cgroup") == 0 && (strstr(opts, ",pids") || strncmp(opts, "pids", 4) == 0)) {
			snprintf(point, len, "%s", mpoint);
			found = true;
		}
	}
	fclose(f);
	return found;
}

/* Can the helper make a pids cgroup here (root, and a hierarchy with pids)? */
static bool cgroup_possible(void)
{
	char point[PATH_MAX], path[PATH_MAX + 32], controls[512];

	if (geteuid() != 0)
		return false;
	if (pids_mount(false, point, sizeof point))
		return true;
	if (!pids_mount(true, point, sizeof point))
		return false;
	snprintf(path, sizeof path, "%s/cgroup.subtree_control", point);
	return file_read(path, controls, sizeof controls) > 0 && strstr(controls, "pids") != NULL;
}

/* The directory of pid's cgroup if it is one of fork-fail's: from
 * /proc/PID/cgroup and the mount of that hierarchy. */
static bool fork_fail_cgroup_of(pid_t pid, char *dir, size_t len)
{
	char buf[4096], point[PATH_MAX];

	ck_assert_int_gt(proc_read(pid, "cgroup", buf, sizeof buf), 0);
	for (char *save, *line = strtok_r(buf, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		char *path = strchr(line, ':') ? strchr(strchr(line, ':') + 1, ':') : NULL;
		const char *base;

		if (path == NULL)
			continue;
		path++;
		base = strrchr(path, '/');
		if (base == NULL || strncmp(base + 1, CGROUP_PREFIX, strlen(CGROUP_PREFIX)) != 0)
			continue;
		ck_assert(pids_mount(strncmp(line, "0::", 3) == 0, point, sizeof point));
		snprintf(dir, len, "%s%s", point, path);
		return true;
	}
	return false;
}

/* cgroup.procs of dir, sorted, as text. */
static void cgroup_members(const char *dir, pid_t *out, int max, int *n)
{
	char path[PATH_MAX + 32], buf[4096], *p, *end;

	snprintf(path, sizeof path, "%s/cgroup.procs", dir);
	ck_assert_int_ge(file_read(path, buf, sizeof buf), 0);
	*n = 0;
	for (p = buf;; p = end) {
		long v = strtol(p, &end, 10);
		if (end == p)
			break;
		ck_assert_int_lt(*n, max);
		out[(*n)++] = (pid_t)v;
	}
}

static bool member(const pid_t *set, int n, pid_t pid)
{
	for (int i = 0; i < n; i++)
		if (set[i] == pid)
			return true;
	return false;
}

static void verify_fork_fail(Run *run)
{
	const Session *s = run->session;
	pid_t limited = nth_child(s, run->root, 0), members[64];
	const Event *failed;
	long ids[3];
	int nkids, nmembers;

	switch (run->step) {
	case 1: /* the limited process, alone under its limit */
		ck_assert_int_gt(limited, 0);
		ck_assert_int_eq(run->pid, limited);
		ck_assert_int_eq(stat_field(limited, 4), run->root);
		run->saved[0] = limited;
		if (fork_fail_cgroup_of(limited, ff.dir, sizeof ff.dir)) {
			char name[64];
			snprintf(name, sizeof name, CGROUP_PREFIX "%d", (int)run->root);
			ck_assert_msg(!ff.rlimit_asked, "rlimit=1, yet a cgroup: %s", ff.dir);
			ck_assert_str_eq(strrchr(ff.dir, '/') + 1, name);
			ck_assert_int_eq(file_number(ff.dir, "pids.max", NULL), ff.limit);
			ck_assert_int_eq(file_number(ff.dir, "pids.current", NULL), 1);
			cgroup_members(ff.dir, members, 64, &nmembers);
			ck_assert_int_eq(nmembers, 1);
			ck_assert_int_eq(members[0], limited);
			/* the helper stays outside: only the limited process is held */
			ck_assert(!fork_fail_cgroup_of(run->root, name, sizeof name));
		} else {
			ff.dir[0] = '\0';
			ck_assert_msg(ff.rlimit_asked || !cgroup_possible(),
				      "a pids cgroup could be made, yet RLIMIT_NPROC was used");
			proc_ids(limited, "Uid", ids);
			ff.uid = ids[0];
			if (geteuid() == 0) {
				/* dropped to a uid of its own, every id of it */
				ck_assert_int_ne(ids[0], 0);
				ck_assert_int_eq(ids[1], ids[0]);
				ck_assert_int_eq(ids[2], ids[0]);
				ck_assert_int_eq(count_uid(ff.uid), 1);
				ck_assert_int_eq(soft_limit(limited, "Max processes"), ff.limit);
			}
		}
		break;
	case 2: /* limit - 1 children; the kernel refused one more */
		ck_assert_int_eq(run->pid, limited);
		nkids = count_children(s, limited, EV_FORK);
		ck_assert_int_eq(nkids, ff.limit - 1);
		for (int i = 0; i < nkids; i++) {
			pid_t kid = run->saved[1 + i % 7] = nth_child(s, limited, i);
			ck_assert_int_eq(stat_field(kid, 4), limited);
			ck_assert_int_eq(wait_state(kid, "S"), 'S');
		}
		/* the report of the failure names the error; the kernel's counts say why */
		failed = nth_api(s, limited, "fork", nkids + 1);
		ck_assert_ptr_nonnull(failed);
		ck_assert_int_eq(failed->ret, -1);
		ck_assert_int_eq(failed->err, EAGAIN);
		if (ff.dir[0] != '\0') {
			ck_assert_int_eq(file_number(ff.dir, "pids.current", NULL), ff.limit);
			ck_assert_int_eq(file_number(ff.dir, "pids.max", NULL), ff.limit);
			ck_assert_int_ge(file_number(ff.dir, "pids.events", "max"), 1);
			cgroup_members(ff.dir, members, 64, &nmembers);
			ck_assert_int_eq(nmembers, ff.limit);
			ck_assert(member(members, nmembers, limited));
			for (int i = 0; i < nkids; i++)
				ck_assert(member(members, nmembers, nth_child(s, limited, i)));
		} else if (geteuid() == 0) {
			ck_assert_int_eq(count_uid(ff.uid), ff.limit);
			ck_assert_int_eq(soft_limit(limited, "Max processes"), ff.limit);
		}
		break;
	case 3: /* all gone, the directory and the janitor too */
		ck_assert(!proc_exists(run->saved[0]));
		for (int i = 1; i < 8; i++)
			ck_assert(run->saved[i] == 0 || !proc_exists(run->saved[i]));
		if (ff.dir[0] != '\0') {
			ck_assert_msg(access(ff.dir, F_OK) < 0 && errno == ENOENT, "%s is still there", ff.dir);
			ck_assert(!proc_exists((pid_t)report_ret(s, run->root, "clone", 0)));
		}
		break;
	}
}

START_TEST(test_fork_fail_cgroup)
{
	static const char *const options[] = { "limit=4", NULL };

	memset(&ff, 0, sizeof ff);
	ff.limit = 4;
	run_scenario("fork-fail", options, NULL, verify_fork_fail);
}
END_TEST

START_TEST(test_fork_fail_rlimit)
{
	static const char *const options[] = { "limit=3", "rlimit=1", NULL };

	memset(&ff, 0, sizeof ff);
	ff.limit = 3;
	ff.rlimit_asked = true;
	run_scenario("fork-fail", options, NULL, verify_fork_fail);
	ck_assert_str_eq(ff.dir, "");
}
END_TEST

/* Descendants of ours (we are a subreaper), reaped as they come. */
static int descendants_left(void)
{
	char path[64], buf[4096];
	int n = 0;

	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	snprintf(path, sizeof path, "/proc/self/task/%d/children", (int)getpid());
	if (file_read(path, buf, sizeof buf) > 0)
		for (char *save, *p = strtok_r(buf, " \n", &save); p != NULL; p = strtok_r(NULL, " \n", &save))
			n++;
	return n;
}

/* The tracer killed with SIGKILL while the cgroup holds the limited
 * process and its children: the janitor removes the directory. The tracer
 * is a child of the test that runs the scenario to step 2 and stays there;
 * it is killed once the kernel says the cgroup is full. */
START_TEST(test_fork_fail_killed)
{
	const char *only[] = { "limit=4", NULL };
	char dir[PATH_MAX], children[256], *save;
	int ready[2];
	pid_t tracer, helper = 0, limited = 0;
	uint64_t until;

	if (!cgroup_possible())
		return; /* no cgroup to leave behind */
	ck_assert_int_eq(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
	ck_assert_int_eq(pipe(ready), 0);
	tracer = fork();
	ck_assert_int_ge(tracer, 0);
	if (tracer == 0) {
		ScenarioArgs args;
		Session *s = Session_new(0, 3600000000u);
		char err[256];
		Runner *r;

		close(ready[0]);
		ScenarioArgs_init(&args, scenario_find("fork-fail"));
		if (ScenarioArgs_set(&args, only[0], err, sizeof err) < 0 ||
		    (r = Runner_start(&args, s, err, sizeof err)) == NULL)
			_exit(1);
		for (;;) {
			RunnerState state = Runner_pump(r, 200);
			pid_t root = Runner_root(r);

			if (state == RUNNER_FINISHED)
				_exit(2);
			if (state != RUNNER_AT_STEP)
				continue;
			if (Runner_step(r) == 2) {
				if (write(ready[1], &root, sizeof root) != sizeof root)
					_exit(3);
				for (;;)
					pause(); /* at step 2 until killed */
			}
			Runner_go(r);
		}
	}
	close(ready[1]);
	ck_assert_int_eq(read(ready[0], &helper, sizeof helper), (ssize_t)sizeof helper);
	close(ready[0]);
	snprintf(dir, sizeof dir, "task/%d/children", (int)helper);
	ck_assert_int_gt(proc_read(helper, dir, children, sizeof children), 0);
	/* the helper's children: the janitor (untraced, outside) and the limited process */
	for (char *p = strtok_r(children, " \n", &save); p != NULL && limited == 0;
	     p = strtok_r(NULL, " \n", &save))
		if (fork_fail_cgroup_of((pid_t)atoi(p), dir, sizeof dir))
			limited = (pid_t)atoi(p);
	ck_assert_msg(limited > 0, "no child of the helper is in a cgroup of fork-fail's");
	ck_assert_int_eq(file_number(dir, "pids.current", NULL), 4);
	kill(tracer, SIGKILL);
	/* Every traced process dies with the tracer; then the janitor removes the directory. */
	until = clock_now_us() + 30000000u;
	while ((access(dir, F_OK) == 0 || descendants_left() > 0) && clock_now_us() < until)
		nanosleep(&(struct timespec){ .tv_nsec = 2000000 }, NULL);
	ck_assert_msg(access(dir, F_OK) < 0, "%s left behind after the tracer was killed", dir);
	ck_assert_int_eq(descendants_left(), 0);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("scenarios_fork_fail");
	TCase *tc = tcase_create("kernel");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_fork_fail_cgroup);
	tcase_add_test(tc, test_fork_fail_rlimit);
	tcase_add_test(tc, test_fork_fail_killed);
	suite_add_tcase(su, tc);
	sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
