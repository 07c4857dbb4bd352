/*
 * The live engine for watching: a command, a running process tree (-p PID)
 * or the whole machine. It chooses and opens the event source, falls back
 * when one is refused, attaches or starts, applies every event to the
 * session (borrowed) and names the processes; the screen (ui/source_watch)
 * and batch (report/watch) are two consumers of it and see the same
 * events. No curses here.
 *
 * Sources, in order of preference (--events picks one):
 *   ptrace     exact, every process of the subtree; a command is traced
 *              from its first instruction (with the exec filter: failed
 *              execs are seen), a PID is attached with its descendants.
 *   connector  the proc connector (CAP_NET_ADMIN): the whole machine, or
 *              filtered to the subtree (WatchTree); no holds, fork and vfork
 *              not told apart.
 *   poll       /proc scans: approximate, the last resort.
 * A refused source falls back to the next and a note in the session says
 * which is in use and why. With a command started untraced, forkscope is a
 * child subreaper while it watches, so the command's orphans come back to
 * it and are reaped and reported.
 *
 * Ending: LiveWatch_close detaches from an attached PID (it runs on) and
 * kills what is left of a started command (it never outlives forkscope).
 */
#ifndef FORKSCOPE_LIVE_WATCH_H
#define FORKSCOPE_LIVE_WATCH_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "live/breakpoint.h"
#include "model/session.h"

typedef enum WatchSource {
	WATCH_AUTO = 0,   /* ptrace for a command or PID, connector for the machine */
	WATCH_PTRACE,
	WATCH_CONNECTOR,
	WATCH_POLL,
} WatchSource;

/* "ptrace", "connector", "poll"; NULL or "" is WATCH_AUTO. -1 when unknown. */
int watch_source_parse(const char *name, WatchSource *out);
const char *WatchSource_name(WatchSource source);

typedef struct LiveWatchOptions {
	char *const *command;   /* NULL-terminated; NULL: a PID or the machine */
	pid_t pid;              /* with no command: the subtree's root; 0 the machine */
	WatchSource source;
	int poll_interval_ms;   /* poll source: 0 means 100 */
	bool english_notes;     /* notes for programs (JSON): not translated */
	int stdio_fd;           /* > 0: a command started untraced gets /dev/null as its
	                         * stdin and this FD as its stdout and stderr (the
	                         * screen's pipe); else forkscope's own */
	int tty_fd;             /* > 0: instead, the command runs on this terminal
	                         * (the screen's terminal pane, see TracerSpawn) */
	bool detachable;        /* an untraced command may be left running at close
	                         * (LiveWatch_leave): no parent-death signal */
	BreakList *breaks;      /* borrowed; NULL none. ptrace only: with another source
	                         * LiveWatch_open refuses a non-empty list */
	bool no_exec_filter;    /* a traced command runs without the exec filter, so a
	                         * process held at a breakpoint can be left stopped
	                         * (--on-break); its failed execs are not seen */
} LiveWatchOptions;

typedef struct LiveWatch LiveWatch;

/* NULL with a message in err (and errno: ENOENT when the command does not
 * exist, ESRCH for no such PID, EINVAL for ptrace on the machine). */
LiveWatch *LiveWatch_open(const LiveWatchOptions *opt, Session *session, char *err,
			  size_t errlen);
/* At close, leave a command started detachable running instead of
 * killing it (quitting the screen with "leave"). */
void LiveWatch_leave(LiveWatch *w);
/* Kills what is left of a started command, detaches from an attached PID. */
void LiveWatch_close(LiveWatch *w);

/* The descriptors to wait on (at most one); 0 when the source is a timer
 * only the pump drives. */
size_t LiveWatch_pollfds(const LiveWatch *w, struct pollfd *fds, size_t max);
/* How long the consumer may wait before it must pump again (-1: no limit). */
int LiveWatch_wait_ms(const LiveWatch *w);
/* Applies what is ready, waiting at most timeout_ms. */
void LiveWatch_pump(LiveWatch *w, int timeout_ms);
/* Re-reads what events do not tell (identities, the table), once per
 * refresh: the screen calls it, batch need not. */
void LiveWatch_resync(LiveWatch *w);
/* The watched subtree is gone (never for the machine). */
bool LiveWatch_finished(LiveWatch *w);
/* A started command: its wait status once reaped, else -1. A PID: its exit
 * status if its exit was seen, else -1. */
int LiveWatch_exit_status(const LiveWatch *w);
bool LiveWatch_started_command(const LiveWatch *w);
/* The source in use. */
WatchSource LiveWatch_source(const LiveWatch *w);

/* Breakpoints (ptrace only; elsewhere nothing is ever held). breaks is
 * borrowed, NULL for none; it counts from the next event on. */
void LiveWatch_set_breaks(LiveWatch *w, BreakList *breaks);
/* Tasks a breakpoint holds now. */
size_t LiveWatch_break_count(const LiveWatch *w);
bool LiveWatch_is_held(const LiveWatch *w, pid_t pid);
/* Resumes pid (-ESRCH when it is not held), or every breakpoint's hold. */
int LiveWatch_release(LiveWatch *w, pid_t pid);
void LiveWatch_release_breaks(LiveWatch *w);
/* Leaves held pid stopped and untraced for a debugger: 0, or -1 with the
 * reason in err. A note in the session says it. */
int LiveWatch_detach_stopped(LiveWatch *w, pid_t pid, char *err, size_t errlen);

#endif
