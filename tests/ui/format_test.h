/*
 * Shared by the tests of what the panes say (test_format.c,
 * test_format_panes.c, test_format_events.c, test_layout.c): the checked
 * fixture each of their test cases runs with, and the two glyph sets it
 * sets up in the C.UTF-8 locale.
 */
#ifndef FORKSCOPE_TESTS_UI_FORMAT_TEST_H
#define FORKSCOPE_TESTS_UI_FORMAT_TEST_H

#include "ui/format/glyphs.h"

extern const Glyphs *utf8;  /* borrowed: glyphs_get's tables */
extern const Glyphs *ascii;

/* The checked fixture: the C.UTF-8 locale, then both glyph sets. */
void format_test_setup(void);

#endif
