/*
 * ProcIdentity's ownership rules: cmdline and exe are owned heap strings
 * (or NULL), so copy is deep and done frees both and leaves the record
 * zeroed with state READ_NOT_ASKED, ready to be filled again.
 */
#include "probe/identity.h"

#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

void ProcIdentity_done(ProcIdentity *id)
{
	free(id->cmdline);
	free(id->exe);
	memset(id, 0, sizeof *id);
}

void ProcIdentity_copy(ProcIdentity *dst, const ProcIdentity *src)
{
	if (dst == src)
		return;
	*dst = *src;
	dst->cmdline = src->cmdline != NULL ? xstrdup(src->cmdline) : NULL;
	dst->exe = src->exe != NULL ? xstrdup(src->exe) : NULL;
}

const char *sched_policy_name(int policy)
{
	switch (policy) {
	case SCHED_OTHER:    return "SCHED_OTHER";
	case SCHED_FIFO:     return "SCHED_FIFO";
	case SCHED_RR:       return "SCHED_RR";
	case SCHED_BATCH:    return "SCHED_BATCH";
	case SCHED_IDLE:     return "SCHED_IDLE";
#ifdef SCHED_DEADLINE
	case SCHED_DEADLINE: return "SCHED_DEADLINE";
#endif
	}
	return "SCHED_?";
}

const char *task_state_name(char task_state)
{
	switch (task_state) {
	case 'R': return "running";
	case 'S': return "sleeping";
	case 'D': return "disk sleep";
	case 'Z': return "zombie";
	case 'T': return "stopped";
	case 't': return "tracing stop";
	case 'X': return "dead";
	case 'I': return "idle";
	case 'P': return "parked";
	case 'W': return "waking";
	case 'K': return "wakekill";
	}
	return "unknown";
}
