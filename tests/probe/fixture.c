/*
 * The parser tests' fixtures and exact-size copies (see fixture.h).
 */
#include "fixture.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A fixture file's bytes, owned by the caller. */
char *fixture(const char *name, size_t *len)
{
	char path[1024];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof path, "%s/probe/%s", FIXTURES_DIR, name);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "fixture %s missing", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	ck_assert(buf != NULL);
	ck_assert_int_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0'; /* for the test's own string functions; parsers get len */
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* An exact-size heap copy (no terminator) of len bytes of text. */
char *exact(const char *text, size_t len)
{
	char *p = malloc(len ? len : 1);

	ck_assert(p != NULL);
	memcpy(p, text, len);
	return p;
}
