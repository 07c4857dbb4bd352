/*
 * The Korean translation, seen from outside: the built forkscope runs with
 * LANG=ko_KR.UTF-8 LANGUAGE=ko and the catalogue compiled from po/ko.po
 * into the build tree (FORKSCOPE_LOCALEDIR, so no make install is needed),
 * and its output must be Korean where it is for people and English where
 * it is for programs (JSON). The demo helper is a program of its own: it
 * finds the catalogue the same way, and speaks Korean only when forkscope
 * asks it to (never for JSON). Without FORKSCOPE_LOCALEDIR, as a user who
 * runs build/src/forkscope by hand, both find the catalogue the build lays
 * out in the build tree (po/locale) from where they are.
 *
 * The kernel does not care about locales, but the C library does: without
 * the ko_KR.UTF-8 locale gettext answers in English whatever the catalogue
 * says. The test is skipped (exit 77) when the locale is not installed,
 * and says how to install it.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define KOREAN_LOCALE "ko_KR.UTF-8"

static const char *forkscope_path(void)
{
	const char *p = getenv("FORKSCOPE");

	return p != NULL && p[0] != '\0' ? p : "src/forkscope";
}

/* How forkscope is run: its language, and for the interactive screen's
 * checks a terminal (a pseudo-terminal on stdin and stdout) and TERM. */
typedef struct Run {
	const char *lang;      /* LANG */
	bool korean;           /* LANGUAGE=ko, else unset */
	bool tty;              /* stdin and stdout on a pseudo-terminal; stderr is read */
	const char *term;      /* TERM; NULL: unset */
	bool own_catalogue;    /* no FORKSCOPE_LOCALEDIR: the program finds it */
} Run;

/* Opens a pseudo-terminal; returns the master, the slave's path in name. */
static int open_pty(char *name, size_t len)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY);

	ck_assert_int_ge(master, 0);
	ck_assert_int_eq(grantpt(master), 0);
	ck_assert_int_eq(unlockpt(master), 0);
	ck_assert_int_eq(ptsname_r(master, name, len), 0);
	return master;
}

/* Runs forkscope ARGS as run says, returns what it wrote on stdout and
 * stderr (malloc'd; with a terminal, stderr only) and its exit status. */
static char *run_forkscope_as(const Run *run, const char *const *args, int *status)
{
	int out[2], master = -1;
	char pty[64] = "";
	pid_t pid;
	size_t len = 0, cap = 1 << 16;
	char *buf = malloc(cap);
	ssize_t n;

	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(pipe(out), 0);
	if (run->tty)
		master = open_pty(pty, sizeof pty);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		const char *argv[16];
		int argc = 0;

		if (run->tty) {
			int slave = open(pty, O_RDWR | O_NOCTTY);
			if (slave < 0)
				_exit(126);
			dup2(slave, STDIN_FILENO);
			dup2(slave, STDOUT_FILENO);
			close(slave);
			close(master);
		} else {
			dup2(out[1], STDOUT_FILENO);
		}
		dup2(out[1], STDERR_FILENO);
		close(out[0]);
		close(out[1]);
		unsetenv("LC_ALL");
		unsetenv("LC_MESSAGES");
		setenv("LANG", run->lang, 1);
		if (run->korean)
			setenv("LANGUAGE", "ko", 1);
		else
			unsetenv("LANGUAGE");
		if (run->term != NULL)
			setenv("TERM", run->term, 1);
		else
			unsetenv("TERM");
		if (run->own_catalogue)
			unsetenv("FORKSCOPE_LOCALEDIR");
		else
			setenv("FORKSCOPE_LOCALEDIR", I18N_LOCALEDIR, 1);
		argv[argc++] = forkscope_path();
		while (*args != NULL && argc < 15)
			argv[argc++] = *args++;
		argv[argc] = NULL;
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(out[1]);
	while ((n = read(out[0], buf + len, cap - len - 1)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		ck_assert_int_gt(n, 0);
		len += (size_t)n;
		if (cap - len < 2) {
			cap *= 2;
			buf = realloc(buf, cap);
			ck_assert_ptr_nonnull(buf);
		}
	}
	buf[len] = '\0';
	close(out[0]);
	ck_assert_int_eq(waitpid(pid, status, 0), pid);
	if (master >= 0)
		close(master);
	return buf;
}

/* Runs forkscope ARGS with LANG=lang (LANGUAGE=ko when korean), without a
 * terminal. */
static char *run_forkscope(const char *lang, bool korean, const char *const *args, int *status)
{
	const Run run = { .lang = lang, .korean = korean, .term = "xterm" };

	return run_forkscope_as(&run, args, status);
}

static bool has_hangul(const char *s)
{
	/* U+AC00..U+D7A3 in UTF-8: lead byte 0xEA..0xED. */
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0xea && (unsigned char)*s <= 0xed)
			return true;
	return false;
}

#define ck_assert_contains(text, needle) \
	ck_assert_msg(strstr((text), (needle)) != NULL, "no \"%s\" in:\n%.2000s", (needle), (text))

START_TEST(test_list_korean)
{
	static const char *const args[] = { "--list", NULL };
	int status;
	char *out = run_forkscope(KOREAN_LOCALE, true, args, &status);

	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "forkscope --list failed:\n%.2000s", out);
	/* A title, a step count and a parameter's help, each from po/ko.po. */
	ck_assert_contains(out, "fork: 한 번 호출, 두 번 반환 (3단계)");
	ck_assert_contains(out, "fork 전에 부모가 쓰는 메모리 (1~256 MiB)");
	ck_assert_contains(out, "좀비와 고아");
	/* Scenario ids stay what the command line takes. */
	ck_assert_contains(out, "zombie-orphan");
	free(out);
}
END_TEST

START_TEST(test_help_korean)
{
	static const char *const args[] = { "--help", NULL };
	int status;
	char *out = run_forkscope(KOREAN_LOCALE, true, args, &status);

	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "forkscope --help failed:\n%.2000s", out);
	ck_assert_contains(out, "사용법: forkscope [OPTIONS]");
	ck_assert_contains(out, "옵션:");
	/* Options themselves are not translated. */
	ck_assert_contains(out, "--scenario ID");
	free(out);
}
END_TEST

START_TEST(test_error_korean)
{
	static const char *const args[] = { "--scenario", "no-such-scenario", NULL };
	int status;
	char *out = run_forkscope(KOREAN_LOCALE, true, args, &status);

	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 2, "exit status %d:\n%.2000s", status, out);
	ck_assert_contains(out, "'no-such-scenario'라는 시나리오는 없다");
	free(out);
}
END_TEST

/* main.c: the interactive screen refuses a missing terminal or TERM. */
START_TEST(test_terminal_korean)
{
	static const char *const args[] = { "--scenario", "fork", NULL };
	const Run no_tty = { .lang = KOREAN_LOCALE, .korean = true, .term = "xterm" };
	const Run no_term = { .lang = KOREAN_LOCALE, .korean = true, .tty = true, .term = NULL };
	int status;
	char *out = run_forkscope_as(&no_tty, args, &status);

	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 2, "exit status %d:\n%.2000s", status, out);
	ck_assert_contains(out, "대화형 화면에는 표준 입력과 표준 출력에 터미널이 필요하다");
	free(out);
	out = run_forkscope_as(&no_term, args, &status);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 2, "exit status %d:\n%.2000s", status, out);
	ck_assert_contains(out, "forkscope: TERM이 설정되지 않았다");
	free(out);
}
END_TEST

/* catalog.c: an option out of range, with its range and translated unit. */
START_TEST(test_option_error_korean)
{
	static const char *const args[] = { "--batch", "--scenario", "fork", "size=9999", NULL };
	int status;
	char *out = run_forkscope(KOREAN_LOCALE, true, args, &status);

	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 2, "exit status %d:\n%.2000s", status, out);
	ck_assert_contains(out, "size=9999은(는) 범위를 벗어났다: size의 범위는 1~256 MiB이다");
	free(out);
}
END_TEST

/* A scenario in batch text: the runner's note, the demo helper's prose (it
 * is a program of its own, with its own gettext), the wait status in the
 * process list, and the kernel's event lines (fork, exit, reap, signal) in
 * Korean too; only their kind column keeps the event's name. */
START_TEST(test_batch_scenario_korean)
{
	static const char *const args[] = { "--batch", "--scenario", "fork", NULL };
	int status;
	char *out = run_forkscope(KOREAN_LOCALE, true, args, &status);

	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "exit status %d:\n%.4000s", status, out);
	ck_assert_contains(out, "시나리오가 끝났다 (종료 코드 0)");
	ck_assert_contains(out, "fork() = 0, 자식에서");
	ck_assert_contains(out, ", 상태: 종료 코드 7");
	/* The process list's status, and the exit event's line (its end). */
	ck_assert_contains(out, "종료: 종료 코드 7");
	ck_assert_contains(out, "종료: 종료 코드 7\n");
	ck_assert_contains(out, "fork, 부모 ");
	ck_assert_contains(out, "회수: ");
	ck_assert_contains(out, "시그널 SIGCHLD");
	ck_assert_msg(strstr(out, "exit: exit") == NULL && strstr(out, "reaped by") == NULL &&
		      strstr(out, "fork by") == NULL,
		      "an English kernel event line in the Korean batch text:\n%.4000s", out);
	free(out);
}
END_TEST

/* The same run in JSON: every word English, the helper's and the runner's too. */
START_TEST(test_batch_scenario_json_english)
{
	static const char *const args[] = { "--batch", "--json", "--scenario", "fork", NULL };
	int status;
	char *out = run_forkscope(KOREAN_LOCALE, true, args, &status);

	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "exit status %d:\n%.4000s", status, out);
	ck_assert_contains(out, "scenario finished with status 0");
	ck_assert_contains(out, "fork() = 0 in the child");
	ck_assert_contains(out, "\"text\":\"exit: exit 7\"");
	ck_assert_msg(!has_hangul(out), "Korean in the JSON of a scenario:\n%.4000s", out);
	free(out);
}
END_TEST

/* probe: why a part could not be read (a zombie has no memory) and what
 * privilege shows frame numbers, in inspect's text; English in its JSON. */
START_TEST(test_inspect_korean)
{
	char pid_text[24];
	const char *args[] = { "inspect", pid_text, NULL, NULL };
	siginfo_t info;
	int status;
	char *out;
	pid_t zombie = fork();

	ck_assert_int_ge(zombie, 0);
	if (zombie == 0)
		_exit(3);
	/* Exited, not reaped: a zombie while forkscope looks at it. */
	ck_assert_int_eq(waitid(P_PID, (id_t)zombie, &info, WEXITED | WNOWAIT), 0);
	snprintf(pid_text, sizeof pid_text, "%d", (int)zombie);
	out = run_forkscope(KOREAN_LOCALE, true, args, &status);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "exit status %d:\n%.4000s", status, out);
	ck_assert_contains(out, "좀비에는 메모리, FD, 환경이 없다");
	free(out);
	ck_assert_int_eq(waitpid(zombie, &status, 0), zombie);

	snprintf(pid_text, sizeof pid_text, "%d", (int)getpid());
	out = run_forkscope(KOREAN_LOCALE, true, args, &status);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "exit status %d:\n%.4000s", status, out);
	ck_assert_contains(out, "프레임 번호와");
	free(out);
	args[2] = "--json";
	out = run_forkscope(KOREAN_LOCALE, true, args, &status);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "exit status %d:\n%.4000s", status, out);
	ck_assert_contains(out, "frame numbers");
	ck_assert_msg(!has_hangul(out), "Korean in inspect's JSON:\n%.4000s", out);
	free(out);
}
END_TEST

/* JSON is for programs: the same words in every locale. */
START_TEST(test_json_untranslated)
{
	static const char *const args[] = { "--list", "--json", NULL };
	int status;
	char *out = run_forkscope(KOREAN_LOCALE, true, args, &status);

	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "forkscope --list --json failed:\n%.2000s", out);
	ck_assert_contains(out, "\"title\":\"fork: one call, two returns\"");
	ck_assert_msg(!has_hangul(out), "Korean in the JSON catalogue:\n%.2000s", out);
	free(out);
}
END_TEST

/* A forkscope built but not installed, run as a user would (LANG only, no
 * FORKSCOPE_LOCALEDIR): it finds the catalogue the build laid out in the
 * build tree from its own location, and so does the demo helper it starts. */
START_TEST(test_build_tree_catalogue)
{
	static const char *const help[] = { "--help", NULL };
	static const char *const batch[] = { "--batch", "--scenario", "fork", NULL };
	const Run run = { .lang = KOREAN_LOCALE, .term = "xterm", .own_catalogue = true };
	int status;
	char *out = run_forkscope_as(&run, help, &status);

	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "forkscope --help failed:\n%.2000s", out);
	ck_assert_contains(out, "사용법: forkscope [OPTIONS]");
	free(out);
	out = run_forkscope_as(&run, batch, &status);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "exit status %d:\n%.4000s", status, out);
	ck_assert_contains(out, "== 1단계: ");
	/* The demo helper's prose: it found the catalogue too. */
	ck_assert_contains(out, "fork() = 0, 자식에서");
	free(out);
}
END_TEST

/* Without a Korean locale, the same program speaks English. */
START_TEST(test_c_locale_english)
{
	static const char *const args[] = { "--list", NULL };
	int status;
	char *out = run_forkscope("C.UTF-8", false, args, &status);

	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "forkscope --list failed:\n%.2000s", out);
	ck_assert_contains(out, "fork: one call, two returns (3 steps)");
	ck_assert_msg(!has_hangul(out), "Korean in the C locale:\n%.2000s", out);
	free(out);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("i18n");
	TCase *tc = tcase_create("korean");
	SRunner *sr;
	int failed;

#if !(defined ENABLE_NLS && ENABLE_NLS)
	puts("SKIP: forkscope was configured with --disable-nls: it has no translations");
	return 77;
#endif
	if (setlocale(LC_ALL, KOREAN_LOCALE) == NULL) {
		printf("SKIP: the %s locale is not installed, so the C library will not translate;\n"
		       "  generate it with: localedef -i ko_KR -f UTF-8 %s (as root; setup.sh does it)\n",
		       KOREAN_LOCALE, KOREAN_LOCALE);
		return 77;
	}
	setlocale(LC_ALL, "C");
	/* A scenario run under the tracer takes a moment; the default 4 s is
	 * close when make check runs tests side by side. */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_list_korean);
	tcase_add_test(tc, test_help_korean);
	tcase_add_test(tc, test_error_korean);
	tcase_add_test(tc, test_terminal_korean);
	tcase_add_test(tc, test_option_error_korean);
	tcase_add_test(tc, test_batch_scenario_korean);
	tcase_add_test(tc, test_batch_scenario_json_english);
	tcase_add_test(tc, test_inspect_korean);
	tcase_add_test(tc, test_json_untranslated);
	tcase_add_test(tc, test_build_tree_catalogue);
	tcase_add_test(tc, test_c_locale_english);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
