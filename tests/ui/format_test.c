/*
 * The format tests' fixture (see format_test.h).
 */
#include "format_test.h"

#include <check.h>
#include <locale.h>

const Glyphs *utf8;
const Glyphs *ascii;

void format_test_setup(void)
{
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	utf8 = glyphs_get(false);
	ascii = glyphs_get(true);
}
