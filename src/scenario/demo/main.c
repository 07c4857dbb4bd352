/*
 * forkscope-demo: performs one scenario of the catalogue, reporting each API
 * call and step to forkscope (see demo.h). Usage:
 *   forkscope-demo SCENARIO [name=value ...] [-- COMMAND ARGS...]
 * The table below is the helper's half of the catalogue; the scenario text
 * lives in forkscope (src/scenario/scenarios/).
 *
 * Every demo starts from the signal state of a fresh login: each signal at
 * its default action, none blocked, whatever the launcher passed down
 * (under tmux or a job-control shell SIGTTIN and SIGTTOU arrive ignored,
 * and would show in every process the demo makes). A role (the helper run
 * again by a demo: "_hold", role=N) keeps what its parent arranged, since
 * that is what its scenario shows.
 */
#include "scenario/demo/demo.h"
#include "scenario/params.h"

#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "base/i18n.h"

/* Weak, so that the helper links while scenarios are added one file at a
 * time; a build that lacks one says so instead of crashing. */
#define DEMO(name) extern int demo_##name(int argc, char **argv) __attribute__((weak))
DEMO(fork); DEMO(fork_exec); DEMO(exec_family); DEMO(cloexec); DEMO(vfork);
DEMO(cow); DEMO(system); DEMO(popen); DEMO(spawn_plain); DEMO(spawn_file_actions);
DEMO(spawn_attrs); DEMO(zombie_orphan); DEMO(mmap_shared); DEMO(scale);
DEMO(spawn_cost); DEMO(clone3_pidfd); DEMO(custom);
DEMO(role_hold);
DEMO(threads_fork); DEMO(daemon); DEMO(pid_namespace);
DEMO(sigmask); DEMO(signal_death); DEMO(sigchld);
DEMO(fork_fail); DEMO(stdio_fork); DEMO(inherit);

static const struct {
	const char *id;
	DemoFunc run;
} demos[] = {
	{ "fork", demo_fork },
	{ "fork-exec", demo_fork_exec },
	{ "exec-family", demo_exec_family },
	{ "cloexec", demo_cloexec },
	{ "vfork", demo_vfork },
	{ "cow", demo_cow },
	{ "system", demo_system },
	{ "popen", demo_popen },
	{ "spawn-plain", demo_spawn_plain },
	{ "spawn-file-actions", demo_spawn_file_actions },
	{ "spawn-attrs", demo_spawn_attrs },
	{ "zombie-orphan", demo_zombie_orphan },
	{ "mmap-shared", demo_mmap_shared },
	{ "scale", demo_scale },
	{ "spawn-cost", demo_spawn_cost },
	{ "clone3-pidfd", demo_clone3_pidfd },
	{ "custom", demo_custom },
	{ "_hold", demo_role_hold },
	{ "threads-fork", demo_threads_fork },
	{ "daemon", demo_daemon },
	{ "pid-namespace", demo_pid_namespace },
	{ "sigmask", demo_sigmask },
	{ "signal-death", demo_signal_death },
	{ "sigchld", demo_sigchld },
	{ "fork-fail", demo_fork_fail },
	{ "stdio-fork", demo_stdio_fork },
	{ "inherit", demo_inherit },
};

static int g_argc;
static char **g_argv;

long demo_param(const char *name, long def)
{
	size_t len = strlen(name);

	for (int i = 2; i < g_argc && strcmp(g_argv[i], "--") != 0; i++)
		if (strncmp(g_argv[i], name, len) == 0 && g_argv[i][len] == '=')
			return strtol(g_argv[i] + len + 1, NULL, 10);
	return def;
}

long demo_option(const char *name)
{
	const ScenarioParam *p = scenario_option(g_argc >= 2 ? g_argv[1] : "", name);
	long v;

	if (p == NULL)
		return demo_param(name, 0);
	v = demo_param(name, p->def);
	return v < p->min || v > p->max ? p->def : v;
}

char **demo_command(void)
{
	for (int i = 2; i < g_argc; i++)
		if (strcmp(g_argv[i], "--") == 0)
			return g_argv[i + 1] != NULL ? &g_argv[i + 1] : NULL;
	return NULL;
}

/* The prose of the reports in the user's language, from forkscope's own
 * catalogue: when forkscope asks (FORKSCOPE_TRANSLATE=1, set by the runner;
 * 0 for JSON or when forkscope itself speaks English) or, run by hand,
 * when the locale says so. Only the messages and the character set:
 * LC_NUMERIC stays "C", the measurement notes are parsed. At 0 the locale
 * is left alone, and no locale file is mapped into the demo's memory. */
static void setup_language(void)
{
	const char *want = getenv("FORKSCOPE_TRANSLATE");
	const char *localedir;

	if (want != NULL && strcmp(want, "1") != 0)
		return;
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	/* FORKSCOPE_LOCALEDIR: the build tree's catalogues, for tests before make install. */
	localedir = secure_getenv("FORKSCOPE_LOCALEDIR");
	bindtextdomain(PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
	textdomain(PACKAGE);
}

/* Is this run the helper started again by a demo, in a role? */
static bool is_role(int argc, char **argv)
{
	return argc >= 2 && (argv[1][0] == '_' || demo_param("role", 0) != 0);
}

/* Default action for every signal that may be set, an empty mask. glibc's
 * own signals (32, 33) refuse sigaction and are left as they are. */
static void reset_signals(void)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	sigset_t none;

	sigemptyset(&dfl.sa_mask);
	for (int sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			sigaction(sig, &dfl, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

int main(int argc, char **argv)
{
	g_argc = argc;
	g_argv = argv;
	if (!is_role(argc, argv))
		reset_signals();
	/* A role ("_hold") says nothing: its memory map stays what its parent
	 * arranged, without locale files. */
	if (argc < 2 || argv[1][0] != '_')
		setup_language();
	if (argc < 2) {
		fputs(_("usage: forkscope-demo SCENARIO [name=value ...] [-- COMMAND ...]\n"
			"This helper is started by forkscope; run 'forkscope --list'.\n"), stderr);
		return 2;
	}
	/* Never outlive forkscope, even if it is killed with SIGKILL. */
	if (demo_report_fd() >= 0) {
		/* The protocol is ours alone: programs the demo execs never see it. */
		fcntl(demo_report_fd(), F_SETFD, FD_CLOEXEC);
		if (demo_control_fd() >= 0)
			fcntl(demo_control_fd(), F_SETFD, FD_CLOEXEC);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() == 1)
			return 111;
	}
	for (size_t i = 0; i < sizeof demos / sizeof demos[0]; i++)
		if (strcmp(demos[i].id, argv[1]) == 0) {
			if (demos[i].run == NULL) {
				fprintf(stderr, _("forkscope-demo: scenario '%s' is not in this build\n"),
					argv[1]);
				return 2;
			}
			int status = demos[i].run(argc, argv);
			demo_done(status);
			return status;
		}
	fprintf(stderr, _("forkscope-demo: unknown scenario '%s' (run 'forkscope --list')\n"), argv[1]);
	return 2;
}
