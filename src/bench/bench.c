/*
 * forkscope bench: the dispatch to each benchmark and what their command
 * lines share (see bench.h and cli.h). Nothing here measures: spawn_cmd.c
 * and scale_cmd.c run the data interfaces and print what they return.
 * Messages, help and tables are translated; CSV is not.
 */
#include "bench/bench.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "bench/cli.h"
#include "bench/machine.h"
#include "bench/sample.h"

#define TICK_NS 100000000u  /* redraw the progress line at most every 100 ms */

static const struct {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv, FILE *out, FILE *err);
} bench_commands[] = {
	{ "spawn", N_("latency of fork, vfork, posix_spawn, clone, system, popen as the parent grows"),
	  bench_spawn },
	{ "scale", N_("N worker processes: independent, talking through pipes, sharing an mmap file"),
	  bench_scale },
};

#define BENCH_COMMAND_COUNT (sizeof bench_commands / sizeof bench_commands[0])

static void bench_usage(FILE *f)
{
	fputs(_("usage: forkscope bench BENCHMARK [OPTIONS]\n\nbenchmarks:\n"), f);
	for (size_t i = 0; i < BENCH_COMMAND_COUNT; i++)
		fprintf(f, "  %-7s %s\n", bench_commands[i].name, _(bench_commands[i].summary));
	fputs(_("\n'forkscope bench BENCHMARK --help' lists its options.\n"), f);
}

int bench_run(int argc, char **argv, FILE *out, FILE *err)
{
	if (argc < 2) {
		fputs(_("forkscope bench: which benchmark? (spawn or scale)\n"), err);
		bench_usage(err);
		return BENCH_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
		bench_usage(out);
		return BENCH_EXIT_OK;
	}
	for (size_t i = 0; i < BENCH_COMMAND_COUNT; i++)
		if (strcmp(argv[1], bench_commands[i].name) == 0)
			return bench_commands[i].run(argc, argv, out, err);
	fprintf(err, _("forkscope bench: no benchmark named '%s' (spawn or scale)\n"), argv[1]);
	return BENCH_EXIT_USAGE;
}

int bench_main(int argc, char **argv)
{
	int status = bench_run(argc, argv, stdout, stderr);

	if (fflush(stdout) != 0 && status == BENCH_EXIT_OK)
		status = BENCH_EXIT_FAILED;
	return status;
}

/* ---- options ---------------------------------------------------------- */

void bench_options_usage(const char *cmd, const char *summary, const BenchOpt *opts,
	int n, FILE *out)
{
	fprintf(out, _("usage: forkscope bench %s [OPTIONS]\n%s\n\noptions:\n"), cmd, _(summary));
	for (int i = 0; i < n; i++) {
		char left[40];
		snprintf(left, sizeof left, "%s%s%s", opts[i].name,
			opts[i].value ? "=" : "", opts[i].value ? opts[i].value : "");
		fprintf(out, "  %-18s %s\n", left, _(opts[i].help));
	}
	fprintf(out, "  %-18s %s\n", "--help", _("this help"));
}

static const BenchOpt *option_find(const BenchOpt *opts, int n, const char *arg, size_t len)
{
	for (int i = 0; i < n; i++)
		if (strlen(opts[i].name) == len && strncmp(opts[i].name, arg, len) == 0)
			return &opts[i];
	return NULL;
}

BenchParse bench_options_parse(const char *cmd, const char *summary, const BenchOpt *opts,
	int n, int argc, char **argv, void *args, FILE *out, FILE *err)
{
	char msg[256];

	for (int i = 2; i < argc; i++) {
		const char *arg = argv[i], *eq = strchr(arg, '='), *value = NULL;
		size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
		const BenchOpt *opt;

		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			bench_options_usage(cmd, summary, opts, n, out);
			return BENCH_PARSE_HELP;
		}
		opt = option_find(opts, n, arg, len);
		if (opt == NULL) {
			fprintf(err, _("forkscope bench %s: unknown option '%s' (see --help)\n"), cmd, arg);
			return BENCH_PARSE_ERROR;
		}
		if (opt->value != NULL && eq == NULL && i + 1 >= argc) {
			fprintf(err, _("forkscope bench %s: %s needs a value: %s=%s\n"), cmd, opt->name,
				opt->name, opt->value);
			return BENCH_PARSE_ERROR;
		}
		if (opt->value != NULL)
			value = eq ? eq + 1 : argv[++i];
		else if (eq != NULL) {
			fprintf(err, _("forkscope bench %s: %s takes no value\n"), cmd, opt->name);
			return BENCH_PARSE_ERROR;
		}
		if (opt->apply(args, value, msg, sizeof msg) != 0) {
			fprintf(err, "forkscope bench %s: %s\n", cmd, msg);
			return BENCH_PARSE_ERROR;
		}
	}
	return BENCH_PARSE_OK;
}

int bench_parse_number(const char *s, long min, long max, long *out,
	const char *what, char *err, size_t errlen)
{
	long value = 0;
	const char *p = s;

	if (*p == '\0')
		goto bad;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			goto bad;
		if (value > (max - (*p - '0')) / 10) {  /* above max, before it can overflow */
			value = max + 1;
			continue;
		}
		value = value * 10 + (*p - '0');
	}
	if (value < min || value > max)
		goto bad;
	*out = value;
	return 0;
bad:
	snprintf(err, errlen, _("%s must be a whole number from %ld to %ld, not '%s'"), what, min, max, s);
	return -1;
}

int bench_parse_list(const char *s, long min, long max, long *out, int max_count,
	int *count, const char *what, char *err, size_t errlen)
{
	char item[32];
	const char *p = s;
	int n = 0;

	do {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (n == max_count) {
			snprintf(err, errlen, _("%s: at most %d values"), what, max_count);
			return -1;
		}
		if (len >= sizeof item)
			len = sizeof item - 1;  /* too long to be in range: still reported */
		memcpy(item, p, len);
		item[len] = '\0';
		if (bench_parse_number(item, min, max, &out[n], what, err, errlen) != 0)
			return -1;
		n++;
		p = comma ? comma + 1 : NULL;
	} while (p != NULL);
	*count = n;
	return 0;
}

void bench_machine_line(char *buf, size_t len)
{
	char kernel[128];
	unsigned long ram = machine_ram_mib();

	machine_kernel(kernel, sizeof kernel);
	snprintf(buf, len, _("%d CPUs, %.1f GiB RAM, %s"), machine_cpus(), ram / 1024.0, kernel);
}

/* ---- progress --------------------------------------------------------- */

void BenchTicker_init(BenchTicker *t, FILE *err, bool quiet)
{
	t->err = err;
	t->quiet = quiet;
	t->tty = isatty(fileno(err));
	t->what[0] = '\0';
	t->last_ns = 0;
}

void BenchTicker_begin(BenchTicker *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->what, sizeof t->what, fmt, ap);
	va_end(ap);
	t->last_ns = 0;
	if (!t->quiet && t->tty) {
		fprintf(t->err, "\r\033[K%s ...", t->what);
		fflush(t->err);
	}
}

int bench_ticker_progress(void *ctx, int done, int total)
{
	BenchTicker *t = ctx;
	uint64_t now = bench_now_ns();

	if (t->quiet || !t->tty || (now - t->last_ns < TICK_NS && done < total))
		return 0;
	t->last_ns = now;
	fprintf(t->err, "\r\033[K%s %d/%d", t->what, done, total);
	fflush(t->err);
	return 0;
}

void BenchTicker_end(BenchTicker *t, const char *fmt, ...)
{
	va_list ap;

	if (t->quiet || t->tty)
		return;
	fprintf(t->err, "%s: ", t->what);
	va_start(ap, fmt);
	vfprintf(t->err, fmt, ap);
	va_end(ap);
	fputc('\n', t->err);
}

void BenchTicker_done(BenchTicker *t)
{
	if (!t->quiet && t->tty) {
		fputs("\r\033[K", t->err);
		fflush(t->err);
	}
}
