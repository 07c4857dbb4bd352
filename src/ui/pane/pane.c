/*
 * The pane table and what panes share (see pane.h): scroll arithmetic and
 * the tab strip of the small layout.
 */
#include "ui/pane/pane.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"

static const PaneClass *const panes[PANE_COUNT] = {
	[PANE_LIST] = &pane_list, [PANE_ABOUT] = &pane_about, [PANE_TREE] = &pane_tree,
	[PANE_MEMORY] = &pane_memory, [PANE_PAGES] = &pane_pages, [PANE_FDS] = &pane_fds,
	[PANE_PROCESS] = &pane_process, [PANE_EVENTS] = &pane_events, [PANE_CONSOLE] = &pane_console,
};

const PaneClass *PaneClass_get(PaneId id)
{
	return id < PANE_COUNT ? panes[id] : NULL;
}

unsigned PaneScroll_move(PaneScroll *s, int delta)
{
	int max, *v, old;

	if (s->cursor >= 0) {
		v = &s->cursor;
		max = s->count - 1;
	} else {
		v = &s->top;
		max = s->count - s->visible;
	}
	if (max < 0)
		max = 0;
	old = *v;
	if (delta == MOVE_HOME)
		*v = 0;
	else if (delta == MOVE_END)
		*v = max;
	else
		*v += delta;
	if (*v < 0)
		*v = 0;
	if (*v > max)
		*v = max;
	return *v != old ? ACT_REDRAW : ACT_NONE;
}

void PaneScroll_fit(PaneScroll *s, int count, int visible)
{
	s->count = count;
	s->visible = visible;
	if (s->cursor >= 0) {
		if (s->cursor >= count)
			s->cursor = count > 0 ? count - 1 : 0;
		if (s->cursor < s->top)
			s->top = s->cursor;
		if (visible > 0 && s->cursor >= s->top + visible)
			s->top = s->cursor - visible + 1;
	}
	if (s->top > count - visible)
		s->top = count - visible;
	if (s->top < 0)
		s->top = 0;
}

void Pane_tabs(const App *app, PaneId id, char *buf, size_t len)
{
	static const PaneId details[] = { PANE_MEMORY, PANE_PAGES, PANE_FDS, PANE_PROCESS, PANE_EVENTS };
	size_t o = 0;

	buf[0] = '\0';
	(void)app;
	for (size_t i = 0; i < sizeof details / sizeof details[0] && o + 1 < len; i++)
		if (details[i] != id)
			o += (size_t)snprintf(buf + o, len - o, "%s%s", o ? " " : "",
					      _(panes[details[i]]->tab));
}
