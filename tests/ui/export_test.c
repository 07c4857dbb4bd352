/* Helpers of the export tests: see export_test.h. */
#include "export_test.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

static char out_dir[256];

void export_test_setup(void)
{
	struct stat st;

	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	if (stat("tests/ui", &st) == 0 && S_ISDIR(st.st_mode)) {
		snprintf(out_dir, sizeof out_dir, "tests/ui");
	} else {
		char tmpl[] = "/tmp/forkscope-export-XXXXXX";
		ck_assert_ptr_nonnull(mkdtemp(tmpl));
		snprintf(out_dir, sizeof out_dir, "%s", tmpl);
	}
}

char *export_test_path(const char *name)
{
	static char path[8][512];
	static int next;
	char *p = path[next++ % 8];

	snprintf(p, 512, "%s/%s", out_dir, name);
	return p;
}

char *export_test_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *text;
	long n;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = malloc((size_t)n + 1);
	ck_assert_int_eq(fread(text, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	text[n] = '\0';
	if (len)
		*len = (size_t)n;
	return text;
}
