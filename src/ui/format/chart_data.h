/*
 * The data of a chart, read from the session's event log. The spawn-cost
 * and scale scenarios report every measured point as an EV_NOTE whose text
 * is "PREFIX key=value key=value ...":
 *   spawn-cost method=fork+exec parent_mib=64 reps=15 median_us=1654.2 p10_us=1598.0 p90_us=1720.9
 *   scale mode=pipe workers=8 cpus=2 units=16000 ... units_per_s=156070 speedup=0.78 ...
 * A ChartSpec (one row per chart) names the prefix and which keys are the
 * series, x, y and the spread around y.
 *
 * Pure: no curses; total on any text: a line that does not parse (another
 * note, a summary, a failure, a truncated or garbled line) is skipped.
 *
 * Model and invariants: at most CHART_MAX_SERIES series, in order of first
 * appearance; each holds at most one point per x, in order of arrival (a
 * point measured again replaces the earlier one). The x axis is
 * categorical: xs[] holds every distinct x (expected or seen), ascending,
 * at most CHART_MAX_X; a point whose x does not fit is dropped. `latest`
 * names the last point read, the one being measured now.
 */
#ifndef FORKSCOPE_UI_CHART_DATA_H
#define FORKSCOPE_UI_CHART_DATA_H

#include <stdbool.h>
#include <stddef.h>

#include "trace/event.h"

enum { CHART_MAX_SERIES = 5, CHART_MAX_X = 12, CHART_NAME_LEN = 24 };

typedef struct ChartSpec {
	const char *scenario;    /* the scenario id it charts */
	const char *prefix;      /* first word of a point's note */
	const char *series_key;  /* names the series: "method" */
	const char *x_key;       /* "parent_mib" */
	const char *y_key;       /* "median_us" */
	const char *lo_key, *hi_key; /* the spread around y; NULL: none */
	const char *mark_key;    /* an x worth a rule (the CPU count); NULL: none */
	const char *x_label;     /* axis titles, N_() strings: translate where shown */
	const char *y_label;
	const char *mark_label;  /* printf format for the rule's value (%g) */
	const char *latest_label;/* printf format: series (%s), x (%g), y (%.0f) */
} ChartSpec;

typedef struct ChartPoint {
	double x, y;
	double lo, hi;           /* when spread */
	bool spread;
} ChartPoint;

typedef struct ChartSeries {
	char name[CHART_NAME_LEN];
	ChartPoint points[CHART_MAX_X];
	size_t npoints;
} ChartSeries;

typedef struct ChartData {
	const ChartSpec *spec;   /* borrowed (a static row) */
	ChartSeries series[CHART_MAX_SERIES];
	size_t nseries;
	double xs[CHART_MAX_X];  /* the categories, ascending */
	size_t nxs;
	double mark;             /* when has_mark */
	bool has_mark;
	bool has_latest;
	size_t latest_series, latest_point;
} ChartData;

/* The chart of a scenario id, or NULL when it has none. */
const ChartSpec *ChartSpec_for(const char *scenario_id);

void ChartData_init(ChartData *d, const ChartSpec *spec);
/* Adds x to the categories before any point has it (a stable axis). */
bool ChartData_expect_x(ChartData *d, double x);
/* Reads one note's text; true when it was a point of this chart. */
bool ChartData_add_line(ChartData *d, const char *line);
/* Reads every EV_NOTE of the log. */
void ChartData_read(ChartData *d, const Event *events, size_t n);

/* The category of x, or -1. */
int ChartData_x_index(const ChartData *d, double x);
/* The largest y (or hi, with spread) of any point; 0 when none. */
double ChartData_y_max(const ChartData *d, bool with_spread);

/* A round tick step (1, 2 or 5 times a power of ten) that covers [0, max]
 * with at most max_ticks steps; *top gets the axis top (a multiple of it). */
double chart_tick_step(double max, int max_ticks, double *top);
/* A short axis label: "0", "750", "1.5k", "12k", "2M". */
void chart_format_value(double v, char *buf, size_t len);

#endif
