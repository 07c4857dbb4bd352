/*
 * Shared by the tests that write and read files (test_export, test_animate,
 * test_theme_files): where they write what a person may look at afterwards
 * (tests/ui in the build tree, else a new temporary directory), and reading
 * a file back whole.
 */
#ifndef FORKSCOPE_TESTS_UI_EXPORT_TEST_H
#define FORKSCOPE_TESTS_UI_EXPORT_TEST_H

#include <stddef.h>

/* A Check fixture: C.UTF-8, and the directory chosen. */
void export_test_setup(void);
/* name in that directory; the last 8 results stay valid. */
char *export_test_path(const char *name);
/* The file's bytes, NUL-terminated (free() them); len gets the size, if given. */
char *export_test_slurp(const char *path, size_t *len);

#endif
