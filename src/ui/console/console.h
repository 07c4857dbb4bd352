/*
 * The console: the terminal a watched command runs on, shown in a pane.
 * The command gets a pty's terminal end (its controlling terminal); the
 * console keeps the other end and feeds what the command writes to
 * libvterm, which keeps the screen (colours, cursor, the alternate screen
 * of less or vim). Lines that scroll off the top are kept in a scrollback
 * of CONSOLE_SCROLLBACK lines. Keys typed while the console has the
 * keyboard go to the command, encoded by libvterm as the terminal's modes
 * ask (application cursor keys, for one).
 *
 * Model: the console never draws; pane_console.c reads its cells.
 */
#ifndef FORKSCOPE_UI_CONSOLE_CONSOLE_H
#define FORKSCOPE_UI_CONSOLE_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <vterm.h>

/* Lines kept above the screen. */
#define CONSOLE_SCROLLBACK 1000

typedef struct Console Console;

/* Opens the pty and the emulator at rows x cols. NULL with errno set. */
Console *Console_new(int rows, int cols);
/* Closes forkscope's end (a command left running keeps its terminal:
 * see Console_hand_over) and frees the screen. */
void Console_delete(Console *c);

/* The terminal end to give the command (TracerSpawn.tty_fd); after the
 * command started, Console_started closes forkscope's copy, so the pane
 * sees the end of the output once the command and its children are gone. */
int Console_tty(const Console *c);
void Console_started(Console *c);

/* The descriptor to poll for the command's output; -1 once it is over. */
int Console_fd(const Console *c);
/* Reads what the command wrote and updates the screen. true when
 * something changed (a redraw is due). */
bool Console_read(Console *c);
/* Nothing more will come: every process holding the terminal is gone. */
bool Console_ended(const Console *c);

/* The pane's inner size changed: the screen and the command's window size
 * follow (the kernel sends SIGWINCH to its foreground group). */
void Console_resize(Console *c, int rows, int cols);
int Console_rows(const Console *c);
int Console_cols(const Console *c);

/* A key read from curses, for the command. false when the key has no
 * meaning for a terminal (a mouse report, a resize). */
bool Console_key(Console *c, int key);

/* Scrolling back: lines above the screen shown (0: the live screen). */
int Console_scrollback(const Console *c);
int Console_scrollback_lines(const Console *c);
/* Moves the view by delta lines (positive: back in time); true if it moved. */
bool Console_scroll(Console *c, int delta);

/* The cell at row, col of the view (scrollback included). */
void Console_cell(const Console *c, int row, int col, VTermScreenCell *cell);
/* The cursor, when it is visible in the view. */
bool Console_cursor(const Console *c, int *row, int *col);
/* The title the program set (OSC 0/2), "" if none. */
const char *Console_title(const Console *c);

/* Quitting leaves the command running: a small child keeps reading the
 * terminal (and drops what it reads) until the command's last process
 * closes it, so the command is neither hung up nor blocked on output. */
void Console_hand_over(Console *c);

#endif
