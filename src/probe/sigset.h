/*
 * Signal sets as the kernel shows them in /proc/PID/status (SigBlk, SigIgn,
 * SigCgt, SigPnd, ShdPnd): 64-bit masks, bit (n-1) for signal n. Names for
 * every signal, real-time ones as SIGRTMIN+n (glibc reserves 32 and 33, so
 * SIGRTMIN is 34 for programs; the kernel's own numbering is what we show).
 */
#ifndef FORKSCOPE_PROBE_SIGSET_H
#define FORKSCOPE_PROBE_SIGSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "probe/readstate.h"

typedef struct SigSets {
	ReadState state;
	uint64_t blocked, ignored, caught;
	uint64_t pending_thread, pending_shared;
} SigSets;

static inline bool sigmask_has(uint64_t mask, int signo)
{
	return signo >= 1 && signo <= 64 && (mask >> (signo - 1)) & 1u;
}

/* "SIGINT", "SIGRTMIN+3", "SIG33" for the two glibc reserves; never NULL. */
const char *signal_name(int signo);
/* Parses 16 hex digits (with or without 0x). Returns -1 on anything else. */
int sigmask_parse_hex(const char *text, size_t len, uint64_t *mask);
/* Writes "SIGINT,SIGQUIT" (or "-" for the empty set) into buf; returns length. */
size_t sigmask_format(uint64_t mask, char *buf, size_t buflen);

#endif
