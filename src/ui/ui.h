/*
 * The interactive program and the headless screenshot: entry points that
 * src/main.c calls after parsing the command line.
 */
#ifndef FORKSCOPE_UI_UI_H
#define FORKSCOPE_UI_UI_H

#include <stdbool.h>
#include <sys/types.h>

#include "live/breakpoint.h"
#include "scenario/catalog.h"

typedef struct UiOptions {
	const char *theme;          /* theme name, NULL: "default" */
	int delay_tenths;           /* refresh interval, tenths of a second */
	bool monochrome;            /* NO_COLOR or --no-color */
	bool ascii;                 /* ASCII line drawing (also when the locale is not UTF-8) */
	const ScenarioArgs *start;  /* run this at once (--scenario, -- CMD); NULL: the list */
	bool step_mode;             /* start in step mode (default) or run mode */
	pid_t watch_pid;            /* -p PID, 0 if not */
	bool watch_system;          /* --system */
	const char *events;         /* "ptrace", "connector", "poll", NULL: the mode's default */
	bool stable;                /* stable pids and times (screenshots, tests) */
	bool hold_all;              /* --hold: hold at every kernel event from the start */
	bool detach_on_quit;        /* --detach: a watched -- COMMAND runs on after quit */
	bool kill_on_quit;          /* --kill: it ends at quit (neither: quitting asks) */
	int snapshot_mib;           /* --snapshots: the snapshot store's cap, MiB; -1 not given */
	const char *record;         /* --record FILE: each run is written to FILE as it goes */
	const char *replay;         /* --replay FILE: the recording is the run shown */
	bool no_config;             /* --no-config: forkscope.conf is neither read nor written */
	const char *export_trace;   /* --export-trace FILE: at quit, the last run's Chrome trace; NULL none */
	BreakList *breaks;          /* borrowed: --break, never NULL; the screen may edit it
	                             * (start->breaks is the same list) */
	const char *on_break;       /* --on-break template ({pid}), NULL none: key D runs it
	                             * through live/on_break.h's on_break_run */
} UiOptions;

/* Runs the interactive program. Returns the process exit status (1 when
 * the trace export asked for could not be written). */
int ui_main(const UiOptions *opt);

/* Runs opt->start without a terminal up to step (0: the scenario list; -1:
 * the help screen), draws it at cols x rows and writes FILE as .svg, .html
 * or .txt by its extension. Returns 0, or 1 with a message on stderr. */
int ui_screenshot(const UiOptions *opt, const char *file, int step, int cols, int rows);

/* Runs opt->start without a terminal to its end and writes FILE as an
 * animation of its steps: one frame per step, each drawn as the still of
 * that step, and one of the finished run; an SVG that plays them in a loop
 * (.svg) or an asciicast v2 recording (.cast). Returns 0, or 1 with a
 * message on stderr. */
int ui_screenshot_animated(const UiOptions *opt, const char *file, int cols, int rows);

#endif
