/*
 * event_describe: see event_text.h. An API event reads as the call and the
 * value the program saw; when the helper's own text already says the value
 * (it writes "fork() = 0 in the child"), its words are the line.
 */
#include "trace/event_text.h"

#include <stdio.h>
#include <string.h>

#include "probe/sigset.h"

static const char *default_pid_text(void *ctx, pid_t pid, char *buf, size_t len)
{
	(void)ctx;
	snprintf(buf, len, "%d", (int)pid);
	return buf;
}

const char *errno_name(int err, char *buf, size_t len)
{
	const char *name = strerrorname_np(err);

	if (name != NULL)
		return name;
	snprintf(buf, len, "errno %d", err);
	return buf;
}

static void api_text(const Event *ev, PidText pt, void *ctx, char *buf, size_t len)
{
	const char *call = ev->detail[0] ? ev->detail : ev->api;
	char child[24], err[24];

	if (strstr(call, " = ") != NULL)
		snprintf(buf, len, "%s", call);
	else if (ev->ret == -1 && ev->err != 0)
		snprintf(buf, len, "%s = -1 %s", call, errno_name(ev->err, err, sizeof err));
	else if (ev->ret > 0 && ev->child > 0 && (pid_t)ev->ret == ev->child)
		snprintf(buf, len, "%s = %s", call, pt(ctx, ev->child, child, sizeof child));
	else if (ev->child > 0)
		snprintf(buf, len, "%s = %lld, pid %s", call, ev->ret, pt(ctx, ev->child, child, sizeof child));
	else if (ev->ret > 0 && ev->err != 0)
		snprintf(buf, len, "%s = %lld (%s)", call, ev->ret, errno_name(ev->err, err, sizeof err));
	else
		snprintf(buf, len, "%s = %lld", call, ev->ret);
}

static void kernel_text(const Event *ev, PidText pt, void *ctx, char *buf, size_t len)
{
	char other[24], status[64];

	switch (ev->kind) {
	case EV_FORK: case EV_VFORK: case EV_CLONE: case EV_THREAD:
		if (ev->how == HOW_EXISTING) /* found by attaching: not born now */
			snprintf(buf, len, "%s of %s, already running", ev->kind == EV_THREAD ? "thread" : "child",
				 pt(ctx, ev->ppid, other, sizeof other));
		else
			snprintf(buf, len, "%s by %s", EventKind_name(ev->kind), pt(ctx, ev->ppid, other, sizeof other));
		break;
	case EV_VFORK_DONE:
		snprintf(buf, len, "vfork done: parent resumes (child %s)",
			 pt(ctx, ev->child, other, sizeof other));
		break;
	case EV_EXEC:
		snprintf(buf, len, "exec %s", ev->detail);
		break;
	case EV_EXIT:
		wait_status_format(ev->status, status, sizeof status);
		snprintf(buf, len, "exit: %s", status);
		break;
	case EV_REAP:
		snprintf(buf, len, "reaped by %s", pt(ctx, ev->ppid, other, sizeof other));
		break;
	case EV_SIGNAL:
		snprintf(buf, len, "signal %s", signal_name(ev->signo));
		break;
	case EV_STOP:
		snprintf(buf, len, "stopped by %s", signal_name(ev->signo));
		break;
	case EV_CONT:
		snprintf(buf, len, "continued");
		break;
	case EV_COMM:
		snprintf(buf, len, "comm %s", ev->comm);
		break;
	case EV_UID:
		snprintf(buf, len, "ids changed");
		break;
	case EV_SID:
		snprintf(buf, len, "setsid");
		break;
	case EV_REPARENT:
		snprintf(buf, len, "reparented to %s", pt(ctx, ev->ppid, other, sizeof other));
		break;
	case EV_LOST:
		snprintf(buf, len, "%d events lost", ev->status);
		break;
	case EV_STEP:
		snprintf(buf, len, "step %d", ev->status);
		break;
	case EV_NOTE:
	case EV_OUTPUT:
		snprintf(buf, len, "%s", ev->detail);
		break;
	case EV_API: case EV_KIND_COUNT:
		buf[0] = '\0';
		break;
	}
}

void event_describe(const Event *ev, PidText pid_text, void *ctx, char *buf, size_t len)
{
	size_t used;

	if (len == 0)
		return;
	if (pid_text == NULL)
		pid_text = default_pid_text;
	if (ev->kind == EV_API)
		api_text(ev, pid_text, ctx, buf, len);
	else
		kernel_text(ev, pid_text, ctx, buf, len);
	/* Polling only guesses: say so wherever the event is shown. */
	used = strlen(buf);
	if (ev->polled && used < len)
		snprintf(buf + used, len - used, " (polled)");
}
