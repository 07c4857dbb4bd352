/*
 * The watch source of the screen: a running process and its descendants
 * (-p PID) or the whole machine (--system), behind the LiveSource interface
 * (source.h). Everything but the interface is the live engine's
 * (live/watch.h), which batch uses too: the same sources, fallbacks and
 * events on the screen and in --batch.
 */
#include "ui/source.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "live/watch.h"

typedef struct WatchImpl {
	LiveWatch *live;     /* owned */
	bool finished;
} WatchImpl;

static size_t ws_pollfds(const void *impl, struct pollfd *fds, size_t max)
{
	return LiveWatch_pollfds(((const WatchImpl *)impl)->live, fds, max);
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
	LiveWatch_pump(w->live, 0);
	if (timeout_ms != 0 && !LiveWatch_finished(w->live))
		LiveWatch_pump(w->live, timeout_ms);
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

static void ws_delete(void *impl)
{
	WatchImpl *w = impl;

	/* We only watch: the processes were there before us and run on. */
	LiveWatch_close(w->live);
	free(w);
}

static const LiveSourceOps watch_ops = {
	.pollfds = ws_pollfds,
	.pump = ws_pump,
	.state = ws_state,
	.resync = ws_resync,
	.step = ws_step,
	.step_pid = ws_step_pid,
	.exit_status = ws_exit_status,
	.delete = ws_delete,
};

LiveSource *LiveSource_watch(pid_t pid, const char *events, Session *session, char *err,
			     size_t errlen)
{
	LiveWatchOptions opt = { .pid = pid };
	LiveWatch *live;
	WatchImpl *w;
	LiveSource *src;

	if (watch_source_parse(events, &opt.source) < 0) {
		snprintf(err, errlen, _("unknown event source '%s'"), events);
		return NULL;
	}
	live = LiveWatch_open(&opt, session, err, errlen);
	if (live == NULL)
		return NULL;
	w = xcalloc(1, sizeof *w);
	w->live = live;
	src = xcalloc(1, sizeof *src);
	src->ops = &watch_ops;
	src->impl = w;
	if (pid != 0)
		snprintf(src->label, sizeof src->label, "pid %d", (int)pid);
	else
		snprintf(src->label, sizeof src->label, "%s", _("the whole machine"));
	return src;
}
