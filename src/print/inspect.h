/*
 * `forkscope inspect PID`: everything the probe reads about one process,
 * as readable text or as one JSON object (json-c). Both writers format the
 * same Inspect record; neither reads /proc itself. A part that could not be
 * read is printed as its state and the privilege that would show it, never
 * as zeros.
 */
#ifndef FORKSCOPE_PRINT_INSPECT_H
#define FORKSCOPE_PRINT_INSPECT_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "probe/detail.h"
#include "probe/pagemap.h"

/* Returns 0, or 1 with a message on stderr (no such process, ...). */
int inspect_print(FILE *out, pid_t pid, bool json, bool pretty);

/* Mappings larger than this are not counted page by page (reading the
 * pagemap of a huge sparse reservation would take long for nothing). */
#define INSPECT_PAGES_MAX_BYTES ((unsigned long)4 << 30)

/* The record both writers format. */
typedef struct InspectPages {
	ReadState state;   /* READ_NOT_ASKED: not counted (no pages, or too large) */
	PageCounts counts;
} InspectPages;

typedef struct Inspect {
	ProcDetail d;
	InspectPages *pages;   /* owned: one per mapping of d.maps */
	uid_t viewer_euid;     /* who reads */
	bool cap_ptrace, cap_sysadmin;
	long ticks_per_second;
} Inspect;

void Inspect_read(Inspect *in, pid_t pid);
void Inspect_done(Inspect *in);
/* The sentence for a part in state (with the privilege hint for denied), in
 * English as JSON has it; the text translates it. */
const char *Inspect_reason(const Inspect *in, ReadState state);

void inspect_write_text(FILE *out, const Inspect *in);
/* Returns 0, or -1 when the JSON could not be built. */
int inspect_write_json(FILE *out, const Inspect *in, bool pretty);

/* An FD's open flags as a JSON array of names: ["CLOEXEC", "PATH",
 * "LARGEFILE"] (batch state uses it too). */
json_object *fd_flags_json(unsigned flags);
/* A socket as the network tables describe it: family, type, local, peer,
 * state, path (those that are known). */
json_object *sock_json(const SockInfo *sock);

#endif
