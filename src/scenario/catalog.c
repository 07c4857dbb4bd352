/*
 * The catalogue's table, in the order of the course notes. Each scenario's
 * text (title, explanation, steps, parameters) is a row defined in its own
 * file under src/scenario/scenarios/.
 */
#include "scenario/catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

#include "base/i18n.h"

#define ROW(name) extern const Scenario scenario_##name __attribute__((weak))
ROW(fork); ROW(fork_exec); ROW(exec_family); ROW(cloexec); ROW(vfork); ROW(cow);
ROW(system); ROW(popen); ROW(spawn_plain); ROW(spawn_file_actions); ROW(spawn_attrs);
ROW(zombie_orphan); ROW(mmap_shared); ROW(scale); ROW(spawn_cost); ROW(clone3_pidfd);
ROW(custom);
ROW(threads_fork); ROW(daemon); ROW(pid_namespace);
ROW(sigmask); ROW(signal_death); ROW(sigchld);
ROW(fork_fail); ROW(stdio_fork); ROW(inherit);

static const Scenario *const table[] = {
	&scenario_fork, &scenario_fork_exec, &scenario_exec_family, &scenario_cloexec,
	&scenario_vfork, &scenario_cow, &scenario_system, &scenario_popen,
	&scenario_spawn_plain, &scenario_spawn_file_actions, &scenario_spawn_attrs,
	&scenario_zombie_orphan, &scenario_mmap_shared, &scenario_scale,
	&scenario_spawn_cost, &scenario_clone3_pidfd, &scenario_custom,
	&scenario_threads_fork, &scenario_daemon, &scenario_pid_namespace,
	&scenario_sigmask, &scenario_signal_death, &scenario_sigchld,
	&scenario_fork_fail, &scenario_stdio_fork, &scenario_inherit,
};

/* Rows not linked in (weak, address NULL) are skipped. */
size_t scenario_count(void)
{
	size_t n = 0;

	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		n += table[i] != NULL;
	return n;
}

const Scenario *scenario_at(size_t i)
{
	for (size_t k = 0; k < sizeof table / sizeof table[0]; k++) {
		if (table[k] == NULL)
			continue;
		if (i-- == 0)
			return table[k];
	}
	return NULL;
}

const Scenario *scenario_find(const char *id)
{
	for (size_t k = 0; k < sizeof table / sizeof table[0]; k++)
		if (table[k] != NULL && strcmp(table[k]->id, id) == 0)
			return table[k];
	return NULL;
}

const ScenarioParam *scenario_param(const Scenario *sc, const char *name)
{
	for (int i = 0; i < sc->nparams; i++)
		if (strcmp(sc->params[i].name, name) == 0)
			return &sc->params[i];
	return NULL;
}

void ScenarioArgs_init(ScenarioArgs *args, const Scenario *sc)
{
	memset(args, 0, sizeof *args);
	args->scenario = sc;
	for (int i = 0; i < sc->nparams && i < 8; i++)
		args->values[i] = sc->params[i].def;
}

int ScenarioArgs_set(ScenarioArgs *args, const char *assignment, char *err, size_t errlen)
{
	const Scenario *sc = args->scenario;
	const char *eq = strchr(assignment, '=');
	char *end;
	long v;

	if (eq == NULL || eq == assignment) {
		snprintf(err, errlen, _("'%s': a scenario option is name=value"), assignment);
		return -1;
	}
	for (int i = 0; i < sc->nparams && i < 8; i++) {
		const ScenarioParam *p = &sc->params[i];
		if (strlen(p->name) != (size_t)(eq - assignment) ||
		    strncmp(p->name, assignment, (size_t)(eq - assignment)) != 0)
			continue;
		errno = 0;
		v = strtol(eq + 1, &end, 10);
		if ((errno != 0 && errno != ERANGE) || end == eq + 1 || *end != '\0') {
			snprintf(err, errlen, _("%s: '%s' is not a whole number"), p->name, eq + 1);
			return -1;
		}
		/* Too large even for a long (ERANGE) is out of range too. */
		if (errno == ERANGE || v < p->min || v > p->max) {
			/* TRANSLATORS: "size=999 is out of range: size takes 1 to
			 * 256 MiB"; the last %s%s is " " and the unit (MiB,
			 * workers, ...) or two empty strings. */
			snprintf(err, errlen, _("%s=%s is out of range: %s takes %ld to %ld%s%s"),
				 p->name, eq + 1, p->name, p->min, p->max, p->unit[0] ? " " : "",
				 p->unit[0] ? _(p->unit) : "");
			return -1;
		}
		args->values[i] = v;
		return 0;
	}
	snprintf(err, errlen, _("scenario '%s' has no option '%.*s'"), sc->id,
		 (int)(eq - assignment), assignment);
	return -1;
}
