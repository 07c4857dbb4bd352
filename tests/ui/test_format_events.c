/*
 * What the events pane says, without a terminal: event lines (the helper's
 * API reports with their results, the kernel's events, steps, times as
 * sequence numbers with --stable) and one event in full as Enter shows it
 * (its whole text, the value returned and errno, a wait status, a step's
 * whole caption). The other panes are tested in test_format.c and
 * test_format_panes.c.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format_test.h"
#include "ui/format/format.h"
#include "ui/format/stable.h"

/* ---- events ---- */

START_TEST(test_event_lines)
{
	StableIds ids;
	EventLine line;
	Event ev = { .t_us = 1500000, .kind = EV_API, .pid = 200, .ret = 201, .child = 201 };

	StableIds_init(&ids, false, 1, "");
	snprintf(ev.api, sizeof ev.api, "fork");
	snprintf(ev.detail, sizeof ev.detail, "fork() = 201 in the parent");
	event_line(&ev, 1, 1000000, &ids, &line);
	ck_assert_str_eq(line.when, "0.500");
	ck_assert_str_eq(line.pid, "200");
	ck_assert_str_eq(line.text, "fork() = 201 in the parent");
	ck_assert_int_eq(line.role, ROLE_EVENT_API);
	/* A call reported without its result gets it from ret and err. */
	snprintf(ev.api, sizeof ev.api, "execve");
	snprintf(ev.detail, sizeof ev.detail, "execve(\"/nonexistent\")");
	ev.ret = -1;
	ev.err = 2;
	ev.child = 0;
	event_line(&ev, 1, 1000000, &ids, &line);
	ck_assert_str_eq(line.text, "execve(\"/nonexistent\") = -1 ENOENT");
	snprintf(ev.api, sizeof ev.api, "posix_spawn");
	snprintf(ev.detail, sizeof ev.detail, "posix_spawn(&pid, \"/bin/true\")");
	ev.ret = 0;
	ev.err = 0;
	ev.child = 333;
	event_line(&ev, 1, 1000000, &ids, &line);
	ck_assert_str_eq(line.text, "posix_spawn(&pid, \"/bin/true\") = 0, pid 333");
	/* Kernel events. */
	ev = (Event){ .t_us = 2000000, .kind = EV_FORK, .pid = 201, .ppid = 200 };
	event_line(&ev, 1, 1000000, &ids, &line);
	ck_assert_str_eq(line.text, "fork by 200");
	ck_assert_int_eq(line.role, ROLE_EVENT_CREATE);
	ev = (Event){ .kind = EV_EXIT, .pid = 201, .status = 7 << 8 };
	event_line(&ev, 1, 0, &ids, &line);
	ck_assert_str_eq(line.text, "exit: exit 7");
	ck_assert_int_eq(line.role, ROLE_EVENT_EXIT);
	ev = (Event){ .kind = EV_EXEC, .pid = 201 };
	snprintf(ev.detail, sizeof ev.detail, "/usr/bin/ls");
	event_line(&ev, 1, 0, &ids, &line);
	ck_assert_str_eq(line.text, "exec /usr/bin/ls");
	ck_assert_int_eq(line.role, ROLE_EVENT_EXEC);
	ev.detail[0] = '\0';
	snprintf(ev.comm, sizeof ev.comm, "grep");
	event_line(&ev, 1, 0, &ids, &line);
	ck_assert_str_eq(line.text, "exec [grep]");
	ev = (Event){ .kind = EV_STEP, .status = 2 };
	event_line(&ev, 1, 0, &ids, &line);
	ck_assert(line.is_step);
	StableIds_done(&ids);
	/* With --stable, times become sequence numbers. */
	StableIds_init(&ids, true, 1, "");
	ev = (Event){ .t_us = 9999999, .kind = EV_REAP, .pid = 201, .ppid = 200 };
	event_line(&ev, 12, 0, &ids, &line);
	ck_assert_str_eq(line.when, "#12");
	StableIds_done(&ids);
}
END_TEST

/* Enter on an event: its whole text, the value returned and errno. */
START_TEST(test_event_fields)
{
	StableIds ids;
	EventField f[EVENT_FIELDS_MAX];
	Event ev = { .t_us = 1500000, .kind = EV_API, .pid = 200, .ret = -1, .err = 2 };
	size_t n;
	char *call = "execl(\"true\", \"true\", \"execl-bare-name\", NULL) = -1: No such file or "
		     "directory, since a path argument is not searched in PATH at all";

	StableIds_init(&ids, false, 1, "");
	snprintf(ev.api, sizeof ev.api, "execl");
	snprintf(ev.detail, sizeof ev.detail, "%s", call);
	n = event_fields(&ev, 3, 1000000, &ids, NULL, f, EVENT_FIELDS_MAX);
	ck_assert_str_eq(f[0].label, "what");
	ck_assert_str_eq(f[0].text, call); /* whole */
	ck_assert_str_eq(f[1].label, "pid");
	ck_assert_str_eq(f[1].text, "200");
	ck_assert_str_eq(f[2].label, "function");
	ck_assert_str_eq(f[2].text, "execl");
	ck_assert_str_eq(f[3].label, "call");
	ck_assert_str_eq(f[4].label, "returned");
	ck_assert_str_eq(f[4].text, "-1");
	ck_assert_str_eq(f[5].label, "errno");
	ck_assert(strncmp(f[5].text, "ENOENT (2): ", 12) == 0);
	ck_assert_str_eq(f[6].label, "when");
	ck_assert_str_eq(f[6].text, "0.500000 s after the first event");
	ck_assert_str_eq(f[7].label, "seen by");
	ck_assert_uint_eq(n, 8);
	/* an exit: its wait status */
	ev = (Event){ .kind = EV_EXIT, .pid = 201, .status = 127 << 8 };
	n = event_fields(&ev, 4, 0, &ids, NULL, f, EVENT_FIELDS_MAX);
	ck_assert_str_eq(f[2].label, "wait status");
	ck_assert_str_eq(f[2].text, "exit 127");
	/* a step: the whole caption given */
	ev = (Event){ .kind = EV_STEP, .status = 4 };
	snprintf(ev.detail, sizeof ev.detail, "execle(...) held at the e");
	n = event_fields(&ev, 5, 0, &ids, "execle(...) held at the exec, in full", f, EVENT_FIELDS_MAX);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(f[1].text, "execle(...) held at the exec, in full");
	StableIds_done(&ids);
	/* --stable: pids and the sequence number */
	StableIds_init(&ids, true, 1, "");
	ev = (Event){ .kind = EV_FORK, .pid = 201, .ppid = 200, .how = HOW_FORK };
	n = event_fields(&ev, 7, 0, &ids, NULL, f, EVENT_FIELDS_MAX);
	ck_assert_str_eq(f[2].label, "ppid");
	ck_assert_str_eq(f[4].label, "when");
	ck_assert_str_eq(f[4].text, "#7");
	StableIds_done(&ids);
}
END_TEST

static Suite *events_suite(void)
{
	Suite *s = suite_create("ui format events");
	TCase *tc = tcase_create("format");

	tcase_add_checked_fixture(tc, format_test_setup, NULL);
	tcase_add_test(tc, test_event_lines);
	tcase_add_test(tc, test_event_fields);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(events_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
