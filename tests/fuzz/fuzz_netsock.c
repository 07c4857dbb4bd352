/* libFuzzer target: /proc/PID/net's socket tables, parsed and described. */
#include <stddef.h>
#include <stdint.h>

#include "probe/netsock.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	SockTable t = { 0 };
	char desc[512];

	netsock_parse_inet(&t, text, size, "inet", "tcp");
	netsock_parse_inet(&t, text, size, "inet6", "udp");
	netsock_parse_unix(&t, text, size);
	netsock_parse_inode_last(&t, text, size, "netlink", 9);
	for (size_t i = 0; i < t.n; i++)
		SockInfo_describe(&t.v[i], desc, sizeof desc);
	SockTable_done(&t);
	return 0;
}
