/*
 * Words of the process pane (see format.h): the program's file and working
 * directory (the exe and cwd links), its scheduling (stat's policy,
 * rt_priority and nice) and its environment (/proc/PID/environ), each
 * compared with the parent's, as the signal sets are. What differs from
 * the parent is in the diff role: after an exec the exe differs; after
 * posix_spawn with SETSCHEDULER the policy; after execle the environment.
 *
 * An environment is shown by what differs from the parent's, never whole:
 * "+NAME=value" only here, "-NAME" only in the parent. The parent's block
 * is the one its own exec received, so a variable it setenv'd shows as
 * "+" in a child that exec'd with it.
 */
#include "ui/format/format.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"

static size_t word(ProcWord *w, size_t n, size_t max, const char *label, ColorRole role,
		   const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static size_t word(ProcWord *w, size_t n, size_t max, const char *label, ColorRole role,
		   const char *fmt, ...)
{
	va_list ap;

	if (n >= max)
		return n;
	snprintf(w[n].label, sizeof w[n].label, "%s", label != NULL ? label : "");
	va_start(ap, fmt);
	vsnprintf(w[n].text, sizeof w[n].text, fmt, ap);
	va_end(ap);
	w[n].role = role;
	return n + 1;
}

int proc_word_width(const ProcWord *w)
{
	int tw = text_width(w->text);

	return w->label[0] != '\0' ? text_width(w->label) + 1 + tw : tw;
}

/* The bytes of the longest start of s, cut between characters, that takes
 * at most cols columns; at least one character, so that a split ends. */
static size_t prefix_fitting(const char *s, int cols)
{
	size_t len = strlen(s), best = 0, k;
	char buf[sizeof ((ProcWord *)0)->text];

	for (k = 1; k <= len && k < sizeof buf; k++) {
		if (k < len && ((unsigned char)s[k] & 0xc0) == 0x80)
			continue; /* inside a UTF-8 character */
		memcpy(buf, s, k);
		buf[k] = '\0';
		if (text_width(buf) > cols)
			break;
		best = k;
	}
	if (best == 0 && len > 0) { /* one character wider than the line */
		for (best = 1; best < len && ((unsigned char)s[best] & 0xc0) == 0x80; best++)
			;
	}
	return best;
}

size_t proc_word_pieces(const ProcWord *w, int width, TextLine *pieces, size_t max)
{
	size_t n = 0, at = 0, len = strlen(w->text);
	int cols = width - (w->label[0] != '\0' ? text_width(w->label) + 1 : 0);

	if (width < 1)
		width = 1;
	if (cols < 1)
		cols = 1;
	do {
		size_t k = prefix_fitting(w->text + at, cols);
		if (n < max)
			pieces[n] = (TextLine){ at, k };
		n++;
		at += k;
		cols = width;
	} while (at < len);
	return n;
}

int proc_words_lay_out(const ProcWord *w, size_t n, int width, int first, int *line, int *x)
{
	int l = 0, col = first > 0 ? first : 0;

	for (size_t i = 0; i < n; i++) {
		int ww = proc_word_width(&w[i]);
		if (col > 0 && col + ww > width) {
			l++;
			col = 0;
		}
		line[i] = l;
		x[i] = col;
		if (col + ww <= width) {
			col += ww + 1;
		} else {
			/* longer than a line: it goes on in the lines below */
			TextLine pieces[sizeof w[i].text];
			size_t np = proc_word_pieces(&w[i], width, pieces,
						     sizeof pieces / sizeof pieces[0]);
			char last[sizeof w[i].text];

			memcpy(last, w[i].text + pieces[np - 1].start, pieces[np - 1].len);
			last[pieces[np - 1].len] = '\0';
			l += (int)np - 1;
			col = (np > 1 ? text_width(last) : ww) + 1;
		}
	}
	return l + 1;
}

/* A link's text for the pane: the path, or why it could not be read. */
static const char *link_text(ReadState state, const char *path, StableIds *ids, char *buf,
			     size_t len)
{
	if (state == READ_OK && path != NULL)
		return StableIds_path(ids, path, buf, len);
	/* A zombie or a kernel thread has none: a dash, as ps prints. The
	 * memory and FD panes above say why at length. */
	if (state == READ_ABSENT)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%s", _(ReadState_explain(state)));
	return buf;
}

static ColorRole link_role(ReadState state, const char *path, bool compared, ReadState pstate,
			   const char *ppath)
{
	if (state != READ_OK)
		return state == READ_ABSENT || state == READ_GONE ? ROLE_DIM : ROLE_WARNING;
	if (compared && pstate == READ_OK && ppath != NULL && strcmp(path, ppath) != 0)
		return ROLE_SIG_DIFF;
	return ROLE_NORMAL;
}

size_t proc_place_words(const ProcDetail *self, const ProcDetail *parent, StableIds *ids,
			ProcWord *w, size_t max)
{
	const ProcIdentity *id = &self->id;
	char buf[1024];
	size_t n = 0;

	n = word(w, n, max, NULL,
		 link_role(id->exe_state, id->exe, parent != NULL,
			   parent ? parent->id.exe_state : READ_NOT_ASKED, parent ? parent->id.exe : NULL),
		 "%s", link_text(id->exe_state, id->exe, ids, buf, sizeof buf));
	if (self->cwd_state == READ_NOT_ASKED)
		return n;
	n = word(w, n, max, "cwd",
		 link_role(self->cwd_state, self->cwd, parent != NULL,
			   parent ? parent->cwd_state : READ_NOT_ASKED, parent ? parent->cwd : NULL),
		 "%s", link_text(self->cwd_state, self->cwd, ids, buf, sizeof buf));
	return n;
}

size_t proc_sched_words(const ProcIdentity *id, const ProcIdentity *parent, ProcWord *w,
			size_t max)
{
	bool cmp = parent != NULL && parent->state == READ_OK;
	size_t n = 0;

	if (id->state != READ_OK)
		return word(w, n, max, NULL, ROLE_DIM, "%s", _(ReadState_explain(id->state)));
	n = word(w, n, max, NULL,
		 cmp && parent->sched_policy != id->sched_policy ? ROLE_SIG_DIFF : ROLE_NORMAL,
		 "%s", sched_policy_name(id->sched_policy));
	n = word(w, n, max, "rt_priority",
		 cmp && parent->rt_priority != id->rt_priority ? ROLE_SIG_DIFF : ROLE_NORMAL,
		 "%d", id->rt_priority);
	n = word(w, n, max, "nice", cmp && parent->nice != id->nice ? ROLE_SIG_DIFF : ROLE_NORMAL,
		 "%d", id->nice);
	return n;
}

/* Words after the added ones: a bullet, the removed (listed or counted), a
 * bullet and the same; one more for "+N more". */
enum { ENV_TAIL_WORDS = ENV_REMOVED_LISTED + 4 };

/* The name of an entry, at most len - 1 bytes. */
static void entry_name(const char *entry, char *buf, size_t len)
{
	size_t n = environ_name_len(entry);

	if (n >= len)
		n = len - 1;
	memcpy(buf, entry, n);
	buf[n] = '\0';
}

size_t proc_environ_words(const ProcDetail *self, const ProcDetail *parent, const Glyphs *g,
			  StableIds *ids, ProcWord *w, size_t max)
{
	size_t n = 0, count;
	char buf[1024], name[256];
	EnvDiff d;

	if (self->environ_state != READ_OK)
		return word(w, n, max, NULL,
			    self->environ_state == READ_ABSENT || self->environ_state == READ_GONE
			    ? ROLE_DIM : ROLE_WARNING, "%s", _(ReadState_explain(self->environ_state)));
	count = environ_len(self->environ);
	n = word(w, n, max, NULL, ROLE_NORMAL, ngettext("%zu var", "%zu vars", count), count);
	if (parent == NULL || parent->environ_state != READ_OK)
		return n;
	EnvDiff_compute(&d, self->environ, parent->environ);
	/* groups, each after a bullet: +NAME=value..., -NAME... (or a count), same */
	if (d.added > 0)
		n = word(w, n, max, NULL, ROLE_DIM, "%s", g->bullet);
	for (size_t i = 0, listed = 0; i < d.n; i++) {
		if (d.v[i].change != ENV_ADDED)
			continue;
		if (n + ENV_TAIL_WORDS >= max) { /* keep room for the counts */
			n = word(w, n, max, NULL, ROLE_SIG_DIFF, _("%s%zu more"), g->added,
				 d.added - listed);
			break;
		}
		n = word(w, n, max, NULL, ROLE_SIG_DIFF, "%s%s", g->added,
			 StableIds_path(ids, d.v[i].entry, buf, sizeof buf));
		listed++;
	}
	if (d.removed > 0)
		n = word(w, n, max, NULL, ROLE_DIM, "%s", g->bullet);
	for (size_t i = 0; i < d.n && d.removed <= ENV_REMOVED_LISTED; i++) {
		if (d.v[i].change != ENV_REMOVED)
			continue;
		entry_name(d.v[i].entry, name, sizeof name);
		n = word(w, n, max, NULL, ROLE_SIG_DIFF, "%s%s", g->removed, name);
	}
	if (d.removed > ENV_REMOVED_LISTED)
		n = word(w, n, max, NULL, ROLE_SIG_DIFF,
			 ngettext("%zu of the parent's absent", "%zu of the parent's absent", d.removed),
			 d.removed);
	if (d.same > 0) {
		n = word(w, n, max, NULL, ROLE_DIM, "%s", g->bullet);
		n = word(w, n, max, NULL, ROLE_DIM,
			 ngettext("%zu as in the parent", "%zu as in the parent", d.same), d.same);
	}
	EnvDiff_done(&d);
	return n;
}
