/* Starting a program under the tracer: see spawn.h. */
#include "live/spawn.h"

#include <errno.h>

int live_spawn_traced(const TracerSpawn *spec, ExecCapture *capture, Tracer **tracer, pid_t *pid)
{
	Tracer *t = Tracer_new();
	int rc;

	*tracer = NULL;
	if (t == NULL)
		return -errno;
	if (capture != NULL)
		Tracer_set_hook(t, ExecCapture_event, capture);
	rc = Tracer_spawn(t, spec, pid);
	if (rc < 0) {
		Tracer_delete(t);
		return rc;
	}
	*tracer = t;
	return 0;
}
