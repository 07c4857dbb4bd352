/*
 * The interactive program's state, shared by the main loop (app.c), the
 * key table (keys.c), the panes (pane_*.c) and the screenshot driver.
 *
 * Model: the App reads the Session (owned, one per run) and drives the
 * LiveSource (owned); it never reads /proc. The selection is kept by pid,
 * not by row, so it stays on its process while rows come and go. Every
 * handler returns ACT_* bits that say what must happen next; the loop
 * rescans and redraws at most once per pass.
 */
#ifndef FORKSCOPE_UI_APP_H
#define FORKSCOPE_UI_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "model/session.h"
#include "scenario/catalog.h"
#include "ui/draw.h"
#include "ui/layout.h"
#include "ui/settings.h"
#include "ui/source.h"
#include "ui/format/stable.h"
#include "ui/theme/theme.h"
#include "ui/ui.h"

/* A command line typed on the screen: at most this many words. */
#define COMMAND_WORDS_MAX 32
/* Key hints on the status line, at most. */
#define HINTS_MAX 24

/* The App's times (app.c, app_loop.c). */
enum {
	GHOST_US = 4000000,        /* an exited process stays this long in the tree */
	MESSAGE_US = 5000000,      /* a note stays this long in the status line */
	PACE_POLL_MS = 100,        /* in run mode at a step: how often to look at the pace */
	MAX_SOURCE_FDS = 8,
	RESCAN_MIN_US = 250000,    /* new processes: at most this often a rescan of their own */
	FRAME_GAP_US = 100000,     /* events: at most this often a frame of their own */
	PUMP_GAP_US = 50000,       /* a watcher: at most this often a look at its events */
	CONSOLE_FRAME_US = 20000,  /* the terminal pane's output: at most this often a frame */
};

/* What a handler asks the loop to do next. */
enum {
	ACT_NONE    = 0,
	ACT_REDRAW  = 1 << 0,   /* draw the screen again */
	ACT_RESCAN  = 1 << 1,   /* re-read identities and the focused process */
	ACT_REFOCUS = 1 << 2,   /* the focused process may change */
	ACT_QUIT    = 1 << 3,
};

/* What the status line asks for: a line edited (the filter, a command), or
 * k's signal, chosen and then confirmed. */
typedef enum PromptKind {
	PROMPT_NONE, PROMPT_FILTER, PROMPT_COMMAND, PROMPT_SIGNAL, PROMPT_SIGNAL_CONFIRM,
	PROMPT_QUIT,         /* end the command, or leave it running? */
	PROMPT_BREAK         /* a breakpoint typed for the b list */
} PromptKind;

/* Scroll state of a list pane: the cursor (or top line) and what the last
 * draw found, so keys can clamp without recomputing the rows. */
typedef struct PaneScroll {
	int cursor;      /* selected row, or -1 for panes without a cursor */
	int top;         /* first row shown */
	int count;       /* rows at the last draw */
	int visible;     /* rows that fit at the last draw */
} PaneScroll;

/* Where a key hint was drawn in the status line, so a click can press it. */
typedef struct HintSpot {
	int x0, x1;      /* columns [x0, x1) */
	int key;
} HintSpot;

typedef struct App {
	const UiOptions *opt;      /* borrowed */
	View view;
	PaneId active;             /* the pane with the keyboard */
	PaneId detail;             /* the detail pane the small layout shows */
	Layout layout;
	PaneScroll scroll[PANE_COUNT];
	bool help;                 /* the help screen is over everything */
	int help_top;

	/* the scenario list */
	size_t list_cursor;
	ScenarioArgs args;         /* the scenario run or about to be run */

	/* a run */
	Session *session;          /* owned; NULL in the list before any run */
	Session *left_session;     /* owned: the run left for the list, kept for
	                              --export-trace (what was watched last); else NULL */
	LiveSource *source;        /* owned; NULL when nothing runs */
	SourceState last_state;
	int last_step;
	size_t last_nevents, last_nprocs;
	bool step_mode;            /* wait at each step (else run at a pace) */
	int pace_ms;               /* run mode: the least time at a step */
	int ms_per_word;           /* run mode: and this per word of its caption */
	bool hold_all;             /* hold at every kernel event */
	bool hide_ghosts;          /* x: the tree leaves out processes that have exited */
	pid_t tree_row_pid;        /* the tree's selection at the last draw... */
	int tree_row_offset;       /* ...and its screen line in the pane, -1 none */
	bool finished_noted;
	pid_t cursor_pid;          /* the tree's cursor: always focus_pid once there is one */
	pid_t focus_pid;           /* the process the detail panes show */
	bool focus_pinned;         /* chosen by the user (cursor, Enter, click): do not follow the steps */
	int focus_fd;              /* the FD the step is about, -1 none: marked in the FD pane */
	FocusSigset focus_sigset;  /* the signal set the step is about: marked in the signals pane */
	bool reveal_fd;            /* scroll the FD pane to focus_fd at the next draw */
	int ev_from_bottom;        /* the events' cursor is this many events above the
	                              newest; 0: on the newest, following */
	bool ev_open;              /* the event under the cursor is shown in full */
	size_t ev_seen;            /* events logged (dropped ones too) at the last draw:
	                              a cursor off the newest stays on its event */

	/* the tree's shape: kept in forkscope.conf but for the folds */
	TreeOrder tree_order;      /* o: the order of siblings */
	unsigned tree_columns;     /* c: TREE_COLUMN_* shown (the order's own shows anyway) */
	pid_t folded[128];         /* -, + in a watch: processes whose subtrees are folded */
	int nfolded;

	/* a line edited in the status line (the tree filter, a command), or a
	 * signal being chosen (prompt_text then names its process) */
	PromptKind prompt;
	char prompt_text[256];
	char filter[64];           /* the tree filter in effect (Esc or an empty one clears it) */
	int signal_choice;         /* k: the signal offered, an index in the signal table */
	pid_t signal_pid;          /* k: the process it goes to */
	int signal_pidfd;          /* k: a pidfd of that process, -1 none: no other process
	                              that takes the pid over meanwhile gets the signal */
	char command_line[256];    /* the custom scenario's command, as typed */
	char command_words[256];   /* command_line split: words NUL-separated */
	char *command_argv[COMMAND_WORDS_MAX + 1]; /* into command_words; args.command points here */

	/* the terminal pane of a command run on a pty (-- CMD, custom) */
	struct Console *console;   /* owned; NULL when the run has none */
	bool console_keys;         /* the keyboard goes to the command (Ctrl-] toggles) */
	bool console_hidden;       /* T: the pane is hidden, its room given back */
	int console_cursor_y;      /* where its cursor was drawn, -1 nowhere */
	int console_cursor_x;
	bool quit_leave;           /* quitting leaves the command running (asked, or --detach) */

	struct Recorder *recorder; /* --record: the run written as it goes; NULL none */

	/* [ and ]: the time cursor (travel.c) */
	bool travel;               /* looking back at travel_seq, not at the live moment */
	size_t travel_seq;         /* the event: its index in the log + events dropped before */
	char travel_text[128];     /* "event K of N" for the status line, "" when live */

	/* b: the breakpoint list, over the screen */
	bool breaks_open;
	int breaks_cursor;

	/* looks */
	Theme theme;
	size_t theme_index;
	bool monochrome, ascii;
	bool theme_error_noted;    /* a theme that does not load was reported once */
	Settings settings;         /* the user's forkscope.conf, as read and as changed */
	bool settings_on;          /* read at start and written on a change (not --no-config) */
	const Glyphs *g;
	StableIds ids;

	HintSpot hints[HINTS_MAX]; /* the status line's hints at the last draw */
	int nhints;

	uint64_t back_armed_until_us; /* Esc pressed once in a watch: a second one before this ends it */
	char run_error[256];       /* why the last run could not start */
	int run_errno;             /* and the errno behind it */
	char message[200];         /* a passing note in the status line */
	bool message_is_error;
	uint64_t message_until_us;
	int delay_ms;
	uint64_t next_tick_us;
	uint64_t last_rescan_us;
	uint64_t last_frame_us;    /* the last draw */
	bool frame_due;            /* the source brought something not drawn yet */
	uint64_t next_pump_us;     /* a watcher is not pumped again before this */
	bool headless;             /* drawing for a screenshot */
} App;

void App_init(App *app, const UiOptions *opt, bool ascii, bool headless);
void App_done(App *app);

/* Starts app->args as a run (ends any run first). 0, or -1 with a message. */
int App_run_start(App *app);
/* Ends the run (the demo is killed and reaped), keeps the session to look at. */
void App_run_stop(App *app);
/* Back to the scenario list: ends the run and drops its session. */
void App_show_list(App *app);
/* After the source moved: rescan, follow the step's process, note the end. */
unsigned App_after_pump(App *app);
/* Re-reads identities and the focused process; expires ghosts when running. */
void App_rescan(App *app, bool refocus);
/* The step's focus as the catalogue has it, when the panes follow it; else NULL. */
const StepFocus *App_step_focus(const App *app);
/* A setting changed (app->settings updated): writes forkscope.conf. */
void App_save_settings(App *app);
/* Moves the selection (tree cursor and detail panes) to pid, chosen by the user. */
void App_select(App *app, pid_t pid);
/* Sets a passing message for the status line. */
void App_note(App *app, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Loads and applies the theme named (NULL: the one in use). 0 or -1. */
int App_set_theme(App *app, const char *name);

/* Draws the whole screen into stdscr (no refresh). */
void App_draw(App *app);

/* Does the source go in steps (a scenario), or is it watched as it runs? */
bool App_stepped(const App *app);
/* A run forkscope started (scenario or -- CMD), not a watcher: few processes. */
bool App_run_is_ours(const App *app);
/* Must the source be pumped as soon as it has something (a tracer stops
 * its tracees until then)? */
bool App_pump_at_once(const App *app);

/* Does the focused process have a parent the session watches? (The root's
 * parent is forkscope itself, no fit comparison for the panes.) */
bool App_focus_parent_known(const App *app);

/* The focused process's pid as the panes name it (StableIds), marked when
 * it has exited: the panes then hold what was last read of it. */
const char *App_focus_pid(App *app, char *buf, size_t len);

/* The tree's rows, depth first (Session_tree with the filter). Owned by the
 * caller, free() it. */
size_t App_tree_rows(const App *app, TreeRow **rows);

/* Splits app->command_line into command_argv (quotes ' and " group words).
 * 0, or -1 when there is no word or a quote is not closed. */
int App_split_command(App *app);

/* Is the terminal pane on the screen? */
bool App_console_shown(const App *app);
/* Gives the keyboard to the terminal pane (true) or to forkscope's keys. */
void App_console_keys(App *app, bool to_console);

/* Writes the screen as it is drawn to path (.svg, .html, .txt). 0, or -1
 * with a message in err. */
int App_export_screen(App *app, const char *path, char *err, size_t errlen);

#endif
