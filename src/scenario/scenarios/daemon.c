/*
 * daemon: the double fork. The helper's half is demo/daemon.c; the steps
 * here match its boundaries. Roles: the helper's child is the terminal's
 * session (and the program that daemonizes), its child the middle process
 * (the first fork), and the middle's child the daemon (the second fork),
 * which keeps that place however it is re-parented.
 */
#include "base/i18n.h"
#include "scenario/catalog.h"

static const StepClaim first_fork[] = {
	{ .kind = CLAIM_SID_SELF, .who = WHO_CHILD },
	{ .kind = CLAIM_TTY, .who = WHO_CHILD, .text = "pts/" },
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .key = "setsid", .text = "EPERM" },
	{ .kind = CLAIM_PGID_OF, .who = WHO_GRANDCHILD, .other = WHO_CHILD, .other_nth = 0 },
	{ .kind = CLAIM_TTY, .who = WHO_GRANDCHILD, .text = "pts/" },
	{ 0 },
};
static const StepClaim new_session[] = {
	{ .kind = CLAIM_SID_SELF, .who = WHO_GRANDCHILD },
	{ .kind = CLAIM_PGID_SELF, .who = WHO_GRANDCHILD },
	{ .kind = CLAIM_NO_TTY, .who = WHO_GRANDCHILD },
	{ .kind = CLAIM_EVENT, .who = WHO_GRANDCHILD, .key = "setsid" },
	{ 0 },
};
static const StepClaim adopted[] = {
	{ .kind = CLAIM_GONE, .who = WHO_GRANDCHILD },
	{ .kind = CLAIM_NO_TTY, .who = WHO_GREATGRANDCHILD },
	{ .kind = CLAIM_PGID_OF, .who = WHO_GREATGRANDCHILD, .other = WHO_GRANDCHILD, .other_nth = 0 },
	{ .kind = CLAIM_STATE, .who = WHO_GREATGRANDCHILD, .text = "S" },
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .key = "waitpid" },
	{ 0 },
};
static const StepClaim daemonized[] = {
	{ .kind = CLAIM_CWD, .who = WHO_GREATGRANDCHILD, .text = "/" },
	{ .kind = CLAIM_FD, .who = WHO_GREATGRANDCHILD, .num = 0, .text = "/dev/null" },
	{ .kind = CLAIM_FD, .who = WHO_GREATGRANDCHILD, .num = 1, .text = "/dev/null" },
	{ .kind = CLAIM_FD, .who = WHO_GREATGRANDCHILD, .num = 3, .text = "/dev/pts/" },
	{ .kind = CLAIM_NO_TTY, .who = WHO_GREATGRANDCHILD },
	{ .kind = CLAIM_EVENT, .who = WHO_GREATGRANDCHILD, .key = "open" },
	{ 0 },
};

static const ScenarioStep steps[] = {
	{ N_("The demo opened pseudo-terminals of its own, and its child made a session for one: "
	     "setsid, then open of /dev/pts/N, which became the session's controlling terminal "
	     "(TTY pts/N in the tree), as a login shell has one. That process, the program about "
	     "to become a daemon, then called setsid() again: -1 EPERM, because it leads a process "
	     "group (PGID = its pid), as a job a shell starts does. So a daemon forks first: its "
	     "child, the middle process, shares its group (PGID), session (SID) and terminal (TTY), "
	     "but leads neither."),
	  .focus = { WHO_GRANDCHILD, 0, N_("the middle process") }, .claims = first_fork },
	{ N_("The middle process called setsid(), which returned its pid: it is now the leader of "
	     "a new session and of a new process group, both numbered by its pid (SID = PGID = "
	     "PID), and it has no controlling terminal (TTY -): the terminal stays with the old "
	     "session, whose keyboard signals and hangup no longer reach it. As a session leader "
	     "it could still acquire one: the first terminal it opened without O_NOCTTY would "
	     "become its controlling terminal."),
	  .focus = { WHO_GRANDCHILD, 0, N_("the middle process") }, .claims = new_session },
	{ N_("The middle process forked again and exited, and its parent reaped it (waitpid). "
	     "Its child, the daemon, is an orphan: the kernel re-parented it to the nearest "
	     "subreaper or to init ('reparented to N'; its PPID is N, outside the demo), which "
	     "will reap it. It stays in the session and group the middle process made (SID = PGID "
	     "= that process's pid, though it is gone), is the leader of neither, and has no "
	     "controlling terminal (TTY -)."),
	  .focus = { WHO_GREATGRANDCHILD, 0, N_("the daemon") }, .claims = adopted },
	{ N_("The daemon did what daemons do: chdir(\"/\") (cwd /), umask(0), closed every FD it "
	     "inherited and pointed stdin, stdout and stderr at /dev/null (FDs 0, 1, 2). Then it "
	     "opened a terminal that no session has, the demo's second one, without O_NOCTTY: "
	     "FD 3 in its table (/dev/pts/M), and still TTY -. Only a session leader acquires a "
	     "controlling terminal by opening one; the second fork made sure the daemon is not "
	     "one, so no terminal it opens can ever send it SIGHUP or SIGINT. (Its socket is the "
	     "demo's, to let it go.)"),
	  .focus = { WHO_GREATGRANDCHILD, 0, N_("the daemon"), FOCUS_FD(3) }, .claims = daemonized },
};

const Scenario scenario_daemon = {
	.id = "daemon",
	.title = N_("A daemon: the double fork and setsid"),
	.explanation = N_(
		"A daemon is a process that runs on with no terminal and no parent waiting for it. "
		"The classic way to become one (daemon(3), and many servers' own code): fork, and "
		"let the parent exit, so the shell gets its prompt back and the child, not a group "
		"leader, may call setsid; setsid makes a new session and process group with no "
		"controlling terminal, so the terminal's hangup and keyboard signals no longer "
		"reach it; fork again and let that session leader exit, so the daemon is not a "
		"session leader and can never acquire a controlling terminal by opening one; the "
		"orphan is adopted by the nearest subreaper (a service manager such as systemd "
		"sets PR_SET_CHILD_SUBREAPER) or by init. It then changes to \"/\", sets its umask "
		"and points stdin, stdout and stderr at /dev/null. Service managers today start "
		"programs that need none of this, but every step is still visible in the tree: "
		"PGID, SID and TTY."),
	.steps = steps,
	.nsteps = (int)(sizeof steps / sizeof steps[0]),
	.max_procs = 4,
};
