/*
 * Allocation wrappers: see xalloc.h. The fatal hook is the one place that
 * knows how to put the terminal back before the process dies.
 */
#include "base/xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

static FatalHook fatal_hook;

void xalloc_set_fatal_hook(FatalHook hook)
{
	fatal_hook = hook;
}

void fatal(const char *fmt, ...)
{
	va_list ap;

	if (fatal_hook != NULL) {
		FatalHook hook = fatal_hook;
		fatal_hook = NULL; /* a hook that fails must not recurse */
		hook();
	}
	fputs("forkscope: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (p == NULL)
		fatal(_("out of memory (%zu bytes)"), size);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (p == NULL)
		fatal(_("out of memory (%zu x %zu bytes)"), n, size);
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (p == NULL)
		fatal(_("out of memory (%zu bytes)"), size);
	return p;
}

void *xreallocarray(void *ptr, size_t n, size_t size)
{
	if (size != 0 && n > (size_t)-1 / size)
		fatal(_("allocation overflow (%zu x %zu bytes)"), n, size);
	return xrealloc(ptr, n * size);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = strndup(s, n);
	if (p == NULL)
		fatal(_("out of memory (%zu bytes)"), n);
	return p;
}

void *xmemdup(const void *p, size_t n)
{
	void *q = xmalloc(n > 0 ? n : 1);

	memcpy(q, p, n);
	return q;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (r < 0)
		fatal("%s", _("out of memory formatting a string"));
	return s;
}
