/*
 * Every scenario's options, written once: the catalogue's rows (what
 * forkscope checks a name=value against and lists) and the demo helper
 * (what it takes when run by hand, and the bounds its arrays are sized to)
 * read the same lines. The strings are marked for translation with N_()
 * (the includer defines it, as base/i18n.h and the demo do).
 */
#ifndef FORKSCOPE_SCENARIO_PARAMS_H
#define FORKSCOPE_SCENARIO_PARAMS_H

#include "scenario/catalog.h"

/* The caps that size a demo's arrays. */
#define FORK_FAIL_LIMIT_MAX 16
#define MMAP_SHARED_WORKERS_MAX 8
#define SCALE_WORKERS_MAX 64
#define SPAWN_COST_REPS_MAX 200
#define STDIO_FORK_RUNS_MAX 20

#define PARAMS_COW \
	{ "size", N_("MiB"), N_("memory the parent writes before fork"), 64, 1, 1024 },
#define PARAMS_CUSTOM \
	{ "timeout", N_("s"), N_("seconds the command may run (including time held at a step); then " \
	     "SIGTERM, and SIGKILL 5 s later"), 600, 1, 86400 },
#define PARAMS_FORK \
	{ "size", N_("MiB"), N_("memory the parent writes before fork"), 16, 1, 256 },
#define PARAMS_FORK_FAIL \
	{ "limit", N_("processes"), N_("processes the limit allows: the limited one and its children"), \
	  4, 2, FORK_FAIL_LIMIT_MAX }, \
	{ "rlimit", "", N_("1: RLIMIT_NPROC even where a pids cgroup could be made"), 0, 0, 1 },
#define PARAMS_MMAP_SHARED \
	{ "workers", N_("workers"), N_("workers of each kind"), 4, 2, MMAP_SHARED_WORKERS_MAX }, \
	{ "size", N_("MiB"), N_("size of the file"), 16, 1, 64 },
#define PARAMS_SCALE \
	{ "workers", N_("workers"), N_("the largest N (0: four times the CPUs)"), 0, 0, SCALE_WORKERS_MAX }, \
	{ "units", N_("units"), N_("units of work in the job, the same for every N"), 16000, 16, 200000 }, \
	{ "unit_kiter", N_("thousand iterations"), N_("work per unit: its cost against a message's"), 3, 1, 100 },
#define PARAMS_SPAWN_COST \
	{ "max_mib", N_("MiB"), N_("the parent's largest size; it is also measured at 0, 1/16 and 1/4 of it"), \
	  256, 1, 1024 }, \
	{ "reps", N_("runs"), N_("timed spawns per method and size (after one warm-up)"), 15, 3, \
	  SPAWN_COST_REPS_MAX },
#define PARAMS_STDIO_FORK \
	{ "runs", N_("runs"), N_("runs of printf, fork and flush to the file"), 8, 2, STDIO_FORK_RUNS_MAX },
#define PARAMS_VFORK \
	{ "size", N_("MiB"), N_("memory the parent writes before vfork"), 16, 1, 256 },

/* The option name of scenario id (the demo's lookup); NULL when it has no
 * such option. */
const ScenarioParam *scenario_option(const char *id, const char *name);

#endif
