/*
 * The bounded text cursor: see textscan.h. Functions that fail leave the
 * cursor where it was, so a caller may try another reading of the same text.
 */
#include "probe/textscan.h"

#include <stdio.h>
#include <string.h>

bool Scan_line(Scan *s, Scan *line)
{
	const char *nl;

	if (Scan_at_end(s))
		return false;
	nl = memchr(s->p, '\n', Scan_len(s));
	line->p = s->p;
	line->end = nl != NULL ? nl : s->end;
	s->p = nl != NULL ? nl + 1 : s->end;
	return true;
}

size_t Scan_skip_blanks(Scan *s)
{
	size_t n = 0;

	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t')) {
		s->p++;
		n++;
	}
	return n;
}

bool Scan_char(Scan *s, char c)
{
	if (s->p < s->end && *s->p == c) {
		s->p++;
		return true;
	}
	return false;
}

bool Scan_literal(Scan *s, const char *lit)
{
	size_t n = strlen(lit);

	if (n == 0)
		return true;
	if (Scan_len(s) < n || memcmp(s->p, lit, n) != 0)
		return false;
	s->p += n;
	return true;
}

bool Scan_u64(Scan *s, uint64_t *out)
{
	const char *q = s->p;
	uint64_t v = 0;

	while (q < s->end && *q >= '0' && *q <= '9') {
		unsigned d = (unsigned)(*q - '0');
		if (v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
		q++;
	}
	if (q == s->p)
		return false;
	s->p = q;
	*out = v;
	return true;
}

bool Scan_i64(Scan *s, int64_t *out)
{
	Scan t = *s;
	bool neg = Scan_char(&t, '-');
	uint64_t v;

	if (!Scan_u64(&t, &v))
		return false;
	if (neg ? v > (uint64_t)INT64_MAX + 1 : v > (uint64_t)INT64_MAX)
		return false;
	/* -(INT64_MIN) does not exist: build the negative value without it */
	*out = neg ? (v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v) : (int64_t)v;
	*s = t;
	return true;
}

bool Scan_hex(Scan *s, uint64_t *out, size_t max_digits)
{
	const char *q = s->p;
	uint64_t v = 0;
	size_t n = 0;
	int d;

	if (max_digits == 0 || max_digits > 16)
		max_digits = 16;
	while (q < s->end && (d = hex_digit(*q)) >= 0) {
		if (n == max_digits)
			return false; /* more digits than fit */
		v = v << 4 | (uint64_t)d;
		q++;
		n++;
	}
	if (n == 0)
		return false;
	s->p = q;
	*out = v;
	return true;
}

bool Scan_octal(Scan *s, uint64_t *out)
{
	const char *q = s->p;
	uint64_t v = 0;

	while (q < s->end && *q >= '0' && *q <= '7') {
		if (v >> 61)
			return false;
		v = v << 3 | (uint64_t)(*q - '0');
		q++;
	}
	if (q == s->p)
		return false;
	s->p = q;
	*out = v;
	return true;
}

bool Scan_key(Scan *s, Scan *key)
{
	const char *colon;

	if (Scan_at_end(s)) /* memchr must not see a NULL pointer, even for 0 bytes */
		return false;
	colon = memchr(s->p, ':', Scan_len(s));
	if (colon == NULL)
		return false;
	key->p = s->p;
	key->end = colon;
	s->p = colon + 1;
	return true;
}

Scan Scan_word(Scan *s)
{
	Scan w = { s->p, s->p };

	while (w.end < s->end && *w.end != ' ' && *w.end != '\t')
		w.end++;
	s->p = w.end;
	return w;
}

bool Scan_equals(Scan span, const char *lit)
{
	size_t n = strlen(lit);

	return Scan_len(&span) == n && (n == 0 || memcmp(span.p, lit, n) == 0);
}

Scan Scan_trim_right(Scan span)
{
	while (span.end > span.p &&
	       (span.end[-1] == ' ' || span.end[-1] == '\t' || span.end[-1] == '\n'))
		span.end--;
	return span;
}

size_t Scan_copy(Scan span, char *dst, size_t dstlen)
{
	size_t n = Scan_len(&span);
	const char *nul;

	if (dstlen == 0)
		return 0;
	nul = n > 0 ? memchr(span.p, '\0', n) : NULL;
	if (nul != NULL)
		n = (size_t)(nul - span.p);
	if (n > dstlen - 1)
		n = dstlen - 1;
	if (n > 0)
		memcpy(dst, span.p, n);
	dst[n] = '\0';
	return n;
}

void text_sanitize(char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '?';
}

void text_escape(const char *in, char *out, size_t outlen)
{
	size_t o = 0;

	if (outlen == 0)
		return;
	for (; in != NULL && *in != '\0'; in++) {
		unsigned char c = (unsigned char)*in;
		char esc[8];

		if (c == '\n')
			snprintf(esc, sizeof esc, "\\n");
		else if (c == '\t')
			snprintf(esc, sizeof esc, "\\t");
		else if (c == '\\')
			snprintf(esc, sizeof esc, "\\\\");
		else if (c < 0x20 || c == 0x7f)
			snprintf(esc, sizeof esc, "\\x%02x", c);
		else {
			esc[0] = (char)c;
			esc[1] = '\0';
		}
		if (o + strlen(esc) >= outlen)
			break;
		memcpy(out + o, esc, strlen(esc));
		o += strlen(esc);
	}
	out[o] = '\0';
}
