/*
 * Every caption's checkable claims hold at its step, on the kernel's word:
 * each scenario runs through the Runner, and at each step every claim the
 * catalogue lists next to the caption is read from /proc the plainest way
 * (spawn_truth.c), not through forkscope's probe. Then the same step is
 * rendered as a text screenshot by the real program (--stable, so pids are
 * numbered alike): the caption's title must name the step's focus with the
 * same role and pid, and what a claim about the focused process cites (the
 * FD's file, the signal, the variable, the errno...) must be on that screen.
 *
 * A caption whose claim fails fails this test, and so the build.
 * FORKSCOPE_CLAIMS_ONLY="id id..." checks only those scenarios.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scenario/catalog.h"
#include "scenario/step_focus.h"
#include "spawn_truth.h"

static const Scenario *current;
static char failures[8192];
static size_t nfail;

static void note_failure(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void note_failure(const char *fmt, ...)
{
	size_t used = strlen(failures);
	va_list ap;

	nfail++;
	if (used + 2 >= sizeof failures)
		return;
	va_start(ap, fmt);
	vsnprintf(failures + used, sizeof failures - used - 1, fmt, ap);
	va_end(ap);
	strcat(failures, "\n");
}

static int signal_number(const char *name)
{
	if (strncmp(name, "SIGRTMIN+", 9) == 0)
		return SIGRTMIN + atoi(name + 9);
	for (int sig = 1; sig < SIGRTMIN; sig++) {
		const char *abbrev = sigabbrev_np(sig);
		if (abbrev != NULL && strcmp(name + 3, abbrev) == 0)
			return sig;
	}
	return -1;
}

/* Is this smaps line a mapping's header ("start-end perms offset dev inode [name]")? */
static bool smaps_header_line(const char *line, char *name, size_t len)
{
	const char *dash = strchr(line, '-'), *space = strchr(line, ' ');
	char fmt[32];

	if (dash == NULL || space == NULL || dash > space || strchr(line, ':') < space)
		return false;
	name[0] = '\0';
	snprintf(fmt, sizeof fmt, "%%*s %%*s %%*s %%*s %%*s %%%zus", len - 1);
	sscanf(line, fmt, name);
	return true;
}

/* The largest anonymous mapping's field (kB) in smaps, -1 if none. */
static long largest_anon_field(pid_t pid, const char *field)
{
	static char buf[1 << 20];
	long best_rss = -1, best = -1, rss = -1, value = -1;
	size_t flen = strlen(field);
	bool anon = false;
	char *line, *save;

	if (proc_read(pid, "smaps", buf, sizeof buf) <= 0)
		return -1;
	for (line = strtok_r(buf, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		char name[64];
		long kb;

		if (smaps_header_line(line, name, sizeof name)) {
			if (anon && rss > best_rss) {
				best_rss = rss;
				best = value;
			}
			anon = name[0] == '\0';
			rss = value = -1;
			continue;
		}
		if (sscanf(line, "Rss: %ld kB", &kb) == 1)
			rss = kb;
		if (strncmp(line, field, flen) == 0 && line[flen] == ':' &&
		    sscanf(line + flen + 1, "%ld", &kb) == 1)
			value = kb;
	}
	if (anon && rss > best_rss)
		best = value;
	return best;
}

static bool environ_has(pid_t pid, const char *entry, bool name_only)
{
	static char buf[1 << 16];
	ssize_t n = proc_read(pid, "environ", buf, sizeof buf);
	size_t len = strlen(entry);

	for (ssize_t i = 0; i < n; i += (ssize_t)strlen(buf + i) + 1) {
		if (name_only ? strncmp(buf + i, entry, len) == 0 && buf[i + (ssize_t)len] == '='
			      : strcmp(buf + i, entry) == 0)
			return true;
	}
	return false;
}

static bool event_claim(const Session *s, pid_t pid, const char *api, const char *errname)
{
	for (size_t i = 0; i < s->nevents; i++) {
		const Event *ev = &s->events[i];
		if (ev->kind != EV_API || ev->pid != pid || strcmp(ev->api, api) != 0)
			continue;
		if (errname == NULL || errname[0] == '\0')
			return true;
		if ((ev->err > 0 && strerrorname_np(ev->err) != NULL &&
		     strcmp(strerrorname_np(ev->err), errname) == 0) ||
		    (ev->ret > 0 && ev->ret < 4096 && strerrorname_np((int)ev->ret) != NULL &&
		     strcmp(strerrorname_np((int)ev->ret), errname) == 0))
			return true;
	}
	return false;
}

/* A status line's value with its blanks squeezed to single spaces, trimmed. */
static bool status_value(pid_t pid, const char *key, char *out, size_t len)
{
	char raw[512];
	size_t n = 0;

	if (!status_line(pid, key, raw, sizeof raw))
		return false;
	for (const char *c = raw; *c != '\0' && n + 1 < len; c++) {
		if (*c == ' ' || *c == '\t') {
			if (n > 0 && out[n - 1] != ' ')
				out[n++] = ' ';
			continue;
		}
		out[n++] = *c;
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	return true;
}

/* NSpid's numbers: how many, and the last (the pid in its own namespace). */
static int nspid_levels(pid_t pid, long *last)
{
	char line[512], *p, *end;
	int n = 0;

	*last = -1;
	if (!status_line(pid, "NSpid", line, sizeof line))
		return 0;
	for (p = line;; p = end) {
		long v = strtol(p, &end, 10);
		if (end == p)
			break;
		*last = v;
		n++;
	}
	return n;
}

/* stat's tty_nr as ps names the usual ones: "pts/3", "tty1"; "" for 0. */
static void tty_of(pid_t pid, char *buf, size_t len)
{
	long nr = stat_field(pid, 7);
	unsigned major = (unsigned)(nr >> 8) & 0xfffu;
	unsigned minor = ((unsigned)nr & 0xffu) | (((unsigned)nr >> 12) & 0xfff00u);

	if (nr <= 0)
		snprintf(buf, len, "%s", "");
	else if (major >= 136 && major <= 143)
		snprintf(buf, len, "pts/%u", (major - 136) * 256 + minor);
	else if (major == 4)
		snprintf(buf, len, "tty%u", minor);
	else
		snprintf(buf, len, "%u:%u", major, minor);
}

/* Checks one claim at the kernel; false with why when it does not hold. */
static bool claim_holds(const Run *run, const StepClaim *c, pid_t pid, char *why, size_t len)
{
	char buf[512];
	long v;

	why[0] = '\0';
	switch (c->kind) {
	case CLAIM_END:
		return true;
	case CLAIM_FD:
		fd_target(pid, (int)c->num, buf, sizeof buf);
		snprintf(why, len, "fd %ld is '%s'", c->num, buf);
		return buf[0] != '\0' && (c->text == NULL || strstr(buf, c->text) != NULL);
	case CLAIM_NO_FD:
		fd_target(pid, (int)c->num, buf, sizeof buf);
		snprintf(why, len, "fd %ld is '%s'", c->num, buf);
		return buf[0] == '\0';
	case CLAIM_FD_CLOEXEC:
		v = fdinfo_field(pid, (int)c->num, "flags");
		snprintf(why, len, "fd %ld flags %lo", c->num, v);
		return v >= 0 && (v & O_CLOEXEC) != 0;
	case CLAIM_SIG:
	case CLAIM_NO_SIG: {
		uint64_t mask = proc_sigset(pid, c->key);
		int sig = signal_number(c->text);
		if (strcmp(c->key, "SigPnd") == 0)
			mask |= proc_sigset(pid, "ShdPnd");
		snprintf(why, len, "%s is %016llx", c->key, (unsigned long long)mask);
		return sig > 0 && has_signal(mask, sig) == (c->kind == CLAIM_SIG);
	}
	case CLAIM_STATE: {
		char st = wait_state(pid, c->text);
		snprintf(why, len, "state is '%c'", st ? st : '-');
		return st != 0 && strchr(c->text, st) != NULL;
	}
	case CLAIM_GONE:
		snprintf(why, len, "/proc/%d still exists", (int)pid);
		return !proc_exists(pid);
	case CLAIM_EXE:
		proc_link(pid, "exe", buf, sizeof buf);
		snprintf(why, len, "exe is '%s'", buf);
		return strstr(buf, c->text) != NULL;
	case CLAIM_CWD:
		proc_link(pid, "cwd", buf, sizeof buf);
		snprintf(why, len, "cwd is '%s'", buf);
		return strcmp(buf, c->text) == 0;
	case CLAIM_ENV:
		snprintf(why, len, "environ lacks it");
		return environ_has(pid, c->text, false);
	case CLAIM_NO_ENV:
		snprintf(why, len, "environ has it");
		return !environ_has(pid, c->text, true);
	case CLAIM_SMAPS_MIN:
		v = largest_anon_field(pid, c->key);
		snprintf(why, len, "%s of the largest anonymous mapping is %ld kB", c->key, v);
		return v >= c->num;
	case CLAIM_SCHED: {
		long policy = stat_field(pid, 41), prio = stat_field(pid, 40);
		snprintf(why, len, "policy %ld, rt_priority %ld", policy, prio);
		return policy == c->num && (c->text == NULL || prio == atol(c->text));
	}
	case CLAIM_PGID_SELF:
		v = stat_field(pid, 5);
		snprintf(why, len, "pgid %ld", v);
		return v == pid;
	case CLAIM_SID_SELF:
		v = stat_field(pid, 6);
		snprintf(why, len, "sid %ld", v);
		return v == pid;
	case CLAIM_PPID_HELPER:
		v = stat_field(pid, 4);
		snprintf(why, len, "ppid %ld, helper %d", v, (int)run->root);
		return v == run->root;
	case CLAIM_EUID: {
		long ids[3];
		proc_ids(pid, "Uid", ids);
		snprintf(why, len, "euid %ld", ids[1]);
		return ids[1] == c->num;
	}
	case CLAIM_EVENT:
		snprintf(why, len, "no %s report%s%s", c->key, c->text ? " with " : "",
			 c->text ? c->text : "");
		return event_claim(run->session, pid, c->key, c->text);
	case CLAIM_PGID_OF:
	case CLAIM_PPID_OF: {
		pid_t other = role_pid(run->session, c->other, c->other_nth, c->other_sub, run->pid);
		v = stat_field(pid, c->kind == CLAIM_PGID_OF ? 5 : 4);
		snprintf(why, len, "%s %ld, the other process %d",
			 c->kind == CLAIM_PGID_OF ? "pgid" : "ppid", v, (int)other);
		return other > 0 && v == other;
	}
	case CLAIM_PPID_IS:
		v = stat_field(pid, 4);
		snprintf(why, len, "ppid %ld", v);
		return v == c->num;
	case CLAIM_STATUS:
		if (!status_value(pid, c->key, buf, sizeof buf))
			snprintf(buf, sizeof buf, "(no %s line)", c->key);
		snprintf(why, len, "%s: '%s'", c->key, buf);
		return strcmp(buf, c->text) == 0;
	case CLAIM_NSPID: {
		int levels = nspid_levels(pid, &v);
		snprintf(why, len, "NSpid has %d numbers, the last %ld", levels, v);
		return levels >= 2 && v == c->num;
	}
	case CLAIM_TTY:
	case CLAIM_NO_TTY:
		tty_of(pid, buf, sizeof buf);
		snprintf(why, len, "controlling terminal '%s'", buf);
		if (c->kind == CLAIM_NO_TTY)
			return buf[0] == '\0';
		return buf[0] != '\0' && (c->text == NULL || strstr(buf, c->text) != NULL);
	}
	return false;
}

/* What a claim cites that must be on the screen, or NULL. */
static const char *claim_visible_text(const StepClaim *c)
{
	switch (c->kind) {
	case CLAIM_FD:
	case CLAIM_SIG:
	case CLAIM_EXE:
	case CLAIM_ENV:
	case CLAIM_EVENT:
	case CLAIM_TTY:
		return c->text != NULL && c->text[0] != '\0' ? c->text : NULL;
	default:
		return NULL;
	}
}

/* Stable numbering, as the screen's --stable shows it (ui/stable.h): the
 * session's records from 1001 on, in order of first appearance. */
static int stable_pid(const Session *s, pid_t pid)
{
	const ProcRecord *r = Session_find_const(s, pid);

	return r != NULL ? 1001 + (int)(r - s->procs) : 0;
}

typedef struct StepSeen {
	char label[64];      /* the focus's role, English */
	int focus_stable;    /* its stable pid */
	pid_t focus_pid;
} StepSeen;

static StepSeen seen[32];

static void check_step(Run *run)
{
	const ScenarioStep *st;
	pid_t focus;

	if (run->step < 1 || run->step > current->nsteps || run->step > 32)
		return;
	st = &current->steps[run->step - 1];
	focus = role_pid(run->session, st->focus.who, st->focus.nth, st->focus.sub, run->pid);
	if (focus <= 0)
		focus = run->pid;
	snprintf(seen[run->step - 1].label, sizeof seen[0].label, "%s",
		 StepFocus_label(&st->focus, run->session, focus));
	seen[run->step - 1].focus_stable = stable_pid(run->session, focus);
	seen[run->step - 1].focus_pid = focus;
	for (const StepClaim *c = st->claims; c != NULL && c->kind != CLAIM_END; c++) {
		pid_t pid = role_pid(run->session, c->who, c->nth, c->sub, run->pid);
		char why[700];

		if (pid <= 0) {
			note_failure("%s step %d: claim %d names a process this run does not have",
				     current->id, run->step, (int)(c - st->claims));
			continue;
		}
		if (!claim_holds(run, c, pid, why, sizeof why))
			note_failure("%s step %d: claim %d (kind %d, pid %d) fails: %s", current->id,
				     run->step, (int)(c - st->claims), (int)c->kind, (int)pid, why);
	}
}

static const char *const *current_options;
static char **current_command;

/* Renders step k as text with the real program; the screen's text, or NULL. */
static char *screenshot_text(int step)
{
	const char *fs = getenv("FORKSCOPE");
	char path[] = "/tmp/forkscope-claims-XXXXXX.txt";
	char stepbuf[16];
	int fd = mkstemps(path, 4);
	static char text[1 << 16];
	pid_t pid;
	int status;
	ssize_t got;

	ck_assert_msg(fs != NULL, "FORKSCOPE (the built program) must be set");
	ck_assert_int_ge(fd, 0);
	close(fd);
	snprintf(stepbuf, sizeof stepbuf, "%d", step);
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		dup2(null, 1);
		dup2(null, 2);
		setenv("LANG", "C.UTF-8", 1);
		unsetenv("LANGUAGE");
		unsetenv("LC_ALL");
		char *argv[32] = { (char *)fs, "--stable", "--screenshot", path, "--size", "200x60",
				   "--scenario", (char *)current->id, "--step", stepbuf };
		int n = 10;
		for (int i = 0; current_options != NULL && current_options[i] != NULL && n < 20; i++)
			argv[n++] = (char *)current_options[i];
		if (current_command != NULL) {
			argv[n++] = "--";
			for (int i = 0; current_command[i] != NULL && n < 30; i++)
				argv[n++] = current_command[i];
		}
		argv[n] = NULL;
		execv(fs, argv);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	fd = open(path, O_RDONLY);
	got = fd >= 0 ? read(fd, text, sizeof text - 1) : -1;
	if (fd >= 0)
		close(fd);
	unlink(path);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || got <= 0)
		return NULL;
	text[got] = '\0';
	return text;
}

/* Cuts the screen's text before the caption's box ("╭─ Step K of N ..."). */
static void panes_only(char *screen)
{
	char *box = NULL, *p = screen;

	while ((p = strstr(p, "╭─ Step ")) != NULL)
		box = p++;
	if (box != NULL)
		*box = '\0';
}

static void check_screens(void)
{
	for (int k = 1; k <= current->nsteps && k <= 32; k++) {
		const ScenarioStep *st = &current->steps[k - 1];
		char *screen = screenshot_text(k);
		char want[128];

		if (screen == NULL) {
			note_failure("%s step %d: no screenshot", current->id, k);
			continue;
		}
		snprintf(want, sizeof want, "focus: %.60s, pid %d", seen[k - 1].label,
			 seen[k - 1].focus_stable);
		if (strstr(screen, want) == NULL)
			note_failure("%s step %d: the screen does not say '%s'", current->id, k, want);
		/* The evidence must be in the panes: the caption quoting it is
		 * not showing it. The caption's box is the last one drawn. */
		panes_only(screen);
		for (const StepClaim *c = st->claims; c != NULL && c->kind != CLAIM_END; c++) {
			const char *text = claim_visible_text(c);
			if (text == NULL || c->who != st->focus.who || c->nth != st->focus.nth ||
			    c->sub != st->focus.sub)
				continue;
			if (strstr(screen, text) == NULL)
				note_failure("%s step %d: claim %d cites '%s', not on the screen",
					     current->id, k, (int)(c - st->claims), text);
		}
	}
}

static int claim_count(const Scenario *sc, int *steps_without)
{
	int n = 0;

	*steps_without = 0;
	for (int k = 0; k < sc->nsteps; k++) {
		int here = 0;
		for (const StepClaim *c = sc->steps[k].claims; c != NULL && c->kind != CLAIM_END; c++)
			here++;
		n += here;
		*steps_without += here == 0;
	}
	return n;
}

START_TEST(test_claims_hold)
{
	int without;

	current = scenario_at((size_t)_i);
	if (getenv("FORKSCOPE_CLAIMS_ONLY") != NULL &&
	    strstr(getenv("FORKSCOPE_CLAIMS_ONLY"), current->id) == NULL)
		return; /* a developer's run of some scenarios */
	failures[0] = '\0';
	nfail = 0;
	memset(seen, 0, sizeof seen);
	claim_count(current, &without);
	ck_assert_msg(without == 0, "%s: %d step(s) without a checkable claim", current->id, without);
	quick_run_args(current, &current_options, &current_command);
	run_scenario(current->id, current_options, current_command, check_step);
	check_screens();
	ck_assert_msg(nfail == 0, "%zu claim(s) failed:\n%s", nfail, failures);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("claims");
	TCase *tc = tcase_create("kernel");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, test_claims_hold, 0, (int)scenario_count());
	suite_add_tcase(su, tc);
	sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
