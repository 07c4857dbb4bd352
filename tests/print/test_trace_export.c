/*
 * --export-trace: the Chrome trace of a session. On a session built by
 * hand, the trace's counts are the events' own (a process_name per
 * process, a slice per process and per exec, a flow start and finish pair
 * per fork, an instant per signal, stop, continue and failed exec) and each
 * track reads in time order. Against the kernel, one run of
 * `forkscope --batch --json --export-trace F -- sh -c ...` must give a
 * trace whose counts are those of the JSON events it printed.
 */
#include <check.h>
#include <errno.h>
#include <json-c/json.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "model/session.h"
#include "print/trace_export.h"

/* What a trace holds, counted. */
typedef struct TraceCounts {
	int process_names, sort_indexes, thread_names;
	int slices, instants, flow_starts, flow_ends, flows_paired;
	int approximate;
	bool ordered;          /* every track's events in non-decreasing ts */
} TraceCounts;

static void apply(Session *s, EventKind kind, pid_t pid, pid_t ppid, uint64_t t_us)
{
	Event ev = { .t_us = t_us, .kind = kind, .pid = pid, .ppid = ppid };

	Session_apply(s, &ev);
}

static void apply_exec(Session *s, pid_t pid, const char *path, const char *argv, uint64_t t_us)
{
	Event ev = { .t_us = t_us, .kind = EV_EXEC, .pid = pid };

	snprintf(ev.detail, sizeof ev.detail, "%s", path);
	snprintf(ev.argv, sizeof ev.argv, "%s", argv);
	Session_apply(s, &ev);
}

static const char *str_field(json_object *o, const char *key)
{
	json_object *v;

	return json_object_object_get_ex(o, key, &v) ? json_object_get_string(v) : "";
}

static int64_t int_field(json_object *o, const char *key)
{
	json_object *v;

	return json_object_object_get_ex(o, key, &v) ? json_object_get_int64(v) : -1;
}

/* The flow with this id has its start on parent's track and its finish
 * bound (bp "e") on child's, at the same instant. */
static bool flow_paired(json_object *events, json_object *start)
{
	for (size_t i = 0; i < json_object_array_length(events); i++) {
		json_object *e = json_object_array_get_idx(events, i);
		if (strcmp(str_field(e, "ph"), "f") == 0 && int_field(e, "id") == int_field(start, "id"))
			return strcmp(str_field(e, "bp"), "e") == 0 &&
			       int_field(e, "ts") == int_field(start, "ts") &&
			       int_field(e, "pid") != int_field(start, "pid");
	}
	return false;
}

static bool approximate(json_object *e)
{
	json_object *args, *v;

	return json_object_object_get_ex(e, "args", &args) &&
	       json_object_object_get_ex(args, "approximate", &v) && json_object_get_boolean(v);
}

/* Checks the time order per (pid, tid) track as the array holds them. */
static bool in_order(json_object *events)
{
	for (size_t i = 0; i < json_object_array_length(events); i++) {
		json_object *a = json_object_array_get_idx(events, i);
		if (strcmp(str_field(a, "ph"), "M") == 0)
			continue;
		for (size_t j = i + 1; j < json_object_array_length(events); j++) {
			json_object *b = json_object_array_get_idx(events, j);
			if (strcmp(str_field(b, "ph"), "M") != 0 && int_field(a, "pid") == int_field(b, "pid") &&
			    int_field(a, "tid") == int_field(b, "tid") && int_field(b, "ts") < int_field(a, "ts"))
				return false;
		}
	}
	return true;
}

static TraceCounts count_trace(json_object *trace)
{
	TraceCounts c = { 0 };
	json_object *events;

	ck_assert_msg(json_object_object_get_ex(trace, "traceEvents", &events), "no traceEvents");
	ck_assert(json_object_is_type(events, json_type_array));
	ck_assert_str_eq(str_field(trace, "displayTimeUnit"), "ms");
	for (size_t i = 0; i < json_object_array_length(events); i++) {
		json_object *e = json_object_array_get_idx(events, i);
		const char *ph = str_field(e, "ph"), *name = str_field(e, "name");

		ck_assert_msg(int_field(e, "pid") > 0 && int_field(e, "tid") > 0, "event %zu: no pid/tid", i);
		if (strcmp(ph, "M") == 0) {
			c.process_names += strcmp(name, "process_name") == 0;
			c.sort_indexes += strcmp(name, "process_sort_index") == 0;
			c.thread_names += strcmp(name, "thread_name") == 0;
			continue;
		}
		ck_assert_msg(int_field(e, "ts") >= 0, "event %zu: ts", i);
		c.approximate += approximate(e);
		if (strcmp(ph, "X") == 0) {
			c.slices++;
			ck_assert_msg(int_field(e, "dur") >= 0, "slice %s: dur", name);
		} else if (strcmp(ph, "i") == 0) {
			c.instants++;
		} else if (strcmp(ph, "s") == 0) {
			c.flow_starts++;
			c.flows_paired += flow_paired(events, e);
		} else if (strcmp(ph, "f") == 0) {
			c.flow_ends++;
		}
	}
	c.ordered = in_order(events);
	return c;
}

/* Through text, as a viewer gets it: what json-c wrote, json-c parses back. */
static json_object *round_trip(json_object *trace)
{
	json_object *parsed = json_tokener_parse(json_object_to_json_string_ext(trace, JSON_C_TO_STRING_PLAIN));

	ck_assert_msg(parsed != NULL, "the trace does not parse back");
	return parsed;
}

/* A root already there, three children by fork and vfork, a grandchild;
 * three execs, one failed exec, a signal, a stop and a continue. */
static Session *hand_session(void)
{
	Session *s = Session_new(100, 0);
	ProcRecord *root = Session_add(s, 100, 1, HOW_EXISTING, 1000);

	root->id.cmdline = strdup("sh -c job");
	root->id.cmdline_state = READ_OK;
	apply(s, EV_FORK, 101, 100, 1100);
	apply_exec(s, 101, "/usr/bin/make", "make -j2", 1200);
	apply(s, EV_FORK, 102, 101, 1300);
	apply(s, EV_VFORK, 103, 100, 1350);
	apply_exec(s, 103, "/usr/bin/true", "true", 1360);
	{
		Event failed = { .t_us = 1400, .kind = EV_EXEC_FAILED, .pid = 102, .err = ENOENT };
		snprintf(failed.detail, sizeof failed.detail, "/nonexistent/cc");
		Session_apply(s, &failed);
	}
	apply_exec(s, 102, "/usr/bin/cc", "cc -c f.c", 1450);
	{
		Event sig = { .t_us = 1500, .kind = EV_SIGNAL, .pid = 102, .signo = 15 };
		Session_apply(s, &sig);
	}
	apply(s, EV_EXIT, 102, 101, 1600);
	apply(s, EV_EXIT, 103, 100, 1650);
	apply(s, EV_STOP, 101, 0, 1700);
	apply(s, EV_CONT, 101, 0, 1750);
	apply(s, EV_EXIT, 101, 100, 1800);
	return s;
}

START_TEST(test_counts_match_events)
{
	Session *s = hand_session();
	json_object *trace = trace_export_json(s), *parsed = round_trip(trace);
	TraceCounts c = count_trace(parsed);

	ck_assert_int_eq(c.process_names, 4);
	ck_assert_int_eq(c.sort_indexes, 4);
	ck_assert_int_eq(c.thread_names, 4);
	ck_assert_int_eq(c.slices, 4 + 3);           /* processes + execs */
	ck_assert_int_eq(c.flow_starts, 3);          /* one per fork, vfork */
	ck_assert_int_eq(c.flow_ends, 3);
	ck_assert_int_eq(c.flows_paired, 3);
	ck_assert_int_eq(c.instants, 4);             /* failed exec, signal, stop, continue */
	ck_assert_int_eq(c.approximate, 0);
	ck_assert_msg(c.ordered, "a track's events are out of time order");
	json_object_put(parsed);
	json_object_put(trace);
	Session_delete(s);
}
END_TEST

/* Names, the tree order, and times from the session's first moment. */
START_TEST(test_names_tree_and_times)
{
	Session *s = hand_session();
	json_object *trace = trace_export_json(s), *events;
	int sort_of[4] = { -1, -1, -1, -1 };
	bool make_slice = false, pre_exec_copy = false;

	ck_assert(json_object_object_get_ex(trace, "traceEvents", &events));
	for (size_t i = 0; i < json_object_array_length(events); i++) {
		json_object *e = json_object_array_get_idx(events, i), *args, *v;
		const char *name = str_field(e, "name");
		int64_t pid = int_field(e, "pid");

		if (strcmp(name, "process_sort_index") == 0 && json_object_object_get_ex(e, "args", &args) &&
		    json_object_object_get_ex(args, "sort_index", &v) && pid >= 100 && pid <= 103)
			sort_of[pid - 100] = json_object_get_int(v);
		if (strcmp(str_field(e, "ph"), "X") != 0)
			continue;
		if (pid == 101 && strcmp(name, "make -j2") == 0)
			make_slice = int_field(e, "ts") == 200 && int_field(e, "dur") == 600;
		/* Before its exec the child is a copy of its parent: its name. */
		if (pid == 102 && strcmp(name, "make -j2") == 0)
			pre_exec_copy = int_field(e, "ts") == 300 && int_field(e, "dur") == 150;
		if (pid == 100)
			ck_assert_int_eq(int_field(e, "ts"), 0); /* its birth is the first moment */
	}
	ck_assert_msg(make_slice, "no slice 'make -j2' from 200 us to 800 us on 101");
	ck_assert_msg(pre_exec_copy, "102 before its exec is not named as its parent");
	/* Depth first: 100, 101, 102 (101's child), then 103. */
	ck_assert_int_eq(sort_of[0], 0);
	ck_assert_int_eq(sort_of[1], 1);
	ck_assert_int_eq(sort_of[2], 2);
	ck_assert_int_eq(sort_of[3], 3);
	json_object_put(trace);
	Session_delete(s);
}
END_TEST

/* Polling's events are marked approximate; a thread is a track of its
 * process; a process only the table knows still gets its slice. */
START_TEST(test_polled_threads_and_records)
{
	Session *s = Session_new(0, 0);
	Event fork = { .t_us = 500, .kind = EV_FORK, .pid = 201, .ppid = 200, .polled = true };
	Event thread = { .t_us = 600, .kind = EV_THREAD, .pid = 205, .ppid = 201 };
	Event thread_exit = { .t_us = 700, .kind = EV_EXIT, .pid = 205, .how = HOW_THREAD };
	json_object *trace;
	TraceCounts c;

	Session_add(s, 200, 1, HOW_EXISTING, 400);
	Session_add(s, 300, 1, HOW_EXISTING, 450); /* never in the log */
	Session_apply(s, &fork);
	Session_apply(s, &thread);
	Session_apply(s, &thread_exit);
	trace = trace_export_json(s);
	c = count_trace(trace);
	ck_assert_int_eq(c.process_names, 3);
	ck_assert_int_eq(c.thread_names, 3 + 1);
	ck_assert_int_eq(c.slices, 3 + 1);           /* three processes, one thread */
	ck_assert_int_eq(c.flows_paired, 1);
	ck_assert_int_ge(c.approximate, 2);          /* the polled fork's slice and arrow */
	ck_assert(c.ordered);
	json_object_put(trace);
	Session_delete(s);
}
END_TEST

static char *temp_dir(void)
{
	char tmpl[] = "/tmp/forkscope-trace-XXXXXX";

	ck_assert_ptr_nonnull(mkdtemp(tmpl));
	return strdup(tmpl);
}

static void remove_dir(const char *dir)
{
	char cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(test_write_whole_or_nothing)
{
	Session *s = hand_session();
	char *dir = temp_dir(), path[PATH_MAX], tmp[PATH_MAX + 8], err[512];
	struct stat st;
	json_object *parsed;

	snprintf(path, sizeof path, "%s/run.json", dir);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	ck_assert_msg(trace_export_write(s, path, err, sizeof err) == 0, "%s", err);
	parsed = json_object_from_file(path);
	ck_assert_msg(parsed != NULL, "the written trace does not parse");
	ck_assert_int_eq(count_trace(parsed).slices, 7);
	json_object_put(parsed);
	ck_assert_int_ne(stat(tmp, &st), 0);
	/* A directory that is not there: a message naming the file, no file. */
	snprintf(path, sizeof path, "%s/missing/run.json", dir);
	ck_assert_int_eq(trace_export_write(s, path, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "cannot write the trace") != NULL && strstr(err, path) != NULL, "%s", err);
	ck_assert_int_ne(stat(path, &st), 0);
	remove_dir(dir);
	free(dir);
	Session_delete(s);
}
END_TEST

/* What `--batch --json` printed, counted. */
typedef struct BatchCounts {
	int births, births_in_tree, execs, exec_failed;
} BatchCounts;

static BatchCounts count_batch(const char *file)
{
	BatchCounts c = { 0 };
	pid_t children[256];
	int nchildren = 0;
	char line[1 << 16];
	FILE *f = fopen(file, "r");

	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof line, f) != NULL) {
		json_object *o = json_tokener_parse(line);
		const char *ev;

		ck_assert_msg(o != NULL, "not JSON: %s", line);
		ev = str_field(o, "event");
		if (strcmp(ev, "fork") == 0 || strcmp(ev, "vfork") == 0 || strcmp(ev, "clone") == 0) {
			pid_t ppid = (pid_t)int_field(o, "ppid");
			c.births++;
			/* The command's own birth comes from forkscope, which has no track. */
			for (int i = 0; i < nchildren; i++)
				c.births_in_tree += children[i] == ppid;
			ck_assert_int_lt(nchildren, 256);
			children[nchildren++] = (pid_t)int_field(o, "pid");
		}
		c.execs += strcmp(ev, "exec") == 0;
		c.exec_failed += strcmp(ev, "exec-failed") == 0;
		json_object_put(o);
	}
	fclose(f);
	return c;
}

START_TEST(test_kernel_run_matches_batch_json)
{
	const char *forkscope = getenv("FORKSCOPE");
	char *dir = temp_dir(), cmd[PATH_MAX * 3], trace_file[PATH_MAX], events_file[PATH_MAX];
	json_object *trace;
	BatchCounts b;
	TraceCounts c;

	ck_assert_msg(forkscope != NULL, "FORKSCOPE is not set");
	snprintf(trace_file, sizeof trace_file, "%s/run.json", dir);
	snprintf(events_file, sizeof events_file, "%s/events.jsonl", dir);
	snprintf(cmd, sizeof cmd, "'%s' --batch --json --export-trace '%s' -- sh -c 'ls / >/dev/null; true' > '%s'",
		 forkscope, trace_file, events_file);
	ck_assert_int_eq(system(cmd), 0);
	b = count_batch(events_file);
	trace = json_object_from_file(trace_file);
	ck_assert_msg(trace != NULL, "%s does not parse", trace_file);
	c = count_trace(trace);
	ck_assert_int_ge(b.births, 2);               /* sh, and ls */
	ck_assert_int_ge(b.execs, 2);
	ck_assert_int_eq(c.process_names, b.births);
	ck_assert_int_eq(c.slices, b.births + b.execs);
	ck_assert_int_eq(c.flow_starts, b.births_in_tree);
	ck_assert_int_eq(c.flows_paired, b.births_in_tree);
	ck_assert_int_ge(c.instants, b.exec_failed);
	ck_assert_msg(c.ordered, "a track's events are out of time order");
	json_object_put(trace);
	remove_dir(dir);
	free(dir);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("trace_export");
	TCase *tc = tcase_create("trace_export");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_counts_match_events);
	tcase_add_test(tc, test_names_tree_and_times);
	tcase_add_test(tc, test_polled_threads_and_records);
	tcase_add_test(tc, test_write_whole_or_nothing);
	tcase_add_test(tc, test_kernel_run_matches_batch_json);
	suite_add_tcase(su, tc);
	sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
