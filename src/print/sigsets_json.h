/* A process's signal sets in JSON: one shape for batch and inspect. */
#ifndef FORKSCOPE_PRINT_SIGSETS_JSON_H
#define FORKSCOPE_PRINT_SIGSETS_JSON_H

#include <json-c/json.h>

#include "probe/sigset.h"

/* Adds "blocked", "ignored", "caught", "pending_thread" and
 * "pending_shared" to o, each {"mask": "0x...", "names": ["SIGUSR1", ...]}. */
void sigsets_json_add(json_object *o, const SigSets *sig);

#endif
