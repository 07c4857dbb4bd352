/*
 * The replay source: a recording (record/recording.h) read into the
 * session at the start, then nothing more happens. Nothing is traced and
 * /proc is never read: what the panes show comes from the recording's
 * events and snapshots, through the time cursor (see travel.c).
 */
#include "ui/source.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/xalloc.h"
#include "record/recording.h"

static size_t rp_pollfds(const void *impl, struct pollfd *fds, size_t max)
{
	(void)impl, (void)fds, (void)max;
	return 0;
}

static SourceState rp_state(const void *impl)
{
	(void)impl;
	return SOURCE_FINISHED;
}

static SourceState rp_pump(void *impl, int timeout_ms)
{
	(void)timeout_ms;
	return rp_state(impl);
}

static int rp_step(const void *impl)
{
	(void)impl;
	return 0;
}

static pid_t rp_step_pid(const void *impl)
{
	(void)impl;
	return 0;
}

static int rp_exit_status(const void *impl)
{
	(void)impl;
	return -1;
}

static void rp_delete(void *impl)
{
	free(impl);
}

static const LiveSourceOps replay_ops = {
	.pollfds = rp_pollfds, .pump = rp_pump, .state = rp_state, .step = rp_step,
	.step_pid = rp_step_pid, .exit_status = rp_exit_status, .delete = rp_delete,
};

LiveSource *LiveSource_replay(const char *path, Session *session, char *err, size_t errlen)
{
	Replay *rp = xcalloc(1, sizeof *rp);
	LiveSource *src;

	if (Replay_load(rp, path, session, err, errlen) < 0) {
		free(rp);
		return NULL;
	}
	src = xcalloc(1, sizeof *src);
	src->ops = &replay_ops;
	src->impl = rp;
	src->scenario = rp->scenario[0] != '\0' ? scenario_find(rp->scenario) : NULL;
	snprintf(src->label, sizeof src->label, "%.*s", (int)sizeof src->label - 1,
		 rp->what[0] ? rp->what : path);
	snprintf(session->source, sizeof session->source, "%s", "replay");
	return src;
}
