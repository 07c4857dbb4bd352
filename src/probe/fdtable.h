/*
 * The FD table of one process from /proc/PID/fd (readlink) and
 * /proc/PID/fdinfo (pos, flags, mnt_id, and what an anon inode's kind adds:
 * a pidfd's Pid, an eventfd's count, an inotify instance's watches). An
 * FD's identity is the open file description it refers to: two FDs of two
 * processes share one exactly when kcmp(KCMP_FILE) says so
 * (fd_same_description); device + inode + mount id tells the same file
 * (and, for pipes and sockets, the same object).
 */
#ifndef FORKSCOPE_PROBE_FDTABLE_H
#define FORKSCOPE_PROBE_FDTABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "probe/procfs.h"
#include "probe/netsock.h"
#include "probe/readstate.h"

typedef enum FdKind {
	FD_KIND_FILE,
	FD_KIND_DIR,
	FD_KIND_PIPE,
	FD_KIND_SOCKET,
	FD_KIND_TTY,
	FD_KIND_CHAR,     /* other character devices: /dev/null, ... */
	FD_KIND_BLOCK,
	FD_KIND_ANON,     /* anon_inode: anon_kind says eventfd, pidfd, ... */
	FD_KIND_OTHER,
} FdKind;

typedef struct FdEntry {
	int fd;
	FdKind kind;
	char *target;         /* owned: readlink text, "pipe:[1234]", "/etc/passwd";
	                       * every byte kept (a newline too): text_escape it
	                       * for a line */
	char anon_kind[24];   /* "eventfd", "pidfd", "signalfd", ... when FD_KIND_ANON;
	                       * the namespace kind ("net", "mnt") for FD_KIND_OTHER */
	ReadState info_state; /* fdinfo read state; the fields below need READ_OK */
	int acc_mode;         /* O_RDONLY, O_WRONLY or O_RDWR */
	unsigned flags;       /* every O_* bit fdinfo gives (O_PATH, O_DIRECT, O_SYNC...) */
	bool cloexec, nonblock, append;
	long long pos;        /* file offset, bytes */
	int mnt_id;           /* -1 when fdinfo has none */
	pid_t pidfd_pid;      /* pidfd: the process it refers to, -1 once that
	                       * exited; 0 for other kinds */
	unsigned long long eventfd_count; /* eventfd: its counter ("eventfd-count:") */
	int inotify_watches;  /* inotify: the watches it holds ("inotify wd:" lines) */
	bool has_sock;        /* a socket found in the process's net tables: sock says what */
	SockInfo sock;
	ReadState stat_state; /* stat of /proc/PID/fd/N; dev and ino need READ_OK */
	unsigned long long dev; /* st_dev of the target (stat on /proc/PID/fd/N) */
	unsigned long long ino;
} FdEntry;

typedef struct FdTable {
	ReadState state;
	FdEntry *v;           /* owned, sorted by fd */
	size_t n;
} FdTable;

typedef struct FdInfo { /* what fdinfo says */
	long long pos;
	unsigned flags;       /* octal "flags:" field, O_* bits (O_CLOEXEC included
	                       * by the kernel when the fd has FD_CLOEXEC) */
	int mnt_id;           /* -1 when absent */
	char extra_kind[24];  /* "pidfd" when a "Pid:" line is present, "eventfd" for
	                       * "eventfd-count:", "signalfd", "timerfd", "eventpoll",
	                       * "inotify", "fanotify"; "" otherwise */
	pid_t pidfd_pid;      /* "Pid:" of a pidfd (-1: exited), else 0 */
	unsigned long long eventfd_count; /* "eventfd-count:" (hexadecimal), else 0 */
	int inotify_watches;  /* "inotify wd:..." lines: one per watch */
} FdInfo;

const char *FdKind_name(FdKind kind);
/* "r", "w", "rw" */
const char *fd_access_name(int acc_mode);
/* The access as lsof would put it: "path" for an O_PATH descriptor (it can
 * be neither read nor written), else fd_access_name. */
const char *fd_mode_name(const FdEntry *e);
/* The open flags beyond the access mode, as names joined by sep: "CLOEXEC",
 * "NONBLOCK", "APPEND", "PATH", "DIRECT", "SYNC" or "DSYNC", "NOATIME",
 * "TMPFILE", "LARGEFILE" (a 64-bit process's files all have it, so only
 * with all). "" for none. Pure. */
void fd_flags_names(unsigned flags, bool all, const char *sep, char *buf, size_t len);

/* Pure parsers. fdinfo needs "pos:" and "flags:"; unknown lines are skipped. */
ReadState fdinfo_parse(const char *text, size_t len, FdInfo *out);
/* Kind from readlink's text alone: paths are FD_KIND_FILE here (the stat of
 * the fd refines them into dir, tty, char, block, fifo or socket). */
FdKind fd_kind_from_target(const char *target, char *anon_kind, size_t anon_len);

/* I/O. An FD closed while the table is read is left out; a process that
 * exits meanwhile gives READ_GONE and an empty table. */
void FdTable_read(pid_t pid, FdTable *out);
void FdTable_read_at(const ProcDir *dir, FdTable *out);
void FdTable_done(FdTable *table);
const FdEntry *FdTable_find(const FdTable *table, int fd);
/* 1 same open file description, 0 different, -1 unknown (errno set). */
int fd_same_description(pid_t pid1, int fd1, pid_t pid2, int fd2);

#endif
