/* The tracer's debug log: see tracer_log.h. */
#include "trace/tracer_log.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/clock.h"

FILE *tracer_log_file;

bool tracer_log_open(const char *path)
{
	int fd;

	if (path == NULL)
		path = getenv("FORKSCOPE_DEBUG");
	if (path == NULL || path[0] == '\0' || tracer_log_file != NULL)
		return true;
	/* Close-on-exec: the programs forkscope starts must not inherit it. */
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd < 0)
		return false;
	tracer_log_file = fdopen(fd, "a");
	if (tracer_log_file == NULL) {
		close(fd);
		return false;
	}
	setvbuf(tracer_log_file, NULL, _IOLBF, 0);
	tracer_log_line("forkscope %d: log opened", (int)getpid());
	return true;
}

void tracer_log_close(void)
{
	if (tracer_log_file != NULL)
		fclose(tracer_log_file);
	tracer_log_file = NULL;
}

void tracer_log_line(const char *fmt, ...)
{
	va_list ap;

	if (tracer_log_file == NULL)
		return;
	fprintf(tracer_log_file, "%llu ", (unsigned long long)clock_now_us());
	va_start(ap, fmt);
	vfprintf(tracer_log_file, fmt, ap);
	va_end(ap);
	fputc('\n', tracer_log_file);
}
