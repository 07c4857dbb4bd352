/*
 * The proc connector: the kernel's multicast of every fork, exec, exit,
 * comm, id and session change on the machine (netlink NETLINK_CONNECTOR,
 * group CN_IDX_PROC, PROC_CN_MCAST_LISTEN). Before Linux 6.6 it needs
 * CAP_NET_ADMIN; it exists only in the initial network namespace. Where it
 * is refused, Connector_open says why and the caller polls /proc.
 *
 * Nothing is lost while the caller is busy: a reader thread drains the
 * socket into a queue as fast as the kernel fills it (with a 16 MiB
 * receive buffer where SO_RCVBUFFORCE is permitted), and Connector_fd is an
 * eventfd it signals. What is lost anyway (the socket overran, ENOBUFS) is
 * counted exactly from the kernel's per-CPU sequence numbers and reported
 * as EV_LOST events; Connector_take_rescan then says the caller's picture
 * of the process table must be refreshed from /proc. A loss is never fatal.
 *
 * The connector cannot tell fork from vfork or clone: creations are EV_FORK
 * (or EV_THREAD) with how = HOW_UNKNOWN. Exec events carry the program path
 * and comm read from /proc at once (empty if the process was already gone);
 * only forks and exits name a parent. Times are the kernel's own monotonic
 * stamps, in the same clock as clock_now_us().
 */
#ifndef FORKSCOPE_TRACE_CONNECTOR_H
#define FORKSCOPE_TRACE_CONNECTOR_H

#include <stdbool.h>
#include <stddef.h>

#include "trace/event.h"

typedef struct Connector Connector;

/* Listens; NULL with a message in err when the kernel refuses. */
Connector *Connector_open(char *err, size_t errlen);
void Connector_close(Connector *c);

int Connector_fd(const Connector *c);
/* Takes what the reader thread queued, waiting up to timeout_ms for
 * something (0: no wait, -1: until something comes). Returns the number of
 * events now ready to pop, -1 on error. */
int Connector_dispatch(Connector *c, int timeout_ms);
bool Connector_pop(Connector *c, Event *ev);

/* True once after events were lost: rescan /proc. */
bool Connector_take_rescan(Connector *c);
/* Events lost so far (sequence gaps and queue overflow). */
unsigned long Connector_lost(const Connector *c);
/* The socket's receive buffer, bytes (as asked for: SO_RCVBUF's doubling undone). */
int Connector_rcvbuf(const Connector *c);

#endif
