/* Events as batch output prints them: one text line, or one JSON object. */
#ifndef FORKSCOPE_PRINT_EVENT_JSON_H
#define FORKSCOPE_PRINT_EVENT_JSON_H

#include <json-c/json.h>
#include <stdint.h>
#include <stdio.h>

#include "trace/event_text.h"

typedef struct EventOutput {
	uint64_t t0_us;      /* times are printed relative to this */
	bool stable;         /* no times: documents and tests stay the same */
	PidText pid_text;    /* NULL: pids as they are */
	int (*pid_number)(void *ctx, pid_t pid); /* the same as a JSON number; NULL: as they are */
	/* stable: is this number a pid the run knows (so the text's pids, the
	 * demo's "fork() = 4243" among them, are numbered too)? NULL: none */
	bool (*is_pid)(void *ctx, long number);
	void *ctx;
} EventOutput;

/* "  0.001234  4243  fork       fork by 4242" */
void event_print_line(FILE *out, const Event *ev, const EventOutput *o);
json_object *event_json(const Event *ev, const EventOutput *o);

#endif
