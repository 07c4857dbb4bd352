/*
 * Signal sets as the kernel shows them in /proc/PID/status (SigBlk, SigIgn,
 * SigCgt, SigPnd, ShdPnd): 64-bit masks, bit (n-1) for signal n. Numbers are
 * always the kernel's (1..64). Names: the classic ones by name; the kernel's
 * real-time range starts at 32, but glibc keeps 32 and 33 for itself (thread
 * cancellation and set*id broadcast) and its SIGRTMIN is 34, so 32 and 33
 * are shown as "SIG32" and "SIG33" and 34..64 as "SIGRTMIN" .. "SIGRTMIN+30"
 * counted from glibc's SIGRTMIN: the name a program built with glibc wrote
 * in its source (64 is SIGRTMAX).
 */
#ifndef FORKSCOPE_PROBE_SIGSET_H
#define FORKSCOPE_PROBE_SIGSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "probe/readstate.h"

/* The kernel's signals are 1..64 (_NSIG - 1 on Linux): one bit each in a
 * 64-bit set. */
#define SIGNAL_MAX 64

typedef struct SigSets {
	ReadState state;
	uint64_t blocked, ignored, caught;
	uint64_t pending_thread, pending_shared;
} SigSets;

static inline bool sigmask_has(uint64_t mask, int signo)
{
	return signo >= 1 && signo <= SIGNAL_MAX && (mask >> (signo - 1)) & 1u;
}

/* "SIGINT", "SIGRTMIN+3", "SIG33" for the two glibc reserves; never NULL. */
const char *signal_name(int signo);
/* Parses 16 hex digits (with or without 0x; surrounding blanks and a final
 * newline are allowed). Returns 0, or -1 on anything else. */
int sigmask_parse_hex(const char *text, size_t len, uint64_t *mask);
/* Writes "SIGINT,SIGQUIT" (or "-" for the empty set) into buf, always
 * NUL-terminated when buflen > 0. Returns the length the whole text needs,
 * as snprintf does; SIGMASK_TEXT_MAX always suffices. */
#define SIGMASK_TEXT_MAX 1024
size_t sigmask_format(uint64_t mask, char *buf, size_t buflen);

#endif
