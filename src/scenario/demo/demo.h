/*
 * The demo helper's side of the protocol (see scenario/protocol.h). The
 * helper links only libc, so its own memory map stays small and readable.
 *
 * A scenario function performs its steps in order. After the action of step
 * n it calls demo_step(n): the report goes out and the calling process waits
 * for the go-ahead, so forkscope can look at the state that step made. When
 * a step ends at a kernel event rather than in helper code (the child's exec
 * of /bin/ls, a process's exit), the process calls demo_hold(n, "exec") just
 * before it: forkscope's tracer then holds it at that event.
 */
#ifndef FORKSCOPE_SCENARIO_DEMO_H
#define FORKSCOPE_SCENARIO_DEMO_H

#include <stdarg.h>
#include <sys/types.h>

typedef int (*DemoFunc)(int argc, char **argv);

/* Announces the end of step n and waits for the go-ahead. */
void demo_step(int n);
/* Announces that step n ends at this process's next exec or exit; returns
 * once forkscope has armed its tracer for it. */
void demo_hold(int n, const char *event);
/* Reports an API call and the value the program saw. child: the pid it made or waited for. */
void demo_api(const char *api, long long ret, int err, pid_t child, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void demo_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The scenario function returned status (main sends it). */
void demo_done(int status);

/* Named parameter from the command line (name=value), else def. */
long demo_param(const char *name, long def);
/* The scenario's option name (scenario/params.h, the table the catalogue
 * reads too): its value when given and within the caps, else its default. */
long demo_option(const char *name);
/* The command after "--" (custom), or NULL. */
char **demo_command(void);
/* The report fd, or -1: children that exec something else close it. */
int demo_report_fd(void);
int demo_control_fd(void);
/* Closes the protocol fds (before exec of a program that must not see them). */
void demo_close_protocol(void);

#endif
