/*
 * Kill forkscope at random points of every scenario and count what is left.
 *
 * The test makes itself a child subreaper, so any process of a demo that
 * outlived forkscope would be re-parented to it and show up in its
 * children. It runs `forkscope --batch --step-all --scenario ID`, reads a
 * random number of lines of its output (the random point: no sleeps), sends
 * SIGKILL, and then waits (bounded) for every descendant to be gone. A
 * survivor, or a process left stopped or traced, fails the test.
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "scenario/catalog.h"

#define KILLS_PER_SCENARIO 3

static unsigned long kills_tried, processes_left;

/* Small options so each run is quick; the caps are tested elsewhere. */
static const char *const small_options[][3] = {
	{ "cow", "size=8", NULL },
	{ "fork", "size=4", NULL },
	{ "vfork", "size=4", NULL },
	{ "spawn-cost", "max_mib=4", "reps=3" },
	{ "scale", "workers=4", "units=64" },
	{ "mmap-shared", "workers=2", "size=2" },
	{ "stdio-fork", "runs=2", NULL },
};

static void build_argv(const char *id, const char *forkscope, char **argv)
{
	int n = 0;

	argv[n++] = (char *)forkscope;
	argv[n++] = (char *)"--batch";
	argv[n++] = (char *)"--step-all";
	argv[n++] = (char *)"--scenario";
	argv[n++] = (char *)id;
	for (size_t i = 0; i < sizeof small_options / sizeof small_options[0]; i++)
		if (strcmp(small_options[i][0], id) == 0)
			for (int k = 1; k < 3 && small_options[i][k] != NULL; k++)
				argv[n++] = (char *)small_options[i][k];
	if (strcmp(id, "custom") == 0) {
		argv[n++] = (char *)"--";
		argv[n++] = (char *)"sh";
		argv[n++] = (char *)"-c";
		argv[n++] = (char *)"sleep 30 & sleep 30; true";
	}
	argv[n] = NULL;
}

/* Our children as the kernel lists them (we are a subreaper). */
static int list_children(pid_t *out, int max)
{
	char path[64];
	FILE *f;
	int n = 0, pid;

	snprintf(path, sizeof path, "/proc/self/task/%d/children", (int)getpid());
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	while (n < max && fscanf(f, "%d", &pid) == 1)
		out[n++] = pid;
	fclose(f);
	return n;
}

static char task_state(pid_t pid)
{
	char path[64], buf[512], *p;
	FILE *f;
	size_t len;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return '?';
	len = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[len] = '\0';
	p = strrchr(buf, ')');
	return p != NULL && p[1] == ' ' ? p[2] : '?';
}

/* Reaps what comes to us and waits, at most 30 s (a sanitizer build on a
 * loaded machine), until nothing is left. */
static int wait_for_no_descendants(void)
{
	pid_t kids[256];
	int n = 0;

	for (int i = 0; i < 3000; i++) {
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		if ((n = list_children(kids, 256)) == 0)
			return 0;
		usleep(10000);
	}
	for (int i = 0; i < n; i++) {
		char st = task_state(kids[i]);
		fprintf(stderr, "left behind: pid %d state %c\n", (int)kids[i], st);
		kill(kids[i], SIGKILL); /* do not leave them to the next test */
	}
	while (waitpid(-1, NULL, 0) > 0)
		;
	return n;
}

/* The demo helper forkscope started (its first child), or 0. */
static pid_t helper_of(pid_t forkscope)
{
	char path[64];
	FILE *f;
	int pid = 0;

	snprintf(path, sizeof path, "/proc/%d/task/%d/children", (int)forkscope, (int)forkscope);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	if (fscanf(f, "%d", &pid) != 1)
		pid = 0;
	fclose(f);
	return pid;
}

/* fork-fail's cgroup directory of helper (forkscope-fork-fail-PID), looked
 * for where the helper makes it: in its own pids cgroup or the nearest one
 * above that gives new cgroups the pids controller (so at each level from
 * the hierarchy's root down to ours, which the helper inherited). One still
 * there once every process of the run is gone was left behind: it is
 * removed, and counted. */
static unsigned long cgroups_left;

static unsigned long fork_fail_cgroup_left(pid_t helper)
{
	char line[4096], own[PATH_MAX];
	unsigned long n = 0;
	FILE *mounts;

	if (helper <= 0 || (mounts = fopen("/proc/self/mountinfo", "r")) == NULL)
		return 0;
	while (fgets(line, sizeof line, mounts) != NULL) {
		char point[PATH_MAX], fstype[64], opts[1024], cgline[4096], dir[2 * PATH_MAX + 64];
		const char *dash = strstr(line, " - ");
		bool v2;
		FILE *cg;

		if (dash == NULL || sscanf(line, "%*s %*s %*s %*s %4095s", point) != 1 ||
		    sscanf(dash + 3, "%63s %*s %1023s", fstype, opts) != 2)
			continue;
		v2 = strcmp(fstype, "cgroup2") == 0;
		if (!v2 && (strcmp(fstype, "cgroup") != 0 || strstr(opts, "pids") == NULL))
			continue;
		own[0] = '\0';
		if ((cg = fopen("/proc/self/cgroup", "r")) == NULL)
			continue;
		while (fgets(cgline, sizeof cgline, cg) != NULL) {
			char *path = strchr(cgline, ':') ? strchr(strchr(cgline, ':') + 1, ':') : NULL;
			if (path != NULL && (v2 ? strncmp(cgline, "0::", 3) == 0
						: strstr(cgline, "pids") != NULL && strstr(cgline, "pids") < path)) {
				snprintf(own, sizeof own, "%.*s", (int)strcspn(path + 1, "\n"), path + 1);
				break;
			}
		}
		fclose(cg);
		/* the root, then each cgroup down to ours: /a, /a/b... */
		for (size_t len = 0; len <= strlen(own); len++) {
			if (len > 0 && own[len] != '/' && own[len] != '\0')
				continue;
			snprintf(dir, sizeof dir, "%s%.*s/forkscope-fork-fail-%d", point, len > 1 ? (int)len : 0,
				 own, (int)helper);
			if (access(dir, F_OK) == 0) {
				fprintf(stderr, "left behind: cgroup %s\n", dir);
				rmdir(dir);
				n++;
			}
		}
	}
	fclose(mounts);
	return n;
}

/* forkscope --batch on scenario id, its output read through *f: its pid. */
static pid_t start_batch(const char *forkscope, const char *id, FILE **f)
{
	char *argv[16];
	int out[2];
	pid_t pid;

	build_argv(id, forkscope, argv);
	ck_assert_int_eq(pipe(out), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		dup2(out[1], STDOUT_FILENO);
		close(out[0]);
		close(out[1]);
		execv(forkscope, argv);
		_exit(127);
	}
	close(out[1]);
	*f = fdopen(out[0], "r");
	return pid;
}

static void kill_at_random_line(const char *forkscope, const char *id, unsigned *seed)
{
	FILE *f;
	char line[4096];
	int target = 1 + (int)(rand_r(seed) % 12), lines = 0;
	pid_t pid = start_batch(forkscope, id, &f), helper;

	while (lines < target && fgets(line, sizeof line, f) != NULL)
		lines++;
	helper = helper_of(pid);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	fclose(f);
	kills_tried++;
	processes_left += (unsigned long)wait_for_no_descendants();
	cgroups_left += fork_fail_cgroup_left(helper);
}

START_TEST(test_kill_every_scenario)
{
	const char *forkscope = getenv("FORKSCOPE");
	unsigned seed = (unsigned)time(NULL);

	ck_assert_msg(forkscope != NULL, "FORKSCOPE is not set (run through make check)");
	ck_assert_int_eq(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
	fprintf(stderr, "seed %u\n", seed);
	for (size_t i = 0; i < scenario_count(); i++)
		for (int k = 0; k < KILLS_PER_SCENARIO; k++)
			kill_at_random_line(forkscope, scenario_at(i)->id, &seed);
	fprintf(stderr, "kill test: %lu kills of forkscope, %lu processes left behind\n",
		kills_tried, processes_left);
	ck_assert_uint_eq(kills_tried, scenario_count() * KILLS_PER_SCENARIO);
	ck_assert_uint_eq(processes_left, 0);
	ck_assert_uint_eq(cgroups_left, 0);
}
END_TEST

/* The signal scenarios killed as each of their steps is printed: signals
 * pending and blocked, zombies, a child in a mount namespace of its own
 * dumping core on a tmpfs. Besides processes, nothing may stay: no core
 * file where the demo runs, and no tmpfs of signal-death's in our mount
 * table (a mount that propagated out of its namespace would outlive it). */
static bool core_tmpfs_mounted(void)
{
	char line[4096];
	bool found = false;
	FILE *f = fopen("/proc/self/mountinfo", "r");

	while (f != NULL && fgets(line, sizeof line, f) != NULL)
		found = found || strstr(line, "forkscope-core") != NULL;
	if (f != NULL)
		fclose(f);
	return found;
}

/* Starts forkscope --batch on scenario id and reads its output up to the
 * line that starts with mark (or its end): forkscope's pid, its output
 * still open in *f. */
static pid_t run_until(const char *forkscope, const char *id, const char *mark, FILE **f)
{
	char line[4096];
	pid_t pid = start_batch(forkscope, id, f);

	while (fgets(line, sizeof line, *f) != NULL && strncmp(line, mark, strlen(mark)) != 0)
		;
	return pid;
}

static void kill_at_step(const char *forkscope, const char *id, int step)
{
	char mark[32];
	pid_t pid;
	FILE *f;

	snprintf(mark, sizeof mark, "== step %d:", step);
	pid = run_until(forkscope, id, mark, &f);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	fclose(f);
	kills_tried++;
	processes_left += (unsigned long)wait_for_no_descendants();
}

START_TEST(test_kill_signal_scenarios)
{
	static const struct { const char *id; int steps; } signal_scenarios[] = {
		{ "sigmask", 6 }, { "sigchld", 5 }, { "signal-death", 5 },
	};
	const char *forkscope = getenv("FORKSCOPE");
	struct stat core_before;
	bool had_core = stat("core", &core_before) == 0;

	ck_assert_msg(forkscope != NULL, "FORKSCOPE is not set (run through make check)");
	ck_assert_int_eq(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
	kills_tried = processes_left = 0;
	for (size_t i = 0; i < sizeof signal_scenarios / sizeof signal_scenarios[0]; i++) {
		ck_assert_msg(scenario_find(signal_scenarios[i].id) != NULL, "%s is not in the catalogue",
			      signal_scenarios[i].id);
		for (int step = 1; step <= signal_scenarios[i].steps; step++) {
			kill_at_step(forkscope, signal_scenarios[i].id, step);
			ck_assert_msg(!core_tmpfs_mounted(), "%s step %d: a core tmpfs is in our mounts",
				      signal_scenarios[i].id, step);
			ck_assert_msg(had_core || access("core", F_OK) != 0,
				      "%s step %d: a core file was left in the working directory",
				      signal_scenarios[i].id, step);
		}
	}
	fprintf(stderr, "signal scenarios: %lu kills of forkscope, %lu processes left behind\n",
		kills_tried, processes_left);
	ck_assert_uint_eq(processes_left, 0);
}
END_TEST

/* threads-fork, daemon and pid-namespace killed as each of their steps is
 * printed: a thread waiting in the step gate while fork waits in prepare;
 * a daemon in a session of its own, adopted outside the demo (by this
 * process, the nearest subreaper), which only the tracer's EXITKILL and its
 * socket to the helper tie to forkscope; a pid namespace whose processes
 * have no parent-death signal, and an orphan its init adopted. */
START_TEST(test_kill_ns_scenarios)
{
	static const char *const ids[] = { "threads-fork", "daemon", "pid-namespace" };
	const char *forkscope = getenv("FORKSCOPE");

	ck_assert_msg(forkscope != NULL, "FORKSCOPE is not set (run through make check)");
	ck_assert_int_eq(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
	kills_tried = processes_left = 0;
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		const Scenario *sc = scenario_find(ids[i]);

		ck_assert_msg(sc != NULL, "%s is not in the catalogue", ids[i]);
		for (int step = 1; step <= sc->nsteps; step++)
			kill_at_step(forkscope, ids[i], step);
	}
	fprintf(stderr, "namespace scenarios: %lu kills of forkscope, %lu processes left behind\n",
		kills_tried, processes_left);
	ck_assert_uint_eq(processes_left, 0);
}
END_TEST

/* fork-fail, stdio-fork and inherit killed as each of their steps is
 * printed: a pids cgroup holding the limited process and its children, a
 * pseudo-terminal, a memfd, a SysV segment, a record lock and a timer.
 * Besides processes, no cgroup directory may stay: the janitor, which the
 * tracer does not follow, removes it once the demo's processes are gone. */
static void kill_when_printed(const char *forkscope, const char *id, const char *mark)
{
	FILE *f;
	pid_t pid = run_until(forkscope, id, mark, &f), helper = helper_of(pid);

	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	fclose(f);
	kills_tried++;
	processes_left += (unsigned long)wait_for_no_descendants();
	cgroups_left += fork_fail_cgroup_left(helper);
}

START_TEST(test_kill_inherit_scenarios)
{
	static const char *const ids[] = { "fork-fail", "stdio-fork", "inherit" };
	const char *forkscope = getenv("FORKSCOPE");

	ck_assert_msg(forkscope != NULL, "FORKSCOPE is not set (run through make check)");
	ck_assert_int_eq(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
	kills_tried = processes_left = cgroups_left = 0;
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		const Scenario *sc = scenario_find(ids[i]);

		ck_assert_msg(sc != NULL, "%s is not in the catalogue", ids[i]);
		for (int step = 1; step <= sc->nsteps; step++) {
			char mark[32];
			snprintf(mark, sizeof mark, "== step %d:", step);
			kill_when_printed(forkscope, ids[i], mark);
		}
	}
	fprintf(stderr, "fork-fail, stdio-fork, inherit: %lu kills of forkscope, %lu processes and "
		"%lu cgroups left behind\n", kills_tried, processes_left, cgroups_left);
	ck_assert_uint_eq(processes_left, 0);
	ck_assert_uint_eq(cgroups_left, 0);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("kill");
	TCase *tc = tcase_create("kill");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_kill_every_scenario);
	tcase_add_test(tc, test_kill_inherit_scenarios);
	tcase_add_test(tc, test_kill_signal_scenarios);
	tcase_add_test(tc, test_kill_ns_scenarios);
	suite_add_tcase(su, tc);
	sr = srunner_create(su);
	/* No fork from Check: the subreaper must be this process. */
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
