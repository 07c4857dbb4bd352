/*
 * custom: runs the user's command (after "--") as a child of the helper:
 * fork, held at its exec, then seen as a zombie before it is reaped (see
 * scenarios/custom.c).
 *
 * The helper is a child subreaper, so processes the command leaves behind
 * (a background job, a daemon) are adopted here rather than by init: they
 * stay in the tree, are reaped when they end, and the run is capped by a
 * timeout after which whatever is left is ended, so nothing outlives it.
 */
#include "scenario/demo/demo.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/i18n.h"

int demo_custom(int argc, char **argv);

#define GRACE_SECONDS 5    /* between SIGTERM and SIGKILL */

static volatile sig_atomic_t timed_out;

static void on_alarm(int signo)
{
	(void)signo;
	timed_out = 1;
}

static bool is_executable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* The program execvp would run: the name itself if it has a slash, else the
 * first executable match in PATH. */
static bool resolve(const char *name, char *out, size_t outlen)
{
	const char *path = getenv("PATH");

	if (strchr(name, '/') != NULL) {
		snprintf(out, outlen, "%s", name);
		return is_executable(out);
	}
	if (path == NULL)
		path = "/bin:/usr/bin";
	while (*path != '\0') {
		size_t len = strcspn(path, ":");
		snprintf(out, outlen, "%.*s%s%s", (int)len, path, len ? "/" : "", name);
		if (is_executable(out))
			return true;
		path += len + (path[len] == ':');
	}
	return false;
}

/* The child: step 1 ends at its exec (or, for a program that cannot be
 * found, at its exit with 127, as a shell would). */
static void run_command(char **command)
{
	char path[PATH_MAX];

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	demo_api("fork", 0, 0, 0, "%s", _("fork() = 0 in the child that becomes the command"));
	if (!resolve(command[0], path, sizeof path)) {
		demo_note(_("%s: not found in PATH or not executable, so there is nothing to exec"), command[0]);
		demo_hold(1, "exit");
		_exit(127);
	}
	demo_hold(1, "exec");
	/* The protocol FDs close at exec; their names need not outlive them. */
	unsetenv("FORKSCOPE_REPORT_FD");
	unsetenv("FORKSCOPE_CONTROL_FD");
	execv(path, command);
	demo_api("execv", -1, errno, 0, "execv(\"%s\") = -1 (%s)", path, strerror(errno));
	_exit(126);
}

/* Ends the command (and the processes it left) when the time cap is over:
 * SIGTERM first, SIGKILL after a grace period. */
static void enforce_timeout(pid_t pid, long timeout)
{
	static int stage;

	timed_out = 0;
	if (stage == 0) {
		demo_note(_("the command ran past timeout=%ld s: sending SIGTERM"), timeout);
		kill(pid, SIGTERM);
	} else {
		demo_note(_("still running %d s after SIGTERM: sending SIGKILL"), GRACE_SECONDS);
		kill(pid, SIGKILL);
	}
	stage++;
	alarm(GRACE_SECONDS);
}

/* Step 2 ends when the command is a zombie: waitid with WNOWAIT sees the
 * exit without reaping it. */
static int wait_exited(pid_t pid, long timeout)
{
	siginfo_t info;
	int rc;

	for (;;) {
		memset(&info, 0, sizeof info);
		rc = waitid(P_PID, (id_t)pid, &info, WEXITED | WNOWAIT);
		if (rc == 0 || errno != EINTR)
			break;
		if (timed_out)
			enforce_timeout(pid, timeout);
	}
	if (info.si_code == CLD_EXITED)
		demo_api("waitid", rc, rc < 0 ? errno : 0, pid,
			 _("waitid(P_PID, %d, WEXITED|WNOWAIT) = %d: exited with status %d, not reaped yet"),
			 (int)pid, rc, info.si_status);
	else
		demo_api("waitid", rc, rc < 0 ? errno : 0, pid,
			 _("waitid(P_PID, %d, WEXITED|WNOWAIT) = %d: killed by signal %d, not reaped yet"),
			 (int)pid, rc, info.si_status);
	return rc;
}

static void reap_command(pid_t pid)
{
	int status = 0;
	pid_t got;

	do
		got = waitpid(pid, &status, 0);
	while (got < 0 && errno == EINTR);
	if (WIFEXITED(status))
		demo_api("waitpid", got, got < 0 ? errno : 0, got > 0 ? got : 0,
			 _("waitpid(%d) = %d: the command, exit status %d"), (int)pid, (int)got,
			 WEXITSTATUS(status));
	else
		demo_api("waitpid", got, got < 0 ? errno : 0, got > 0 ? got : 0,
			 _("waitpid(%d) = %d: the command, signal %d"), (int)pid, (int)got,
			 WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

/* Kills every remaining child of the helper (the orphans it adopted). */
static void kill_children(int signo)
{
	char path[64], *p;
	char buf[4096];
	FILE *f;

	snprintf(path, sizeof path, "/proc/self/task/%d/children", (int)getpid());
	if ((f = fopen(path, "r")) == NULL)
		return;
	if (fgets(buf, sizeof buf, f) != NULL)
		for (p = strtok(buf, " \n"); p != NULL; p = strtok(NULL, " \n"))
			kill((pid_t)atoi(p), signo);
	fclose(f);
}

/* Orphans the command left are ours now: wait for them within the time cap. */
static void reap_orphans(void)
{
	int signo = SIGTERM;

	for (;;) {
		int status;
		pid_t got = waitpid(-1, &status, 0);

		if (got > 0) {
			if (WIFEXITED(status))
				demo_api("waitpid", got, 0, got,
					 _("waitpid(-1) = %d: an orphan of the command, adopted by the helper; "
					   "exit status %d"), (int)got, WEXITSTATUS(status));
			else
				demo_api("waitpid", got, 0, got,
					 _("waitpid(-1) = %d: an orphan of the command, adopted by the helper; "
					   "signal %d"), (int)got, WIFSIGNALED(status) ? WTERMSIG(status) : 0);
			continue;
		}
		if (errno == ECHILD)
			return;
		if (errno == EINTR && timed_out) {
			timed_out = 0;
			demo_note(_("processes the command left behind are still running: sending %s"),
				  signo == SIGTERM ? "SIGTERM" : "SIGKILL");
			kill_children(signo);
			signo = SIGKILL;
			alarm(GRACE_SECONDS);
		}
	}
}

int demo_custom(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_alarm }; /* no SA_RESTART: waits see EINTR */
	char **command = demo_command();
	long timeout = demo_option("timeout");
	pid_t pid;

	if (command == NULL) {
		demo_note("%s", _("custom runs a command: give it after --"));
		return 2;
	}
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	sigaction(SIGALRM, &sa, NULL);
	pid = fork();
	if (pid == 0)
		run_command(command);
	demo_api("fork", pid, pid < 0 ? errno : 0, pid > 0 ? pid : 0, _("fork() = %d: the child for %s"), (int)pid,
		 command[0]);
	if (pid < 0)
		return 1;
	alarm((unsigned)timeout);
	if (wait_exited(pid, timeout) == 0)
		demo_step(2);
	reap_command(pid);
	reap_orphans();
	alarm(0);
	return 0;
}
