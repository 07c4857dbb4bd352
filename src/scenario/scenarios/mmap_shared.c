/*
 * mmap-shared: one file read by N processes through MAP_SHARED costs one
 * copy of memory; read into private buffers it costs N. The helper's half
 * is demo/mmap_shared.c; the steps here match its boundaries. The first
 * worker of each kind announces step 2 and step 3, so each is about it.
 */
#include "base/i18n.h"
#include "scenario/catalog.h"
#include "scenario/params.h"

/* Claims at the defaults (4 workers of each kind, 16 MiB: 16384 kB, a
 * little less for rounding). The file is the parent's FD 5 (after 0-2, the
 * hold pipe's 3 and 4); each worker closes its copy once it has read. */
static const StepClaim file_unlinked[] = {
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 5, .text = "(deleted)" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "unlink" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "fdatasync" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "readlink" },
	{ 0 },
};
static const StepClaim shared_mapped[] = {
	{ .kind = CLAIM_EVENT, .who = WHO_STEP, .key = "mmap" },
	{ .kind = CLAIM_NO_FD, .who = WHO_STEP, .num = 5 },
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_STEP },
	{ .kind = CLAIM_STATE, .who = WHO_STEP, .text = "S" },
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 5, .text = "(deleted)" },
	{ 0 },
};
static const StepClaim copied[] = {
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_STEP, .key = "Private_Dirty", .num = 16000 },
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_STEP, .key = "Pss", .num = 16000 },
	{ .kind = CLAIM_EVENT, .who = WHO_STEP, .key = "read" },
	{ .kind = CLAIM_NO_FD, .who = WHO_STEP, .num = 5 },
	{ .kind = CLAIM_STATE, .who = WHO_STEP, .text = "S" },
	{ .kind = CLAIM_STATE, .who = WHO_CHILD, .nth = 0, .text = "S" },
	{ 0 },
};

static const ScenarioStep steps[] = {
	{ N_("The parent wrote a file of `size` MiB, flushed it (so its page-cache pages are clean) "
	     "and unlinked it at once. Its FD 5 still refers to the file, which the kernel now names "
	     "by its old path followed by (deleted): the readlink of /proc/self/fd/5 in the events. "
	     "The open FD keeps the file alive, and it disappears with the last reference, whatever "
	     "happens to the demo. No process has it mapped yet."),
	  .focus = { WHO_HELPER, 0, NULL, FOCUS_FD(5) }, .claims = file_unlinked },
	{ N_("N shared workers were forked; each mapped the whole file with mmap(PROT_READ, "
	     "MAP_SHARED), read one byte of every page and closed its FD: shared worker 1 has no "
	     "FD 5, its mapping alone keeps the file. In its Memory pane, the file's row (r--s, s "
	     "for shared): Rss is the whole file, all of it Shared_Clean (the same page-cache pages are mapped "
	     "by all N; Shared_Dirty if the note says the file is on tmpfs, which has no disk copy), "
	     "and Pss is Rss divided by N. Add up the workers' Pss: one copy of the file in memory "
	     "for N readers."),
	  .focus = { WHO_STEP, 0, N_("shared worker 1"), .mapping = "r--s" }, .claims = shared_mapped },
	{ N_("N copy workers were forked; each read the file with read() into a malloc'd buffer "
	     "and closed its FD. Copy worker 1's buffer is its largest anonymous mapping (the [anon] "
	     "row as large as the file in the Memory pane): Rss is the whole file, all Private_Dirty, and Pss equals "
	     "Rss: nobody shares it. N copies in memory, plus the page cache that read() went "
	     "through. Compare its Pss with the shared workers' (still there, still mapping the "
	     "file). Next all workers exit and the file is gone with the last reference."),
	  .focus = { WHO_STEP, 0, N_("copy worker 1") }, .claims = copied },
};

static const ScenarioParam params[] = { PARAMS_MMAP_SHARED };

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
