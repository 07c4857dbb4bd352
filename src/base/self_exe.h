/*
 * Where this program's own file is: the build tree keeps forkscope and
 * forkscope-demo side by side in src/, with the themes and catalogues
 * nearby, and each program finds them from its own path. A static inline
 * function: the demo helper links only libc.
 */
#ifndef FORKSCOPE_BASE_SELF_EXE_H
#define FORKSCOPE_BASE_SELF_EXE_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

/* The running program's path (the kernel's /proc/self/exe link) in buf;
 * false when it cannot be read or does not fit. */
static inline bool self_exe(char *buf, size_t len)
{
	ssize_t n = len > 1 ? readlink("/proc/self/exe", buf, len - 1) : -1;

	if (n <= 0 || (size_t)n >= len - 1)
		return false;
	buf[n] = '\0';
	return true;
}

/* The directory of the running program (its path without the last
 * component) in buf; false when unknown. */
static inline bool self_exe_dir(char *buf, size_t len)
{
	char *slash;

	if (!self_exe(buf, len) || (slash = strrchr(buf, '/')) == NULL)
		return false;
	*slash = slash == buf ? '/' : '\0';
	if (slash == buf)
		buf[1] = '\0';
	return true;
}

#endif
