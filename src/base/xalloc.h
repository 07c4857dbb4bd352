/*
 * Allocation that never returns NULL. On exhaustion the registered fatal
 * hook runs first (the ui registers one that restores the terminal and the
 * run registers one that ends the demo subtree), then the program aborts
 * with a message. Everything else reports errors to its caller.
 */
#ifndef FORKSCOPE_BASE_XALLOC_H
#define FORKSCOPE_BASE_XALLOC_H

#include <stddef.h>

typedef void (*FatalHook)(void);

void xalloc_set_fatal_hook(FatalHook hook);
void fatal(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *ptr, size_t size);
void *xreallocarray(void *ptr, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* A copy of n bytes (binary: NUL bytes kept). */
void *xmemdup(const void *p, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
