/*
 * What the panes show, as text: pure functions from the model's records to
 * the strings and roles of rows, without curses, so each is unit-tested.
 * A pane decides where a row goes and draws it; these decide what it says.
 *
 * Every function writes NUL-terminated text into buffers the caller owns
 * and names the role (theme.h) the text is drawn in. Text taken from the
 * kernel is passed through StableIds_text (a no-op without --stable).
 */
#ifndef FORKSCOPE_UI_FORMAT_H
#define FORKSCOPE_UI_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/session.h"
#include "probe/fdtable.h"
#include "probe/pagemap.h"
#include "probe/sigset.h"
#include "probe/smaps.h"
#include "trace/event.h"
#include "ui/format/glyphs.h"
#include "ui/format/stable.h"
#include "ui/format/text.h"
#include "ui/theme/theme.h"

/* ---- sizes ---- */

/* kB as the kernel counts them, in at most 6 columns: "0", "948K",
 * "12.5M", "1.0G", "2.0T". */
void format_kb(unsigned long kb, char *buf, size_t len);

/* ---- the process tree (format_proc.c) ---- */

typedef enum TreeCol {
	TCOL_PID, TCOL_PPID, TCOL_PGID, TCOL_SID, TCOL_TTY, TCOL_STATE, TCOL_UIDS,
	TCOL_MADE_BY, TCOL_COMMAND, TCOL_COUNT
} TreeCol;

typedef struct TreeColumn {
	const char *header;
	int width;            /* columns; the command takes what is left */
	TextAlign align;
	int drop_rank;        /* narrow panes drop higher ranks first; 0 never */
} TreeColumn;

extern const TreeColumn tree_columns[TCOL_COUNT];

/* Which columns fit in width (the command keeps at least 16 columns). */
void tree_columns_fit(int width, bool shown[TCOL_COUNT]);

/* What a row says about its process. */
typedef enum RowMood {
	MOOD_NORMAL, MOOD_NEW, MOOD_CHANGED, MOOD_HELD, MOOD_ZOMBIE, MOOD_GHOST, MOOD_UNKNOWN
} RowMood;

/* stepped: the session is a scenario with steps: new/changed mean since
 * the previous step's boundary (what the session recorded under step - 1
 * or later); otherwise they mean within recent_us of now_us. */
RowMood tree_row_mood(const ProcRecord *r, int step, bool stepped, uint64_t now_us,
		      uint64_t recent_us);
ColorRole RowMood_role(RowMood mood);
/* One-character mark for the mood, readable without colour: "+" new, "~"
 * changed, "!" held, "Z" zombie, "x" ghost, "?" unknown, " " otherwise. */
const char *RowMood_mark(RowMood mood);

typedef struct TreeRowContext {
	const Glyphs *g;
	StableIds *ids;
	bool stepped;
	int step;
	int command_cols;     /* room for the command; a longer one shows argv[0]
	                         by its base name ("/usr/bin/make -j4" -> "make -j4");
	                         0: no limit */
} TreeRowContext;

/* Held by the tracer at its exit stop (PTRACE_EVENT_EXIT): the exit event
 * was seen, but the process still lives, in a tracing stop ('t'), its
 * memory and FDs still there; it is "exiting (held)", not a zombie. */
bool proc_exiting_held(const ProcRecord *r);

/* The tree's branches in front of a row's command: "│  ├─ ". */
void tree_branches(const TreeRowContext *ctx, const TreeRow *row, char *buf, size_t len);
/* The text of one cell of a tree row (the command cell carries, for ghosts,
 * zombies and held processes, what became of them). */
void tree_cell(const TreeRowContext *ctx, const ProcRecord *r, const TreeRow *row,
	       TreeCol col, char *buf, size_t len);

/* ---- memory (format_mem.c) ---- */

typedef enum MemCol {
	MCOL_NAME, MCOL_PERMS, MCOL_SIZE, MCOL_RSS, MCOL_PSS, MCOL_SHARED_CLEAN,
	MCOL_SHARED_DIRTY, MCOL_PRIVATE_CLEAN, MCOL_PRIVATE_DIRTY, MCOL_SWAP, MCOL_COUNT
} MemCol;

typedef struct MemColumn {
	const char *header;
	int width;
	int drop_rank;
} MemColumn;

extern const MemColumn mem_columns[MCOL_COUNT];
void mem_columns_fit(int width, bool shown[MCOL_COUNT]);

/* "libc.so.6", "[heap]", "[anon]"; the base name of a file. */
void mapping_name(const Mapping *m, StableIds *ids, char *buf, size_t len);
void mapping_cell(const Mapping *m, StableIds *ids, MemCol col, char *buf, size_t len);
void memcounts_cell(const MemCounts *kb, MemCol col, char *buf, size_t len);

/* ---- the page map (format_pages.c) ---- */

/* A cell shows what pagemap says (shared, exclusive, absent, swapped);
 * whether an exclusive page was copied is for the counts to say. */
typedef enum PageShade {
	SHADE_ABSENT, SHADE_SWAPPED, SHADE_SHARED, SHADE_MOSTLY_SHARED,
	SHADE_MOSTLY_EXCLUSIVE, SHADE_EXCLUSIVE, SHADE_COUNT
} PageShade;

/* The shade of pages [first, first + n): absent when none is present or
 * swapped, else by the share of exclusive pages (copied or not) among the
 * present ones. */
PageShade page_group_shade(const PageMap *map, size_t first, size_t n);
/* Pages per cell so that npages fit in cells cells (at least 1). */
size_t page_group_size(size_t npages, size_t cells);
/* Columns one page takes in a grid cols x rows: 2 when every page fits
 * twice as wide (a small mapping reads better in square-ish cells), else 1. */
int page_cell_width(size_t npages, int cols, int rows);
const char *PageShade_glyph(PageShade shade, const Glyphs *g);
ColorRole PageShade_role(PageShade shade);
/* The pages by class, in pagemap's words, each class that has pages:
 * "shared 2048 (50%) · copied 1024 (25%) · exclusive 1024 (25%) ·
 * absent 0" (percentages of the present pages; absent always, swapped
 * when there are some), or compact: "shared 50% · copied 25% · exclusive
 * 25%". Copied: exclusive pages seen shared before (PAGE_SEEN_SHARED). */
void page_summary(const PageMap *map, const Glyphs *g, bool compact, char *buf, size_t len);

/* ---- file descriptors (format_fd.c) ---- */

typedef enum FdCol {
	FCOL_FD, FCOL_TYPE, FCOL_MODE, FCOL_OFFSET, FCOL_EXEC, FCOL_PARENT, FCOL_TARGET, FCOL_COUNT
} FdCol;

typedef struct FdColumn {
	const char *header;
	int width;
	int drop_rank;
} FdColumn;

extern const FdColumn fd_columns[FCOL_COUNT];
/* Which columns fit in width, the target keeping at least target_min
 * columns (at least FD_TARGET_MIN): columns are dropped before it is cut. */
enum { FD_TARGET_MIN = 12 };
void fd_columns_fit(int width, int target_min, bool shown[FCOL_COUNT]);

/* shared: 1 same open file description as the parent's same FD, 0 not, -1
 * unknown; has_parent: whether there is a parent to compare with. */
void fd_cell(const FdEntry *e, int shared, bool has_parent, StableIds *ids, FdCol col,
	     char *buf, size_t len);
/* What fdinfo adds to the target, in its own words where it has them:
 * "Pid: 1234" for a pidfd ("Pid: -1" once its process was reaped),
 * "eventfd-count: 3" (in decimal), "2 watches" for inotify (its "inotify
 * wd:" lines); "" for others. The target cell is the target and this. */
void fd_target_extra(const FdEntry *e, StableIds *ids, char *buf, size_t len);
/* Columns the target column needs so that no pipe or socket inode is cut
 * ("pipe:[4711]" whole), nor what fdinfo adds to an anon inode (up to a
 * point): the widest such target of the table, as shown. */
int fd_target_min(const FdTable *fds, StableIds *ids);
/* The target cell for cols columns: whole when it fits, else an anon
 * inode's without its "anon_inode:" (the type column names it), so that
 * its Pid or count stays in view; the caller cuts what still does not fit. */
void fd_target_fit(const FdEntry *e, StableIds *ids, int cols, char *buf, size_t len);
ColorRole fd_cell_role(const FdEntry *e, int shared, FdCol col);

/* ---- signals (format_sig.c) ---- */

typedef enum SigSetKind {
	SIGSET_BLOCKED, SIGSET_IGNORED, SIGSET_CAUGHT, SIGSET_PENDING, SIGSET_KIND_COUNT
} SigSetKind;

typedef enum SigDiff { SIGDIFF_SAME, SIGDIFF_ADDED, SIGDIFF_REMOVED } SigDiff;

typedef struct SigItem {
	int signo;
	SigDiff diff;
} SigItem;

const char *SigSetKind_name(SigSetKind kind);   /* "blocked" */
const char *SigSetKind_field(SigSetKind kind);  /* the kernel's name in /proc/PID/status: "SigBlk" */
ColorRole SigSetKind_role(SigSetKind kind);
uint64_t SigSets_mask(const SigSets *s, SigSetKind kind); /* pending: thread | shared */
/* The signals of self's set in order, with those only the parent has as
 * SIGDIFF_REMOVED (when has_parent). Returns the count (at most max). */
size_t sig_items(uint64_t self, uint64_t parent, bool has_parent, SigItem *items, size_t max);
/* "SIGINT" for same, "+SIGINT" added, "-SIGINT" removed. */
void sig_item_text(const SigItem *item, const Glyphs *g, char *buf, size_t len);

/* ---- the process pane (format_process.c) ---- */

/* A word of the process pane: an optional label (a kernel name,
 * "rt_priority", drawn dim) and its value, drawn in role. */
typedef struct ProcWord {
	char label[24];
	char text[256];      /* an environment entry longer than this is cut */
	ColorRole role;
} ProcWord;

/* Where the program came from and where it runs: the exe link and the cwd
 * link ("cwd /"), each in the diff role when the parent's differs. parent:
 * NULL when there is no parent to compare with. Returns the word count. */
size_t proc_place_words(const ProcDetail *self, const ProcDetail *parent, StableIds *ids,
			ProcWord *w, size_t max);
/* "SCHED_FIFO", "rt_priority 10", "nice 0" (stat fields 41, 40, 19), in
 * the diff role where the parent's differ. */
size_t proc_sched_words(const ProcIdentity *id, const ProcIdentity *parent, ProcWord *w,
			size_t max);
/* The environment against the parent's: "2 vars", then "+NAME=value" for
 * each entry only here, "-NAME" for each name only in the parent (or "23
 * of the parent's absent" past ENV_REMOVED_LISTED), "22 as in the parent".
 * Without a parent to compare with, only the count: the values of an
 * environment are shown where they are the lesson, what an exec changed. */
size_t proc_environ_words(const ProcDetail *self, const ProcDetail *parent, const Glyphs *g,
			  StableIds *ids, ProcWord *w, size_t max);
/* Lays words out in lines of width columns, the first line from column
 * first (after a label), the others from 0 (a word that does not fit moves
 * to the next line; one longer than a line starts a line and goes on in
 * the lines below, see proc_word_pieces): writes each word's first line
 * and column, returns the lines used (at least 1). */
int proc_words_lay_out(const ProcWord *w, size_t n, int width, int first, int *line, int *x);
/* A word's text in pieces that fit width columns, cut between characters:
 * the first after the label, the others from the line's start. Writes at
 * most max pieces (byte ranges of w->text), returns how many there are. */
size_t proc_word_pieces(const ProcWord *w, int width, TextLine *pieces, size_t max);
/* Columns a word takes: label, a space, text. */
int proc_word_width(const ProcWord *w);

/* ---- events (format_event.c) ---- */

typedef struct EventLine {
	char when[24];       /* "1.234" seconds since t0, or "#12" with --stable */
	char pid[16];
	char text[320];      /* "fork() = 4243", "exec /bin/ls", "exit 0" */
	ColorRole role;
	bool is_step;        /* a step rule: drawn across the pane */
} EventLine;

void event_line(const Event *ev, size_t seq, uint64_t t0_us, StableIds *ids, EventLine *out);

/* One event in full, for Enter on the events pane: labelled fields whose
 * text is never cut ("what" the line says, "call", "returned", "errno",
 * "pid", "ppid", ...). Labels are translated, but for the kernel's names
 * (pid, ppid, errno, comm). caption: a step's whole caption (NULL: the
 * event's, which keeps only its start). */
typedef struct EventField {
	const char *label;   /* static or the catalogue's */
	char text[600];
	ColorRole role;
} EventField;

enum { EVENT_FIELDS_MAX = 64 };
/* Appends one field (out[n]) when there is room; returns the new count. */
size_t event_field_add(EventField *out, size_t n, size_t max, const char *label, ColorRole role,
		       const char *fmt, ...) __attribute__((format(printf, 6, 7)));
size_t event_fields(const Event *ev, size_t seq, uint64_t t0_us, StableIds *ids,
		    const char *caption, EventField *out, size_t max);
/* An exec event's record after its fields (out[n..max)): the failed
 * attempts, file name, argv, cwd, environment changes, FDs. Returns the
 * new count. */
size_t exec_record_fields(const ExecRecord *rec, StableIds *ids, EventField *out, size_t n,
			  size_t max);

/* ---- identities ---- */

/* "1000" when real and effective uid agree, "1000/0" when they differ,
 * "?" when the identity was not read. */
void uids_text(const ProcIdentity *id, char *buf, size_t len);

#endif
