/*
 * StatCache: /proc/PID/stat held open from one refresh to the next, so that
 * re-reading a known process is one pread at offset 0 (the kernel
 * regenerates the text on every read from 0) and one fstat of its
 * directory, instead of a path walk, an open, a read and a close.
 *
 * A StatFile is one process's entry: its /proc/PID directory and the stat
 * file opened through that directory, and the last stat text read. Both
 * files are pinned to the process that was PID when they were opened: once
 * it is reaped they answer ESRCH (or end of file), even when a new process
 * has the same pid by then, so a held entry can never read another
 * process. An entry that is not held (the budget below is spent) reads by
 * path on every refresh; its caller must detect pid reuse itself (start
 * time, comm).
 *
 * The budget: the cache raises RLIMIT_NOFILE's soft limit to the hard limit
 * once per program, then holds at most (soft limit - descriptors open when
 * the cache is made - a reserve for the rest of the program) / 2
 * processes, and never more than STATCACHE_MAX_HELD
 * (each held stat keeps a page of kernel memory for its text). When an open
 * fails with EMFILE or ENFILE anyway, the cache stops holding until one of
 * its files is closed. Nothing here fails for want of descriptors: an entry
 * that cannot be held is read by path.
 *
 * The cache also lists the processes of /proc (getdents64 on a held /proc
 * directory, pids only: threads are not listed there).
 */
#ifndef FORKSCOPE_PROBE_STATCACHE_H
#define FORKSCOPE_PROBE_STATCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "probe/procfs.h"
#include "probe/readstate.h"

#define STATCACHE_MAX_HELD 8192

typedef struct StatFile {
	pid_t pid;
	int dir_fd;     /* owned: /proc/PID, O_DIRECTORY; -1 when not held */
	int stat_fd;    /* owned: stat opened through dir_fd; -1 when not held */
	char *text;     /* owned: the last text read; NULL before the first read */
	size_t len, cap;
} StatFile;

typedef struct StatCache StatCache;

/* Never fails; /proc is opened by the first StatCache_list. */
StatCache *StatCache_new(void);
/* Every StatFile must have been forgotten first. */
void StatCache_delete(StatCache *cache);

/* The pids of /proc in ascending order: *pids is borrowed, valid until the
 * next call. Returns 0, or -1 with errno when /proc cannot be listed. */
int StatCache_list(StatCache *cache, const pid_t **pids, size_t *n);

/* An entry for pid, not held, with no text. */
void StatFile_init(StatFile *file, pid_t pid);
/* The empty state a moved-from entry is left in: closes nothing. */
void StatFile_clear(StatFile *file);
bool StatFile_held(const StatFile *file);
/* A ProcDir that borrows the held directory (fd -1 when not held): reads
 * through it see the held process or READ_GONE. Do not close it. */
ProcDir StatFile_dir(const StatFile *file);
/* Drops the last text, so that the next read reports a change. */
void StatFile_forget_text(StatFile *file);

/* Opens the entry's directory and stat when the budget allows; false when
 * it does not, or when the process is gone. A held entry stays held. */
bool StatCache_hold(StatCache *cache, StatFile *file);
/* Closes the entry's files (it stays usable, not held) and frees its text. */
void StatCache_forget(StatCache *cache, StatFile *file);
/* Reads the stat text into file->text: pread when held, by path when not.
 * READ_OK sets *changed to whether the text differs from the last one;
 * READ_GONE when the process was reaped (a held entry: the one it holds). */
ReadState StatCache_read(StatCache *cache, StatFile *file, bool *changed);
/* /proc/PID's owner (the effective ids, or root for a process that is not
 * dumpable), from fstat of the held directory or stat by path. */
ReadState StatCache_owner(StatCache *cache, const StatFile *file, uid_t *uid, gid_t *gid);

size_t StatCache_held(const StatCache *cache);
/* How many processes the cache may hold at most. */
size_t StatCache_budget(const StatCache *cache);

#endif
