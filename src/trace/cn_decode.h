/*
 * Decoding the proc connector's datagrams into Events: a pure function over
 * bytes (any bytes: the tests feed it truncated and malformed ones), and
 * the per-CPU sequence check that counts lost messages exactly.
 *
 * The kernel numbers the proc events it sends with a counter per CPU and
 * names the CPU in each event, so a gap between two numbers of one CPU is
 * the number of events this socket did not get.
 */
#ifndef FORKSCOPE_TRACE_CN_DECODE_H
#define FORKSCOPE_TRACE_CN_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include "trace/event_queue.h"

typedef struct CnSequence {
	uint32_t *next;      /* owned: per CPU, the number expected next */
	uint8_t *seen;       /* owned: per CPU, has a number been seen */
	size_t ncpus;        /* entries of both */
} CnSequence;

void CnSequence_init(CnSequence *seq);
void CnSequence_done(CnSequence *seq);

typedef struct CnDecoded {
	size_t events;       /* events appended */
	unsigned long lost;  /* messages missing by the sequence numbers */
	int ack_err;         /* the answer to PROC_CN_MCAST_LISTEN: errno, or -1 if none came */
} CnDecoded;

/* Decodes one datagram (one or more netlink messages), appending Events to
 * out, EV_LOST ones included where the sequence shows a gap. */
CnDecoded cn_decode(const void *buf, size_t len, CnSequence *seq, EventQueue *out);

#endif
