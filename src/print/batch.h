/* forkscope --batch --scenario ID: a scenario without a terminal. */
#ifndef FORKSCOPE_PRINT_BATCH_H
#define FORKSCOPE_PRINT_BATCH_H

#include <stdbool.h>

#include "scenario/catalog.h"

typedef struct BatchOptions {
	bool json;                /* JSON lines */
	bool step_all;            /* every process's state at every step, not only the last */
	bool stable;              /* stable pids, no times */
	const char *export_trace; /* the run's Chrome trace, written at the end; NULL none */
	const char *record;       /* the run's recording, written as it goes; NULL none */
} BatchOptions;

/* Runs the scenario through every step, printing per step the caption, the
 * events since the last step and (at every step with step_all, else at the
 * last) the state of each process. Returns 0 when the demo finished with
 * status 0, 1 otherwise (also when the trace or the recording could not
 * be written). (A command of the user's is watched by watch.c.) */
int batch_scenario(const ScenarioArgs *args, const BatchOptions *opt);

#endif
