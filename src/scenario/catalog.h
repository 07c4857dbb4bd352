/*
 * The scenario catalogue: each demonstration is a row of a table, with its
 * explanation, its named parameters and its steps. The demo helper
 * (src/scenario/demo) performs the same steps and announces each with a
 * STEP report; a test checks that the two agree on the step count.
 */
#ifndef FORKSCOPE_SCENARIO_CATALOG_H
#define FORKSCOPE_SCENARIO_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "live/breakpoint.h"

typedef struct ScenarioParam {
	const char *name;      /* "size" */
	const char *unit;      /* "MiB", "workers", "" */
	const char *help;
	long def, min, max;    /* the caps: no option can pass max */
} ScenarioParam;

/*
 * Who a step is about, by role, resolved against the session when the step
 * is reached (src/scenario/step_focus.c). Children are counted in order of
 * creation, threads not counted.
 */
typedef enum FocusWho {
	WHO_STEP = 0,      /* the process that announced the step or is held at it */
	WHO_HELPER,        /* the demo's first process: "the parent" */
	WHO_CHILD,         /* the helper's nth child */
	WHO_GRANDCHILD,    /* the nth child of the helper's first child */
	WHO_GRANDCHILD_OF, /* child `sub` (0: the first) of the helper's nth child */
	WHO_GREATGRANDCHILD, /* the nth child of the helper's first grandchild */
} FocusWho;

/* The detail a caption points at, selected in its pane when the step begins. */
typedef enum FocusSigset {
	FOCUS_SIG_NONE = 0,
	FOCUS_SIG_BLOCKED,
	FOCUS_SIG_IGNORED,
	FOCUS_SIG_CAUGHT,
	FOCUS_SIG_PENDING,
} FocusSigset;

#define FOCUS_FD(n) ((n) + 1)

typedef struct StepFocus {
	FocusWho who;
	int nth;
	const char *label;     /* the role in words: N_("child A"), N_("the shell"); NULL: "the parent" or "the child" */
	int fd;                /* the FD row the caption is about, FOCUS_FD(n); 0: none */
	FocusSigset sigset;
	int sub;               /* WHO_GRANDCHILD_OF: which of that child's children */
	const char *mapping;   /* the mapping the caption is about: the first whose path
	                        * contains this, or whose permissions are it ("r--s");
	                        * NULL: the page map's default (largest private writable) */
} StepFocus;

/*
 * A checkable claim of a caption: tests/scenario/test_claims asserts it on
 * the kernel's word at that step (not forkscope's), and that what it names
 * is on that step's screen. text is what must be visible there too.
 */
typedef enum ClaimKind {
	CLAIM_END = 0,     /* ends a step's list */
	CLAIM_FD,          /* fd `num` is open and its link contains text */
	CLAIM_NO_FD,       /* fd `num` is not open */
	CLAIM_FD_CLOEXEC,  /* fd `num` has close-on-exec (fdinfo flags) */
	CLAIM_SIG,         /* the set `key` (SigBlk, SigIgn, SigCgt, SigPnd) has signal text */
	CLAIM_NO_SIG,      /* ... has not */
	CLAIM_STATE,       /* the state letter is one of text */
	CLAIM_GONE,        /* the process is no longer in /proc (reaped) */
	CLAIM_EXE,         /* /proc/PID/exe contains text */
	CLAIM_CWD,         /* /proc/PID/cwd is text */
	CLAIM_ENV,         /* environ has the entry text (NAME=value) */
	CLAIM_NO_ENV,      /* environ has no variable named text */
	CLAIM_SMAPS_MIN,   /* smaps field key of the largest anonymous mapping is >= num kB */
	CLAIM_SCHED,       /* stat's policy is num and rt_priority is the number in text */
	CLAIM_PGID_SELF,   /* its pgid is its own pid */
	CLAIM_SID_SELF,    /* its sid is its own pid */
	CLAIM_PPID_HELPER, /* its ppid is the helper */
	CLAIM_EUID,        /* effective uid is num */
	CLAIM_EVENT,       /* the log has a report of api `key` by it with errno name text ("" any) */
	CLAIM_PGID_OF,     /* its pgid is the pid of the process other/other_nth */
	CLAIM_PPID_OF,     /* its ppid is the pid of the process other/other_nth */
	CLAIM_PPID_IS,     /* its ppid is num (1: init adopted it) */
	CLAIM_STATUS,      /* status line `key` is text ("Threads", "3"), blanks squeezed */
	CLAIM_NSPID,       /* it is in a child pid namespace, where its pid is num (NSpid's last) */
	CLAIM_TTY,         /* it has a controlling terminal (stat's tty_nr) named text ("pts/") */
	CLAIM_NO_TTY,      /* it has no controlling terminal */
} ClaimKind;

typedef struct StepClaim {
	ClaimKind kind;
	FocusWho who;
	int nth;
	const char *key;
	const char *text;
	long num;
	int sub;           /* as in StepFocus */
	FocusWho other;    /* CLAIM_PGID_OF, CLAIM_PPID_OF: the other process */
	int other_nth, other_sub;
} StepClaim;

typedef struct ScenarioStep {
	const char *caption;   /* what is about to happen and what to look at */
	StepFocus focus;
	const StepClaim *claims; /* ended by CLAIM_END; NULL: none */
} ScenarioStep;

typedef struct Scenario {
	const char *id;
	const char *title;
	const char *explanation;   /* a paragraph */
	const ScenarioStep *steps;
	int nsteps;
	const ScenarioParam *params;
	int nparams;
	int max_procs;             /* cap on processes the demo may create at once */
	bool takes_command;        /* custom: runs the user's command line */
} Scenario;

size_t scenario_count(void);
const Scenario *scenario_at(size_t i);
const Scenario *scenario_find(const char *id);
const ScenarioParam *scenario_param(const Scenario *sc, const char *name);

/* Parameter values for one run, checked against the caps. */
typedef struct ScenarioArgs {
	const Scenario *scenario;  /* borrowed */
	long values[8];            /* by index of scenario->params */
	char **command;            /* borrowed argv for custom, NULL-terminated */
	bool detachable;           /* a user's command (no scenario) may be left running
	                            * at quit, or a process of it left stopped for a
	                            * debugger (--on-break): no exec filter then */
	int tty_fd;                /* > 0: the command's terminal (a pty's end, see
	                            * TracerSpawn.tty_fd), instead of an output pipe */
	BreakList *breaks;         /* borrowed: --break, asked from the first exec on; NULL none */
} ScenarioArgs;

void ScenarioArgs_init(ScenarioArgs *args, const Scenario *sc);
/* Parses "name=value". Returns 0, or -1 and writes a message for the user. */
int ScenarioArgs_set(ScenarioArgs *args, const char *assignment, char *err, size_t errlen);

#endif
