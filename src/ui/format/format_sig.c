/*
 * Signal sets as lists of names (see format.h), each compared with the
 * parent's set of the same kind: a name only this process has is "added",
 * a name only the parent has is "removed". That is how the lesson reads:
 * exec resets caught signals to default (removed from "caught"), keeps
 * ignored ones, and system() blocks SIGCHLD in the caller while it waits.
 */
#include "ui/format/format.h"

#include <stdio.h>

#include "base/i18n.h"

const char *SigSetKind_name(SigSetKind kind)
{
	static const char *const names[] = {
		[SIGSET_BLOCKED] = N_("blocked"), [SIGSET_IGNORED] = N_("ignored"),
		[SIGSET_CAUGHT] = N_("caught"), [SIGSET_PENDING] = N_("pending"),
	};
	return kind < SIGSET_KIND_COUNT ? names[kind] : "?";
}

const char *SigSetKind_field(SigSetKind kind)
{
	/* pending is SigPnd (this thread) with ShdPnd (the process) */
	static const char *const fields[] = {
		[SIGSET_BLOCKED] = "SigBlk", [SIGSET_IGNORED] = "SigIgn",
		[SIGSET_CAUGHT] = "SigCgt", [SIGSET_PENDING] = "SigPnd",
	};
	return kind < SIGSET_KIND_COUNT ? fields[kind] : "?";
}

ColorRole SigSetKind_role(SigSetKind kind)
{
	static const ColorRole roles[] = {
		[SIGSET_BLOCKED] = ROLE_SIG_BLOCKED, [SIGSET_IGNORED] = ROLE_SIG_IGNORED,
		[SIGSET_CAUGHT] = ROLE_SIG_CAUGHT, [SIGSET_PENDING] = ROLE_SIG_PENDING,
	};
	return kind < SIGSET_KIND_COUNT ? roles[kind] : ROLE_NORMAL;
}

uint64_t SigSets_mask(const SigSets *s, SigSetKind kind)
{
	switch (kind) {
	case SIGSET_BLOCKED: return s->blocked;
	case SIGSET_IGNORED: return s->ignored;
	case SIGSET_CAUGHT: return s->caught;
	case SIGSET_PENDING: return s->pending_thread | s->pending_shared;
	case SIGSET_KIND_COUNT: break;
	}
	return 0;
}

size_t sig_items(uint64_t self, uint64_t parent, bool has_parent, SigItem *items, size_t max)
{
	size_t n = 0;

	for (int signo = 1; signo <= SIGNAL_MAX && n < max; signo++) {
		bool mine = sigmask_has(self, signo);
		bool theirs = has_parent && sigmask_has(parent, signo);

		if (mine)
			items[n++] = (SigItem){ signo, has_parent && !theirs ? SIGDIFF_ADDED : SIGDIFF_SAME };
		else if (theirs)
			items[n++] = (SigItem){ signo, SIGDIFF_REMOVED };
	}
	return n;
}

void sig_item_text(const SigItem *item, const Glyphs *g, char *buf, size_t len)
{
	const char *mark = item->diff == SIGDIFF_ADDED ? g->added
			 : item->diff == SIGDIFF_REMOVED ? g->removed : "";

	snprintf(buf, len, "%s%s", mark, signal_name(item->signo));
}
