/* The options' table for the demo helper: see params.h. */
#include "scenario/params.h"

#include <string.h>

#ifndef N_
#define N_(s) (s)
#endif

static const ScenarioParam cow[] = { PARAMS_COW };
static const ScenarioParam custom[] = { PARAMS_CUSTOM };
static const ScenarioParam fork_[] = { PARAMS_FORK };
static const ScenarioParam fork_fail[] = { PARAMS_FORK_FAIL };
static const ScenarioParam mmap_shared[] = { PARAMS_MMAP_SHARED };
static const ScenarioParam scale[] = { PARAMS_SCALE };
static const ScenarioParam spawn_cost[] = { PARAMS_SPAWN_COST };
static const ScenarioParam stdio_fork[] = { PARAMS_STDIO_FORK };
static const ScenarioParam vfork_[] = { PARAMS_VFORK };

#define ROW(id, v) { id, v, sizeof v / sizeof v[0] }
static const struct {
	const char *id;
	const ScenarioParam *v;
	size_t n;
} table[] = {
	ROW("cow", cow), ROW("custom", custom), ROW("fork", fork_), ROW("fork-fail", fork_fail),
	ROW("mmap-shared", mmap_shared), ROW("scale", scale), ROW("spawn-cost", spawn_cost),
	ROW("stdio-fork", stdio_fork), ROW("vfork", vfork_),
};

const ScenarioParam *scenario_option(const char *id, const char *name)
{
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		if (strcmp(table[i].id, id) != 0)
			continue;
		for (size_t k = 0; k < table[i].n; k++)
			if (strcmp(table[i].v[k].name, name) == 0)
				return &table[i].v[k];
	}
	return NULL;
}
