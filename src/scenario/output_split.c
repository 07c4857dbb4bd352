/* Output by writer: see output_split.h. */
#include "scenario/output_split.h"

#include <stdlib.h>
#include <string.h>

void OutputSplit_init(OutputSplit *o, pid_t fallback, OutputLineFn line, void *ctx)
{
	memset(o, 0, sizeof *o);
	o->fallback = fallback;
	o->line = line;
	o->ctx = ctx;
}

void OutputSplit_done(OutputSplit *o)
{
	for (size_t i = 0; i < o->nexpected; i++)
		free(o->expected[i].data);
	free(o->expected);
	memset(o, 0, sizeof *o);
}

static void drop_expected(OutputSplit *o, size_t i)
{
	free(o->expected[i].data);
	memmove(o->expected + i, o->expected + i + 1, (o->nexpected - i - 1) * sizeof *o->expected);
	o->nexpected--;
}

void OutputSplit_expect(OutputSplit *o, pid_t pid, char *data, size_t len)
{
	if (len == 0) {
		free(data);
		return;
	}
	if (o->nexpected == OUTPUT_EXPECTED_MAX)
		drop_expected(o, 0); /* a write that never came (it failed): forgotten */
	if (o->nexpected == o->expected_cap) {
		size_t cap = o->expected_cap ? o->expected_cap * 2 : 16;
		OutputExpected *v = realloc(o->expected, cap * sizeof *v);
		if (v == NULL) {
			free(data);
			return;
		}
		o->expected = v;
		o->expected_cap = cap;
	}
	o->expected[o->nexpected++] = (OutputExpected){ .pid = pid, .data = data, .len = len };
}

static OutputPartial *partial_of(OutputSplit *o, pid_t pid)
{
	for (size_t i = 0; i < o->npartial; i++)
		if (o->partial[i].pid == pid)
			return &o->partial[i];
	if (o->npartial == OUTPUT_WRITERS) {
		/* Too many writers with a line half written: the oldest goes out as it is. */
		o->line(o->ctx, o->partial[0].pid, o->partial[0].text, o->partial[0].len);
		memmove(o->partial, o->partial + 1, (OUTPUT_WRITERS - 1) * sizeof *o->partial);
		o->npartial--;
	}
	o->partial[o->npartial] = (OutputPartial){ .pid = pid };
	return &o->partial[o->npartial++];
}

static void partial_drop(OutputSplit *o, OutputPartial *p)
{
	size_t i = (size_t)(p - o->partial);

	memmove(o->partial + i, o->partial + i + 1, (o->npartial - i - 1) * sizeof *o->partial);
	o->npartial--;
}

/* Bytes of pid's, appended to its line; whole lines are handed over. */
static void take(OutputSplit *o, pid_t pid, const char *bytes, size_t n)
{
	OutputPartial *p = partial_of(o, pid);

	for (size_t i = 0; i < n; i++) {
		if (bytes[i] == '\n') {
			o->line(o->ctx, pid, p->text, p->len);
			p->len = 0;
			continue;
		}
		if (p->len == OUTPUT_LINE_MAX) {
			o->line(o->ctx, pid, p->text, p->len);
			p->len = 0;
		}
		p->text[p->len++] = bytes[i];
	}
	if (p->len == 0)
		partial_drop(o, p);
}

/* Who wrote the bytes starting here: the oldest expected write they
 * begin with (the part of it already here), else the fallback up to a
 * newline. */
static void choose_writer(OutputSplit *o, const char *bytes, size_t n)
{
	const char *nl;

	for (size_t i = 0; i < o->nexpected; i++) {
		const OutputExpected *e = &o->expected[i];
		size_t cmp = e->len < n ? e->len : n;
		if (memcmp(e->data, bytes, cmp) == 0) {
			o->cur = e->pid;
			o->cur_left = e->len;
			drop_expected(o, i);
			return;
		}
	}
	nl = memchr(bytes, '\n', n);
	o->cur = o->fallback;
	o->cur_left = nl != NULL ? (size_t)(nl - bytes) + 1 : n;
}

void OutputSplit_feed(OutputSplit *o, const char *bytes, size_t n)
{
	while (n > 0) {
		size_t k;

		if (o->cur_left == 0)
			choose_writer(o, bytes, n);
		k = o->cur_left < n ? o->cur_left : n;
		take(o, o->cur, bytes, k);
		o->cur_left -= k;
		bytes += k;
		n -= k;
	}
}

void OutputSplit_flush(OutputSplit *o)
{
	for (size_t i = 0; i < o->npartial; i++)
		if (o->partial[i].len > 0)
			o->line(o->ctx, o->partial[i].pid, o->partial[i].text, o->partial[i].len);
	o->npartial = 0;
	o->cur_left = 0;
}
