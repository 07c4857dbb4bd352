/* The cow scenario's row: copy-on-write, page by page. */
#include "base/i18n.h"
#include "scenario/catalog.h"
#include "scenario/params.h"

/*
 * Claims at the default size, 64 MiB (65536 kB), on the region (the largest
 * anonymous mapping): a quarter is 16384 kB. Each bound is a little under
 * the exact figure for rounding; a Private_Dirty and a Shared_Dirty bound
 * together pin the split, since the two add up to the region.
 */
static const StepClaim wrote_region[] = {
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "mmap" },
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_HELPER, .key = "Private_Dirty", .num = 65000 },
	{ 0 },
};
static const StepClaim forked[] = {
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .key = "fork" },
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD },
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_CHILD, .key = "Shared_Dirty", .num = 65000 },
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_HELPER, .key = "Shared_Dirty", .num = 65000 },
	{ 0 },
};
static const StepClaim quarter[] = {
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .key = "write" },
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_CHILD, .key = "Private_Dirty", .num = 16000 },
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_CHILD, .key = "Shared_Dirty", .num = 49000 },
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_HELPER, .key = "Private_Dirty", .num = 16000 },
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_HELPER, .key = "Shared_Dirty", .num = 49000 },
	{ 0 },
};
static const StepClaim half[] = {
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_CHILD, .key = "Private_Dirty", .num = 32500 },
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_CHILD, .key = "Shared_Dirty", .num = 32500 },
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_HELPER, .key = "Private_Dirty", .num = 32500 },
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_HELPER, .key = "Shared_Dirty", .num = 32500 },
	{ 0 },
};
static const StepClaim three_quarters[] = {
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_CHILD, .key = "Private_Dirty", .num = 49000 },
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_CHILD, .key = "Shared_Dirty", .num = 16000 },
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_HELPER, .key = "Private_Dirty", .num = 49000 },
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_HELPER, .key = "Shared_Dirty", .num = 16000 },
	{ 0 },
};
static const StepClaim all_written[] = {
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_CHILD, .key = "Private_Dirty", .num = 65000 },
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_HELPER, .key = "Private_Dirty", .num = 65000 },
	{ 0 },
};

static const ScenarioStep steps[] = {
	{ N_("The parent mapped the region (the mmap in the events; madvise(MADV_NOHUGEPAGE) keeps "
	     "its pages 4 KiB) and wrote every page. The parent's memory: the mapping is all "
	     "Private_Dirty, Pss equals Rss; the page map shows every page exclusive."),
	  .focus = { WHO_HELPER, 0, N_("the parent") }, .claims = wrote_region },
	{ N_("fork(): the child maps the same physical pages as the parent, read-only in both page "
	     "tables. The child's memory: the region is Shared_Dirty, as in the parent, and its Pss "
	     "is half its Rss; the page map shows every page shared, in both. No page has been "
	     "copied yet."),
	  .focus = { WHO_CHILD, 0, N_("the child") }, .claims = forked },
	{ N_("The child wrote one byte in each page of the first quarter. Each write faulted and the "
	     "kernel gave the child a copy of that page. Page map: that quarter is exclusive now in "
	     "both maps, the child's copies and the parent's originals each mapped once (the counts "
	     "call them copied when they were seen shared before); the rest is still shared. The "
	     "child's memory: Private_Dirty grew by a quarter of the region, Shared_Dirty shrank as "
	     "much, and Pss rose."),
	  .focus = { WHO_CHILD, 0, N_("the child") }, .claims = quarter },
	{ N_("The child has written half the region: half the pages are exclusive in both maps (a "
	     "copy in the child, the original in the parent), half still shared; the child's "
	     "Private_Dirty and Shared_Dirty are half the region each. The two processes now use "
	     "one and a half times the region."),
	  .focus = { WHO_CHILD, 0, N_("the child") }, .claims = half },
	{ N_("Three quarters written: three quarters of the pages are exclusive in both maps, a "
	     "quarter still shared; the child's Private_Dirty is three quarters of the region."),
	  .focus = { WHO_CHILD, 0, N_("the child") }, .claims = three_quarters },
	{ N_("Every page written: every page is exclusive in both maps and nothing is shared any "
	     "more; the region is all Private_Dirty and its Pss equals its Rss, in both. The two "
	     "processes use twice the region. A fork is cheap only while the pages stay unwritten."),
	  .focus = { WHO_CHILD, 0, N_("the child") }, .claims = all_written },
};

static const ScenarioParam params[] = { PARAMS_COW };

const Scenario scenario_cow = {
	.id = "cow",
	.title = N_("Copy-on-write: memory copied one written page at a time"),
	.explanation = N_(
		"fork does not copy the parent's memory. It copies the page tables and marks every "
		"private writable page read-only in both processes, so both map the same physical "
		"pages. When either process writes such a page the CPU faults, and the kernel copies "
		"that one page for the writer: the writer's copy and the other's original are then "
		"each mapped once, exclusive (a page no one else maps any more is just made "
		"writable). The memory cost of fork therefore grows with what is written afterwards, "
		"not with the parent's size. In /proc/PID/smaps a shared page counts in Shared_Dirty "
		"and half of it in each process's Pss; an exclusive one in Private_Dirty, whole. "
		"/proc/PID/pagemap tells, page by page, whether a page is mapped by this process "
		"alone (exclusive) or still shared. Exec or exit in the child ends the sharing at "
		"once, which is why fork followed by exec copies almost nothing."),
	.steps = steps,
	.nsteps = (int)(sizeof steps / sizeof steps[0]),
	.params = params,
	.nparams = (int)(sizeof params / sizeof params[0]),
	.max_procs = 2,
};
