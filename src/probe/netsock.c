/*
 * /proc/PID/net's socket tables (see netsock.h). Each line is split at
 * blanks; the kernel prints addresses as the hexadecimal of the words it
 * holds in network order, so a word read back in this host's order is the
 * address as inet_ntop wants it.
 */
#include "probe/netsock.h"

#include <arpa/inet.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "probe/procfs.h"
#include "probe/textscan.h"

enum { MAX_FIELDS = 24, NET_FILE_MAX = 4 << 20 };

static SockInfo *add(SockTable *t)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->v = xreallocarray(t->v, t->cap, sizeof *t->v);
	}
	memset(&t->v[t->n], 0, sizeof t->v[t->n]);
	return &t->v[t->n++];
}

/* Splits one line (copied into buf) at blanks; returns the field count. */
static int split(const char *line, size_t len, char *buf, size_t buflen, char *fields[MAX_FIELDS])
{
	int n = 0;
	char *save = NULL, *w;

	if (len >= buflen)
		len = buflen - 1;
	memcpy(buf, line, len);
	buf[len] = '\0';
	for (w = strtok_r(buf, " \t", &save); w != NULL && n < MAX_FIELDS; w = strtok_r(NULL, " \t", &save))
		fields[n++] = w;
	return n;
}

/* The next line of text from *at, split into f; -1 once the text is done. */
static int next_fields(const char *text, size_t len, size_t *at, char *buf, size_t buflen,
		       char *f[MAX_FIELDS])
{
	const char *nl;
	size_t n;

	if (*at >= len)
		return -1;
	nl = memchr(text + *at, '\n', len - *at);
	n = nl != NULL ? (size_t)(nl - (text + *at)) : len - *at;
	*at += n + 1;
	return split(text + *at - n - 1, n, buf, buflen, f);
}

static bool hex_word(const char *s, size_t n, uint32_t *out)
{
	char tmp[9], *end;

	if (n == 0 || n > 8)
		return false;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	*out = (uint32_t)strtoul(tmp, &end, 16);
	return *end == '\0';
}

/* "0100007F:1538" or 32 hex digits and a port: "127.0.0.1:5432", "[::1]:53". */
static bool inet_address(const char *field, bool v6, char *out, size_t outlen)
{
	const char *colon = strchr(field, ':');
	unsigned char addr[16];
	char text[INET6_ADDRSTRLEN];
	uint32_t port, word;
	size_t hexlen = v6 ? 32 : 8;

	if (colon == NULL || (size_t)(colon - field) != hexlen || !hex_word(colon + 1, strlen(colon + 1), &port))
		return false;
	for (size_t i = 0; i < hexlen / 8; i++) {
		if (!hex_word(field + i * 8, 8, &word))
			return false;
		memcpy(addr + i * 4, &word, 4);
	}
	if (inet_ntop(v6 ? AF_INET6 : AF_INET, addr, text, sizeof text) == NULL)
		return false;
	snprintf(out, outlen, v6 ? "[%s]:%u" : "%s:%u", text, (unsigned)port);
	return true;
}

static bool all_zero(const char *hex)
{
	for (; *hex != '\0' && *hex != ':'; hex++)
		if (*hex != '0')
			return false;
	return true;
}

static const char *tcp_state(unsigned st)
{
	static const char *const names[] = {
		[1] = "ESTABLISHED", [2] = "SYN_SENT", [3] = "SYN_RECV", [4] = "FIN_WAIT1",
		[5] = "FIN_WAIT2", [6] = "TIME_WAIT", [7] = "CLOSE", [8] = "CLOSE_WAIT",
		[9] = "LAST_ACK", [10] = "LISTEN", [11] = "CLOSING",
	};
	return st < sizeof names / sizeof names[0] && names[st] != NULL ? names[st] : "";
}

void netsock_parse_inet(SockTable *t, const char *text, size_t len, const char *family,
			const char *proto)
{
	bool v6 = strcmp(family, "inet6") == 0, tcp = strcmp(proto, "tcp") == 0;
	size_t at = 0;

	char buf[512], *f[MAX_FIELDS], *end;
	int nf;

	while ((nf = next_fields(text, len, &at, buf, sizeof buf, f)) >= 0) {
		unsigned long inode;
		uint32_t st;
		SockInfo s = { 0 };

		if (nf < 10 || strchr(f[0], ':') == NULL || strcmp(f[0], "sl") == 0)
			continue; /* the header, or not a socket's line */
		inode = strtoul(f[9], &end, 10);
		if (*end != '\0' || inode == 0 || !hex_word(f[3], strlen(f[3]), &st))
			continue;
		if (!inet_address(f[1], v6, s.local, sizeof s.local))
			continue;
		if (!all_zero(f[2]) && !inet_address(f[2], v6, s.peer, sizeof s.peer))
			continue;
		s.inode = inode;
		snprintf(s.family, sizeof s.family, "%s", family);
		snprintf(s.proto, sizeof s.proto, "%s", proto);
		/* udp and raw have no connection states: connected or not */
		snprintf(s.state, sizeof s.state, "%s",
			 tcp ? tcp_state(st) : st == 1 ? "CONNECTED" : "");
		*add(t) = s;
	}
}

void netsock_parse_unix(SockTable *t, const char *text, size_t len)
{
	size_t at = 0;

	char buf[512], *f[MAX_FIELDS], *end;
	int nf;

	while ((nf = next_fields(text, len, &at, buf, sizeof buf, f)) >= 0) {
		unsigned long inode, flags, type, st;
		SockInfo s = { 0 };

		if (nf < 7 || strcmp(f[0], "Num") == 0)
			continue;
		inode = strtoul(f[6], &end, 10);
		if (*end != '\0' || inode == 0)
			continue;
		flags = strtoul(f[3], NULL, 16);
		type = strtoul(f[4], NULL, 16);
		st = strtoul(f[5], NULL, 16);
		s.inode = inode;
		snprintf(s.family, sizeof s.family, "unix");
		snprintf(s.proto, sizeof s.proto, "%s", type == 1 ? "stream" : type == 2 ? "dgram"
					     : type == 5 ? "seqpacket" : "?");
		/* __SO_ACCEPTCON: listening; SS_CONNECTED is 3 */
		snprintf(s.state, sizeof s.state, "%s", flags & 0x10000 ? "LISTEN"
					     : st == 3 ? "CONNECTED" : "");
		if (nf >= 8)
			snprintf(s.path, sizeof s.path, "%s", f[7]);
		*add(t) = s;
	}
}

void netsock_parse_inode_last(SockTable *t, const char *text, size_t len, const char *family,
			      int inode_column)
{
	size_t at = 0;

	char buf[512], *f[MAX_FIELDS], *end;
	int nf;

	while ((nf = next_fields(text, len, &at, buf, sizeof buf, f)) >= 0) {
		unsigned long inode;
		SockInfo *s;

		if (nf <= inode_column || strcmp(f[0], "sk") == 0)
			continue;
		inode = strtoul(f[inode_column], &end, 10);
		if (*end != '\0' || inode == 0)
			continue;
		s = add(t);
		s->inode = inode;
		snprintf(s->family, sizeof s->family, "%s", family);
	}
}

void SockTable_read(pid_t pid, SockTable *t)
{
	static const struct { const char *file, *family, *proto; } inet[] = {
		{ "net/tcp", "inet", "tcp" }, { "net/tcp6", "inet6", "tcp" },
		{ "net/udp", "inet", "udp" }, { "net/udp6", "inet6", "udp" },
		{ "net/raw", "inet", "raw" }, { "net/raw6", "inet6", "raw" },
	};
	FileText ft;
	ReadState rs;

	memset(t, 0, sizeof *t);
	for (size_t i = 0; i < sizeof inet / sizeof inet[0]; i++) {
		if (procfs_read(pid, inet[i].file, NET_FILE_MAX, &ft) != READ_OK)
			continue;
		netsock_parse_inet(t, ft.text, ft.len, inet[i].family, inet[i].proto);
		FileText_done(&ft);
	}
	if ((rs = procfs_read(pid, "net/unix", NET_FILE_MAX, &ft)) == READ_OK) {
		netsock_parse_unix(t, ft.text, ft.len);
		FileText_done(&ft);
	}
	if (procfs_read(pid, "net/netlink", NET_FILE_MAX, &ft) == READ_OK) {
		netsock_parse_inode_last(t, ft.text, ft.len, "netlink", 9);
		FileText_done(&ft);
	}
	if (procfs_read(pid, "net/packet", NET_FILE_MAX, &ft) == READ_OK) {
		netsock_parse_inode_last(t, ft.text, ft.len, "packet", 8);
		FileText_done(&ft);
	}
	t->state = rs == READ_OK || t->n > 0 ? READ_OK : rs;
}

void SockTable_done(SockTable *t)
{
	free(t->v);
	memset(t, 0, sizeof *t);
}

const SockInfo *SockTable_find(const SockTable *t, unsigned long inode)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].inode == inode)
			return &t->v[i];
	return NULL;
}

void SockInfo_add_unix_peer(SockInfo *s, const UnixPeers *peers)
{
	const UnixPeer *self = UnixPeers_find(peers, s->inode), *other;

	if (self == NULL)
		return;
	if (UnixPeers_name(peers, self)[0] != '\0')
		snprintf(s->path, sizeof s->path, "%s", UnixPeers_name(peers, self));
	s->peer_inode = self->peer_inode;
	s->peer[0] = '\0';
	if (self->peer_inode != 0 && (other = UnixPeers_find(peers, self->peer_inode)) != NULL)
		snprintf(s->peer, sizeof s->peer, "%s", UnixPeers_name(peers, other));
}

/* "unix stream /run/x.sock -> socket:[4711] CONNECTED" */
static void describe_unix(const SockInfo *s, char *buf, size_t len)
{
	char path[4 * sizeof s->path], peer[4 * sizeof s->peer], inode[32] = "";

	text_escape(s->path, path, sizeof path);
	text_escape(s->peer, peer, sizeof peer);
	if (s->peer_inode != 0)
		snprintf(inode, sizeof inode, "socket:[%lu]", s->peer_inode);
	snprintf(buf, len, "unix %s%s%s%s%s%s%s%s%s%s", s->proto,
		 path[0] ? " " : "", path,
		 peer[0] || inode[0] ? " ->" : "",
		 peer[0] ? " " : "", peer,
		 inode[0] ? " " : "", inode,
		 s->state[0] ? " " : "", s->state);
}

void SockInfo_describe(const SockInfo *s, char *buf, size_t len)
{
	const char *what = s->proto[0] != '\0' ? s->proto : s->family;

	if (strcmp(s->family, "unix") == 0)
		describe_unix(s, buf, len);
	else if (s->local[0] != '\0')
		snprintf(buf, len, "%s %s%s%s%s%s", what, s->local, s->peer[0] ? " -> " : "", s->peer,
			 s->state[0] ? " " : "", s->state);
	else
		snprintf(buf, len, "%s", what);
}
