/*
 * --export-trace FILE.json: a session as a Chrome trace (the Trace Event
 * Format that ui.perfetto.dev and chrome://tracing open).
 *
 * One track per process (pid = tid = its pid), named by its command line
 * and sorted as the process tree; a thread of it is a track of its own
 * inside it (tid = the thread's id). On a process's track a complete slice
 * ("X") runs from its birth (or first sight) to its exit (or the end of the
 * session), and each exec ends the running slice and starts one named by
 * the new program: a process has one slice, plus one per exec (minus one
 * when the first thing seen of it was an exec). A fork, vfork or clone
 * whose parent has a track draws a flow arrow ("s" on the parent's slice,
 * "f" bound to the child's enclosing slice, cat "fork"). Signals, stops,
 * continues and failed execs are instant events. Times are microseconds
 * from the first thing the session saw; what polling saw is marked
 * approximate in args. Names and args stay English: it is machine output.
 */
#ifndef FORKSCOPE_PRINT_TRACE_EXPORT_H
#define FORKSCOPE_PRINT_TRACE_EXPORT_H

#include <json-c/json.h>
#include <stddef.h>

#include "model/session.h"

/* The trace object {"traceEvents": [...], "displayTimeUnit": "ms",
 * "otherData": {...}}; the caller owns it (json_object_put). */
json_object *trace_export_json(const Session *s);

/* Writes the trace of s to file, atomically (base/atomic_file.h). 0; or -1
 * with "cannot write the trace FILE: reason" in err. */
int trace_export_write(const Session *s, const char *file, char *err, size_t errlen);

#endif
