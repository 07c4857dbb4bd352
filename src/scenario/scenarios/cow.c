/* The cow scenario's row: copy-on-write, page by page. */
#include "base/i18n.h"
#include "scenario/catalog.h"

static const ScenarioStep steps[] = {
	{ N_("The parent mapped the region (see the mmap in the events, MADV_NOHUGEPAGE so pages "
	     "are 4 KiB) and wrote every page. Memory: the mapping is all Private_Dirty, Pss equals "
	     "Rss; the page map shows every page exclusive.") },
	{ N_("fork(): the child maps the same physical pages, read-only in both page tables. "
	     "Memory: the region is Shared_Dirty in parent and child, Pss is half of Rss in each; "
	     "the page map shows no page exclusive. Nothing has been copied yet.") },
	{ N_("The child wrote one byte in each page of the first quarter. Each write faulted and the "
	     "kernel gave the child a private copy of that page. Page map: that quarter is exclusive "
	     "now, in the child (its copies) and in the parent (originals nobody else maps). Memory: "
	     "the child's Private_Dirty grew by a quarter of the region, Shared_Dirty shrank as much, "
	     "and Pss rose.") },
	{ N_("Half the region written: half the pages are copies, half still shared. Total memory "
	     "used by the two is now one and a half times the region.") },
	{ N_("Three quarters written and copied; a quarter still shared.") },
	{ N_("Every page written: nothing is shared any more, Pss equals Rss in both, and the two "
	     "processes use twice the region. A fork is cheap only while the pages stay unwritten.") },
};

static const ScenarioParam params[] = {
	{ "size", N_("MiB"), N_("memory the parent writes before fork"), 64, 1, 1024 },
};

const Scenario scenario_cow = {
	.id = "cow",
	.title = N_("Copy-on-write: memory copied one written page at a time"),
	.explanation = N_(
		"fork does not copy the parent's memory. It copies the page tables and marks every "
		"private writable page read-only in both processes, so both map the same physical "
		"pages. When either process writes such a page the CPU faults, and the kernel copies "
		"that one page for the writer (or, if no one else maps it any more, just makes it "
		"writable). The memory cost of fork therefore grows with what is written afterwards, "
		"not with the parent's size. In /proc/PID/smaps a shared page counts in Shared_Dirty "
		"and half of it in each process's Pss; a copied one in Private_Dirty, whole. "
		"/proc/PID/pagemap tells, page by page, whether a page is mapped by this process "
		"alone (exclusive) or still shared. Exec or exit in the child ends the sharing at "
		"once, which is why fork followed by exec copies almost nothing."),
	.steps = steps,
	.nsteps = (int)(sizeof steps / sizeof steps[0]),
	.params = params,
	.nparams = (int)(sizeof params / sizeof params[0]),
	.max_procs = 2,
};
