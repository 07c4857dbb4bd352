/*
 * The chart of a run that measures (spawn-cost, scale): one curve per
 * series (method or mode), redrawn as the points arrive, with a legend,
 * axes, round ticks and axis titles.
 *
 * Model: every draw reads the chart afresh from the session's log
 * (chart_data.c), so it shows what the log holds and nothing else. The
 * plot is a canvas of cells; a cell holds dots (2x4 braille dots in UTF-8,
 * one per cell in ASCII) and the series that drew there last, whose colour
 * it takes: where curves cross, the later series wins the cell. Over the
 * dots, each measured point is a marker of its series' shape; the latest
 * point, the one just measured, is drawn in the selection's colour. The x
 * axis is categorical (one band per x, the series side by side in a band,
 * so their markers and p10-p90 bars do not cover each other); the y axis
 * is linear from 0, its top a round tick.
 *
 * The chart has no keyboard: it is drawn where the layout puts it (see
 * layout.h), like the caption.
 */
#include "ui/pane/pane.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "ui/format/chart_data.h"

/* The smallest inside of the box: legend, y title, 3 plot rows, x axis,
 * x labels, x title; room for y labels and 4 bands. */
enum { CHART_MIN_W = 30, CHART_MIN_H = 8, LEGEND_GAP = 3, MAX_Y_TICKS = 5 };

/* The chart's characters, a table per encoding (as glyphs.c). */
typedef struct ChartGlyphs {
	const char *marker[CHART_MAX_SERIES];  /* one shape per series */
	const char *axis_v, *axis_h, *corner, *tick_y, *tick_x, *rule;
	int dots_x, dots_y;                    /* dots per cell */
} ChartGlyphs;

static const ChartGlyphs utf8_chart = {
	.marker = { "●", "■", "▲", "◆", "✚" },
	.axis_v = "│", .axis_h = "─", .corner = "└", .tick_y = "┤", .tick_x = "┬", .rule = "┊",
	.dots_x = 2, .dots_y = 4,
};

static const ChartGlyphs ascii_chart = {
	.marker = { "*", "o", "+", "x", "#" },
	.axis_v = "|", .axis_h = "-", .corner = "+", .tick_y = "+", .tick_x = "+", .rule = ":",
	.dots_x = 1, .dots_y = 1,
};

/* The plot's cells, left to right, top to bottom. */
typedef struct Canvas {
	int w, h;              /* cells */
	int dx, dy;            /* dots per cell */
	unsigned char *dots;   /* braille bits (UTF-8) or 1 (ASCII) */
	signed char *owner;    /* the series that drew last, -1 none */
	char *stroke;          /* ASCII: the line's character in the cell */
} Canvas;

/* Where the parts of the chart go inside the box. */
typedef struct Frame {
	int legend_rows;
	int label_w;           /* y tick labels */
	int axis_x;            /* the y axis column */
	Rect plot;             /* the canvas */
	double top, step;      /* y axis: value at the top row, tick step */
} Frame;

static ColorRole series_role(size_t i)
{
	return (ColorRole)(ROLE_CHART_1 + (int)(i % CHART_MAX_SERIES));
}

static const ChartGlyphs *chart_glyphs(const App *app)
{
	return app->ascii ? &ascii_chart : &utf8_chart;
}

static const ChartSpec *chart_spec(const App *app)
{
	const Scenario *sc = app->source != NULL ? app->source->scenario : app->args.scenario;

	if (app->view != VIEW_RUN || app->session == NULL || sc == NULL)
		return NULL;
	return ChartSpec_for(sc->id);
}

bool Chart_wanted(const App *app)
{
	return chart_spec(app) != NULL;
}

/* spawn-cost measures at 0, 1/16, 1/4 and all of max_mib (demo/spawn_cost.c):
 * known before the first point, they give an axis that does not move. */
static void expect_sizes(ChartData *d, const ScenarioArgs *args)
{
	const Scenario *sc = args->scenario;

	if (sc == NULL || strcmp(sc->id, "spawn-cost") != 0)
		return;
	for (int i = 0; i < sc->nparams && i < 8; i++)
		if (strcmp(sc->params[i].name, "max_mib") == 0 && args->values[i] > 0) {
			long max = args->values[i];
			ChartData_expect_x(d, 0);
			ChartData_expect_x(d, (double)(max / 16));
			ChartData_expect_x(d, (double)(max / 4));
			ChartData_expect_x(d, (double)max);
		}
}

/* ---- the canvas ---- */

static void canvas_init(Canvas *c, int w, int h, const ChartGlyphs *g)
{
	size_t n = (size_t)w * (size_t)h;

	c->w = w;
	c->h = h;
	c->dx = g->dots_x;
	c->dy = g->dots_y;
	c->dots = xcalloc(n, 1);
	c->owner = xcalloc(n, 1);
	c->stroke = xcalloc(n, 1);
	memset(c->owner, -1, n);
}

static void canvas_done(Canvas *c)
{
	free(c->dots);
	free(c->owner);
	free(c->stroke);
}

static void canvas_dot(Canvas *c, int x, int y, int series, char stroke)
{
	static const unsigned char bits[4][2] = { { 0x01, 0x08 }, { 0x02, 0x10 },
						  { 0x04, 0x20 }, { 0x40, 0x80 } };
	size_t cell;

	if (x < 0 || y < 0 || x >= c->w * c->dx || y >= c->h * c->dy)
		return;
	cell = (size_t)(y / c->dy) * (size_t)c->w + (size_t)(x / c->dx);
	c->dots[cell] |= c->dx == 2 && c->dy == 4 ? bits[y % 4][x % 2] : 1;
	c->owner[cell] = (signed char)series;
	c->stroke[cell] = stroke;
}

/* The ASCII character for a segment of this slope (y grows downwards). */
static char stroke_for(int dx, int dy)
{
	int ax = abs(dx), ay = abs(dy);

	if (2 * ay <= ax)
		return '-';
	if (ay >= 2 * ax)
		return '|';
	return (dx > 0) == (dy < 0) ? '/' : '\\';
}

/* Bresenham's line between two dots. */
static void canvas_line(Canvas *c, int x0, int y0, int x1, int y1, int series)
{
	int dx = abs(x1 - x0), dy = -abs(y1 - y0);
	int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1, err = dx + dy;
	char stroke = stroke_for(x1 - x0, y1 - y0);

	for (;;) {
		int e2 = 2 * err;
		canvas_dot(c, x0, y0, series, stroke);
		if (x0 == x1 && y0 == y1)
			break;
		if (e2 >= dy) {
			err += dy;
			x0 += sx;
		}
		if (e2 <= dx) {
			err += dx;
			y0 += sy;
		}
	}
}

/* U+2800 + bits in UTF-8. */
static void braille(unsigned char bits, char out[4])
{
	out[0] = (char)0xE2;
	out[1] = (char)(0xA0 | (bits >> 6));
	out[2] = (char)(0x80 | (bits & 0x3F));
	out[3] = '\0';
}

static void canvas_blit(const Canvas *c, Rect at)
{
	for (int y = 0; y < c->h; y++)
		for (int x = 0; x < c->w; x++) {
			size_t cell = (size_t)y * (size_t)c->w + (size_t)x;
			char glyph[4];
			if (c->dots[cell] == 0)
				continue;
			if (c->dx == 2 && c->dy == 4)
				braille(c->dots[cell], glyph);
			else
				snprintf(glyph, sizeof glyph, "%c", c->stroke[cell]);
			Draw_text(at.y + y, at.x + x, 1, glyph,
				  c->owner[cell] >= 0 ? series_role((size_t)c->owner[cell]) : ROLE_DIM);
		}
}

/* ---- coordinates ---- */

/* The middle cell of category i's band. */
static int band_center(const ChartData *d, const Frame *f, int i)
{
	int n = d->nxs > 0 ? (int)d->nxs : 1;
	return f->plot.w * (2 * i + 1) / (2 * n);
}

/* The cell of series s in category i: side by side when the band has room. */
static int point_cell(const ChartData *d, const Frame *f, int i, size_t s)
{
	int n = (int)d->nseries, band = f->plot.w / (d->nxs > 0 ? (int)d->nxs : 1);

	if (band < n + 1)
		return band_center(d, f, i);
	return band_center(d, f, i) + (int)s - n / 2;
}

static int dot_y(const Frame *f, const Canvas *c, double v)
{
	int rows = c->h * c->dy;
	double t = f->top > 0 ? (f->top - v) / f->top : 1;
	int y = (int)lround(t * (rows - 1));

	return y < 0 ? 0 : y >= rows ? rows - 1 : y;
}

/* ---- the frame ---- */

static int legend_entry_width(const ChartGlyphs *g, const ChartSeries *s, size_t i)
{
	return text_width(g->marker[i]) + 1 + text_width(s->name);
}

/* Lays the legend out in rows of width w; draws it at (y, x) when draw. */
static int legend(const ChartData *d, const ChartGlyphs *g, int y, int x, int w, bool draw)
{
	int rows = 1, col = 0;

	for (size_t i = 0; i < d->nseries; i++) {
		int ew = legend_entry_width(g, &d->series[i], i);
		if (col > 0 && col + LEGEND_GAP + ew > w) {
			rows++;
			col = 0;
		} else if (col > 0) {
			col += LEGEND_GAP;
		}
		if (draw) {
			int at = x + col;
			at += Draw_text(y + rows - 1, at, x + w - at, g->marker[i], series_role(i));
			at += Draw_text(y + rows - 1, at, x + w - at, " ", ROLE_NORMAL);
			Draw_text(y + rows - 1, at, x + w - at, d->series[i].name, series_role(i));
		}
		col += ew;
	}
	return rows;
}

/* The y range: the medians' top, and the spreads' up to half as much
 * again (a wild p90 is cut off rather than flattening every curve). */
static double y_range(const ChartData *d)
{
	double top = ChartData_y_max(d, false), spread = ChartData_y_max(d, true);

	if (spread > top)
		top = spread < top * 1.5 ? spread : top * 1.5;
	return top > 0 ? top : 1;
}

static bool frame_compute(Frame *f, const ChartData *d, const ChartGlyphs *g, Rect in)
{
	char label[16];
	int plot_h, ticks;

	memset(f, 0, sizeof *f);
	f->legend_rows = legend(d, g, 0, 0, in.w, false);
	plot_h = in.h - f->legend_rows - 1 - 3;
	if (plot_h < 3)
		return false;
	ticks = plot_h / 2 < MAX_Y_TICKS ? (plot_h / 2 > 1 ? plot_h / 2 : 1) : MAX_Y_TICKS;
	f->step = chart_tick_step(y_range(d), ticks, &f->top);
	for (double v = 0; v <= f->top + f->step / 2; v += f->step) {
		chart_format_value(v, label, sizeof label);
		if (text_width(label) > f->label_w)
			f->label_w = text_width(label);
	}
	f->axis_x = in.x + f->label_w;
	f->plot = (Rect){ in.y + f->legend_rows + 1, f->axis_x + 1, plot_h,
			  in.x + in.w - f->axis_x - 2 };
	return f->plot.w >= 4 * (int)(d->nxs > 0 ? d->nxs : 1);
}

/* ---- drawing ---- */

static void draw_y_axis(const Frame *f, const Canvas *c, const ChartGlyphs *g, int x0)
{
	char label[16];

	for (int y = 0; y < f->plot.h; y++)
		Draw_text(f->plot.y + y, f->axis_x, 1, g->axis_v, ROLE_BORDER);
	for (double v = 0; v <= f->top + f->step / 2; v += f->step) {
		int row = dot_y(f, c, v) / c->dy;
		chart_format_value(v, label, sizeof label);
		Draw_cell(f->plot.y + row, x0, f->label_w, label, ALIGN_RIGHT, ROLE_DIM);
		Draw_text(f->plot.y + row, f->axis_x, 1, g->tick_y, ROLE_BORDER);
	}
}

static void draw_x_axis(const ChartData *d, const Frame *f, const ChartGlyphs *g, Rect in)
{
	int y = f->plot.y + f->plot.h, last_end = 0;
	const char *title = _(d->spec->x_label);
	char label[24];

	Draw_text(y, f->axis_x, 1, g->corner, ROLE_BORDER);
	Draw_repeat(y, f->plot.x, f->plot.w, g->axis_h, ROLE_BORDER);
	for (size_t i = 0; i < d->nxs; i++) {
		int cx = f->plot.x + band_center(d, f, (int)i), w, at;
		snprintf(label, sizeof label, "%g", d->xs[i]);
		w = text_width(label);
		at = cx - w / 2;
		Draw_text(y, cx, 1, g->tick_x, ROLE_BORDER);
		if (at >= last_end && at + w <= in.x + in.w) {
			Draw_text(y + 1, at, w, label, ROLE_NORMAL);
			last_end = at + w + 1;
		}
	}
	Draw_text(y + 2, in.x + (in.w > text_width(title) ? in.w - text_width(title) : 0), in.w,
		  title, ROLE_HEADER);
}

/* The rule at the CPU count, right of its band's markers, with its label. */
static void draw_mark(const ChartData *d, const Frame *f, const ChartGlyphs *g)
{
	int i = d->has_mark ? ChartData_x_index(d, d->mark) : -1, x;
	char label[32];

	if (i < 0 || d->spec->mark_label == NULL)
		return;
	x = f->plot.x + point_cell(d, f, i, d->nseries);
	if (x >= f->plot.x + f->plot.w)
		return;
	for (int y = 0; y < f->plot.h; y++)
		Draw_text(f->plot.y + y, x, 1, g->rule, ROLE_DIM);
	snprintf(label, sizeof label, _(d->spec->mark_label), d->mark);
	Draw_text(f->plot.y, x + 1, f->plot.x + f->plot.w - x - 1, label, ROLE_DIM);
}

/* Points of a series in the order of the x axis. */
static size_t points_in_x_order(const ChartData *d, const ChartSeries *s, const ChartPoint **out)
{
	size_t n = 0;

	for (size_t i = 0; i < d->nxs; i++)
		for (size_t j = 0; j < s->npoints; j++)
			if (s->points[j].x == d->xs[i])
				out[n++] = &s->points[j];
	return n;
}

static void plot_series(const ChartData *d, const Frame *f, Canvas *c, size_t si)
{
	const ChartSeries *s = &d->series[si];
	const ChartPoint *pts[CHART_MAX_X];
	size_t n = points_in_x_order(d, s, pts);
	int px = 0, py = 0;

	for (size_t k = 0; k < n; k++) {
		int cell = point_cell(d, f, ChartData_x_index(d, pts[k]->x), si);
		int x = cell * c->dx, y = dot_y(f, c, pts[k]->y);
		if (k > 0)
			canvas_line(c, px, py, x, y, (int)si);
		px = x;
		py = y;
	}
}

/* The p10-p90 bars, dim under the curves: each stands in its series'
 * column of the band, so its marker says whose it is. */
static void plot_spreads(const ChartData *d, const Frame *f, Canvas *c)
{
	for (size_t si = 0; si < d->nseries; si++)
		for (size_t k = 0; k < d->series[si].npoints; k++) {
			const ChartPoint *p = &d->series[si].points[k];
			int x = point_cell(d, f, ChartData_x_index(d, p->x), si) * c->dx;
			if (p->spread)
				canvas_line(c, x, dot_y(f, c, p->hi), x, dot_y(f, c, p->lo), -1);
		}
}

static void draw_markers(const ChartData *d, const Frame *f, const Canvas *c,
			 const ChartGlyphs *g)
{
	for (size_t si = 0; si < d->nseries; si++)
		for (size_t k = 0; k < d->series[si].npoints; k++) {
			const ChartPoint *p = &d->series[si].points[k];
			int cell = point_cell(d, f, ChartData_x_index(d, p->x), si);
			bool latest = d->has_latest && d->latest_series == si && d->latest_point == k;
			Draw_text(f->plot.y + dot_y(f, c, p->y) / c->dy, f->plot.x + cell, 1,
				  g->marker[si], latest ? ROLE_SELECTED : series_role(si));
		}
}

static void draw_plot(const ChartData *d, const Frame *f, const ChartGlyphs *g, Rect in)
{
	Canvas c;

	canvas_init(&c, f->plot.w, f->plot.h, g);
	draw_y_axis(f, &c, g, in.x);
	draw_x_axis(d, f, g, in);
	draw_mark(d, f, g);
	plot_spreads(d, f, &c);
	for (size_t si = 0; si < d->nseries; si++)
		plot_series(d, f, &c, si);
	canvas_blit(&c, f->plot);
	draw_markers(d, f, &c, g);
	canvas_done(&c);
}

/* Without UTF-8 "µs" reads "us": the micro sign becomes a u, in place. */
static void ascii_micro(char *s, bool ascii)
{
	char *mu;

	while (ascii && (mu = strstr(s, "\xc2\xb5")) != NULL) {
		mu[0] = 'u';
		memmove(mu + 1, mu + 2, strlen(mu + 2) + 1);
	}
}

static void latest_info(const ChartData *d, bool ascii, char *buf, size_t len)
{
	const ChartPoint *p;

	buf[0] = '\0';
	if (!d->has_latest)
		return;
	p = &d->series[d->latest_series].points[d->latest_point];
	snprintf(buf, len, _(d->spec->latest_label), d->series[d->latest_series].name, p->x, p->y);
	ascii_micro(buf, ascii);
}

void Chart_draw(App *app, Rect r, bool active)
{
	const ChartSpec *spec = chart_spec(app);
	const ChartGlyphs *g = chart_glyphs(app);
	Rect in = Rect_inner(r);
	char info[128], text[64], y_title[128];
	ChartData d;
	Frame f;

	if (spec == NULL)
		return;
	ChartData_init(&d, spec);
	expect_sizes(&d, &app->args);
	ChartData_read(&d, app->session->events, app->session->nevents);
	latest_info(&d, app->ascii, info, sizeof info);
	Draw_box(r, _("Chart"), info, NULL, active);
	if (in.w < CHART_MIN_W || in.h < CHART_MIN_H || !frame_compute(&f, &d, g, in)) {
		snprintf(text, sizeof text, _("chart needs %dx%d"), CHART_MIN_W + 2, CHART_MIN_H + 2);
		Draw_text(in.y, in.x + 1, in.w - 1, text, ROLE_DIM);
		return;
	}
	if (d.nseries == 0) {
		Draw_text(in.y, in.x + 1, in.w - 1, _("no point measured yet"), ROLE_DIM);
		return;
	}
	legend(&d, g, in.y, in.x, in.w, true);
	snprintf(y_title, sizeof y_title, "%s", _(spec->y_label));
	ascii_micro(y_title, app->ascii);
	Draw_text(in.y + f.legend_rows, in.x, in.w, y_title, ROLE_HEADER);
	draw_plot(&d, &f, g, in);
}
