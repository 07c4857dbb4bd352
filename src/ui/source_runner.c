/*
 * The scenario source: the Runner behind the LiveSource interface (see
 * source.h). The runner feeds the session from the tracer and the helper;
 * a refresh re-reads the identities of the run's few processes.
 */
#include "ui/source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strv.h"
#include "base/xalloc.h"
#include "scenario/runner.h"

typedef struct RunnerSource {
	Runner *runner;
	Session *session;   /* borrowed */
} RunnerSource;

static SourceState from_runner(RunnerState st)
{
	return st == RUNNER_AT_STEP ? SOURCE_AT_STEP
	     : st == RUNNER_FINISHED ? SOURCE_FINISHED : SOURCE_RUNNING;
}

static size_t rs_pollfds(const void *impl, struct pollfd *fds, size_t max)
{
	return Runner_pollfds(((const RunnerSource *)impl)->runner, fds, max);
}

static SourceState rs_pump(void *impl, int timeout_ms)
{
	return from_runner(Runner_pump(((RunnerSource *)impl)->runner, timeout_ms));
}

static SourceState rs_state(const void *impl)
{
	return from_runner(Runner_state(((const RunnerSource *)impl)->runner));
}

static void rs_resync(void *impl)
{
	Session_sync_identities(((RunnerSource *)impl)->session);
}

static int rs_step(const void *impl)
{
	return Runner_step(((const RunnerSource *)impl)->runner);
}

static pid_t rs_step_pid(const void *impl)
{
	return Runner_focus_pid(((const RunnerSource *)impl)->runner);
}

static const StepFocus *rs_step_focus(const void *impl)
{
	return Runner_step_focus(((const RunnerSource *)impl)->runner);
}

static void rs_go(void *impl)
{
	Runner_go(((RunnerSource *)impl)->runner);
}

static void rs_detach_on_delete(void *impl)
{
	Runner_set_detach_on_delete(((RunnerSource *)impl)->runner, true);
}

static void rs_set_step_mode(void *impl, bool step_mode)
{
	Runner_set_step_mode(((RunnerSource *)impl)->runner, step_mode);
}

static void rs_set_pace(void *impl, int pace_ms, int ms_per_word)
{
	Runner_set_pace(((RunnerSource *)impl)->runner, pace_ms, ms_per_word);
}

static void rs_set_hold_all(void *impl, bool hold)
{
	Runner_set_hold_all(((RunnerSource *)impl)->runner, hold);
}

static int rs_exit_status(const void *impl)
{
	return Runner_exit_status(((const RunnerSource *)impl)->runner);
}

static void rs_set_breaks(void *impl, BreakList *breaks)
{
	Runner_set_breaks(((RunnerSource *)impl)->runner, breaks);
}

static size_t rs_held_count(const void *impl)
{
	return Runner_break_count(((const RunnerSource *)impl)->runner);
}

static bool rs_is_held(const void *impl, pid_t pid)
{
	return Runner_is_held(((const RunnerSource *)impl)->runner, pid);
}

static int rs_release(void *impl, pid_t pid)
{
	return Runner_release(((RunnerSource *)impl)->runner, pid);
}

static void rs_release_breaks(void *impl)
{
	Runner_release_breaks(((RunnerSource *)impl)->runner);
}

static int rs_detach_stopped(void *impl, pid_t pid, char *err, size_t errlen)
{
	return Runner_detach_stopped(((RunnerSource *)impl)->runner, pid, err, errlen);
}

static void rs_delete(void *impl)
{
	RunnerSource *rs = impl;

	Runner_delete(rs->runner);
	free(rs);
}

static const LiveSourceOps runner_ops = {
	.pollfds = rs_pollfds, .pump = rs_pump, .state = rs_state, .resync = rs_resync,
	.step = rs_step, .step_pid = rs_step_pid, .step_focus = rs_step_focus, .go = rs_go,
	.set_step_mode = rs_set_step_mode, .set_pace = rs_set_pace, .set_hold_all = rs_set_hold_all,
	.detach_on_delete = rs_detach_on_delete,
	.set_breaks = rs_set_breaks, .held_count = rs_held_count, .is_held = rs_is_held,
	.release = rs_release, .release_breaks = rs_release_breaks,
	.detach_stopped = rs_detach_stopped,
	.exit_status = rs_exit_status, .delete = rs_delete,
};

LiveSource *LiveSource_scenario(const ScenarioArgs *args, Session *session, char *err,
				size_t errlen)
{
	Runner *runner = Runner_start(args, session, err, errlen);
	RunnerSource *rs;
	LiveSource *src;

	if (runner == NULL)
		return NULL;
	rs = xcalloc(1, sizeof *rs);
	rs->runner = runner;
	rs->session = session;
	src = xcalloc(1, sizeof *src);
	src->ops = &runner_ops;
	src->impl = rs;
	src->scenario = args->scenario;
	if (args->scenario != NULL && !args->scenario->takes_command)
		snprintf(src->label, sizeof src->label, "%s", args->scenario->id);
	else
		strv_join(args->command, src->label, sizeof src->label);
	return src;
}

void LiveSource_delete(LiveSource *src)
{
	if (src == NULL)
		return;
	src->ops->delete(src->impl);
	free(src);
}
