/*
 * Everything forkscope can read about one process, gathered on demand: the
 * expensive parts (mappings, FDs) only when asked for with the want flags.
 *
 * All parts are read through one ProcDir, so they describe one process
 * even if its pid is reused meanwhile. The identity is always read (it
 * anchors the rest). The record is consistent: if the process is found
 * gone by any part, every part is READ_GONE and empty; if it turned into a
 * zombie, the identity is the zombie's and memory, FDs, environment and cwd are
 * READ_ABSENT (a zombie has none), as they are for a kernel thread. An
 * exec during the read (the parts would describe two programs) makes it
 * read again. Parts not asked for stay READ_NOT_ASKED.
 */
#ifndef FORKSCOPE_PROBE_DETAIL_H
#define FORKSCOPE_PROBE_DETAIL_H

#include <stddef.h>
#include <sys/types.h>

#include "probe/environ.h"
#include "probe/fdtable.h"
#include "probe/identity.h"
#include "probe/sigset.h"
#include "probe/smaps.h"

enum {
	DETAIL_IDENTITY = 1 << 0,
	DETAIL_SIGNALS  = 1 << 1,
	DETAIL_TOTALS   = 1 << 2, /* smaps_rollup */
	DETAIL_MAPPINGS = 1 << 3, /* smaps */
	DETAIL_FDS      = 1 << 4,
	DETAIL_ENVIRON  = 1 << 5,
	DETAIL_CWD      = 1 << 6,
	DETAIL_ALL      = 0x7f,
};

typedef struct ProcDetail {
	pid_t pid;
	unsigned want;     /* DETAIL_* asked for (DETAIL_IDENTITY always added) */
	ProcIdentity id;
	SigSets sig;
	MemTotals totals;
	MappingList maps;
	FdTable fds;
	ReadState environ_state;
	char **environ;    /* owned, NULL-terminated, when environ_state == READ_OK */
	ReadState cwd_state;
	char *cwd;         /* owned: readlink of cwd, when cwd_state == READ_OK */
} ProcDetail;

void ProcDetail_read(pid_t pid, unsigned want, ProcDetail *out);
void ProcDetail_done(ProcDetail *detail);
/* READ_GONE if any part found the process gone, else the identity's state. */
ReadState ProcDetail_state(const ProcDetail *detail);

#endif
