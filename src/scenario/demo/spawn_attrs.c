/*
 * spawn-attrs: what posix_spawn attributes change in the child (see
 * scenarios/spawn_attrs.c). Each child is cat reading the parent's hold pipe
 * as its stdin, so it lives, quiet, until the parent closes the pipe at the
 * end; every attribute is applied before the exec, so what /proc shows of
 * the child does not depend on how far cat got.
 *
 * RESETIDS needs a parent whose real and effective uid differ. As root the
 * demo forks a sub-parent that makes itself like a set-uid-root program run
 * by the user nobody (real 65534, effective 0) and spawns from there.
 */
#include "scenario/demo/demo.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/i18n.h"

extern char **environ;

int demo_spawn_attrs(int argc, char **argv);

#define NOBODY 65534
#define RT_PRIORITY 10
#define MAX_CHILDREN 6

typedef struct Children {
	int hold[2];            /* O_CLOEXEC: only the dup2'd stdin reaches cat */
	pid_t pid[MAX_CHILDREN];
	int n;
} Children;

static int open_hold(Children *c)
{
	int rc = pipe2(c->hold, O_CLOEXEC);

	demo_api("pipe2", rc, rc < 0 ? errno : 0, 0, _("pipe2(hold, O_CLOEXEC) = %d: [%d, %d], the children's stdin"),
		 rc, c->hold[0], c->hold[1]);
	c->n = 0;
	return rc;
}

/* posix_spawnp of cat with stdin on the hold pipe and the given attributes. */
static pid_t spawn_cat(Children *c, const posix_spawnattr_t *attr, const char *label)
{
	posix_spawn_file_actions_t fa;
	char *cat_argv[] = { "cat", NULL };
	pid_t pid = -1;
	int rc;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, c->hold[0], STDIN_FILENO);
	rc = posix_spawnp(&pid, "cat", &fa, attr, cat_argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	demo_api("posix_spawnp", rc, rc, rc == 0 ? pid : 0, "posix_spawnp(&pid, \"cat\", &stdin_on_hold, %s, argv, environ) = %d%s%s, pid = %d",
		 label, rc, rc ? " " : "", rc ? strerrorname_np(rc) : "", rc == 0 ? (int)pid : -1);
	if (rc != 0)
		return -1;
	if (c->n < MAX_CHILDREN)
		c->pid[c->n++] = pid;
	return pid;
}

static int release_children(Children *c)
{
	int failed = 0;

	close(c->hold[1]); /* end of file: every cat exits */
	close(c->hold[0]);
	for (int i = 0; i < c->n; i++) {
		int status = 0;
		pid_t got;

		do
			got = waitpid(c->pid[i], &status, 0);
		while (got < 0 && errno == EINTR);
		demo_api("waitpid", got, got < 0 ? errno : 0, c->pid[i], _("waitpid(%d) = %d, status %d"),
			 c->pid[i], (int)got, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		failed |= got != c->pid[i];
	}
	return failed ? -1 : 0;
}

/* Step 1: a parent like a shell's background job: SIGINT and SIGQUIT
 * ignored, SIGUSR2 blocked. */
static void set_up_signals(void)
{
	sigset_t block;

	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	demo_api("signal", 0, 0, 0, "signal(SIGINT, SIG_IGN), signal(SIGQUIT, SIG_IGN)");
	sigemptyset(&block);
	sigaddset(&block, SIGUSR2);
	sigprocmask(SIG_BLOCK, &block, NULL);
	demo_api("sigprocmask", 0, 0, 0, "sigprocmask(SIG_BLOCK, {SIGUSR2}) = 0");
}

/* Step 2: SETSIGMASK replaces the inherited mask; SETSIGDEF undoes an
 * inherited SIG_IGN. */
static void spawn_signals(Children *c)
{
	posix_spawnattr_t attr;
	sigset_t mask, def;

	posix_spawnattr_init(&attr);
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	sigemptyset(&def);
	sigaddset(&def, SIGINT);
	posix_spawnattr_setsigmask(&attr, &mask);
	posix_spawnattr_setsigdefault(&attr, &def);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	spawn_cat(c, &attr, "{SETSIGMASK {SIGUSR1}, SETSIGDEF {SIGINT}}");
	posix_spawnattr_destroy(&attr);
}

/* Step 3: a job of two, the way a shell starts a pipeline: the first in a
 * new group (pgroup 0), the second joining it. */
static void spawn_job(Children *c)
{
	posix_spawnattr_t attr;
	char label[96];
	pid_t leader;

	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setpgroup(&attr, 0);
	leader = spawn_cat(c, &attr, "{SETPGROUP 0}");
	if (leader > 0) {
		posix_spawnattr_setpgroup(&attr, leader);
		snprintf(label, sizeof label, "{SETPGROUP %d}", (int)leader);
		spawn_cat(c, &attr, label);
	}
	posix_spawnattr_destroy(&attr);
}

/* Step 4: a new session (SETSID cannot be combined with SETPGROUP: a
 * session leader may not change its group, glibc would fail with EPERM). */
static void spawn_session(Children *c)
{
	posix_spawnattr_t attr;

	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID);
	spawn_cat(c, &attr, "{SETSID}");
	posix_spawnattr_destroy(&attr);
}

static pid_t spawn_fifo(Children *c, int priority)
{
	posix_spawnattr_t attr;
	struct sched_param param = { .sched_priority = priority };
	char label[80];
	pid_t pid;
	int rc;

	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSCHEDULER | POSIX_SPAWN_SETSCHEDPARAM);
	rc = posix_spawnattr_setschedpolicy(&attr, SCHED_FIFO);
	demo_api("setschedpolicy", rc, rc, 0, "posix_spawnattr_setschedpolicy(&attr, SCHED_FIFO) = %d", rc);
	rc = posix_spawnattr_setschedparam(&attr, &param);
	demo_api("setschedparam", rc, rc, 0, "posix_spawnattr_setschedparam(&attr, {%d}) = %d", priority, rc);
	snprintf(label, sizeof label, "{SETSCHEDULER SCHED_FIFO, SETSCHEDPARAM %d}", priority);
	pid = spawn_cat(c, &attr, label);
	posix_spawnattr_destroy(&attr);
	return pid;
}

/* Step 5: a real-time policy takes CAP_SYS_NICE, or an RLIMIT_RTPRIO that
 * allows the priority. (glibc's posix_spawnattr_setschedpolicy accepts
 * only SCHED_OTHER, SCHED_FIFO and SCHED_RR, so the unprivileged policies
 * SCHED_BATCH and SCHED_IDLE cannot stand in.) */
static void spawn_scheduling(Children *c)
{
	struct rlimit rt = { 0, 0 };
	int priority = RT_PRIORITY;

	if (geteuid() != 0) {
		getrlimit(RLIMIT_RTPRIO, &rt);
		if (rt.rlim_cur < 1) {
			demo_note(_("not root: a real-time policy needs CAP_SYS_NICE or an RLIMIT_RTPRIO above 0 "
				    "(it is 0 here), so no child is spawned; as root this step shows a child "
				    "running SCHED_FIFO at priority %d while the parent stays SCHED_OTHER"),
				  RT_PRIORITY);
			return;
		}
		if (rt.rlim_cur < (rlim_t)priority)
			priority = (int)rt.rlim_cur;
	}
	if (spawn_fifo(c, priority) < 0)
		demo_note("%s", _("SCHED_FIFO was refused (a cgroup without real-time budget?): no child for this step"));
}

/* The sub-parent of step 6: real ids nobody, effective ids root, like a
 * set-uid-root program; one child spawned with RESETIDS, one plainly. */
static void run_resetids_parent(const Children *outer)
{
	posix_spawnattr_t attr;
	Children c;
	int rc;

	demo_api("fork", 0, 0, 0, "%s", _("fork() = 0 in the sub-parent"));
	/* The demo's hold pipe is not ours to keep open. */
	close(outer->hold[0]);
	close(outer->hold[1]);
	rc = setresgid(NOBODY, 0, 0);
	demo_api("setresgid", rc, rc < 0 ? errno : 0, 0, "setresgid(%d, 0, 0) = %d", NOBODY, rc);
	if (rc == 0) {
		rc = setresuid(NOBODY, 0, 0);
		demo_api("setresuid", rc, rc < 0 ? errno : 0, 0, _("setresuid(%d, 0, 0) = %d: real uid nobody, effective root"),
			 NOBODY, rc);
	}
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (rc < 0 || open_hold(&c) < 0) {
		demo_note(_("could not make real and effective ids differ: %s"), strerror(errno));
		demo_step(6);
		_exit(1);
	}
	/* RESETIDS first: the catalogue's roles reach a sub-parent's first
	 * child, and that one carries the step's point. */
	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_RESETIDS);
	spawn_cat(&c, &attr, "{RESETIDS}");
	posix_spawnattr_setflags(&attr, 0);
	/* TRANSLATORS: the attributes argument of posix_spawnp, shown as {...}. */
	spawn_cat(&c, &attr, _("{no flags}"));
	posix_spawnattr_destroy(&attr);
	demo_step(6);
	_exit(release_children(&c) < 0 ? 1 : 0);
}

static void show_resetids(const Children *outer)
{
	int status = 0;
	pid_t pid, got;

	if (geteuid() != 0) {
		demo_note("%s", _("not root: RESETIDS shows only when the real and effective uid differ, which "
				  "takes root (or a set-uid program); as root a child spawned with RESETIDS "
				  "would get the real uid as its effective uid"));
		demo_step(6);
		return;
	}
	pid = fork();
	if (pid == 0)
		run_resetids_parent(outer);
	demo_api("fork", pid, pid < 0 ? errno : 0, pid > 0 ? pid : 0, _("fork() = %d: the sub-parent for RESETIDS"),
		 (int)pid);
	if (pid < 0) {
		demo_step(6);
		return;
	}
	do
		got = waitpid(pid, &status, 0);
	while (got < 0 && errno == EINTR);
	demo_api("waitpid", got, got < 0 ? errno : 0, pid, _("waitpid(%d) = %d, status %d"), (int)pid, (int)got,
		 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

int demo_spawn_attrs(int argc, char **argv)
{
	Children c;

	set_up_signals();
	if (open_hold(&c) < 0)
		return 1;
	demo_step(1);
	spawn_signals(&c);
	demo_step(2);
	spawn_job(&c);
	demo_step(3);
	spawn_session(&c);
	demo_step(4);
	spawn_scheduling(&c);
	demo_step(5);
	show_resetids(&c);
	return release_children(&c) < 0 ? 1 : 0;
}
