/*
 * Events in words, for every view: the timeline pane, batch text lines and
 * JSON. One place says how a fork, an exec or an API call reads, so the
 * screen and the batch output never disagree.
 */
#ifndef FORKSCOPE_TRACE_EVENT_TEXT_H
#define FORKSCOPE_TRACE_EVENT_TEXT_H

#include <stddef.h>
#include <sys/types.h>

#include "trace/event.h"

/* How a view names a pid ("4243", or a stable number in documents). Writes
 * into buf and returns it. */
typedef const char *(*PidText)(void *ctx, pid_t pid, char *buf, size_t len);

/* The event as a short phrase: "fork by 4242", "exec /bin/ls", "exit: exit 0",
 * "fork() = 4243", "posix_spawn(...) = 0, pid 4244". pid_text may be NULL. */
void event_describe(const Event *ev, PidText pid_text, void *ctx, char *buf, size_t len);

/* The same in the user's language, for the screen and batch text (JSON
 * keeps event_describe's English for programs). */
void event_describe_local(const Event *ev, PidText pid_text, void *ctx, char *buf, size_t len);

/* The errno name of err ("ENOENT"), or its number as text. */
const char *errno_name(int err, char *buf, size_t len);

#endif
