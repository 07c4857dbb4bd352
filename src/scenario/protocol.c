/*
 * Parse and format the helper's report lines (see protocol.h). The parser is
 * pure and total: any byte string gives a Report or -1, never a crash; it is
 * fuzzed (tests/fuzz) because it reads what another program wrote.
 */
#include "scenario/protocol.h"

#include <errno.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Cursor {
	const char *p, *end;
} Cursor;

/* Next space-separated word; false at the end. */
static bool next_word(Cursor *c, const char **word, size_t *wlen)
{
	while (c->p < c->end && *c->p == ' ')
		c->p++;
	if (c->p >= c->end)
		return false;
	*word = c->p;
	while (c->p < c->end && *c->p != ' ')
		c->p++;
	*wlen = (size_t)(c->p - *word);
	return true;
}

static bool next_ll(Cursor *c, long long min, long long max, long long *out)
{
	const char *w;
	size_t n;
	char buf[32];
	char *end;
	long long v;

	if (!next_word(c, &w, &n) || n == 0 || n >= sizeof buf)
		return false;
	memcpy(buf, w, n);
	buf[n] = '\0';
	errno = 0;
	v = strtoll(buf, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return false;
	*out = v;
	return true;
}

static bool next_int(Cursor *c, int min, int max, int *out)
{
	long long v;

	if (!next_ll(c, min, max, &v))
		return false;
	*out = (int)v;
	return true;
}

/* The rest of the line, without the one separating space. */
static void rest_text(Cursor *c, char *out, size_t outlen)
{
	size_t n;

	if (c->p < c->end && *c->p == ' ')
		c->p++;
	n = (size_t)(c->end - c->p);
	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, c->p, n);
	out[n] = '\0';
	/* Keep the text printable on a terminal: no control characters. */
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)out[i] < 0x20 || out[i] == 0x7f)
			out[i] = '?';
}

static bool word_is(const char *w, size_t n, const char *lit)
{
	return strlen(lit) == n && memcmp(w, lit, n) == 0;
}

int report_parse(const char *line, size_t len, Report *out)
{
	Cursor c = { line, line + len };
	const char *w;
	size_t n;
	int pid;
	long long t;

	memset(out, 0, sizeof *out);
	if (memchr(line, '\n', len) != NULL || memchr(line, '\0', len) != NULL)
		return -1;
	if (!next_word(&c, &w, &n) || !next_ll(&c, 0, LLONG_MAX, &t))
		return -1;
	out->t_us = (uint64_t)t;
	if (word_is(w, n, "STEP") || word_is(w, n, "HOLD")) {
		out->kind = word_is(w, n, "STEP") ? REPORT_STEP : REPORT_HOLD;
		if (!next_int(&c, 0, 1000, &out->step) || !next_int(&c, 1, INT_MAX, &pid))
			return -1;
		out->pid = pid;
		if (out->kind == REPORT_HOLD) {
			if (!next_word(&c, &w, &n) || !(word_is(w, n, "exec") || word_is(w, n, "exit")))
				return -1;
			memcpy(out->text, w, n);
			out->text[n] = '\0';
		}
		return next_word(&c, &w, &n) ? -1 : 0;
	}
	if (word_is(w, n, "API")) {
		int child;

		out->kind = REPORT_API;
		if (!next_int(&c, 1, INT_MAX, &pid) || !next_word(&c, &w, &n) ||
		    n == 0 || n >= sizeof out->api)
			return -1;
		out->pid = pid;
		memcpy(out->api, w, n);
		out->api[n] = '\0';
		if (!next_ll(&c, LLONG_MIN + 1, LLONG_MAX, &out->ret) ||
		    !next_int(&c, 0, 4095, &out->err) || !next_int(&c, -1, INT_MAX, &child))
			return -1;
		out->child = child;
		rest_text(&c, out->text, sizeof out->text);
		return 0;
	}
	if (word_is(w, n, "NOTE")) {
		out->kind = REPORT_NOTE;
		if (!next_int(&c, 1, INT_MAX, &pid))
			return -1;
		out->pid = pid;
		rest_text(&c, out->text, sizeof out->text);
		return 0;
	}
	if (word_is(w, n, "DONE")) {
		out->kind = REPORT_DONE;
		if (!next_int(&c, 1, INT_MAX, &pid) || !next_int(&c, INT_MIN, INT_MAX, &out->status))
			return -1;
		out->pid = pid;
		return next_word(&c, &w, &n) ? -1 : 0;
	}
	return -1;
}

/* Text fields must stay on one line. */
static void one_line(char *dst, size_t dstlen, const char *src)
{
	size_t i;

	for (i = 0; i + 1 < dstlen && src[i] != '\0'; i++)
		dst[i] = (src[i] == '\n' || src[i] == '\r') ? ' ' : src[i];
	dst[i] = '\0';
}

size_t report_format(const Report *r, char *buf, size_t buflen)
{
	char text[PROTOCOL_MAX_LINE];
	unsigned long long t = r->t_us;
	int n = 0;

	one_line(text, sizeof text, r->text);
	switch (r->kind) {
	case REPORT_STEP:
		n = snprintf(buf, buflen, "STEP %llu %d %d\n", t, r->step, (int)r->pid);
		break;
	case REPORT_HOLD:
		n = snprintf(buf, buflen, "HOLD %llu %d %d %s\n", t, r->step, (int)r->pid, text);
		break;
	case REPORT_API:
		n = snprintf(buf, buflen, "API %llu %d %s %lld %d %d %s\n", t, (int)r->pid,
			     r->api[0] ? r->api : "?", r->ret, r->err, (int)r->child, text);
		break;
	case REPORT_NOTE:
		n = snprintf(buf, buflen, "NOTE %llu %d %s\n", t, (int)r->pid, text);
		break;
	case REPORT_DONE:
		n = snprintf(buf, buflen, "DONE %llu %d %d\n", t, (int)r->pid, r->status);
		break;
	}
	if (n < 0)
		n = 0;
	if ((size_t)n >= buflen) { /* cut, but keep the newline that ends the line */
		n = (int)buflen - 1;
		buf[n - 1] = '\n';
	}
	return (size_t)n;
}
