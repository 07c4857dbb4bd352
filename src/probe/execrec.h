/*
 * What one exec gave the new program, read at the instant of the exec (the
 * ptrace exec stop, where the process waits until forkscope lets it go on):
 * the file name as the caller passed it to execve (the kernel leaves it on
 * the new stack, AT_EXECFN in the auxiliary vector), the arguments, the
 * environment, the working directory and the FD table. The close-on-exec
 * descriptors are already closed at that stop, so every FD listed is one
 * the program received; those past 0-2 are the ones it did not ask for
 * (the leaks tracexec's users look for).
 *
 * Read elsewhere (after a connector event), the same record may describe a
 * later moment of the program: `late` says so.
 */
#ifndef FORKSCOPE_PROBE_EXECREC_H
#define FORKSCOPE_PROBE_EXECREC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "probe/readstate.h"

typedef struct ExecFd {
	int fd;
	char *target;         /* owned: readlink text, every byte kept */
} ExecFd;

/* An execve or execveat that returned an error before this one worked. */
typedef struct ExecAttempt {
	char *path;           /* owned: the file name passed */
	int err;              /* errno */
} ExecAttempt;

typedef struct ExecRecord {
	pid_t pid;
	ReadState state;      /* READ_OK, or why nothing could be read */
	bool late;            /* read after the program had started running */
	char *filename;       /* owned: as passed to execve; NULL unknown */
	char *cwd;            /* owned; NULL unknown */
	char **argv;          /* owned, NULL-terminated; never NULL once read */
	char **env;           /* owned, NULL-terminated; never NULL once read */
	ReadState env_state;  /* the environment can be denied alone */
	ExecFd *fds;          /* owned, by fd */
	size_t nfds;
	/* Filled by the caller that knows the history (see live/exec_capture). */
	char **env_added;     /* owned "NAME=value": new names and changed values */
	char **env_removed;   /* owned "NAME=value" as before the exec */
	bool env_compared;    /* an environment before the exec was known */
	ExecAttempt *attempts; /* owned: the failed attempts just before */
	size_t nattempts;
} ExecRecord;

/* Reads the record of pid's last exec. The pid should be stopped at its
 * exec (late = false); otherwise pass late = true. */
ReadState ExecRecord_read(ExecRecord *rec, pid_t pid, bool late);
/* Sets env_added/env_removed against the environment before the exec
 * (NULL: unknown, nothing is compared). */
void ExecRecord_compare_env(ExecRecord *rec, char *const *before);
void ExecRecord_done(ExecRecord *rec);
/* Descriptors past stdin, stdout and stderr: received without asking. */
static inline bool ExecFd_inherited(const ExecFd *f)
{
	return f->fd > 2;
}

/* argv as a shell would take it back: words joined by spaces, a word with
 * a blank or a shell character in single quotes; control bytes written
 * visibly (text_escape). Cut to len. Pure. */
void strv_shell_text(char *const *argv, char *buf, size_t len);

/* The value of an auxiliary vector entry (AT_EXECFN...) in the raw bytes of
 * /proc/PID/auxv: 0 if absent. Pure. */
uint64_t auxv_value(const void *auxv, size_t len, uint64_t type);

#endif
