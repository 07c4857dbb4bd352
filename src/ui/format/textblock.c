/*
 * Wrapped text blocks (see textblock.h). Lines are copied out of the source
 * text at wrap time, so a block stays valid after its source is gone.
 */
#include "ui/format/textblock.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

void TextBlock_init(TextBlock *tb, int width)
{
	memset(tb, 0, sizeof *tb);
	tb->width = width > 1 ? width : 1;
}

void TextBlock_done(TextBlock *tb)
{
	for (size_t i = 0; i < tb->n; i++) {
		free(tb->v[i].lead);
		free(tb->v[i].text);
	}
	free(tb->v);
	memset(tb, 0, sizeof *tb);
}

static TextBlockLine *push(TextBlock *tb)
{
	if (tb->n == tb->cap) {
		tb->cap = tb->cap ? tb->cap * 2 : 32;
		tb->v = xreallocarray(tb->v, tb->cap, sizeof *tb->v);
	}
	memset(&tb->v[tb->n], 0, sizeof tb->v[0]);
	return &tb->v[tb->n++];
}

void TextBlock_add_lead(TextBlock *tb, const char *lead, ColorRole lead_role, int lead_width,
			const char *text, ColorRole role)
{
	int cols = tb->width - lead_width;
	TextLine lines[64];
	size_t n;

	if (cols < 8) { /* no room for a column: the lead goes on a line of its own */
		if (lead != NULL && lead[0] != '\0')
			TextBlock_add(tb, lead, lead_role);
		lead = NULL;
		lead_width = 0;
		cols = tb->width;
	}
	n = text_wrap(text, cols, lines, 64);
	if (n > 64)
		n = 64;
	if (n == 0) {
		lines[0] = (TextLine){ 0, 0 };
		n = 1;
	}
	for (size_t i = 0; i < n; i++) {
		TextBlockLine *l = push(tb);
		l->lead = i == 0 && lead != NULL ? xstrdup(lead) : NULL;
		l->lead_role = lead_role;
		l->lead_width = lead_width;
		l->text = xstrndup(text + lines[i].start, lines[i].len);
		l->role = role;
	}
}

void TextBlock_add(TextBlock *tb, const char *text, ColorRole role)
{
	TextBlock_add_lead(tb, NULL, ROLE_NORMAL, 0, text, role);
}

void TextBlock_blank(TextBlock *tb)
{
	TextBlockLine *l = push(tb);
	l->text = xstrdup("");
	l->role = ROLE_NORMAL;
}

void Draw_block(const TextBlock *tb, Rect r, int top)
{
	for (int i = 0; i < r.h; i++) {
		size_t k = (size_t)(top + i);
		const TextBlockLine *l;

		if (top + i < 0 || k >= tb->n)
			break;
		l = &tb->v[k];
		if (l->lead != NULL)
			Draw_text(r.y + i, r.x, l->lead_width, l->lead, l->lead_role);
		Draw_text(r.y + i, r.x + l->lead_width, r.w - l->lead_width, l->text, l->role);
	}
}
