/*
 * The asciicast v2 writer, for asciinema's player: a header line (a JSON
 * object: version, size, timestamp, duration, title, TERM), then one line
 * per frame, [seconds, "o", data], data being what a terminal would be sent
 * to show that frame: clear, cursor home, then each row placed with a
 * cursor move and its cells in SGR colours.
 *
 * Colours are sent as 24-bit RGB, resolved as the SVG resolves them
 * (ExportGrid_cell_rgb: the theme's own colours, reverse and dim applied),
 * so the recording looks the same whatever the player's palette. An SGR is
 * sent only where the style changes. json-c writes the strings, so escape
 * bytes and quotes are escaped as JSON wants.
 */
#include "ui/export/export_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

/* What one cell is drawn with, as the SGR sequence sets it. */
typedef struct CellStyle {
	unsigned char fg[3], bg[3];
	bool bold, underline;
} CellStyle;

static CellStyle cell_style(const ExportGrid *grid, const ExportCell *cell)
{
	CellStyle st = { .bold = (cell->attrs & THEME_BOLD) != 0,
			 .underline = (cell->attrs & THEME_UNDERLINE) != 0 };

	ExportGrid_cell_rgb(grid, cell, st.fg, st.bg);
	return st;
}

static bool style_equal(const CellStyle *a, const CellStyle *b)
{
	return memcmp(a->fg, b->fg, 3) == 0 && memcmp(a->bg, b->bg, 3) == 0 &&
	       a->bold == b->bold && a->underline == b->underline;
}

static int put_sgr(FILE *out, const CellStyle *st)
{
	return fprintf(out, "\033[0%s%s;38;2;%d;%d;%d;48;2;%d;%d;%dm", st->bold ? ";1" : "",
		       st->underline ? ";4" : "", st->fg[0], st->fg[1], st->fg[2],
		       st->bg[0], st->bg[1], st->bg[2]) < 0 ? -1 : 0;
}

static int put_row(const ExportGrid *grid, int row, FILE *out)
{
	CellStyle now = {{0}, {0}, false, false};
	bool styled = false;

	if (fprintf(out, "\033[%d;1H", row + 1) < 0)
		return -1;
	for (int col = 0; col < grid->cols; col++) {
		const ExportCell *cell = ExportGrid_cell_const(grid, row, col);
		CellStyle st;
		if (cell->width == 0)
			continue; /* the wide character before it covered it */
		st = cell_style(grid, cell);
		if ((!styled || !style_equal(&st, &now)) && put_sgr(out, &st) != 0)
			return -1;
		now = st;
		styled = true;
		if (Export_put_cell_text(out, cell, false) != 0)
			return -1;
	}
	return 0;
}

/* The bytes that draw the grid on a terminal, in a malloc'd buffer. */
static char *ansi_screen(const ExportGrid *grid, size_t *len)
{
	char *data = NULL;
	FILE *out = open_memstream(&data, len);
	int rc = 0;

	if (out == NULL)
		return NULL;
	if (fputs("\033[0m\033[H\033[2J", out) == EOF)
		rc = -1;
	for (int row = 0; row < grid->rows && rc == 0; row++)
		rc = put_row(grid, row, out);
	if (rc == 0 && fputs("\033[0m", out) == EOF)
		rc = -1;
	if (fclose(out) != 0 || rc != 0) {
		free(data);
		return NULL;
	}
	return data;
}

/* Seconds with three decimals, written as such (not as a binary double's
 * many digits). */
static json_object *json_seconds(long ms)
{
	char text[32];

	snprintf(text, sizeof text, "%ld.%03ld", ms / 1000, ms % 1000);
	return json_object_new_double_s((double)ms / 1000.0, text);
}

static int put_json_line(json_object *obj, FILE *out)
{
	const char *text = json_object_to_json_string_ext(obj, JSON_C_TO_STRING_SPACED |
							  JSON_C_TO_STRING_NOSLASHESCAPE);
	int rc = fprintf(out, "%s\n", text) < 0 ? -1 : 0;

	json_object_put(obj);
	return rc;
}

static int put_header(const ExportFrames *frames, FILE *out)
{
	const ExportGrid *grid = frames->frame[0].grid;
	json_object *h = json_object_new_object(), *env = json_object_new_object();

	json_object_object_add(h, "version", json_object_new_int(2));
	json_object_object_add(h, "width", json_object_new_int(grid->cols));
	json_object_object_add(h, "height", json_object_new_int(grid->rows));
	if (frames->timestamp != 0)
		json_object_object_add(h, "timestamp", json_object_new_int64(frames->timestamp));
	json_object_object_add(h, "duration", json_seconds(ExportFrames_total_ms(frames)));
	if (frames->title != NULL)
		json_object_object_add(h, "title", json_object_new_string(frames->title));
	json_object_object_add(env, "TERM", json_object_new_string("xterm-256color"));
	json_object_object_add(h, "env", env);
	return put_json_line(h, out);
}

static int put_event(const ExportFrames *frames, int i, FILE *out)
{
	size_t len = 0;
	char *data = ansi_screen(frames->frame[i].grid, &len);
	json_object *ev;

	if (data == NULL)
		return -1;
	ev = json_object_new_array();
	json_object_array_add(ev, json_seconds(ExportFrames_start_ms(frames, i)));
	json_object_array_add(ev, json_object_new_string("o"));
	json_object_array_add(ev, json_object_new_string_len(data, (int)len));
	free(data);
	return put_json_line(ev, out);
}

int ExportFrames_write_cast(const ExportFrames *frames, FILE *out)
{
	if (frames->count == 0) {
		errno = EINVAL;
		return -1;
	}
	if (put_header(frames, out) != 0)
		return -1;
	for (int i = 0; i < frames->count; i++)
		if (put_event(frames, i, out) != 0)
			return -1;
	return 0;
}
