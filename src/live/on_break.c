/* The --on-break command: see on_break.h. */
#include "live/on_break.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "trace/tracer.h"

char *on_break_expand(const char *template_text, pid_t pid)
{
	size_t holes = 0, plen = strlen(ON_BREAK_PID), len, o = 0;
	char num[24];
	char *out;

	snprintf(num, sizeof num, "%d", (int)pid);
	for (const char *p = template_text; (p = strstr(p, ON_BREAK_PID)) != NULL; p += plen)
		holes++;
	len = strlen(template_text) + holes * strlen(num) + 1;
	out = xmalloc(len);
	for (const char *p = template_text; *p != '\0';) {
		if (strncmp(p, ON_BREAK_PID, plen) == 0) {
			o += (size_t)snprintf(out + o, len - o, "%s", num);
			p += plen;
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = '\0';
	return out;
}

bool on_break_valid(const char *template_text)
{
	return template_text != NULL && template_text[strspn(template_text, " \t")] != '\0' &&
	       strstr(template_text, ON_BREAK_PID) != NULL;
}

pid_t on_break_run(const char *template_text, pid_t pid)
{
	char *command = on_break_expand(template_text, pid);
	char *argv[] = { "/bin/sh", "-c", command, NULL };
	int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	TracerSpawn spec = {
		.argv = argv, .stdio_fd = null, .new_process_group = true,
		.close_other_fds = true, .detachable = true,
	};
	pid_t child = 0;
	int rc;

	if (null < 0) {
		rc = -errno;
		free(command);
		return rc;
	}
	rc = spawn_untraced(&spec, &child);
	close(null);
	free(command);
	return rc < 0 ? rc : child;
}

void on_break_detach_error(int rc, pid_t pid, char *err, size_t errlen)
{
	switch (-rc) {
	case ESRCH:
		snprintf(err, errlen, _("process %d is not held at a breakpoint"), (int)pid);
		break;
	case EPERM:
		snprintf(err, errlen, _("process %d cannot be left stopped: it runs under the exec filter, "
					"which fails every exec once untraced (start with --on-break or "
					"--detach to run without it)"), (int)pid);
		break;
	case EBUSY:
		snprintf(err, errlen, _("process %d has threads: only a single-threaded process can be "
					"left stopped"), (int)pid);
		break;
	case EINVAL:
		snprintf(err, errlen, _("process %d is held at its exit: let go, it would only finish dying"),
			 (int)pid);
		break;
	default:
		snprintf(err, errlen, _("cannot detach from process %d: %s"), (int)pid, strerror(-rc));
		break;
	}
}
