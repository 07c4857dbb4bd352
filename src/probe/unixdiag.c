/*
 * The sock_diag dump of unix sockets (see unixdiag.h). A reply is a run of
 * netlink messages, each a header, a unix_diag_msg and attributes; headers
 * are copied out before they are read, so the bytes may sit at any
 * alignment, and no length is believed before it is checked against what
 * is left of the buffer.
 */
#include "probe/unixdiag.h"

#include <errno.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "base/xalloc.h"

/* The kernel sizes a dump's datagrams to the reader's buffer, up to 32 KiB. */
enum { RECV_MAX = 32768, NAME_MAX_BYTES = sizeof(((struct sockaddr_un *)0)->sun_path) };

/* An attribute header, as struct nlattr (and rtattr) lay it out. */
typedef struct AttrHeader {
	uint16_t len;  /* header included */
	uint16_t type; /* the top two bits are flags */
} AttrHeader;

static UnixPeer *add(UnixPeers *p)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 256;
		p->v = xreallocarray(p->v, p->cap, sizeof *p->v);
	}
	memset(&p->v[p->n], 0, sizeof p->v[p->n]);
	return &p->v[p->n++];
}

static void names_put(UnixPeers *p, const char *bytes, size_t len)
{
	if (p->names_len + len > p->names_cap) {
		while (p->names_len + len > p->names_cap)
			p->names_cap = p->names_cap ? p->names_cap * 2 : 4096;
		p->names = xrealloc(p->names, p->names_cap);
	}
	memcpy(p->names + p->names_len, bytes, len);
	p->names_len += len;
}

/* sun_path as the kernel gives it: a path up to its NUL, or a NUL and an
 * abstract name of exactly the bytes given. */
static void set_name(UnixPeers *p, UnixPeer *e, const unsigned char *name, size_t len)
{
	char text[NAME_MAX_BYTES + 1];
	size_t n = 0;

	if (len == 0)
		return;
	if (len > NAME_MAX_BYTES)
		len = NAME_MAX_BYTES;
	if (name[0] == '\0') {
		for (n = 0; n < len; n++)
			text[n] = name[n] == '\0' ? '@' : (char)name[n];
	} else {
		n = strnlen((const char *)name, len);
		memcpy(text, name, n);
	}
	text[n] = '\0';
	if (p->names_len == 0)
		names_put(p, "", 1); /* offset 0: the unbound sockets' "" */
	e->name_at = p->names_len;
	names_put(p, text, n + 1);
}

/* One SOCK_DIAG_BY_FAMILY message's payload: a unix_diag_msg, then
 * attributes. A payload too short for the struct is passed over; an
 * attribute that overruns the payload ends its attributes. */
static void add_socket(UnixPeers *p, const unsigned char *msg, size_t len)
{
	struct unix_diag_msg m;
	size_t at = NLMSG_ALIGN(sizeof m);
	UnixPeer *e;

	if (len < sizeof m)
		return;
	memcpy(&m, msg, sizeof m);
	if (m.udiag_family != AF_UNIX || m.udiag_ino == 0)
		return;
	e = add(p);
	e->inode = m.udiag_ino;
	while (at + sizeof(AttrHeader) <= len) {
		AttrHeader a;
		const unsigned char *data = msg + at + sizeof a;
		size_t data_len;

		memcpy(&a, msg + at, sizeof a);
		if (a.len < sizeof a || a.len > len - at)
			break;
		data_len = a.len - sizeof a;
		switch (a.type & NLA_TYPE_MASK) {
		case UNIX_DIAG_PEER:
			if (data_len >= sizeof(uint32_t)) {
				uint32_t peer;
				memcpy(&peer, data, sizeof peer);
				e->peer_inode = peer;
			}
			break;
		case UNIX_DIAG_NAME:
			set_name(p, e, data, data_len);
			break;
		}
		at += NLA_ALIGN(a.len);
	}
}

/* The int an NLMSG_ERROR or NLMSG_DONE carries: 0 or a negative errno
 * (anything else is taken for EPROTO). Returns 0 or a positive errno. */
static int carried_error(const unsigned char *payload, size_t len)
{
	int err;

	if (len < sizeof err)
		return 0;
	memcpy(&err, payload, sizeof err);
	if (err == 0)
		return 0;
	return err < 0 && err > -4096 ? -err : EPROTO;
}

int unixdiag_parse(UnixPeers *p, const void *buf, size_t len)
{
	const unsigned char *bytes = buf;
	size_t at = 0;

	while (at < len) {
		struct nlmsghdr h;
		const unsigned char *payload;
		size_t payload_len;
		int err;

		if (len - at < NLMSG_HDRLEN) {
			errno = EBADMSG;
			return -1;
		}
		memcpy(&h, bytes + at, sizeof h);
		if (h.nlmsg_len < NLMSG_HDRLEN || h.nlmsg_len > len - at) {
			errno = EBADMSG;
			return -1;
		}
		payload = bytes + at + NLMSG_HDRLEN;
		payload_len = h.nlmsg_len - NLMSG_HDRLEN;
		switch (h.nlmsg_type) {
		case NLMSG_DONE: /* it carries the dump's error, 0 when whole */
			if ((err = carried_error(payload, payload_len)) != 0) {
				errno = err;
				return -1;
			}
			return 1;
		case NLMSG_ERROR: /* a refusal: no unix_diag, no permission */
			if (payload_len < sizeof err) {
				errno = EBADMSG;
				return -1;
			}
			if ((err = carried_error(payload, payload_len)) == 0)
				break; /* an acknowledgement */
			errno = err;
			return -1;
		case SOCK_DIAG_BY_FAMILY:
			add_socket(p, payload, payload_len);
			break;
		}
		/* the last message of a buffer may go without its padding */
		at += NLMSG_ALIGN(h.nlmsg_len) < len - at ? NLMSG_ALIGN(h.nlmsg_len) : len - at;
	}
	return 0;
}

static int inode_cmp(const void *a, const void *b)
{
	unsigned long x = ((const UnixPeer *)a)->inode, y = ((const UnixPeer *)b)->inode;

	return x < y ? -1 : x > y;
}

void UnixPeers_sort(UnixPeers *p)
{
	if (p->n > 1)
		qsort(p->v, p->n, sizeof *p->v, inode_cmp);
}

/* sock_diag's refusal as a read state: ENOENT (no unix_diag module) is no
 * READ_GONE, the process did not exit. */
static ReadState refusal(int err)
{
	return err == EACCES || err == EPERM ? READ_DENIED : READ_ERROR;
}

/* Sends the dump request and reads the reply into p; 0 or an errno. */
static int dump(int fd, UnixPeers *p)
{
	struct {
		struct nlmsghdr h;
		struct unix_diag_req req;
	} ask = {
		.h = { .nlmsg_len = sizeof ask, .nlmsg_type = SOCK_DIAG_BY_FAMILY,
		       .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP, .nlmsg_seq = 1 },
		.req = { .sdiag_family = AF_UNIX, .udiag_states = ~0u,
			 .udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER },
	};
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	unsigned char *buf;
	int r = 0, err = 0;

	if (sendto(fd, &ask, sizeof ask, 0, (struct sockaddr *)&kernel, sizeof kernel) < 0)
		return errno;
	buf = xmalloc(RECV_MAX);
	while (r == 0) {
		struct sockaddr_nl from;
		struct iovec iov = { buf, RECV_MAX };
		struct msghdr mh = { .msg_name = &from, .msg_namelen = sizeof from,
				     .msg_iov = &iov, .msg_iovlen = 1 };
		ssize_t n = recvmsg(fd, &mh, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = n < 0 ? errno : EPROTO;
			break;
		}
		if (mh.msg_flags & MSG_TRUNC) {
			err = EMSGSIZE;
			break;
		}
		if (from.nl_pid != 0)
			continue; /* not the kernel's */
		if ((r = unixdiag_parse(p, buf, (size_t)n)) < 0)
			err = errno;
	}
	free(buf);
	return err;
}

void UnixPeers_read(UnixPeers *p)
{
	/* the kernel answers at once; the limit only keeps a wedged reply
	 * from hanging the screen */
	struct timeval limit = { .tv_sec = 1 };
	int fd, err;

	memset(p, 0, sizeof *p);
	fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	if (fd < 0) {
		p->state = refusal(errno);
		return;
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
	err = dump(fd, p);
	close(fd);
	UnixPeers_sort(p);
	p->state = err == 0 ? READ_OK : refusal(err);
}

void UnixPeers_done(UnixPeers *p)
{
	free(p->v);
	free(p->names);
	memset(p, 0, sizeof *p);
}

const UnixPeer *UnixPeers_find(const UnixPeers *p, unsigned long inode)
{
	size_t lo = 0, hi = p->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->v[mid].inode == inode)
			return &p->v[mid];
		if (p->v[mid].inode < inode)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *UnixPeers_name(const UnixPeers *p, const UnixPeer *e)
{
	return p->names != NULL && e->name_at < p->names_len ? p->names + e->name_at : "";
}
