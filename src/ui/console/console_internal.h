/*
 * The console's state, shared by console.c (the pty, the emulator, the
 * scrollback) and console_keys.c (keys into bytes). Not for use outside
 * src/ui/console.
 */
#ifndef FORKSCOPE_UI_CONSOLE_CONSOLE_INTERNAL_H
#define FORKSCOPE_UI_CONSOLE_CONSOLE_INTERNAL_H

#include "live/pty.h"
#include "ui/console/console.h"

typedef struct ConsoleLine {
	VTermScreenCell *cells;   /* owned, cols of them */
	int cols;
} ConsoleLine;

struct Console {
	Pty pty;
	VTerm *vt;
	VTermScreen *screen;      /* owned by vt */
	int rows, cols;
	VTermPos cursor;
	bool cursor_visible;
	bool changed;             /* since the last Console_read */
	bool ended;               /* the terminal end is closed everywhere */
	char title[128];
	/* the scrollback: a ring of nlines lines from first, oldest first */
	ConsoleLine lines[CONSOLE_SCROLLBACK];
	int first, nlines;
	int view_back;            /* lines of scrollback shown above the screen */
};

/* Writes bytes to the command's terminal (keys, the terminal's answers). */
void console_write(Console *c, const char *s, size_t len);

#endif
