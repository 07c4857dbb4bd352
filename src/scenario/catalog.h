/*
 * The scenario catalogue: each demonstration is a row of a table, with its
 * explanation, its named parameters and its steps. The demo helper
 * (src/scenario/demo) performs the same steps and announces each with a
 * STEP report; a test checks that the two agree on the step count.
 */
#ifndef FORKSCOPE_SCENARIO_CATALOG_H
#define FORKSCOPE_SCENARIO_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

typedef struct ScenarioParam {
	const char *name;      /* "size" */
	const char *unit;      /* "MiB", "workers", "" */
	const char *help;
	long def, min, max;    /* the caps: no option can pass max */
} ScenarioParam;

typedef struct ScenarioStep {
	const char *caption;   /* what is about to happen and what to look at */
} ScenarioStep;

typedef struct Scenario {
	const char *id;
	const char *title;
	const char *explanation;   /* a paragraph */
	const ScenarioStep *steps;
	int nsteps;
	const ScenarioParam *params;
	int nparams;
	int max_procs;             /* cap on processes the demo may create at once */
	bool takes_command;        /* custom: runs the user's command line */
} Scenario;

size_t scenario_count(void);
const Scenario *scenario_at(size_t i);
const Scenario *scenario_find(const char *id);
const ScenarioParam *scenario_param(const Scenario *sc, const char *name);

/* Parameter values for one run, checked against the caps. */
typedef struct ScenarioArgs {
	const Scenario *scenario;  /* borrowed */
	long values[8];            /* by index of scenario->params */
	char **command;            /* borrowed argv for custom, NULL-terminated */
} ScenarioArgs;

void ScenarioArgs_init(ScenarioArgs *args, const Scenario *sc);
/* Parses "name=value". Returns 0, or -1 and writes a message for the user. */
int ScenarioArgs_set(ScenarioArgs *args, const char *assignment, char *err, size_t errlen);

#endif
