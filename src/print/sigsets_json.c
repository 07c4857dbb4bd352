/* Signal sets in JSON: see sigsets_json.h. */
#include "print/sigsets_json.h"

#include <inttypes.h>
#include <stdio.h>

/* {"mask": "0x...", "names": ["SIGUSR1", ...]} */
static json_object *sigset_json(uint64_t mask)
{
	json_object *o = json_object_new_object(), *names = json_object_new_array();
	char hex[24];

	snprintf(hex, sizeof hex, "0x%" PRIx64, mask);
	json_object_object_add(o, "mask", json_object_new_string(hex));
	for (int sig = 1; sig <= SIGNAL_MAX; sig++)
		if (sigmask_has(mask, sig))
			json_object_array_add(names, json_object_new_string(signal_name(sig)));
	json_object_object_add(o, "names", names);
	return o;
}

void sigsets_json_add(json_object *o, const SigSets *sig)
{
	json_object_object_add(o, "blocked", sigset_json(sig->blocked));
	json_object_object_add(o, "ignored", sigset_json(sig->ignored));
	json_object_object_add(o, "caught", sigset_json(sig->caught));
	json_object_object_add(o, "pending_thread", sigset_json(sig->pending_thread));
	json_object_object_add(o, "pending_shared", sigset_json(sig->pending_shared));
}
