/* forkscope --batch --scenario ID: a scenario without a terminal. */
#ifndef FORKSCOPE_PRINT_BATCH_H
#define FORKSCOPE_PRINT_BATCH_H

#include <stdbool.h>

#include "scenario/catalog.h"

/* Runs the scenario through every step, printing per step the caption, the
 * events since the last step and (at every step with step_all, else at the
 * last) the state of each process. Returns 0 when the demo finished with
 * status 0, 1 otherwise (also when export_trace, a file for the run's
 * Chrome trace or NULL, could not be written). (A command of the user's is watched by watch.c.) */
int batch_scenario(const ScenarioArgs *args, bool json, bool step_all, bool stable,
		   const char *export_trace);

#endif
