/*
 * The command line, parsed into one value before any mode starts. Parsing is
 * separate from running so it can be tested, and so every bad argument is
 * reported before a terminal is touched or a process is started.
 */
#ifndef FORKSCOPE_CLI_H
#define FORKSCOPE_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "scenario/catalog.h"

typedef enum CliMode {
	MODE_UI,          /* the interactive program */
	MODE_BATCH,       /* --batch: text or JSON, no terminal */
	MODE_SCREENSHOT,  /* --screenshot FILE */
	MODE_LIST,        /* --list */
	MODE_INSPECT,     /* inspect PID */
	MODE_BENCH,       /* bench ... */
	MODE_HELP,
	MODE_VERSION,
} CliMode;

typedef struct Cli {
	CliMode mode;
	bool json;
	bool pretty;              /* inspect --json --pretty: indented, for people */
	bool markdown;            /* --list --markdown: doc/scenarios.md */
	bool step_all;            /* --step-all: full state at every step */
	bool run_mode;            /* --run: do not wait at steps */
	bool hold;                /* --hold: hold at every kernel event */
	bool stable;              /* --stable: stable pids and times */
	bool no_color, ascii;
	const char *theme;
	int delay_tenths;
	const char *events;       /* --events=ptrace|connector|poll */
	const char *scenario_id;
	ScenarioArgs args;        /* scenario and its name=value options */
	char **command;           /* after "--", borrowed from argv */
	pid_t pid;                /* -p PID, inspect PID */
	bool system;              /* --system */
	double duration;          /* --duration S (batch --system) */
	bool detach_on_quit;      /* --detach: the started command runs on after quit */
	bool kill_on_quit;        /* --kill: it ends at quit without asking */
	int snapshot_mib;         /* --snapshots MIB; -1 not given */
	const char *debug_file;   /* --debug FILE: the tracer's log; NULL none */
	const char **breaks;      /* --break SPEC, each checked; owned array, borrowed strings */
	size_t nbreaks;
	double break_hold;        /* --break-hold S (batch): how long a hit stays held; 0 default */
	bool break_hold_given;
	const char *on_break;     /* --on-break 'CMD {pid}': run by D on the screen; NULL none */
	bool no_config;           /* --no-config: no forkscope.conf */
	const char *screenshot;   /* FILE */
	const char *export_trace; /* --export-trace FILE: a Chrome trace of the run; NULL none */
	const char *record;       /* --record FILE: the run as a recording; NULL none */
	const char *replay;       /* --replay FILE: show a recording; NULL none */
	int step;                 /* --step K (screenshot) */
	bool step_given;          /* --step was on the command line (0 is a step) */
	bool animate;             /* --animate: every step into one animated FILE */
	int cols, rows;           /* --size COLSxROWS */
	int sub_argc;             /* bench: its own arguments */
	char **sub_argv;
} Cli;

/* Parses argv. 0, or -1 with a message for the user in err. */
int cli_parse(Cli *cli, int argc, char **argv, char *err, size_t errlen);
/* Frees what cli_parse allocated (the breakpoint list). */
void cli_done(Cli *cli);
void cli_usage(FILE *out);

#endif
