/*
 * The session: everything forkscope knows about the processes it watches.
 *
 * Records are keyed by pid and kept in order of first appearance, so a
 * record's index never changes while the session lives (the tree view is
 * stable under churn). A record whose process exited stays as a ghost for
 * ghost_us, then is dropped from the tree (never from the event log). The
 * session is fed from one direction only: events (Session_apply) and probe
 * reads (Session_sync*); the ui reads it and never writes it except for the
 * selection.
 */
#ifndef FORKSCOPE_MODEL_SESSION_H
#define FORKSCOPE_MODEL_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "probe/detail.h"
#include "probe/identity.h"
#include "probe/pagemap.h"
#include "probe/proctable.h"
#include "base/pidmap.h"
#include "model/execlog.h"
#include "model/snapshot.h"
#include "trace/event.h"

typedef struct ProcRecord {
	pid_t pid;
	pid_t ppid;            /* as last known; updated on reparent */
	pid_t creator;         /* the parent it was born to (stays after a reparent) */
	ProcIdentity id;       /* owned; latest identity read (id.state says if it was read) */
	CreateHow how;         /* from the kernel event */
	char api[16];          /* the API that made it, from the helper: "posix_spawn"; "" if unknown */
	int execs;             /* execs seen */
	char exec_path[240];   /* last exec's program */
	bool alive;            /* false once exited */
	bool exited;
	int exit_status;       /* wait status, when exited */
	bool reaped;
	pid_t reaper;
	bool held;             /* stopped by the tracer at an event, waiting for release */
	bool traced;
	uint64_t born_us, exit_us, reap_us;
	int born_step;         /* step at which it appeared; -1 if before the session */
	int changed_step;      /* last step at which something about it changed */
	uint64_t changed_us;   /* when it last changed (highlight for a moment in live views) */
	bool gone;             /* ghost time over: not shown in the tree */
	unsigned seen_generation; /* last table sync that saw it */
	int cpu_tenths;        /* CPU use (utime + stime) between two readings of its
	                          identity at least CPU_SAMPLE_US apart, in tenths of a
	                          percent of one CPU; -1 until there are two */
	unsigned long long cpu_ticks_read; /* utime + stime at the older reading... */
	uint64_t cpu_read_us;  /* ...and when it was taken (0: none yet) */
} ProcRecord;

enum { CPU_SAMPLE_US = 500000 };

/*
 * The focus: the process the user selected for the detail panes, read in
 * full (mappings, FDs, signals) together with its parent, so the panes can
 * show what is shared with the parent and what differs from it.
 */
typedef struct Focus {
	pid_t pid;             /* 0: nothing selected */
	pid_t parent;          /* its parent when it was read, 0 if none in the session */
	ProcDetail self;       /* owned */
	ProcDetail parent_detail; /* owned; parent_detail.pid == 0 when no parent */
	size_t mapping;        /* index into self.maps.v of the mapping the page map shows */
	unsigned long chosen_start; /* start of the mapping the user chose, 0: the default */
	PageMap pages;         /* owned: that mapping's pages in self */
	PageMap parent_pages;  /* owned: the same range in the parent (cow), state READ_NOT_ASKED if none */
	signed char *fd_shared;/* owned, one per self.fds.v: 1 same open file description as
	                          the parent's same-numbered FD, 0 not, -1 unknown */
} Focus;

/* Reads pid (and parent, 0: the one /proc names) in full into f, which
 * is overwritten: the mapping at keep_start (0: the default one) for the
 * page map; before, the last reading of the same focus, carries its
 * shared-page marks over (NULL: none). Focus_done frees what it holds. */
void Focus_read(Focus *f, pid_t pid, pid_t parent, unsigned long keep_start, const Focus *before);
void Focus_done(Focus *f);
/* About how many bytes of memory a reading holds (for the snapshot store's cap). */
size_t Focus_bytes(const Focus *f);

/* The deepest process tree a walk up or down follows: a guard against a
 * parent loop in stale data (pid reuse), far past any real tree. */
#define TREE_DEPTH_MAX 4096

/* What a session observer hears (a recorder): each event as it is applied,
 * each seal of the log, each record added from outside the events. */
typedef enum SessionChange { SESSION_EVENT, SESSION_SEAL, SESSION_PROCESS } SessionChange;
typedef void (*SessionObserver)(void *ctx, SessionChange change, const Event *ev, pid_t pid);

typedef struct Session {
	ProcRecord *procs;     /* owned; order of first appearance */
	size_t nprocs, cap;
	Event *events;         /* owned; the log in order of t_us, oldest first, at most log_cap */
	size_t nevents, events_cap, log_cap;
	size_t events_dropped; /* oldest events dropped past log_cap */
	size_t log_sealed;     /* events[0..log_sealed) were shown at a step: nothing goes before them */
	pid_t root;            /* subtree root; 0 = the whole machine */
	uint64_t ghost_us;     /* how long an exited process stays visible */
	int step;              /* current scenario step, 0 before the first */
	char caption[512];     /* the current step's caption */
	char source[64];       /* "ptrace", "connector", "poll: connector refused" */
	unsigned long events_lost;
	bool source_traces;    /* the event source traces (ptrace): zombies stay until reaped */
	uint64_t now_us;       /* the newest time the session has seen */
	Focus focus;
	ExecLog execs;         /* what each exec received; EV_EXEC's record names one */
	SnapshotStore snaps;   /* the panes' state at past events (the time cursor) */
	SessionObserver observer; /* NULL: none (Session_observe) */
	void *observer_ctx;
	/* private */
	PidMap index;          /* pid -> its record's index + 1 */
	size_t ngone;
	unsigned long table_syncs;
	unsigned sync_generation;
} Session;

Session *Session_new(pid_t root, uint64_t ghost_us);
void Session_delete(Session *s);

/* Feeds one event: new records on fork/vfork/clone, exec, exit, reap, API joins. */
void Session_apply(Session *s, const Event *ev);
/* The log so far has been shown (a step boundary): an event that arrives
 * later goes after it, even if it is stamped earlier, so what a step showed
 * is never reordered behind the reader's back. */
void Session_seal_log(Session *s);
/* The tracer holds (or released) pid at an event. */
void Session_set_held(Session *s, pid_t pid, bool held);
/* From now on observer hears of every change the log and the records get
 * (NULL: nobody). */
void Session_observe(Session *s, SessionObserver observer, void *ctx);
/* Adds (or finds) a record for pid, e.g. the root or a process found by polling. */
ProcRecord *Session_add(Session *s, pid_t pid, pid_t ppid, CreateHow how, uint64_t t_us);
ProcRecord *Session_find(Session *s, pid_t pid);
/* The index of pid's record in procs, or -1. */
long Session_index_of(const Session *s, pid_t pid);
const ProcRecord *Session_find_const(const Session *s, pid_t pid);

/* Reads identity for every live record (small subtrees: demos, -- CMD). */
void Session_sync_identities(Session *s);
/* Takes identities from a whole-table refresh (--system, poll mode): new pids
 * in the watched subtree become records, missing ones become ghosts. */
void Session_sync_table(Session *s, const ProcTable *table, uint64_t now_us);
/* Marks ghosts past ghost_us as gone. */
void Session_expire(Session *s, uint64_t now_us);
/* Sets the step; records changed afterwards are highlighted as changed. */
void Session_set_step(Session *s, int step, const char *caption);

/* Is pid inside the watched subtree (root itself included)? */
bool Session_in_subtree(const Session *s, pid_t pid);

/* The tree, for views: visible records in depth-first order, children in
 * order of first appearance, so rows never jump. Returns the row count. */
typedef struct TreeRow {
	size_t index;          /* into s->procs */
	int depth;
	bool last_child;       /* for drawing the tree lines */
	unsigned branch_mask;  /* bit d set: an ancestor at depth d has later siblings */
	bool match;            /* matches the filter itself (not only an ancestor of a match) */
	bool folded;           /* its subtree is folded away (TreeView.folded) */
	size_t hidden;         /* folded: how many descendants that leaves out */
} TreeRow;
size_t Session_tree(const Session *s, TreeRow *rows, size_t max_rows, const char *filter);
/* The same; ghosts false leaves out processes that have exited (but those
 * with a kept descendant, so the tree stays whole). */
size_t Session_tree_ex(const Session *s, TreeRow *rows, size_t max_rows, const char *filter,
		       bool ghosts);

/* The order of siblings under their parent (and of the roots): the tree
 * keeps its shape whatever the order. */
typedef enum TreeOrder {
	TREE_ORDER_SEEN,       /* first appearance: rows never jump */
	TREE_ORDER_PID,        /* ascending */
	TREE_ORDER_START,      /* oldest first (stat's start time) */
	TREE_ORDER_CPU,        /* busiest first (cpu_tenths) */
	TREE_ORDER_RSS,        /* largest resident set first */
	TREE_ORDER_COUNT
} TreeOrder;

/* How a view wants the tree: Session_tree_ex's filter and ghosts, an
 * order, and subtrees folded away, as htop's collapsed branches. */
typedef struct TreeView {
	const char *filter;    /* NULL or "": no filter */
	bool ghosts;
	TreeOrder order;
	const pid_t *folded;   /* borrowed: pids whose descendants are not shown */
	size_t nfolded;
} TreeView;
size_t Session_tree_view(const Session *s, TreeRow *rows, size_t max_rows, const TreeView *view);

/* Selects the process for the detail panes (0: none) and reads it. */
void Session_focus(Session *s, pid_t pid);
/* Chooses the mapping the page map shows (index into focus.self.maps.v);
 * by default the largest private writable mapping, where copy-on-write shows. */
void Session_focus_mapping(Session *s, size_t index);
/* Re-reads the focused process and its parent (once per refresh or step). */
void Session_refresh_focus(Session *s);

/* How a record was made, for display: "posix_spawn", "fork", "vfork", "clone3", "exec'd"... */
const char *ProcRecord_made_by(const ProcRecord *r);

#endif
