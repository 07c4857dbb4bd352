/*
 * atomic_file_write (see atomic_file.h). O_NOFOLLOW: a symbolic link
 * planted at FILE.tmp is refused, not followed.
 */
#include "base/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/xalloc.h"

/* Writes tmp completely and durably; on failure removes it and sets errno. */
static int write_tmp(const char *tmp, AtomicFileWriter writer, const void *ctx)
{
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0666);
	FILE *out;
	int rc, saved;

	if (fd < 0)
		return -1;
	out = fdopen(fd, "w");
	if (out == NULL) {
		saved = errno;
		close(fd);
		unlink(tmp);
		errno = saved;
		return -1;
	}
	errno = 0;
	rc = writer(out, ctx);
	if (fflush(out) != 0 || ferror(out) || fsync(fd) != 0)
		rc = -1;
	saved = errno ? errno : EIO;
	if (fclose(out) != 0 && rc == 0) {
		rc = -1;
		saved = errno;
	}
	if (rc != 0) {
		unlink(tmp);
		errno = saved;
	}
	return rc;
}

int atomic_file_write(const char *file, AtomicFileWriter writer, const void *ctx)
{
	char *tmp = xasprintf("%s.tmp", file);
	int rc = 0, saved;

	if (write_tmp(tmp, writer, ctx) != 0) {
		rc = -1;
	} else if (rename(tmp, file) != 0) {
		saved = errno;
		unlink(tmp);
		errno = saved;
		rc = -1;
	}
	saved = errno;
	free(tmp);
	errno = saved;
	return rc;
}
