/*
 * What each exec received, against the kernel: a watched command's execs
 * carry a record of the file name as passed, the environment's changes and
 * the FDs the new program got; its failed execve calls (a PATH search, a
 * missing interpreter) are events with the path and errno. Every check
 * compares with what the kernel says (realpath, fstat), not with forkscope.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/clock.h"
#include "model/session.h"
#include "scenario/runner.h"

static Session *run(char **command)
{
	ScenarioArgs args = { .command = command };
	Session *s = Session_new(0, 3600000000u);
	uint64_t deadline = clock_now_us() + 30000000u;
	char err[256];
	Runner *r = Runner_start(&args, s, err, sizeof err);

	ck_assert_msg(r != NULL, "%s", err);
	Runner_set_step_mode(r, false);
	while (Runner_pump(r, 200) != RUNNER_FINISHED)
		ck_assert_msg(clock_now_us() < deadline, "the command did not finish");
	Runner_delete(r);
	return s;
}

/* The record of the (last) exec whose program path ends in program. */
static const ExecRecord *record_of(const Session *s, const char *program)
{
	const ExecRecord *found = NULL;

	for (size_t i = 0; i < s->nevents; i++) {
		const Event *ev = &s->events[i];
		size_t n = strlen(ev->detail), m = strlen(program);
		if (ev->kind == EV_EXEC && n >= m && strcmp(ev->detail + n - m, program) == 0 &&
		    ExecLog_find(&s->execs, ev->record) != NULL)
			found = ExecLog_find(&s->execs, ev->record);
	}
	return found;
}

static bool strv_has(char *const *v, const char *entry)
{
	for (size_t i = 0; v != NULL && v[i] != NULL; i++)
		if (strcmp(v[i], entry) == 0)
			return true;
	return false;
}

static const ExecFd *fd_of(const ExecRecord *rec, int fd)
{
	for (size_t i = 0; i < rec->nfds; i++)
		if (rec->fds[i].fd == fd)
			return &rec->fds[i];
	return NULL;
}

START_TEST(test_env_added_at_the_exec)
{
	static char *command[] = { "/bin/sh", "-c", "env FORKSCOPE_TEST_VAR=1 /bin/true", NULL };
	Session *s = run(command);
	const ExecRecord *rec = record_of(s, "/true");

	ck_assert_msg(rec != NULL, "no record of the exec of true");
	ck_assert_msg(rec->env_compared, "the environment before the exec was not known");
	ck_assert_msg(strv_has(rec->env_added, "FORKSCOPE_TEST_VAR=1"),
		      "FORKSCOPE_TEST_VAR=1 not shown added at the exec of true");
	ck_assert_msg(strv_has(rec->env, "FORKSCOPE_TEST_VAR=1"), "not in true's environment");
	ck_assert_msg(rec->env_removed[0] == NULL, "env removed %s", rec->env_removed[0]);
	ck_assert_msg(strv_has(rec->argv, "/bin/true") && rec->argv[1] == NULL, "argv of true");
	Session_delete(s);
}
END_TEST

START_TEST(test_inherited_fd_and_cloexec)
{
	static char *command[] = { "/bin/sh", "-c", "exec 7</etc/hostname; cd /usr && exec bin/cat /dev/null",
				   NULL };
	char hostname[PATH_MAX];
	int cloexec_fd = open("/etc/passwd", O_RDONLY | O_CLOEXEC);
	int kept_fd = open("/etc/passwd", O_RDONLY); /* the command inherits this one */
	Session *s;
	const ExecRecord *rec;
	const ExecFd *f;

	ck_assert(cloexec_fd >= 0 && kept_fd >= 0);
	ck_assert(realpath("/etc/hostname", hostname) != NULL);
	s = run(command);
	rec = record_of(s, "/cat");
	ck_assert_msg(rec != NULL, "no record of the exec of cat");
	f = fd_of(rec, 7);
	ck_assert_msg(f != NULL, "fd 7 is not in cat's record");
	ck_assert_str_eq(f->target, hostname);
	ck_assert_msg(ExecFd_inherited(f), "fd 7 not marked inherited");
	ck_assert_msg(fd_of(rec, cloexec_fd) == NULL, "a close-on-exec fd (%d) is listed", cloexec_fd);
	ck_assert_msg(fd_of(rec, kept_fd) != NULL, "an inherited fd (%d) is missing", kept_fd);
	ck_assert_msg(fd_of(rec, 0) != NULL && !ExecFd_inherited(fd_of(rec, 0)), "stdin");
	/* The name as passed (relative), and the directory it was relative to. */
	ck_assert_msg(rec->filename != NULL && strcmp(rec->filename, "bin/cat") == 0,
		      "file name passed: %s", rec->filename ? rec->filename : "(null)");
	ck_assert_msg(rec->cwd != NULL && strcmp(rec->cwd, "/usr") == 0, "cwd %s", rec->cwd);
	close(cloexec_fd);
	close(kept_fd);
	Session_delete(s);
}
END_TEST

static size_t failed_execs(const Session *s, const char *path, int err)
{
	size_t n = 0;

	for (size_t i = 0; i < s->nevents; i++)
		if (s->events[i].kind == EV_EXEC_FAILED && strcmp(s->events[i].detail, path) == 0 &&
		    s->events[i].err == err)
			n++;
	return n;
}

START_TEST(test_failed_path_search)
{
	static char *command[] = { "/bin/sh", "-c", "PATH=/nonexistent:/usr/bin; exec true", NULL };
	Session *s = run(command);
	const ExecRecord *rec = record_of(s, "/true");

	ck_assert_uint_eq(failed_execs(s, "/nonexistent/true", ENOENT), 1);
	ck_assert_msg(rec != NULL, "no record of the exec of true");
	ck_assert_uint_eq(rec->nattempts, 1);
	ck_assert_str_eq(rec->attempts[0].path, "/nonexistent/true");
	ck_assert_int_eq(rec->attempts[0].err, ENOENT);
	ck_assert_str_eq(rec->filename, "/usr/bin/true");
	Session_delete(s);
}
END_TEST

START_TEST(test_missing_interpreter)
{
	char dir[] = "/tmp/forkscope-exec-XXXXXX", script[PATH_MAX], line[PATH_MAX + 32];
	char *command[] = { "/bin/sh", "-c", line, NULL };
	Session *s;
	FILE *f;

	ck_assert(mkdtemp(dir) != NULL);
	snprintf(script, sizeof script, "%s/script", dir);
	f = fopen(script, "w");
	ck_assert(f != NULL);
	fputs("#!/nonexistent/interpreter\n", f);
	fclose(f);
	chmod(script, 0755);
	snprintf(line, sizeof line, "%s; exit 0", script);
	s = run(command);
	/* The kernel answers ENOENT for the script: its interpreter is missing. */
	ck_assert_msg(failed_execs(s, script, ENOENT) >= 1, "the failed exec of %s is not shown", script);
	unlink(script);
	rmdir(dir);
	Session_delete(s);
}
END_TEST

/* The output event of a line, or NULL. */
static const Event *output_of(const Session *s, const char *line)
{
	for (size_t i = 0; i < s->nevents; i++)
		if (s->events[i].kind == EV_OUTPUT && strcmp(s->events[i].detail, line) == 0)
			return &s->events[i];
	return NULL;
}

static pid_t exec_pid(const Session *s, const char *program)
{
	for (size_t i = 0; i < s->nevents; i++) {
		const Event *ev = &s->events[i];
		size_t n = strlen(ev->detail), m = strlen(program);
		if (ev->kind == EV_EXEC && n >= m && strcmp(ev->detail + n - m, program) == 0)
			return ev->pid;
	}
	return 0;
}

/* Each line is the event of the process that wrote it: the shell's own
 * echo, an exec'd /bin/echo, a subshell's echo; a line written in two
 * pieces by two processes stays theirs. */
START_TEST(test_output_by_writer)
{
	static char *command[] = { "/bin/sh", "-c",
				   "echo from-sh; /bin/echo from-echo; (echo from-subshell); "
				   "/bin/cat /etc/hostname",
				   NULL };
	Session *s = run(command);
	const Event *sh = output_of(s, "from-sh"), *echo = output_of(s, "from-echo");
	const Event *sub = output_of(s, "from-subshell");
	char hostname[256] = "";
	const Event *cat;
	FILE *f = fopen("/etc/hostname", "r");

	ck_assert(f != NULL && fgets(hostname, sizeof hostname, f) != NULL);
	fclose(f);
	hostname[strcspn(hostname, "\n")] = '\0';
	cat = output_of(s, hostname);
	ck_assert_msg(sh != NULL && echo != NULL && sub != NULL && cat != NULL, "an output line is missing");
	ck_assert_int_eq(sh->pid, exec_pid(s, "/dash") ? exec_pid(s, "/dash") : exec_pid(s, "/sh"));
	ck_assert_int_eq(echo->pid, exec_pid(s, "/echo"));
	ck_assert_int_eq(cat->pid, exec_pid(s, "/cat"));
	/* the subshell: a fork of the shell that never exec'd */
	ck_assert_msg(sub->pid != sh->pid && sub->pid != echo->pid, "from-subshell by %d", sub->pid);
	ck_assert_int_eq(Session_find_const(s, sub->pid)->ppid, sh->pid);
	Session_delete(s);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("exec_record");
	TCase *tc = tcase_create("kernel");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_env_added_at_the_exec);
	tcase_add_test(tc, test_inherited_fd_and_cloexec);
	tcase_add_test(tc, test_failed_path_search);
	tcase_add_test(tc, test_missing_interpreter);
	tcase_add_test(tc, test_output_by_writer);
	suite_add_tcase(su, tc);
	sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
