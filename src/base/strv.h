/*
 * NULL-terminated string vectors (argv) as one line of text.
 */
#ifndef FORKSCOPE_BASE_STRV_H
#define FORKSCOPE_BASE_STRV_H

#include <stddef.h>

/* The words joined by single spaces, cut to fit len: "make -j4". A NULL
 * vector is "". For showing, not for a shell (see strv_shell_text). */
void strv_join(char *const *v, char *buf, size_t len);

#endif
