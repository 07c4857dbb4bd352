/*
 * Sockets as lsof describes them: what /proc/PID/net/{tcp,tcp6,udp,udp6,
 * raw,raw6,unix,netlink,packet} say of each socket of the process's network
 * namespace, found by inode (an FD's link is "socket:[INODE]"): the family,
 * the type or protocol, the local and peer address and the state, a unix
 * socket's path. The parsers are pure functions over a file's text; a line
 * they cannot read is passed over.
 */
#ifndef FORKSCOPE_PROBE_NETSOCK_H
#define FORKSCOPE_PROBE_NETSOCK_H

#include <stddef.h>
#include <sys/types.h>

#include "probe/readstate.h"

typedef struct SockInfo {
	unsigned long inode;
	char family[8];       /* "inet", "inet6", "unix", "netlink", "packet" */
	char proto[12];       /* "tcp", "udp", "raw"; unix: "stream", "dgram", "seqpacket" */
	char local[64];       /* "127.0.0.1:5432", "[::1]:53"; "" when not bound */
	char peer[64];        /* the remote end, "" when none */
	char state[16];       /* "LISTEN", "ESTABLISHED", ...; "" when the protocol has none */
	char path[108];       /* unix: the bound path ("@name" for the abstract space) */
} SockInfo;

typedef struct SockTable {
	ReadState state;
	SockInfo *v;          /* owned */
	size_t n, cap;
} SockTable;

/* Pure parsers: they append the file's sockets to t. family is "inet" or
 * "inet6", proto "tcp", "udp" or "raw" (the file's name says which). */
void netsock_parse_inet(SockTable *t, const char *text, size_t len, const char *family,
			const char *proto);
void netsock_parse_unix(SockTable *t, const char *text, size_t len);
/* netlink and packet: only the family is known (and the inode). */
void netsock_parse_inode_last(SockTable *t, const char *text, size_t len, const char *family,
			      int inode_column);

/* Reads every table of pid's network namespace. */
void SockTable_read(pid_t pid, SockTable *t);
void SockTable_done(SockTable *t);
const SockInfo *SockTable_find(const SockTable *t, unsigned long inode);
/* "tcp 127.0.0.1:5432 -> 10.0.0.2:40000 ESTABLISHED", "unix stream /run/x.sock". */
void SockInfo_describe(const SockInfo *s, char *buf, size_t len);

#endif
