/*
 * ProcIdentity's ownership rules: cmdline and exe are owned heap strings
 * (or NULL), so copy is deep and done frees both and leaves the record
 * zeroed with state READ_NOT_ASKED, ready to be filled again.
 */
#include "probe/identity.h"

#include <sched.h>
#include <stdio.h>
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

void tty_name(unsigned tty_nr, char *buf, size_t len)
{
	/* stat packs the device as new_encode_dev does: minor bits 0-7 and
	 * 20-31, major bits 8-19. */
	unsigned major = (tty_nr >> 8) & 0xfffu;
	unsigned minor = (tty_nr & 0xffu) | ((tty_nr >> 12) & 0xfff00u);

	if (tty_nr == 0)
		snprintf(buf, len, "-");
	else if (major >= 136 && major <= 143) /* Unix 98 pty slaves */
		snprintf(buf, len, "pts/%u", (major - 136) * 256 + minor);
	else if (major == 4 && minor < 64)
		snprintf(buf, len, "tty%u", minor);
	else if (major == 4)
		snprintf(buf, len, "ttyS%u", minor - 64);
	else if (major == 5 && minor == 1)
		snprintf(buf, len, "console");
	else
		snprintf(buf, len, "%u:%u", major, minor);
}

void nspid_text(const ProcIdentity *id, const char *first, char *buf, size_t len)
{
	int shown = id->nspid_levels < PROC_NSPID_MAX ? id->nspid_levels : PROC_NSPID_MAX;
	size_t used;

	buf[0] = '\0';
	if (id->nspid_levels < 2 || len == 0)
		return;
	if (first != NULL)
		snprintf(buf, len, "%s", first);
	else
		snprintf(buf, len, "%d", (int)id->nspid[0]);
	for (int i = 1; i < shown; i++) {
		used = strlen(buf);
		/* levels cut from the middle show as "..." before the last */
		snprintf(buf + used, len - used, "%s/%d",
			 i == shown - 1 && id->nspid_levels > shown ? "/..." : "", (int)id->nspid[i]);
	}
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
