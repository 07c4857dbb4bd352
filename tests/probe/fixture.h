/*
 * Shared by the parser tests (test_parsers*.c): a fixture of
 * tests/fixtures/probe read whole, and exact-size copies of text, so that a
 * parser given len bytes and reading one more is caught by AddressSanitizer.
 * Both fail the running Check test rather than return an error.
 */
#ifndef FORKSCOPE_TESTS_PROBE_FIXTURE_H
#define FORKSCOPE_TESTS_PROBE_FIXTURE_H

#include <stddef.h>

/* A fixture file's bytes, owned by the caller; *len gets their count. A NUL
 * follows them, for the test's own string functions; parsers get len. */
char *fixture(const char *name, size_t *len);
/* An exact-size heap copy (no terminator) of len bytes of text, owned by
 * the caller. */
char *exact(const char *text, size_t len);

#endif
