/*
 * Rows of the process tree (see format.h). The column table is the one
 * place a column is defined: header, width, alignment and the order in which
 * a narrow pane gives columns up. A row's mood (new, changed, held, zombie,
 * ghost) is decided here from the record alone, so the colour a row gets is
 * testable without a terminal.
 */
#include "ui/format/format.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"

const TreeColumn tree_columns[TCOL_COUNT] = {
	[TCOL_PID]     = { N_("PID"),      7, ALIGN_RIGHT, 0 },
	[TCOL_PPID]    = { N_("PPID"),     7, ALIGN_RIGHT, 2 },
	[TCOL_PGID]    = { N_("PGID"),     7, ALIGN_RIGHT, 3 },
	[TCOL_SID]     = { N_("SID"),      7, ALIGN_RIGHT, 4 },
	[TCOL_TTY]     = { N_("TTY"),      6, ALIGN_LEFT,  6 },
	[TCOL_STATE]   = { N_("S"),        1, ALIGN_LEFT,  0 },
	[TCOL_UIDS]    = { N_("UID/EUID"), 11, ALIGN_LEFT, 5 },
	[TCOL_MADE_BY] = { N_("MADE BY"),  12, ALIGN_LEFT, 1 },
	[TCOL_COMMAND] = { N_("COMMAND"),  0, ALIGN_LEFT,  0 },
};

enum { COMMAND_MIN = 16, MARK_WIDTH = 2 };

void tree_columns_fit(int width, bool shown[TCOL_COUNT])
{
	for (int c = 0; c < TCOL_COUNT; c++)
		shown[c] = true;
	for (;;) {
		int need = MARK_WIDTH + COMMAND_MIN, worst = -1;

		for (int c = 0; c < TCOL_COUNT; c++) {
			if (!shown[c])
				continue;
			need += tree_columns[c].width + (c == TCOL_COMMAND ? 0 : 1);
			if (tree_columns[c].drop_rank > 0 &&
			    (worst < 0 || tree_columns[c].drop_rank > tree_columns[worst].drop_rank))
				worst = c;
		}
		if (need <= width || worst < 0)
			return;
		shown[worst] = false;
	}
}

static bool is_zombie(const ProcRecord *r)
{
	return !r->reaped && r->id.state == READ_OK && r->id.task_state == 'Z';
}

bool proc_exiting_held(const ProcRecord *r)
{
	return r->exited && r->held && !r->reaped;
}

RowMood tree_row_mood(const ProcRecord *r, int step, bool stepped, uint64_t now_us,
		      uint64_t recent_us)
{
	if (is_zombie(r))
		return MOOD_ZOMBIE;
	if (r->held)
		return MOOD_HELD;
	if (r->exited)
		return MOOD_GHOST;
	if (r->id.state == READ_DENIED || r->id.state == READ_ERROR || r->id.state == READ_MALFORMED)
		return MOOD_UNKNOWN;
	if (stepped) {
		/* What happened on the way from the previous boundary to this one
		 * was recorded while the session still said the previous step. */
		if (step > 0 && r->born_step >= step - 1)
			return MOOD_NEW;
		if (step > 0 && r->changed_step >= step - 1)
			return MOOD_CHANGED;
		return MOOD_NORMAL;
	}
	if (r->born_step >= 0 && now_us < r->born_us + recent_us)
		return MOOD_NEW;
	if (now_us < r->changed_us + recent_us && r->changed_us > r->born_us)
		return MOOD_CHANGED;
	return MOOD_NORMAL;
}

ColorRole RowMood_role(RowMood mood)
{
	static const ColorRole roles[] = {
		[MOOD_NORMAL] = ROLE_NORMAL, [MOOD_NEW] = ROLE_TREE_NEW,
		[MOOD_CHANGED] = ROLE_TREE_CHANGED, [MOOD_HELD] = ROLE_TREE_HELD,
		[MOOD_ZOMBIE] = ROLE_TREE_ZOMBIE, [MOOD_GHOST] = ROLE_TREE_GHOST,
		[MOOD_UNKNOWN] = ROLE_WARNING,
	};
	return roles[mood];
}

const char *RowMood_mark(RowMood mood)
{
	static const char *const marks[] = {
		[MOOD_NORMAL] = " ", [MOOD_NEW] = "+", [MOOD_CHANGED] = "~", [MOOD_HELD] = "!",
		[MOOD_ZOMBIE] = "Z", [MOOD_GHOST] = "x", [MOOD_UNKNOWN] = "?",
	};
	return marks[mood];
}

void uids_text(const ProcIdentity *id, char *buf, size_t len)
{
	if (id->state != READ_OK)
		snprintf(buf, len, "?");
	else
		snprintf(buf, len, "%u/%u", (unsigned)id->uid_real, (unsigned)id->uid_eff);
}

void tree_branches(const TreeRowContext *ctx, const TreeRow *row, char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	for (int d = 1; d < row->depth; d++) {
		const char *piece = d < 32 && (row->branch_mask >> d) & 1u ? ctx->g->tree_through
									 : ctx->g->tree_blank;
		o += (size_t)snprintf(buf + o, o < len ? len - o : 0, "%s", piece);
		if (o >= len)
			return;
	}
	if (row->depth > 0)
		snprintf(buf + o, o < len ? len - o : 0, "%s",
			 row->last_child ? ctx->g->tree_last : ctx->g->tree_branch);
}

/* The command as a person recognizes it: argv, else [comm], else the
 * program the last exec ran. */
static const char *command_text(const ProcRecord *r, char *buf, size_t len)
{
	if (r->id.cmdline != NULL && r->id.cmdline[0] != '\0')
		return r->id.cmdline;
	if (r->id.comm[0] != '\0') {
		snprintf(buf, len, "[%s]", r->id.comm);
		return buf;
	}
	if (r->exec_path[0] != '\0')
		return r->exec_path;
	return "?";
}

static void exit_suffix(const ProcRecord *r, char *buf, size_t len)
{
	char status[64];

	buf[0] = '\0';
	if (r->exited && r->exit_status >= 0)
		wait_status_format_local(r->exit_status, status, sizeof status);
	else
		snprintf(status, sizeof status, "%s", _("exited"));
	if (is_zombie(r))
		snprintf(buf, len, _("  <defunct: %s, not reaped>"), status);
	else if (proc_exiting_held(r))
		snprintf(buf, len, "  [%s: %s]", _("exiting (held)"), status);
	else if (r->held)
		snprintf(buf, len, "%s", _("  [held]"));
	else if (r->exited)
		snprintf(buf, len, "  [%s]", status);
}

/* What the row's columns do not say, before the command so that a narrow
 * pane cuts the command rather than this: "threads 3  " for more than one
 * thread (while it lives), "nspid 1005/1  " inside a child pid namespace
 * (the pid column's number first, the process's own last). */
static void identity_prefix(const TreeRowContext *ctx, const ProcRecord *r, char *buf, size_t len)
{
	char first[32], nspid[96];
	size_t used;

	buf[0] = '\0';
	if (r->id.state != READ_OK)
		return;
	if (r->id.threads > 1 && !(r->exited && !r->held))
		snprintf(buf, len, "threads %d  ", r->id.threads);
	nspid_text(&r->id, StableIds_pid(ctx->ids, r->pid, first, sizeof first), nspid,
		   sizeof nspid);
	used = strlen(buf);
	if (nspid[0] != '\0' && used < len)
		snprintf(buf + used, len - used, "nspid %s  ", nspid);
}

static void command_cell(const TreeRowContext *ctx, const ProcRecord *r, char *buf, size_t len)
{
	char raw[80], prefix[160], suffix[96], stable[512];
	const char *cmd = command_text(r, raw, sizeof raw);

	identity_prefix(ctx, r, prefix, sizeof prefix);
	exit_suffix(r, suffix, sizeof suffix);
	StableIds_text(ctx->ids, cmd, stable, sizeof stable);
	if (ctx->command_cols > 0 && stable[0] == '/' &&
	    text_width(prefix) + text_width(stable) + text_width(suffix) > ctx->command_cols) {
		/* Too long: the program's directory goes first. */
		char *space = strchr(stable, ' ');
		char *slash;
		if (space != NULL)
			*space = '\0';
		slash = strrchr(stable, '/');
		if (space != NULL)
			*space = ' ';
		if (slash != NULL && slash[1] != '\0' && slash[1] != ' ')
			memmove(stable, slash + 1, strlen(slash + 1) + 1);
	}
	snprintf(buf, len, "%s%s%s", prefix, stable, suffix);
}

static char state_letter(const ProcRecord *r)
{
	if (is_zombie(r))
		return 'Z';
	if (r->exited && !r->held)
		return 'X';
	if (r->id.state == READ_NOT_ASKED)
		return ' ';
	if (r->id.state != READ_OK)
		return '?';
	return r->id.task_state ? r->id.task_state : '?';
}

void tree_cell(const TreeRowContext *ctx, const ProcRecord *r, const TreeRow *row,
	       TreeCol col, char *buf, size_t len)
{
	bool id_ok = r->id.state == READ_OK;
	/* Not read yet (it came and went between two looks) is blank; a read
	 * that failed is "?". */
	const char *unread = r->id.state == READ_NOT_ASKED ? "" : "?";

	switch (col) {
	case TCOL_PID:
		StableIds_pid(ctx->ids, r->pid, buf, len);
		break;
	case TCOL_PPID:
		StableIds_pid(ctx->ids, r->ppid, buf, len);
		break;
	case TCOL_PGID:
		if (id_ok)
			StableIds_pid(ctx->ids, r->id.pgid, buf, len);
		else
			snprintf(buf, len, "%s", unread);
		break;
	case TCOL_SID:
		if (id_ok)
			StableIds_pid(ctx->ids, r->id.sid, buf, len);
		else
			snprintf(buf, len, "%s", unread);
		break;
	case TCOL_TTY:
		if (id_ok) {
			char name[32];
			tty_name(r->id.tty_nr, name, sizeof name);
			StableIds_text(ctx->ids, name, buf, len); /* pts/N */
		} else {
			snprintf(buf, len, "%s", unread);
		}
		break;
	case TCOL_STATE:
		snprintf(buf, len, "%c", state_letter(r));
		break;
	case TCOL_UIDS:
		if (r->id.state == READ_NOT_ASKED)
			snprintf(buf, len, "%s", unread);
		else
			uids_text(&r->id, buf, len);
		break;
	case TCOL_MADE_BY:
		snprintf(buf, len, "%s", ProcRecord_made_by(r));
		break;
	case TCOL_COMMAND:
		(void)row;
		command_cell(ctx, r, buf, len);
		break;
	case TCOL_COUNT:
		buf[0] = '\0';
		break;
	}
}
