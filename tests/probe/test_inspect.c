/*
 * `forkscope inspect PID` on real processes: the text has its sections and
 * the known state of a subject; the JSON parses (json-c), has the stable
 * keys, and shows unreadable parts as {"state": ..., "reason": ...} with no
 * numbers; a pid that does not exist gives 1 and a message.
 */
#include <check.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "print/inspect.h"
#include "subject.h"

#define PLAIN_FILE FIXTURES_DIR "/probe/stat-zombie.txt"

/* inspect_print into a string; *ret gets its return value. Owned result. */
static char *inspect_text(pid_t pid, bool json, int *ret)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(out);
	*ret = inspect_print(out, pid, json, false);
	fclose(out);
	return buf;
}

static json_object *get(json_object *obj, const char *path)
{
	char key[64];
	const char *dot;
	json_object *v = obj;

	while (path != NULL && v != NULL) {
		dot = strchr(path, '.');
		snprintf(key, sizeof key, "%.*s", dot ? (int)(dot - path) : (int)strlen(path), path);
		if (!json_object_object_get_ex(v, key, &v))
			return NULL;
		path = dot ? dot + 1 : NULL;
	}
	return v;
}

static const char *get_str(json_object *obj, const char *path)
{
	json_object *v = get(obj, path);

	ck_assert_msg(v != NULL, "no key %s", path);
	return json_object_get_string(v);
}

START_TEST(text_sections)
{
	Subject s;
	char *text;
	int ret;

	ck_assert_int_eq(Subject_start(&s, SUBJECT_FDS | SUBJECT_SIGNALS | SUBJECT_MEMORY, 4,
	                               PLAIN_FILE), 0);
	text = inspect_text(s.pid, false, &ret);
	ck_assert_int_eq(ret, 0);
	ck_assert(strstr(text, "Identity and tree") != NULL);
	ck_assert(strstr(text, "IDs") != NULL);
	ck_assert(strstr(text, "Scheduling") != NULL);
	ck_assert(strstr(text, "SIGUSR1") != NULL);
	ck_assert(strstr(text, "SIGRTMIN+2") != NULL);
	ck_assert(strstr(text, "Shared_Dirty") != NULL);
	ck_assert(strstr(text, "Private_Dirty") != NULL);
	ck_assert(strstr(text, "/dev/null") != NULL);
	ck_assert(strstr(text, "CLOEXEC") != NULL);
	ck_assert(strstr(text, "APPEND") != NULL);
	ck_assert(strstr(text, "NONBLOCK") != NULL);
	ck_assert(strstr(text, "anon:eventfd") != NULL);
	ck_assert(strstr(text, "1024/1024") != NULL || sysconf(_SC_PAGESIZE) != 4096);
	free(text);
	Subject_stop(&s);
}
END_TEST

static json_object *find_fd(json_object *items, int fd)
{
	size_t i;

	for (i = 0; i < json_object_array_length(items); i++) {
		json_object *it = json_object_array_get_idx(items, i);
		if (json_object_get_int(get(it, "fd")) == fd)
			return it;
	}
	return NULL;
}

START_TEST(json_keys_and_values)
{
	Subject s;
	json_object *root, *items, *fd, *names, *region = NULL;
	char *text, hexaddr[32];
	size_t i;
	int ret;
	bool usr1 = false;

	ck_assert_int_eq(Subject_start(&s, SUBJECT_FDS | SUBJECT_SIGNALS | SUBJECT_MEMORY, 4,
	                               PLAIN_FILE), 0);
	text = inspect_text(s.pid, true, &ret);
	ck_assert_int_eq(ret, 0);
	root = json_tokener_parse(text);
	ck_assert_ptr_nonnull(root);
	ck_assert_int_eq(json_object_get_int(get(root, "pid")), s.pid);
	ck_assert_str_eq(get_str(root, "state"), "ok");
	ck_assert_str_eq(get_str(root, "identity.state"), "ok");
	ck_assert_int_eq(json_object_get_int(get(root, "identity.ppid")), getpid());
	ck_assert_str_eq(get_str(root, "identity.exe.state"), "ok");
	ck_assert(get(root, "identity.uid.effective") != NULL);
	ck_assert_str_eq(get_str(root, "identity.scheduling.policy"), "SCHED_OTHER");
	ck_assert_str_eq(get_str(root, "signals.state"), "ok");
	names = get(root, "signals.blocked.names");
	for (i = 0; i < json_object_array_length(names); i++)
		usr1 |= strcmp(json_object_get_string(json_object_array_get_idx(names, i)), "SIGUSR1") == 0;
	ck_assert(usr1);
	ck_assert_str_eq(get_str(root, "memory_totals.state"), "ok");
	ck_assert(get(root, "memory_totals.private_dirty_kb") != NULL);

	items = get(root, "mappings.items");
	ck_assert_ptr_nonnull(items);
	snprintf(hexaddr, sizeof hexaddr, "0x%lx", s.ready.region);
	for (i = 0; i < json_object_array_length(items); i++) {
		json_object *m = json_object_array_get_idx(items, i);
		if (strcmp(get_str(m, "start"), hexaddr) == 0)
			region = m;
	}
	ck_assert_ptr_nonnull(region);
	ck_assert_int_eq(json_object_get_int64(get(region, "private_dirty_kb")), 4096);
	ck_assert_str_eq(get_str(region, "pages.state"), "ok");
	ck_assert_int_eq(json_object_get_int64(get(region, "pages.exclusive")),
	                 (4 << 20) / sysconf(_SC_PAGESIZE));

	items = get(root, "fds.items");
	fd = find_fd(items, s.ready.fd_cloexec);
	ck_assert_ptr_nonnull(fd);
	ck_assert(json_object_get_boolean(get(fd, "fdinfo.cloexec")));
	ck_assert_str_eq(get_str(fd, "fdinfo.access"), "r");
	ck_assert_str_eq(get_str(fd, "type"), "char");
	fd = find_fd(items, s.ready.fd_plain);
	ck_assert_int_eq(json_object_get_int64(get(fd, "fdinfo.offset")), 10);
	ck_assert(get(fd, "file_identity.ino") != NULL);
	fd = find_fd(items, s.ready.fd_eventfd);
	ck_assert_str_eq(get_str(fd, "anon_kind"), "eventfd");
	json_object_put(root);
	free(text);
	Subject_stop(&s);
}
END_TEST

START_TEST(json_absent_is_not_zero)
{
	json_object *root;
	siginfo_t si;
	char *text;
	int ret;
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	ck_assert_int_eq(waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT), 0);
	text = inspect_text(pid, true, &ret); /* a zombie */
	ck_assert_int_eq(ret, 0);
	root = json_tokener_parse(text);
	ck_assert_ptr_nonnull(root);
	ck_assert_str_eq(get_str(root, "identity.task_state"), "Z");
	ck_assert_str_eq(get_str(root, "memory_totals.state"), "absent");
	ck_assert(get(root, "memory_totals.reason") != NULL);
	ck_assert(get(root, "memory_totals.rss_kb") == NULL);
	ck_assert_str_eq(get_str(root, "mappings.state"), "absent");
	ck_assert(get(root, "mappings.items") == NULL);
	ck_assert_str_eq(get_str(root, "fds.state"), "absent");
	json_object_put(root);
	free(text);
	waitpid(pid, NULL, 0);
}
END_TEST

/* As an unprivileged user, inspect a root process: denied parts say so. */
START_TEST(json_denied_has_reason)
{
	pid_t target = getpid(), child;
	int status;

	if (geteuid() != 0)
		return; /* needs root to become someone else */
	child = fork();
	if (child == 0) {
		char *buf = NULL;
		size_t len = 0;
		FILE *out = open_memstream(&buf, &len);
		json_object *root, *v;

		if (setresgid(65534, 65534, 65534) < 0 || setresuid(65534, 65534, 65534) < 0)
			_exit(2);
		if (inspect_print(out, target, true, false) != 0)
			_exit(3);
		fclose(out);
		if ((root = json_tokener_parse(buf)) == NULL)
			_exit(4);
		if (strcmp(json_object_get_string(get(root, "memory_totals.state")), "denied") != 0)
			_exit(5);
		if ((v = get(root, "memory_totals.reason")) == NULL ||
		    strstr(json_object_get_string(v), "root") == NULL)
			_exit(6);
		if (get(root, "memory_totals.rss_kb") != NULL)
			_exit(7);
		if (strcmp(json_object_get_string(get(root, "fds.state")), "denied") != 0)
			_exit(8);
		if (strcmp(json_object_get_string(get(root, "identity.exe.state")), "denied") != 0)
			_exit(9);
		_exit(0);
	}
	ck_assert_int_gt(child, 0);
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	ck_assert(WIFEXITED(status));
	ck_assert_msg(WEXITSTATUS(status) == 0, "denied JSON check %d failed", WEXITSTATUS(status));
}
END_TEST

/* A name that is not UTF-8 still gives valid JSON. */
START_TEST(json_survives_bad_utf8)
{
	int hold[2], ready[2], ret;
	json_object *root;
	char *text, c;
	pid_t pid;

	ck_assert_int_eq(pipe(hold), 0);
	ck_assert_int_eq(pipe(ready), 0);
	pid = fork();
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		prctl(PR_SET_NAME, "bad\xffname\x1b", 0, 0, 0);
		close(hold[1]);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		while (read(hold[0], &c, 1) > 0)
			;
		_exit(0);
	}
	close(hold[0]);
	ck_assert_int_eq(read(ready[0], &c, 1), 1);
	text = inspect_text(pid, true, &ret);
	ck_assert_int_eq(ret, 0);
	root = json_tokener_parse(text);
	ck_assert_ptr_nonnull(root);
	ck_assert_str_eq(get_str(root, "identity.comm"), "bad?name?");
	json_object_put(root);
	free(text);
	close(hold[1]);
	ck_assert_int_eq(waitpid(pid, NULL, 0), pid);
	close(ready[0]);
	close(ready[1]);
}
END_TEST

START_TEST(no_such_process)
{
	int ret;
	char *text;
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	ck_assert_int_eq(waitpid(pid, NULL, 0), pid);
	text = inspect_text(pid, false, &ret);
	ck_assert_int_eq(ret, 1);
	ck_assert_str_eq(text, "");
	free(text);
	text = inspect_text(-5, true, &ret);
	ck_assert_int_eq(ret, 1);
	free(text);
}
END_TEST

static Suite *inspect_suite(void)
{
	Suite *s = suite_create("inspect");
	TCase *tc = tcase_create("inspect");

	tcase_add_test(tc, text_sections);
	tcase_add_test(tc, json_keys_and_values);
	tcase_add_test(tc, json_absent_is_not_zero);
	tcase_add_test(tc, json_denied_has_reason);
	tcase_add_test(tc, json_survives_bad_utf8);
	tcase_add_test(tc, no_such_process);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(inspect_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
