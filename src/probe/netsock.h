/*
 * Sockets as lsof describes them: what /proc/PID/net/{tcp,tcp6,udp,udp6,
 * raw,raw6,unix,netlink,packet} say of each socket of the process's network
 * namespace, found by inode (an FD's link is "socket:[INODE]"): the family,
 * the type or protocol, the local and peer address and the state, a unix
 * socket's path. The parsers are pure functions over a file's text; a line
 * they cannot read is passed over.
 *
 * A unix socket's peer is in none of these files: sock_diag gives it
 * (unixdiag.h), and SockInfo_add_unix_peer joins the two by inode.
 */
#ifndef FORKSCOPE_PROBE_NETSOCK_H
#define FORKSCOPE_PROBE_NETSOCK_H

#include <stddef.h>
#include <sys/types.h>

#include "probe/readstate.h"
#include "probe/unixdiag.h"

typedef struct SockInfo {
	unsigned long inode;
	char family[8];       /* "inet", "inet6", "unix", "netlink", "packet" */
	char proto[12];       /* "tcp", "udp", "raw"; unix: "stream", "dgram", "seqpacket" */
	char local[64];       /* "127.0.0.1:5432", "[::1]:53"; "" when not bound */
	char peer[108];       /* the remote end, "" when none or unknown; unix: the
	                       * peer's bound path, as path */
	char state[16];       /* "LISTEN", "ESTABLISHED", ...; "" when the protocol has none */
	char path[108];       /* unix: the bound path ("@name" for the abstract space) */
	unsigned long peer_inode; /* unix: the other end's socket inode; 0 when it
	                       * has none or sock_diag did not say */
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
/* What the dump says of a unix socket: its peer's inode and bound path,
 * and its own path with every byte (/proc/net/unix cuts one at a blank).
 * Leaves s as it is when the dump did not list it. */
void SockInfo_add_unix_peer(SockInfo *s, const UnixPeers *peers);
/* "tcp 127.0.0.1:5432 -> 10.0.0.2:40000 ESTABLISHED", "unix stream /run/x.sock",
 * "unix stream -> socket:[4711] CONNECTED" (the peer as its FD's link names
 * it), "unix stream -> /run/x.sock socket:[4711] CONNECTED". Paths are
 * text_escape'd: the description is one line. */
void SockInfo_describe(const SockInfo *s, char *buf, size_t len);

#endif
