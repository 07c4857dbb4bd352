/*
 * The thin I/O layer under every parser: read a whole /proc file into a
 * buffer, and classify failures (gone, denied) instead of returning zeros.
 *
 * A ProcDir holds /proc/PID open as a directory: every file read through it
 * belongs to that one process even if the pid is reaped and reused during
 * the read (the kernel then answers ESRCH, which becomes READ_GONE). Reads
 * that gather one record from several files go through a ProcDir.
 */
#ifndef FORKSCOPE_PROBE_PROCFS_H
#define FORKSCOPE_PROBE_PROCFS_H

#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "probe/readstate.h"

typedef struct FileText {
	char *text;  /* owned, NUL-terminated (the NUL is not counted in len) */
	size_t len;
} FileText;

/* Size caps for procfs_read: past them the read fails (READ_ERROR, EFBIG). */
#define PROCFS_SMALL_MAX  ((size_t)1 << 20)   /* stat, status, fdinfo, cmdline */
#define PROCFS_LARGE_MAX  ((size_t)1 << 28)   /* smaps of a process with many mappings */

/* Reads /proc/PID/NAME (pid <= 0: /proc/NAME) up to max_len bytes. */
ReadState procfs_read(pid_t pid, const char *name, size_t max_len, FileText *out);
/* The path of /proc/PID/NAME (pid <= 0: /proc/NAME) under procfs_root():
 * 0, or -1 with ENAMETOOLONG. For callers that must open it themselves. */
int procfs_path(char *buf, size_t len, pid_t pid, const char *name);
/* readlink of /proc/PID/NAME into an owned string. */
ReadState procfs_readlink(pid_t pid, const char *name, char **out);
/* stat(2) of /proc/PID/NAME (following a link: an FD's file). */
ReadState procfs_stat(pid_t pid, const char *name, struct stat *out);
/* The numeric entries of /proc (processes, pid <= 0) or of /proc/PID/task
 * (threads): *out is owned by the caller (free), sorted as readdir gives. */
ReadState procfs_pids(pid_t pid, pid_t **out, size_t *count);
void FileText_done(FileText *ft);
/* Root of the proc filesystem; tests may point it elsewhere (FORKSCOPE_PROC). */
const char *procfs_root(void);

typedef struct ProcDir {
	pid_t pid;
	int fd;      /* owned: /proc/PID opened O_DIRECTORY, -1 when closed */
} ProcDir;

/* Opens /proc/PID; READ_GONE when there is no such process. */
ReadState ProcDir_open(ProcDir *dir, pid_t pid);
void ProcDir_close(ProcDir *dir);
/* NAME is relative to the process directory ("stat", "fdinfo/3"). */
ReadState ProcDir_read(const ProcDir *dir, const char *name, size_t max_len, FileText *out);
ReadState ProcDir_readlink(const ProcDir *dir, const char *name, char **out);
/* Is the process still there? READ_OK, or READ_GONE once it was reaped. */
ReadState ProcDir_alive(const ProcDir *dir);

/* The read loop on an open fd, shared with callers that open files
 * themselves; closes nothing. */
ReadState procfs_read_fd(int fd, size_t max_len, FileText *out);

#endif
