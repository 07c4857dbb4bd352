/*
 * forkscope --batch watching, through watch_batch(): the line for
 * `sh -c 'ls | wc -l; (sleep 0.1 &) ; true'` names every process's birth,
 * exec and death with the right parents, from each event source; exit
 * statuses propagate; -p attaches and leaves the process running; --system
 * sees the machine.
 */
#include <check.h>
#include <json-c/json.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "print/watch.h"
#include "trace_test.h"

static char *sh_demo[] = { "sh", "-c", "ls | wc -l; (sleep 0.1 &) ; true", NULL };

/* One parsed JSON line. */
typedef struct Line {
	char event[16];
	pid_t pid, ppid;
	char path[240];
	char status[64];
	char text[256];
	bool polled;
} Line;

typedef struct Output {
	Line *lines;
	size_t n;
	char *raw;
} Output;

static const char *json_str(json_object *o, const char *key)
{
	json_object *v;
	return json_object_object_get_ex(o, key, &v) ? json_object_get_string(v) : "";
}

static int json_int(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v))
		return 0;
	ck_assert_msg(json_object_is_type(v, json_type_int), "%s is not a number: %s", key,
		      json_object_to_json_string(o));
	return json_object_get_int(v);
}

static Output run_watch(WatchOptions *opt, int *code)
{
	FILE *f = tmpfile();
	Output out = { 0 };
	char *line = NULL;
	size_t cap = 0, rawlen = 0;
	ssize_t len;

	ck_assert_ptr_nonnull(f);
	opt->out = f;
	*code = watch_batch(opt);
	rewind(f);
	out.raw = calloc(1, 1);
	while ((len = getline(&line, &cap, f)) > 0) {
		out.raw = realloc(out.raw, rawlen + (size_t)len + 1);
		memcpy(out.raw + rawlen, line, (size_t)len + 1);
		rawlen += (size_t)len;
		if (!opt->json)
			continue;
		json_object *o = json_tokener_parse(line);
		ck_assert_msg(o != NULL, "not JSON: %s", line);
		out.lines = realloc(out.lines, (out.n + 1) * sizeof *out.lines);
		Line *l = &out.lines[out.n++];
		memset(l, 0, sizeof *l);
		snprintf(l->event, sizeof l->event, "%s", json_str(o, "event"));
		/* pids are JSON numbers */
		l->pid = json_int(o, "pid");
		l->ppid = json_int(o, "ppid");
		snprintf(l->path, sizeof l->path, "%s", json_str(o, "path"));
		snprintf(l->status, sizeof l->status, "%s", json_str(o, "status"));
		snprintf(l->text, sizeof l->text, "%s", json_str(o, "text"));
		l->polled = strcmp(json_str(o, "polled"), "true") == 0;
		json_object_put(o);
	}
	free(line);
	fclose(f);
	return out;
}

static void output_free(Output *o)
{
	free(o->lines);
	free(o->raw);
}

static long find(const Output *o, const char *event, pid_t pid)
{
	for (size_t i = 0; i < o->n; i++)
		if (strcmp(o->lines[i].event, event) == 0 && (pid == 0 || o->lines[i].pid == pid))
			return (long)i;
	return -1;
}

/* The pid that exec'd a program whose path ends with /name. */
static pid_t exec_of(const Output *o, const char *name)
{
	size_t nlen = strlen(name);

	for (size_t i = 0; i < o->n; i++) {
		const Line *l = &o->lines[i];
		size_t plen = strlen(l->path);
		if (strcmp(l->event, "exec") == 0 && plen > nlen && strcmp(l->path + plen - nlen, name) == 0 &&
		    l->path[plen - nlen - 1] == '/')
			return l->pid;
	}
	return 0;
}

/* Birth by parent, then exit, then reap by reaper, in that order. */
static void assert_life(const Output *o, pid_t pid, pid_t parent, pid_t reaper, bool polled_ok)
{
	long born = -1, exit = find(o, "exit", pid), reap = find(o, "reap", pid);

	for (size_t i = 0; i < o->n && born < 0; i++)
		if (o->lines[i].pid == pid && (strcmp(o->lines[i].event, "fork") == 0 ||
					       strcmp(o->lines[i].event, "vfork") == 0))
			born = (long)i;
	ck_assert_msg(born >= 0, "no birth of %d:\n%s", pid, o->raw);
	ck_assert_msg(o->lines[born].ppid == parent, "%d born of %d, not %d:\n%s", pid, o->lines[born].ppid,
		      parent, o->raw);
	ck_assert_msg(exit > born, "no exit of %d after its birth:\n%s", pid, o->raw);
	if (!polled_ok)
		ck_assert_str_eq(o->lines[exit].status, "exit 0");
	if (reaper > 0) {
		ck_assert_msg(reap > exit, "no reap of %d after its exit:\n%s", pid, o->raw);
		ck_assert_msg(o->lines[reap].ppid == reaper, "%d reaped by %d, not %d:\n%s", pid,
			      o->lines[reap].ppid, reaper, o->raw);
	}
}

/* The demo line's processes, whatever the source (reaps where it sees them). */
static void assert_sh_demo(const Output *o, bool reaps_by_others)
{
	pid_t me = getpid(), sh, ls, wc, sleeper, subshell = 0;
	long sleep_fork;

	sh = o->lines[find(o, "exec", 0)].pid;
	ls = exec_of(o, "ls");
	wc = exec_of(o, "wc");
	sleeper = exec_of(o, "sleep");
	ck_assert_msg(sh > 0 && ls > 0 && wc > 0 && sleeper > 0, "missing execs:\n%s", o->raw);
	assert_life(o, ls, sh, reaps_by_others ? sh : 0, false);
	assert_life(o, wc, sh, reaps_by_others ? sh : 0, false);
	sleep_fork = find(o, "fork", sleeper);
	ck_assert(sleep_fork >= 0);
	subshell = o->lines[sleep_fork].ppid;
	ck_assert(subshell != sh && subshell > 0);
	assert_life(o, subshell, sh, reaps_by_others ? sh : 0, false);
	/* The orphaned sleep comes back to forkscope, the subreaper. */
	assert_life(o, sleeper, subshell, me, false);
	ck_assert_str_eq(o->lines[find(o, "exit", sh)].status, "exit 0");
	ck_assert_int_eq(o->lines[find(o, "reap", sh)].ppid, me);
}

START_TEST(test_sh_demo_ptrace)
{
	WatchOptions opt = { .command = sh_demo, .json = true };
	int code;
	Output o = run_watch(&opt, &code);

	ck_assert_int_eq(code, 0);
	ck_assert_ptr_nonnull(strstr(o.lines[0].text, "ptrace"));
	assert_sh_demo(&o, true);
	ck_assert_int_eq(o.lines[find(&o, "reparent", exec_of(&o, "sleep"))].ppid, getpid());
	output_free(&o);
}
END_TEST

/* The connector reads an exec's program from /proc when the event comes:
 * `ls` may be gone by then, so the tree is checked by its shape. */
START_TEST(test_sh_demo_connector)
{
	WatchOptions opt = { .command = sh_demo, .json = true, .source = WATCH_CONNECTOR };
	int code;
	Output o = run_watch(&opt, &code);
	pid_t me = getpid(), sh, children[3], sleeper = 0;
	size_t nchildren = 0, execing = 0;

	ck_assert_int_eq(code, 0);
	if (strstr(o.lines[0].text, "falling back") != NULL) {
		fprintf(stderr, "connector watch skipped: %s\n", o.lines[0].text);
		output_free(&o);
		return;
	}
	ck_assert_ptr_nonnull(strstr(o.lines[0].text, "connector"));
	sh = o.lines[find(&o, "exec", 0)].pid;
	for (size_t i = 0; i < o.n; i++)
		if (strcmp(o.lines[i].event, "fork") == 0 && o.lines[i].ppid == sh) {
			ck_assert_uint_lt(nchildren, 3);
			children[nchildren++] = o.lines[i].pid;
		}
	ck_assert_msg(nchildren == 3, "sh made %zu children:\n%s", nchildren, o.raw);
	for (size_t c = 0; c < 3; c++) {
		/* The connector does not see the shell's reaps: births and exits. */
		assert_life(&o, children[c], sh, 0, false);
		if (find(&o, "exec", children[c]) >= 0) {
			execing++;
			continue;
		}
		for (size_t i = 0; i < o.n; i++) /* the subshell: its child is sleep */
			if (strcmp(o.lines[i].event, "fork") == 0 && o.lines[i].ppid == children[c])
				sleeper = o.lines[i].pid;
	}
	ck_assert_uint_eq(execing, 2);
	ck_assert_int_gt(sleeper, 0);
	ck_assert_int_eq(exec_of(&o, "sleep"), sleeper);
	/* Orphaned, it came back to forkscope, which reaped it: the re-parenting
	 * is an event of its own, as with the tracer, after its parent's exit. */
	ck_assert_int_eq(o.lines[find(&o, "reap", sleeper)].ppid, me);
	ck_assert_msg(find(&o, "reparent", sleeper) > find(&o, "exit", o.lines[find(&o, "fork", sleeper)].ppid),
		      "no reparent of %d after its parent's exit:\n%s", sleeper, o.raw);
	ck_assert_int_eq(o.lines[find(&o, "reparent", sleeper)].ppid, me);
	ck_assert_int_eq(o.lines[find(&o, "reap", sh)].ppid, me);
	ck_assert_str_eq(o.lines[find(&o, "exit", sh)].status, "exit 0");
	output_free(&o);
}
END_TEST

/* Polling sees an orphan's new parent too, when its first parent lives a
 * few scans: re-parented to forkscope (a subreaper), an event of its own
 * after its parent's exit. */
START_TEST(test_orphan_reparented_by_polling)
{
	/* The orphan lives 2 s; its first parent 0.6 s: many scans see both
	 * parents even on a loaded machine (the first scan may already hold
	 * it, born before: then there is no exec line for it, only its move). */
	static char *orphan[] = { "sh", "-c", "(sleep 2 & sleep 0.6; exit 0); sleep 1", NULL };
	WatchOptions opt = { .command = orphan, .json = true, .source = WATCH_POLL,
			     .poll_interval_ms = 20 };
	int code;
	Output o = run_watch(&opt, &code);
	long reparent;

	ck_assert_int_eq(code, 0);
	reparent = find(&o, "reparent", 0);
	ck_assert_msg(reparent >= 0, "nothing re-parented:\n%s", o.raw);
	ck_assert_int_eq(o.lines[reparent].ppid, getpid());
	output_free(&o);
}
END_TEST

START_TEST(test_text_lines)
{
	WatchOptions opt = { .command = sh_demo };
	int code;
	Output o = run_watch(&opt, &code);

	ck_assert_int_eq(code, 0);
	ck_assert_ptr_nonnull(strstr(o.raw, "events: ptrace"));
	ck_assert_ptr_nonnull(strstr(o.raw, "fork by "));
	ck_assert_ptr_nonnull(strstr(o.raw, "/ls\n"));
	ck_assert_ptr_nonnull(strstr(o.raw, "exit: exit 0"));
	ck_assert_ptr_nonnull(strstr(o.raw, "reaped by "));
	output_free(&o);
}
END_TEST

START_TEST(test_exit_status_propagates)
{
	char *exit3[] = { "sh", "-c", "exit 3", NULL };
	char *killed[] = { "sh", "-c", "kill -TERM $$", NULL };
	char *missing[] = { "/nonexistent/forkscope-missing", NULL };
	WatchSource sources[] = { WATCH_PTRACE, WATCH_CONNECTOR, WATCH_POLL };

	for (size_t i = 0; i < 3; i++) {
		WatchOptions opt = { .command = exit3, .source = sources[i] };
		int code;
		Output o = run_watch(&opt, &code);
		ck_assert_msg(code == 3, "%s: %d", WatchSource_name(sources[i]), code);
		output_free(&o);
		opt.command = killed;
		o = run_watch(&opt, &code);
		ck_assert_msg(code == 128 + SIGTERM, "%s: %d", WatchSource_name(sources[i]), code);
		output_free(&o);
		opt.command = missing;
		o = run_watch(&opt, &code);
		ck_assert_msg(code == 127, "%s: %d", WatchSource_name(sources[i]), code);
		output_free(&o);
	}
}
END_TEST

START_TEST(test_poll_marks_lines)
{
	char *cmd[] = { (char *)trace_helper(), "forks", "0", NULL };
	WatchOptions opt = { .command = cmd, .json = true, .source = WATCH_POLL, .poll_interval_ms = 5 };
	int code;
	Output o = run_watch(&opt, &code);
	long exit;

	ck_assert_int_eq(code, 0);
	ck_assert_ptr_nonnull(strstr(o.lines[0].text, "polled"));
	ck_assert(find(&o, "fork", 0) >= 0);
	exit = find(&o, "exit", o.lines[find(&o, "fork", 0)].pid);
	if (exit >= 0) /* a process this short may die between two scans */
		ck_assert(o.lines[exit].polled);
	output_free(&o);
}
END_TEST

START_TEST(test_attach_pid_and_leave_it_running)
{
	int st;
	pid_t pid = start_waiter();
	WatchOptions opt = { .json = true, .duration_s = 0.3, .pid = pid };
	int code;
	Output o;

	o = run_watch(&opt, &code);
	ck_assert_int_eq(code, 0);
	ck_assert_ptr_nonnull(strstr(o.lines[0].text, "attached"));
	ck_assert(find(&o, "fork", pid) >= 0);
	/* Detached at the end: running, untraced. */
	ck_assert_int_eq(proc_tracer(pid), 0);
	ck_assert(wait_state(pid, "S"));
	kill(pid, SIGTERM);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
	output_free(&o);
}
END_TEST

/* A child that makes processes until killed: the machine is busy. A new
 * one every 20 ms, each living 100 ms (sleep 0.1), so any two scans of
 * /proc more than 20 ms apart find one born in between. Processes of a
 * millisecond (true) were the first version: a scan of a loaded machine
 * could miss them all. */
static pid_t start_busy(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		for (;;) {
			pid_t c = fork();
			if (c == 0) {
				execl("/bin/sleep", "sleep", "0.1", (char *)NULL);
				_exit(127);
			}
			while (waitpid(-1, NULL, WNOHANG) > 0)
				;
			usleep(20000);
		}
	}
	return pid;
}

/* A watch of the system for duration seconds: did it see busy make a child? */
static bool system_watch_sees(WatchSource source, double duration, pid_t busy, char *raw, size_t rawlen)
{
	WatchOptions opt = { .system = true, .json = true, .duration_s = duration, .source = source,
		             .poll_interval_ms = 5 };
	int code;
	Output o = run_watch(&opt, &code);
	bool saw_busy_child = false;

	ck_assert_int_eq(code, 0);
	for (size_t k = 0; k < o.n; k++)
		saw_busy_child |= strcmp(o.lines[k].event, "fork") == 0 && o.lines[k].ppid == busy;
	snprintf(raw, rawlen, "%.2000s", o.raw);
	output_free(&o);
	return saw_busy_child;
}

START_TEST(test_system_sees_the_machine)
{
	pid_t busy = start_busy();
	char raw[2048];
	double duration;
	bool seen;

	/* The connector hears every fork: one second is plenty. */
	ck_assert_msg(system_watch_sees(WATCH_CONNECTOR, 1.0, busy, raw, sizeof raw),
		      "connector saw no child of %d:\n%s", busy, raw);
	/* poll reports a process new to a scan: it needs a scan after the
	 * first one, and on a loaded machine (a sanitizer build, a thousand
	 * processes) the first scan alone has taken most of a second. Longer
	 * watches until one sees a child, up to 16 s. */
	seen = false;
	for (duration = 1.0; !seen && duration <= 16.0; duration *= 2)
		seen = system_watch_sees(WATCH_POLL, duration, busy, raw, sizeof raw);
	ck_assert_msg(seen, "poll saw no child of %d in watches of 1 to 16 s; the last:\n%s", busy, raw);
	kill(busy, SIGKILL);
	waitpid(busy, NULL, 0);
}
END_TEST

START_TEST(test_bad_options)
{
	WatchOptions none = { 0 };
	WatchOptions ptrace_system = { .system = true, .source = WATCH_PTRACE };
	WatchSource s;
	int code;
	Output o;

	o = run_watch(&none, &code);
	ck_assert_int_eq(code, 1);
	output_free(&o);
	o = run_watch(&ptrace_system, &code);
	ck_assert_int_eq(code, 1);
	output_free(&o);
	ck_assert_int_eq(watch_source_parse("connector", &s), 0);
	ck_assert_int_eq(s, WATCH_CONNECTOR);
	ck_assert_int_eq(watch_source_parse(NULL, &s), 0);
	ck_assert_int_eq(s, WATCH_AUTO);
	ck_assert_int_eq(watch_source_parse("strace", &s), -1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("watch");
	TCase *tc = tcase_create("batch");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 120);
	ADD_TEST(tc, test_sh_demo_ptrace);
	ADD_TEST(tc, test_sh_demo_connector);
	ADD_TEST(tc, test_orphan_reparented_by_polling);
	ADD_TEST(tc, test_text_lines);
	ADD_TEST(tc, test_exit_status_propagates);
	ADD_TEST(tc, test_poll_marks_lines);
	ADD_TEST(tc, test_attach_pid_and_leave_it_running);
	ADD_TEST(tc, test_system_sees_the_machine);
	ADD_TEST(tc, test_bad_options);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
