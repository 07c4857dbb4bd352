/*
 * The snapshot store: a cap in bytes that drops the oldest first, the
 * newest snapshot of a pid at or before a time, nothing kept with a cap of
 * 0; and a Focus read of a real process (this one) that it can hold.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "model/session.h"

/* A focus of pid holding about `mappings` mappings' worth of memory. */
static Focus *fake_focus(pid_t pid, size_t mappings)
{
	Focus *f = xcalloc(1, sizeof *f);

	f->pid = f->self.pid = pid;
	f->self.maps.state = READ_OK;
	f->self.maps.n = mappings;
	f->self.maps.v = xcalloc(mappings, sizeof *f->self.maps.v);
	for (size_t i = 0; i < mappings; i++)
		f->self.maps.v[i].path = xstrdup("/usr/lib/x86_64-linux-gnu/libc.so.6");
	return f;
}

START_TEST(test_find_newest_at_or_before)
{
	SnapshotStore st;

	SnapshotStore_init(&st, 1 << 20);
	SnapshotStore_add(&st, 10, 100, EV_FORK, fake_focus(10, 1));
	SnapshotStore_add(&st, 11, 100, EV_FORK, fake_focus(11, 1));
	SnapshotStore_add(&st, 10, 200, EV_EXEC, fake_focus(10, 2));
	SnapshotStore_add(&st, 10, 300, EV_EXIT, fake_focus(10, 3));
	ck_assert_uint_eq(SnapshotStore_count(&st), 4);
	ck_assert_ptr_null(SnapshotStore_find(&st, 10, 99));
	ck_assert_int_eq(SnapshotStore_find(&st, 10, 100)->kind, EV_FORK);
	ck_assert_int_eq(SnapshotStore_find(&st, 10, 250)->kind, EV_EXEC);
	ck_assert_uint_eq(SnapshotStore_find(&st, 10, 250)->focus->self.maps.n, 2);
	ck_assert_int_eq(SnapshotStore_find(&st, 10, 1000)->kind, EV_EXIT);
	ck_assert_int_eq(SnapshotStore_find(&st, 11, 1000)->pid, 11);
	ck_assert_ptr_null(SnapshotStore_find(&st, 12, 1000));
	SnapshotStore_done(&st);
}
END_TEST

START_TEST(test_cap_drops_oldest)
{
	SnapshotStore st;
	size_t one;
	Focus *probe = fake_focus(1, 50);

	one = Focus_bytes(probe) + sizeof(Snapshot);
	Focus_done(probe);
	free(probe);
	/* Room for three. */
	SnapshotStore_init(&st, one * 3 + one / 2);
	for (int i = 0; i < 10; i++)
		SnapshotStore_add(&st, 100 + i, (uint64_t)i * 10, EV_EXEC, fake_focus(100 + i, 50));
	ck_assert_uint_eq(SnapshotStore_count(&st), 3);
	ck_assert_uint_le(st.bytes, st.cap_bytes);
	ck_assert_uint_eq(st.dropped, 7);
	ck_assert_uint_eq(st.taken, 10);
	ck_assert_ptr_null(SnapshotStore_find(&st, 100, 1000)); /* the oldest went */
	ck_assert_ptr_nonnull(SnapshotStore_find(&st, 109, 1000));
	ck_assert_ptr_nonnull(SnapshotStore_find(&st, 107, 1000));
	ck_assert_ptr_null(SnapshotStore_find(&st, 106, 1000));
	SnapshotStore_done(&st);
}
END_TEST

START_TEST(test_cap_zero_keeps_none)
{
	SnapshotStore st;

	SnapshotStore_init(&st, 0);
	SnapshotStore_add(&st, 5, 1, EV_EXEC, fake_focus(5, 1));
	ck_assert_uint_eq(SnapshotStore_count(&st), 0);
	ck_assert_uint_eq(st.bytes, 0);
	ck_assert_ptr_null(SnapshotStore_find(&st, 5, 10));
	SnapshotStore_done(&st);
}
END_TEST

/* This process read in full, as the tracer's hook reads a held one. */
START_TEST(test_focus_read_self)
{
	SnapshotStore st;
	Focus *f = xcalloc(1, sizeof *f);
	const Snapshot *snap;

	Focus_read(f, getpid(), 0, 0, NULL);
	ck_assert_int_eq(f->self.id.state, READ_OK);
	ck_assert_int_eq(f->self.maps.state, READ_OK);
	ck_assert_int_eq(f->self.fds.state, READ_OK);
	ck_assert_int_eq(f->parent, getppid());
	ck_assert_uint_gt(Focus_bytes(f), sizeof *f);
	SnapshotStore_init(&st, 32 << 20);
	SnapshotStore_add(&st, getpid(), 7, EV_EXEC, f);
	snap = SnapshotStore_find(&st, getpid(), 7);
	ck_assert_ptr_nonnull(snap);
	ck_assert_uint_eq(st.bytes, snap->bytes);
	SnapshotStore_done(&st);
	ck_assert_uint_eq(st.bytes, 0);
}
END_TEST

static Suite *snapshot_suite(void)
{
	Suite *s = suite_create("model snapshot");
	TCase *tc = tcase_create("store");

	tcase_add_test(tc, test_find_newest_at_or_before);
	tcase_add_test(tc, test_cap_drops_oldest);
	tcase_add_test(tc, test_cap_zero_keeps_none);
	tcase_add_test(tc, test_focus_read_self);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(snapshot_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
