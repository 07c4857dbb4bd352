/*
 * Breakpoints: the patterns that make the tracer hold a process at one of
 * its stops (--break, and the screen's breakpoint list). Four kinds, each
 * written as the user types it:
 *
 *   exec:PATTERN   an exec whose program path, file name passed or argv
 *                  (joined by spaces) contains PATTERN
 *   exec~REGEX     an exec whose argv joined by spaces matches REGEX
 *                  (POSIX extended; the path when argv is not known)
 *   fork           every new process (fork, vfork, clone; not a thread)
 *   exit:PATTERN   an exit of a process whose program path or command line
 *                  contains PATTERN, read at its exit stop
 *
 * A BreakList owns its breakpoints; the tracer's callback
 * (breakpoint_tracer_fn) borrows the list, so a breakpoint added, toggled
 * or removed while a program runs counts from its next event on. Parsing
 * and matching are pure over their arguments (the exit matcher reads /proc
 * through probe/brief only in BreakList_match_event).
 */
#ifndef FORKSCOPE_LIVE_BREAKPOINT_H
#define FORKSCOPE_LIVE_BREAKPOINT_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "model/execlog.h"
#include "trace/event.h"

typedef enum BreakKind {
	BREAK_EXEC,        /* substring of the path, the file name or argv */
	BREAK_EXEC_REGEX,  /* extended regex over argv joined by spaces */
	BREAK_FORK,        /* any new process */
	BREAK_EXIT,        /* substring of the exe or the command line at exit */
} BreakKind;

typedef struct Breakpoint {
	BreakKind kind;
	char *text;        /* owned: as the user wrote it, "exec:hostname" */
	const char *pattern; /* into text: what follows "exec:", "exec~", "exit:"; "" for fork */
	regex_t regex;     /* BREAK_EXEC_REGEX only */
	bool enabled;
	unsigned long hits;
} Breakpoint;

typedef struct BreakList {
	Breakpoint *v;     /* owned */
	size_t n, cap;
	const ExecLog *execs; /* borrowed: the session's records (argv of an exec); NULL none */
} BreakList;

/* The words a process showed at one of its stops, for matching. */
typedef struct BreakSubject {
	EventKind kind;            /* EV_EXEC, EV_EXIT, EV_FORK, EV_VFORK, EV_CLONE, ... */
	const char *path;          /* exec: the program's path; exit: its exe; may be NULL */
	const char *filename;      /* exec: the file name as passed; may be NULL */
	const char *args;          /* argv (exit: the command line) joined by spaces; may be NULL */
} BreakSubject;

void BreakList_init(BreakList *list);
void BreakList_done(BreakList *list);
/* Parses spec and appends it, enabled. Its index, or -1 with a message for
 * the user in err (unknown kind, empty pattern, a regex that does not compile). */
int BreakList_add(BreakList *list, const char *spec, char *err, size_t errlen);
/* Checks spec as BreakList_add would, keeping nothing: 0 or -1 with err. */
int breakpoint_check(const char *spec, char *err, size_t errlen);
/* Flips one on or off; false when index is out of range. */
bool BreakList_toggle(BreakList *list, size_t index);
bool BreakList_set_enabled(BreakList *list, size_t index, bool enabled);
/* Removes one; the later ones move down by one. */
bool BreakList_remove(BreakList *list, size_t index);
size_t BreakList_count(const BreakList *list);
/* NULL when index is out of range; borrowed until the list changes. */
const Breakpoint *BreakList_at(const BreakList *list, size_t index);
/* "exec:hostname (on, 2 hits)" in the user's language, for lists. */
void Breakpoint_format(const Breakpoint *bp, char *buf, size_t buflen);

/* Does bp match what the subject showed? Disabled ones never match. Pure. */
bool Breakpoint_matches(const Breakpoint *bp, const BreakSubject *subject);
/* The first enabled breakpoint matching subject (its hit counted), else NULL. */
const Breakpoint *BreakList_match(BreakList *list, const BreakSubject *subject);
/* For an event the tracer is about to queue, the process still stopped at
 * it: builds the subject (the exec record's argv and file name when the
 * list knows the log, else the event's; at an exit, the exe and command line
 * read now) and matches. */
const Breakpoint *BreakList_match_event(BreakList *list, const Event *ev);

/* The tracer's break callback (trace/tracer.h: TracerBreak); ctx is a BreakList. */
bool breakpoint_tracer_fn(void *ctx, const Event *ev, char *text, size_t textlen);

#endif
