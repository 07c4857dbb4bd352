/*
 * What forkscope's own privileges let it read, and the sentence that says
 * which privilege would show a part that was denied. /proc files of the
 * memory and FD kind need ptrace read access (same uid and a dumpable
 * process, or CAP_SYS_PTRACE); pagemap frame numbers and /proc/kpagecount
 * need CAP_SYS_ADMIN. Capabilities are asked with capget each time.
 */
#ifndef FORKSCOPE_PROBE_PRIVILEGE_H
#define FORKSCOPE_PROBE_PRIVILEGE_H

#include <stdbool.h>
#include <sys/types.h>

bool privilege_has_ptrace(void);   /* CAP_SYS_PTRACE in the effective set */
bool privilege_has_sysadmin(void); /* CAP_SYS_ADMIN: frame numbers, kpagecount */
/* Why a ptrace-guarded read of a process owned by owner_uid was denied to
 * us, and what would show it. A sentence; never NULL. Both hints are in
 * English (msgids): _() them where a person reads them, not in JSON. */
const char *privilege_denied_hint(uid_t owner_uid);
/* The sentence for pagemap frame numbers and map counts. */
const char *privilege_frames_hint(void);

#endif
