/*
 * The watch source of the screen: a running process and its descendants
 * (-p PID) or the whole machine (--system), behind the LiveSource interface
 * (source.h). Everything but the interface is the live engine's
 * (live/watch.h), which batch uses too: the same sources, fallbacks and
 * events on the screen and in --batch.
 */
#include "ui/source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "live/watch.h"
#include "scenario/output_split.h"

typedef struct WatchImpl {
	LiveWatch *live;     /* owned */
	bool finished;
	Session *session;    /* borrowed */
	int output_fd;       /* a command's stdout and stderr, read end; -1 none */
	OutputSplit out;     /* its lines, as events of the command */
} WatchImpl;

static void output_line(void *ctx, pid_t pid, const char *line, size_t len)
{
	WatchImpl *w = ctx;
	Event ev = { .t_us = clock_now_us(), .kind = EV_OUTPUT, .pid = pid };

	if (len >= sizeof ev.detail)
		len = sizeof ev.detail - 1;
	for (size_t i = 0; i < len; i++) /* keep terminal controls out of the screen */
		ev.detail[i] = (unsigned char)line[i] < 0x20 && line[i] != '\t' ? '?' : line[i];
	Session_apply(w->session, &ev);
}

/* What the command printed: the screen's own terminal never gets it. */
static void read_output(WatchImpl *w)
{
	char buf[4096];
	ssize_t n;

	while (w->output_fd >= 0) {
		n = read(w->output_fd, buf, sizeof buf);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		if (n <= 0) {
			OutputSplit_flush(&w->out);
			close(w->output_fd);
			w->output_fd = -1;
			return;
		}
		OutputSplit_feed(&w->out, buf, (size_t)n);
	}
}

static size_t ws_pollfds(const void *impl, struct pollfd *fds, size_t max)
{
	const WatchImpl *w = impl;
	size_t n = LiveWatch_pollfds(w->live, fds, max);

	if (w->output_fd >= 0 && n < max) {
		fds[n].fd = w->output_fd;
		fds[n++].events = POLLIN;
	}
	return n;
}

static SourceState ws_state(const void *impl)
{
	return ((const WatchImpl *)impl)->finished ? SOURCE_FINISHED : SOURCE_RUNNING;
}

static SourceState ws_pump(void *impl, int timeout_ms)
{
	WatchImpl *w = impl;
	int wait = LiveWatch_wait_ms(w->live);

	if (wait >= 0 && (timeout_ms < 0 || wait < timeout_ms))
		timeout_ms = wait;
	/* One dispatch when the loop only asks for what is ready (it pumps at
	 * every tracer event: a second would cost each traced stop twice). */
	read_output(w);
	LiveWatch_pump(w->live, 0);
	if (timeout_ms != 0 && !LiveWatch_finished(w->live))
		LiveWatch_pump(w->live, timeout_ms);
	read_output(w);
	w->finished = w->finished || LiveWatch_finished(w->live);
	return ws_state(w);
}

static void ws_resync(void *impl)
{
	WatchImpl *w = impl;

	LiveWatch_resync(w->live);
	w->finished = w->finished || LiveWatch_finished(w->live);
}

static int ws_step(const void *impl)
{
	(void)impl;
	return 0;
}

static pid_t ws_step_pid(const void *impl)
{
	(void)impl;
	return 0;
}

static int ws_exit_status(const void *impl)
{
	return LiveWatch_exit_status(((const WatchImpl *)impl)->live);
}

static void ws_detach_on_delete(void *impl)
{
	LiveWatch_leave(((WatchImpl *)impl)->live);
}

static void ws_set_breaks(void *impl, BreakList *breaks)
{
	LiveWatch_set_breaks(((WatchImpl *)impl)->live, breaks);
}

static size_t ws_held_count(const void *impl)
{
	return LiveWatch_break_count(((const WatchImpl *)impl)->live);
}

static bool ws_is_held(const void *impl, pid_t pid)
{
	return LiveWatch_is_held(((const WatchImpl *)impl)->live, pid);
}

static int ws_release(void *impl, pid_t pid)
{
	return LiveWatch_release(((WatchImpl *)impl)->live, pid);
}

static void ws_release_breaks(void *impl)
{
	LiveWatch_release_breaks(((WatchImpl *)impl)->live);
}

static int ws_detach_stopped(void *impl, pid_t pid, char *err, size_t errlen)
{
	return LiveWatch_detach_stopped(((WatchImpl *)impl)->live, pid, err, errlen);
}

static void ws_delete(void *impl)
{
	WatchImpl *w = impl;

	/* A watched pid runs on (detached); a command we started ends. */
	LiveWatch_close(w->live);
	if (w->output_fd >= 0)
		close(w->output_fd);
	OutputSplit_done(&w->out);
	free(w);
}

/* The connector and polling hold nothing: no breakpoint operations. */
static const LiveSourceOps lighter_watch_ops = {
	.pollfds = ws_pollfds,
	.pump = ws_pump,
	.state = ws_state,
	.resync = ws_resync,
	.step = ws_step,
	.step_pid = ws_step_pid,
	.detach_on_delete = ws_detach_on_delete,
	.exit_status = ws_exit_status,
	.delete = ws_delete,
};

static const LiveSourceOps watch_ops = {
	.set_breaks = ws_set_breaks,
	.held_count = ws_held_count,
	.is_held = ws_is_held,
	.release = ws_release,
	.release_breaks = ws_release_breaks,
	.detach_stopped = ws_detach_stopped,
	.pollfds = ws_pollfds,
	.pump = ws_pump,
	.state = ws_state,
	.resync = ws_resync,
	.step = ws_step,
	.detach_on_delete = ws_detach_on_delete,
	.step_pid = ws_step_pid,
	.exit_status = ws_exit_status,
	.delete = ws_delete,
};

static LiveSource *watch_source(const LiveWatchOptions *opt, int output_fd, Session *session,
				char *err, size_t errlen)
{
	LiveWatch *live = LiveWatch_open(opt, session, err, errlen);
	WatchImpl *w;
	LiveSource *src;

	if (live == NULL) {
		int saved = errno;
		if (output_fd >= 0)
			close(output_fd);
		errno = saved;
		return NULL;
	}
	w = xcalloc(1, sizeof *w);
	w->live = live;
	w->session = session;
	w->output_fd = output_fd;
	OutputSplit_init(&w->out, session->root, output_line, w);
	src = xcalloc(1, sizeof *src);
	src->ops = LiveWatch_source(live) == WATCH_PTRACE ? &watch_ops : &lighter_watch_ops;
	src->impl = w;
	return src;
}

LiveSource *LiveSource_watch(pid_t pid, const char *events, Session *session, char *err,
			     size_t errlen)
{
	LiveWatchOptions opt = { .pid = pid };
	LiveSource *src;

	if (watch_source_parse(events, &opt.source) < 0) {
		snprintf(err, errlen, _("unknown event source '%s'"), events);
		return NULL;
	}
	src = watch_source(&opt, -1, session, err, errlen);
	if (src == NULL)
		return NULL;
	if (pid != 0)
		snprintf(src->label, sizeof src->label, "pid %d", (int)pid);
	else
		snprintf(src->label, sizeof src->label, "%s", _("the whole machine"));
	return src;
}

LiveSource *LiveSource_watch_command(char *const *command, const char *events, int tty_fd,
				     Session *session, char *err, size_t errlen)
{
	/* On a terminal a command can be left running at quit: if forkscope
	 * dies instead, the terminal's hangup ends it, as a shell's would. */
	LiveWatchOptions opt = { .command = command, .tty_fd = tty_fd, .detachable = tty_fd > 0 };
	LiveSource *src;
	int out[2];

	if (watch_source_parse(events, &opt.source) < 0) {
		snprintf(err, errlen, _("unknown event source '%s'"), events);
		return NULL;
	}
	if (tty_fd > 0) {
		/* Its output is on the terminal pane. */
		src = watch_source(&opt, -1, session, err, errlen);
		if (src != NULL)
			snprintf(src->label, sizeof src->label, "%s", command[0]);
		return src;
	}
	if (pipe2(out, O_CLOEXEC) < 0) {
		snprintf(err, errlen, _("cannot make the output pipe: %s"), strerror(errno));
		return NULL;
	}
	opt.stdio_fd = out[1];
	src = watch_source(&opt, out[0], session, err, errlen);
	close(out[1]);
	if (src == NULL)
		return NULL;
	fcntl(out[0], F_SETFL, O_NONBLOCK);
	snprintf(src->label, sizeof src->label, "%s", command[0]);
	return src;
}
