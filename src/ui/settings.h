/*
 * The user's choices that stay, as htop and btop keep theirs: the theme, the
 * refresh interval, run mode's reading speed, whether exited processes
 * are shown, the tree's order and its optional columns, in $XDG_CONFIG_HOME/forkscope/forkscope.conf (else
 * ~/.config/forkscope/forkscope.conf). One "key = value" a line, '#'
 * comments; a bad line is reported with its file and line number and the
 * others still apply. Written when a setting changes, as a new file renamed
 * over the old one, so a reader never sees half of it. No curses here.
 */
#ifndef FORKSCOPE_UI_SETTINGS_H
#define FORKSCOPE_UI_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

/* The tree's optional columns: bits of Settings.columns (and App.tree_columns). */
/* The largest snapshot store a setting or --snapshots may ask for, MiB. */
enum { SNAPSHOT_MIB_MAX = 4096 };

enum { TREE_COLUMN_CPU = 1 << 0, TREE_COLUMN_RSS = 1 << 1, TREE_COLUMNS_ALL = (1 << 2) - 1 };

typedef struct Settings {
	char theme[64];            /* "": not set */
	int refresh_tenths;        /* the refresh interval, tenths of a second; 0: not set */
	int words_per_minute;      /* run mode's reading speed; 0: not set */
	int ghosts;                /* 1 shown, 0 hidden, -1 not set */
	int sort;                  /* the tree's order (TreeOrder), -1 not set */
	int columns;               /* TREE_COLUMN_* bits, -1 not set */
	int snapshot_mib;          /* the snapshot store's cap in MiB (0: none), -1 not set */
} Settings;

/* The name of a TreeOrder in forkscope.conf ("appearance", "pid", "start",
 * "cpu", "rss"), or NULL. */
const char *settings_sort_name(int order);

void Settings_init(Settings *s);
/* Pure: applies the lines of text to s. Returns the number of bad lines;
 * the first is described in err as "FILE:LINE: why". */
int Settings_parse(Settings *s, const char *text, size_t len, const char *file, char *err,
		   size_t errlen);
/* The file's path, or false when neither XDG_CONFIG_HOME nor HOME is an
 * absolute path. */
bool settings_path(char *buf, size_t len);
/* Reads the file into s (a missing file is no error). 0, or -1 with err
 * set: the file could not be read, or has bad lines (the rest applied). */
int Settings_load(Settings *s, char *err, size_t errlen);
/* Writes s (creating the directory), atomically. 0, or -1 with err set. */
int Settings_save(const Settings *s, char *err, size_t errlen);

#endif
