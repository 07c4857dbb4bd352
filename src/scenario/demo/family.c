/*
 * Helpers for the processes the scenarios make (see family.h). They use
 * only libc, like the rest of the helper.
 */
#include "base/self_exe.h"
#include "scenario/demo/family.h"
#include "scenario/demo/demo.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/i18n.h"

pid_t family_fork(bool die_with_parent)
{
	pid_t parent = getpid();
	pid_t pid = fork();
	int err = errno;

	if (pid < 0) {
		demo_api("fork", -1, err, 0, "fork() = -1: %s", strerror(err));
		return -1;
	}
	if (pid > 0) {
		demo_api("fork", pid, 0, pid, _("fork() = %d in the parent"), (int)pid);
		return pid;
	}
	if (die_with_parent) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent) /* the parent died before prctl */
			_exit(111);
	}
	demo_api("fork", 0, 0, 0, "%s", _("fork() = 0 in the child"));
	return 0;
}

void family_status_text(int status, char *buf, size_t len)
{
	char sig[24];

	/* The words of forkscope's own wait_status_format_local (trace/event.c). */
	if (WIFEXITED(status)) {
		snprintf(buf, len, _("exit %d"), WEXITSTATUS(status));
	} else if (WIFSIGNALED(status)) {
		snprintf(sig, sizeof sig, "SIG%s", sigabbrev_np(WTERMSIG(status)));
		if (WCOREDUMP(status))
			snprintf(buf, len, _("killed by %s (core dumped)"), sig);
		else
			snprintf(buf, len, _("killed by %s"), sig);
	} else {
		snprintf(buf, len, _("status 0x%x"), (unsigned)status);
	}
}

int family_wait(pid_t pid)
{
	char text[64];
	int status = 0;
	pid_t got;

	do
		got = waitpid(pid, &status, 0);
	while (got < 0 && errno == EINTR);
	if (got < 0) {
		int err = errno;
		demo_api("waitpid", -1, err, pid, "waitpid(%d) = -1: %s", (int)pid, strerror(err));
		return -1;
	}
	family_status_text(status, text, sizeof text);
	demo_api("waitpid", got, 0, got, _("waitpid(%d) = %d, status %s"), (int)pid, (int)got, text);
	return status;
}

void family_exec_failed(const char *api, const char *call)
{
	int err = errno;

	demo_api(api, -1, err, 0, "%s = -1: %s", call, strerror(err));
	_exit(127);
}

unsigned char *family_region(long mib, size_t *bytes)
{
	size_t len = (size_t)mib << 20;
	long page = sysconf(_SC_PAGESIZE);
	unsigned char *p;

	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		int err = errno;
		demo_api("mmap", -1, err, 0, "mmap(%ld MiB) = -1: %s", mib, strerror(err));
		return NULL;
	}
	demo_api("mmap", (long long)(unsigned long)p, 0, 0,
		 "mmap(NULL, %ld MiB, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS) = %p", mib,
		 (void *)p);
	/* Without this, a 2 MiB huge page would be copied whole on one write. */
	if (madvise(p, len, MADV_NOHUGEPAGE) < 0)
		demo_note(_("madvise(MADV_NOHUGEPAGE) failed: %s; pages may be huge"), strerror(errno));
	for (size_t off = 0; off < len; off += (size_t)page)
		p[off] = 1;
	*bytes = len;
	return p;
}

int family_self_command(char *buf, size_t len, const char *scenario, int role)
{
	char self[PATH_MAX];
	size_t used = 0;
	int n;

	if (!self_exe(self, sizeof self) || len < 2)
		return -1;
	/* Single quotes keep any character but the quote itself: '\'' for it. */
	buf[used++] = '\'';
	for (const char *c = self; *c != '\0'; c++) {
		const char *piece = *c == '\'' ? "'\\''" : NULL;
		size_t plen = piece != NULL ? 4 : 1;

		if (used + plen >= len)
			return -1;
		if (piece != NULL)
			memcpy(buf + used, piece, plen);
		else
			buf[used] = *c;
		used += plen;
	}
	n = snprintf(buf + used, len - used, "' %s role=%d", scenario, role);
	return n < 0 || (size_t)n >= len - used ? -1 : 0;
}

void family_protocol_inherited(bool inherited)
{
	int fds[2] = { demo_report_fd(), demo_control_fd() };

	for (int i = 0; i < 2; i++)
		if (fds[i] >= 0)
			fcntl(fds[i], F_SETFD, inherited ? 0 : FD_CLOEXEC);
}

void family_write_byte(int fd, char c)
{
	ssize_t n;

	do
		n = write(fd, &c, 1);
	while (n < 0 && errno == EINTR);
}

char family_read_byte(int fd)
{
	char c;
	ssize_t n;

	do
		n = read(fd, &c, 1);
	while (n < 0 && errno == EINTR);
	return n == 1 ? c : 0;
}

void family_wait_eof(int fd)
{
	char c;
	ssize_t n;

	do
		n = read(fd, &c, 1);
	while (n > 0 || (n < 0 && errno == EINTR));
}
