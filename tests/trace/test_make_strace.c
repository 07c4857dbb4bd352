/*
 * A real build watched two ways: `make -j2` of a generated C project of ten
 * files, once under `strace -f -e trace=process` and once under
 * `forkscope --batch --json`. Both must tell the same story: the same
 * programs exec'd (by the file name as passed), the same failed exec
 * attempts (a PATH search: path and errno), and the same parent and child
 * programs for every process made. pids differ between the two builds, so
 * processes are named by the program they ran.
 *
 * Skipped (77) where strace, make or cc is missing.
 */
#include <check.h>
#include <errno.h>
#include <json-c/json.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define FILES 10
#define MAX_PROCS 4096

typedef struct Proc {
	pid_t pid, ppid;
	char prog[128];      /* basename of its last exec, "" none */
} Proc;

typedef struct Story {
	Proc procs[MAX_PROCS];
	size_t nprocs;
	char *facts[MAX_PROCS * 4]; /* "exec PATH", "fail PATH ENAME", "made P > C" */
	size_t nfacts;
} Story;

static char project[PATH_MAX];

static void fact(Story *s, const char *fmt, const char *a, const char *b)
{
	char buf[1200];

	snprintf(buf, sizeof buf, fmt, a, b);
	ck_assert(s->nfacts < sizeof s->facts / sizeof s->facts[0]);
	s->facts[s->nfacts++] = strdup(buf);
}

static Proc *proc(Story *s, pid_t pid, bool add)
{
	for (size_t i = 0; i < s->nprocs; i++)
		if (s->procs[i].pid == pid)
			return &s->procs[i];
	if (!add)
		return NULL;
	ck_assert(s->nprocs < MAX_PROCS);
	s->procs[s->nprocs] = (Proc){ .pid = pid };
	return &s->procs[s->nprocs++];
}

static void exec_ok(Story *s, pid_t pid, const char *path)
{
	const char *base = strrchr(path, '/');

	snprintf(proc(s, pid, true)->prog, sizeof s->procs[0].prog, "%s", base ? base + 1 : path);
	fact(s, "exec %s%s", path, "");
}

/* After both runs: one "made" fact per process, by program names. */
static void made_facts(Story *s)
{
	for (size_t i = 0; i < s->nprocs; i++) {
		const Proc *c = &s->procs[i], *p = proc(s, c->ppid, false);
		if (c->ppid == 0)
			continue; /* the root: started by strace or forkscope */
		fact(s, "made %s > %s", p != NULL && p->prog[0] ? p->prog : "?", c->prog[0] ? c->prog : "(no exec)");
	}
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void generate_project(void)
{
	char path[PATH_MAX + 16];
	FILE *f;

	snprintf(project, sizeof project, "/tmp/forkscope-make-XXXXXX");
	ck_assert(mkdtemp(project) != NULL);
	for (int i = 0; i < FILES; i++) {
		snprintf(path, sizeof path, "%s/f%d.c", project, i);
		f = fopen(path, "w");
		ck_assert(f != NULL);
		fprintf(f, "int f%d(int x) { return x * %d; }\n", i, i + 1);
		fclose(f);
	}
	snprintf(path, sizeof path, "%s/Makefile", project);
	f = fopen(path, "w");
	ck_assert(f != NULL);
	fputs("OBJS = f0.o f1.o f2.o f3.o f4.o f5.o f6.o f7.o f8.o f9.o\n"
	      "libf.a: $(OBJS)\n\tar rcs $@ $(OBJS)\n"
	      "%.o: %.c\n\tcc -O0 -c $< -o $@\n"
	      "clean:\n\trm -f $(OBJS) libf.a\n", f);
	fclose(f);
}

static int run(const char *command)
{
	char line[PATH_MAX * 3];

	snprintf(line, sizeof line, "cd '%s' && %s", project, command);
	return system(line);
}

/* ---- strace's story ---- */

typedef struct Pending {
	pid_t pid;
	char call[16];
	char path[PATH_MAX];
	bool thread;
} Pending;

static void strace_done(Story *s, pid_t pid, const char *call, const char *path, bool thread,
			const char *result)
{
	if (strcmp(call, "execve") == 0 || strcmp(call, "execveat") == 0) {
		if (strncmp(result, "0", 1) == 0)
			exec_ok(s, pid, path);
		else if (strncmp(result, "-1 ", 3) == 0) {
			char ename[32];
			sscanf(result + 3, "%31s", ename);
			fact(s, "fail %s %s", path, ename);
		}
		return;
	}
	if (!thread && (strcmp(call, "clone") == 0 || strcmp(call, "clone3") == 0 ||
			strcmp(call, "fork") == 0 || strcmp(call, "vfork") == 0)) {
		long child = strtol(result, NULL, 10);
		if (child > 0) {
			Proc *c = proc(s, (pid_t)child, true);
			const Proc *p = proc(s, pid, true);
			c->ppid = pid;
			if (c->prog[0] == '\0')
				snprintf(c->prog, sizeof c->prog, "%s", p->prog); /* until it execs */
		}
	}
}

static void read_strace(Story *s, const char *file)
{
	static Pending pending[256];
	size_t npending = 0;
	char line[16384];
	FILE *f = fopen(file, "r");

	ck_assert(f != NULL);
	while (fgets(line, sizeof line, f) != NULL) {
		char *rest, *eq, call[16] = "", path[PATH_MAX] = "";
		long pid = strtol(line, &rest, 10);
		bool thread;

		while (*rest == ' ')
			rest++;
		if (pid <= 0 || *rest == '+' || *rest == '-')
			continue; /* exits and signals */
		if (strncmp(rest, "<... ", 5) == 0) {
			sscanf(rest + 5, "%15s", call);
			for (size_t i = 0; i < npending; i++)
				if (pending[i].pid == pid && strcmp(pending[i].call, call) == 0) {
					eq = strstr(rest, "= ");
					if (eq != NULL)
						strace_done(s, (pid_t)pid, call, pending[i].path, pending[i].thread,
							    eq + 2);
					pending[i] = pending[--npending];
					break;
				}
			continue;
		}
		sscanf(rest, "%15[^(]", call);
		if (strncmp(call, "exec", 4) == 0) {
			char *q = strchr(rest, '"');
			if (q != NULL)
				sscanf(q + 1, "%4095[^\"]", path);
		}
		thread = strstr(rest, "CLONE_THREAD") != NULL;
		if (strstr(rest, "<unfinished ...>") != NULL) {
			ck_assert(npending < 256);
			pending[npending] = (Pending){ .pid = (pid_t)pid, .thread = thread };
			snprintf(pending[npending].call, sizeof pending[npending].call, "%s", call);
			snprintf(pending[npending].path, sizeof pending[npending].path, "%s", path);
			npending++;
			continue;
		}
		eq = strrchr(rest, '=');
		if (eq != NULL && eq[1] == ' ')
			strace_done(s, (pid_t)pid, call, path, thread, eq + 2);
	}
	fclose(f);
	/* The root: the first process that exec'd. */
	if (s->nprocs > 0)
		s->procs[0].ppid = 0;
}

/* ---- forkscope's story ---- */

static const char *str(json_object *o, const char *key)
{
	json_object *v;

	return json_object_object_get_ex(o, key, &v) ? json_object_get_string(v) : "";
}

static int num(json_object *o, const char *key)
{
	json_object *v;

	return json_object_object_get_ex(o, key, &v) ? json_object_get_int(v) : 0;
}

static void read_forkscope(Story *s, const char *file)
{
	char line[1 << 16];
	FILE *f = fopen(file, "r");
	pid_t root = 0;

	ck_assert(f != NULL);
	while (fgets(line, sizeof line, f) != NULL) {
		json_object *o = json_tokener_parse(line), *rec;
		const char *event;

		ck_assert_msg(o != NULL, "not JSON: %s", line);
		event = str(o, "event");
		if ((strcmp(event, "fork") == 0 || strcmp(event, "vfork") == 0 || strcmp(event, "clone") == 0) &&
		    strcmp(str(o, "how"), "thread") != 0) {
			Proc *c = proc(s, num(o, "pid"), true);
			const Proc *p = proc(s, num(o, "ppid"), false);
			c->ppid = root == 0 ? 0 : num(o, "ppid");
			if (root == 0)
				root = c->pid;
			if (p != NULL && c->prog[0] == '\0')
				snprintf(c->prog, sizeof c->prog, "%s", p->prog);
		} else if (strcmp(event, "exec") == 0 && json_object_object_get_ex(o, "exec", &rec)) {
			exec_ok(s, num(o, "pid"), str(rec, "filename"));
		} else if (strcmp(event, "exec-failed") == 0) {
			fact(s, "fail %s %s", str(o, "path"), str(o, "errno"));
		}
		json_object_put(o);
	}
	fclose(f);
}

static void print_facts(const char *who, const Story *s)
{
	fprintf(stderr, "-- %s (%zu facts)\n", who, s->nfacts);
	for (size_t i = 0; i < s->nfacts; i++)
		fprintf(stderr, "   %s\n", s->facts[i]);
}

START_TEST(test_make_same_as_strace)
{
	static Story st, fs;
	const char *forkscope = getenv("FORKSCOPE");
	char cmd[PATH_MAX * 2], sfile[PATH_MAX + 16], ffile[PATH_MAX + 16];
	bool same;

	ck_assert_msg(forkscope != NULL, "FORKSCOPE is not set");
	generate_project();
	snprintf(sfile, sizeof sfile, "%s/strace.out", project);
	snprintf(ffile, sizeof ffile, "%s/forkscope.json", project);
	snprintf(cmd, sizeof cmd, "strace -f -qq -e trace=process -o '%s' /usr/bin/make -s -j2 >/dev/null",
		 sfile);
	ck_assert_int_eq(run(cmd), 0);
	ck_assert_int_eq(run("make -s clean"), 0);
	snprintf(cmd, sizeof cmd, "'%s' --batch --json -- /usr/bin/make -s -j2 > '%s'", forkscope, ffile);
	ck_assert_int_eq(run(cmd), 0);
	read_strace(&st, sfile);
	read_forkscope(&fs, ffile);
	made_facts(&st);
	made_facts(&fs);
	qsort(st.facts, st.nfacts, sizeof st.facts[0], by_text);
	qsort(fs.facts, fs.nfacts, sizeof fs.facts[0], by_text);
	same = st.nfacts == fs.nfacts;
	for (size_t i = 0; same && i < st.nfacts; i++)
		same = strcmp(st.facts[i], fs.facts[i]) == 0;
	if (!same) {
		print_facts("strace", &st);
		print_facts("forkscope", &fs);
	}
	ck_assert_msg(same, "forkscope and strace tell different stories of the build (above)");
	/* The build did what it should: ten compilers, one archiver. */
	ck_assert_uint_ge(st.nprocs, FILES + 2);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", project);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

static bool have(const char *program)
{
	char cmd[256];

	snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", program);
	return system(cmd) == 0;
}

int main(void)
{
	Suite *su = suite_create("make_strace");
	TCase *tc = tcase_create("kernel");
	SRunner *sr;
	int failed;

	if (!have("strace") || !have("make") || !have("cc")) {
		fprintf(stderr, "test_make_strace: strace, make or cc is missing: skipped\n");
		return 77;
	}
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_make_same_as_strace);
	suite_add_tcase(su, tc);
	sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
