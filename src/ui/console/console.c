/*
 * The console's pty, emulator and scrollback: see console.h. The keys are
 * in console_keys.c.
 */
#include "ui/console/console_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "live/hand_over.h"

/* ---- libvterm's callbacks ---- */

/* What the terminal answers (a key, a cursor report) goes to the command. */
static void on_output(const char *s, size_t len, void *user)
{
	console_write(user, s, len);
}

static int on_damage(VTermRect rect, void *user)
{
	((Console *)user)->changed = true;
	return 1;
}

static int on_movecursor(VTermPos pos, VTermPos oldpos, int visible, void *user)
{
	Console *c = user;

	c->cursor = pos;
	c->changed = true;
	return 1;
}

static int on_settermprop(VTermProp prop, VTermValue *val, void *user)
{
	Console *c = user;

	if (prop == VTERM_PROP_CURSORVISIBLE)
		c->cursor_visible = val->boolean != 0;
	else if (prop == VTERM_PROP_TITLE)
		snprintf(c->title, sizeof c->title, "%s", val->string != NULL ? val->string : "");
	else
		return 0;
	c->changed = true;
	return 1;
}

/* A line scrolled off the top: kept, the oldest dropped when full. */
static int on_pushline(int cols, const VTermScreenCell *cells, void *user)
{
	Console *c = user;
	ConsoleLine *line;

	if (c->nlines == CONSOLE_SCROLLBACK) {
		free(c->lines[c->first].cells);
		c->first = (c->first + 1) % CONSOLE_SCROLLBACK;
		c->nlines--;
	}
	line = &c->lines[(c->first + c->nlines) % CONSOLE_SCROLLBACK];
	line->cols = cols;
	line->cells = xmalloc((size_t)cols * sizeof *cells);
	memcpy(line->cells, cells, (size_t)cols * sizeof *cells);
	c->nlines++;
	if (c->view_back > 0 && c->view_back < c->nlines)
		c->view_back++; /* a view looking back stays on its lines */
	return 1;
}

/* The screen grew taller: its top lines come back from the scrollback. */
static int on_popline(int cols, VTermScreenCell *cells, void *user)
{
	Console *c = user;
	ConsoleLine *line;

	if (c->nlines == 0)
		return 0;
	line = &c->lines[(c->first + c->nlines - 1) % CONSOLE_SCROLLBACK];
	for (int i = 0; i < cols; i++)
		if (i < line->cols)
			cells[i] = line->cells[i];
		else
			cells[i] = (VTermScreenCell){ .width = 1, .fg = line->cells[0].fg,
						      .bg = line->cells[0].bg };
	free(line->cells);
	line->cells = NULL;
	c->nlines--;
	if (c->view_back > c->nlines)
		c->view_back = c->nlines;
	return 1;
}

static const VTermScreenCallbacks screen_callbacks = {
	.damage = on_damage,
	.movecursor = on_movecursor,
	.settermprop = on_settermprop,
	.sb_pushline = on_pushline,
	.sb_popline = on_popline,
};

/* ---- life ---- */

Console *Console_new(int rows, int cols)
{
	Console *c = xcalloc(1, sizeof *c);
	int rc;

	rows = rows > 1 ? rows : 24;
	cols = cols > 1 ? cols : 80;
	rc = Pty_open(&c->pty, rows, cols);
	if (rc < 0) {
		free(c);
		errno = -rc;
		return NULL;
	}
	c->rows = rows;
	c->cols = cols;
	c->vt = vterm_new(rows, cols);
	vterm_set_utf8(c->vt, 1);
	vterm_output_set_callback(c->vt, on_output, c);
	c->screen = vterm_obtain_screen(c->vt);
	vterm_screen_set_callbacks(c->screen, &screen_callbacks, c);
	vterm_screen_enable_altscreen(c->screen, 1);
	vterm_screen_reset(c->screen, 1);
	c->cursor_visible = true;
	return c;
}

void Console_delete(Console *c)
{
	if (c == NULL)
		return;
	Pty_close(&c->pty);
	vterm_free(c->vt);
	for (int i = 0; i < c->nlines; i++)
		free(c->lines[(c->first + i) % CONSOLE_SCROLLBACK].cells);
	free(c);
}

int Console_tty(const Console *c)
{
	return c->pty.tty;
}

void Console_started(Console *c)
{
	Pty_close_tty(&c->pty);
}

int Console_fd(const Console *c)
{
	return c->ended ? -1 : c->pty.master;
}

bool Console_ended(const Console *c)
{
	return c->ended;
}

/* ---- the command's output ---- */

bool Console_read(Console *c)
{
	char buf[8192];
	ssize_t n;
	int rounds = 0;

	c->changed = false;
	/* A bounded number of reads: a command that prints without pause
	 * must not keep the screen from its keys. */
	while (!c->ended && rounds++ < 16) {
		n = read(c->pty.master, buf, sizeof buf);
		if (n > 0) {
			vterm_input_write(c->vt, buf, (size_t)n);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			break;
		/* EIO: the last process holding the terminal end closed it. */
		c->ended = true;
		c->changed = true;
	}
	vterm_screen_flush_damage(c->screen);
	return c->changed;
}

void console_write(Console *c, const char *s, size_t len)
{
	/* The master is non-blocking; a command that does not read its
	 * input for long fills the pty's buffer, and then keys are dropped
	 * rather than freezing the screen. */
	while (len > 0 && c->pty.master >= 0) {
		ssize_t n = write(c->pty.master, s, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		s += n;
		len -= (size_t)n;
	}
}

/* ---- size and view ---- */

void Console_resize(Console *c, int rows, int cols)
{
	if (rows < 2 || cols < 2 || (rows == c->rows && cols == c->cols))
		return;
	c->rows = rows;
	c->cols = cols;
	vterm_set_size(c->vt, rows, cols);
	vterm_screen_flush_damage(c->screen);
	Pty_resize(&c->pty, rows, cols);
	c->changed = true;
}

int Console_rows(const Console *c)
{
	return c->rows;
}

int Console_cols(const Console *c)
{
	return c->cols;
}

int Console_scrollback(const Console *c)
{
	return c->view_back;
}

int Console_scrollback_lines(const Console *c)
{
	return c->nlines;
}

bool Console_scroll(Console *c, int delta)
{
	int back = c->view_back + delta;

	if (back < 0)
		back = 0;
	if (back > c->nlines)
		back = c->nlines;
	if (back == c->view_back)
		return false;
	c->view_back = back;
	return true;
}

void Console_cell(const Console *c, int row, int col, VTermScreenCell *cell)
{
	int back = c->view_back;

	if (row < back) {
		/* From the scrollback: row 0 shows the line `back` above the screen. */
		const ConsoleLine *line = &c->lines[(c->first + c->nlines - back + row) % CONSOLE_SCROLLBACK];
		if (col < line->cols) {
			*cell = line->cells[col];
			return;
		}
		memset(cell, 0, sizeof *cell);
		cell->width = 1;
		if (line->cols > 0) {
			cell->fg = line->cells[0].fg;
			cell->bg = line->cells[0].bg;
		} else {
			vterm_color_indexed(&cell->fg, 7);
			cell->fg.type |= VTERM_COLOR_DEFAULT_FG;
			vterm_color_indexed(&cell->bg, 0);
			cell->bg.type |= VTERM_COLOR_DEFAULT_BG;
		}
		return;
	}
	vterm_screen_get_cell(c->screen, (VTermPos){ .row = row - back, .col = col }, cell);
}

bool Console_cursor(const Console *c, int *row, int *col)
{
	if (!c->cursor_visible || c->ended || c->cursor.row + c->view_back >= c->rows)
		return false;
	*row = c->cursor.row + c->view_back;
	*col = c->cursor.col;
	return true;
}

const char *Console_title(const Console *c)
{
	return c->title;
}

/* ---- leaving the command running ---- */

void Console_hand_over(Console *c)
{
	if (!c->ended)
		fd_hand_over(c->pty.master, -1, "forkscope-pty");
}
