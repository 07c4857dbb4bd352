/*
 * Animations: a scenario's screens in order, each with how long it stays
 * (its dwell), written as one SVG that plays them in a loop, or as an
 * asciicast (export_cast.c).
 *
 * The SVG needs no player and no script, so it plays where only inline CSS
 * runs (an SVG shown through <img>, as code hosting sites show a README's
 * pictures): the frames are groups drawn exactly as stills of their grids
 * (ExportGrid_svg_cells), all hidden but one. Each frame has its own
 * @keyframes over the length of the whole loop, visible from its start to
 * its end and hidden elsewhere; step-end timing makes the switches sharp.
 * A viewer without CSS animation, or one asking for reduced motion, shows
 * the first frame.
 *
 * Screens that follow each other repeat most of their rows (borders,
 * headers, the status line), so an element written identically in more
 * than one frame is written once in <defs> and each frame <use>s it: a
 * frame, its uses replaced by what they name, is the still of its grid
 * line for line.
 *
 * Invariant: frame i (from 0) is visible exactly during
 * [ExportFrames_start_ms(i), ExportFrames_start_ms(i + 1)) of each loop.
 */
#include "ui/export/export_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/atomic_file.h"
#include "base/i18n.h"
#include "base/xalloc.h"

void ExportFrames_init(ExportFrames *frames)
{
	memset(frames, 0, sizeof *frames);
}

void ExportFrames_done(ExportFrames *frames)
{
	for (int i = 0; i < frames->count; i++)
		ExportGrid_delete(frames->frame[i].grid);
	free(frames->frame);
	memset(frames, 0, sizeof *frames);
}

void ExportFrames_add(ExportFrames *frames, ExportGrid *grid, int dwell_ms)
{
	if (frames->count == frames->cap) {
		frames->cap = frames->cap ? frames->cap * 2 : 8;
		frames->frame = xreallocarray(frames->frame, (size_t)frames->cap,
					      sizeof *frames->frame);
	}
	frames->frame[frames->count++] = (ExportFrame){ .grid = grid, .dwell_ms = dwell_ms };
}

long ExportFrames_start_ms(const ExportFrames *frames, int i)
{
	long ms = 0;

	for (int k = 0; k < i && k < frames->count; k++)
		ms += frames->frame[k].dwell_ms;
	return ms;
}

long ExportFrames_total_ms(const ExportFrames *frames)
{
	return ExportFrames_start_ms(frames, frames->count);
}

/* Where a time falls in the loop, as a keyframe selector. */
static double loop_percent(const ExportFrames *frames, long ms)
{
	long total = ExportFrames_total_ms(frames);

	return total > 0 ? 100.0 * (double)ms / (double)total : 0.0;
}

/* Frame i's keyframes: hidden, visible from its start, hidden from its end.
 * The 0% and 100% states are stated, never left to the element's own. */
static int write_keyframes(const ExportFrames *frames, int i, FILE *out)
{
	bool first = i == 0, last = i == frames->count - 1;
	int rc;

	rc = fprintf(out, "@keyframes fs%d { 0%% { visibility: %s; }", i + 1,
		     first ? "visible" : "hidden");
	if (rc >= 0 && !first)
		rc = fprintf(out, " %.3f%% { visibility: visible; }",
			     loop_percent(frames, ExportFrames_start_ms(frames, i)));
	if (rc >= 0 && !last)
		rc = fprintf(out, " %.3f%% { visibility: hidden; }",
			     loop_percent(frames, ExportFrames_start_ms(frames, i + 1)));
	if (rc >= 0)
		rc = fprintf(out, " 100%% { visibility: %s; } }\n#f%d { animation-name: fs%d; }\n",
			     last ? "visible" : "hidden", i + 1, i + 1);
	return rc < 0 ? -1 : 0;
}

static int write_style(const ExportFrames *frames, FILE *out)
{
	if (fprintf(out, "<style>\n"
		    ".frame { visibility: hidden; animation: %ldms step-end infinite; }\n"
		    "#f1 { visibility: visible; }\n", ExportFrames_total_ms(frames)) < 0)
		return -1;
	for (int i = 0; i < frames->count; i++)
		if (write_keyframes(frames, i, out) != 0)
			return -1;
	return fputs("@media (prefers-reduced-motion: reduce) { .frame { animation: none; } }\n"
		     "</style>\n", out) == EOF ? -1 : 0;
}

/* A line of a frame's SVG: one element (or a group's tag), as the still's
 * writer wrote it. first: the index of the first line with the same text;
 * repeated: (on a first line) another line has its text; shared_id: the
 * id of its <defs> copy, 0 if written in place. */
typedef struct SvgLine {
	const char *s;      /* borrowed from the frame's text; no newline */
	size_t len;
	int frame;
	size_t first;
	bool repeated;
	int shared_id;
} SvgLine;

typedef struct FrameLines {
	char **text;        /* owned: each frame's cells as SVG */
	int frames;
	SvgLine *line;      /* owned: every frame's lines, in order */
	size_t n, cap;
} FrameLines;

/* Lines shorter than a <use> is worth replacing are written in place; a
 * group's opening or closing tag always is. */
enum { SHARE_MIN_LEN = 48 };

static bool line_shareable(const SvgLine *l)
{
	return l->len >= SHARE_MIN_LEN && (strncmp(l->s, "<rect ", 6) == 0 ||
					   strncmp(l->s, "<path ", 6) == 0 ||
					   strncmp(l->s, "<text ", 6) == 0);
}

static void add_lines(FrameLines *fl, int frame, const char *text)
{
	for (const char *p = text; *p != '\0';) {
		const char *nl = strchr(p, '\n');
		size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (fl->n == fl->cap) {
			fl->cap = fl->cap ? fl->cap * 2 : 1024;
			fl->line = xreallocarray(fl->line, fl->cap, sizeof *fl->line);
		}
		fl->line[fl->n] = (SvgLine){ .s = p, .len = len, .frame = frame, .first = fl->n };
		fl->n++;
		p += len + (nl != NULL);
	}
}

static int line_order(const void *a, const void *b)
{
	const SvgLine *x = *(const SvgLine *const *)a, *y = *(const SvgLine *const *)b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->s, y->s, n);

	if (c != 0)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x < y ? -1 : x > y; /* equal lines: in the order they came */
}

/* Points each line at the first line with its text. */
static void find_repeats(FrameLines *fl)
{
	SvgLine **sorted = xcalloc(fl->n + 1, sizeof *sorted);

	for (size_t i = 0; i < fl->n; i++)
		sorted[i] = &fl->line[i];
	qsort(sorted, fl->n, sizeof *sorted, line_order);
	for (size_t i = 1; i < fl->n; i++)
		if (sorted[i]->len == sorted[i - 1]->len &&
		    memcmp(sorted[i]->s, sorted[i - 1]->s, sorted[i]->len) == 0) {
			sorted[i]->first = sorted[i - 1]->first;
			fl->line[sorted[i]->first].repeated = true;
		}
	free(sorted);
}

static char *frame_text(const ExportGrid *grid)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	if (out == NULL)
		return NULL;
	if (ExportGrid_svg_cells(grid, out) != 0 || fclose(out) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

static void FrameLines_done(FrameLines *fl)
{
	for (int i = 0; i < fl->frames; i++)
		free(fl->text[i]);
	free(fl->text);
	free(fl->line);
}

static int FrameLines_init(FrameLines *fl, const ExportFrames *frames)
{
	memset(fl, 0, sizeof *fl);
	fl->text = xcalloc((size_t)frames->count, sizeof *fl->text);
	for (int i = 0; i < frames->count; i++) {
		if ((fl->text[i] = frame_text(frames->frame[i].grid)) == NULL)
			return -1;
		fl->frames = i + 1;
		add_lines(fl, i, fl->text[i]);
	}
	find_repeats(fl);
	return 0;
}

/* Every shareable line met more than once, once, with an id, in the order
 * they first appear. xml:space keeps the text's runs of blanks, as the
 * group a frame's text is in does. */
static int write_defs(FrameLines *fl, FILE *out)
{
	int next_id = 0;

	if (fputs("<defs xml:space=\"preserve\">\n", out) == EOF)
		return -1;
	for (size_t i = 0; i < fl->n; i++) {
		SvgLine *l = &fl->line[i];
		if (l->first != i) {
			l->shared_id = fl->line[l->first].shared_id;
			continue;
		}
		if (!l->repeated || !line_shareable(l))
			continue;
		l->shared_id = ++next_id;
		if ((fwrite(l->s, 1, 5, out) != 5 || fprintf(out, " id=\"l%d\"", l->shared_id) < 0 ||
		     fwrite(l->s + 5, 1, l->len - 5, out) != l->len - 5 || putc('\n', out) == EOF))
			return -1;
	}
	return fputs("</defs>\n", out) == EOF ? -1 : 0;
}

static int write_frames_in(const FrameLines *fl, FILE *out)
{
	int frame = -1;

	for (size_t i = 0; i < fl->n; i++) {
		const SvgLine *l = &fl->line[i];
		if (l->frame != frame) {
			if (frame >= 0 && fputs("</g>\n", out) == EOF)
				return -1;
			frame = l->frame;
			if (fprintf(out, "<g class=\"frame\" id=\"f%d\">\n", frame + 1) < 0)
				return -1;
		}
		if (l->shared_id != 0 ? fprintf(out, "<use href=\"#l%d\"/>\n", l->shared_id) < 0
				      : fwrite(l->s, 1, l->len, out) != l->len || putc('\n', out) == EOF)
			return -1;
	}
	return frame >= 0 && fputs("</g>\n", out) == EOF ? -1 : 0;
}

int ExportFrames_write_svg(const ExportFrames *frames, FILE *out)
{
	FrameLines fl;
	int rc = -1;

	if (frames->count == 0) {
		errno = EINVAL;
		return -1;
	}
	if (FrameLines_init(&fl, frames) == 0 && ExportGrid_svg_open(frames->frame[0].grid, out) == 0 &&
	    write_style(frames, out) == 0 && write_defs(&fl, out) == 0 &&
	    write_frames_in(&fl, out) == 0 && fputs("</svg>\n", out) != EOF)
		rc = 0;
	FrameLines_done(&fl);
	return rc;
}

typedef struct FramesWrite {
	const ExportFrames *frames;
	ExportFormat format;
} FramesWrite;

static int write_frames(FILE *out, const void *ctx)
{
	const FramesWrite *fw = ctx;

	return fw->format == EXPORT_CAST ? ExportFrames_write_cast(fw->frames, out)
					 : ExportFrames_write_svg(fw->frames, out);
}

int ExportFrames_write(const ExportFrames *frames, const char *file, char *err, size_t errlen)
{
	int format = ExportFrames_format_for(file);
	FramesWrite fw;

	if (err && errlen)
		err[0] = '\0';
	if (format < 0) {
		snprintf(err, errlen, _("%s: unknown animation format: the name must end "
			   "in .svg or .cast"), file ? file : _("(none)"));
		return -1;
	}
	fw = (FramesWrite){ .frames = frames, .format = (ExportFormat)format };
	if (atomic_file_write(file, write_frames, &fw) != 0) {
		snprintf(err, errlen, "%s: %s", file, strerror(errno));
		return -1;
	}
	return 0;
}
