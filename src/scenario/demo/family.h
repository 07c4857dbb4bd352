/*
 * What the scenario functions share for the processes they make: a fork
 * reported from both sides, a wait that reports what it reaped, an exec
 * failure reported with its errno, a memory region touched page by page,
 * and the helper's own command line for the shell commands system() and
 * popen() run (the command is the helper again, so it can announce a step
 * while the caller waits). Each call is reported (demo_api), so the
 * timeline shows the value the program saw.
 */
#ifndef FORKSCOPE_SCENARIO_DEMO_FAMILY_H
#define FORKSCOPE_SCENARIO_DEMO_FAMILY_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* fork(), reported in the parent (the child's pid) and in the child (0).
 * die_with_parent: the child gets PR_SET_PDEATHSIG SIGKILL, so it never
 * outlives the demo; an orphan that must survive its parent says false. */
pid_t family_fork(bool die_with_parent);

/* waitpid(pid) until it reaps (EINTR retried), reported with the status.
 * Returns the wait status, or -1. */
int family_wait(pid_t pid);

/* "exit 7", "killed by SIGKILL" */
void family_status_text(int status, char *buf, size_t len);

/* Reports that an exec call failed (errno as it was) and ends the child
 * with 127, as a shell does for a command it cannot run. */
void family_exec_failed(const char *api, const char *call) __attribute__((noreturn));

/* An anonymous private region of mib MiB, every page written, with
 * MADV_NOHUGEPAGE so copy-on-write works (and shows) page by page. The
 * mmap is reported with the address as its value. NULL on failure. */
unsigned char *family_region(long mib, size_t *bytes);

/* The helper's own path, shell-quoted, followed by " SCENARIO role=ROLE":
 * a command line for sh -c that runs the helper in that role. -1 if the
 * path cannot be read or does not fit. */
int family_self_command(char *buf, size_t len, const char *scenario, int role);

/* The protocol FDs are close-on-exec (main sets it); a command run through
 * system() or popen() that must report a step needs them across the exec. */
void family_protocol_inherited(bool inherited);

/* One byte through a pipe, EINTR retried: the demos' go-aheads. */
void family_write_byte(int fd, char c);
/* The next byte, or 0 at end of file (or an error). */
char family_read_byte(int fd);
/* Reads until end of file: every writer has closed its end. */
void family_wait_eof(int fd);

#endif
