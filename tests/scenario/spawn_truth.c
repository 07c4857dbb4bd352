/*
 * Kernel truth for the spawn scenarios' tests (see spawn_truth.h): /proc
 * read the plainest way, the session's events, and the loop that runs a
 * scenario through the Runner and checks every step boundary.
 */
#include "spawn_truth.h"

#include <check.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "scenario/catalog.h"

/* ---- /proc, read directly ---------------------------------------------- */

/* Reads /proc/PID/NAME whole (NUL-terminated); its length, or -1. */
ssize_t proc_read(pid_t pid, const char *name, char *buf, size_t len)
{
	char path[64];
	ssize_t n, total = 0;
	int fd;

	snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, name);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	while ((size_t)total < len - 1 && (n = read(fd, buf + total, len - 1 - (size_t)total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	return total;
}

bool proc_exists(pid_t pid)
{
	char path[32];

	snprintf(path, sizeof path, "/proc/%d", (int)pid);
	return access(path, F_OK) == 0;
}

/* Field n of /proc/PID/stat as numbered in proc(5) (4 = ppid, 5 = pgrp,
 * 6 = session, 40 = rt_priority, 41 = policy), counted after the command
 * name, which may hold spaces and ')'. -1 when unreadable. */
long stat_field(pid_t pid, int n)
{
	char buf[1024], *p;
	long v = -1;

	if (proc_read(pid, "stat", buf, sizeof buf) <= 0 || (p = strrchr(buf, ')')) == NULL)
		return -1;
	p += 2; /* field 3, the state */
	for (int field = 3; field < n && p != NULL; field++)
		if ((p = strchr(p, ' ')) != NULL)
			p++;
	if (p != NULL)
		sscanf(p, "%ld", &v);
	return v;
}

char proc_state(pid_t pid)
{
	char buf[1024];
	const char *p;

	if (proc_read(pid, "stat", buf, sizeof buf) <= 0 || (p = strrchr(buf, ')')) == NULL)
		return 0;
	return p[2];
}

char wait_state(pid_t pid, const char *states)
{
	uint64_t until = clock_now_us() + 30000000u;
	char state = proc_state(pid);

	while (state != 0 && strchr(states, state) == NULL && clock_now_us() < until) {
		nanosleep(&(struct timespec){ .tv_nsec = 1000000 }, NULL);
		state = proc_state(pid);
	}
	return state;
}

/* A line of /proc/PID/status ("SigBlk", "Uid"...): the text after "Key:". */
bool status_line(pid_t pid, const char *key, char *out, size_t len)
{
	char buf[4096], want[32];
	const char *at, *end;

	snprintf(want, sizeof want, "\n%s:", key);
	if (proc_read(pid, "status", buf, sizeof buf) <= 0 || (at = strstr(buf, want)) == NULL)
		return false;
	at += strlen(want);
	end = strchr(at, '\n');
	snprintf(out, len, "%.*s", (int)(end ? end - at : (long)strlen(at)), at);
	return true;
}

uint64_t proc_sigset(pid_t pid, const char *field)
{
	char line[128];
	uint64_t mask = 0;

	ck_assert_msg(status_line(pid, field, line, sizeof line), "no %s for %d", field, (int)pid);
	sscanf(line, "%" SCNx64, &mask);
	return mask;
}

bool has_signal(uint64_t mask, int signo)
{
	return (mask >> (signo - 1)) & 1u;
}

/* Real, effective, saved ids from the Uid: or Gid: line. */
void proc_ids(pid_t pid, const char *key, long ids[3])
{
	char line[128];

	ck_assert(status_line(pid, key, line, sizeof line));
	ck_assert_int_eq(sscanf(line, "%ld %ld %ld", &ids[0], &ids[1], &ids[2]), 3);
}

void proc_link(pid_t pid, const char *name, char *buf, size_t len)
{
	char path[64];
	ssize_t n;

	snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, name);
	n = readlink(path, buf, len - 1);
	buf[n > 0 ? n : 0] = '\0';
}

void fd_target(pid_t pid, int fd, char *buf, size_t len)
{
	char name[32];

	snprintf(name, sizeof name, "fd/%d", fd);
	proc_link(pid, name, buf, len);
}

/* The FDs of pid below 64 as a bit set; *highest gets its highest FD. */
uint64_t fd_set_of(pid_t pid, int *highest)
{
	char link[4096];
	uint64_t set = 0;

	*highest = -1;
	for (int fd = 0; fd < 1024; fd++) {
		fd_target(pid, fd, link, sizeof link);
		if (link[0] == '\0')
			continue;
		*highest = fd;
		if (fd < 64)
			set |= 1ull << fd;
	}
	return set;
}

/* The lowest FD of pid, from `from` up, whose link contains text; or -1. */
int fd_containing(pid_t pid, int from, const char *text)
{
	char link[4096];

	for (int fd = from; fd < 1024; fd++) {
		fd_target(pid, fd, link, sizeof link);
		if (link[0] != '\0' && strstr(link, text) != NULL)
			return fd;
	}
	return -1;
}

int count_fds_with_target(pid_t pid, const char *target)
{
	char link[4096];
	int n = 0;

	for (int fd = 0; fd < 1024; fd++) {
		fd_target(pid, fd, link, sizeof link);
		n += strcmp(link, target) == 0;
	}
	return n;
}

/* fdinfo/FD: the text after "key:" as a number (flags octal, else decimal). */
long fdinfo_field(pid_t pid, int fd, const char *key)
{
	char name[32], buf[1024], want[32];
	const char *at;
	long v = LONG_MIN;

	snprintf(name, sizeof name, "fdinfo/%d", fd);
	snprintf(want, sizeof want, "%s:", key);
	ck_assert_int_gt(proc_read(pid, name, buf, sizeof buf), 0);
	if ((at = strstr(buf, want)) != NULL)
		sscanf(at + strlen(want), strcmp(key, "flags") == 0 ? "%lo" : "%ld", &v);
	return v;
}

/* A kB field of the smaps entry of the first mapping whose line contains
 * name; -1 when there is no such mapping. */
long smaps_kb(pid_t pid, const char *name, const char *field)
{
	static char buf[1 << 20];
	char key[32];
	const char *at, *end;
	long kb = -1;

	ck_assert_int_gt(proc_read(pid, "smaps", buf, sizeof buf), 0);
	if ((at = strstr(buf, name)) == NULL)
		return -1;
	snprintf(key, sizeof key, "\n%s:", field);
	if ((end = strstr(at, key)) != NULL)
		sscanf(end + strlen(key), "%ld", &kb);
	return kb;
}

/* Is this smaps line a mapping's header? Then *anon says if it has no name. */
static bool smaps_header(const char *line, bool *anon)
{
	unsigned long start, end, inode;
	char perms[8];
	int pos = 0;

	if (sscanf(line, "%lx-%lx %7s %*x %*x:%*x %lu %n", &start, &end, perms, &inode, &pos) < 4 || pos == 0)
		return false;
	*anon = line[pos] == '\0';
	return true;
}

/* The largest anonymous mapping of pid (by Rss): its Rss, Pss, Private_Dirty. */
void largest_anon(pid_t pid, long *rss, long *pss, long *private_dirty)
{
	static char buf[1 << 20];
	char *line, *save = NULL;
	bool anon = false, header_anon;
	long cur_rss = 0, cur_pss = 0, v;

	*rss = *pss = *private_dirty = 0;
	ck_assert_int_gt(proc_read(pid, "smaps", buf, sizeof buf), 0);
	for (line = strtok_r(buf, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		if (smaps_header(line, &header_anon)) {
			anon = header_anon;
			continue;
		}
		if (!anon)
			continue;
		if (sscanf(line, "Rss: %ld", &v) == 1)
			cur_rss = v;
		else if (sscanf(line, "Pss: %ld", &v) == 1)
			cur_pss = v;
		else if (sscanf(line, "Private_Dirty: %ld", &v) == 1 && cur_rss > *rss) {
			*rss = cur_rss;
			*pss = cur_pss;
			*private_dirty = v;
		}
	}
}

/* ---- the session's events (the tracer's word, and the helper's) -------- */

/* The n-th (0-based) process the kernel says parent created. */
pid_t nth_child(const Session *s, pid_t parent, int n)
{
	for (size_t i = 0; i < s->nevents; i++) {
		const Event *ev = &s->events[i];
		if ((ev->kind == EV_FORK || ev->kind == EV_VFORK || ev->kind == EV_CLONE) &&
		    ev->ppid == parent && n-- == 0)
			return ev->pid;
	}
	return 0;
}

int count_children(const Session *s, pid_t parent, EventKind kind)
{
	int n = 0;

	for (size_t i = 0; i < s->nevents; i++)
		n += s->events[i].kind == kind && s->events[i].ppid == parent;
	return n;
}

const Event *find_event(const Session *s, EventKind kind, pid_t pid)
{
	for (size_t i = 0; i < s->nevents; i++)
		if (s->events[i].kind == kind && s->events[i].pid == pid)
			return &s->events[i];
	return NULL;
}

/* The n-th (0-based) report of api made by pid. */
const Event *nth_api(const Session *s, pid_t pid, const char *api, int n)
{
	for (size_t i = 0; i < s->nevents; i++)
		if (s->events[i].kind == EV_API && s->events[i].pid == pid &&
		    strcmp(s->events[i].api, api) == 0 && n-- == 0)
			return &s->events[i];
	return NULL;
}

/* The n-th (0-based) NOTE whose text starts with prefix. */
const char *nth_note(const Session *s, const char *prefix, int n)
{
	for (size_t i = 0; i < s->nevents; i++)
		if (s->events[i].kind == EV_NOTE && strncmp(s->events[i].detail, prefix, strlen(prefix)) == 0 &&
		    n-- == 0)
			return s->events[i].detail;
	return NULL;
}

/* The kernel's account of a child that never ran its program: created, no
 * exec, exited with 127, and already reaped (gone from /proc). */
void assert_failed_before_exec(const Session *s, pid_t child)
{
	const Event *exit_ev;

	ck_assert_int_gt(child, 0);
	ck_assert_ptr_null(find_event(s, EV_EXEC, child));
	ck_assert_ptr_nonnull(exit_ev = find_event(s, EV_EXIT, child));
	ck_assert(WIFEXITED(exit_ev->status) && WEXITSTATUS(exit_ev->status) == 127);
	ck_assert(!proc_exists(child));
}

/* ---- running a scenario ------------------------------------------------ */


/* Runs scenario id with options (NULL-terminated "name=value" list, may be
 * NULL) and command (custom), calling check at every boundary and once more
 * when the demo is over; asserts that every step came in order, and that
 * the helper exited 0. */
void run_scenario(const char *id, const char *const *options, char **command, StepCheck check)
{
	const Scenario *sc = scenario_find(id);
	uint64_t deadline = clock_now_us() + 100000000u;
	ScenarioArgs args;
	Run run = { 0 };
	char err[256];
	int status;

	ck_assert_msg(sc != NULL, "scenario %s is not in the catalogue", id);
	ScenarioArgs_init(&args, sc);
	for (int i = 0; options != NULL && options[i] != NULL; i++)
		ck_assert_msg(ScenarioArgs_set(&args, options[i], err, sizeof err) == 0, "%s", err);
	args.command = command;
	run.session = Session_new(0, 3600000000u);
	run.runner = Runner_start(&args, run.session, err, sizeof err);
	ck_assert_msg(run.runner != NULL, "%s", err);
	Runner_set_step_mode(run.runner, true);
	run.root = Runner_root(run.runner);
	for (;;) {
		RunnerState state = Runner_pump(run.runner, 200);

		if (state == RUNNER_FINISHED)
			break;
		ck_assert_msg(clock_now_us() < deadline, "%s: stuck after step %d", id, run.step);
		if (state != RUNNER_AT_STEP)
			continue;
		ck_assert_int_eq(Runner_step(run.runner), run.step + 1);
		run.step = Runner_step(run.runner);
		run.pid = Runner_step_pid(run.runner);
		ck_assert_int_gt(run.pid, 0);
		check(&run);
		Runner_go(run.runner);
	}
	ck_assert_int_eq(run.step, sc->nsteps);
	run.step = sc->nsteps + 1;
	run.pid = 0;
	check(&run);
	status = Runner_exit_status(run.runner);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: helper status 0x%x", id,
		      (unsigned)status);
	Runner_delete(run.runner);
	Session_delete(run.session);
}

void quick_run_args(const Scenario *sc, const char *const **options, char ***command)
{
	static const char *const small_cost[] = { "max_mib=16", "reps=3", NULL };
	static const char *const small_scale[] = { "workers=4", "units=64", "unit_kiter=1", NULL };
	static char *shell[] = { "/bin/sh", "-c", "/bin/true; exit 0", NULL };

	*options = strcmp(sc->id, "spawn-cost") == 0 ? small_cost
		 : strcmp(sc->id, "scale") == 0 ? small_scale : NULL;
	*command = sc->takes_command ? shell : NULL;
}

void assert_all_gone(const Run *run, int n)
{
	for (int i = 0; i < n; i++)
		if (run->saved[i] > 0)
			ck_assert_msg(!proc_exists(run->saved[i]), "%d outlived the scenario", (int)run->saved[i]);
}
