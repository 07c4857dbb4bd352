/*
 * Kernel truth for the signal scenarios: sigmask, sigchld and signal-death.
 * Each runs through the helper and the tracer (the Runner); at every step
 * boundary the test reads /proc itself (status's signal sets, stat, the
 * children list, FDs) and the tracer's events in the session: a delivery
 * is a signal-delivery stop (EV_SIGNAL), a death is the exit status the
 * kernel handed the tracer (EV_EXIT). The helper's reports are used only to
 * learn an FD number, never as the evidence.
 */
#include <check.h>
#include <dirent.h>
#include <elf.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scenario/catalog.h"
#include "spawn_truth.h"

/* ---- the session's events ------------------------------------------------ */

/* Deliveries of signo to pid the tracer saw, so far. */
static int deliveries(const Session *s, pid_t pid, int signo)
{
	int n = 0;

	for (size_t i = 0; i < s->nevents; i++)
		n += s->events[i].kind == EV_SIGNAL && s->events[i].pid == pid &&
		     s->events[i].signo == signo;
	return n;
}

/* The wait status the kernel gave the tracer for pid's death. */
static int exit_status(const Session *s, pid_t pid)
{
	const Event *ev = find_event(s, EV_EXIT, pid);

	ck_assert_msg(ev != NULL, "no exit event for %d", (int)pid);
	ck_assert_int_ne(ev->status, -1);
	return ev->status;
}

/* Does a report of api by pid quote text? (What the caption points at.) */
static bool report_quotes(const Session *s, pid_t pid, const char *api, const char *text)
{
	const Event *ev;

	for (int n = 0; (ev = nth_api(s, pid, api, n)) != NULL; n++)
		if (strstr(ev->detail, text) != NULL)
			return true;
	return false;
}

/* ---- /proc --------------------------------------------------------------- */

static uint64_t pending_of(pid_t pid)
{
	return proc_sigset(pid, "SigPnd") | proc_sigset(pid, "ShdPnd");
}

/* How many children the kernel lists for pid (zombies included). */
static int kernel_children(pid_t pid)
{
	char name[64], buf[4096];
	int n = 0;

	snprintf(name, sizeof name, "task/%d/children", (int)pid);
	ck_assert_int_ge(proc_read(pid, name, buf, sizeof buf), 0);
	for (char *tok = strtok(buf, " \n"); tok != NULL; tok = strtok(NULL, " \n"))
		n++;
	return n;
}

/* Minor faults of the children pid has waited for (stat field 11): it
 * grows only when pid itself reaps a child. */
static long cminflt(pid_t pid)
{
	long v = stat_field(pid, 11);

	ck_assert_int_ge(v, 0);
	return v;
}

/* ---- sigmask ------------------------------------------------------------- */

/* The demo's real-time signal. */
#define RT_SIGNAL (SIGRTMIN + 1)

static void verify_sigmask(Run *run)
{
	const Session *s = run->session;
	pid_t child = nth_child(s, run->root, 0);

	if (run->step >= 1 && run->step <= 6) {
		ck_assert_int_gt(child, 0);
		ck_assert_int_eq(stat_field(child, 4), run->root);
	}
	switch (run->step) {
	case 1: /* both blocked and caught, nothing pending */
		ck_assert_int_eq(run->pid, child);
		ck_assert(has_signal(proc_sigset(child, "SigBlk"), SIGUSR1));
		ck_assert(has_signal(proc_sigset(child, "SigBlk"), RT_SIGNAL));
		ck_assert(has_signal(proc_sigset(child, "SigCgt"), SIGUSR1));
		ck_assert(has_signal(proc_sigset(child, "SigCgt"), RT_SIGNAL));
		ck_assert_uint_eq(pending_of(child), 0);
		break;
	case 2: /* sent twice (the helper's two kill reports): one pending bit, no delivery */
		ck_assert_ptr_nonnull(nth_api(s, run->root, "kill", 1));
		ck_assert(has_signal(proc_sigset(child, "ShdPnd"), SIGUSR1));
		ck_assert_uint_eq(pending_of(child), UINT64_C(1) << (SIGUSR1 - 1));
		ck_assert(has_signal(proc_sigset(child, "SigBlk"), SIGUSR1));
		ck_assert_int_eq(deliveries(s, child, SIGUSR1), 0);
		ck_assert_int_eq(wait_state(child, "S"), 'S');
		break;
	case 3: /* unblocked: delivered once for two sends, nothing pending */
		ck_assert_int_eq(deliveries(s, child, SIGUSR1), 1);
		ck_assert(!has_signal(proc_sigset(child, "SigBlk"), SIGUSR1));
		ck_assert(has_signal(proc_sigset(child, "SigBlk"), RT_SIGNAL));
		ck_assert_uint_eq(pending_of(child), 0);
		break;
	case 4: /* two sigqueue: one bit in the mask, nothing delivered yet */
		ck_assert_ptr_nonnull(nth_api(s, run->root, "sigqueue", 1));
		ck_assert_uint_eq(pending_of(child), UINT64_C(1) << (RT_SIGNAL - 1));
		ck_assert_int_eq(deliveries(s, child, RT_SIGNAL), 0);
		break;
	case 5: /* unblocked: each queued send delivered */
		ck_assert_int_eq(deliveries(s, child, RT_SIGNAL), 2);
		ck_assert_int_eq(deliveries(s, child, SIGUSR1), 1);
		ck_assert(!has_signal(proc_sigset(child, "SigBlk"), RT_SIGNAL));
		ck_assert_uint_eq(pending_of(child), 0);
		break;
	case 6: /* ignored: not pending, the child alive; the tracer saw it once */
		ck_assert(has_signal(proc_sigset(child, "SigIgn"), SIGUSR2));
		ck_assert(!has_signal(proc_sigset(child, "SigBlk"), SIGUSR2));
		ck_assert_uint_eq(pending_of(child), 0);
		ck_assert_int_eq(deliveries(s, child, SIGUSR2), 1);
		ck_assert_ptr_null(find_event(s, EV_EXIT, child));
		ck_assert_int_eq(wait_state(child, "S"), 'S');
		break;
	case 7:
		ck_assert(!proc_exists(child));
		ck_assert(WIFEXITED(exit_status(s, child)) && WEXITSTATUS(exit_status(s, child)) == 0);
		break;
	}
}

START_TEST(test_sigmask)
{
	run_scenario("sigmask", NULL, NULL, verify_sigmask);
}
END_TEST

/* ---- sigchld ------------------------------------------------------------- */

enum { ROUND = 5 };

static void assert_round(const Run *run, int first, char state)
{
	for (int i = first; i < first + ROUND; i++) {
		pid_t child = nth_child(run->session, run->root, i);

		ck_assert_msg(child > 0, "child %d was not made", i);
		if (state == 0) {
			ck_assert_msg(!proc_exists(child), "child %d (%d) is still there", i, (int)child);
			ck_assert_ptr_nonnull(find_event(run->session, EV_EXIT, child));
		} else {
			ck_assert_int_eq(wait_state(child, (char[]){ state, 0 }), state);
			ck_assert_int_eq(stat_field(child, 4), run->root);
		}
	}
}

/* saved[0]: SIGCHLD deliveries to the helper at the last step; saved[1]:
 * its cminflt then. */
static void verify_sigchld(Run *run)
{
	const Session *s = run->session;
	pid_t root = run->root;
	int signals = run->step <= 5 ? deliveries(s, root, SIGCHLD) : 0;

	switch (run->step) {
	case 1: /* five waiting children; the handler installed, SIGCHLD blocked */
		assert_round(run, 0, 'S');
		ck_assert(has_signal(proc_sigset(root, "SigCgt"), SIGCHLD));
		ck_assert(has_signal(proc_sigset(root, "SigBlk"), SIGCHLD));
		ck_assert_int_eq(kernel_children(root), ROUND);
		break;
	case 2: /* five zombies, one pending SIGCHLD, none delivered */
		assert_round(run, 0, 'Z');
		ck_assert_int_eq(kernel_children(root), ROUND);
		ck_assert_uint_eq(pending_of(root), UINT64_C(1) << (SIGCHLD - 1));
		ck_assert_int_eq(signals, 0);
		run->saved[1] = (pid_t)cminflt(root);
		break;
	case 3: /* one delivery, all five reaped by the helper itself */
		assert_round(run, 0, 0);
		ck_assert_int_eq(signals, 1);
		ck_assert_uint_eq(pending_of(root), 0);
		ck_assert_int_eq(kernel_children(root), 0);
		ck_assert_int_gt(cminflt(root), run->saved[1]);
		break;
	case 4: /* SIG_IGN: gone without a wait, no signal at all */
		assert_round(run, ROUND, 0);
		ck_assert(has_signal(proc_sigset(root, "SigIgn"), SIGCHLD));
		ck_assert_int_eq(signals, run->saved[0]);
		ck_assert_int_eq(kernel_children(root), 0);
		ck_assert_int_eq(cminflt(root), run->saved[1]);
		break;
	case 5: /* SA_NOCLDWAIT: signals sent, handler caught them, still no wait reaped */
		assert_round(run, 2 * ROUND, 0);
		ck_assert(has_signal(proc_sigset(root, "SigCgt"), SIGCHLD));
		ck_assert(!has_signal(proc_sigset(root, "SigIgn"), SIGCHLD));
		ck_assert_int_gt(signals, run->saved[0]);
		ck_assert_int_le(signals, run->saved[0] + ROUND);
		ck_assert_int_eq(kernel_children(root), 0);
		ck_assert_int_eq(cminflt(root), run->saved[1]);
		break;
	}
	if (run->step == 3)
		run->saved[1] = (pid_t)cminflt(root);
	run->saved[0] = signals;
}

START_TEST(test_sigchld)
{
	run_scenario("sigchld", NULL, NULL, verify_sigchld);
}
END_TEST

/* ---- signal-death -------------------------------------------------------- */

static char core_pattern[256];

static bool pattern_is_file(void)
{
	return core_pattern[0] != '|';
}

static void read_core_pattern(void)
{
	int fd = open("/proc/sys/kernel/core_pattern", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	ck_assert_int_ge(fd, 0);
	n = read(fd, core_pattern, sizeof core_pattern - 1);
	close(fd);
	core_pattern[n > 0 ? n : 0] = '\0';
}

static void assert_killed_by(const Session *s, pid_t pid, int signo, bool core)
{
	int status = exit_status(s, pid);

	ck_assert_msg(WIFSIGNALED(status), "%d: status 0x%x", (int)pid, (unsigned)status);
	ck_assert_int_eq(WTERMSIG(status), signo);
	ck_assert_int_eq(WCOREDUMP(status) != 0, core);
	ck_assert(!proc_exists(pid));
}

/* Opens the core's directory through the helper's FD (its number from the
 * helper's open report) and checks it holds one ELF core, on a tmpfs that
 * is not mounted in this process's namespace. Returns a directory FD of
 * the test's own, or -1 when the pattern sends cores elsewhere. */
static int check_core(const Run *run, pid_t crashed)
{
	const Event *open_report = nth_api(run->session, run->root, "open", 0);
	char path[64], mountinfo[1 << 16];
	struct statfs fs;
	struct stat st;
	struct dirent *e;
	Elf64_Ehdr hdr;
	int dir, fd, cores = 0;
	DIR *d;

	if (!pattern_is_file() || strchr(core_pattern, '/') != NULL)
		return -1; /* a pipe, or a path this check does not follow */
	ck_assert_ptr_nonnull(open_report);
	ck_assert_int_ge(open_report->ret, 0);
	snprintf(path, sizeof path, "/proc/%d/fd/%lld", (int)run->root, open_report->ret);
	dir = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ck_assert_msg(dir >= 0, "the helper's FD %lld is not a directory", open_report->ret);
	ck_assert_int_eq(fstatfs(dir, &fs), 0);
	if (fs.f_type == TMPFS_MAGIC) {
		/* Private: no tmpfs of that name in our mount table. */
		ck_assert_int_gt(proc_read(getpid(), "mountinfo", mountinfo, sizeof mountinfo), 0);
		ck_assert_ptr_null(strstr(mountinfo, "forkscope-core"));
	}
	ck_assert_ptr_nonnull(d = fdopendir(dup(dir)));
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		ck_assert_int_eq(fstatat(dir, e->d_name, &st, 0), 0);
		ck_assert_int_ge(fd = openat(dir, e->d_name, O_RDONLY | O_CLOEXEC), 0);
		ck_assert_int_eq(read(fd, &hdr, sizeof hdr), (ssize_t)sizeof hdr);
		close(fd);
		ck_assert_int_eq(memcmp(hdr.e_ident, ELFMAG, SELFMAG), 0);
		ck_assert_int_eq(hdr.e_type, ET_CORE);
		ck_assert_int_gt(st.st_size, 4096);
		/* The plain pattern gives "core", or "core.PID" with core_uses_pid. */
		if (strcmp(core_pattern, "core\n") == 0 && strcmp(e->d_name, "core") != 0) {
			snprintf(path, sizeof path, "core.%d", (int)crashed);
			ck_assert_str_eq(e->d_name, path);
		}
		cores++;
	}
	closedir(d);
	ck_assert_int_eq(cores, 1);
	return dir;
}

static void assert_no_core_left(int dir)
{
	struct dirent *e;
	DIR *d;

	ck_assert_ptr_nonnull(d = fdopendir(dir));
	rewinddir(d);
	while ((e = readdir(d)) != NULL)
		ck_assert_msg(e->d_name[0] == '.', "%s was left in the core's directory", e->d_name);
	closedir(d);
}

/* saved[0]: the test's FD on the core's directory (-1 none). */
static void verify_signal_death(Run *run)
{
	const Session *s = run->session;
	pid_t victim = run->step >= 1 && run->step <= 5 ? nth_child(s, run->root, run->step - 1) : 0;
	pid_t inner;
	char link[256];
	int status;

	switch (run->step) {
	case 1: /* SIGTERM: a delivery stop, then the death */
		ck_assert_int_eq(deliveries(s, victim, SIGTERM), 1);
		assert_killed_by(s, victim, SIGTERM, false);
		break;
	case 2: /* SIGKILL: no delivery stop, even for a tracer */
		ck_assert_int_eq(deliveries(s, victim, SIGKILL), 0);
		assert_killed_by(s, victim, SIGKILL, false);
		break;
	case 3: /* SIGSEGV with a core, where the helper's FD points */
		read_core_pattern();
		ck_assert_int_eq(deliveries(s, victim, SIGSEGV), 1);
		assert_killed_by(s, victim, SIGSEGV, pattern_is_file() ? true
					     : WCOREDUMP(exit_status(s, victim)) != 0);
		run->saved[0] = check_core(run, victim);
		break;
	case 4: /* SIGABRT with RLIMIT_CORE 0; the core gone, the helper's FD closed */
		ck_assert_int_eq(deliveries(s, victim, SIGABRT), 1);
		assert_killed_by(s, victim, SIGABRT, pattern_is_file() ? false
					     : WCOREDUMP(exit_status(s, victim)) != 0);
		if (run->saved[0] >= 0) {
			const Event *open_report = nth_api(s, run->root, "open", 0);
			char name[32];

			snprintf(name, sizeof name, "fd/%lld", open_report->ret);
			proc_link(run->root, name, link, sizeof link);
			ck_assert_msg(link[0] == '\0', "the helper still holds FD %lld: %s",
				      open_report->ret, link);
			assert_no_core_left(run->saved[0]); /* closes it */
			run->saved[0] = -1;
		}
		break;
	case 5: /* the inner shell killed by SIGTERM, the outer one exited 128 + 15 */
		ck_assert_ptr_nonnull(find_event(s, EV_EXEC, victim));
		inner = nth_child(s, victim, 0);
		ck_assert_int_gt(inner, 0);
		assert_killed_by(s, inner, SIGTERM, false);
		status = exit_status(s, victim);
		ck_assert(WIFEXITED(status));
		ck_assert_int_eq(WEXITSTATUS(status), 128 + SIGTERM);
		ck_assert(!proc_exists(victim));
		ck_assert(report_quotes(s, run->root, "read", "sh: $? = 143"));
		break;
	}
}

START_TEST(test_signal_death)
{
	run_scenario("signal-death", NULL, NULL, verify_signal_death);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("scenarios_signals");
	TCase *tc = tcase_create("kernel");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_sigmask);
	tcase_add_test(tc, test_sigchld);
	tcase_add_test(tc, test_signal_death);
	suite_add_tcase(su, tc);
	sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
