/*
 * Environments (see environ.h). The difference sorts both sides by name
 * (then by the whole entry) and looks each entry up in the other side:
 * n log n, so a hostile environment of many thousands of entries costs no
 * more than its sort. Duplicate names (a block may hold them) are compared
 * entry by entry for "added", name by name for "removed".
 */
#include "probe/environ.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "probe/textscan.h"

char **strv_split_nul(const char *text, size_t len)
{
	size_t n = 0, i, k = 0, start = 0;
	char **env;

	if (text == NULL)
		len = 0;
	for (i = 0; i < len; i++)
		if (text[i] == '\0')
			n++;
	if (len > 0 && text[len - 1] != '\0')
		n++; /* a last entry with no terminator (truncated text) */
	env = xcalloc(n + 1, sizeof *env);
	for (i = 0; i < len; i++) {
		if (text[i] != '\0')
			continue;
		env[k++] = xstrndup(text + start, i - start);
		start = i + 1;
	}
	if (start < len)
		env[k++] = xstrndup(text + start, len - start);
	env[k] = NULL;
	return env;
}

char **environ_split(const char *text, size_t len)
{
	char **env = strv_split_nul(text, len);

	for (size_t i = 0; env[i] != NULL; i++)
		text_sanitize(env[i]);
	return env;
}

void environ_free(char **env)
{
	size_t i;

	for (i = 0; env != NULL && env[i] != NULL; i++)
		free(env[i]);
	free(env);
}

size_t environ_len(char *const *env)
{
	size_t n = 0;

	while (env != NULL && env[n] != NULL)
		n++;
	return n;
}

size_t environ_name_len(const char *entry)
{
	return strcspn(entry, "=");
}

static int name_cmp(const char *a, const char *b)
{
	size_t la = environ_name_len(a), lb = environ_name_len(b);
	int c = memcmp(a, b, la < lb ? la : lb);

	return c != 0 ? c : (la > lb) - (la < lb);
}

static int entry_cmp(const void *pa, const void *pb)
{
	const char *a = *(const char *const *)pa, *b = *(const char *const *)pb;
	int c = name_cmp(a, b);

	return c != 0 ? c : strcmp(a, b);
}

static int name_only_cmp(const void *pa, const void *pb)
{
	return name_cmp(*(const char *const *)pa, *(const char *const *)pb);
}

/* An owned copy of the vector's pointers, sorted by entry_cmp. */
static const char **sorted(char *const *env, size_t n)
{
	const char **v = xmalloc((n + 1) * sizeof *v);

	if (n > 0)
		memcpy(v, env, n * sizeof *v);
	if (n > 1)
		qsort(v, n, sizeof *v, entry_cmp);
	return v;
}

void EnvDiff_compute(EnvDiff *diff, char *const *self, char *const *parent)
{
	size_t ns = environ_len(self), np = environ_len(parent);
	const char **s = sorted(self, ns), **p = sorted(parent, np);

	memset(diff, 0, sizeof *diff);
	diff->v = xmalloc((ns + np + 1) * sizeof *diff->v);
	for (size_t i = 0; i < ns; i++) {
		if (np > 0 && bsearch(&s[i], p, np, sizeof *p, entry_cmp) != NULL) {
			diff->same++;
			continue;
		}
		diff->v[diff->n++] = (EnvDiffItem){ s[i], ENV_ADDED };
		diff->added++;
	}
	for (size_t i = 0; i < np; i++) {
		if (i > 0 && name_cmp(p[i - 1], p[i]) == 0)
			continue; /* one word per name */
		if (ns > 0 && bsearch(&p[i], s, ns, sizeof *s, name_only_cmp) != NULL)
			continue;
		diff->v[diff->n++] = (EnvDiffItem){ p[i], ENV_REMOVED };
		diff->removed++;
	}
	free(s);
	free(p);
}

void EnvDiff_done(EnvDiff *diff)
{
	free(diff->v);
	memset(diff, 0, sizeof *diff);
}
