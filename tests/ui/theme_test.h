/*
 * Shared by the theme tests (test_theme.c, test_theme_files.c): the same
 * search path for every test, and the colours and styles they compare.
 */
#ifndef FORKSCOPE_TESTS_UI_THEME_TEST_H
#define FORKSCOPE_TESTS_UI_THEME_TEST_H

#include <stdbool.h>

#include "ui/theme/theme.h"
#include "ui/theme/theme_internal.h"

/* From main, before the tests run: remembers FORKSCOPE_THEMES as make check
 * set it (a test may change it); theme_test_done forgets it. */
void theme_test_init(void);
void theme_test_done(void);
/* The checked fixture of every test case: no user directory (a developer's
 * own themes must not change the results), the source tree's themes, the
 * data dir. */
void theme_test_setup(void);

bool style_equal(const ThemeStyle *a, const ThemeStyle *b);
/* A colour given as 0xRRGGBB, and one of the 256 palette's (-1: default). */
ThemeColor rgb(unsigned v);
ThemeColor idx(int i);

#endif
