/*
 * Lines of the event timeline (see format.h): what the program saw (an API
 * call and the value it returned) and what the kernel did (fork, exec, exit,
 * reap), in one list, oldest first. fork's two returns show as two lines
 * from two pids: the child pid in the parent, 0 in the child.
 */
#include "ui/format.h"

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

/* The helper's text of the call, completed with the value the program saw
 * when the text does not say it: "fork() = 4243", "posix_spawn(...) = 0,
 * pid 4244", "execve(...) = -1 ENOENT". */
static void api_text(const Event *ev, StableIds *ids, char *buf, size_t len)
{
	char call[256], child[16];
	const char *detail = ev->detail[0] ? ev->detail : ev->api;

	StableIds_text(ids, detail, call, sizeof call);
	/* The helper usually writes the call with its result ("fork() = 0 in
	 * the child"): then its words are the line. */
	if (strstr(call, " = ") != NULL) {
		snprintf(buf, len, "%s", call);
		return;
	}
	if (ev->ret == -1 && ev->err != 0)
		snprintf(buf, len, "%s = -1 %s", call, strerrorname_np(ev->err) ? strerrorname_np(ev->err) : "");
	else if (ev->ret > 0 && ev->child > 0 && (pid_t)ev->ret == ev->child)
		snprintf(buf, len, "%s = %s", call, StableIds_pid(ids, ev->child, child, sizeof child));
	else if (ev->child > 0)
		snprintf(buf, len, "%s = %lld, pid %s", call, ev->ret,
			 StableIds_pid(ids, ev->child, child, sizeof child));
	else if (ev->ret > 0 && ev->err != 0)
		snprintf(buf, len, "%s = %lld (%s)", call, ev->ret,
			 strerrorname_np(ev->err) ? strerrorname_np(ev->err) : "?");
	else
		snprintf(buf, len, "%s = %lld", call, ev->ret);
}

static void kernel_text(const Event *ev, StableIds *ids, char *buf, size_t len)
{
	char other[16], status[64], path[256];

	switch (ev->kind) {
	case EV_FORK: case EV_VFORK: case EV_CLONE: case EV_THREAD:
		snprintf(buf, len, _("%s by %s"), EventKind_name(ev->kind),
			 StableIds_pid(ids, ev->ppid, other, sizeof other));
		break;
	case EV_VFORK_DONE:
		snprintf(buf, len, _("vfork done: parent resumes (child %s)"),
			 StableIds_pid(ids, ev->child, other, sizeof other));
		break;
	case EV_EXEC:
		/* The connector does not say the path: the new comm is all there is. */
		if (ev->detail[0] == '\0' && ev->comm[0] != '\0')
			snprintf(path, sizeof path, "[%s]", ev->comm);
		else
			StableIds_text(ids, ev->detail, path, sizeof path);
		snprintf(buf, len, _("exec %s"), path);
		break;
	case EV_EXIT:
		wait_status_format(ev->status, status, sizeof status);
		snprintf(buf, len, _("exit: %s"), status);
		break;
	case EV_REAP:
		snprintf(buf, len, _("reaped by %s"), StableIds_pid(ids, ev->ppid, other, sizeof other));
		break;
	case EV_SIGNAL:
		snprintf(buf, len, _("signal %s"), signal_name(ev->signo));
		break;
	case EV_STOP:
		snprintf(buf, len, _("stopped by %s"), signal_name(ev->signo));
		break;
	case EV_CONT:
		snprintf(buf, len, "%s", _("continued"));
		break;
	case EV_COMM:
		snprintf(buf, len, _("comm %s"), ev->comm);
		break;
	case EV_UID:
		snprintf(buf, len, "%s", _("ids changed"));
		break;
	case EV_SID:
		snprintf(buf, len, "setsid");
		break;
	case EV_REPARENT:
		snprintf(buf, len, _("reparented to %s"),
			 StableIds_pid(ids, ev->ppid, other, sizeof other));
		break;
	case EV_LOST:
		snprintf(buf, len, _("%d events lost"), ev->status);
		break;
	case EV_STEP:
		snprintf(buf, len, _("step %d"), ev->status);
		break;
	case EV_NOTE:
	case EV_OUTPUT:
		StableIds_text(ids, ev->detail, buf, len);
		break;
	case EV_API: case EV_KIND_COUNT:
		buf[0] = '\0';
		break;
	}
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
	if (ev->kind == EV_API)
		api_text(ev, ids, out->text, sizeof out->text);
	else
		kernel_text(ev, ids, out->text, sizeof out->text);
}
