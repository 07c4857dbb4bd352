/*
 * The tree view of a session: visible records (not gone) in depth-first
 * order, children in order of first appearance. Because the order is by
 * first appearance, not by pid, CPU or state, a row never jumps while the
 * user looks: new processes append under their parent, ghosts fade in place.
 * A view may ask for another order (pid, start time, CPU, RSS): siblings are
 * then sorted under their parent, ties in order of appearance, and the tree
 * keeps its shape.
 *
 * A record whose parent is not a visible record of the session is a root.
 * With a filter, a row is kept when it or one of its descendants matches
 * (pid, comm or command line), so matches keep their context. A folded
 * record is a row of its own with its kept descendants counted, not shown.
 */
#include "model/session.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

typedef struct TreeBuild {
	const Session *s;
	const char *filter;  /* borrowed; NULL: none */
	long *first_child;   /* per record: index of its first child, -1 */
	long *next_sibling;  /* per record: next sibling, -1 */
	bool *keep;          /* per record: passes the filter (itself or a descendant) */
	bool *folded;        /* per record: its descendants are not shown */
	TreeRow *rows;
	size_t nrows, max;
} TreeBuild;

/* A record and where it goes among its siblings. */
typedef struct SortItem {
	long long key;
	long index;
} SortItem;

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
	p = Session_index_of(s, r->ppid);
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
		for (long k = (long)i, guard = 0; k >= 0 && !b->keep[k] && guard < TREE_DEPTH_MAX; guard++) {
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

/* The sort key of a record for an order: smaller goes first. What was not
 * read (no identity, an exited process) goes after what was. */
static long long order_key(const ProcRecord *r, TreeOrder order)
{
	bool known = r->id.state == READ_OK && !r->exited;

	switch (order) {
	case TREE_ORDER_PID:
		return r->pid;
	case TREE_ORDER_START:
		return r->id.state == READ_OK ? (long long)(r->id.start_ticks & LLONG_MAX) : LLONG_MAX;
	case TREE_ORDER_CPU:
		return known && r->cpu_tenths >= 0 ? -(long long)r->cpu_tenths : 1;
	case TREE_ORDER_RSS:
		return known ? -(long long)(r->id.rss_pages & LLONG_MAX) : 1;
	case TREE_ORDER_SEEN:
	case TREE_ORDER_COUNT:
		break;
	}
	return 0;
}

static int sort_item_cmp(const void *a, const void *b)
{
	const SortItem *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

/* Sorts every list of siblings in place (first_child, next_sibling). */
static void sort_children(TreeBuild *b, TreeOrder order)
{
	const Session *s = b->s;
	SortItem *items = xmalloc((s->nprocs ? s->nprocs : 1) * sizeof *items);

	for (size_t p = 0; p < s->nprocs; p++) {
		size_t n = 0;

		for (long c = b->first_child[p]; c >= 0; c = b->next_sibling[c])
			items[n++] = (SortItem){ order_key(&s->procs[c], order), c };
		if (n < 2)
			continue;
		qsort(items, n, sizeof *items, sort_item_cmp);
		b->first_child[p] = items[0].index;
		for (size_t k = 0; k + 1 < n; k++)
			b->next_sibling[items[k].index] = items[k + 1].index;
		b->next_sibling[items[n - 1].index] = -1;
	}
	free(items);
}

/* How many kept descendants of i a fold leaves out. */
static size_t kept_descendants(const TreeBuild *b, long i)
{
	size_t n = 0, depth = 0, cap = 64;
	long *stack = xmalloc(cap * sizeof *stack);

	for (long c = next_kept_sibling(b, b->first_child[i]); c >= 0;) {
		long child = next_kept_sibling(b, b->first_child[c]);
		n++;
		if (child >= 0) {
			if (depth == cap)
				stack = xreallocarray(stack, cap *= 2, sizeof *stack);
			stack[depth++] = c;
			c = child;
			continue;
		}
		for (;;) {
			long next = next_kept_sibling(b, b->next_sibling[c]);
			if (next >= 0) {
				c = next;
				break;
			}
			if (depth == 0) {
				c = -1;
				break;
			}
			c = stack[--depth];
		}
	}
	free(stack);
	return n;
}

/* Iterative depth-first walk: a deep tree (a fork chain) must not overflow
 * the C stack. has_later[d] says whether the node on the current path at
 * depth d has a later sibling: the drawing puts a vertical line there. */
static void walk(TreeBuild *b, long root)
{
	long *path = xmalloc(TREE_DEPTH_MAX * sizeof *path);
	bool *has_later = xmalloc(TREE_DEPTH_MAX * sizeof *has_later);
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
		row->match = b->filter != NULL && record_matches(&b->s->procs[cur], b->filter);
		row->folded = b->folded[cur];
		row->hidden = row->folded ? kept_descendants(b, cur) : 0;
		if (row->folded)
			child = -1;
		if (child >= 0 && depth + 1 < TREE_DEPTH_MAX) {
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
	TreeView view = { .filter = filter, .ghosts = ghosts, .order = TREE_ORDER_SEEN };

	return Session_tree_view(s, rows, max_rows, &view);
}

size_t Session_tree_view(const Session *s, TreeRow *rows, size_t max_rows, const TreeView *view)
{
	size_t n = s->nprocs ? s->nprocs : 1, nroots = 0;
	TreeBuild b = { .s = s, .rows = rows, .max = max_rows,
			.filter = view->filter != NULL && view->filter[0] != '\0' ? view->filter : NULL };
	long *parent = xmalloc(n * sizeof *parent);
	SortItem *roots = xmalloc(n * sizeof *roots);

	b.first_child = xmalloc(n * sizeof *b.first_child);
	b.next_sibling = xmalloc(n * sizeof *b.next_sibling);
	b.keep = xmalloc(n * sizeof *b.keep);
	b.folded = xcalloc(n, sizeof *b.folded);
	for (size_t i = 0; i < s->nprocs; i++) {
		parent[i] = visible(&s->procs[i]) ? parent_of(s, i) : -1;
		for (size_t f = 0; f < view->nfolded; f++)
			if (s->procs[i].pid == view->folded[f])
				b.folded[i] = true;
	}
	link_children(&b, parent);
	apply_filter(&b, parent, b.filter, view->ghosts);
	if (view->order != TREE_ORDER_SEEN)
		sort_children(&b, view->order);
	for (size_t i = 0; i < s->nprocs; i++)
		if (visible(&s->procs[i]) && parent[i] < 0 && b.keep[i])
			roots[nroots++] = (SortItem){ order_key(&s->procs[i], view->order), (long)i };
	if (view->order != TREE_ORDER_SEEN)
		qsort(roots, nroots, sizeof *roots, sort_item_cmp);
	for (size_t i = 0; i < nroots && b.nrows < b.max; i++)
		walk(&b, roots[i].index);
	free(parent);
	free(roots);
	free(b.first_child);
	free(b.next_sibling);
	free(b.keep);
	free(b.folded);
	return b.nrows;
}
