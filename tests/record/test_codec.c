/*
 * The recording's codec: an event, a snapshot of a real process (this one,
 * read in full) and an exec record go to JSON text and back unchanged,
 * field by field;
 * objects that are no event or snapshot are refused.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "record/codec.h"

/* Through text, as a recording's line is. */
static json_object *through_text(json_object *j)
{
	json_object *back = json_tokener_parse(json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN));

	json_object_put(j);
	ck_assert_ptr_nonnull(back);
	return back;
}

START_TEST(test_event_round_trip)
{
	Event ev = { .t_us = 123456789012ull, .kind = EV_API, .pid = 4242, .ppid = 4241,
		     .child = 4243, .former_tid = 7, .how = HOW_VFORK, .status = 0x7f00, .signo = 17,
		     .ret = -1, .err = 11, .polled = true, .record = 99 };
	Event back;
	json_object *j;

	snprintf(ev.api, sizeof ev.api, "posix_spawn");
	snprintf(ev.comm, sizeof ev.comm, "make");
	snprintf(ev.detail, sizeof ev.detail, "posix_spawn(\"/bin/sh\") = EAGAIN \xe2\x80\x94 \"quoted\"\n");
	snprintf(ev.argv, sizeof ev.argv, "sh -c 'echo 한국어'");
	j = through_text(record_event_json(&ev));
	ck_assert(record_event_read(j, &back));
	ck_assert(memcmp(&ev, &back, sizeof ev) == 0);
	json_object_put(j);
}
END_TEST

START_TEST(test_refused)
{
	Event ev;
	pid_t pid;
	uint64_t t;
	EventKind kind;
	Focus *f;
	json_object *j = json_tokener_parse("{\"type\":\"event\",\"kind\":\"teleport\",\"pid\":1}");

	ck_assert(!record_event_read(j, &ev));
	ck_assert(!record_snapshot_read(j, &pid, &t, &kind, &f));
	json_object_put(j);
	j = json_tokener_parse("{\"type\":\"snapshot\",\"kind\":\"exec\",\"pid\":1}");
	ck_assert(!record_snapshot_read(j, &pid, &t, &kind, &f)); /* no "self" */
	json_object_put(j);
}
END_TEST

START_TEST(test_snapshot_round_trip)
{
	Focus *f = xcalloc(1, sizeof *f), *g;
	Snapshot snap = { .pid = getpid(), .t_us = 555, .kind = EV_EXEC };
	pid_t pid;
	uint64_t t;
	EventKind kind;
	json_object *j;

	Focus_read(f, getpid(), 0, 0, NULL);
	ck_assert_int_eq(f->self.maps.state, READ_OK);
	snap.focus = f;
	j = through_text(record_snapshot_json(&snap));
	ck_assert(record_snapshot_read(j, &pid, &t, &kind, &g));
	json_object_put(j);
	ck_assert_int_eq(pid, getpid());
	ck_assert_uint_eq(t, 555);
	ck_assert_int_eq(kind, EV_EXEC);
	ck_assert_int_eq(g->parent, f->parent);
	ck_assert_int_eq(g->mapping, f->mapping);
	ck_assert_str_eq(g->self.id.comm, f->self.id.comm);
	ck_assert_str_eq(g->self.id.cmdline, f->self.id.cmdline);
	ck_assert_uint_eq(g->self.id.start_ticks, f->self.id.start_ticks);
	ck_assert_uint_eq(g->self.sig.caught, f->self.sig.caught);
	ck_assert_uint_eq(g->self.totals.kb.pss, f->self.totals.kb.pss);
	ck_assert_uint_eq(g->self.maps.n, f->self.maps.n);
	for (size_t i = 0; i < f->self.maps.n; i++) {
		ck_assert_str_eq(g->self.maps.v[i].path, f->self.maps.v[i].path);
		ck_assert_uint_eq(g->self.maps.v[i].start, f->self.maps.v[i].start);
		ck_assert_uint_eq(g->self.maps.v[i].kb.rss, f->self.maps.v[i].kb.rss);
		ck_assert_str_eq(g->self.maps.v[i].perms, f->self.maps.v[i].perms);
	}
	ck_assert_uint_eq(g->self.fds.n, f->self.fds.n);
	for (size_t i = 0; i < f->self.fds.n; i++) {
		ck_assert_int_eq(g->self.fds.v[i].fd, f->self.fds.v[i].fd);
		ck_assert_str_eq(g->self.fds.v[i].target, f->self.fds.v[i].target);
		ck_assert_int_eq(g->self.fds.v[i].cloexec, f->self.fds.v[i].cloexec);
		ck_assert_uint_eq(g->self.fds.v[i].ino, f->self.fds.v[i].ino);
	}
	for (size_t i = 0; f->self.environ != NULL && f->self.environ[i] != NULL; i++)
		ck_assert_str_eq(g->self.environ[i], f->self.environ[i]);
	ck_assert_str_eq(g->self.cwd, f->self.cwd);
	ck_assert_uint_eq(g->pages.npages, f->pages.npages);
	for (size_t i = 0; i < f->pages.npages; i++) {
		ck_assert_uint_eq(g->pages.pages[i].flags, f->pages.pages[i].flags);
		ck_assert_uint_eq(g->pages.pages[i].pfn, f->pages.pages[i].pfn);
	}
	Focus_done(f);
	Focus_done(g);
	free(f);
	free(g);
}
END_TEST

START_TEST(test_exec_record_round_trip)
{
	char *argv[] = { "env", "X=1", "true", NULL }, *env[] = { "X=1", "PATH=/usr/bin", NULL };
	char *added[] = { "X=1", NULL };
	ExecFd fds[] = { { 0, "/dev/null" }, { 3, "pipe:[123]" } };
	ExecAttempt tries[] = { { "/usr/local/bin/true", 2 } };
	ExecRecord rec = { .pid = 77, .state = READ_OK, .filename = "/usr/bin/true", .cwd = "/tmp",
			   .argv = argv, .env = env, .env_state = READ_OK, .fds = fds, .nfds = 2,
			   .env_added = added, .env_compared = true, .attempts = tries,
			   .nattempts = 1 };
	ExecRecord back;
	uint32_t id;
	json_object *j = through_text(record_exec_json(42, &rec));

	ck_assert(record_exec_read(j, &id, &back));
	json_object_put(j);
	ck_assert_uint_eq(id, 42);
	ck_assert_int_eq(back.pid, 77);
	ck_assert_str_eq(back.filename, "/usr/bin/true");
	ck_assert_str_eq(back.cwd, "/tmp");
	ck_assert_str_eq(back.argv[1], "X=1");
	ck_assert_ptr_null(back.argv[3]);
	ck_assert_str_eq(back.env[1], "PATH=/usr/bin");
	ck_assert_str_eq(back.env_added[0], "X=1");
	ck_assert_ptr_null(back.env_removed);
	ck_assert(back.env_compared);
	ck_assert_uint_eq(back.nfds, 2);
	ck_assert_int_eq(back.fds[1].fd, 3);
	ck_assert_str_eq(back.fds[1].target, "pipe:[123]");
	ck_assert_uint_eq(back.nattempts, 1);
	ck_assert_str_eq(back.attempts[0].path, "/usr/local/bin/true");
	ck_assert_int_eq(back.attempts[0].err, 2);
	ExecRecord_done(&back);
}
END_TEST

static Suite *codec_suite(void)
{
	Suite *s = suite_create("record codec");
	TCase *tc = tcase_create("round trip");

	tcase_add_test(tc, test_event_round_trip);
	tcase_add_test(tc, test_refused);
	tcase_add_test(tc, test_snapshot_round_trip);
	tcase_add_test(tc, test_exec_record_round_trip);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(codec_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
