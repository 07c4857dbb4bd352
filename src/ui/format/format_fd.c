/*
 * Rows of the FD pane (see format.h): one per descriptor of the focused
 * process. Two columns carry the lesson: ON EXEC says what execve will do
 * with the descriptor (close: O_CLOEXEC / FD_CLOEXEC set; keep: it leaks
 * into the new program), PARENT says whether it is the same open file
 * description as the parent's descriptor of that number (shared offset and
 * flags, as after fork) or not.
 */
#include "ui/format/format.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "probe/textscan.h"

const FdColumn fd_columns[FCOL_COUNT] = {
	[FCOL_FD]     = { N_("FD"),      4, 0 },
	[FCOL_TYPE]   = { N_("TYPE"),    7, 2 },
	[FCOL_MODE]   = { N_("MODE"),    4, 3 },
	[FCOL_OFFSET] = { N_("OFFSET"),  8, 4 },
	[FCOL_EXEC]   = { N_("ON EXEC"), 7, 0 },
	[FCOL_PARENT] = { N_("PARENT"),  6, 1 },
	[FCOL_TARGET] = { N_("TARGET"),  0, 0 },
};

void fd_columns_fit(int width, int target_min, bool shown[FCOL_COUNT])
{
	if (target_min < FD_TARGET_MIN)
		target_min = FD_TARGET_MIN;
	for (int c = 0; c < FCOL_COUNT; c++)
		shown[c] = true;
	for (;;) {
		int need = target_min, worst = -1;

		for (int c = 0; c < FCOL_COUNT; c++) {
			if (!shown[c])
				continue;
			need += fd_columns[c].width + (c == FCOL_TARGET ? 0 : 1);
			if (fd_columns[c].drop_rank > 0 &&
			    (worst < 0 || fd_columns[c].drop_rank > fd_columns[worst].drop_rank))
				worst = c;
		}
		if (need <= width || worst < 0)
			return;
		shown[worst] = false;
	}
}

/* An offset means something only where there is a position to seek. */
static bool has_offset(const FdEntry *e)
{
	return e->kind == FD_KIND_FILE || e->kind == FD_KIND_DIR || e->kind == FD_KIND_BLOCK;
}

void fd_cell(const FdEntry *e, int shared, bool has_parent, StableIds *ids, FdCol col,
	     char *buf, size_t len)
{
	bool info = e->info_state == READ_OK;

	switch (col) {
	case FCOL_FD:
		snprintf(buf, len, "%d", e->fd);
		break;
	case FCOL_TYPE:
		snprintf(buf, len, "%s", e->kind == FD_KIND_ANON && e->anon_kind[0]
						 ? e->anon_kind : FdKind_name(e->kind));
		break;
	case FCOL_MODE:
		snprintf(buf, len, "%s%s", info ? fd_mode_name(e) : "?",
			 info && e->append ? "+a" : "");
		break;
	case FCOL_OFFSET:
		if (!info)
			snprintf(buf, len, "?");
		else if (!has_offset(e))
			snprintf(buf, len, "-");
		else
			snprintf(buf, len, "%lld", e->pos);
		break;
	case FCOL_EXEC:
		snprintf(buf, len, "%s", !info ? "?" : e->cloexec ? _("close") : _("keep"));
		break;
	case FCOL_PARENT:
		snprintf(buf, len, "%s", !has_parent ? "" : shared > 0 ? _("shared")
					 : shared == 0 ? _("no") : "?");
		break;
	case FCOL_TARGET: {
		char extra[512], shown[1024];
		size_t used;
		/* Every byte of the name, a newline as \n: the row stays one line. */
		text_escape(e->target != NULL ? e->target : "?", shown, sizeof shown);
		StableIds_text(ids, shown, buf, len);
		fd_target_extra(e, ids, extra, sizeof extra);
		used = strlen(buf);
		if (extra[0] != '\0' && used + 1 < len)
			snprintf(buf + used, len - used, " %s", extra);
		break;
	}
	case FCOL_COUNT:
		buf[0] = '\0';
		break;
	}
}

void fd_target_extra(const FdEntry *e, StableIds *ids, char *buf, size_t len)
{
	char pid[16];

	buf[0] = '\0';
	if (e->has_sock && e->sock.peer_inode != 0) {
		/* unix stream -> socket:[4711] CONNECTED: the peer's inode is shown
		 * as the peer's own row shows it, stable number included */
		char desc[512];
		SockInfo_describe(&e->sock, desc, sizeof desc);
		StableIds_text(ids, desc, buf, len);
		return;
	}
	if (e->has_sock) { /* what the network tables say: tcp 127.0.0.1:22 LISTEN */
		SockInfo_describe(&e->sock, buf, len);
		return;
	}
	if (e->info_state != READ_OK || e->kind != FD_KIND_ANON)
		return;
	if (strcmp(e->anon_kind, "pidfd") == 0 && e->pidfd_pid != 0) {
		if (e->pidfd_pid < 0)
			snprintf(buf, len, "Pid: %d", (int)e->pidfd_pid);
		else
			snprintf(buf, len, "Pid: %s", StableIds_pid(ids, e->pidfd_pid, pid, sizeof pid));
	} else if (strcmp(e->anon_kind, "eventfd") == 0) {
		snprintf(buf, len, "eventfd-count: %llu", e->eventfd_count);
	} else if (strcmp(e->anon_kind, "inotify") == 0 && e->inotify_watches > 0) {
		snprintf(buf, len, ngettext("%d watch", "%d watches", (unsigned long)e->inotify_watches),
			 e->inotify_watches);
	}
}

/* What an anon inode's fdinfo adds is worth dropping a column for (the
 * offset, which such an FD has not), up to this many columns. */
enum { ANON_TARGET_MAX = 32 };

/* A unix socket and its peer in few columns: "socket:[4711] -> socket:[4712]",
 * or bare "[4711] -> [4712]" (the type column names them, as it names an
 * anon inode's kind). false when the FD has no known peer. */
static bool socket_and_peer(const FdEntry *e, StableIds *ids, bool bare, char *buf, size_t len)
{
	char links[64], shown[64], *w;
	size_t o = 0;

	if (!e->has_sock || e->sock.peer_inode == 0 || len == 0)
		return false;
	snprintf(links, sizeof links, "socket:[%lu] -> socket:[%lu]", e->sock.inode,
		 e->sock.peer_inode);
	StableIds_text(ids, links, shown, sizeof shown);
	for (w = shown; *w != '\0' && o + 1 < len; )
		if (bare && strncmp(w, "socket:", 7) == 0)
			w += 7;
		else
			buf[o++] = *w++;
	buf[o] = '\0';
	return true;
}

int fd_target_min(const FdTable *fds, StableIds *ids)
{
	int most = FD_TARGET_MIN;
	char buf[256];

	for (size_t i = 0; fds->state == READ_OK && i < fds->n; i++) {
		const FdEntry *e = &fds->v[i];
		int w;

		if (e->target == NULL)
			continue;
		if (e->kind == FD_KIND_ANON) {
			fd_cell(e, -1, false, ids, FCOL_TARGET, buf, sizeof buf);
			w = text_width(buf);
			if (w > ANON_TARGET_MAX)
				w = ANON_TARGET_MAX;
		} else if (socket_and_peer(e, ids, true, buf, sizeof buf)) {
			w = text_width(buf); /* nor its peer's */
		} else if (strncmp(e->target, "pipe:[", 6) == 0 ||
			   strncmp(e->target, "socket:[", 8) == 0) {
			/* a named FIFO's or socket's path may be cut, never an inode */
			w = text_width(StableIds_text(ids, e->target, buf, sizeof buf));
		} else {
			continue;
		}
		if (w > most)
			most = w;
	}
	return most;
}

void fd_target_fit(const FdEntry *e, StableIds *ids, int cols, char *buf, size_t len)
{
	const char *prefix = "anon_inode:";

	fd_cell(e, -1, false, ids, FCOL_TARGET, buf, len);
	if (text_width(buf) <= cols)
		return;
	/* the two inodes, which the column was made wide enough for */
	if (socket_and_peer(e, ids, false, buf, len) && text_width(buf) <= cols)
		return;
	if (socket_and_peer(e, ids, true, buf, len))
		return;
	if (strncmp(buf, prefix, strlen(prefix)) != 0)
		return;
	/* the type column says what it is: "[pidfd] Pid: 4711" */
	memmove(buf, buf + strlen(prefix), strlen(buf) - strlen(prefix) + 1);
}

ColorRole fd_cell_role(const FdEntry *e, int shared, FdCol col)
{
	switch (col) {
	case FCOL_EXEC:
		if (e->info_state != READ_OK)
			return ROLE_WARNING;
		return e->cloexec ? ROLE_FD_CLOEXEC : ROLE_NORMAL;
	case FCOL_PARENT:
		return shared > 0 ? ROLE_FD_SHARED : ROLE_DIM;
	case FCOL_TYPE:
	case FCOL_TARGET:
		return e->kind == FD_KIND_PIPE ? ROLE_FD_PIPE : ROLE_NORMAL;
	case FCOL_MODE:
	case FCOL_OFFSET:
		return e->info_state == READ_OK ? ROLE_NORMAL : ROLE_WARNING;
	case FCOL_FD:
		return e->cloexec ? ROLE_FD_CLOEXEC : ROLE_NORMAL;
	case FCOL_COUNT:
		break;
	}
	return ROLE_NORMAL;
}
