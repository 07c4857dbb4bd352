/*
 * The other end of each unix socket. /proc/net/unix gives a socket's path
 * and state but not its peer; the kernel's sock_diag netlink interface
 * does: one dump (SOCK_DIAG_BY_FAMILY for AF_UNIX, every state, with
 * UDIAG_SHOW_PEER | UDIAG_SHOW_NAME) lists every unix socket of the
 * caller's network namespace as its inode, its peer's inode (attribute
 * UNIX_DIAG_PEER) and its bound name (UNIX_DIAG_NAME). A reader of an FD
 * table asks once and looks each of its sockets up by inode.
 *
 * Socket inodes are unique in the whole system (one sockfs), so a socket of
 * another network namespace is not found rather than found wrong: its peer
 * is unknown. So is every peer when sock_diag is refused (no unix_diag
 * module, a seccomp filter, an LSM): the dump's state says why.
 *
 * The parser is a pure function over the bytes received from the kernel
 * (whole netlink messages, one datagram or several back to back).
 */
#ifndef FORKSCOPE_PROBE_UNIXDIAG_H
#define FORKSCOPE_PROBE_UNIXDIAG_H

#include <stddef.h>

#include "probe/readstate.h"

typedef struct UnixPeer {
	unsigned long inode;
	unsigned long peer_inode; /* 0: none (not connected, a listener, or the
	                           * peer is closed) */
	size_t name_at;           /* offset of its name in UnixPeers.names */
} UnixPeer;

typedef struct UnixPeers {
	ReadState state;
	UnixPeer *v;              /* owned; sorted by inode once read */
	size_t n, cap;
	char *names;              /* owned: NUL-terminated names back to back, "" at
	                           * offset 0 for every unbound socket; a name as
	                           * /proc/net/unix writes it ("@" + name for the
	                           * abstract space, each NUL in it an '@') */
	size_t names_len, names_cap;
} UnixPeers;

/* Pure: appends the sockets of the netlink messages in buf to p. Returns 1
 * once the dump's end (NLMSG_DONE) is read, 0 when more is to come, -1 on
 * an error message from the kernel (errno set to its error) or a message
 * that overruns buf (errno EBADMSG); what was read before is kept. */
int unixdiag_parse(UnixPeers *p, const void *buf, size_t len);
/* Sorts by inode for UnixPeers_find (UnixPeers_read does it). */
void UnixPeers_sort(UnixPeers *p);

/* One dump of the caller's network namespace over NETLINK_SOCK_DIAG. A
 * refusal leaves p empty with the state of the errno (READ_DENIED for
 * EACCES/EPERM, READ_ERROR otherwise). */
void UnixPeers_read(UnixPeers *p);
void UnixPeers_done(UnixPeers *p);
/* Borrowed from p; NULL when the dump did not list the inode. */
const UnixPeer *UnixPeers_find(const UnixPeers *p, unsigned long inode);
/* Its bound name, "" when unbound. Borrowed from p. */
const char *UnixPeers_name(const UnixPeers *p, const UnixPeer *e);

#endif
