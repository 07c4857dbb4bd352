/*
 * Animations (--animate): frames written as one animated SVG and as an
 * asciicast v2 recording.
 *
 * Grids made here: each frame of the SVG, its <use>s replaced by the
 * elements they name, is exactly the still of its grid; the keyframes show
 * one frame at a time over the loop. The program itself: forkscope
 * --screenshot F --scenario fork --animate writes XML (checked by xmllint)
 * with a frame per step of the catalogue and one of the finished run, each
 * step's frame showing the start of that step's caption; the .cast has a
 * JSON header (version 2) and one event per frame at increasing times; a
 * bad combination of options is refused with exit status 2 and no file.
 *
 * The files are kept in tests/ui/ of the build tree (animate-*) for a
 * person to look at.
 */
#include <check.h>
#include <json-c/json.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scenario/catalog.h"
#include "export_test.h"
#include "ui/export/export.h"


static size_t count(const char *text, const char *what)
{
	size_t n = 0;

	for (const char *p = text; (p = strstr(p, what)) != NULL; p += strlen(what))
		n++;
	return n;
}

/* What a writer wrote to a stream, as a string. */
typedef int (*FramesWriter)(const ExportFrames *frames, FILE *out);

static char *written(FramesWriter writer, const ExportFrames *frames)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(out);
	ck_assert_int_eq(writer(frames, out), 0);
	fclose(out);
	return text;
}

static char *still_cells(const ExportGrid *grid)
{
	char *text = NULL, *cells;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	ck_assert_int_eq(ExportGrid_write_svg(grid, out), 0);
	fclose(out);
	/* What follows the background <rect>, without the closing </svg>. */
	cells = strdup(strstr(text, "<g shape-rendering"));
	*strstr(cells, "</svg>") = '\0';
	free(text);
	return cells;
}

/* The line of <defs> whose id is id, without the id: what a <use> draws. */
static void append_def(const char *svg, const char *id, FILE *f)
{
	char attr[32];
	const char *at, *start, *end;

	snprintf(attr, sizeof attr, " id=\"%s\"", id);
	at = strstr(svg, attr);
	ck_assert_msg(at != NULL, "no element with id %s", id);
	for (start = at; start > svg && start[-1] != '\n'; start--)
		;
	end = strchr(at, '\n');
	fwrite(start, 1, (size_t)(at - start), f);
	fwrite(at + strlen(attr), 1, (size_t)(end - at) - strlen(attr), f);
	fputc('\n', f);
}

/* Frame n (from 1) of an animated SVG with its <use>s replaced. */
static char *resolved_frame(const char *svg, int n)
{
	char open[64], *text = NULL;
	size_t len = 0;
	const char *p, *end;
	FILE *f = open_memstream(&text, &len);

	snprintf(open, sizeof open, "<g class=\"frame\" id=\"f%d\">\n", n);
	p = strstr(svg, open);
	ck_assert_msg(p != NULL, "no frame %d", n);
	p += strlen(open);
	end = strstr(p, "<g class=\"frame\"");
	if (end == NULL)
		end = strstr(p, "</svg>");
	end -= strlen("</g>\n");   /* the frame's own closing tag */
	while (p < end) {
		const char *nl = strchr(p, '\n');
		char id[16];
		if (sscanf(p, "<use href=\"#%15[^\"]\"/>", id) == 1)
			append_def(svg, id, f);
		else
			fwrite(p, 1, (size_t)(nl + 1 - p), f);
		p = nl + 1;
	}
	fclose(f);
	return text;
}

/* Three screens that share most rows, as steps of a scenario do. */
static void sample_frames(ExportFrames *frames)
{
	static const wchar_t *const captions[] = {
		L"Step 1: the parent maps the region", L"Step 2: fork() = 4243 <in the parent>",
		L"Step 3: the child writes & exits",
	};
	ThemeStyle plain = {.fg = {.index = -1}, .bg = {.index = -1}};
	ThemeStyle header = {.fg = {.index = 15}, .bg = {.index = 24}, .attrs = THEME_BOLD};

	ExportFrames_init(frames);
	for (int i = 0; i < 3; i++) {
		ExportGrid *g = ExportGrid_new(6, 60);
		ExportGrid_put(g, 0, 0, L"\x256d\x2500 Processes \x2500 a header row repeated \x2500\x256e", &plain);
		ExportGrid_put(g, 1, 1, L"  PID  PPID S COMMAND of every frame, the same        ", &header);
		ExportGrid_put(g, 2, 1, i == 0 ? L"4242  4241 S demo" : L"4242  4241 S demo   4243 child", &plain);
		ExportGrid_put(g, 4, 0, captions[i], &plain);
		ExportGrid_put(g, 5, 0, L"Enter select  Space step  q quit: the key line of each frame", &header);
		ExportFrames_add(frames, g, 3000 + 1000 * i);
	}
}

START_TEST(frames_are_the_stills_of_their_grids)
{
	ExportFrames frames;
	char *svg;

	sample_frames(&frames);
	svg = written(ExportFrames_write_svg, &frames);
	ck_assert_uint_eq(count(svg, "<g class=\"frame\""), 3);
	ck_assert_uint_eq(count(svg, "<svg "), 1);
	ck_assert_uint_eq(count(svg, "<style>"), 1);
	ck_assert_msg(count(svg, "<use href=") > 0, "rows repeated in every frame are not shared");
	for (int i = 0; i < frames.count; i++) {
		char *frame = resolved_frame(svg, i + 1), *still = still_cells(frames.frame[i].grid);
		ck_assert_msg(strcmp(frame, still) == 0, "frame %d is not the still of its grid:\n%s\n---\n%s",
			      i + 1, frame, still);
		free(frame);
		free(still);
	}
	free(svg);
	ExportFrames_done(&frames);
}
END_TEST

START_TEST(keyframes_show_one_frame_at_a_time)
{
	ExportFrames frames;
	char *svg;

	sample_frames(&frames);   /* dwells 3, 4 and 5 s */
	ck_assert_int_eq(ExportFrames_total_ms(&frames), 12000);
	ck_assert_int_eq(ExportFrames_start_ms(&frames, 2), 7000);
	svg = written(ExportFrames_write_svg, &frames);
	ck_assert_ptr_nonnull(strstr(svg, "animation: 12000ms step-end infinite"));
	ck_assert_ptr_nonnull(strstr(svg, "@keyframes fs1 { 0% { visibility: visible; } "
				     "25.000% { visibility: hidden; } 100% { visibility: hidden; } }"));
	ck_assert_ptr_nonnull(strstr(svg, "@keyframes fs2 { 0% { visibility: hidden; } "
				     "25.000% { visibility: visible; } 58.333% { visibility: hidden; }"));
	ck_assert_ptr_nonnull(strstr(svg, "@keyframes fs3 { 0% { visibility: hidden; } "
				     "58.333% { visibility: visible; } 100% { visibility: visible; } }"));
	ck_assert_ptr_null(strstr(svg, "<script"));
	free(svg);
	ExportFrames_done(&frames);
}
END_TEST

/* Runs forkscope with args (NULL-terminated after argv[0]); its exit status. */
static int run_forkscope(const char *const *args, const char *stderr_file)
{
	const char *fs = getenv("FORKSCOPE");
	char *argv[32];
	int n = 0, status;
	pid_t pid;

	ck_assert_msg(fs != NULL, "FORKSCOPE (the built program) is not set");
	argv[n++] = (char *)fs;
	for (; *args != NULL && n < 31; args++)
		argv[n++] = (char *)*args;
	argv[n] = NULL;
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		/* The catalogue's English, whatever the test's environment. */
		setenv("LC_ALL", "C.UTF-8", 1);
		setenv("LANGUAGE", "", 1);
		if (stderr_file != NULL && freopen(stderr_file, "w", stderr) == NULL)
			_exit(127);
		execv(fs, argv);
		_exit(127);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* The first words of a caption, as they stand at the start of its line. */
static void caption_start(const char *caption, char *buf, size_t len)
{
	int words = 0;
	size_t i;

	for (i = 0; caption[i] != '\0' && i + 1 < len; i++) {
		if (caption[i] == ' ' && ++words == 3)
			break;
		buf[i] = caption[i];
	}
	buf[i] = '\0';
}

START_TEST(fork_animates_a_frame_per_step)
{
	const Scenario *sc = scenario_find("fork");
	const char *args[] = {"--stable", "--screenshot", export_test_path("animate-fork.svg"),
			      "--scenario", "fork", "--animate", NULL};
	char cmd[600], start[128], *svg;

	ck_assert_ptr_nonnull(sc);
	unlink(args[2]);
	ck_assert_int_eq(run_forkscope(args, NULL), 0);
	snprintf(cmd, sizeof cmd, "xmllint --noout '%s'", args[2]);
	ck_assert_msg(system(cmd) == 0, "%s is not XML", args[2]);
	svg = export_test_slurp(args[2], NULL);
	/* A frame per step, and the finished run. */
	ck_assert_uint_eq(count(svg, "<g class=\"frame\""), (size_t)sc->nsteps + 1);
	for (int k = 1; k <= sc->nsteps; k++) {
		char *frame = resolved_frame(svg, k), heading[32];
		caption_start(sc->steps[k - 1].caption, start, sizeof start);
		snprintf(heading, sizeof heading, "Step %d of %d", k, sc->nsteps);
		ck_assert_msg(strstr(frame, start) != NULL, "frame %d lacks '%s'", k, start);
		ck_assert_msg(strstr(frame, heading) != NULL, "frame %d lacks '%s'", k, heading);
		free(frame);
	}
	{
		char *last = resolved_frame(svg, sc->nsteps + 1);
		ck_assert_ptr_nonnull(strstr(last, "Finished after the last step"));
		free(last);
	}
	free(svg);
}
END_TEST

START_TEST(fork_casts_an_event_per_frame)
{
	const Scenario *sc = scenario_find("fork");
	const char *args[] = {"--stable", "--size", "100x30", "--screenshot",
			      export_test_path("animate-fork.cast"), "--scenario", "fork", "--animate", NULL};
	char *text, *line, *save = NULL, start[128];
	json_object *header, *v;
	double last = -1;
	int events = 0;

	ck_assert_int_eq(run_forkscope(args, NULL), 0);
	text = export_test_slurp(args[4], NULL);
	line = strtok_r(text, "\n", &save);
	header = json_tokener_parse(line);
	ck_assert_msg(header != NULL && json_object_is_type(header, json_type_object),
		      "the first line is not a JSON object: %.80s", line);
	ck_assert(json_object_object_get_ex(header, "version", &v));
	ck_assert_int_eq(json_object_get_int(v), 2);
	ck_assert(json_object_object_get_ex(header, "width", &v));
	ck_assert_int_eq(json_object_get_int(v), 100);
	ck_assert(json_object_object_get_ex(header, "height", &v));
	ck_assert_int_eq(json_object_get_int(v), 30);
	while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
		json_object *ev = json_tokener_parse(line);
		double t;
		ck_assert_msg(ev != NULL && json_object_array_length(ev) == 3, "event %d: %.80s",
			      events + 1, line);
		t = json_object_get_double(json_object_array_get_idx(ev, 0));
		ck_assert_msg(t > last, "event %d at %.3f s, not after %.3f s", events + 1, t, last);
		last = t;
		ck_assert_str_eq(json_object_get_string(json_object_array_get_idx(ev, 1)), "o");
		if (events < sc->nsteps) {
			caption_start(sc->steps[events].caption, start, sizeof start);
			ck_assert_msg(strstr(json_object_get_string(json_object_array_get_idx(ev, 2)),
					     start) != NULL, "event %d lacks '%s'", events + 1, start);
		}
		json_object_put(ev);
		events++;
	}
	ck_assert_int_eq(events, sc->nsteps + 1);
	ck_assert(json_object_object_get_ex(header, "duration", &v));
	ck_assert(json_object_get_double(v) > last);
	json_object_put(header);
	free(text);
}
END_TEST

START_TEST(bad_combinations_are_refused)
{
	static const struct {
		const char *args[8];
		const char *says;
	} cases[] = {
		{{"--screenshot", "animate-bad.svg", "--animate", NULL}, "--scenario"},
		{{"--scenario", "fork", "--animate", NULL}, "--screenshot"},
		{{"--screenshot", "animate-bad.svg", "--scenario", "fork", "--step", "2", "--animate", NULL},
		 "--step"},
		{{"--screenshot", "animate-bad.svg", "--animate", "--step", "0", "--scenario", "fork", NULL},
		 "--step"},
		{{"--screenshot", "animate-bad.txt", "--scenario", "fork", "--animate", NULL}, ".cast"},
		{{"--screenshot", "animate-bad.html", "--scenario", "fork", "--animate", NULL}, ".svg"},
		{{"--screenshot", "animate-bad.svg", "--animate", "--", "true", NULL}, "--scenario"},
	};
	const char *err_file = export_test_path("animate-bad.err");

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *err;
		ck_assert_msg(run_forkscope(cases[i].args, err_file) == 2, "case %zu: not exit 2", i);
		err = export_test_slurp(err_file, NULL);
		ck_assert_msg(strstr(err, cases[i].says) != NULL, "case %zu says: %s", i, err);
		free(err);
	}
	ck_assert_int_ne(access("animate-bad.svg", F_OK), 0);
	ck_assert_int_ne(access("animate-bad.txt", F_OK), 0);
	unlink(err_file);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("animate");
	TCase *frames = tcase_create("frames"), *program = tcase_create("program");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(frames, export_test_setup, NULL);
	tcase_add_test(frames, frames_are_the_stills_of_their_grids);
	tcase_add_test(frames, keyframes_show_one_frame_at_a_time);
	suite_add_tcase(s, frames);
	tcase_add_checked_fixture(program, export_test_setup, NULL);
	tcase_set_timeout(program, 120);
	tcase_add_test(program, fork_animates_a_frame_per_step);
	tcase_add_test(program, fork_casts_an_event_per_frame);
	tcase_add_test(program, bad_combinations_are_refused);
	suite_add_tcase(s, program);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
