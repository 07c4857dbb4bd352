/*
 * The peers of unix sockets (sock_diag). First the pure parser on a reply
 * captured from a real kernel, tests/fixtures/probe/unixdiag-dump.bin: a
 * dump of a fresh network namespace holding
 *   7863240        a socketpair end whose other end (7863241) was closed
 *   7863248/7863249 a socketpair
 *   7863242        a listener bound to "/tmp/forkscope fixture.sock"
 *   7863243        its client, 7863244 the accepted socket
 *   7863245        a datagram socket bound to the abstract "\0fork\0scope"
 *   7863246        a datagram socket connected to it
 *   7863247        an unconnected seqpacket socket
 * and unixdiag-truncated.bin, its first 300 bytes (cut inside the sixth
 * message); then every truncation, hand-made malformed messages and seeded
 * mutations. Then the kernel itself: a subject's socketpair, a path socket
 * and its client, a closed peer, `inspect --json`, and a process whose
 * sock_diag is refused by a seccomp filter.
 */
#include <check.h>
#include <errno.h>
#include <json-c/json.h>
#include <linux/filter.h>
#include <linux/netlink.h>
#include <linux/seccomp.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <endian.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probe/fdtable.h"
#include "probe/unixdiag.h"
#include "print/inspect.h"
#include "subject.h"

#define PLAIN_FILE FIXTURES_DIR "/probe/stat-zombie.txt"
#define FIXTURE_PATH "/tmp/forkscope fixture.sock"

/* A fixture's bytes in a buffer of exactly their length. Owned. */
static unsigned char *fixture(const char *name, size_t *len)
{
	char path[1024];
	unsigned char *buf;
	FILE *f;
	long n;

	snprintf(path, sizeof path, "%s/probe/%s", FIXTURES_DIR, name);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "fixture %s missing", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n > 0 ? (size_t)n : 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static unsigned char *exact(const unsigned char *bytes, size_t len)
{
	unsigned char *p = malloc(len ? len : 1);

	ck_assert_ptr_nonnull(p);
	memcpy(p, bytes, len);
	return p;
}

static unsigned long peer_of(const UnixPeers *p, unsigned long inode)
{
	const UnixPeer *e = UnixPeers_find(p, inode);

	ck_assert_msg(e != NULL, "socket %lu not in the dump", inode);
	return e->peer_inode;
}

static const char *name_of(const UnixPeers *p, unsigned long inode)
{
	const UnixPeer *e = UnixPeers_find(p, inode);

	ck_assert_msg(e != NULL, "socket %lu not in the dump", inode);
	return UnixPeers_name(p, e);
}

/* ---- the parser ---- */

START_TEST(dump_fixture)
{
	UnixPeers p = { 0 };
	SockInfo s = { .inode = 7863243, .family = "unix", .proto = "stream", .state = "CONNECTED" };
	char desc[256];
	size_t len;
	unsigned char *buf = fixture("unixdiag-dump.bin", &len);

	ck_assert_int_eq(unixdiag_parse(&p, buf, len), 1);
	UnixPeers_sort(&p);
	ck_assert_uint_eq(p.n, 9);
	ck_assert_uint_eq(peer_of(&p, 7863248), 7863249);
	ck_assert_uint_eq(peer_of(&p, 7863249), 7863248);
	ck_assert_uint_eq(peer_of(&p, 7863243), 7863244);
	ck_assert_uint_eq(peer_of(&p, 7863244), 7863243);
	ck_assert_uint_eq(peer_of(&p, 7863246), 7863245);
	ck_assert_uint_eq(peer_of(&p, 7863242), 0); /* a listener */
	ck_assert_uint_eq(peer_of(&p, 7863245), 0); /* bound, not connected */
	ck_assert_uint_eq(peer_of(&p, 7863247), 0);
	ck_assert_uint_eq(peer_of(&p, 7863240), 0); /* its peer closed */
	ck_assert_ptr_null(UnixPeers_find(&p, 7863241));
	ck_assert_str_eq(name_of(&p, 7863242), FIXTURE_PATH);
	ck_assert_str_eq(name_of(&p, 7863244), FIXTURE_PATH); /* accepted: the listener's name */
	ck_assert_str_eq(name_of(&p, 7863243), "");
	ck_assert_str_eq(name_of(&p, 7863245), "@fork@scope");

	/* joined to what /proc/net/unix said */
	SockInfo_add_unix_peer(&s, &p);
	ck_assert_uint_eq(s.peer_inode, 7863244);
	ck_assert_str_eq(s.peer, FIXTURE_PATH);
	SockInfo_describe(&s, desc, sizeof desc);
	ck_assert_str_eq(desc, "unix stream -> " FIXTURE_PATH " socket:[7863244] CONNECTED");
	s.inode = 7863244;
	snprintf(s.path, sizeof s.path, "/tmp/forkscope"); /* /proc/net/unix cuts at the blank */
	SockInfo_add_unix_peer(&s, &p);
	ck_assert_str_eq(s.path, FIXTURE_PATH);
	ck_assert_str_eq(s.peer, ""); /* the client is not bound */
	SockInfo_describe(&s, desc, sizeof desc);
	ck_assert_str_eq(desc, "unix stream " FIXTURE_PATH " -> socket:[7863243] CONNECTED");
	s.inode = 7863240;
	SockInfo_add_unix_peer(&s, &p);
	SockInfo_describe(&s, desc, sizeof desc);
	ck_assert_str_eq(desc, "unix stream " FIXTURE_PATH " CONNECTED"); /* no "->" */
	s = (SockInfo){ .inode = 99, .family = "unix", .proto = "dgram", .path = "/x" };
	SockInfo_add_unix_peer(&s, &p); /* not in the dump: left as it was */
	ck_assert_uint_eq(s.peer_inode, 0);
	ck_assert_str_eq(s.path, "/x");
	UnixPeers_done(&p);
	free(buf);
}
END_TEST

START_TEST(truncated_fixture)
{
	UnixPeers p = { 0 };
	size_t len;
	unsigned char *buf = fixture("unixdiag-truncated.bin", &len);

	errno = 0;
	ck_assert_int_eq(unixdiag_parse(&p, buf, len), -1);
	ck_assert_int_eq(errno, EBADMSG);
	ck_assert_uint_eq(p.n, 5); /* the five whole messages are kept */
	UnixPeers_sort(&p);
	ck_assert_uint_eq(peer_of(&p, 7863243), 7863244);
	ck_assert_ptr_null(UnixPeers_find(&p, 7863242)); /* the cut one */
	UnixPeers_done(&p);
	free(buf);
}
END_TEST

/* Every cut: the end only with the whole reply, never more sockets than it
 * holds; a cut between two messages (the empty one, and after each of the
 * nine sockets) asks for more, any other is malformed. */
START_TEST(every_truncation)
{
	size_t len, cut, between = 0;
	unsigned char *buf = fixture("unixdiag-dump.bin", &len);

	for (cut = 0; cut <= len; cut++) {
		unsigned char *m = exact(buf, cut);
		UnixPeers p = { 0 };
		int r;

		errno = 0;
		r = unixdiag_parse(&p, m, cut);
		ck_assert_int_eq(r == 1, cut == len);
		ck_assert(r != -1 || errno == EBADMSG);
		ck_assert_uint_le(p.n, 9);
		between += r == 0;
		UnixPeers_done(&p);
		free(m);
	}
	ck_assert_uint_eq(between, 10);
	free(buf);
}
END_TEST

/* A reply built by hand, one message at a time. */
typedef struct Reply {
	unsigned char bytes[1024];
	size_t len, msg_at;
} Reply;

static void put(Reply *r, const void *data, size_t len)
{
	ck_assert_uint_le(r->len + len, sizeof r->bytes);
	memcpy(r->bytes + r->len, data, len);
	r->len += len;
}

static void msg_begin(Reply *r, uint16_t type)
{
	struct nlmsghdr h = { .nlmsg_type = type };

	r->msg_at = r->len;
	put(r, &h, sizeof h);
}

static void msg_end(Reply *r)
{
	uint32_t len = (uint32_t)(r->len - r->msg_at);

	memcpy(r->bytes + r->msg_at, &len, sizeof len);
	while (r->len % 4 != 0)
		put(r, "", 1);
}

static void sock_msg(Reply *r, uint8_t family, uint32_t inode)
{
	struct unix_diag_msg m = { .udiag_family = family, .udiag_type = SOCK_STREAM, .udiag_ino = inode };

	msg_begin(r, SOCK_DIAG_BY_FAMILY);
	put(r, &m, sizeof m);
}

static void attr(Reply *r, uint16_t type, const void *data, uint16_t len, uint16_t claimed)
{
	uint16_t h[2] = { claimed, type };

	put(r, h, sizeof h);
	put(r, data, len);
	while (r->len % 4 != 0)
		put(r, "", 1);
}

static void int_msg(Reply *r, uint16_t type, int value, size_t payload)
{
	msg_begin(r, type);
	put(r, &value, payload);
	msg_end(r);
}

static int parse(const Reply *r, UnixPeers *p)
{
	unsigned char *m = exact(r->bytes, r->len);
	int ret;

	memset(p, 0, sizeof *p);
	ret = unixdiag_parse(p, m, r->len);
	free(m);
	UnixPeers_sort(p);
	return ret;
}

START_TEST(malformed_messages)
{
	char long_name[200];
	uint32_t peer = 7, bad_len;
	UnixPeers p;
	Reply r;

	memset(long_name, 'n', sizeof long_name);
	long_name[0] = '/';

	/* no unix_diag in the kernel: the request is answered with ENOENT */
	memset(&r, 0, sizeof r);
	int_msg(&r, NLMSG_ERROR, -ENOENT, sizeof(int));
	ck_assert_int_eq(parse(&r, &p), -1);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_uint_eq(p.n, 0);
	UnixPeers_done(&p);

	/* an acknowledgement, then the end */
	memset(&r, 0, sizeof r);
	int_msg(&r, NLMSG_ERROR, 0, sizeof(int));
	int_msg(&r, NLMSG_DONE, 0, sizeof(int));
	ck_assert_int_eq(parse(&r, &p), 1);
	UnixPeers_done(&p);

	/* an error too short to carry its number; a dump that ended in error;
	 * a number that is no errno */
	memset(&r, 0, sizeof r);
	int_msg(&r, NLMSG_ERROR, -EPERM, 2);
	ck_assert_int_eq(parse(&r, &p), -1);
	ck_assert_int_eq(errno, EBADMSG);
	memset(&r, 0, sizeof r);
	int_msg(&r, NLMSG_DONE, -EINTR, sizeof(int));
	ck_assert_int_eq(parse(&r, &p), -1);
	ck_assert_int_eq(errno, EINTR);
	memset(&r, 0, sizeof r);
	int_msg(&r, NLMSG_ERROR, -2147483647 - 1, sizeof(int));
	ck_assert_int_eq(parse(&r, &p), -1);
	ck_assert_int_eq(errno, EPROTO);

	/* passed over: too short for a unix_diag_msg, another family, inode 0;
	 * kept without what follows: an attribute that overruns its message,
	 * one shorter than its header, a peer of two bytes; a name longer
	 * than sun_path is cut to it */
	memset(&r, 0, sizeof r);
	msg_begin(&r, SOCK_DIAG_BY_FAMILY);
	put(&r, "\x01\x01", 2);
	msg_end(&r);
	sock_msg(&r, AF_INET, 11);
	msg_end(&r);
	sock_msg(&r, AF_UNIX, 0);
	msg_end(&r);
	sock_msg(&r, AF_UNIX, 21);
	attr(&r, UNIX_DIAG_PEER, &peer, sizeof peer, 200);
	msg_end(&r);
	sock_msg(&r, AF_UNIX, 22);
	attr(&r, UNIX_DIAG_PEER, &peer, sizeof peer, 2);
	msg_end(&r);
	sock_msg(&r, AF_UNIX, 23);
	attr(&r, UNIX_DIAG_PEER, &peer, 2, 6);
	msg_end(&r);
	sock_msg(&r, AF_UNIX, 24);
	attr(&r, UNIX_DIAG_NAME, long_name, sizeof long_name, 4 + sizeof long_name);
	attr(&r, UNIX_DIAG_PEER | NLA_F_NESTED, &peer, sizeof peer, 8);
	msg_end(&r);
	ck_assert_int_eq(parse(&r, &p), 0); /* no end yet */
	ck_assert_uint_eq(p.n, 4);
	ck_assert_ptr_null(UnixPeers_find(&p, 11));
	ck_assert_uint_eq(peer_of(&p, 21), 0);
	ck_assert_uint_eq(peer_of(&p, 22), 0);
	ck_assert_uint_eq(peer_of(&p, 23), 0);
	ck_assert_uint_eq(peer_of(&p, 24), 7);
	ck_assert_uint_eq(strlen(name_of(&p, 24)), sizeof(((struct sockaddr_un *)0)->sun_path));
	UnixPeers_done(&p);

	/* a header that claims less than itself, or more than is there */
	memset(&r, 0, sizeof r);
	int_msg(&r, NLMSG_DONE, 0, sizeof(int));
	bad_len = 8;
	memcpy(r.bytes, &bad_len, sizeof bad_len);
	ck_assert_int_eq(parse(&r, &p), -1);
	ck_assert_int_eq(errno, EBADMSG);
	bad_len = 200;
	memcpy(r.bytes, &bad_len, sizeof bad_len);
	ck_assert_int_eq(parse(&r, &p), -1);
	ck_assert_int_eq(errno, EBADMSG);
	r.len = 0;
	ck_assert_int_eq(parse(&r, &p), 0); /* nothing yet */
}
END_TEST

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Seeded mutations of the reply: whatever comes back is bounded and every
 * socket found can be looked up and described. */
START_TEST(mutations)
{
	size_t len, i;
	unsigned char *buf = fixture("unixdiag-dump.bin", &len);

	for (i = 0; i < 3000; i++) {
		unsigned char *m = exact(buf, len);
		size_t k, edits = 1 + rng() % 6, mlen = len;
		UnixPeers p = { 0 };

		for (k = 0; k < edits && mlen > 0; k++) {
			size_t at = rng() % mlen;
			switch (rng() % 3) {
			case 0: m[at] = (unsigned char)rng(); break;
			case 1: mlen = at; break;
			default: m[at] = m[at] ? 0 : 0xff; break;
			}
		}
		(void)unixdiag_parse(&p, m, mlen);
		UnixPeers_sort(&p);
		ck_assert_uint_le(p.n, 9);
		for (k = 0; k < p.n; k++) {
			SockInfo s = { .inode = p.v[k].inode, .family = "unix", .proto = "stream" };
			char desc[512];

			ck_assert_uint_eq(UnixPeers_find(&p, p.v[k].inode)->inode, p.v[k].inode);
			ck_assert_uint_le(strlen(UnixPeers_name(&p, &p.v[k])), 108);
			SockInfo_add_unix_peer(&s, &p);
			SockInfo_describe(&s, desc, sizeof desc);
			ck_assert_ptr_null(strchr(desc, '\n'));
		}
		UnixPeers_done(&p);
		free(m);
	}
	free(buf);
}
END_TEST

/* ---- the kernel ---- */

static unsigned long inode_of(int fd)
{
	struct stat st;

	ck_assert_int_eq(fstat(fd, &st), 0);
	return (unsigned long)st.st_ino;
}

/* Whether this kernel answers sock_diag for unix sockets at all (a
 * container may refuse it); the tests that need it say so and pass. */
static bool sock_diag_here(void)
{
	UnixPeers p;
	ReadState rs;

	UnixPeers_read(&p);
	rs = p.state;
	UnixPeers_done(&p);
	if (rs != READ_OK)
		fprintf(stderr, "sock_diag for AF_UNIX refused here (%s): peer tests not run\n",
			ReadState_name(rs));
	return rs == READ_OK;
}

static const FdEntry *fd_entry(const FdTable *t, int fd)
{
	const FdEntry *e = FdTable_find(t, fd);

	ck_assert_msg(e != NULL, "fd %d not in the table", fd);
	ck_assert_msg(e->has_sock, "fd %d: not found in /proc/PID/net/unix", fd);
	return e;
}

/* A subject's socketpair: each end's peer is the other end, by the inodes
 * the subject's own fstat gave. */
START_TEST(subject_socketpair)
{
	Subject s;
	FdTable t;
	const FdEntry *a, *b;
	char desc[256], want[64];

	if (!sock_diag_here())
		return;
	ck_assert_int_eq(Subject_start(&s, SUBJECT_FDS, 0, PLAIN_FILE), 0);
	FdTable_read(s.pid, &t);
	ck_assert_int_eq(t.state, READ_OK);
	a = fd_entry(&t, s.ready.fd_socket);
	b = fd_entry(&t, s.ready.fd_socket_peer);
	ck_assert_uint_eq(a->sock.inode, s.ready.socket_ino);
	ck_assert_uint_eq(b->sock.inode, s.ready.socket_peer_ino);
	ck_assert_uint_eq(a->sock.peer_inode, s.ready.socket_peer_ino);
	ck_assert_uint_eq(b->sock.peer_inode, s.ready.socket_ino);
	SockInfo_describe(&a->sock, desc, sizeof desc);
	snprintf(want, sizeof want, "unix stream -> socket:[%lu] CONNECTED", s.ready.socket_peer_ino);
	ck_assert_str_eq(desc, want);
	FdTable_done(&t);
	Subject_stop(&s);
}
END_TEST

/* A listener on a path with a blank in it, a client and the accepted
 * socket, and a socketpair end whose other end is closed. */
START_TEST(path_peer_and_closed_peer)
{
	char dir[] = "/tmp/forkscope-unixdiag-XXXXXX";
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int l, c, a, pair[2];
	const FdEntry *e;
	FdTable t;

	if (!sock_diag_here())
		return;
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(addr.sun_path, sizeof addr.sun_path, "%s/a b.sock", dir);
	l = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	c = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ck_assert_int_eq(bind(l, (struct sockaddr *)&addr, sizeof addr), 0);
	ck_assert_int_eq(listen(l, 1), 0);
	ck_assert_int_eq(connect(c, (struct sockaddr *)&addr, sizeof addr), 0);
	a = accept4(l, NULL, NULL, SOCK_CLOEXEC);
	ck_assert_int_ge(a, 0);
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), 0);
	close(pair[1]);

	FdTable_read(getpid(), &t);
	ck_assert_int_eq(t.state, READ_OK);
	e = fd_entry(&t, c);
	ck_assert_uint_eq(e->sock.peer_inode, inode_of(a));
	ck_assert_str_eq(e->sock.peer, addr.sun_path);
	ck_assert_str_eq(e->sock.path, "");
	e = fd_entry(&t, a);
	ck_assert_uint_eq(e->sock.peer_inode, inode_of(c));
	ck_assert_str_eq(e->sock.path, addr.sun_path); /* whole, blank and all */
	ck_assert_str_eq(e->sock.peer, "");
	e = fd_entry(&t, l);
	ck_assert_uint_eq(e->sock.peer_inode, 0);
	ck_assert_str_eq(e->sock.state, "LISTEN");
	e = fd_entry(&t, pair[0]);
	ck_assert_uint_eq(e->sock.peer_inode, 0); /* the peer is closed: none */
	FdTable_done(&t);
	close(l);
	close(c);
	close(a);
	close(pair[0]);
	unlink(addr.sun_path);
	rmdir(dir);
}
END_TEST

static json_object *socket_json(json_object *root, int fd)
{
	json_object *items, *sock;

	ck_assert(json_object_object_get_ex(root, "fds", &items));
	ck_assert(json_object_object_get_ex(items, "items", &items));
	for (size_t i = 0; i < json_object_array_length(items); i++) {
		json_object *it = json_object_array_get_idx(items, i), *n;

		if (json_object_object_get_ex(it, "fd", &n) && json_object_get_int(n) == fd &&
		    json_object_object_get_ex(it, "socket", &sock))
			return sock;
	}
	ck_abort_msg("fd %d has no socket object", fd);
	return NULL;
}

/* `forkscope inspect --json PID`: "peer_inode" on both ends. */
START_TEST(inspect_json_peer_inode)
{
	Subject s;
	json_object *root, *v;
	char *text = NULL;
	size_t len = 0;
	FILE *out;

	if (!sock_diag_here())
		return;
	ck_assert_int_eq(Subject_start(&s, SUBJECT_FDS, 0, PLAIN_FILE), 0);
	out = open_memstream(&text, &len);
	ck_assert_ptr_nonnull(out);
	ck_assert_int_eq(inspect_print(out, s.pid, true, false), 0);
	fclose(out);
	root = json_tokener_parse(text);
	ck_assert_ptr_nonnull(root);
	ck_assert(json_object_object_get_ex(socket_json(root, s.ready.fd_socket), "peer_inode", &v));
	ck_assert_uint_eq((unsigned long)json_object_get_int64(v), s.ready.socket_peer_ino);
	ck_assert(json_object_object_get_ex(socket_json(root, s.ready.fd_socket_peer), "peer_inode", &v));
	ck_assert_uint_eq((unsigned long)json_object_get_int64(v), s.ready.socket_ino);
	json_object_put(root);
	free(text);
	Subject_stop(&s);
}
END_TEST

/* socket(AF_NETLINK, ...) fails with EACCES from here on; -1 when this
 * system takes no seccomp filter. */
static int refuse_netlink(void)
{
#if defined(__NR_socket)
	enum { ARG0 = offsetof(struct seccomp_data, args[0]) + (__BYTE_ORDER == __BIG_ENDIAN ? 4 : 0) };
	struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_socket, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_NETLINK, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EACCES),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = sizeof code / sizeof code[0], .filter = code };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) < 0)
		return -1;
	return 0;
#else
	return -1; /* socketcall: no socket syscall to filter */
#endif
}

/* sock_diag refused: the FD table reads as before, the peer is unknown.
 * The filter goes on a child of its own, which says how it went in its
 * exit status. */
START_TEST(refused_leaves_peer_unknown)
{
	int status;
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		int pair[2];
		UnixPeers p;
		FdTable t;
		const FdEntry *e;

		if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) < 0)
			_exit(2);
		if (refuse_netlink() < 0)
			_exit(77);
		UnixPeers_read(&p);
		if (p.state != READ_DENIED || p.n != 0)
			_exit(3);
		FdTable_read(getpid(), &t);
		if (t.state != READ_OK || (e = FdTable_find(&t, pair[0])) == NULL)
			_exit(4);
		if (!e->has_sock || strcmp(e->sock.state, "CONNECTED") != 0)
			_exit(5);
		if (e->sock.peer_inode != 0)
			_exit(6);
		_exit(0);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	if (WEXITSTATUS(status) == 77) {
		fprintf(stderr, "no seccomp filter here: refused sock_diag not tested\n");
		return;
	}
	ck_assert_msg(WEXITSTATUS(status) == 0, "child failed at step %d", WEXITSTATUS(status));
}
END_TEST

static Suite *unixdiag_suite(void)
{
	Suite *s = suite_create("probe-unixdiag");
	TCase *parser = tcase_create("parser"), *kernel = tcase_create("kernel");

	tcase_add_test(parser, dump_fixture);
	tcase_add_test(parser, truncated_fixture);
	tcase_add_test(parser, every_truncation);
	tcase_add_test(parser, malformed_messages);
	tcase_add_test(parser, mutations);
	suite_add_tcase(s, parser);
	tcase_add_test(kernel, subject_socketpair);
	tcase_add_test(kernel, path_peer_and_closed_peer);
	tcase_add_test(kernel, inspect_json_peer_inode);
	tcase_add_test(kernel, refused_leaves_peer_unknown);
	suite_add_tcase(s, kernel);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(unixdiag_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
