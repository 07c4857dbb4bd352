/*
 * The stdio-fork scenario's row: what printf left in a stdio buffer before
 * fork is written by both processes. The helper's half is
 * demo/stdio_fork.c; the steps here match its boundaries. Roles: the
 * helper's children are the writers (1 and 2 on the pipe, 3 on the
 * terminal, then one per run to the file); each writer's child is
 * WHO_GRANDCHILD_OF that writer. The output events are the evidence: the
 * kernel-truth test counts the copies there, on the terminal's master side
 * and in the file.
 */
#include "base/i18n.h"
#include "scenario/catalog.h"
#include "scenario/params.h"

static const StepClaim pipe_exit[] = {
	{ .kind = CLAIM_FD, .who = WHO_CHILD, .nth = 0, .num = 1, .text = "pipe:" },
	{ .kind = CLAIM_GONE, .who = WHO_GRANDCHILD_OF, .nth = 0 },
	{ .kind = CLAIM_EVENT, .who = WHO_GRANDCHILD_OF, .nth = 0, .key = "exit" },
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .nth = 0, .key = "fflush" },
	{ 0 },
};
static const StepClaim pipe_underscore_exit[] = {
	{ .kind = CLAIM_FD, .who = WHO_CHILD, .nth = 1, .num = 1, .text = "pipe:" },
	{ .kind = CLAIM_GONE, .who = WHO_GRANDCHILD_OF, .nth = 1 },
	{ .kind = CLAIM_EVENT, .who = WHO_GRANDCHILD_OF, .nth = 1, .key = "_exit" },
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .nth = 1, .key = "fflush" },
	{ 0 },
};
static const StepClaim terminal[] = {
	{ .kind = CLAIM_FD, .who = WHO_GRANDCHILD_OF, .nth = 2, .num = 1, .text = "/dev/pts/" },
	{ .kind = CLAIM_FD, .who = WHO_CHILD, .nth = 2, .num = 1, .text = "/dev/pts/" },
	{ .kind = CLAIM_EVENT, .who = WHO_GRANDCHILD_OF, .nth = 2, .key = "exit" },
	{ .kind = CLAIM_PPID_OF, .who = WHO_GRANDCHILD_OF, .nth = 2, .other = WHO_CHILD, .other_nth = 2 },
	{ 0 },
};
static const StepClaim terminal_read[] = {
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 3, .text = "ptmx" },
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 4, .text = "/dev/pts/" },
	{ .kind = CLAIM_GONE, .who = WHO_CHILD, .nth = 2 },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "read" },
	{ 0 },
};
static const StepClaim file_runs[] = {
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 3, .text = "(deleted)" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "pread" },
	{ .kind = CLAIM_GONE, .who = WHO_CHILD, .nth = 3 },
	{ .kind = CLAIM_GONE, .who = WHO_GRANDCHILD_OF, .nth = 3 },
	{ 0 },
};

static const ScenarioStep steps[] = {
	{ N_("Writer 1's FD 1 is the demo's stdout, a pipe that forkscope reads (its FD pane says "
	     "pipe), so stdio buffers stdout in blocks: printf(\"1: buffered before fork by N\\n\") "
	     "put the line in the buffer, newline and all, and wrote nothing. fork copied the "
	     "process, buffer included. The child printed its own line and called exit(), which "
	     "flushes stdio: its copy of the buffer, writer 1's line and its own, went out in one "
	     "write. Writer 1 waited for it, printed its line and called fflush(). The output events "
	     "show the line printed once before fork twice, each copy followed by the line of the "
	     "process that wrote it."),
	  .focus = { WHO_CHILD, 0, N_("writer 1"), FOCUS_FD(1) }, .claims = pipe_exit },
	{ N_("Writer 2 did the same, but its child ended with _exit(), which leaves stdio alone: "
	     "the child's copy of the buffer, its own line with it, went with the process, never "
	     "written. The output events show the line printed before fork once, from writer 2's "
	     "fflush(), and no line of the child. A child that does not exec should leave with "
	     "_exit(); or fflush(NULL) before fork, so that there is nothing to copy."),
	  .focus = { WHO_CHILD, 1, N_("writer 2"), FOCUS_FD(1) }, .claims = pipe_underscore_exit },
	{ N_("Writer 3's FD 1 is a pseudo-terminal (/dev/pts/N in the FD pane), so stdio buffers "
	     "stdout line by line: its printf reached the terminal at the newline, before fork (its "
	     "printf report says so), and the buffer fork copied was empty. The child, held at its "
	     "exit, printed only its own line, and exit() found nothing else to flush. Nobody has "
	     "read the terminal yet: the next step does."),
	  .focus = { WHO_GRANDCHILD_OF, 2, N_("writer 3's child"), FOCUS_FD(1) }, .claims = terminal },
	{ N_("The parent read the terminal from its master side (FD 3; FD 4 is the terminal "
	     "itself) and copied what it received to the output events, after 'the terminal "
	     "shows:': the line printed before fork once, then the child's line and writer 3's. The "
	     "note counts it. A program whose output is doubled only when redirected to a file or a "
	     "pipe has this bug: on a terminal it does not show."),
	  .focus = { WHO_HELPER, 0, N_("the parent"), FOCUS_FD(3) }, .claims = terminal_read },
	{ N_("Runs to a file, a regular one that no directory lists (FD 3, '(deleted)' in the FD "
	     "pane), each by a new writer: printf before fork, then the "
	     "child exits and the writer flushes, nothing orders the two (both first wait for the "
	     "other on a shared flag, so the tracer's stops at fork, which resume them in the same "
	     "order every time, do not decide for them). The file's lines are in the "
	     "output events, after 'the file holds:': in every run the line printed before fork is "
	     "there twice, each copy followed by the line of the process that wrote it, and the note "
	     "counts the runs in which the writer's copy came first and those in which the child's "
	     "did. Both write through one open file description, shared by fork, so its offset puts "
	     "each write after the other, never over it; which comes first is the scheduler's "
	     "choice, from run to run."),
	  .focus = { WHO_HELPER, 0, N_("the parent"), FOCUS_FD(3) }, .claims = file_runs },
};

static const ScenarioParam params[] = { PARAMS_STDIO_FORK };

const Scenario scenario_stdio_fork = {
	.id = "stdio-fork",
	.title = N_("stdio and fork: a buffered line written twice"),
	.explanation = N_(
		"printf does not write: it copies into a buffer in the process's memory, which stdio "
		"writes out later with write(2). When depends on what FD 1 is, checked at the first "
		"output: on a terminal, stdout is line-buffered (written at each newline); to a pipe "
		"or a file it is block-buffered (written when the buffer fills, at fflush, or at "
		"exit()). fork copies memory, unwritten buffer included, so a line printed before "
		"fork and not yet written is written by both processes when each flushes: twice. "
		"exit() flushes stdio and runs atexit handlers; _exit() does neither. Parent and "
		"child run at the same time, so the order of their output is not fixed."),
	.steps = steps,
	.nsteps = (int)(sizeof steps / sizeof steps[0]),
	.params = params,
	.nparams = (int)(sizeof params / sizeof params[0]),
	.max_procs = 3,
};
