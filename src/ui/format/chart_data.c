/*
 * Chart data from notes (see chart_data.h). A line is split at spaces into
 * tokens; the first must be the spec's prefix, the others that matter are
 * key=value. A name is 1 to CHART_NAME_LEN - 1 characters of [A-Za-z0-9+_.-];
 * a number is a whole token strtod reads, finite, 0 <= v < 1e15. Anything
 * else makes the line (or, for the spread, just the spread) not count.
 */
#include "ui/format/chart_data.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

static const ChartSpec specs[] = {
	{ .scenario = "spawn-cost", .prefix = "spawn-cost", .series_key = "method",
	  .x_key = "parent_mib", .y_key = "median_us", .lo_key = "p10_us", .hi_key = "p90_us",
	  .x_label = N_("parent MiB"), .y_label = N_("median µs, bars from p10 to p90"),
	  .latest_label = N_("latest: %s with a %g MiB parent, %.0f µs") },
	{ .scenario = "scale", .prefix = "scale", .series_key = "mode",
	  .x_key = "workers", .y_key = "units_per_s", .mark_key = "cpus",
	  .x_label = N_("workers"), .y_label = N_("units/s"), .mark_label = N_("%g CPUs"),
	  .latest_label = N_("latest: %s with %g workers, %.0f units/s") },
};

enum { TOKEN_MAX = 64 };

const ChartSpec *ChartSpec_for(const char *scenario_id)
{
	if (scenario_id == NULL)
		return NULL;
	for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
		if (strcmp(specs[i].scenario, scenario_id) == 0)
			return &specs[i];
	return NULL;
}

void ChartData_init(ChartData *d, const ChartSpec *spec)
{
	memset(d, 0, sizeof *d);
	d->spec = spec;
}

int ChartData_x_index(const ChartData *d, double x)
{
	for (size_t i = 0; i < d->nxs; i++)
		if (d->xs[i] == x)
			return (int)i;
	return -1;
}

bool ChartData_expect_x(ChartData *d, double x)
{
	size_t at;

	if (ChartData_x_index(d, x) >= 0)
		return true;
	if (d->nxs >= CHART_MAX_X || !isfinite(x))
		return false;
	for (at = d->nxs; at > 0 && d->xs[at - 1] > x; at--)
		d->xs[at] = d->xs[at - 1];
	d->xs[at] = x;
	d->nxs++;
	return true;
}

/* ---- one line ---- */

typedef struct Fields {
	char series[CHART_NAME_LEN];
	double x, y, lo, hi, mark;
	bool has_series, has_x, has_y, has_lo, has_hi, has_mark;
} Fields;

static bool parse_number(const char *s, double *out)
{
	char *end;
	double v;

	if (*s == '\0')
		return false;
	v = strtod(s, &end);
	if (*end != '\0' || !isfinite(v) || v < 0 || v >= 1e15)
		return false;
	*out = v;
	return true;
}

static bool parse_name(const char *s, char *out, size_t len)
{
	size_t n = strlen(s);

	if (n == 0 || n >= len)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '+' || c == '_' || c == '.' || c == '-'))
			return false;
	}
	memcpy(out, s, n + 1);
	return true;
}

/* A number field: the first occurrence of the key wins. */
static void take_number(const char *key, const char *want, const char *value, double *v,
			bool *has)
{
	if (want != NULL && !*has && strcmp(key, want) == 0)
		*has = parse_number(value, v);
}

static void take_token(const ChartSpec *spec, char *token, Fields *f)
{
	char *eq = strchr(token, '=');
	const char *key = token, *value;

	if (eq == NULL)
		return;
	*eq = '\0';
	value = eq + 1;
	if (!f->has_series && strcmp(key, spec->series_key) == 0)
		f->has_series = parse_name(value, f->series, sizeof f->series);
	take_number(key, spec->x_key, value, &f->x, &f->has_x);
	take_number(key, spec->y_key, value, &f->y, &f->has_y);
	take_number(key, spec->lo_key, value, &f->lo, &f->has_lo);
	take_number(key, spec->hi_key, value, &f->hi, &f->has_hi);
	take_number(key, spec->mark_key, value, &f->mark, &f->has_mark);
}

/* Splits line at spaces; false unless the first token is the prefix. */
static bool parse_fields(const ChartSpec *spec, const char *line, Fields *f)
{
	size_t plen = strlen(spec->prefix);
	const char *p = line;

	memset(f, 0, sizeof *f);
	if (strncmp(line, spec->prefix, plen) != 0 || line[plen] != ' ')
		return false;
	p = line + plen;
	while (*p != '\0') {
		char token[TOKEN_MAX];
		size_t n = strcspn(p, " ");
		if (n > 0 && n < sizeof token) {
			memcpy(token, p, n);
			token[n] = '\0';
			take_token(spec, token, f);
		}
		p += n;
		p += strspn(p, " ");
	}
	return f->has_series && f->has_x && f->has_y;
}

/* ---- the series ---- */

static int series_index(const ChartData *d, const char *name)
{
	for (size_t i = 0; i < d->nseries; i++)
		if (strcmp(d->series[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* The series named, added when new; NULL when there is no room for it. */
static ChartSeries *series_named(ChartData *d, const char *name, size_t *index)
{
	int i = series_index(d, name);

	if (i >= 0) {
		*index = (size_t)i;
		return &d->series[i];
	}
	if (d->nseries >= CHART_MAX_SERIES)
		return NULL;
	*index = d->nseries;
	snprintf(d->series[d->nseries].name, CHART_NAME_LEN, "%s", name);
	d->series[d->nseries].npoints = 0;
	return &d->series[d->nseries++];
}

static size_t point_slot(ChartSeries *s, double x)
{
	for (size_t i = 0; i < s->npoints; i++)
		if (s->points[i].x == x)
			return i;
	return s->npoints++;
}

bool ChartData_add_line(ChartData *d, const char *line)
{
	ChartSeries *s;
	size_t si, pi;
	Fields f;

	if (d->spec == NULL || line == NULL || !parse_fields(d->spec, line, &f))
		return false;
	/* Room for the series first, then for its x: a refused point leaves
	 * no trace. */
	if (series_index(d, f.series) < 0 && d->nseries >= CHART_MAX_SERIES)
		return false;
	if (!ChartData_expect_x(d, f.x))
		return false;
	s = series_named(d, f.series, &si);
	pi = point_slot(s, f.x);
	s->points[pi] = (ChartPoint){ .x = f.x, .y = f.y };
	if (f.has_lo && f.has_hi && f.lo <= f.y && f.y <= f.hi) {
		s->points[pi].lo = f.lo;
		s->points[pi].hi = f.hi;
		s->points[pi].spread = true;
	}
	if (f.has_mark) {
		d->mark = f.mark;
		d->has_mark = true;
	}
	d->has_latest = true;
	d->latest_series = si;
	d->latest_point = pi;
	return true;
}

void ChartData_read(ChartData *d, const Event *events, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (events[i].kind == EV_NOTE)
			ChartData_add_line(d, events[i].detail);
}

double ChartData_y_max(const ChartData *d, bool with_spread)
{
	double max = 0;

	for (size_t i = 0; i < d->nseries; i++)
		for (size_t j = 0; j < d->series[i].npoints; j++) {
			const ChartPoint *p = &d->series[i].points[j];
			double v = with_spread && p->spread ? p->hi : p->y;
			if (v > max)
				max = v;
		}
	return max;
}

/* ---- axes ---- */

double chart_tick_step(double max, int max_ticks, double *top)
{
	static const double mult[] = { 1, 2, 5 };
	double step = 1, base;

	if (max_ticks < 1)
		max_ticks = 1;
	if (!(max > 0) || !isfinite(max)) {
		*top = (double)max_ticks;
		return 1;
	}
	base = pow(10, floor(log10(max / max_ticks)));
	for (int k = 0; k < 4; k++, base *= 10)
		for (size_t m = 0; m < sizeof mult / sizeof mult[0]; m++) {
			step = base * mult[m];
			if (ceil(max / step - 1e-9) <= max_ticks) {
				*top = ceil(max / step - 1e-9) * step;
				return step;
			}
		}
	*top = ceil(max / step) * step;
	return step;
}

/* "%.1f" without a trailing ".0". */
static void format_scaled(double v, const char *suffix, char *buf, size_t len)
{
	if (v >= 100 || fabs(v - round(v)) < 0.05)
		snprintf(buf, len, "%.0f%s", v, suffix);
	else
		snprintf(buf, len, "%.1f%s", v, suffix);
}

void chart_format_value(double v, char *buf, size_t len)
{
	if (!isfinite(v) || v < 0)
		v = 0;
	if (v >= 1e6)
		format_scaled(v / 1e6, "M", buf, len);
	else if (v >= 1e3)
		format_scaled(v / 1e3, "k", buf, len);
	else
		format_scaled(v, "", buf, len);
}
