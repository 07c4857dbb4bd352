/*
 * Breakpoints against the real kernel. The tracer holds only what matches
 * (an exec, an exit stop, both sides of a creation), tells its holds from a
 * step's, lets one go stopped and untraced (state T, TracerPid 0) unless
 * the exec filter forbids it, and the --on-break command runs untraced and
 * is reaped. forkscope --batch --break holds a shell's `hostname` until
 * --break-hold is over (the file the shell touches next does not exist
 * meanwhile), prints `break` lines in text and JSON, refuses bad specs with
 * exit 2, and leaves nothing behind when it is killed with a hold.
 */
#include <check.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/clock.h"
#include "live/breakpoint.h"
#include "live/on_break.h"
#include "live/spawn.h"
#include "live/watch.h"
#include "trace/tracer.h"
#include "trace_test.h"

static Tracer *tracer;
static EventLog elog;
static BreakList breaks;
static char err[256];

static void setup(void)
{
	tracer = NULL;
	memset(&elog, 0, sizeof elog);
	BreakList_init(&breaks);
}

static void teardown(void)
{
	Tracer_delete(tracer); /* kills what is left */
	log_free(&elog);
	BreakList_done(&breaks);
}

/* Starts argv traced with breaks set from its first exec on. */
static pid_t spawn_breaking(char **argv, bool exec_filter)
{
	TracerSpawn spec = { .argv = argv, .exec_attempts = exec_filter };
	pid_t pid = 0;
	int rc = live_spawn_traced(&spec, NULL, &breaks, &tracer, &pid);

	ck_assert_msg(rc == 0, "spawn: %s", strerror(-rc));
	return pid;
}

/* Waits for pid's state while the tracer handles its stops meanwhile. */
static bool dispatch_until_state(pid_t pid, const char *states)
{
	uint64_t deadline = clock_now_us() + FAILSAFE_US;
	Event ev;

	while (clock_now_us() < deadline) {
		char st = proc_state(pid);
		if (st != 0 && strchr(states, st) != NULL)
			return true;
		Tracer_dispatch(tracer, 10);
		while (Tracer_pop(tracer, &ev))
			log_push(&elog, &ev);
	}
	return false;
}

static const Event *until_break(void)
{
	long i = log_until_event(tracer, &elog, EV_BREAK, 0);

	if (i < 0)
		log_dump(&elog);
	ck_assert_msg(i >= 0, "no break event");
	return &elog.ev[i];
}

START_TEST(test_exec_break_holds_only_it)
{
	char *argv[] = { "sh", "-c", "true; exec sleep 30", NULL };
	const Event *hit;
	pid_t pid;

	ck_assert_int_eq(BreakList_add(&breaks, "exec:/sleep", err, sizeof err), 0);
	pid = spawn_breaking(argv, false);
	hit = until_break();
	ck_assert_int_eq(hit->pid, pid);
	ck_assert_str_eq(hit->detail, "exec:/sleep");
	/* right after the exec it broke at, and the shell's `true` ran on */
	ck_assert_int_eq(hit[-1].kind, EV_EXEC);
	ck_assert_msg(strstr(hit[-1].detail, "sleep") != NULL, "%s", hit[-1].detail);
	ck_assert(Tracer_is_break_held(tracer, pid));
	ck_assert_uint_eq(Tracer_break_count(tracer), 1);
	ck_assert(wait_state(pid, "t"));
	/* a step's release leaves it; the breakpoints' release lets it go */
	Tracer_release_steps(tracer);
	ck_assert(Tracer_is_break_held(tracer, pid));
	Tracer_release_breaks(tracer);
	ck_assert(!Tracer_is_held(tracer, pid));
	ck_assert_uint_eq(Tracer_break_count(tracer), 0);
	ck_assert(wait_state(pid, "S"));
	ck_assert_uint_eq(BreakList_at(&breaks, 0)->hits, 1);
}
END_TEST

START_TEST(test_release_one_clears_break)
{
	char *argv[] = { "sh", "-c", "exec sleep 30", NULL };
	pid_t pid;

	BreakList_add(&breaks, "exec~^sleep 30$", err, sizeof err);
	pid = spawn_breaking(argv, false);
	until_break();
	ck_assert_int_eq(Tracer_release(tracer, pid), 0);
	ck_assert(!Tracer_is_break_held(tracer, pid));
	ck_assert_uint_eq(Tracer_break_count(tracer), 0);
	ck_assert_int_eq(Tracer_release(tracer, pid), -ESRCH);
}
END_TEST

START_TEST(test_fork_break_holds_both)
{
	char *argv[] = { "sh", "-c", "(exec sleep 30); true", NULL };
	const Event *hit;
	pid_t pid, child;

	BreakList_add(&breaks, "fork", err, sizeof err);
	pid = spawn_breaking(argv, false);
	hit = until_break();
	child = hit->child;
	ck_assert_int_eq(hit->pid, pid);
	ck_assert_int_gt(child, 0);
	ck_assert(hit[-1].kind == EV_FORK || hit[-1].kind == EV_CLONE || hit[-1].kind == EV_VFORK);
	ck_assert_int_eq(hit[-1].pid, child);
	ck_assert(Tracer_is_break_held(tracer, pid));
	ck_assert(Tracer_is_break_held(tracer, child));
	ck_assert_uint_eq(Tracer_break_count(tracer), 2);
	ck_assert(wait_state(pid, "t"));
	ck_assert(wait_state(child, "t"));
	/* the child's exec is no fork: nothing else holds it once released */
	Tracer_release_breaks(tracer);
	ck_assert(dispatch_until_state(child, "S"));
	ck_assert_uint_eq(Tracer_break_count(tracer), 0);
}
END_TEST

START_TEST(test_exit_break_holds_at_exit)
{
	char *argv[] = { "sh", "-c", "exit 3", NULL };
	const Event *hit;
	pid_t pid;

	BreakList_add(&breaks, "exit:exit 3", err, sizeof err);
	pid = spawn_breaking(argv, false);
	hit = until_break();
	ck_assert_int_eq(hit->pid, pid);
	ck_assert_int_eq(hit[-1].kind, EV_EXIT);
	ck_assert(Tracer_is_break_held(tracer, pid));
	/* it can only finish dying: not left stopped */
	ck_assert_int_eq(Tracer_detach_stopped(tracer, pid), -EINVAL);
	Tracer_release(tracer, pid);
	ck_assert(log_until_quiet(tracer, &elog));
	ck_assert_int_eq(log_count(&elog, EV_BREAK, 0), 1);
}
END_TEST

START_TEST(test_detach_stopped_untraced)
{
	char *argv[] = { "sh", "-c", "exec sleep 30", NULL };
	pid_t pid;

	BreakList_add(&breaks, "exec:sleep", err, sizeof err);
	pid = spawn_breaking(argv, false);
	until_break();
	ck_assert_int_eq(Tracer_detach_stopped(tracer, pid), 0);
	ck_assert(wait_state(pid, "T"));
	ck_assert_int_eq(proc_tracer(pid), 0);
	ck_assert(!Tracer_is_held(tracer, pid));
	ck_assert_uint_eq(Tracer_break_count(tracer), 0);
	ck_assert_uint_eq(Tracer_count(tracer), 0);
	/* The tracer's next dispatches leave it alone: still stopped. */
	Tracer_dispatch(tracer, 50);
	ck_assert_int_eq(proc_state(pid), 'T');
	ck_assert_int_eq(proc_tracer(pid), 0);
	/* It is our child: a debugger would continue it; the test kills it. */
	kill(pid, SIGKILL);
	ck_assert_int_eq(waitpid(pid, NULL, 0), pid);
}
END_TEST

START_TEST(test_detach_refused_under_exec_filter)
{
	char *argv[] = { "sh", "-c", "exec sleep 30", NULL };
	pid_t pid;

	BreakList_add(&breaks, "exec:sleep", err, sizeof err);
	pid = spawn_breaking(argv, true);
	until_break();
	ck_assert_int_eq(Tracer_detach_stopped(tracer, pid), -EPERM);
	ck_assert(Tracer_is_break_held(tracer, pid));
	ck_assert_int_eq(proc_tracer(pid), getpid());
	on_break_detach_error(-EPERM, pid, err, sizeof err);
	ck_assert_msg(strstr(err, "exec filter") != NULL, "%s", err);
	ck_assert_int_eq(Tracer_detach_stopped(tracer, 1), -ESRCH);
}
END_TEST

START_TEST(test_on_break_runs_untraced_and_reaped)
{
	char dir[] = "/tmp/forkscope-onbreak-XXXXXX", file[128], tmpl[256], text[32] = "";
	char *argv[] = { "sh", "-c", "exec sleep 30", NULL };
	uint64_t deadline = clock_now_us() + FAILSAFE_US;
	pid_t child;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(file, sizeof file, "%s/pid", dir);
	/* A tracer is there, reaping every child of ours. */
	spawn_breaking(argv, false);
	snprintf(tmpl, sizeof tmpl, "echo {pid} > %s.tmp; mv %s.tmp %s", file, file, file);
	child = on_break_run(tmpl, 4242);
	ck_assert_int_gt(child, 0);
	ck_assert_int_eq(proc_tracer(child) <= 0, 1);
	while (access(file, F_OK) != 0 && clock_now_us() < deadline)
		Tracer_dispatch(tracer, 10);
	FILE *f = fopen(file, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(fgets(text, sizeof text, f));
	fclose(f);
	ck_assert_str_eq(text, "4242\n");
	/* reaped by the tracer's waitpid(-1), and never one of its tracees */
	while (kill(child, 0) == 0 && clock_now_us() < deadline)
		Tracer_dispatch(tracer, 10);
	ck_assert_int_eq(kill(child, 0), -1);
	ck_assert_int_eq(errno, ESRCH);
	ck_assert_int_eq(log_find(&elog, 0, EV_EXEC, child), -1);
	ck_assert_int_eq(log_find(&elog, 0, EV_FORK, child), -1);
	unlink(file);
	rmdir(dir);
}
END_TEST

/* What the screen's D does, through the live engine: a command started
 * without the exec filter (--on-break) is held at its breakpoint, left
 * stopped and untraced, and the on-break command gets its pid. */
static LiveWatch *watch_breaking(Session *session, bool no_exec_filter, char *const *command)
{
	LiveWatchOptions opt = { .command = command, .breaks = &breaks, .no_exec_filter = no_exec_filter };
	uint64_t deadline = clock_now_us() + FAILSAFE_US;
	LiveWatch *w = LiveWatch_open(&opt, session, err, sizeof err);

	ck_assert_msg(w != NULL, "%s", err);
	while (LiveWatch_break_count(w) == 0 && clock_now_us() < deadline)
		LiveWatch_pump(w, 10);
	ck_assert_uint_eq(LiveWatch_break_count(w), 1);
	return w;
}

START_TEST(test_watch_detach_then_on_break)
{
	char *command[] = { "sh", "-c", "exec sleep 30", NULL };
	char dir[] = "/tmp/forkscope-onbreak-XXXXXX", file[128], tmpl[256], text[32] = "", want[32];
	uint64_t deadline = clock_now_us() + FAILSAFE_US;
	Session *session = Session_new(0, 0);
	LiveWatch *w;
	pid_t pid;
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(file, sizeof file, "%s/pid", dir);
	BreakList_add(&breaks, "exec:sleep", err, sizeof err);
	w = watch_breaking(session, true, command);
	pid = session->root;
	ck_assert(LiveWatch_is_held(w, pid));
	ck_assert_msg(LiveWatch_detach_stopped(w, pid, err, sizeof err) == 0, "%s", err);
	snprintf(tmpl, sizeof tmpl, "echo {pid} > %s.tmp; mv %s.tmp %s", file, file, file);
	ck_assert_int_gt(on_break_run(tmpl, pid), 0);
	while (access(file, F_OK) != 0 && clock_now_us() < deadline)
		LiveWatch_pump(w, 10);
	ck_assert_ptr_nonnull(f = fopen(file, "r"));
	ck_assert_ptr_nonnull(fgets(text, sizeof text, f));
	fclose(f);
	snprintf(want, sizeof want, "%d\n", (int)pid);
	ck_assert_str_eq(text, want);
	ck_assert(wait_state(pid, "T"));
	ck_assert_int_eq(proc_tracer(pid), 0);
	ck_assert_uint_eq(LiveWatch_break_count(w), 0);
	ck_assert(!Session_find(session, pid)->held);
	kill(pid, SIGKILL);
	LiveWatch_close(w);
	Session_delete(session);
	unlink(file);
	rmdir(dir);
}
END_TEST

START_TEST(test_watch_detach_refused_with_filter)
{
	char *command[] = { "sh", "-c", "exec sleep 30", NULL };
	Session *session = Session_new(0, 0);
	LiveWatch *w;

	BreakList_add(&breaks, "exec:sleep", err, sizeof err);
	w = watch_breaking(session, false, command);
	ck_assert_int_eq(LiveWatch_detach_stopped(w, session->root, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "exec filter") != NULL, "%s", err);
	ck_assert(LiveWatch_is_held(w, session->root));
	ck_assert_int_eq(LiveWatch_release(w, session->root), 0);
	ck_assert(!LiveWatch_is_held(w, session->root));
	LiveWatch_close(w); /* kills the started command */
	Session_delete(session);
}
END_TEST

/* ---- forkscope --batch --break ---- */

static const char *forkscope(void)
{
	const char *path = getenv("FORKSCOPE");

	ck_assert_msg(path != NULL, "FORKSCOPE is not set (run through make check)");
	return path;
}

/* Starts forkscope with args (NULL-terminated, after the program name); its
 * standard output (and error, with err_too) is read through *out. */
static pid_t start_forkscope(const char *const *args, bool err_too, FILE **out)
{
	const char *argv[32];
	int p[2], n = 0;
	pid_t pid;

	argv[n++] = forkscope();
	while (*args != NULL && n < 31)
		argv[n++] = *args++;
	argv[n] = NULL;
	ck_assert_int_eq(pipe(p), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		dup2(p[1], 1);
		if (err_too)
			dup2(p[1], 2);
		close(p[0]);
		close(p[1]);
		execv(argv[0], (char **)argv);
		_exit(127);
	}
	close(p[1]);
	*out = fdopen(p[0], "r");
	return pid;
}

static int finish(pid_t pid, FILE *out)
{
	int status;

	fclose(out);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	return WEXITSTATUS(status);
}

/* The case: the shell's `hostname` is held, and the file it
 * touches next cannot exist before the release. */
START_TEST(test_batch_hostname_file_waits)
{
	char dir[] = "/tmp/forkscope-break-XXXXXX", file[128], script[256], line[4096];
	const char *args[] = { "--batch", "--break", "exec:/hostname", "--break-hold", "2", "--",
			       "sh", "-c", script, NULL };
	bool broke = false, released = false;
	FILE *out;
	pid_t pid;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(file, sizeof file, "%s/FILE", dir);
	snprintf(script, sizeof script, "hostname; touch %s", file);
	pid = start_forkscope(args, false, &out);
	while (fgets(line, sizeof line, out) != NULL) {
		if (strstr(line, " break ") != NULL && strstr(line, "exec:/hostname") != NULL) {
			/* forkscope printed this while holding hostname */
			ck_assert_msg(access(file, F_OK) != 0, "FILE exists at the break line");
			ck_assert_msg(!released, "break after release");
			broke = true;
		}
		if (strstr(line, "released") != NULL)
			released = true;
	}
	ck_assert_int_eq(finish(pid, out), 0);
	ck_assert_msg(broke, "no break line");
	ck_assert_msg(released, "no release note");
	ck_assert_msg(access(file, F_OK) == 0, "FILE never appeared");
	unlink(file);
	rmdir(dir);
}
END_TEST

START_TEST(test_batch_json_break_line)
{
	const char *args[] = { "--batch", "--json", "--break", "exec~^sleep 0", "--", "sh", "-c",
			       "sleep 0; true", NULL };
	char line[65536];
	int breaks_seen = 0;
	FILE *out;
	pid_t pid = start_forkscope(args, false, &out);

	while (fgets(line, sizeof line, out) != NULL) {
		if (strstr(line, "\"event\":\"break\"") == NULL)
			continue;
		breaks_seen++;
		ck_assert_msg(strstr(line, "\"breakpoint\":\"exec~^sleep 0\"") != NULL, "%s", line);
		/* the held process's state, read while it was held */
		ck_assert_msg(strstr(line, "\"processes\":[{") != NULL, "%s", line);
		ck_assert_msg(strstr(line, "\"state\":\"t\"") != NULL, "%s", line);
	}
	ck_assert_int_eq(finish(pid, out), 0);
	ck_assert_int_eq(breaks_seen, 1);
}
END_TEST

START_TEST(test_batch_fork_and_exit_breaks)
{
	const char *args[] = { "--batch", "--break", "fork", "--break", "exit:forkscope-mark",
			       "--", "sh", "-c", "(true); exit 0 # forkscope-mark", NULL };
	char line[4096];
	int forks = 0, exits = 0;
	FILE *out;
	pid_t pid = start_forkscope(args, false, &out);

	while (fgets(line, sizeof line, out) != NULL) {
		if (strstr(line, " break ") == NULL)
			continue;
		forks += strstr(line, "breakpoint fork") != NULL;
		exits += strstr(line, "breakpoint exit:forkscope-mark") != NULL;
	}
	ck_assert_int_eq(finish(pid, out), 0);
	/* the subshell's fork; the exits of the shell and of its subshell
	 * (a copy of it: the same command line) */
	ck_assert_int_eq(forks, 1);
	ck_assert_int_eq(exits, 2);
}
END_TEST

START_TEST(test_batch_bad_specs_exit_2)
{
	static const char *const bad[][2] = {
		{ "exec~(", "regular expression" }, { "spawn", "exec:PATTERN" },
		{ "exit:", "empty" },
	};
	char line[4096];

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *args[] = { "--batch", "--break", "fork", "--break", bad[i][0], "--", "true", NULL };
		bool said = false;
		FILE *out;
		pid_t pid = start_forkscope(args, true, &out);

		while (fgets(line, sizeof line, out) != NULL)
			said = said || strstr(line, bad[i][1]) != NULL;
		ck_assert_int_eq(finish(pid, out), 2);
		ck_assert_msg(said, "%s: no message about %s", bad[i][0], bad[i][1]);
	}
	{
		const char *args[] = { "--batch", "--events=poll", "--break", "fork", "--", "true", NULL };
		bool said = false;
		FILE *out;
		pid_t pid = start_forkscope(args, true, &out);

		while (fgets(line, sizeof line, out) != NULL)
			said = said || strstr(line, "need ptrace") != NULL;
		ck_assert_int_eq(finish(pid, out), 2);
		ck_assert(said);
	}
}
END_TEST

/* Our children as the kernel lists them (we are a subreaper). */
static int count_children(void)
{
	char path[64];
	FILE *f;
	int n = 0, pid;

	snprintf(path, sizeof path, "/proc/self/task/%d/children", (int)getpid());
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	while (fscanf(f, "%d", &pid) == 1)
		n++;
	fclose(f);
	return n;
}

START_TEST(test_kill_with_break_held)
{
	const char *args[] = { "--batch", "--break", "exec:sleep", "--break-hold", "600", "--",
			       "sh", "-c", "sleep 30; sleep 30", NULL };
	uint64_t deadline = clock_now_us() + FAILSAFE_US;
	char line[4096];
	FILE *out;
	pid_t pid;

	ck_assert_int_eq(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
	pid = start_forkscope(args, false, &out);
	while (fgets(line, sizeof line, out) != NULL && strstr(line, " break ") == NULL)
		;
	ck_assert_msg(strstr(line, " break ") != NULL, "no break line");
	kill(pid, SIGKILL);
	ck_assert_int_eq(waitpid(pid, NULL, 0), pid);
	fclose(out);
	/* whatever it held dies with it (EXITKILL), or comes to us */
	while (count_children() > 0 && clock_now_us() < deadline)
		while (waitpid(-1, NULL, WNOHANG) > 0 || usleep(10000) < 0)
			;
	ck_assert_int_eq(count_children(), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("break");
	TCase *tc = tcase_create("break");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	ADD_TEST(tc, test_exec_break_holds_only_it);
	ADD_TEST(tc, test_release_one_clears_break);
	ADD_TEST(tc, test_fork_break_holds_both);
	ADD_TEST(tc, test_exit_break_holds_at_exit);
	ADD_TEST(tc, test_detach_stopped_untraced);
	ADD_TEST(tc, test_detach_refused_under_exec_filter);
	ADD_TEST(tc, test_on_break_runs_untraced_and_reaped);
	ADD_TEST(tc, test_watch_detach_then_on_break);
	ADD_TEST(tc, test_watch_detach_refused_with_filter);
	ADD_TEST(tc, test_batch_hostname_file_waits);
	ADD_TEST(tc, test_batch_json_break_line);
	ADD_TEST(tc, test_batch_fork_and_exit_breaks);
	ADD_TEST(tc, test_batch_bad_specs_exit_2);
	ADD_TEST(tc, test_kill_with_break_held);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
