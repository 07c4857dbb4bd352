/*
 * Breakpoints: parsing the user's words, matching a process's stop against
 * them, and the tracer's callback. See breakpoint.h.
 *
 * Matching is by substring (strstr: case counts, as in a path) or by a
 * regex compiled once, with REG_NOSUB (only "does it match" is asked). The
 * whole argv of an exec is joined afresh for each event that is checked: a
 * program's argv can be far longer than the event's 240 bytes.
 */
#include "live/breakpoint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "probe/brief.h"

/* Longest text read at an exit stop: the exe and the command line. */
#define EXIT_TEXT_MAX 4096

void BreakList_init(BreakList *list)
{
	memset(list, 0, sizeof *list);
}

static void breakpoint_done(Breakpoint *bp)
{
	if (bp->kind == BREAK_EXEC_REGEX)
		regfree(&bp->regex);
	free(bp->text);
}

void BreakList_done(BreakList *list)
{
	for (size_t i = 0; i < list->n; i++)
		breakpoint_done(&list->v[i]);
	free(list->v);
	memset(list, 0, sizeof *list);
}

/* spec into bp (owned text, compiled regex); -1 with a message. */
static int breakpoint_parse(Breakpoint *bp, const char *spec, char *err, size_t errlen)
{
	static const struct { const char *prefix; BreakKind kind; } kinds[] = {
		{ "exec:", BREAK_EXEC }, { "exec~", BREAK_EXEC_REGEX }, { "exit:", BREAK_EXIT },
	};
	size_t plen = 0;
	int rc;

	memset(bp, 0, sizeof *bp);
	if (strcmp(spec, "fork") == 0) {
		bp->kind = BREAK_FORK;
	} else {
		size_t i;
		for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
			if (strncmp(spec, kinds[i].prefix, strlen(kinds[i].prefix)) == 0)
				break;
		if (i == sizeof kinds / sizeof kinds[0]) {
			snprintf(err, errlen, _("breakpoint '%s': give exec:PATTERN, exec~REGEX, fork or exit:PATTERN"),
				 spec);
			return -1;
		}
		bp->kind = kinds[i].kind;
		plen = strlen(kinds[i].prefix);
		if (spec[plen] == '\0') {
			snprintf(err, errlen, _("breakpoint '%s': the pattern after '%.*s' is empty"), spec,
				 (int)plen, spec);
			return -1;
		}
	}
	if (bp->kind == BREAK_EXEC_REGEX &&
	    (rc = regcomp(&bp->regex, spec + plen, REG_EXTENDED | REG_NOSUB)) != 0) {
		char why[128];
		regerror(rc, &bp->regex, why, sizeof why);
		/* TRANSLATORS: the last %s is the regex library's own message. */
		snprintf(err, errlen, _("breakpoint '%s': not a regular expression: %s"), spec, why);
		return -1;
	}
	bp->text = xstrdup(spec);
	bp->pattern = bp->text + plen;
	bp->enabled = true;
	return 0;
}

int breakpoint_check(const char *spec, char *err, size_t errlen)
{
	Breakpoint bp;

	if (breakpoint_parse(&bp, spec, err, errlen) < 0)
		return -1;
	breakpoint_done(&bp);
	return 0;
}

int BreakList_add(BreakList *list, const char *spec, char *err, size_t errlen)
{
	Breakpoint bp;

	if (breakpoint_parse(&bp, spec, err, errlen) < 0)
		return -1;
	if (list->n == list->cap) {
		list->cap = list->cap ? list->cap * 2 : 4;
		list->v = xreallocarray(list->v, list->cap, sizeof *list->v);
	}
	list->v[list->n] = bp;
	return (int)list->n++;
}

bool BreakList_set_enabled(BreakList *list, size_t index, bool enabled)
{
	if (index >= list->n)
		return false;
	list->v[index].enabled = enabled;
	return true;
}

bool BreakList_toggle(BreakList *list, size_t index)
{
	return index < list->n && BreakList_set_enabled(list, index, !list->v[index].enabled);
}

bool BreakList_remove(BreakList *list, size_t index)
{
	if (index >= list->n)
		return false;
	breakpoint_done(&list->v[index]);
	memmove(&list->v[index], &list->v[index + 1], (list->n - index - 1) * sizeof *list->v);
	list->n--;
	return true;
}

size_t BreakList_count(const BreakList *list)
{
	return list->n;
}

const Breakpoint *BreakList_at(const BreakList *list, size_t index)
{
	return index < list->n ? &list->v[index] : NULL;
}

void Breakpoint_format(const Breakpoint *bp, char *buf, size_t buflen)
{
	snprintf(buf, buflen,
		 ngettext("%s (%s, %lu hit)", "%s (%s, %lu hits)", bp->hits), bp->text,
		 bp->enabled ? _("on") : _("off"), bp->hits);
}

/* ---- matching ---- */

static bool contains(const char *text, const char *pattern)
{
	return text != NULL && strstr(text, pattern) != NULL;
}

bool Breakpoint_matches(const Breakpoint *bp, const BreakSubject *s)
{
	if (!bp->enabled)
		return false;
	switch (bp->kind) {
	case BREAK_FORK:
		return s->kind == EV_FORK || s->kind == EV_VFORK || s->kind == EV_CLONE;
	case BREAK_EXEC:
		return s->kind == EV_EXEC && (contains(s->path, bp->pattern) ||
					      contains(s->filename, bp->pattern) ||
					      contains(s->args, bp->pattern));
	case BREAK_EXEC_REGEX:
		if (s->kind != EV_EXEC)
			return false;
		return regexec(&bp->regex, s->args != NULL && s->args[0] != '\0' ? s->args
				   : s->path != NULL ? s->path : "", 0, NULL, 0) == 0;
	case BREAK_EXIT:
		return s->kind == EV_EXIT && (contains(s->path, bp->pattern) ||
					      contains(s->args, bp->pattern));
	}
	return false;
}

const Breakpoint *BreakList_match(BreakList *list, const BreakSubject *subject)
{
	for (size_t i = 0; i < list->n; i++)
		if (Breakpoint_matches(&list->v[i], subject)) {
			list->v[i].hits++;
			return &list->v[i];
		}
	return NULL;
}

/* argv joined by single spaces; owned by the caller. */
static char *join_argv(char *const *argv)
{
	size_t len = 1, o = 0;
	char *out;

	for (size_t i = 0; argv[i] != NULL; i++)
		len += strlen(argv[i]) + 1;
	out = xmalloc(len);
	for (size_t i = 0; argv[i] != NULL; i++)
		o += (size_t)sprintf(out + o, "%s%s", i > 0 ? " " : "", argv[i]);
	out[o] = '\0';
	return out;
}

static bool any_of_kind(const BreakList *list, BreakKind a, BreakKind b)
{
	for (size_t i = 0; i < list->n; i++)
		if (list->v[i].enabled && (list->v[i].kind == a || list->v[i].kind == b))
			return true;
	return false;
}

static const Breakpoint *match_exec(BreakList *list, const Event *ev)
{
	const ExecRecord *rec = list->execs != NULL ? ExecLog_find(list->execs, ev->record) : NULL;
	BreakSubject s = { .kind = EV_EXEC, .path = ev->detail, .args = ev->argv };
	const Breakpoint *hit;
	char *joined = NULL;

	if (rec != NULL && rec->argv != NULL)
		s.args = joined = join_argv(rec->argv);
	if (rec != NULL)
		s.filename = rec->filename;
	hit = BreakList_match(list, &s);
	free(joined);
	return hit;
}

/* At its exit stop the process is all there: its exe and command line. */
static const Breakpoint *match_exit(BreakList *list, const Event *ev)
{
	char *exe = xmalloc(EXIT_TEXT_MAX), *cmdline = xmalloc(EXIT_TEXT_MAX);
	BreakSubject s = { .kind = EV_EXIT, .path = exe, .args = cmdline };
	const Breakpoint *hit;

	brief_exe(ev->pid, exe, EXIT_TEXT_MAX);
	brief_cmdline(ev->pid, cmdline, EXIT_TEXT_MAX);
	hit = BreakList_match(list, &s);
	free(exe);
	free(cmdline);
	return hit;
}

const Breakpoint *BreakList_match_event(BreakList *list, const Event *ev)
{
	BreakSubject s = { .kind = ev->kind };

	switch (ev->kind) {
	case EV_EXEC:
		return any_of_kind(list, BREAK_EXEC, BREAK_EXEC_REGEX) ? match_exec(list, ev) : NULL;
	case EV_EXIT:
		/* A thread's exit is not a process's. */
		return ev->how != HOW_THREAD && any_of_kind(list, BREAK_EXIT, BREAK_EXIT)
		       ? match_exit(list, ev) : NULL;
	case EV_FORK: case EV_VFORK: case EV_CLONE:
		return BreakList_match(list, &s);
	default:
		return NULL;
	}
}

bool breakpoint_tracer_fn(void *ctx, const Event *ev, char *text, size_t textlen)
{
	const Breakpoint *hit = BreakList_match_event(ctx, ev);

	if (hit == NULL)
		return false;
	snprintf(text, textlen, "%s", hit->text);
	return true;
}
