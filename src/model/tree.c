/*
 * The tree view of a session: visible records (not gone) in depth-first
 * order, children in order of first appearance. Because the order is by
 * first appearance, not by pid, CPU or state, a row never jumps while the
 * user looks: new processes append under their parent, ghosts fade in place.
 *
 * A record whose parent is not a visible record of the session is a root.
 * With a filter, a row is kept when it or one of its descendants matches
 * (pid, comm or command line), so matches keep their context.
 */
#include "model/session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "model/pidindex.h"

typedef struct TreeBuild {
	const Session *s;
	long *first_child;   /* per record: index of its first child, -1 */
	long *next_sibling;  /* per record: next sibling, -1 */
	bool *keep;          /* per record: passes the filter (itself or a descendant) */
	TreeRow *rows;
	size_t nrows, max;
} TreeBuild;

static bool visible(const ProcRecord *r)
{
	return !r->gone;
}

static bool record_matches(const ProcRecord *r, const char *filter)
{
	char pidtext[16];

	snprintf(pidtext, sizeof pidtext, "%d", (int)r->pid);
	return strstr(pidtext, filter) != NULL || strstr(r->id.comm, filter) != NULL ||
	       (r->id.cmdline != NULL && strstr(r->id.cmdline, filter) != NULL) ||
	       strstr(r->exec_path, filter) != NULL;
}

static long parent_of(const Session *s, size_t i)
{
	const ProcRecord *r = &s->procs[i];
	long p;

	if (r->ppid <= 0 || r->ppid == r->pid || (s->root != 0 && r->pid == s->root))
		return -1;
	p = PidIndex_get(s->index, r->ppid);
	if (p < 0 || !visible(&s->procs[p]) || (size_t)p == i)
		return -1;
	/* A pid reused by a younger record cannot be the parent of an older one. */
	if (s->procs[p].born_us > r->born_us && r->how != HOW_EXISTING)
		return -1;
	return p;
}

static void link_children(TreeBuild *b, long *parent)
{
	const Session *s = b->s;
	long *last_child = xcalloc(s->nprocs ? s->nprocs : 1, sizeof *last_child);

	for (size_t i = 0; i < s->nprocs; i++) {
		b->first_child[i] = b->next_sibling[i] = -1;
		last_child[i] = -1;
	}
	for (size_t i = 0; i < s->nprocs; i++) {
		long p;
		if (!visible(&s->procs[i]) || (p = parent[i]) < 0)
			continue;
		if (last_child[p] < 0)
			b->first_child[p] = (long)i;
		else
			b->next_sibling[last_child[p]] = (long)i;
		last_child[p] = (long)i;
	}
	free(last_child);
}

/* Marks every record that matches and all its ancestors. */
/* Keeps the records that match the filter (and, without ghosts, those
 * that have not exited), with their ancestors so the tree stays whole. */
static void apply_filter(TreeBuild *b, const long *parent, const char *filter, bool ghosts)
{
	const Session *s = b->s;
	bool all = (filter == NULL || filter[0] == '\0') && ghosts;

	for (size_t i = 0; i < s->nprocs; i++)
		b->keep[i] = all;
	if (all)
		return;
	for (size_t i = 0; i < s->nprocs; i++) {
		const ProcRecord *r = &s->procs[i];
		if (!visible(r) || (filter != NULL && filter[0] != '\0' && !record_matches(r, filter)) ||
		    (!ghosts && r->exited && !r->held))
			continue;
		for (long k = (long)i, guard = 0; k >= 0 && !b->keep[k] && guard < 4096; guard++) {
			b->keep[k] = true;
			k = parent[k];
		}
	}
}

static long next_kept_sibling(const TreeBuild *b, long i)
{
	while (i >= 0 && !b->keep[i])
		i = b->next_sibling[i];
	return i;
}

/* Iterative depth-first walk: a deep tree (a fork chain) must not overflow
 * the C stack. has_later[d] says whether the node on the current path at
 * depth d has a later sibling: the drawing puts a vertical line there. */
static void walk(TreeBuild *b, long root)
{
	enum { MAX_DEPTH = 4096 };
	long *path = xmalloc(MAX_DEPTH * sizeof *path);
	bool *has_later = xmalloc(MAX_DEPTH * sizeof *has_later);
	int depth = 0;
	long cur = root;

	while (cur >= 0 && b->nrows < b->max) {
		long later = next_kept_sibling(b, b->next_sibling[cur]);
		long child = next_kept_sibling(b, b->first_child[cur]);
		TreeRow *row = &b->rows[b->nrows++];
		unsigned mask = 0;

		has_later[depth] = later >= 0;
		for (int d = 0; d < depth && d < 32; d++)
			if (has_later[d])
				mask |= 1u << d;
		row->index = (size_t)cur;
		row->depth = depth;
		row->last_child = later < 0;
		row->branch_mask = mask;
		if (child >= 0 && depth + 1 < MAX_DEPTH) {
			path[depth++] = cur;
			cur = child;
			continue;
		}
		for (;;) {
			long next = next_kept_sibling(b, b->next_sibling[cur]);
			if (next >= 0) {
				cur = next;
				break;
			}
			if (depth == 0) {
				cur = -1;
				break;
			}
			cur = path[--depth];
		}
	}
	free(path);
	free(has_later);
}

size_t Session_tree(const Session *s, TreeRow *rows, size_t max_rows, const char *filter)
{
	return Session_tree_ex(s, rows, max_rows, filter, true);
}

size_t Session_tree_ex(const Session *s, TreeRow *rows, size_t max_rows, const char *filter,
		       bool ghosts)
{
	size_t n = s->nprocs ? s->nprocs : 1;
	TreeBuild b = { .s = s, .rows = rows, .max = max_rows };
	long *parent = xmalloc(n * sizeof *parent);

	b.first_child = xmalloc(n * sizeof *b.first_child);
	b.next_sibling = xmalloc(n * sizeof *b.next_sibling);
	b.keep = xmalloc(n * sizeof *b.keep);
	for (size_t i = 0; i < s->nprocs; i++)
		parent[i] = visible(&s->procs[i]) ? parent_of(s, i) : -1;
	link_children(&b, parent);
	apply_filter(&b, parent, filter, ghosts);
	for (size_t i = 0; i < s->nprocs && b.nrows < b.max; i++)
		if (visible(&s->procs[i]) && parent[i] < 0 && b.keep[i])
			walk(&b, (long)i);
	free(parent);
	free(b.first_child);
	free(b.next_sibling);
	free(b.keep);
	return b.nrows;
}
