/*
 * Every probe result carries how the read went. "Could not read" is a state
 * of its own and never a silent zero: a record whose state is not READ_OK has
 * no meaningful numbers, and the ui shows it as unknown with the reason.
 */
#ifndef FORKSCOPE_PROBE_READSTATE_H
#define FORKSCOPE_PROBE_READSTATE_H

typedef enum ReadState {
	READ_NOT_ASKED = 0, /* nobody asked for it (expensive reads are on demand) */
	READ_OK,
	READ_GONE,      /* the process exited before or while it was read */
	READ_DENIED,    /* EACCES/EPERM: another user's process, or no ptrace access */
	READ_MALFORMED, /* the kernel text did not parse */
	READ_ERROR,     /* any other I/O error */
	READ_ABSENT,    /* the process has none: a kernel thread has no exe, a
	                 * zombie no memory, FDs or environment any more */
	READ_NOT_KEPT,  /* a past moment's state that was never taken (no snapshot
	                 * of the process at or before that event, or dropped) */
} ReadState;

const char *ReadState_name(ReadState state);
/* A sentence for the user: which privilege would show it, for READ_DENIED.
 * In English (a msgid): pass it through _() where a person reads it; JSON
 * keeps it as it is. */
const char *ReadState_explain(ReadState state);
/* Maps an errno from open/read/readlink on /proc to a state. */
ReadState ReadState_from_errno(int err);

#endif
