/*
 * Lines of the event timeline (see format.h): what the program saw (an API
 * call and the value it returned) and what the kernel did (fork, exec, exit,
 * reap), in one list, oldest first. fork's two returns show as two lines
 * from two pids: the child pid in the parent, 0 in the child. A line is
 * cut at the pane's edge; event_fields gives the event whole, field by
 * field, for the events pane to show on Enter.
 */
#include "ui/format/format.h"

#include "trace/event_text.h"

#include <stdarg.h>
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
	case EV_LOST: case EV_NOTE: case EV_EXEC_FAILED: case EV_BREAK:
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

size_t event_field_add(EventField *out, size_t n, size_t max, const char *label, ColorRole role,
		       const char *fmt, ...)
{
	va_list ap;

	if (n >= max)
		return n;
	out[n].label = label;
	out[n].role = role;
	va_start(ap, fmt);
	vsnprintf(out[n].text, sizeof out[n].text, fmt, ap);
	va_end(ap);
	return n + 1;
}

/* What the program saw: the value returned, errno with its name and text. */
static size_t api_fields(const Event *ev, StableIds *ids, EventField *out, size_t n, size_t max)
{
	char name[24], pid[16], text[sizeof ev->detail];

	if (ev->api[0] != '\0')
		n = event_field_add(out, n, max, _("function"), ROLE_EVENT_API, "%s", ev->api);
	if (ev->detail[0] != '\0')
		n = event_field_add(out, n, max, _("call"), ROLE_NORMAL, "%s",
			  StableIds_text(ids, ev->detail, text, sizeof text));
	n = event_field_add(out, n, max, _("returned"), ev->ret < 0 ? ROLE_WARNING : ROLE_NORMAL, "%lld",
		  ev->ret);
	if (ev->err != 0)
		n = event_field_add(out, n, max, "errno", ROLE_WARNING, "%s (%d): %s",
			  errno_name(ev->err, name, sizeof name), ev->err, strerror(ev->err));
	if (ev->child > 0)
		n = event_field_add(out, n, max, _("child"), ROLE_NORMAL, "%s",
			  StableIds_pid(ids, ev->child, pid, sizeof pid));
	return n;
}

/* What the kernel said, by the event's kind. */
static size_t kernel_fields(const Event *ev, StableIds *ids, EventField *out, size_t n, size_t max)
{
	char pid[16], text[sizeof ev->detail], status[64];

	switch (ev->kind) {
	case EV_FORK: case EV_VFORK: case EV_CLONE: case EV_THREAD: case EV_REPARENT:
		n = event_field_add(out, n, max, "ppid", ROLE_NORMAL, "%s", StableIds_pid(ids, ev->ppid, pid, sizeof pid));
		if (ev->how != HOW_UNKNOWN)
			n = event_field_add(out, n, max, _("how"), ROLE_NORMAL, "%s", CreateHow_name(ev->how));
		break;
	case EV_VFORK_DONE:
		n = event_field_add(out, n, max, _("child"), ROLE_NORMAL, "%s",
			  StableIds_pid(ids, ev->child, pid, sizeof pid));
		break;
	case EV_EXEC:
		if (ev->detail[0] != '\0')
			n = event_field_add(out, n, max, _("program"), ROLE_NORMAL, "%s",
				  StableIds_path(ids, ev->detail, text, sizeof text));
		if (ev->comm[0] != '\0')
			n = event_field_add(out, n, max, "comm", ROLE_NORMAL, "%s", ev->comm);
		if (ev->former_tid > 0)
			n = event_field_add(out, n, max, _("thread"), ROLE_NORMAL, "%s",
				  StableIds_pid(ids, ev->former_tid, pid, sizeof pid));
		break;
	case EV_EXEC_FAILED: {
		char name[24];
		n = event_field_add(out, n, max, _("path tried"), ROLE_NORMAL, "%s",
			  StableIds_path(ids, ev->detail, text, sizeof text));
		n = event_field_add(out, n, max, "errno", ROLE_WARNING, "%s (%d): %s",
			  errno_name(ev->err, name, sizeof name), ev->err, strerror(ev->err));
		break;
	}
	case EV_EXIT:
		wait_status_format_local(ev->status, status, sizeof status);
		n = event_field_add(out, n, max, _("wait status"), ROLE_NORMAL, "%s", status);
		break;
	case EV_REAP:
		n = event_field_add(out, n, max, _("reaper"), ROLE_NORMAL, "%s",
			  StableIds_pid(ids, ev->ppid, pid, sizeof pid));
		break;
	case EV_SIGNAL: case EV_STOP:
		n = event_field_add(out, n, max, _("signal"), ROLE_NORMAL, "%s (%d)", signal_name(ev->signo),
			  ev->signo);
		if (ev->ppid > 0)
			n = event_field_add(out, n, max, _("sender"), ROLE_NORMAL, "%s",
				  StableIds_pid(ids, ev->ppid, pid, sizeof pid));
		break;
	case EV_BREAK:
		n = event_field_add(out, n, max, _("breakpoint"), ROLE_WARNING, "%s", ev->detail);
		if (ev->child > 0)
			n = event_field_add(out, n, max, _("child"), ROLE_NORMAL, "%s",
				  StableIds_pid(ids, ev->child, pid, sizeof pid));
		break;
	case EV_NOTE: case EV_OUTPUT: case EV_COMM: case EV_UID: case EV_SID: case EV_CONT:
	case EV_LOST: case EV_STEP: case EV_API: case EV_KIND_COUNT:
		break;
	}
	return n;
}

size_t event_fields(const Event *ev, size_t seq, uint64_t t0_us, StableIds *ids,
		    const char *caption, EventField *out, size_t max)
{
	EventLine line;
	size_t n = 0;
	char pid[16];

	event_line(ev, seq, t0_us, ids, &line);
	if (ev->kind == EV_STEP) {
		n = event_field_add(out, n, max, _("step"), ROLE_TITLE, "%d", ev->status);
		return event_field_add(out, n, max, _("caption"), ROLE_CAPTION, "%s",
			     caption != NULL ? caption : ev->detail);
	}
	n = event_field_add(out, n, max, _("what"), line.role, "%s", line.text);
	n = event_field_add(out, n, max, "pid", ROLE_NORMAL, "%s", StableIds_pid(ids, ev->pid, pid, sizeof pid));
	n = ev->kind == EV_API ? api_fields(ev, ids, out, n, max) : kernel_fields(ev, ids, out, n, max);
	if (ids->on)
		n = event_field_add(out, n, max, _("when"), ROLE_DIM, "#%zu", seq);
	else {
		uint64_t dt = ev->t_us >= t0_us ? ev->t_us - t0_us : 0;
		n = event_field_add(out, n, max, _("when"), ROLE_DIM, _("%llu.%06llu s after the first event"),
			  (unsigned long long)(dt / 1000000), (unsigned long long)(dt % 1000000));
	}
	n = event_field_add(out, n, max, _("seen by"), ROLE_DIM, "%s",
		  ev->kind == EV_API || ev->kind == EV_OUTPUT ? _("the demo's report")
		  : ev->kind == EV_NOTE || ev->kind == EV_LOST ? "forkscope"
		  : ev->polled ? _("polling /proc (time and order approximate)") : _("the kernel"));
	return n;
}
