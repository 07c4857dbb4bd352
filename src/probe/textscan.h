/*
 * A bounded cursor over kernel text, private to src/probe. Every parser is
 * written against it so that none reads past the end of its input: the text
 * need not be NUL-terminated and may hold NULs or any byte (fuzzers give
 * raw buffers). A Scan is a pair of pointers [p, end); every function either
 * advances p within the span and returns true, or leaves p where it was and
 * returns false. Numbers that overflow their type are a failure, not a wrap.
 */
#ifndef FORKSCOPE_PROBE_TEXTSCAN_H
#define FORKSCOPE_PROBE_TEXTSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Scan {
	const char *p;   /* borrowed: next byte to read */
	const char *end; /* one past the last byte */
} Scan;

static inline Scan Scan_make(const char *text, size_t len)
{
	Scan s = { text, text != NULL ? text + len : NULL };
	return s;
}

/* The value of a hexadecimal digit, or -1. */
static inline int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static inline bool Scan_at_end(const Scan *s)
{
	return s->p >= s->end;
}

static inline size_t Scan_len(const Scan *s)
{
	return s->p < s->end ? (size_t)(s->end - s->p) : 0;
}

/* Splits off the next line (without its '\n'); false when nothing is left. */
bool Scan_line(Scan *s, Scan *line);
/* Skips spaces and tabs; returns how many were skipped. */
size_t Scan_skip_blanks(Scan *s);
/* Consumes c when it is the next byte. */
bool Scan_char(Scan *s, char c);
/* Consumes the literal when the text starts with it. */
bool Scan_literal(Scan *s, const char *lit);
/* Unsigned decimal, at least one digit. */
bool Scan_u64(Scan *s, uint64_t *out);
/* Signed decimal with an optional '-'. */
bool Scan_i64(Scan *s, int64_t *out);
/* Hexadecimal, at least one digit, at most max_digits (0: up to 16). */
bool Scan_hex(Scan *s, uint64_t *out, size_t max_digits);
/* Octal, at least one digit. */
bool Scan_octal(Scan *s, uint64_t *out);
/* Splits "Key:value": key is the text before the first ':', s moves past it. */
bool Scan_key(Scan *s, Scan *key);
/* The next run of bytes up to a space, tab or the end (may be empty). */
Scan Scan_word(Scan *s);
/* Does the span hold exactly this literal? */
bool Scan_equals(Scan span, const char *lit);
/* Drops trailing spaces, tabs and '\n' from the span. */
Scan Scan_trim_right(Scan span);
/* Copies the span into dst (truncated, always NUL-terminated when dstlen > 0);
 * NUL bytes inside the span end the copy. Returns the bytes copied. */
size_t Scan_copy(Scan span, char *dst, size_t dstlen);

/* Replaces control bytes (below 0x20, and 0x7f) with '?' in place: text from
 * the kernel is shown on terminals, and a process may name itself anything. */
void text_sanitize(char *s);
/* A name as it may be shown on a line: every byte kept, a control byte or
 * a backslash written visibly (newline as \n, tab as \t, ESC as \x1b, a
 * backslash doubled), so nothing is lost and nothing moves the cursor. Cut
 * to outlen. Pure. */
void text_escape(const char *in, char *out, size_t outlen);

#endif
