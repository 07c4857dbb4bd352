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

static int write_frame(const ExportGrid *grid, int number, FILE *out)
{
	if (fprintf(out, "<g class=\"frame\" id=\"f%d\">\n", number) < 0)
		return -1;
	if (ExportGrid_svg_cells(grid, out) != 0)
		return -1;
	return fputs("</g>\n", out) == EOF ? -1 : 0;
}

int ExportFrames_write_svg(const ExportFrames *frames, FILE *out)
{
	if (frames->count == 0) {
		errno = EINVAL;
		return -1;
	}
	if (ExportGrid_svg_open(frames->frame[0].grid, out) != 0 || write_style(frames, out) != 0)
		return -1;
	for (int i = 0; i < frames->count; i++)
		if (write_frame(frames->frame[i].grid, i + 1, out) != 0)
			return -1;
	return fputs("</svg>\n", out) == EOF ? -1 : 0;
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
