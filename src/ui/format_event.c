/*
 * Lines of the event timeline (see format.h): what the program saw (an API
 * call and the value it returned) and what the kernel did (fork, exec, exit,
 * reap), in one list, oldest first. fork's two returns show as two lines
 * from two pids: the child pid in the parent, 0 in the child.
 */
#include "ui/format.h"

#include "trace/event_text.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"

static ColorRole kind_role(EventKind kind)
{
	switch (kind) {
	case EV_FORK: case EV_VFORK: case EV_CLONE: case EV_THREAD: case EV_VFORK_DONE:
		return ROLE_EVENT_CREATE;
	case EV_EXEC:
		return ROLE_EVENT_EXEC;
	case EV_EXIT: case EV_REAP:
		return ROLE_EVENT_EXIT;
	case EV_SIGNAL: case EV_STOP: case EV_CONT:
		return ROLE_EVENT_SIGNAL;
	case EV_API:
		return ROLE_EVENT_API;
	case EV_STEP:
		return ROLE_CAPTION;
	case EV_OUTPUT:
		return ROLE_DIM;
	case EV_LOST: case EV_NOTE:
		return ROLE_WARNING;
	case EV_COMM: case EV_UID: case EV_SID: case EV_REPARENT: case EV_KIND_COUNT:
		break;
	}
	return ROLE_DIM;
}

static const char *stable_pid_text(void *ctx, pid_t pid, char *buf, size_t len)
{
	return StableIds_pid(ctx, pid, buf, len);
}

void event_line(const Event *ev, size_t seq, uint64_t t0_us, StableIds *ids, EventLine *out)
{
	memset(out, 0, sizeof *out);
	if (ids->on)
		snprintf(out->when, sizeof out->when, "#%zu", seq);
	else {
		uint64_t dt = ev->t_us >= t0_us ? ev->t_us - t0_us : 0;
		snprintf(out->when, sizeof out->when, "%llu.%03llu", (unsigned long long)(dt / 1000000),
			 (unsigned long long)(dt / 1000 % 1000));
	}
	StableIds_pid(ids, ev->pid, out->pid, sizeof out->pid);
	out->role = kind_role(ev->kind);
	out->is_step = ev->kind == EV_STEP;
	{
		/* Paths and pids inside the text get their stable names too. */
		Event shown = *ev;
		StableIds_text(ids, ev->detail, shown.detail, sizeof shown.detail);
		event_describe_local(&shown, stable_pid_text, ids, out->text, sizeof out->text);
	}
}
