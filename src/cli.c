/*
 * Command-line parsing (see cli.h). Everything after "--" is the command to
 * watch, untouched; "inspect" and "bench" are sub-commands; name=value words
 * are options of the chosen scenario, checked against its caps here.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/i18n.h"
#include "live/breakpoint.h"
#include "live/on_break.h"
#include "ui/keys.h"
#include "ui/settings.h"

void cli_usage(FILE *out)
{
	fputs(_("Usage: forkscope [OPTIONS]                    choose a scenario and watch it\n"
	      "       forkscope [OPTIONS] --scenario ID [NAME=VALUE...]\n"
	      "       forkscope [OPTIONS] -- COMMAND [ARGS...]  watch any command\n"
	      "       forkscope [OPTIONS] -p PID                watch a process and its descendants\n"
	      "       forkscope [OPTIONS] --system              watch the whole machine\n"
	      "       forkscope --batch [--json] (--scenario ID | -- COMMAND | -p PID | --system)\n"
	      "       forkscope --screenshot FILE --scenario ID --step K [--size COLSxROWS]\n"
	      "       forkscope inspect PID [--json [--pretty]] everything forkscope reads of one process\n"
	      "       forkscope bench spawn|scale [OPTIONS]     measure the cost of creating processes\n"
	      "       forkscope --list                          the scenario catalogue\n"), out);
	fputs(_("\n"
	      "Options:\n"
	      "  -s, --scenario ID     run scenario ID (see --list); NAME=VALUE sets its options\n"
	      "  -p, --pid PID         follow PID and its descendants (ptrace attach where\n"
	      "                        permitted, else the proc connector)\n"
	      "      --system          every process of the machine (proc connector; /proc\n"
	      "                        polling where the connector is refused)\n"
	      "      --events=SOURCE   ptrace, connector or poll. Scenarios and -- COMMAND use\n"
	      "                        ptrace (exact, and able to hold each instant); connector\n"
	      "                        is lighter for heavy commands; poll misses short lives\n"
	      "  -b, --batch           no terminal: print events and states as text\n"
	      "      --json            with --batch or inspect: JSON (one object per line)\n"
	      "      --step-all        with --batch: the full state of every process at each step\n"
	      "      --duration S      with --batch --system or -p: stop after S seconds\n"
	      "      --run             do not wait at each step: go on at a readable pace\n"
	      "      --hold            hold the processes at every kernel event, not only at steps\n"
	      "      --detach          start the command so that quitting may leave it running\n"
	      "                        (failed execs are then not shown)\n"
	      "      --kill            when quitting, end the started command without asking\n"
	      "      --debug FILE      log the tracer's decisions to FILE (or FORKSCOPE_DEBUG=FILE)\n"
	      "  -d, --delay N         refresh interval in tenths of a second (default 10)\n"
	      "      --no-config       neither read nor write ~/.config/forkscope/forkscope.conf\n"
	      "  -t, --theme NAME      colour theme (default, light, monochrome, high-contrast,\n"
	      "                        solarized-dark, or your own in ~/.config/forkscope/themes)\n"
	      "      --no-color        attributes only (also when NO_COLOR is set)\n"
	      "      --ascii           ASCII line drawing (also when the locale is not UTF-8)\n"
	      "      --screenshot FILE write the screen to FILE (.svg, .html or .txt)\n"
	      "      --step K          with --screenshot: the step to show (0: the scenario list)\n"
	      "      --size COLSxROWS  with --screenshot: the screen size (default 120x40)\n"
	      "      --stable          replace pids and times by stable values\n"
	      "  -l, --list            list the scenarios (--json or --markdown for documents)\n"
	      "  -h, --help            this help\n"
	      "  -V, --version         the version\n"), out);
	/* A string of its own: the block above keeps its translations. */
	fputs(_("      --export-trace FILE\n"
	      "                        with --batch or on the screen: when the run ends (or\n"
	      "                        forkscope quits), write it to FILE as a Chrome trace\n"
	      "                        (open it in ui.perfetto.dev or chrome://tracing)\n"), out);
	fputs(_("      --snapshots MIB   on the screen: keep at most MIB MiB of the panes' state at\n"
	      "                        past events, for [ and ] (default 32, 0: none)\n"), out);
	fputs(_("      --record FILE     write the run (its events and snapshots) to FILE as it goes:\n"
	      "                        JSON lines that --replay opens anywhere, without root\n"
	      "      --replay FILE     show a recording: on the screen with [ and ], or with\n"
	      "                        --batch the event lines the live --batch printed\n"), out);
	fputs(_("      --animate         with --screenshot and --scenario ID, instead of --step:\n"
	      "                        every step in turn, as an SVG that plays in a loop\n"
	      "                        (FILE.svg) or an asciicast recording (FILE.cast)\n"), out);
	/* A block of its own: the options' block above keeps its translation. */
	fputs(_("\n"
	      "Breakpoints (ptrace: -- COMMAND, -p PID, the screen's scenarios):\n"
	      "      --break SPEC      hold a process at a breakpoint (repeatable): exec:PATTERN\n"
	      "                        (its path or argv contains PATTERN), exec~REGEX (argv,\n"
	      "                        POSIX extended), fork (every new process), exit:PATTERN\n"
	      "                        (its program or command line at its exit)\n"
	      "      --break-hold S    with --batch: release a process held at a breakpoint after\n"
	      "                        S seconds (default 0: once its state is printed)\n"
	      "      --on-break CMD    on the screen, D leaves the selected held process stopped\n"
	      "                        and untraced and runs CMD through sh, {pid} replaced by\n"
	      "                        its pid (e.g. 'tmux split-window \"gdb -p {pid}\"'); the\n"
	      "                        watched command then runs without the exec filter, as with\n"
	      "                        --detach\n"), out);
	/* Every key, from the table the screen's help is made from. */
	fputs(_("\nKeys on the screen:\n"), out);
	for (size_t i = 0; i < keys_binding_count(); i++) {
		const KeyBinding *k = keys_binding_at(i);
		if (k->help != NULL)
			fprintf(out, "  %-10s %s\n", k->label, _(k->help));
	}
}

enum {
	OPT_SYSTEM = 256, OPT_EVENTS, OPT_JSON, OPT_STEP_ALL, OPT_DURATION, OPT_RUN, OPT_HOLD,
	OPT_DETACH, OPT_NO_COLOR, OPT_ASCII, OPT_SCREENSHOT, OPT_STEP, OPT_SIZE, OPT_STABLE,
	OPT_MARKDOWN, OPT_NO_CONFIG, OPT_DEBUG, OPT_EXPORT_TRACE, OPT_KILL, OPT_BREAK, OPT_BREAK_HOLD,
	OPT_ON_BREAK, OPT_ANIMATE, OPT_SNAPSHOTS, OPT_RECORD, OPT_REPLAY,
};

static const struct option long_options[] = {
	{ "scenario", required_argument, NULL, 's' },
	{ "pid", required_argument, NULL, 'p' },
	{ "system", no_argument, NULL, OPT_SYSTEM },
	{ "events", required_argument, NULL, OPT_EVENTS },
	{ "batch", no_argument, NULL, 'b' },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "step-all", no_argument, NULL, OPT_STEP_ALL },
	{ "duration", required_argument, NULL, OPT_DURATION },
	{ "run", no_argument, NULL, OPT_RUN },
	{ "hold", no_argument, NULL, OPT_HOLD },
	{ "detach", no_argument, NULL, OPT_DETACH },
	{ "kill", no_argument, NULL, OPT_KILL },
	{ "snapshots", required_argument, NULL, OPT_SNAPSHOTS },
	{ "record", required_argument, NULL, OPT_RECORD },
	{ "replay", required_argument, NULL, OPT_REPLAY },
	{ "debug", required_argument, NULL, OPT_DEBUG },
	{ "break", required_argument, NULL, OPT_BREAK },
	{ "break-hold", required_argument, NULL, OPT_BREAK_HOLD },
	{ "on-break", required_argument, NULL, OPT_ON_BREAK },
	{ "delay", required_argument, NULL, 'd' },
	{ "theme", required_argument, NULL, 't' },
	{ "no-color", no_argument, NULL, OPT_NO_COLOR },
	{ "ascii", no_argument, NULL, OPT_ASCII },
	{ "screenshot", required_argument, NULL, OPT_SCREENSHOT },
	{ "export-trace", required_argument, NULL, OPT_EXPORT_TRACE },
	{ "step", required_argument, NULL, OPT_STEP },
	{ "animate", no_argument, NULL, OPT_ANIMATE },
	{ "size", required_argument, NULL, OPT_SIZE },
	{ "stable", no_argument, NULL, OPT_STABLE },
	{ "list", no_argument, NULL, 'l' },
	{ "markdown", no_argument, NULL, OPT_MARKDOWN },
	{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static int parse_long(const char *text, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

static int parse_size(Cli *cli, const char *text, char *err, size_t errlen)
{
	int cols, rows;
	char extra;

	if (sscanf(text, "%dx%d%c", &cols, &rows, &extra) != 2 || cols < 20 || cols > 500 ||
	    rows < 8 || rows > 300) {
		snprintf(err, errlen, _("--size '%s': give COLSxROWS, 20x8 to 500x300"), text);
		return -1;
	}
	cli->cols = cols;
	cli->rows = rows;
	return 0;
}

/* --break SPEC: checked now, so a bad one stops everything before it starts. */
static int take_break(Cli *cli, const char *spec, char *err, size_t errlen)
{
	const char **more;

	if (breakpoint_check(spec, err, errlen) < 0)
		return -1;
	more = realloc(cli->breaks, (cli->nbreaks + 1) * sizeof *cli->breaks);
	if (more == NULL) {
		snprintf(err, errlen, "%s", _("out of memory"));
		return -1;
	}
	cli->breaks = more;
	cli->breaks[cli->nbreaks++] = spec;
	return 0;
}

static int take_break_hold(Cli *cli, const char *arg, char *err, size_t errlen)
{
	char *end;

	errno = 0;
	cli->break_hold = strtod(arg, &end);
	if (errno != 0 || end == arg || *end != '\0' || !(cli->break_hold >= 0) || cli->break_hold > 86400) {
		snprintf(err, errlen, _("--break-hold '%s': give seconds, 0 to 86400"), arg);
		return -1;
	}
	return 0;
}

/* One option; -1 with a message on a bad value. */
static int take_option(Cli *cli, int opt, const char *arg, char *err, size_t errlen)
{
	long v;
	char *end;

	switch (opt) {
	case 's': cli->scenario_id = arg; break;
	case 'p':
		if (parse_long(arg, 1, INT_MAX, &v) < 0) {
			snprintf(err, errlen, _("-p '%s': a process id is a positive whole number"), arg);
			return -1;
		}
		cli->pid = (pid_t)v;
		break;
	case OPT_SYSTEM: cli->system = true; break;
	case OPT_EVENTS:
		if (strcmp(arg, "ptrace") != 0 && strcmp(arg, "connector") != 0 && strcmp(arg, "poll") != 0) {
			snprintf(err, errlen, _("--events '%s': choose ptrace, connector or poll"), arg);
			return -1;
		}
		cli->events = arg;
		break;
	case 'b': cli->mode = MODE_BATCH; break;
	case OPT_JSON: cli->json = true; break;
	case OPT_STEP_ALL: cli->step_all = true; break;
	case OPT_DURATION:
		errno = 0;
		cli->duration = strtod(arg, &end);
		if (errno != 0 || end == arg || *end != '\0' || !(cli->duration > 0) || cli->duration > 86400) {
			snprintf(err, errlen, _("--duration '%s': give seconds, more than 0 and at most 86400"),
				 arg);
			return -1;
		}
		break;
	case OPT_RUN: cli->run_mode = true; break;
	case OPT_HOLD: cli->hold = true; break;
	case OPT_DETACH: cli->detach_on_quit = true; break;
	case OPT_KILL: cli->kill_on_quit = true; break;
	case OPT_SNAPSHOTS: {
		char *rest;
		long mib = strtol(arg, &rest, 10);
		if (*arg == '\0' || *rest != '\0' || mib < 0 || mib > SNAPSHOT_MIB_MAX) {
			snprintf(err, errlen, _("--snapshots '%s': the snapshot store's size in MiB, 0 "
						"(none) to %d"), arg, SNAPSHOT_MIB_MAX);
			return -1;
		}
		cli->snapshot_mib = (int)mib;
		break;
	}
	case OPT_DEBUG: cli->debug_file = arg; break;
	case OPT_BREAK: return take_break(cli, arg, err, errlen);
	case OPT_BREAK_HOLD: cli->break_hold_given = true; return take_break_hold(cli, arg, err, errlen);
	case OPT_ON_BREAK:
		if (!on_break_valid(arg)) {
			snprintf(err, errlen, _("--on-break '%s': give a command that names the process as "
						"{pid}, e.g. 'tmux split-window \"gdb -p {pid}\"'"), arg);
			return -1;
		}
		cli->on_break = arg;
		break;
	case 'd':
		if (parse_long(arg, 1, 600, &v) < 0) {
			snprintf(err, errlen, _("--delay '%s': tenths of a second, 1 to 600"), arg);
			return -1;
		}
		cli->delay_tenths = (int)v;
		break;
	case 't': cli->theme = arg; break;
	case OPT_NO_COLOR: cli->no_color = true; break;
	case OPT_ASCII: cli->ascii = true; break;
	case OPT_SCREENSHOT: cli->screenshot = arg; cli->mode = MODE_SCREENSHOT; break;
	case OPT_EXPORT_TRACE: cli->export_trace = arg; break;
	case OPT_RECORD: cli->record = arg; break;
	case OPT_REPLAY: cli->replay = arg; break;
	case OPT_STEP:
		if (parse_long(arg, -1, 1000, &v) < 0) {
			snprintf(err, errlen, _("--step '%s': a step number (0: the scenario list, -1: help)"),
				 arg);
			return -1;
		}
		cli->step = (int)v;
		cli->step_given = true;
		break;
	case OPT_ANIMATE: cli->animate = true; break;
	case OPT_SIZE: return parse_size(cli, arg, err, errlen);
	case OPT_STABLE: cli->stable = true; break;
	case 'l': cli->mode = MODE_LIST; break;
	case OPT_MARKDOWN: cli->markdown = true; break;
	case OPT_NO_CONFIG: cli->no_config = true; break;
	case 'h': cli->mode = MODE_HELP; break;
	case 'V': cli->mode = MODE_VERSION; break;
	default:
		snprintf(err, errlen, "%s", _("unknown option (see 'forkscope --help')"));
		return -1;
	}
	return 0;
}

static int take_subcommand(Cli *cli, int argc, char **argv, char *err, size_t errlen)
{
	long v;

	if (strcmp(argv[1], "bench") == 0) {
		cli->mode = MODE_BENCH;
		cli->sub_argc = argc - 1;
		cli->sub_argv = argv + 1;
		return 1;
	}
	if (strcmp(argv[1], "inspect") != 0)
		return 0;
	cli->mode = MODE_INSPECT;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			cli->json = true;
		else if (strcmp(argv[i], "--pretty") == 0)
			cli->json = cli->pretty = true;
		else if (cli->pid == 0 && parse_long(argv[i], 1, INT_MAX, &v) == 0)
			cli->pid = (pid_t)v;
		else {
			snprintf(err, errlen, _("inspect: unexpected '%s' (usage: forkscope inspect PID [--json [--pretty]])"),
				 argv[i]);
			return -1;
		}
	}
	if (cli->pid == 0) {
		snprintf(err, errlen, "%s",
			 _("inspect: which process? (usage: forkscope inspect PID [--json [--pretty]])"));
		return -1;
	}
	return 1;
}

/* name=value words given after --scenario ID. */
static int take_scenario(Cli *cli, char **words, int nwords, char *err, size_t errlen)
{
	const Scenario *sc = scenario_find(cli->scenario_id);

	if (sc == NULL) {
		snprintf(err, errlen, _("no scenario '%s' (see 'forkscope --list')"), cli->scenario_id);
		return -1;
	}
	ScenarioArgs_init(&cli->args, sc);
	for (int i = 0; i < nwords; i++)
		if (ScenarioArgs_set(&cli->args, words[i], err, errlen) < 0)
			return -1;
	cli->args.command = cli->command;
	if (sc->takes_command && cli->command == NULL) {
		snprintf(err, errlen, _("scenario '%s' needs a command: forkscope --scenario %s -- COMMAND"),
			 sc->id, sc->id);
		return -1;
	}
	return 0;
}

/* Breakpoints hold a process at a ptrace stop: where nothing is traced,
 * or nobody could answer, they are refused before anything starts. */
static int check_breaks(const Cli *cli, char *err, size_t errlen)
{
	bool ptrace_source = cli->events == NULL || strcmp(cli->events, "ptrace") == 0;

	if ((cli->break_hold_given || cli->on_break != NULL) && cli->nbreaks == 0) {
		snprintf(err, errlen, "%s", _("--break-hold and --on-break go with --break SPEC"));
		return -1;
	}
	if (cli->nbreaks == 0)
		return 0;
	if (cli->system || !ptrace_source) {
		snprintf(err, errlen, "%s", _("breakpoints need ptrace: they hold a process at its stop, "
					      "which the proc connector and polling cannot (not with "
					      "--system or --events=connector|poll)"));
		return -1;
	}
	if (cli->mode == MODE_BATCH && cli->scenario_id != NULL) {
		snprintf(err, errlen, "%s", _("--batch --break works with -- COMMAND or -p PID, not with "
					      "a scenario (its steps already hold every instant shown)"));
		return -1;
	}
	if (cli->mode == MODE_BATCH && cli->on_break != NULL) {
		snprintf(err, errlen, "%s", _("--on-break is the screen's (key D): --batch releases "
					      "after --break-hold"));
		return -1;
	}
	if (cli->mode != MODE_BATCH && cli->break_hold_given) {
		snprintf(err, errlen, "%s", _("--break-hold is for --batch: on the screen, c releases"));
		return -1;
	}
	return 0;
}

static bool ends_with_nocase(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && strcasecmp(s + n - m, suffix) == 0;
}

/* --animate: a scenario's every step, into an animated SVG or a cast. */
static int check_animate(const Cli *cli, char *err, size_t errlen)
{
	if (cli->mode != MODE_SCREENSHOT)
		snprintf(err, errlen, "%s", _("--animate goes with --screenshot FILE (.svg or .cast)"));
	else if (cli->scenario_id == NULL)
		snprintf(err, errlen, "%s", _("--animate needs --scenario ID"));
	else if (cli->step_given)
		snprintf(err, errlen, "%s", _("--animate shows every step: leave out --step"));
	else if (!ends_with_nocase(cli->screenshot, ".svg") && !ends_with_nocase(cli->screenshot, ".cast"))
		snprintf(err, errlen, _("--animate writes FILE.svg or FILE.cast, not '%s'"),
			 cli->screenshot);
	else
		return 0;
	return -1;
}

static int check_combination(Cli *cli, int nwords, char *err, size_t errlen)
{
	int targets = (cli->scenario_id != NULL) + (cli->command != NULL && cli->scenario_id == NULL) +
		      (cli->pid != 0) + cli->system + (cli->replay != NULL);

	if (nwords > 0 && cli->scenario_id == NULL) {
		snprintf(err, errlen, "%s",
			 _("NAME=VALUE options belong to a scenario: --scenario ID NAME=VALUE"));
		return -1;
	}
	if (targets > 1) {
		snprintf(err, errlen, "%s",
			 _("choose one of --scenario, -- COMMAND, -p PID, --system and --replay"));
		return -1;
	}
	if (cli->detach_on_quit && cli->kill_on_quit) {
		snprintf(err, errlen, "%s", _("--detach and --kill say opposite things: choose one"));
		return -1;
	}
	if (cli->mode == MODE_SCREENSHOT && cli->scenario_id == NULL && cli->step > 0) {
		snprintf(err, errlen, "%s", _("--screenshot of a step needs --scenario ID"));
		return -1;
	}
	if (cli->animate && check_animate(cli, err, errlen) < 0)
		return -1;
	if ((cli->record != NULL || cli->replay != NULL) && cli->mode != MODE_BATCH &&
	    cli->mode != MODE_UI) {
		snprintf(err, errlen, "%s", _("--record and --replay go with --batch or the screen"));
		return -1;
	}
	if (cli->record != NULL && cli->replay != NULL) {
		snprintf(err, errlen, "%s", _("--replay shows a recording: it records nothing new"));
		return -1;
	}
	if (cli->export_trace != NULL && cli->mode != MODE_BATCH && cli->mode != MODE_UI) {
		snprintf(err, errlen, "%s", _("--export-trace writes what --batch or the screen watched"));
		return -1;
	}
	if (cli->mode == MODE_BATCH && targets == 0) {
		snprintf(err, errlen, "%s", _("--batch needs something to run or watch: "
					      "--scenario ID, -- COMMAND, -p PID, --system or "
					      "--replay FILE"));
		return -1;
	}
	return check_breaks(cli, err, errlen);
}

void cli_done(Cli *cli)
{
	free(cli->breaks);
	cli->breaks = NULL;
	cli->nbreaks = 0;
}

/* "--name=value" where --name takes no value (getopt calls it unknown):
 * the length of "--name", else 0. */
static int flag_given_a_value(const char *arg)
{
	const char *eq = strchr(arg, '=');

	if (strncmp(arg, "--", 2) != 0 || eq == NULL)
		return 0;
	for (const struct option *o = long_options; o->name != NULL; o++)
		if (o->has_arg == no_argument && strlen(o->name) == (size_t)(eq - arg - 2) &&
		    strncmp(o->name, arg + 2, (size_t)(eq - arg - 2)) == 0)
			return (int)(eq - arg);
	return 0;
}

int cli_parse(Cli *cli, int argc, char **argv, char *err, size_t errlen)
{
	char **words;
	int nwords = 0, opt, r;

	memset(cli, 0, sizeof *cli);
	cli->snapshot_mib = -1;
	cli->delay_tenths = 10;
	cli->cols = 120;
	cli->rows = 40;
	cli->step = 0;
	if (argc > 1 && (r = take_subcommand(cli, argc, argv, err, errlen)) != 0)
		return r < 0 ? -1 : 0;
	/* Split at "--": what follows is the command, never parsed as options. */
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--") == 0) {
			if (i + 1 >= argc) {
				snprintf(err, errlen, "%s", _("nothing after '--': give the command to watch"));
				return -1;
			}
			cli->command = &argv[i + 1];
			argc = i;
			break;
		}
	words = calloc((size_t)argc, sizeof *words);
	if (words == NULL) {
		snprintf(err, errlen, "%s", _("out of memory"));
		return -1;
	}
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":s:p:bd:t:lhV", long_options, NULL)) != -1) {
		if (opt == '?' || opt == ':') {
			const char *what = argv[optind - 1];
			int flag_len = opt == '?' ? flag_given_a_value(what) : 0;
			if (flag_len > 0)
				snprintf(err, errlen, _("option '%.*s' takes no value"), flag_len, what);
			else
				snprintf(err, errlen, opt == '?' ? _("unknown option '%s' (see 'forkscope --help')")
							       : _("option '%s' needs a value"), what);
			free(words);
			return -1;
		}
		if (take_option(cli, opt, optarg, err, errlen) < 0) {
			free(words);
			return -1;
		}
	}
	for (int i = optind; i < argc; i++) {
		if (strchr(argv[i], '=') == NULL) {
			snprintf(err, errlen, _("unexpected '%s' (see 'forkscope --help')"), argv[i]);
			free(words);
			return -1;
		}
		words[nwords++] = argv[i];
	}
	r = check_combination(cli, nwords, err, errlen);
	if (r == 0 && cli->scenario_id != NULL)
		r = take_scenario(cli, words, nwords, err, errlen);
	free(words);
	return r;
}
