/*
 * The thin I/O layer under every parser: read a whole /proc file into a
 * buffer, and classify failures (gone, denied) instead of returning zeros.
 */
#ifndef FORKSCOPE_PROBE_PROCFS_H
#define FORKSCOPE_PROBE_PROCFS_H

#include <stddef.h>
#include <sys/types.h>

#include "probe/readstate.h"

typedef struct FileText {
	char *text;  /* owned, NUL-terminated (the NUL is not counted in len) */
	size_t len;
} FileText;

/* Reads /proc/PID/NAME (pid <= 0: /proc/NAME) up to max_len bytes. */
ReadState procfs_read(pid_t pid, const char *name, size_t max_len, FileText *out);
/* readlink of /proc/PID/NAME into an owned string. */
ReadState procfs_readlink(pid_t pid, const char *name, char **out);
void FileText_done(FileText *ft);
/* Root of the proc filesystem; tests may point it elsewhere (FORKSCOPE_PROC). */
const char *procfs_root(void);

#endif
