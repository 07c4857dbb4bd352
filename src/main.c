/*
 * forkscope: the command line and the modes. main parses everything first
 * (cli.c), then hands over to exactly one mode; each mode owns its exit
 * path (the ui restores the terminal, runners reap their children).
 */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "bench/bench.h"
#include "cli.h"
#include "print/batch.h"
#include "print/replay.h"
#include "print/catalogue.h"
#include "print/inspect.h"
#include "print/watch.h"
#include "trace/tracer.h"
#include "trace/tracer_log.h"
#include "ui/ui.h"

static void ui_options_from(UiOptions *ui, const Cli *cli, BreakList *breaks)
{
	const char *no_color = getenv("NO_COLOR");

	memset(ui, 0, sizeof *ui);
	ui->theme = cli->theme;
	ui->delay_tenths = cli->delay_tenths;
	ui->monochrome = cli->no_color || (no_color != NULL && no_color[0] != '\0');
	ui->ascii = cli->ascii;
	ui->start = cli->scenario_id != NULL || cli->command != NULL ? &cli->args : NULL;
	ui->step_mode = !cli->run_mode;
	ui->watch_pid = cli->pid;
	ui->watch_system = cli->system;
	ui->events = cli->events;
	ui->stable = cli->stable;
	ui->hold_all = cli->hold;
	ui->detach_on_quit = cli->detach_on_quit;
	ui->kill_on_quit = cli->kill_on_quit;
	ui->snapshot_mib = cli->snapshot_mib;
	ui->record = cli->record;
	ui->replay = cli->replay;
	ui->no_config = cli->no_config;
	ui->export_trace = cli->export_trace;
	ui->breaks = breaks;
	ui->on_break = cli->on_break;
}

/* The --break specs, checked by cli_parse already. */
static void breaks_from(BreakList *breaks, const Cli *cli)
{
	char err[256];

	BreakList_init(breaks);
	for (size_t i = 0; i < cli->nbreaks; i++)
		if (BreakList_add(breaks, cli->breaks[i], err, sizeof err) < 0)
			fprintf(stderr, "forkscope: %s\n", err);
}

/* The interactive screen needs a real terminal: say so instead of drawing garbage. */
static int check_terminal(void)
{
	const char *term = getenv("TERM");

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs(_("forkscope: the interactive screen needs a terminal on standard input and output;\n"
			"  use --batch for text or JSON, or --screenshot FILE for a picture\n"), stderr);
		return -1;
	}
	if (term == NULL || term[0] == '\0') {
		fputs(_("forkscope: TERM is not set: the screen needs a terminal that can move the cursor\n"
			"  (set TERM, e.g. TERM=xterm-256color), or use --batch\n"), stderr);
		return -1;
	}
	if (strcmp(term, "dumb") == 0) {
		fputs(_("forkscope: TERM is 'dumb': the screen needs a terminal that can move the cursor\n"
			"  (set TERM, e.g. TERM=xterm-256color), or use --batch\n"), stderr);
		return -1;
	}
	return 0;
}

static int run_batch(const Cli *cli, BreakList *breaks)
{
	WatchOptions w = {
		.command = cli->command,
		.pid = cli->pid,
		.system = cli->system,
		.duration_s = cli->duration,
		.json = cli->json,
		.stable = cli->stable,
		.export_trace = cli->export_trace,
		.record = cli->record,
		.breaks = breaks,
		.break_hold_s = cli->break_hold,
	};

	if (cli->replay != NULL)
		return replay_batch(&(ReplayOptions){ .path = cli->replay, .json = cli->json,
				    .stable = cli->stable, .export_trace = cli->export_trace });
	if (cli->scenario_id != NULL)
		return batch_scenario(&cli->args, &(BatchOptions){ .json = cli->json,
				      .step_all = cli->step_all, .stable = cli->stable,
				      .export_trace = cli->export_trace, .record = cli->record });
	watch_source_parse(cli->events, &w.source); /* cli_parse checked the name */
	return watch_batch(&w);
}

/* Exactly one mode, chosen by the command line. */
static int run_mode(const Cli *cli, UiOptions *ui, BreakList *breaks)
{
	switch (cli->mode) {
	case MODE_HELP:
		cli_usage(stdout);
		return 0;
	case MODE_VERSION:
		printf("forkscope %s\n", PACKAGE_VERSION);
		return 0;
	case MODE_LIST:
		return catalogue_print(stdout, cli->markdown ? CATALOGUE_MARKDOWN :
					       cli->json ? CATALOGUE_JSON : CATALOGUE_TEXT);
	case MODE_INSPECT:
		return inspect_print(stdout, cli->pid, cli->json, cli->pretty);
	case MODE_BENCH:
		return bench_main(cli->sub_argc, cli->sub_argv);
	case MODE_BATCH:
		return run_batch(cli, breaks);
	case MODE_SCREENSHOT:
		ui_options_from(ui, cli, breaks);
		if (cli->animate)
			return ui_screenshot_animated(ui, cli->screenshot, cli->cols, cli->rows);
		return ui_screenshot(ui, cli->screenshot, cli->step, cli->cols, cli->rows);
	case MODE_UI:
		if (check_terminal() < 0)
			return 2;
		ui_options_from(ui, cli, breaks);
		return ui_main(ui);
	}
	return 0;
}

int main(int argc, char **argv)
{
	Cli cli;
	UiOptions ui;
	BreakList breaks;
	char err[512];
	int code;

	/* Before anything changes a disposition: the programs forkscope starts
	 * get the signal state forkscope itself was given. */
	tracer_save_signal_state();
	setlocale(LC_ALL, "");
	/* FORKSCOPE_LOCALEDIR: the build tree's catalogues, for tests before make install. */
	const char *localedir = secure_getenv("FORKSCOPE_LOCALEDIR");
	bindtextdomain(PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
	textdomain(PACKAGE);
	if (cli_parse(&cli, argc, argv, err, sizeof err) < 0) {
		fprintf(stderr, "forkscope: %s\n", err);
		cli_done(&cli);
		return 2;
	}
	/* JSON is for programs: what lands in it stays English (see i18n.h). */
	i18n_set_machine_output(cli.json && (cli.mode == MODE_BATCH || cli.mode == MODE_INSPECT ||
					     cli.mode == MODE_LIST));
	if (!tracer_log_open(cli.debug_file)) {
		fprintf(stderr, _("forkscope: cannot open the debug log %s: %s\n"),
			cli.debug_file != NULL ? cli.debug_file : getenv("FORKSCOPE_DEBUG"), strerror(errno));
		cli_done(&cli);
		return 2;
	}
	if (cli.command != NULL && cli.scenario_id == NULL) {
		/* -- COMMAND: the user's command, traced directly (no helper). */
		cli.args.scenario = NULL;
		cli.args.command = cli.command;
		/* --on-break leaves a process stopped for a debugger: no exec filter. */
		cli.args.detachable = cli.detach_on_quit || cli.on_break != NULL;
	}
	breaks_from(&breaks, &cli);
	cli.args.breaks = &breaks;
	code = run_mode(&cli, &ui, &breaks);
	BreakList_done(&breaks);
	cli_done(&cli);
	return code;
}
