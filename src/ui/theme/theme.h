/*
 * Themes: drawing code names a role, a theme maps each role to colours and
 * attributes. A theme file has `key = value` lines (# comments, blank lines
 * ok), key a role name ("tree.new"), value "FG [on BG] [bold] [reverse]
 * [underline] [dim]" with colours as names (black, red, ..., brightwhite,
 * default), 0-255, or #rrggbb (downgraded to the nearest colour the terminal
 * has). A key the file lacks falls back to the default theme; an unknown key
 * or a bad value is an error naming file and line. The monochrome theme and
 * NO_COLOR use attributes only.
 */
#ifndef FORKSCOPE_UI_THEME_H
#define FORKSCOPE_UI_THEME_H

#include <stdbool.h>
#include <stddef.h>

typedef enum ColorRole {
	ROLE_NORMAL,          /* "normal": text */
	ROLE_DIM,             /* "dim": secondary text, units */
	ROLE_TITLE,           /* "title": pane titles */
	ROLE_BORDER,          /* "border" */
	ROLE_BORDER_ACTIVE,   /* "border.active": the pane with focus */
	ROLE_HEADER,          /* "header": column headers */
	ROLE_SELECTED,        /* "selected": the cursor row */
	ROLE_STATUS,          /* "status": the status line */
	ROLE_KEY,             /* "key": key names in the status line and help */
	ROLE_CAPTION,         /* "caption": the step caption */
	ROLE_WARNING,         /* "warning": unknown/denied, fallbacks, errors */
	ROLE_TREE_LINE,       /* "tree.line": the tree's branches */
	ROLE_TREE_NEW,        /* "tree.new": appeared since the last step */
	ROLE_TREE_CHANGED,    /* "tree.changed": changed since the last step */
	ROLE_TREE_GHOST,      /* "tree.ghost": exited, shown for a few seconds */
	ROLE_TREE_ZOMBIE,     /* "tree.zombie": state Z */
	ROLE_TREE_HELD,       /* "tree.held": stopped by the tracer at an event */
	ROLE_TREE_METHOD,     /* "tree.method": how it was made */
	ROLE_FD_CLOEXEC,      /* "fd.cloexec": will be closed by exec */
	ROLE_FD_SHARED,       /* "fd.shared": same open file description as the parent */
	ROLE_FD_PIPE,         /* "fd.pipe" */
	ROLE_PAGE_SHARED,     /* "page.shared": still shared (copy-on-write) */
	ROLE_PAGE_PRIVATE,    /* "page.private": copied / exclusive */
	ROLE_PAGE_ABSENT,     /* "page.absent": not present */
	ROLE_PAGE_SWAPPED,    /* "page.swapped" */
	ROLE_SIG_BLOCKED,     /* "sig.blocked" */
	ROLE_SIG_IGNORED,     /* "sig.ignored" */
	ROLE_SIG_CAUGHT,      /* "sig.caught" */
	ROLE_SIG_PENDING,     /* "sig.pending" */
	ROLE_SIG_DIFF,        /* "sig.diff": differs from the parent */
	ROLE_EVENT_CREATE,    /* "event.create": fork, vfork, clone, spawn */
	ROLE_EVENT_EXEC,      /* "event.exec" */
	ROLE_EVENT_EXIT,      /* "event.exit": exit, reap */
	ROLE_EVENT_API,       /* "event.api": the helper's API calls */
	ROLE_EVENT_SIGNAL,    /* "event.signal" */
	ROLE_CHART_1,         /* "chart.1" .. "chart.5": series in charts */
	ROLE_CHART_2,
	ROLE_CHART_3,
	ROLE_CHART_4,
	ROLE_CHART_5,
	ROLE_COUNT
} ColorRole;

/* A colour: -1 the terminal's default, 0-255 a palette index, or RGB. */
typedef struct ThemeColor {
	bool is_rgb;
	int index;               /* -1 default, 0-255 */
	unsigned char r, g, b;   /* when is_rgb */
} ThemeColor;

typedef struct ThemeStyle {
	ThemeColor fg, bg;
	unsigned attrs;          /* THEME_BOLD | ... */
} ThemeStyle;

enum { THEME_BOLD = 1, THEME_REVERSE = 2, THEME_UNDERLINE = 4, THEME_DIM = 8 };

typedef struct Theme {
	char name[64];
	ThemeStyle style[ROLE_COUNT];
} Theme;

const char *ColorRole_key(ColorRole role);  /* "tree.new" */

/* Pure parser: text of a theme file over the defaults in base (NULL: built-in
 * default). 0, or -1 with "FILE:LINE: message" in err. */
int Theme_parse(Theme *out, const Theme *base, const char *name, const char *text,
		size_t len, const char *file, char *err, size_t errlen);
/* Finds NAME.theme in $XDG_CONFIG_HOME/forkscope/themes (or ~/.config),
 * $FORKSCOPE_THEMES, then the installed data dir, and parses it. */
int Theme_load(Theme *out, const char *name, char *err, size_t errlen);
/* Names of the themes found, for cycling with 't'. Returns count; owned by the module. */
size_t Theme_list(const char *const **names);
void Theme_builtin_default(Theme *out);

/* ncurses side: sets up colour pairs for the terminal (colours downgraded to
 * COLORS), or attributes only when monochrome / NO_COLOR / no colours. */
void Theme_apply(const Theme *theme, bool monochrome);
/* The attr_t (with its colour pair) for a role, after Theme_apply. */
unsigned long Theme_attr(ColorRole role);
/* Were colours applied (not monochrome, and the terminal has them)? */
bool Theme_colour_applied(void);

#endif
