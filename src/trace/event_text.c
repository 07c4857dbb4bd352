/*
 * event_describe: see event_text.h. An API event reads as the call and the
 * value the program saw; when the helper's own text already says the value
 * (it writes "fork() = 0 in the child"), its words are the line.
 *
 * event_describe serves batch text and JSON: its words are in the user's
 * language unless the output is for programs (i18n_machine_output: JSON,
 * whose "text" stays English), so the kernel's event lines of a translated
 * batch run read like its API lines and its captions.
 */
#include "trace/event_text.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "probe/sigset.h"

/* The same words in English (JSON, for programs) or in the user's language
 * (the screen, batch text). Strings are marked N_ so xgettext finds them. */
#define T(s) (local ? gettext(s) : (s))

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

static void api_text(const Event *ev, PidText pt, void *ctx, char *buf, size_t len, bool local)
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
		snprintf(buf, len, T(N_("%s = %lld, pid %s")), call, ev->ret, pt(ctx, ev->child, child, sizeof child));
	else if (ev->ret > 0 && ev->err != 0)
		snprintf(buf, len, "%s = %lld (%s)", call, ev->ret, errno_name(ev->err, err, sizeof err));
	else
		snprintf(buf, len, "%s = %lld", call, ev->ret);
}

static void kernel_text(const Event *ev, PidText pt, void *ctx, char *buf, size_t len, bool local)
{
	char other[24], status[64];

	switch (ev->kind) {
	case EV_FORK: case EV_VFORK: case EV_CLONE: case EV_THREAD:
		if (ev->how == HOW_EXISTING) /* found by attaching: not born now */
			snprintf(buf, len, T(N_("%s of %s, already running")), ev->kind == EV_THREAD ? T(N_("thread")) : T(N_("child")),
				 pt(ctx, ev->ppid, other, sizeof other));
		else
			snprintf(buf, len, T(N_("%s by %s")), ev->kind == EV_THREAD ? T(N_("thread")) : EventKind_name(ev->kind),
				 pt(ctx, ev->ppid, other, sizeof other));
		break;
	case EV_VFORK_DONE:
		snprintf(buf, len, T(N_("vfork done: parent resumes (child %s)")),
			 pt(ctx, ev->child, other, sizeof other));
		break;
	case EV_EXEC:
		/* The connector does not say the path: the new comm is all there is. */
		if (ev->detail[0] == '\0' && ev->comm[0] != '\0')
			snprintf(buf, len, T(N_("exec [%s]")), ev->comm);
		else
			snprintf(buf, len, T(N_("exec %s")), ev->detail);
		break;
	case EV_EXEC_FAILED:
		snprintf(buf, len, T(N_("exec %s failed: %s")), ev->detail,
			 errno_name(ev->err, other, sizeof other));
		break;
	case EV_EXIT:
		if (local)
			wait_status_format_local(ev->status, status, sizeof status);
		else
			wait_status_format(ev->status, status, sizeof status);
		snprintf(buf, len, T(N_("exit: %s")), status);
		break;
	case EV_REAP:
		snprintf(buf, len, T(N_("reaped by %s")), pt(ctx, ev->ppid, other, sizeof other));
		break;
	case EV_SIGNAL:
		snprintf(buf, len, T(N_("signal %s")), signal_name(ev->signo));
		break;
	case EV_STOP:
		snprintf(buf, len, T(N_("stopped by %s")), signal_name(ev->signo));
		break;
	case EV_CONT:
		snprintf(buf, len, "%s", T(N_("continued")));
		break;
	case EV_COMM:
		snprintf(buf, len, T(N_("comm %s")), ev->comm);
		break;
	case EV_UID:
		snprintf(buf, len, "%s", T(N_("ids changed")));
		break;
	case EV_SID:
		snprintf(buf, len, "setsid");
		break;
	case EV_REPARENT:
		snprintf(buf, len, T(N_("reparented to %s")), pt(ctx, ev->ppid, other, sizeof other));
		break;
	case EV_LOST:
		snprintf(buf, len, T(N_("%d events lost")), ev->status);
		break;
	case EV_STEP:
		snprintf(buf, len, T(N_("step %d")), ev->status);
		break;
	case EV_NOTE:
	case EV_OUTPUT:
		snprintf(buf, len, "%s", ev->detail);
		break;
	case EV_BREAK:
		if (ev->child > 0)
			snprintf(buf, len, T(N_("held at breakpoint %s (with child %s)")), ev->detail,
				 pt(ctx, ev->child, other, sizeof other));
		else
			snprintf(buf, len, T(N_("held at breakpoint %s")), ev->detail);
		break;
	case EV_API: case EV_KIND_COUNT:
		buf[0] = '\0';
		break;
	}
}

static void describe(const Event *ev, PidText pid_text, void *ctx, char *buf, size_t len, bool local)
{
	size_t used;

	if (len == 0)
		return;
	if (pid_text == NULL)
		pid_text = default_pid_text;
	if (ev->kind == EV_API)
		api_text(ev, pid_text, ctx, buf, len, local);
	else
		kernel_text(ev, pid_text, ctx, buf, len, local);
	/* Polling only guesses: say so wherever the event is shown. */
	used = strlen(buf);
	if (ev->polled && used < len)
		snprintf(buf + used, len - used, T(N_(" (polled)")));
}

void event_describe(const Event *ev, PidText pid_text, void *ctx, char *buf, size_t len)
{
	describe(ev, pid_text, ctx, buf, len, !i18n_machine_output());
}

void event_describe_local(const Event *ev, PidText pid_text, void *ctx, char *buf, size_t len)
{
	describe(ev, pid_text, ctx, buf, len, true);
}
