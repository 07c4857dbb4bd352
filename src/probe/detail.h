/*
 * Everything forkscope can read about one process, gathered on demand: the
 * expensive parts (mappings, FDs) only when asked for with the want flags.
 */
#ifndef FORKSCOPE_PROBE_DETAIL_H
#define FORKSCOPE_PROBE_DETAIL_H

#include <sys/types.h>

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
	DETAIL_ALL      = 0x3f,
};

typedef struct ProcDetail {
	pid_t pid;
	unsigned want;     /* DETAIL_* asked for */
	ProcIdentity id;
	SigSets sig;
	MemTotals totals;
	MappingList maps;
	FdTable fds;
	ReadState environ_state;
	char **environ;    /* owned, NULL-terminated, when environ_state == READ_OK */
} ProcDetail;

void ProcDetail_read(pid_t pid, unsigned want, ProcDetail *out);
void ProcDetail_done(ProcDetail *detail);
/* READ_GONE if any part found the process gone, else the identity's state. */
ReadState ProcDetail_state(const ProcDetail *detail);

#endif
