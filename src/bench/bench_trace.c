/*
 * bench-trace: what watching processes costs, and what it keeps up with.
 *
 *   (1) the price of ptrace: a workload child runs a loop of fork + _exit
 *       (or fork + exec /bin/true) + waitpid, once untraced and once under
 *       the Tracer (every event dispatched, nothing held). Per child made,
 *       median of --reps runs: the wall time of the whole loop, and the CPU
 *       time it took (the workload's and its children's, plus the tracer's
 *       own when traced: a busy machine moves it much less than the wall
 *       time), each with the ratio traced / untraced;
 *   (2) the proc connector under a storm: two processes make --storm
 *       children between them as fast as they can (the kernel reaps them:
 *       SIGCHLD ignored, so no one waits for a child), while the reader takes
 *       its events only once every 100 ms (as a busy screen would). Events
 *       seen against events made, the loss the connector counted, and the
 *       rate the storm reached.
 *
 * The workload is this program itself, run as `bench-trace --loop fork N`
 * or `--loop exec N`, so both measurements run the same code. A workload
 * left behind cannot happen: traced ones have EXITKILL, the others
 * PR_SET_PDEATHSIG, and every path waits for them.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/self_exe.h"
#include "base/xalloc.h"
#include "trace/connector.h"
#include "base/pidmap.h"
#include "trace/tracer.h"

#define BUSY_MS 100
#define MAX_REPS 99

typedef struct BenchOptions {
	int reps;
	int forks;    /* children per fork+exit loop */
	int execs;    /* children per fork+exec loop */
	int storm;    /* children made during the connector storm */
} BenchOptions;

/* ---- the workload ---- */

static int run_loop(const char *kind, int n)
{
	bool exec = strcmp(kind, "exec") == 0;

	for (int i = 0; i < n; i++) {
		int st;
		pid_t pid = fork();
		if (pid < 0)
			return 1;
		if (pid == 0) {
			if (exec)
				execl("/bin/true", "true", (char *)NULL);
			_exit(exec ? 127 : 0);
		}
		if (waitpid(pid, &st, 0) != pid || st != 0)
			return 1;
	}
	return 0;
}

/* ---- (1) tracing cost ---- */

static char self_path[4096];

static void loop_argv(char *argv[5], const char *kind, char count[16], int n)
{
	snprintf(count, 16, "%d", n);
	argv[0] = self_path;
	argv[1] = "--loop";
	argv[2] = (char *)kind;
	argv[3] = count;
	argv[4] = NULL;
}

typedef struct Cost {
	uint64_t wall_us, cpu_us;
} Cost;

/* User + system time of who (RUSAGE_SELF, or RUSAGE_CHILDREN: the waited-for
 * descendants), µs. */
static uint64_t cpu_us(int who)
{
	struct rusage ru;

	getrusage(who, &ru);
	return (uint64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000u +
	       (uint64_t)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
}

/* One untraced loop; wall_us 0 on failure. */
static Cost time_untraced(const char *kind, int n)
{
	char count[16], *argv[5];
	uint64_t start = clock_now_us(), cpu = cpu_us(RUSAGE_CHILDREN);
	Cost c = { 0 };
	int st;
	pid_t pid;

	loop_argv(argv, kind, count, n);
	pid = fork();
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		execv(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || st != 0)
		return c;
	c.wall_us = clock_now_us() - start;
	c.cpu_us = cpu_us(RUSAGE_CHILDREN) - cpu;
	return c;
}

/* One traced loop, the tracer's own work included; *events gets the events
 * dispatched. wall_us 0 on failure. */
static Cost time_traced(const char *kind, int n, long *events)
{
	char count[16], *argv[5];
	TracerSpawn spec = { .argv = argv };
	Tracer *t = Tracer_new();
	uint64_t start, cpu_children, cpu_self;
	int exit_status = -1;
	Cost c = { 0 };
	Event ev;

	if (t == NULL)
		return c;
	loop_argv(argv, kind, count, n);
	*events = 0;
	start = clock_now_us();
	cpu_children = cpu_us(RUSAGE_CHILDREN);
	cpu_self = cpu_us(RUSAGE_SELF);
	if (Tracer_spawn(t, &spec, NULL) < 0) {
		Tracer_delete(t);
		return c;
	}
	while (Tracer_count(t) > 0 || Tracer_unreaped_count(t) > 0) {
		Tracer_dispatch(t, -1);
		while (Tracer_pop(t, &ev)) {
			(*events)++;
			if (ev.kind == EV_EXIT && ev.ppid == getpid())
				exit_status = ev.status;
		}
	}
	if (exit_status == 0) {
		c.wall_us = clock_now_us() - start;
		c.cpu_us = cpu_us(RUSAGE_CHILDREN) - cpu_children + cpu_us(RUSAGE_SELF) - cpu_self;
	}
	Tracer_delete(t);
	return c;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

static uint64_t median(uint64_t *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_u64);
	return v[n / 2];
}

static int bench_tracing(const BenchOptions *o)
{
	static const char *const kinds[] = { "fork", "exec" };
	static const char *const labels[] = { "fork+exit", "fork+exec" };

	printf("tracing cost per child, median of %d runs (wall time, and CPU time of everything involved)\n",
	       o->reps);
	printf("  %-10s %8s %12s %10s %6s %12s %10s %6s %7s\n", "loop", "children", "untraced_us", "traced_us",
	       "ratio", "untr_cpu_us", "tr_cpu_us", "ratio", "ev/child");
	for (int k = 0; k < 2; k++) {
		int n = k == 0 ? o->forks : o->execs;
		uint64_t wall[2][MAX_REPS], cpu[2][MAX_REPS];
		long events = 0;

		for (int r = 0; r < o->reps; r++) {
			Cost plain = time_untraced(kinds[k], n), traced = time_traced(kinds[k], n, &events);
			if (plain.wall_us == 0 || traced.wall_us == 0) {
				fprintf(stderr, "bench-trace: the %s loop failed\n", labels[k]);
				return 1;
			}
			wall[0][r] = plain.wall_us;
			wall[1][r] = traced.wall_us;
			cpu[0][r] = plain.cpu_us;
			cpu[1][r] = traced.cpu_us;
			fprintf(stderr, "  %s run %d: %.1f / %.1f us per child\n", labels[k], r + 1,
				(double)plain.wall_us / n, (double)traced.wall_us / n);
		}
		double pw = (double)median(wall[0], o->reps) / n, tw = (double)median(wall[1], o->reps) / n;
		double pc = (double)median(cpu[0], o->reps) / n, tc = (double)median(cpu[1], o->reps) / n;
		printf("  %-10s %8d %12.1f %10.1f %6.2f %12.1f %10.1f %6.2f %7.1f\n", labels[k], n, pw, tw, tw / pw,
		       pc, tc, pc > 0 ? tc / pc : 0.0, (double)events / n);
	}
	return 0;
}

/* ---- (2) the connector under a storm ---- */

static pid_t start_stormer(int n)
{
	pid_t pid = fork();

	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		/* The kernel reaps them: the storm never waits for one child. */
		signal(SIGCHLD, SIG_IGN);
		for (int i = 0; i < n; i++) {
			pid_t c = fork();
			if (c == 0)
				_exit(0);
			if (c < 0 && errno != EAGAIN)
				_exit(1);
			if (c < 0)
				i--; /* too many at once: try again */
		}
		_exit(0);
	}
	return pid;
}

typedef struct StormTally {
	pid_t stormers[2];
	PidMap children;     /* born, not yet exited */
	long forks, exits, lost_events;
	int stormers_done;
	uint64_t last_exit_us; /* the kernel's stamp of the later stormer's exit */
} StormTally;

static bool is_stormer(const StormTally *s, pid_t pid)
{
	return pid == s->stormers[0] || pid == s->stormers[1];
}

static void tally(StormTally *s, const Event *ev)
{
	if (ev->kind == EV_FORK && is_stormer(s, ev->ppid)) {
		s->forks++;
		PidMap_put(&s->children, ev->pid, s);
	} else if (ev->kind == EV_EXIT && ev->how != HOW_THREAD) {
		if (PidMap_remove(&s->children, ev->pid) != NULL)
			s->exits++;
		else if (is_stormer(s, ev->pid)) {
			s->stormers_done++;
			if (ev->t_us > s->last_exit_us)
				s->last_exit_us = ev->t_us;
		}
	} else if (ev->kind == EV_LOST) {
		s->lost_events += ev->status;
	}
}

static int bench_connector(const BenchOptions *o)
{
	char err[256];
	Connector *c = Connector_open(err, sizeof err);
	StormTally s = { 0 };
	uint64_t start, stormed_us, deadline;
	int reaped = 0, failed = 0;
	Event ev;

	printf("proc connector: a storm of %d forks, the reader busy %d ms at a time\n", o->storm, BUSY_MS);
	if (c == NULL) {
		printf("  not measured: %s\n", err);
		return 0;
	}
	PidMap_init(&s.children);
	start = clock_now_us();
	s.stormers[0] = start_stormer(o->storm / 2);
	s.stormers[1] = start_stormer(o->storm - o->storm / 2);
	deadline = start + 120ull * 1000 * 1000;
	while ((reaped < 2 || s.stormers_done < 2) && clock_now_us() < deadline) {
		struct timespec busy = { 0, BUSY_MS * 1000000L };
		int st;
		pid_t pid;

		nanosleep(&busy, NULL); /* the screen is drawing */
		while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
			failed |= st != 0;
			reaped++;
		}
		Connector_dispatch(c, 0);
		while (Connector_pop(c, &ev))
			tally(&s, &ev);
	}
	stormed_us = s.last_exit_us > start ? s.last_exit_us - start : 0;
	printf("  made %d forks in %.2f s (%.0f forks/s); seen: %ld forks, %ld exits; "
	       "lost by the count: %lu; receive buffer %d KiB\n",
	       o->storm, stormed_us / 1e6, stormed_us ? o->storm / (stormed_us / 1e6) : 0.0, s.forks, s.exits,
	       Connector_lost(c), Connector_rcvbuf(c) / 1024);
	PidMap_done(&s.children);
	Connector_close(c);
	return failed || reaped < 2 ? 1 : 0;
}

static int parse_positive(const char *opt, const char *arg, int max, int *out)
{
	char *end;
	long v = strtol(arg, &end, 10);

	if (*arg == '\0' || *end != '\0' || v < 1 || v > max) {
		fprintf(stderr, "bench-trace: --%s must be a number from 1 to %d\n", opt, max);
		return -1;
	}
	*out = (int)v;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "reps", required_argument, NULL, 'r' },
		{ "forks", required_argument, NULL, 'f' },
		{ "execs", required_argument, NULL, 'e' },
		{ "storm", required_argument, NULL, 's' },
		{ "loop", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	BenchOptions o = { .reps = 5, .forks = 2000, .execs = 300, .storm = 20000 };
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case 'l': {
			int n;
			if (optind >= argc || parse_positive("loop", argv[optind], 1000000, &n) < 0)
				return 2;
			return run_loop(optarg, n);
		}
		case 'r': rc = parse_positive("reps", optarg, MAX_REPS, &o.reps); break;
		case 'f': rc = parse_positive("forks", optarg, 1000000, &o.forks); break;
		case 'e': rc = parse_positive("execs", optarg, 1000000, &o.execs); break;
		case 's': rc = parse_positive("storm", optarg, 10000000, &o.storm); break;
		default: rc = -1; break;
		}
		if (rc < 0) {
			fprintf(stderr, "usage: bench-trace [--reps N] [--forks N] [--execs N] [--storm N]\n");
			return 2;
		}
	}
	if (!self_exe(self_path, sizeof self_path)) {
		perror("bench-trace: its own path");
		return 1;
	}
	tracer_save_signal_state();
	setvbuf(stdout, NULL, _IOLBF, 0);
	rc = bench_tracing(&o);
	if (rc == 0)
		rc = bench_connector(&o);
	return rc;
}
