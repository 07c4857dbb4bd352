/*
 * The demo helper's report writer and step gate. Every report is one line
 * written with a single write(2), so lines from parent and children never
 * interleave. Without FORKSCOPE_REPORT_FD the reports go to stderr and steps
 * do not wait: the helper then runs alone, for a quick look by hand.
 */
#include "scenario/demo/demo.h"
#include "base/clock.h"
#include "scenario/protocol.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int report_fd = -2;  /* -2: not looked up yet */
static int control_fd = -1;

static int env_fd(const char *name)
{
	const char *v = getenv(name);
	char *end;
	long fd;

	if (v == NULL || *v == '\0')
		return -1;
	fd = strtol(v, &end, 10);
	if (*end != '\0' || fd < 0 || fd > 1024 || fcntl((int)fd, F_GETFD) < 0)
		return -1;
	return (int)fd;
}



int demo_report_fd(void)
{
	if (report_fd == -2) {
		report_fd = env_fd("FORKSCOPE_REPORT_FD");
		control_fd = report_fd >= 0 ? env_fd("FORKSCOPE_CONTROL_FD") : -1;
	}
	return report_fd;
}

int demo_control_fd(void)
{
	demo_report_fd();
	return control_fd;
}

void demo_close_protocol(void)
{
	if (demo_report_fd() >= 0)
		close(report_fd);
	if (control_fd >= 0)
		close(control_fd);
	report_fd = -1;
	control_fd = -1;
}

/*
 * The pid forkscope knows this process by. Inside a child pid namespace
 * getpid() is the number there (1 for the namespace's init), but the
 * /proc the helper sees was mounted in forkscope's namespace, and its
 * "self" link names the process by forkscope's number. Read once per
 * process (and thread: a fork copies the cache, and getpid() then tells).
 */
static pid_t self_pid(void)
{
	static __thread pid_t cached_for, cached;
	pid_t now = getpid();
	char link[32];
	ssize_t n;

	if (now == cached_for)
		return cached;
	cached_for = cached = now;
	n = readlink("/proc/self", link, sizeof link - 1);
	if (n > 0) {
		link[n] = '\0';
		cached = (pid_t)strtol(link, NULL, 10);
		if (cached <= 0)
			cached = now;
	}
	return cached;
}

static void send_report(const Report *r)
{
	char line[PROTOCOL_MAX_LINE + 64];
	size_t len = report_format(r, line, sizeof line);
	int fd = demo_report_fd();
	ssize_t n;

	do
		n = write(fd >= 0 ? fd : STDERR_FILENO, line, len);
	while (n < 0 && errno == EINTR);
}

static void wait_go(void)
{
	char c;
	ssize_t n;
	int fd = demo_control_fd();

	if (fd < 0)
		return;
	do
		n = read(fd, &c, 1);
	while (n < 0 && errno == EINTR);
	if (n <= 0)
		_exit(111); /* forkscope went away: end the demo, do not run unsupervised */
}

void demo_step(int n)
{
	Report r = { .kind = REPORT_STEP, .t_us = clock_now_us(), .pid = self_pid(), .step = n };
	send_report(&r);
	wait_go();
}

void demo_hold(int n, const char *event)
{
	Report r = { .kind = REPORT_HOLD, .t_us = clock_now_us(), .pid = self_pid(), .step = n };
	snprintf(r.text, sizeof r.text, "%s", event);
	send_report(&r);
	/* Wait until forkscope has armed the tracer: otherwise the exec could
	 * reach the tracer before the report reaches the runner. */
	wait_go();
}

void demo_api(const char *api, long long ret, int err, pid_t child, const char *fmt, ...)
{
	/* Stamped first: the call has just returned, the formatting is ours. */
	Report r = { .kind = REPORT_API, .t_us = clock_now_us(), .pid = self_pid(), .ret = ret,
		     .err = err, .child = child };
	va_list ap;

	snprintf(r.api, sizeof r.api, "%s", api);
	va_start(ap, fmt);
	vsnprintf(r.text, sizeof r.text, fmt, ap);
	va_end(ap);
	send_report(&r);
}

void demo_note(const char *fmt, ...)
{
	Report r = { .kind = REPORT_NOTE, .t_us = clock_now_us(), .pid = self_pid() };
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r.text, sizeof r.text, fmt, ap);
	va_end(ap);
	send_report(&r);
}

void demo_done(int status)
{
	Report r = { .kind = REPORT_DONE, .t_us = clock_now_us(), .pid = self_pid(), .status = status };
	send_report(&r);
}
