/*
 * A block of wrapped text lines, each with a role and an optional lead (a
 * step number, a key name) in a column of its own, continuation lines
 * indented under the text: what the about pane, the caption and the help
 * screen show. Building it is pure (no curses); Draw_block draws a window
 * of it.
 */
#ifndef FORKSCOPE_UI_TEXTBLOCK_H
#define FORKSCOPE_UI_TEXTBLOCK_H

#include <stddef.h>

#include "ui/draw.h"
#include "ui/theme/theme.h"

typedef struct TextBlockLine {
	char *lead;          /* owned; NULL on continuation lines */
	ColorRole lead_role;
	int lead_width;      /* columns reserved for the lead (also on continuations) */
	char *text;          /* owned */
	ColorRole role;
} TextBlockLine;

typedef struct TextBlock {
	int width;           /* columns available */
	TextBlockLine *v;    /* owned */
	size_t n, cap;
} TextBlock;

void TextBlock_init(TextBlock *tb, int width);
void TextBlock_done(TextBlock *tb);
/* Adds text wrapped to the width. */
void TextBlock_add(TextBlock *tb, const char *text, ColorRole role);
/* Adds text after a lead of lead_width columns; wrapped lines are indented. */
void TextBlock_add_lead(TextBlock *tb, const char *lead, ColorRole lead_role, int lead_width,
			const char *text, ColorRole role);
void TextBlock_blank(TextBlock *tb);

/* Draws lines [top, top + r.h) of the block into r. */
void Draw_block(const TextBlock *tb, Rect r, int top);

#endif
