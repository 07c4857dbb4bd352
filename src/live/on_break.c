/* The --on-break command: see on_break.h. */
#include "live/on_break.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
