/*
 * custom: any command line, run by the helper as its child and watched like
 * a scenario. The helper's half is demo/custom.c; the steps here match its
 * boundaries.
 */
#include "base/i18n.h"
#include "scenario/catalog.h"
#include "scenario/params.h"

/*
 * Claims for the command tests/scenario/test_claims gives:
 * /bin/sh -c "/bin/true; exit 0" (sh may be dash).
 */
static const StepClaim held_at_exec[] = {
	{ .kind = CLAIM_EXE, .who = WHO_CHILD, .nth = 0, .text = "sh" },
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD, .nth = 0 },
	{ .kind = CLAIM_STATE, .who = WHO_CHILD, .nth = 0, .text = "t" },
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .nth = 0, .key = "fork" },
	{ .kind = CLAIM_NO_FD, .who = WHO_CHILD, .nth = 0, .num = 3 },
	{ 0 },
};
static const StepClaim exited[] = {
	{ .kind = CLAIM_STATE, .who = WHO_CHILD, .nth = 0, .text = "Z" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "waitid" },
	{ .kind = CLAIM_GONE, .who = WHO_GRANDCHILD, .nth = 0 }, /* /bin/true, reaped by sh */
	{ 0 },
};

static const ScenarioStep steps[] = {
	{ N_("The helper forked a child and the child called execv with your command: the command "
	     "is held right after the exec, before the program's first instruction. Same pid as the "
	     "forked child (its fork report), new program: look at its command line, its memory (a "
	     "fresh map: the helper's pages are gone) and its FD table (what it inherited from the "
	     "helper: 0-2). If the command was not found, the child is held at its exit with status "
	     "127 instead."),
	  .focus = { WHO_CHILD, 0, N_("the command") }, .claims = held_at_exec },
	{ N_("The command has exited and everything it started while running appeared in the tree "
	     "and in the timeline. The command is a zombie now (state Z): the helper saw the exit "
	     "with waitid(WNOWAIT) and has not reaped it yet; the exit status is in its row. Next the "
	     "helper reaps it. Processes the command left running are adopted by the helper (a child "
	     "subreaper) and reaped when they end, or ended when the timeout is over."),
	  .focus = { WHO_CHILD, 0, N_("the command") }, .claims = exited },
};

static const ScenarioParam params[] = { PARAMS_CUSTOM };

const Scenario scenario_custom = {
	.id = "custom",
	.title = N_("Your own command"),
	.explanation = N_(
		"Any command line, typed on the screen or given after --, run the way a shell "
		"runs a command: the helper forks, the child execs the program found in PATH, the "
		"helper waits for it. Every process the command creates is traced: each fork, "
		"vfork, clone and exec shows in the timeline and the tree, with the state of "
		"memory, FDs and signals of any process you select. The run is capped by a "
		"timeout, and nothing it starts outlives it."),
	.steps = steps,
	.nsteps = sizeof steps / sizeof steps[0],
	.params = params,
	.nparams = sizeof params / sizeof params[0],
	.max_procs = 256,
	.takes_command = true,
};
