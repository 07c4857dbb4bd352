/*
 * mmap-shared: one file read by N processes through MAP_SHARED costs one
 * copy of memory; read into private buffers it costs N. The helper's half
 * is demo/mmap_shared.c; the steps here match its boundaries.
 */
#include "base/i18n.h"
#include "scenario/catalog.h"

static const ScenarioStep steps[] = {
	{ N_("The parent wrote a file of `size` MiB, flushed it (so its page-cache pages are clean) "
	     "and unlinked it at once: its FD table shows the file as (deleted), kept alive by the "
	     "open FD, so it disappears whatever happens to the demo. No process has it mapped yet.") },
	{ N_("N shared workers were forked; each mapped the whole file with mmap(PROT_READ, "
	     "MAP_SHARED), read one byte of every page, and closed its FD (the mapping keeps the "
	     "file). Select a worker and its mapping of the file: Rss is the whole file, all of it "
	     "Shared_Clean (the same page-cache pages are mapped by all N; Shared_Dirty if the note "
	     "says the file is on tmpfs, which has no disk copy), and Pss is Rss divided "
	     "by N. Add up the workers' Pss: one copy of the file in memory for N readers.") },
	{ N_("N copy workers were forked; each read the file with read() into a malloc'd buffer. "
	     "Select one: the buffer is an anonymous mapping whose Rss is the whole file, all "
	     "Private_Dirty, and Pss equals Rss: nobody shares it. N copies in memory, plus the "
	     "page cache that read() went through. Compare a copy worker's Pss with a shared "
	     "worker's. Next all workers exit and the file is gone with the last reference.") },
};

static const ScenarioParam params[] = {
	{ "workers", N_("workers"), N_("workers of each kind"), 4, 2, 8 },
	{ "size", N_("MiB"), N_("size of the file"), 16, 1, 64 },
};

const Scenario scenario_mmap_shared = {
	.id = "mmap-shared",
	.title = N_("mmap MAP_SHARED: one file, many readers, one copy in memory"),
	.explanation = N_(
		"When several processes read the same file with read(), each ends up with its own "
		"copy of the data in a private buffer, and the kernel keeps one more in its page "
		"cache. When they map the file with mmap(MAP_SHARED) instead, their page tables "
		"point at the page cache itself: one copy, however many readers. /proc/PID/smaps "
		"shows it per mapping. Rss counts every page a process has mapped; Shared_Clean "
		"the pages also mapped by another process and not modified; Pss (proportional set "
		"size) divides each page by the number of processes that map it, so the Pss of all "
		"processes adds up to the memory really used. For shared readers Pss is far below "
		"Rss; for private copies the two are equal. (Read-only MAP_PRIVATE mappings share "
		"the same way until a page is written, which copies it.)"),
	.steps = steps,
	.nsteps = sizeof steps / sizeof steps[0],
	.params = params,
	.nparams = sizeof params / sizeof params[0],
	.max_procs = 17,
	.takes_command = false,
};
