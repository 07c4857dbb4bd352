/*
 * The chart's data (chart_data.c), without a terminal: the notes of the
 * spawn-cost and scale demos as they print them, truncated, garbled and
 * foreign lines (skipped, never half-read), the categorical x axis, the
 * caps on series and categories, the latest point, the event log, round
 * ticks and short labels, and random bytes (total: no crash, no point).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/format/chart_data.h"

static const char *const spawn_lines[] = {
	"spawn-cost method=fork+exec parent_mib=0 reps=3 median_us=1173.2 p10_us=1077.7 p90_us=1356.8",
	"spawn-cost method=vfork+exec parent_mib=0 reps=3 median_us=840.4 p10_us=734.1 p90_us=980.7",
	"spawn-cost method=fork+exec parent_mib=16 reps=3 median_us=1191.7 p10_us=1158.1 p90_us=1615.8",
	"spawn-cost ratio parent_mib=16 fork+exec/posix_spawn=1.81 fork+exec/vfork+exec=2.12",
	"spawn-cost method=posix_spawn parent_mib=16 failed: No such file or directory",
	"the parent now has 16 MiB of touched memory: measuring",
};

static ChartData spawn_chart(void)
{
	ChartData d;

	ChartData_init(&d, ChartSpec_for("spawn-cost"));
	for (size_t i = 0; i < sizeof spawn_lines / sizeof spawn_lines[0]; i++)
		ChartData_add_line(&d, spawn_lines[i]);
	return d;
}

START_TEST(test_specs)
{
	ck_assert_ptr_nonnull(ChartSpec_for("spawn-cost"));
	ck_assert_ptr_nonnull(ChartSpec_for("scale"));
	ck_assert_ptr_null(ChartSpec_for("cow"));
	ck_assert_ptr_null(ChartSpec_for(NULL));
	ck_assert_str_eq(ChartSpec_for("scale")->x_key, "workers");
}
END_TEST

START_TEST(test_spawn_cost)
{
	ChartData d = spawn_chart();

	ck_assert_uint_eq(d.nseries, 2);
	ck_assert_str_eq(d.series[0].name, "fork+exec");
	ck_assert_str_eq(d.series[1].name, "vfork+exec");
	ck_assert_uint_eq(d.series[0].npoints, 2);
	ck_assert_uint_eq(d.nxs, 2);
	ck_assert(d.xs[0] == 0 && d.xs[1] == 16);
	ck_assert(d.series[0].points[1].y == 1191.7);
	ck_assert(d.series[0].points[1].spread);
	ck_assert(d.series[0].points[1].lo == 1158.1 && d.series[0].points[1].hi == 1615.8);
	/* The latest point is the last one that parsed, not the ratio or the failure. */
	ck_assert(d.has_latest);
	ck_assert_uint_eq(d.latest_series, 0);
	ck_assert_uint_eq(d.latest_point, 1);
	ck_assert(ChartData_y_max(&d, false) == 1191.7);
	ck_assert(ChartData_y_max(&d, true) == 1615.8);
}
END_TEST

START_TEST(test_scale)
{
	ChartData d;

	ChartData_init(&d, ChartSpec_for("scale"));
	ck_assert(ChartData_add_line(&d, "scale mode=independent workers=4 cpus=2 units=500 unit_kiter=3 "
				     "ms=3.8 units_per_s=130260 speedup=0.72 answer=5718596d1eeca98b"));
	ck_assert(ChartData_add_line(&d, "scale mode=pipe workers=1 cpus=2 units=500 unit_kiter=3 ms=9.3 "
				     "units_per_s=53647 speedup=0.29 answer=5718596d1eeca98b"));
	ck_assert(!ChartData_add_line(&d, "scale mode=pipe workers=8: 3 of 500 units done"));
	ck_assert(!ChartData_add_line(&d, "scale summary cpus=2 independent_best_workers=1"));
	ck_assert(!ChartData_add_line(&d, "scale: 2 CPUs online; 500 units of 3 thousand iterations"));
	ck_assert_uint_eq(d.nseries, 2);
	ck_assert(d.xs[0] == 1 && d.xs[1] == 4);
	ck_assert(d.has_mark && d.mark == 2);
	ck_assert(!d.series[0].points[0].spread);
	ck_assert(d.series[1].points[0].y == 53647);
}
END_TEST

START_TEST(test_malformed)
{
	static const char *const bad[] = {
		"", "spawn-cost", "spawn-cost ", "spawn-costmethod=a parent_mib=1 median_us=2",
		"spawn-cost method= parent_mib=1 median_us=2",
		"spawn-cost method=a parent_mib= median_us=2",
		"spawn-cost method=a parent_mib=1 median_us=",
		"spawn-cost method=a parent_mib=1 median_us=2x",
		"spawn-cost method=a parent_mib=-1 median_us=2",
		"spawn-cost method=a parent_mib=1 median_us=nan",
		"spawn-cost method=a parent_mib=1 median_us=inf",
		"spawn-cost method=a parent_mib=1 median_us=1e300",
		"spawn-cost method=a;rm parent_mib=1 median_us=2",
		"spawn-cost method=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa parent_mib=1 median_us=2",
		"spawn-cost method=a parent_mib=1 median_us=2"
		"0000000000000000000000000000000000000000000000000000000000000000000",
		"spawn-cost method=a parent_mib=1",
		"spawn-cost method=a median_us=1",
		" spawn-cost method=a parent_mib=1 median_us=2",
		"scale mode=a workers=1 units_per_s=2",
	};
	ChartData d;

	ChartData_init(&d, ChartSpec_for("spawn-cost"));
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(!ChartData_add_line(&d, bad[i]), "read: %s", bad[i]);
	ck_assert_uint_eq(d.nseries, 0);
	ck_assert_uint_eq(d.nxs, 0);
	ck_assert(!d.has_latest);
	ck_assert(!ChartData_add_line(&d, NULL));
	/* A bad spread drops the spread only; extra spaces and keys are fine. */
	ck_assert(ChartData_add_line(&d, "spawn-cost  method=a x=y parent_mib=1  median_us=5 p10_us=9 p90_us=10 "));
	ck_assert(!d.series[0].points[0].spread);
	ck_assert(ChartData_add_line(&d, "spawn-cost method=a parent_mib=1 median_us=5 p10_us=4"));
	ck_assert(!d.series[0].points[0].spread);
}
END_TEST

START_TEST(test_axis_and_caps)
{
	char line[160];
	ChartData d;

	ChartData_init(&d, ChartSpec_for("spawn-cost"));
	ck_assert(ChartData_expect_x(&d, 64));
	ck_assert(ChartData_expect_x(&d, 0));
	ck_assert(ChartData_expect_x(&d, 16));
	ck_assert(ChartData_expect_x(&d, 16));
	ck_assert_uint_eq(d.nxs, 3);
	ck_assert(d.xs[0] == 0 && d.xs[1] == 16 && d.xs[2] == 64);
	ck_assert_int_eq(ChartData_x_index(&d, 64), 2);
	ck_assert_int_eq(ChartData_x_index(&d, 5), -1);
	/* Measured again: the point is replaced, not added. */
	ck_assert(ChartData_add_line(&d, "spawn-cost method=m parent_mib=16 median_us=1"));
	ck_assert(ChartData_add_line(&d, "spawn-cost method=m parent_mib=16 median_us=2"));
	ck_assert_uint_eq(d.series[0].npoints, 1);
	ck_assert(d.series[0].points[0].y == 2);
	/* At most CHART_MAX_SERIES series and CHART_MAX_X categories. */
	for (int i = 0; i < CHART_MAX_SERIES + 3; i++) {
		snprintf(line, sizeof line, "spawn-cost method=s%d parent_mib=0 median_us=1", i);
		ck_assert(ChartData_add_line(&d, line) == (i < CHART_MAX_SERIES - 1));
	}
	ck_assert_uint_eq(d.nseries, CHART_MAX_SERIES);
	for (int i = 0; i < CHART_MAX_X + 3; i++) {
		snprintf(line, sizeof line, "spawn-cost method=m parent_mib=%d median_us=1", 100 + i);
		ChartData_add_line(&d, line);
	}
	ck_assert_uint_eq(d.nxs, CHART_MAX_X);
	ck_assert_uint_le(d.series[0].npoints, CHART_MAX_X);
	ck_assert(!ChartData_expect_x(&d, 5000));
}
END_TEST

START_TEST(test_event_log)
{
	Event ev[3];
	ChartData d;

	memset(ev, 0, sizeof ev);
	ev[0].kind = EV_NOTE;
	snprintf(ev[0].detail, sizeof ev[0].detail, "scale mode=pipe workers=2 units_per_s=10");
	ev[1].kind = EV_OUTPUT;  /* the same text printed by the demo is not a note */
	snprintf(ev[1].detail, sizeof ev[1].detail, "scale mode=x workers=2 units_per_s=10");
	ev[2].kind = EV_NOTE;
	snprintf(ev[2].detail, sizeof ev[2].detail, "scale mode=pipe workers=4 units_per_s=30");
	ChartData_init(&d, ChartSpec_for("scale"));
	ChartData_read(&d, ev, 3);
	ck_assert_uint_eq(d.nseries, 1);
	ck_assert_uint_eq(d.series[0].npoints, 2);
	ck_assert(ChartData_y_max(&d, true) == 30);
}
END_TEST

START_TEST(test_ticks)
{
	double top, step;
	char b[16];

	step = chart_tick_step(1191.7, 5, &top);
	ck_assert(step == 500 && top == 1500);
	step = chart_tick_step(252050, 4, &top);
	ck_assert(step == 100000 && top == 300000);
	step = chart_tick_step(1000, 5, &top);
	ck_assert(step == 200 && top == 1000);
	step = chart_tick_step(0, 4, &top);
	ck_assert(step == 1 && top == 4);
	step = chart_tick_step(7, 1, &top);
	ck_assert(step == 10 && top == 10);
	chart_format_value(0, b, sizeof b);
	ck_assert_str_eq(b, "0");
	chart_format_value(750, b, sizeof b);
	ck_assert_str_eq(b, "750");
	chart_format_value(1500, b, sizeof b);
	ck_assert_str_eq(b, "1.5k");
	chart_format_value(300000, b, sizeof b);
	ck_assert_str_eq(b, "300k");
	chart_format_value(2000000, b, sizeof b);
	ck_assert_str_eq(b, "2M");
}
END_TEST

/* Random bytes, and real lines cut at every length: never a crash, and a
 * cut line is read only when what is left still has every field. */
START_TEST(test_fuzz)
{
	const char *full = spawn_lines[0];
	char buf[256];
	ChartData d;

	srand(8);
	for (int i = 0; i < 20000; i++) {
		size_t n = (size_t)(rand() % (int)(sizeof buf - 1));
		for (size_t j = 0; j < n; j++)
			buf[j] = (char)(rand() % 3 == 0 ? "= .+-0123456789e"[rand() % 16] : rand() % 256);
		buf[n] = '\0';
		if (i % 2)
			memcpy(buf, "scale ", n >= 6 ? 6 : n);
		ChartData_init(&d, ChartSpec_for(i % 2 ? "scale" : "spawn-cost"));
		ChartData_add_line(&d, buf);
		ck_assert_uint_le(d.nseries, CHART_MAX_SERIES);
	}
	for (size_t n = 0; n <= strlen(full); n++) {
		snprintf(buf, sizeof buf, "%.*s", (int)n, full);
		ChartData_init(&d, ChartSpec_for("spawn-cost"));
		if (ChartData_add_line(&d, buf))
			ck_assert_uint_ge(n, strlen("spawn-cost method=fork+exec parent_mib=0 reps=3 median_us=1"));
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("chart");
	TCase *tc = tcase_create("data");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_specs);
	tcase_add_test(tc, test_spawn_cost);
	tcase_add_test(tc, test_scale);
	tcase_add_test(tc, test_malformed);
	tcase_add_test(tc, test_axis_and_caps);
	tcase_add_test(tc, test_event_log);
	tcase_add_test(tc, test_ticks);
	tcase_add_test(tc, test_fuzz);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
