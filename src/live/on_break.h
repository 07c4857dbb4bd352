/*
 * --on-break 'CMD {pid}': what runs when the user hands a process held at
 * a breakpoint over to another program (a debugger: `tmux split-window
 * "gdb -p {pid}"`). Every {pid} in the template becomes the process's
 * pid; the result runs through /bin/sh -c, untraced, in a process group of
 * its own, with stdin, stdout and stderr on /dev/null (it must not draw
 * over the screen), and free to outlive forkscope (no parent-death
 * signal). forkscope's Tracer reaps it with every other child of
 * forkscope's (waitpid(-1)); it is never a tracee.
 */
#ifndef FORKSCOPE_LIVE_ON_BREAK_H
#define FORKSCOPE_LIVE_ON_BREAK_H

#include <stdbool.h>
#include <sys/types.h>

/* The placeholder a template must contain. */
#define ON_BREAK_PID "{pid}"

/* The template with every {pid} replaced; owned by the caller. Pure. */
char *on_break_expand(const char *template_text, pid_t pid);
/* Is the template usable (not blank, names {pid})? Pure. */
bool on_break_valid(const char *template_text);
/* Starts the command for pid: its pid, or -errno. */
pid_t on_break_run(const char *template_text, pid_t pid);
/* The user's words for Tracer_detach_stopped's refusal rc about pid. */
void on_break_detach_error(int rc, pid_t pid, char *err, size_t errlen);

#endif
