/* Starting a program under the tracer: see spawn.h. */
#include "live/spawn.h"

#include <errno.h>

void live_set_breaks(Tracer *t, ExecCapture *capture, BreakList *breaks)
{
	if (breaks != NULL && capture != NULL)
		breaks->execs = capture->log;
	Tracer_set_break(t, breaks != NULL ? breakpoint_tracer_fn : NULL, breaks);
}

int live_spawn_traced(const TracerSpawn *spec, ExecCapture *capture, BreakList *breaks,
		      Tracer **tracer, pid_t *pid)
{
	Tracer *t = Tracer_new();
	int rc;

	*tracer = NULL;
	if (t == NULL)
		return -errno;
	if (capture != NULL)
		Tracer_set_hook(t, ExecCapture_event, capture);
	live_set_breaks(t, capture, breaks);
	rc = Tracer_spawn(t, spec, pid);
	if (rc < 0) {
		Tracer_delete(t);
		return rc;
	}
	*tracer = t;
	return 0;
}
