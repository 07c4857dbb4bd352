/* libFuzzer target: a sock_diag reply of unix sockets, parsed, looked up
 * and joined into the description of each socket it names. */
#include <stddef.h>
#include <stdint.h>

#include "probe/netsock.h"
#include "probe/unixdiag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	UnixPeers peers = { 0 };
	char desc[512];

	(void)unixdiag_parse(&peers, data, size);
	UnixPeers_sort(&peers);
	for (size_t i = 0; i < peers.n; i++) {
		SockInfo s = { .inode = peers.v[i].inode, .family = "unix", .proto = "stream" };

		SockInfo_add_unix_peer(&s, &peers);
		SockInfo_describe(&s, desc, sizeof desc);
	}
	UnixPeers_done(&peers);
	return 0;
}
