/*
 * Writing a whole file or nothing: the content goes to FILE.tmp beside
 * FILE (the same directory, so the same file system), is flushed and
 * fsync'd, then renamed over FILE. A failure at any point removes FILE.tmp
 * and leaves FILE as it was; a reader never sees half a file. Used by the
 * screenshot export and the trace export.
 */
#ifndef FORKSCOPE_BASE_ATOMIC_FILE_H
#define FORKSCOPE_BASE_ATOMIC_FILE_H

#include <stdio.h>

/* Writes the content to out: 0, or -1 on a write error (errno set). */
typedef int (*AtomicFileWriter)(FILE *out, const void *ctx);

/* Writes file with writer(out, ctx) as above. 0, or -1 with errno set. */
int atomic_file_write(const char *file, AtomicFileWriter writer, const void *ctx);

#endif
