/*
 * Stable names for what changes from run to run, for screenshots and tests
 * (--stable): pids become small numbers in order of first appearance
 * (forkscope itself is 1000, the session's records 1001, 1002, ... in the
 * session's order, any other pid 900, 899, ... as it is first shown), pipe
 * and socket inodes become 1, 2, ..., pseudo-terminals "pts/N" become
 * pts/1, pts/2, ..., addresses (0x and 8 or more hex digits) become
 * 0x7f0000000000, 0x7f0001000000, ... in order of first appearance, and
 * the demo helper's install path is cut to its name.
 * Paths (exe, cwd) under the directory forkscope was started in begin with
 * "$PWD" instead of that directory. Without --stable every function passes
 * its input through.
 *
 * Pure but for the one getcwd at init: no curses, no /proc. The ui owns one
 * StableIds per run.
 */
#ifndef FORKSCOPE_UI_STABLE_H
#define FORKSCOPE_UI_STABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "model/session.h"

typedef struct StableEntry {
	unsigned long long real;
	int shown;
} StableEntry;

typedef struct StableIds {
	bool on;
	pid_t self;              /* forkscope's own pid */
	StableEntry *pids;       /* owned */
	size_t npids, cap_pids;
	StableEntry *inodes;     /* owned */
	size_t ninodes, cap_inodes;
	StableEntry *addrs;      /* owned */
	size_t naddrs, cap_addrs;
	StableEntry *ptys;       /* owned: "pts/N" by N */
	size_t nptys, cap_ptys;
	int next_session, next_other, next_inode, next_addr, next_pty;
	char demo_path[256];     /* the helper's path, cut to its base name */
	char cwd[256];           /* forkscope's working directory ("" if unknown or "/") */
} StableIds;

void StableIds_init(StableIds *ids, bool on, pid_t self, const char *demo_path);
void StableIds_done(StableIds *ids);
/* Forgets every assignment (a new run). */
void StableIds_reset(StableIds *ids);
/* Numbers the session's records that have no number yet, in record order. */
void StableIds_seed(StableIds *ids, const Session *s);

/* The pid as shown: "1234", or its stable number; "-" for pid <= 0. */
const char *StableIds_pid(StableIds *ids, pid_t pid, char *buf, size_t len);
/* Rewrites free text: numbers that are known pids, "[inode]" of pipes and
 * sockets, and the helper's path. Returns out. */
const char *StableIds_text(StableIds *ids, const char *in, char *out, size_t len);
/* A path as StableIds_text rewrites it, with forkscope's working directory
 * at its start shown as "$PWD" ("/home/u/src/x" -> "$PWD/x"). Returns out. */
const char *StableIds_path(StableIds *ids, const char *in, char *out, size_t len);

#endif
