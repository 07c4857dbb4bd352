/*
 * Screenshot export: grids made here and grids captured from a real
 * ncurses screen (newterm() on /dev/null at 80x24, drawn with the default
 * theme: text, colours, reverse, wide characters, single and double box
 * lines, block characters) are written as SVG, HTML and TXT. Writing twice
 * gives identical files; the SVG parses as XML (python3 or xmllint) with
 * one <text> per screen row; rsvg-convert renders it to PNG where present.
 * Files that cannot be written leave nothing half-written behind.
 *
 * The files are kept in tests/ui/ of the build tree (export-*.svg, .png,
 * .html, .txt) so a person can look at them after make check.
 */
#include <check.h>
#include <curses.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export_test.h"
#include "ui/export/export.h"
#include "ui/theme/theme.h"

/* ---- helpers ------------------------------------------------------------ */


static bool file_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

static bool have_tool(const char *tool)
{
	char cmd[128];

	snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
	return system(cmd) == 0;
}

static size_t count(const char *text, const char *what)
{
	size_t n = 0;

	for (const char *p = text; (p = strstr(p, what)) != NULL; p += strlen(what))
		n++;
	return n;
}

static ThemeStyle style_rgb(unsigned fg, unsigned bg, unsigned attrs)
{
	ThemeStyle s = {.fg = {.index = -1}, .bg = {.index = -1}, .attrs = attrs};

	if (fg != ~0u)
		s.fg = (ThemeColor){.is_rgb = true, .index = -1, .r = fg >> 16,
				    .g = (fg >> 8) & 0xff, .b = fg & 0xff};
	if (bg != ~0u)
		s.bg = (ThemeColor){.is_rgb = true, .index = -1, .r = bg >> 16,
				    .g = (bg >> 8) & 0xff, .b = bg & 0xff};
	return s;
}

#define NONE (~0u)

/* Writes the grid as FILE twice and asserts both writes are identical. */
static char *write_twice(const ExportGrid *grid, const char *name, size_t *len)
{
	char err[512], *first, *second;
	size_t n1, n2;
	char *path = export_test_path(name);

	ck_assert_msg(ExportGrid_write(grid, path, err, sizeof err) == 0, "%s", err);
	first = export_test_slurp(path, &n1);
	ck_assert_msg(ExportGrid_write(grid, path, err, sizeof err) == 0, "%s", err);
	second = export_test_slurp(path, &n2);
	ck_assert_uint_eq(n1, n2);
	ck_assert_msg(memcmp(first, second, n1) == 0, "%s differs between two writes", name);
	free(second);
	if (len)
		*len = n1;
	return first;
}

/* The SVG is XML with one <text> per row, and renders where rsvg is. */
static void check_svg(const char *path, int rows)
{
	char cmd[1024], png[600];
	char *text = export_test_slurp(path, NULL);

	ck_assert_uint_eq(count(text, "<text "), (size_t)rows);
	free(text);
	if (have_tool("python3")) {
		snprintf(cmd, sizeof cmd,
			 "python3 -c 'import sys, xml.etree.ElementTree as E; "
			 "r = E.parse(sys.argv[1]).getroot(); "
			 "n = len(r.findall(\".//{http://www.w3.org/2000/svg}text\")); "
			 "sys.exit(0 if n == int(sys.argv[2]) else 3)' '%s' %d", path, rows);
		ck_assert_msg(system(cmd) == 0, "%s: not XML, or not %d text rows", path, rows);
	} else if (have_tool("xmllint")) {
		snprintf(cmd, sizeof cmd, "xmllint --noout '%s'", path);
		ck_assert_msg(system(cmd) == 0, "%s is not XML", path);
	} else {
		fprintf(stderr, "test_export: neither python3 nor xmllint: XML not checked\n");
	}
	if (!have_tool("rsvg-convert")) {
		fprintf(stderr, "test_export: no rsvg-convert (Debian librsvg2-bin): "
			"PNG rendering not checked\n");
		return;
	}
	snprintf(png, sizeof png, "%.*s.png", (int)(strlen(path) - 4), path);
	snprintf(cmd, sizeof cmd, "rsvg-convert -o '%s' '%s'", png, path);
	ck_assert_msg(system(cmd) == 0, "rsvg-convert failed on %s", path);
	text = export_test_slurp(png, NULL);
	ck_assert_msg(memcmp(text, "\x89PNG", 4) == 0, "%s is not a PNG", png);
	free(text);
}

/* ---- the grid ----------------------------------------------------------- */

START_TEST(put_handles_wide_and_combining)
{
	ExportGrid *g = ExportGrid_new(2, 8);
	ThemeStyle s = style_rgb(0x5fd75f, NONE, THEME_BOLD);
	const ExportCell *c;

	ck_assert_int_eq(ExportGrid_put(g, 0, 0, L"a\x6f22" L"b", &s), 4);
	ck_assert(ExportGrid_cell(g, 0, 1)->text[0] == 0x6f22);
	ck_assert_int_eq(ExportGrid_cell(g, 0, 1)->width, 2);
	ck_assert_int_eq(ExportGrid_cell(g, 0, 2)->width, 0);
	ck_assert(ExportGrid_cell(g, 0, 2)->text[0] == 0);
	ck_assert(ExportGrid_cell(g, 0, 3)->text[0] == L'b');
	ck_assert_uint_eq(ExportGrid_cell(g, 0, 3)->attrs, THEME_BOLD);

	/* Writing over half a wide character blanks the other half. */
	ExportGrid_put(g, 0, 2, L"Z", &s);
	ck_assert(ExportGrid_cell(g, 0, 1)->text[0] == L' ');
	ck_assert_int_eq(ExportGrid_cell(g, 0, 1)->width, 1);

	/* A combining accent joins the cell before it. */
	ck_assert_int_eq(ExportGrid_put(g, 1, 0, L"e\x0301x", &s), 2);
	c = ExportGrid_cell_const(g, 1, 0);
	ck_assert(c->text[0] == L'e' && c->text[1] == 0x0301 && c->text[2] == 0);
	ck_assert(ExportGrid_cell(g, 1, 1)->text[0] == L'x');

	/* Clipped at the row's end; a wide character that does not fit stops. */
	ck_assert_int_eq(ExportGrid_put(g, 1, 6, L"12345", &s), 2);
	ck_assert_int_eq(ExportGrid_put(g, 1, 7, L"\x6f22", &s), 0);
	ck_assert_int_eq(ExportGrid_put(g, 5, 0, L"x", &s), 0);
	ck_assert_ptr_null(ExportGrid_cell(g, 2, 0));
	ck_assert_ptr_null(ExportGrid_cell(g, 0, 8));
	ExportGrid_delete(g);
}
END_TEST

START_TEST(cell_colours_apply_reverse_and_dim)
{
	ExportGrid *g = ExportGrid_new(1, 3);
	ThemeStyle rev = style_rgb(0xff0000, NONE, THEME_REVERSE);
	ThemeStyle dim = style_rgb(0xffffff, 0x000000, THEME_DIM);
	unsigned char fg[3], bg[3];

	ExportGrid_put(g, 0, 0, L"r", &rev);
	ExportGrid_put(g, 0, 1, L"d", &dim);
	ExportGrid_cell_rgb(g, ExportGrid_cell_const(g, 0, 0), fg, bg);
	ck_assert_int_eq(memcmp(fg, g->default_bg, 3), 0);
	ck_assert(bg[0] == 0xff && bg[1] == 0 && bg[2] == 0);
	ExportGrid_cell_rgb(g, ExportGrid_cell_const(g, 0, 1), fg, bg);
	ck_assert(fg[0] > 0x80 && fg[0] < 0xff);
	ExportGrid_delete(g);
}
END_TEST

START_TEST(txt_trims_trailing_blanks)
{
	ExportGrid *g = ExportGrid_new(4, 10);
	ThemeStyle s = style_rgb(0xff0000, 0x0000ff, 0);
	char *text;

	ExportGrid_put(g, 0, 0, L"hello  ", &s);
	ExportGrid_put(g, 2, 2, L"x \x6f22", &s);
	ExportGrid_put(g, 3, 0, L"\x250c\x2500\x2510", &s);
	text = write_twice(g, "export-trim.txt", NULL);
	ck_assert_str_eq(text, "hello\n\n  x \xe6\xbc\xa2\n\xe2\x94\x8c\xe2\x94\x80\xe2\x94\x90\n");
	free(text);
	ExportGrid_delete(g);
}
END_TEST

START_TEST(html_escapes_and_styles)
{
	ExportGrid *g = ExportGrid_new(2, 20);
	ThemeStyle s = style_rgb(0x5fd75f, NONE, THEME_BOLD | THEME_UNDERLINE);
	ThemeStyle plain = style_rgb(NONE, NONE, 0);
	char *text;

	ExportGrid_put(g, 0, 0, L"<b> & \"q\"", &plain);
	ExportGrid_put(g, 1, 0, L"new", &s);
	text = write_twice(g, "export-escape.html", NULL);
	ck_assert_ptr_nonnull(strstr(text, "<pre>&lt;b&gt; &amp; &quot;q&quot;\n"));
	ck_assert_ptr_nonnull(strstr(text, "<span style=\"color:#5fd75f;font-weight:bold;"
					   "text-decoration:underline;\">new</span>\n"));
	ck_assert_ptr_nonnull(strstr(text, "<meta charset=\"utf-8\">"));
	free(text);
	ExportGrid_delete(g);
}
END_TEST

/* A grid with everything the SVG writer must handle. */
static ExportGrid *sample_grid(void)
{
	ExportGrid *g = ExportGrid_new(6, 30);
	ThemeStyle border = style_rgb(0x5fafff, NONE, 0);
	ThemeStyle green = style_rgb(0x5fd75f, NONE, THEME_BOLD);
	ThemeStyle sel = style_rgb(0xffffff, 0x005f87, THEME_BOLD);
	ThemeStyle odd = style_rgb(NONE, NONE, THEME_UNDERLINE | THEME_REVERSE);
	ThemeStyle pal = {.fg = {.index = 208}, .bg = {.index = -1}, .attrs = THEME_DIM};

	ExportGrid_put(g, 0, 0, L"\x256d\x2500 tree \x2500\x2500\x252c\x2550\x2550\x2566\x2550\x2557"
			     L"\x250f\x2501\x2513\x2504\x2571\x2572\x2573", &border);
	ExportGrid_put(g, 1, 0, L"\x2502 1234 fork", &border);
	ExportGrid_put(g, 1, 2, L"1234 fork", &green);
	ExportGrid_put(g, 2, 0, L"\x251c\x2500", &border);
	ExportGrid_put(g, 2, 2, L" selected row   ", &sel);
	ExportGrid_put(g, 3, 0, L"\x2591\x2592\x2593\x2588\x2580\x2584\x258c\x2590\x2599\x259a"
			     L"\x2581\x2582\x2583\x2585\x2586\x2587\x2589\x258f\x2594\x2595", &pal);
	ExportGrid_put(g, 4, 0, L"\x0001<&>\"'\xfffe\x6f22\x5b57 e\x0301", &odd);
	ExportGrid_put(g, 5, 0, L"\x2570\x2500\x256f \x255a\x2550\x255d \x2551 \x2503 \x253c", &border);
	return g;
}

START_TEST(svg_is_stable_xml_with_a_text_per_row)
{
	ExportGrid *g = sample_grid();
	char *text = write_twice(g, "export-grid.svg", NULL);

	ck_assert_ptr_nonnull(strstr(text, "DejaVu Sans Mono"));
	ck_assert_ptr_nonnull(strstr(text, "font-weight=\"bold\""));
	ck_assert_ptr_nonnull(strstr(text, "fill=\"#005f87\""));   /* a background run */
	ck_assert_ptr_nonnull(strstr(text, "stroke=\"#5fafff\""));  /* box lines as paths */
	ck_assert_ptr_null(strstr(text, "\xe2\x94\x80"));          /* ... not as glyphs */
	ck_assert_ptr_nonnull(strstr(text, "&lt;&amp;&gt;"));
	free(text);
	check_svg(export_test_path("export-grid.svg"), g->rows);
	free(write_twice(g, "export-grid.html", NULL));
	free(write_twice(g, "export-grid.txt", NULL));
	ExportGrid_delete(g);
}
END_TEST

START_TEST(empty_rows_still_have_a_text)
{
	ExportGrid *g = ExportGrid_new(3, 4);

	free(write_twice(g, "export-empty.svg", NULL));
	check_svg(export_test_path("export-empty.svg"), 3);
	ExportGrid_delete(g);
}
END_TEST

/* ---- writing files ------------------------------------------------------ */

START_TEST(format_is_chosen_by_extension)
{
	ExportGrid *g = ExportGrid_new(1, 1);
	char err[512];
	char *bad = export_test_path("export-shot.png");

	ck_assert_int_eq(ExportFormat_for("a.svg"), EXPORT_SVG);
	ck_assert_int_eq(ExportFormat_for("dir.x/A.SVG"), EXPORT_SVG);
	ck_assert_int_eq(ExportFormat_for("a.html"), EXPORT_HTML);
	ck_assert_int_eq(ExportFormat_for("a.htm"), EXPORT_HTML);
	ck_assert_int_eq(ExportFormat_for("a.txt"), EXPORT_TXT);
	ck_assert_int_eq(ExportFormat_for(".svg"), -1);
	ck_assert_int_eq(ExportFormat_for("svg"), -1);
	ck_assert_int_eq(ExportFormat_for(NULL), -1);

	unlink(bad);
	ck_assert_int_eq(ExportGrid_write(g, bad, err, sizeof err), -1);
	ck_assert_msg(strstr(err, bad) == err && strstr(err, ".svg, .html or .txt"), "%s", err);
	ck_assert(!file_exists(bad));
	ExportGrid_delete(g);
}
END_TEST

START_TEST(failed_write_leaves_nothing_half_written)
{
	ExportGrid *g = ExportGrid_new(2, 2);
	char err[512], tmp[600];
	char *file = export_test_path("export-keep.svg");
	char *text;

	/* No such directory: an error naming the file, no FILE.tmp. */
	ck_assert_int_eq(ExportGrid_write(g, "/nonexistent-dir/x.svg", err, sizeof err), -1);
	ck_assert_msg(strstr(err, "/nonexistent-dir/x.svg: ") == err, "%s", err);
	ck_assert(!file_exists("/nonexistent-dir/x.svg.tmp"));

	/* FILE.tmp cannot be made: the FILE that was there is untouched. */
	ck_assert_int_eq(ExportGrid_write(g, file, err, sizeof err), 0);
	snprintf(tmp, sizeof tmp, "%s.tmp", file);
	ck_assert_int_eq(mkdir(tmp, 0700), 0);
	ExportGrid_put(g, 0, 0, L"xy", &(ThemeStyle){.fg = {.index = 1}, .bg = {.index = -1}});
	ck_assert_int_eq(ExportGrid_write(g, file, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, file));
	text = export_test_slurp(file, NULL);
	ck_assert_ptr_null(strstr(text, ">xy<"));
	free(text);
	ck_assert_int_eq(rmdir(tmp), 0);

	ck_assert_int_eq(ExportGrid_write(g, file, err, sizeof err), 0);
	ck_assert(!file_exists(tmp));
	ExportGrid_delete(g);
}
END_TEST

/* ---- capture from a real ncurses screen --------------------------------- */

typedef struct Term {
	SCREEN *screen;
	FILE *out, *in;
} Term;

static Term term_open(const char *type)
{
	Term t;

	t.out = fopen("/dev/null", "w");
	t.in = fopen("/dev/null", "r");
	ck_assert_ptr_nonnull(t.out);
	ck_assert_ptr_nonnull(t.in);
	setenv("LINES", "24", 1);
	setenv("COLUMNS", "80", 1);
	t.screen = newterm(type, t.out, t.in);
	ck_assert_msg(t.screen != NULL, "no terminfo entry for %s", type);
	return t;
}

static void term_close(Term *t)
{
	endwin();
	delscreen(t->screen);
	fclose(t->out);
	fclose(t->in);
}

static void put_role(int y, int x, ColorRole role, const char *text)
{
	attrset((attr_t)Theme_attr(role));
	mvaddstr(y, x, text);
}

/* A screen like forkscope's: panes with borders, a tree, an FD table, a
 * page map, the events and the status line. */
static void draw_sample_screen(void)
{
	WINDOW *tree = subwin(stdscr, 12, 48, 1, 0);
	WINDOW *fds = subwin(stdscr, 12, 32, 1, 48);
	WINDOW *pages = subwin(stdscr, 10, 80, 13, 0);

	bkgd((chtype)Theme_attr(ROLE_NORMAL));
	put_role(0, 0, ROLE_TITLE, " forkscope ");
	put_role(0, 11, ROLE_CAPTION, "cow: the child writes half of its pages");
	wattrset(tree, (attr_t)Theme_attr(ROLE_BORDER_ACTIVE));
	box(tree, 0, 0);
	wattrset(fds, (attr_t)Theme_attr(ROLE_BORDER));
	wborder_set(fds, WACS_VLINE, WACS_VLINE, WACS_HLINE, WACS_HLINE, WACS_ULCORNER,
		    WACS_URCORNER, WACS_LLCORNER, WACS_LRCORNER);
	wattrset(pages, (attr_t)Theme_attr(ROLE_BORDER));
	wborder_set(pages, WACS_D_VLINE, WACS_D_VLINE, WACS_D_HLINE, WACS_D_HLINE,
		    WACS_D_ULCORNER, WACS_D_URCORNER, WACS_D_LLCORNER, WACS_D_LRCORNER);
	put_role(1, 2, ROLE_TITLE, " Processes ");
	put_role(2, 2, ROLE_HEADER, "  PID  PPID S METHOD  COMMAND");
	put_role(3, 2, ROLE_NORMAL, " 4242     1 S         forkscope-demo cow");
	put_role(3, 17, ROLE_TREE_METHOD, "exec");
	attrset((attr_t)Theme_attr(ROLE_SELECTED));
	mvaddstr(4, 1, "  4243  4242 R fork    \xe2\x94\x94\xe2\x94\x80 demo (child)   ");
	put_role(5, 2, ROLE_TREE_NEW, " 4244  4242 S fork    ");
	put_role(5, 24, ROLE_TREE_LINE, "\xe2\x94\x94\xe2\x94\x80");
	put_role(5, 27, ROLE_TREE_NEW, "worker");
	put_role(6, 2, ROLE_TREE_ZOMBIE, " 4245  4242 Z fork    <defunct>");
	put_role(7, 2, ROLE_TREE_GHOST, " 4240  4242 - vfork   exited 0");
	put_role(8, 2, ROLE_TREE_HELD, " 4246  4242 t spawn   held at exec");
	put_role(9, 2, ROLE_WARNING, "\xe5\xad\x90 \xed\x94\x84\xeb\xa1\x9c\xec\x84\xb8\xec\x8a\xa4 (wide)");
	put_role(1, 50, ROLE_TITLE, " FDs ");
	put_role(2, 50, ROLE_HEADER, "FD TYPE TARGET      CLOEXEC");
	put_role(3, 50, ROLE_NORMAL, " 0 pipe pipe:[9123]");
	put_role(3, 53, ROLE_FD_PIPE, "pipe");
	put_role(4, 50, ROLE_FD_CLOEXEC, " 3 file /etc/hosts  yes");
	put_role(5, 50, ROLE_FD_SHARED, " 4 file /tmp/log    shared");
	put_role(13, 2, ROLE_TITLE, " Pages of [heap] ");
	for (int i = 0; i < 76; i++) {
		put_role(14, 2 + i, i < 38 ? ROLE_PAGE_PRIVATE : ROLE_PAGE_SHARED,
			 i < 38 ? "\xe2\x96\x88" : "\xe2\x96\x92");
		put_role(15, 2 + i, i % 9 == 0 ? ROLE_PAGE_ABSENT : ROLE_PAGE_SHARED,
			 "\xe2\x96\x84");
	}
	put_role(16, 2, ROLE_PAGE_PRIVATE, "\xe2\x96\x88 copied");
	put_role(16, 12, ROLE_PAGE_SHARED, "\xe2\x96\x92 shared");
	put_role(16, 22, ROLE_PAGE_ABSENT, "\xe2\x96\x84 not present");
	put_role(17, 2, ROLE_EVENT_CREATE, "fork() = 4244 in the parent, 0 in the child");
	put_role(18, 2, ROLE_EVENT_EXEC, "execve(\"/bin/ls\") = 0");
	put_role(19, 2, ROLE_EVENT_EXIT, "exit(0)  pid 4240, reaped");
	put_role(20, 2, ROLE_SIG_BLOCKED, "SIGCHLD blocked");
	put_role(20, 20, ROLE_SIG_DIFF, "SIGINT ignored");
	attrset((attr_t)Theme_attr(ROLE_STATUS));
	mvhline(23, 0, ' ', 80);
	put_role(23, 0, ROLE_KEY, " Space");
	put_role(23, 6, ROLE_STATUS, " step ");
	put_role(23, 12, ROLE_KEY, " q");
	put_role(23, 14, ROLE_STATUS, " quit ");
	attrset(A_NORMAL);
	refresh();
	delwin(tree);
	delwin(fds);
	delwin(pages);
}

static void assert_cell(const ExportGrid *g, int row, int col, wchar_t ch)
{
	const ExportCell *c = ExportGrid_cell_const(g, row, col);

	ck_assert_msg(c->text[0] == ch, "cell %d,%d holds U+%04X, not U+%04X", row, col,
		      (unsigned)c->text[0], (unsigned)ch);
}

START_TEST(capture_from_a_real_screen)
{
	Term t = term_open("xterm-256color");
	Theme def;
	ExportGrid *screen, *window;
	const ExportCell *c;
	int y, x, y2, x2;
	char *txt;

	Theme_builtin_default(&def);
	Theme_apply(&def, false);
	draw_sample_screen();
	getyx(curscr, y, x);
	screen = ExportGrid_capture(curscr);
	ck_assert_ptr_nonnull(screen);
	getyx(curscr, y2, x2);
	ck_assert_int_eq(y2, y);
	ck_assert_int_eq(x2, x);
	ck_assert_int_eq(screen->rows, 24);
	ck_assert_int_eq(screen->cols, 80);

	/* Box lines (ACS and wide), single and double, as Unicode. */
	assert_cell(screen, 1, 0, 0x250c);
	assert_cell(screen, 1, 1, 0x2500);
	assert_cell(screen, 2, 0, 0x2502);
	assert_cell(screen, 1, 79, 0x2510);
	assert_cell(screen, 13, 0, 0x2554);
	assert_cell(screen, 22, 79, 0x255d);
	assert_cell(screen, 14, 2, 0x2588);
	/* Colours are the theme's exact ones; attributes survive. */
	c = ExportGrid_cell_const(screen, 5, 3);
	ck_assert(c->text[0] == L'4');
	ck_assert(c->fg.is_rgb && c->fg.r == 0x5f && c->fg.g == 0xd7 && c->fg.b == 0x5f);
	ck_assert(c->attrs & THEME_BOLD);
	c = ExportGrid_cell_const(screen, 4, 3);
	ck_assert(c->bg.is_rgb && c->bg.r == 0x00 && c->bg.g == 0x5f && c->bg.b == 0x87);
	/* A wide character and its continuation. */
	assert_cell(screen, 9, 2, 0x5b50);
	ck_assert_int_eq(ExportGrid_cell_const(screen, 9, 2)->width, 2);
	ck_assert_int_eq(ExportGrid_cell_const(screen, 9, 3)->width, 0);

	/* stdscr holds what curscr shows. */
	window = ExportGrid_capture(stdscr);
	for (int row = 0; row < 24; row++)
		for (int col = 0; col < 80; col++)
			ck_assert(ExportGrid_cell_const(window, row, col)->text[0] ==
				  ExportGrid_cell_const(screen, row, col)->text[0]);

	free(write_twice(screen, "export-capture.svg", NULL));
	check_svg(export_test_path("export-capture.svg"), 24);
	free(write_twice(screen, "export-capture.html", NULL));
	txt = write_twice(screen, "export-capture.txt", NULL);
	ck_assert_ptr_nonnull(strstr(txt, "4244  4242 S fork"));
	ck_assert_ptr_nonnull(strstr(txt, "\xe2\x95\x94\xe2\x95\x90"));
	free(txt);
	ExportGrid_delete(window);
	ExportGrid_delete(screen);
	ck_assert_ptr_null(ExportGrid_capture(NULL));
	term_close(&t);
}
END_TEST

START_TEST(capture_with_other_themes_and_no_colour)
{
	static const char *const themes[] = {"light", "solarized-dark", "high-contrast"};
	Term t = term_open("xterm-256color");
	Theme theme;
	ExportGrid *g;
	char err[512], name[64];

	for (size_t i = 0; i < sizeof themes / sizeof themes[0]; i++) {
		ck_assert_msg(Theme_load(&theme, themes[i], err, sizeof err) == 0, "%s", err);
		Theme_apply(&theme, false);
		bkgdset((chtype)Theme_attr(ROLE_NORMAL));
		clear();
		draw_sample_screen();
		g = ExportGrid_capture(curscr);
		/* The theme's own background is the picture's. */
		if (theme.style[ROLE_NORMAL].bg.is_rgb)
			ck_assert(g->default_bg[0] == theme.style[ROLE_NORMAL].bg.r);
		snprintf(name, sizeof name, "export-%s.svg", themes[i]);
		free(write_twice(g, name, NULL));
		check_svg(export_test_path(name), 24);
		ExportGrid_delete(g);
	}

	Theme_builtin_default(&theme);
	Theme_apply(&theme, true);   /* NO_COLOR */
	bkgdset((chtype)Theme_attr(ROLE_NORMAL));
	clear();
	draw_sample_screen();
	g = ExportGrid_capture(curscr);
	for (int row = 0; row < 24; row++)
		for (int col = 0; col < 80; col++) {
			const ExportCell *c = ExportGrid_cell_const(g, row, col);
			ck_assert(!c->fg.is_rgb && c->fg.index == -1);
			ck_assert(!c->bg.is_rgb && c->bg.index == -1);
		}
	ck_assert(ExportGrid_cell_const(g, 4, 3)->attrs & THEME_REVERSE);
	free(write_twice(g, "export-monochrome.svg", NULL));
	check_svg(export_test_path("export-monochrome.svg"), 24);
	ExportGrid_delete(g);
	term_close(&t);
}
END_TEST

START_TEST(capture_pairs_the_theme_did_not_make)
{
	Term t = term_open("xterm-256color");
	ExportGrid *g;
	const ExportCell *c;

	start_color();
	use_default_colors();
	init_extended_pair(200, 208, 17);
	attrset(COLOR_PAIR(200) | A_UNDERLINE);
	mvaddstr(0, 0, "x");
	attrset(A_ALTCHARSET);
	mvaddch(1, 0, 'l');
	attrset(A_NORMAL);
	refresh();
	g = ExportGrid_capture(stdscr);
	c = ExportGrid_cell_const(g, 0, 0);
	ck_assert(!c->fg.is_rgb && c->fg.index == 208);
	ck_assert(!c->bg.is_rgb && c->bg.index == 17);
	ck_assert_uint_eq(c->attrs, THEME_UNDERLINE);
	assert_cell(g, 1, 0, 0x250c);
	ExportGrid_delete(g);
	term_close(&t);
}
END_TEST

static Suite *export_suite(void)
{
	Suite *s = suite_create("export");
	TCase *grid = tcase_create("grid");
	TCase *files = tcase_create("files");
	TCase *capture = tcase_create("capture");

	tcase_add_checked_fixture(grid, export_test_setup, NULL);
	tcase_add_test(grid, put_handles_wide_and_combining);
	tcase_add_test(grid, cell_colours_apply_reverse_and_dim);
	tcase_add_test(grid, txt_trims_trailing_blanks);
	tcase_add_test(grid, html_escapes_and_styles);
	tcase_add_test(grid, svg_is_stable_xml_with_a_text_per_row);
	tcase_add_test(grid, empty_rows_still_have_a_text);
	suite_add_tcase(s, grid);

	tcase_add_checked_fixture(files, export_test_setup, NULL);
	tcase_add_test(files, format_is_chosen_by_extension);
	tcase_add_test(files, failed_write_leaves_nothing_half_written);
	suite_add_tcase(s, files);

	tcase_add_checked_fixture(capture, export_test_setup, NULL);
	tcase_add_test(capture, capture_from_a_real_screen);
	tcase_add_test(capture, capture_with_other_themes_and_no_colour);
	tcase_add_test(capture, capture_pairs_the_theme_did_not_make);
	suite_add_tcase(s, capture);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(export_suite());
	int failed;

	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
