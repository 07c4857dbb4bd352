/*
 * How the runner starts what it runs and ends it (see runner.h): the
 * helper's argv, environment and protocol pipes, or a user's command run
 * directly; the output pipe; the tracer that starts it; and, at the end,
 * the kill (or, for a command left running, the detach and the hand-over
 * of its output).
 *
 * The protocol fds are moved to 100 and up so the demo's own FDs start at 3,
 * as they would in a program run from a shell.
 */
#include "scenario/runner_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "base/self_exe.h"
#include "base/xalloc.h"
#include "live/hand_over.h"
#include "live/spawn.h"

extern char **environ;

enum { PROTOCOL_FD_BASE = 100 };

const char *runner_demo_path(void)
{
	static char path[PATH_MAX];
	const char *env = getenv("FORKSCOPE_DEMO");
	char dir[PATH_MAX - 32];

	if (env != NULL && *env != '\0')
		return env;
	/* Beside our own binary: a build tree keeps both in src/. */
	if (self_exe_dir(dir, sizeof dir)) {
		snprintf(path, sizeof path, "%s/forkscope-demo", dir);
		if (access(path, X_OK) == 0)
			return path;
	}
	return FORKSCOPE_LIBEXECDIR "/forkscope-demo";
}

static int move_high(int fd)
{
	int high = fcntl(fd, F_DUPFD_CLOEXEC, PROTOCOL_FD_BASE);

	if (high < 0)
		return -1;
	close(fd);
	return high;
}

/* argv for the helper: demo SCENARIO name=value ... [-- command ...] */
static char **helper_argv(const ScenarioArgs *args)
{
	const Scenario *sc = args->scenario;
	size_t ncmd = 0, n = 0;
	char **argv;

	while (args->command != NULL && args->command[ncmd] != NULL)
		ncmd++;
	argv = xcalloc((size_t)sc->nparams + ncmd + 4, sizeof *argv);
	argv[n++] = xstrdup(runner_demo_path());
	argv[n++] = xstrdup(sc->id);
	for (int i = 0; i < sc->nparams && i < 8; i++)
		argv[n++] = xasprintf("%s=%ld", sc->params[i].name, args->values[i]);
	if (ncmd > 0) {
		argv[n++] = xstrdup("--");
		for (size_t i = 0; i < ncmd; i++)
			argv[n++] = xstrdup(args->command[i]);
	}
	argv[n] = NULL;
	return argv;
}

/* The helper's environment: ours, with the protocol fds, and whether its
 * reports are in the user's language (FORKSCOPE_TRANSLATE=1: only when
 * forkscope itself translates and the output is not JSON). At 0 it never
 * touches its locale, so its memory map holds no locale files either. */
static char **helper_envp(int report_fd, int control_fd)
{
	size_t n = 0, k = 0;
	char **envp;

	while (environ[n] != NULL)
		n++;
	envp = xcalloc(n + 4, sizeof *envp);
	for (size_t i = 0; i < n; i++)
		if (strncmp(environ[i], "FORKSCOPE_REPORT_FD=", 20) != 0 &&
		    strncmp(environ[i], "FORKSCOPE_CONTROL_FD=", 21) != 0 &&
		    strncmp(environ[i], "FORKSCOPE_TRANSLATE=", 20) != 0)
			envp[k++] = xstrdup(environ[i]);
	envp[k++] = xasprintf("FORKSCOPE_REPORT_FD=%d", report_fd);
	envp[k++] = xasprintf("FORKSCOPE_CONTROL_FD=%d", control_fd);
	envp[k++] = xasprintf("FORKSCOPE_TRANSLATE=%d", !i18n_machine_output() && i18n_translating());
	envp[k] = NULL;
	return envp;
}

static void free_strv(char **v)
{
	if (v == NULL)
		return;
	for (size_t i = 0; v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

/* Opens both pipes with the child's ends moved high; child_fds[0] is the
 * helper's report (write) end, child_fds[1] its control (read) end. */
static int open_protocol(Runner *r, int child_fds[2])
{
	int rep[2], ctl[2];

	if (pipe2(rep, O_CLOEXEC) < 0)
		return -1;
	if (pipe2(ctl, O_CLOEXEC) < 0) {
		close(rep[0]);
		close(rep[1]);
		return -1;
	}
	child_fds[0] = move_high(rep[1]);
	child_fds[1] = move_high(ctl[0]);
	r->report_fd = rep[0];
	r->control_fd = ctl[1];
	fcntl(r->report_fd, F_SETFL, O_NONBLOCK);
	/* A helper that died must not kill us with SIGPIPE on the next 'g'. */
	signal(SIGPIPE, SIG_IGN);
	return child_fds[0] < 0 || child_fds[1] < 0 ? -1 : 0;
}

static Runner *runner_alloc(Session *session, const Scenario *sc)
{
	Runner *r = xcalloc(1, sizeof *r);

	r->session = session;
	r->scenario = sc;
	r->report_fd = r->control_fd = r->output_fd = -1;
	r->state = RUNNER_RUNNING;
	r->step_mode = true;
	r->pace_ms = 1500;
	ExecCapture_init(&r->execs, &session->execs);
	r->execs.snaps = &session->snaps; /* taken when the session's cap allows */
	OutputSplit_init(&r->out, 0, runner_output_line, r);
	r->ms_per_word = 250; /* 240 words a minute: a careful reading */
	return r;
}

static int spawn_traced(Runner *r, const ScenarioArgs *args, char **argv, char **envp,
			const int *keep, size_t nkeep, char *err, size_t errlen)
{
	int out[2] = { -1, -1 };
	/* The root is born before Tracer_spawn returns, which may already have
	 * seen it fork: a child stamped before its parent would not be drawn
	 * under it (a younger record cannot be an older one's parent). */
	uint64_t born_us = clock_now_us();
	TracerSpawn spec = {
		.argv = argv, .envp = envp, .keep_fds = keep, .nkeep = nkeep,
		.new_process_group = true,
		/* The demo's FD table is part of the lesson: nothing of ours in it. */
		.close_other_fds = r->scenario != NULL,
		/* A user's command may run on after we quit if asked (--detach);
		 * a demo never does. */
		.detachable = r->detachable,
		/* Its failed execs (a shell's PATH search) are part of what a
		 * command did; a demo's execs are the lesson's own. */
		.exec_attempts = r->scenario == NULL && !r->detachable,
		.output_writers = r->scenario == NULL && !r->detachable && args->tty_fd <= 0,
		/* On a terminal the screen shows, the output is seen there. */
		.tty_fd = args->tty_fd,
	};
	int rc;

	/* Otherwise the demo's output becomes events: it must not land on our
	 * terminal or in our JSON, and what it printed is part of what it shows. */
	if (args->tty_fd <= 0) {
		if (pipe2(out, O_CLOEXEC) < 0) {
			snprintf(err, errlen, _("cannot make the output pipe: %s"), strerror(errno));
			return -1;
		}
		spec.stdio_fd = out[1];
		r->output_fd = out[0];
		fcntl(r->output_fd, F_SETFL, O_NONBLOCK);
	}
	rc = live_spawn_traced(&spec, &r->execs, r->breaks, &r->tracer, &r->root);
	if (out[1] >= 0)
		close(out[1]);
	if (rc < 0) {
		/* TRANSLATORS: "cannot start PROGRAM: the system's reason". */
		snprintf(err, errlen, _("cannot start %s: %s"), argv[0], strerror(-rc));
		errno = -rc;
		return -1;
	}
	r->out.fallback = r->root;
	Session_add(r->session, r->root, getpid(), HOW_FORK, born_us);
	r->session->root = r->root;
	r->session->source_traces = true;
	snprintf(r->session->source, sizeof r->session->source, "ptrace");
	return 0;
}

Runner *Runner_start(const ScenarioArgs *args, Session *session, char *err, size_t errlen)
{
	const Scenario *sc = args->scenario;
	Runner *r = runner_alloc(session, sc);
	char **argv = NULL, **envp = NULL;
	int child_fds[2] = { -1, -1 };
	int rc;

	r->detachable = sc == NULL && args->detachable;
	r->breaks = args->breaks;
	if (sc == NULL) {
		/* A command of the user's, run directly: it is the root of the tree. */
		rc = spawn_traced(r, args, args->command, NULL, NULL, 0, err, errlen);
	} else if (open_protocol(r, child_fds) < 0) {
		snprintf(err, errlen, _("cannot make the helper's pipes: %s"), strerror(errno));
		rc = -1;
	} else {
		argv = helper_argv(args);
		envp = helper_envp(child_fds[0], child_fds[1]);
		rc = spawn_traced(r, args, argv, envp, child_fds, 2, err, errlen);
	}
	for (int i = 0; i < 2; i++)
		if (child_fds[i] >= 0)
			close(child_fds[i]);
	free_strv(argv);
	free_strv(envp);
	if (rc < 0) {
		int saved = errno;
		Runner_delete(r);
		errno = saved; /* why it could not start: ENOENT makes a shell's 127 */
		return NULL;
	}
	if (sc != NULL)
		Session_set_step(session, 0, sc->explanation);
	return r;
}

void Runner_delete(Runner *r)
{
	if (r == NULL)
		return;
	if (r->detach_on_delete && r->tracer != NULL && Tracer_count(r->tracer) > 0) {
		Tracer_detach_all(r->tracer);
		/* Its output pipe keeps a reader: our stdout, the terminal once the
		 * screen is gone. */
		fd_hand_over(r->output_fd, STDOUT_FILENO, "forkscope-out");
	}
	if (r->control_fd >= 0)
		close(r->control_fd); /* a helper waiting for 'g' now exits */
	if (r->tracer != NULL)
		Tracer_delete(r->tracer); /* kills and reaps every tracee */
	ExecCapture_done(&r->execs);
	OutputSplit_done(&r->out);
	if (r->report_fd >= 0)
		close(r->report_fd);
	if (r->output_fd >= 0)
		close(r->output_fd);
	free(r);
}

