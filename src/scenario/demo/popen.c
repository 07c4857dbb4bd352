/*
 * popen: a pipe to a command, both ways. The commands are this helper
 * again: role 1 is read by the parent (its stdout is the pipe), role 2 is
 * written to (its stdin is the pipe). The command announces the steps in
 * which the pipe is shown, while the parent is blocked reading the pipe or
 * waiting in pclose; the report and control pipes are passed through the
 * shell for that (they are close-on-exec otherwise).
 */
#include "scenario/demo/demo.h"
#include "scenario/demo/family.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"

int demo_popen(int argc, char **argv);

enum { ROLE_WRITER = 1, ROLE_READER = 2 };

static const char line_out[] = "a line from the command";
static const char line_in[] = "a line from the parent\n";

static ssize_t write_stdout(const char *text, size_t len)
{
	ssize_t n;

	do
		n = write(STDOUT_FILENO, text, len);
	while (n < 0 && errno == EINTR);
	return n;
}

/* Role 1: its stdout is the pipe the parent reads. The line goes in two
 * writes, its text and then its newline: the parent's fgets takes the text
 * but returns only with the newline, so the report of the first write is
 * made before fgets can return, and the timeline shows them in that order
 * on every run (two reports made after their calls return would race). */
static void run_writer(void)
{
	ssize_t n;

	demo_step(1);
	n = write_stdout(line_out, sizeof line_out - 1);
	demo_api("write", n, n < 0 ? errno : 0, 0,
		 _("write(1, \"a line from the command\") = %zd: no newline yet, so the parent's fgets "
		   "reads on; the newline comes next"),
		 n);
	n = write_stdout("\n", 1);
	if (n != 1)
		demo_api("write", n, n < 0 ? errno : 0, 0, "write(1, \"\\n\") = %zd", n);
	demo_step(2);
	_exit(0);
}

/* Role 2: its stdin is the pipe the parent writes; it reads to the end. */
static void run_reader(void)
{
	char buf[256];
	size_t total = 0;
	ssize_t n;

	while ((n = read(STDIN_FILENO, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
		if (n > 0)
			total += (size_t)n;
	demo_api("read", (long long)total, n < 0 ? errno : 0, 0,
		 _("read(0, ...) until end of file: %zu bytes, then 0 (every write end closed)"), total);
	demo_step(4);
	_exit(0);
}

static FILE *open_command(int role, const char *mode, char *command, size_t len)
{
	FILE *fp;
	int err;

	if (family_self_command(command, len, "popen", role) < 0) {
		demo_note("%s", _("cannot build the command: the helper's path is unreadable or too long"));
		return NULL;
	}
	family_protocol_inherited(true);
	fp = popen(command, mode);
	err = errno;
	family_protocol_inherited(false);
	if (fp == NULL)
		demo_api("popen", 0, err, 0, "popen(\"%s\", \"%s\") = NULL: %s", command, mode, strerror(err));
	else
		demo_api("popen", fileno(fp), 0, 0, _("popen(\"%s\", \"%s\") = a FILE* on FD %d"), command,
			 mode, fileno(fp));
	return fp;
}

static int close_command(FILE *fp)
{
	char text[64];
	int rc = pclose(fp);
	int err = errno;

	if (rc == -1) {
		demo_api("pclose", -1, err, 0, "pclose() = -1: %s", strerror(err));
		return -1;
	}
	family_status_text(rc, text, sizeof text);
	demo_api("pclose", rc, 0, 0, _("pclose() = 0x%x: the shell's wait status, %s"), (unsigned)rc, text);
	return 0;
}

static int read_from_command(void)
{
	char command[4096], line[256];
	FILE *fp = open_command(ROLE_WRITER, "r", command, sizeof command);

	if (fp == NULL)
		return -1;
	while (fgets(line, sizeof line, fp) != NULL)
		demo_api("fgets", (long long)strlen(line), 0, 0, "fgets() = \"%.*s\\n\"",
			 (int)strcspn(line, "\n"), line);
	demo_api("fgets", 0, ferror(fp) ? errno : 0, 0, "%s",
		 _("fgets() = NULL: end of file, every write end is closed"));
	if (close_command(fp) < 0)
		return -1;
	demo_step(3);
	return 0;
}

static int write_to_command(void)
{
	char command[4096];
	FILE *fp = open_command(ROLE_READER, "w", command, sizeof command);
	int rc;

	if (fp == NULL)
		return -1;
	rc = fputs(line_in, fp);
	demo_api("fputs", rc, rc == EOF ? errno : 0, 0, "fputs(\"a line from the parent\\n\") = %d", rc);
	if (close_command(fp) < 0)
		return -1;
	demo_step(5);
	return 0;
}

int demo_popen(int argc, char **argv)
{
	switch (demo_param("role", 0)) {
	case ROLE_WRITER:
		run_writer();
		break;
	case ROLE_READER:
		run_reader();
		break;
	}
	if (read_from_command() < 0 || write_to_command() < 0)
		return 1;
	return 0;
}
