/*
 * forkscope --list: one block per scenario (id, title, steps, options with
 * their defaults and caps), or one JSON document with the same content.
 * Text and Markdown are for people and translated; JSON is for programs
 * and stays in the catalogue's own words.
 */
#include "print/catalogue.h"

#include <json-c/json.h>

#include "base/i18n.h"
#include "scenario/catalog.h"

static json_object *scenario_json(const Scenario *sc)
{
	json_object *o = json_object_new_object();
	json_object *steps = json_object_new_array();
	json_object *params = json_object_new_array();

	json_object_object_add(o, "id", json_object_new_string(sc->id));
	json_object_object_add(o, "title", json_object_new_string(sc->title));
	json_object_object_add(o, "explanation", json_object_new_string(sc->explanation));
	for (int i = 0; i < sc->nsteps; i++)
		json_object_array_add(steps, json_object_new_string(sc->steps[i].caption));
	json_object_object_add(o, "steps", steps);
	for (int i = 0; i < sc->nparams; i++) {
		const ScenarioParam *p = &sc->params[i];
		json_object *jp = json_object_new_object();
		json_object_object_add(jp, "name", json_object_new_string(p->name));
		json_object_object_add(jp, "unit", json_object_new_string(p->unit));
		json_object_object_add(jp, "help", json_object_new_string(p->help));
		json_object_object_add(jp, "default", json_object_new_int64(p->def));
		json_object_object_add(jp, "min", json_object_new_int64(p->min));
		json_object_object_add(jp, "max", json_object_new_int64(p->max));
		json_object_array_add(params, jp);
	}
	json_object_object_add(o, "options", params);
	json_object_object_add(o, "max_processes", json_object_new_int(sc->max_procs));
	return o;
}

/* A parameter's unit, translated; many have none. */
static const char *unit_text(const ScenarioParam *p)
{
	return p->unit[0] != '\0' ? _(p->unit) : "";
}

static void scenario_text(FILE *out, const Scenario *sc)
{
	fprintf(out, "%-20s %s ", sc->id, _(sc->title));
	fprintf(out, ngettext("(%d step)", "(%d steps)", (unsigned long)sc->nsteps), sc->nsteps);
	fputc('\n', out);
	for (int i = 0; i < sc->nparams; i++) {
		const ScenarioParam *p = &sc->params[i];
		fprintf(out, "%-20s   %s=%ld  %s ", "", p->name, p->def, _(p->help));
		/* TRANSLATORS: a parameter's range and unit: "(1 to 256 MiB)". */
		fprintf(out, _("(%ld to %ld%s%s)\n"), p->min, p->max, p->unit[0] ? " " : "", unit_text(p));
	}
}

static void scenario_markdown(FILE *out, const Scenario *sc)
{
	fprintf(out, "## %s — %s\n\n%s\n\n", sc->id, _(sc->title), _(sc->explanation));
	fprintf(out, _("Run it: `forkscope --scenario %s`%s, or without a terminal: "
		       "`forkscope --batch --step-all --scenario %s`%s.\n\n"),
		sc->id, sc->takes_command ? " -- COMMAND" : "", sc->id,
		sc->takes_command ? " -- COMMAND" : "");
	if (sc->nparams > 0) {
		fputs(_("| option | default | range | meaning |\n"), out);
		fputs("|---|---|---|---|\n", out);
		for (int i = 0; i < sc->nparams; i++) {
			const ScenarioParam *p = &sc->params[i];
			/* TRANSLATORS: a Markdown table row: option, default, range and unit, meaning. */
			fprintf(out, _("| `%s` | %ld | %ld to %ld%s%s | %s |\n"), p->name, p->def, p->min,
				p->max, p->unit[0] ? " " : "", unit_text(p), _(p->help));
		}
		fputc('\n', out);
	}
	fputs(_("What happens, step by step, and what to look at:\n\n"), out);
	for (int i = 0; i < sc->nsteps; i++)
		fprintf(out, "%d. %s\n", i + 1, _(sc->steps[i].caption));
	fputc('\n', out);
}

static void catalogue_markdown(FILE *out)
{
	size_t n = scenario_count();

	fputs(_("# forkscope scenarios\n\n"), out);
	fputs("<!-- Made by `make doc/scenarios.md` (forkscope --list --markdown) from the\n"
	      "     catalogue in src/scenario/scenarios/: edit those, not this file. -->\n\n", out);
	fputs(_("Each scenario is one point about how Linux creates processes, shown step by\n"
		"step on the real kernel. At each step the demonstration stops; the panes show\n"
		"that instant, and the caption says what just happened and where to look.\n\n"), out);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "- `%s`: %s\n", scenario_at(i)->id, _(scenario_at(i)->title));
	fputc('\n', out);
	for (size_t i = 0; i < n; i++)
		scenario_markdown(out, scenario_at(i));
}

int catalogue_print(FILE *out, CatalogueFormat format)
{
	size_t n = scenario_count();

	if (format == CATALOGUE_MARKDOWN) {
		catalogue_markdown(out);
	} else if (format == CATALOGUE_JSON) {
		json_object *all = json_object_new_array();
		for (size_t i = 0; i < n; i++)
			json_object_array_add(all, scenario_json(scenario_at(i)));
		fprintf(out, "%s\n", json_object_to_json_string_ext(all, JSON_C_TO_STRING_PRETTY |
								     JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(all);
	} else {
		for (size_t i = 0; i < n; i++)
			scenario_text(out, scenario_at(i));
	}
	return fflush(out) == 0 && !ferror(out) ? 0 : 1;
}
