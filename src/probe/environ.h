/*
 * A process's environment as /proc/PID/environ shows it: the block of
 * NUL-separated "NAME=value" strings its last exec put on its stack (the
 * envp of execve). It is the environment the program started with:
 * setenv and putenv change the program's own copy (environ), not this
 * block, so a process that called setenv shows its variable only in the
 * children it execs. The kernel lets only the owner and those who may
 * ptrace the process read it.
 *
 * Pure functions: splitting the text, and the difference between two
 * environments (a process's and its parent's), for the views.
 */
#ifndef FORKSCOPE_PROBE_ENVIRON_H
#define FORKSCOPE_PROBE_ENVIRON_H

#include <stddef.h>

/* NUL-separated strings (an environ or cmdline block) to an owned,
 * NULL-terminated vector, every byte kept. Never NULL. */
char **strv_split_nul(const char *text, size_t len);
/* The same for "NAME=value" text shown as it is: control bytes replaced
 * by '?'. Never NULL. */
char **environ_split(const char *text, size_t len);
void environ_free(char **env);
size_t environ_len(char *const *env);
/* The length of an entry's name: the bytes before its first '=' (all of
 * them when it has none). */
size_t environ_name_len(const char *entry);

typedef enum EnvChange {
	ENV_ADDED,    /* NAME=value only here: a new name, or another value */
	ENV_REMOVED,  /* NAME only in the parent */
} EnvChange;

typedef struct EnvDiffItem {
	const char *entry;    /* borrowed: "NAME=value", from self (added) or the parent (removed) */
	EnvChange change;
} EnvDiffItem;

typedef struct EnvDiff {
	EnvDiffItem *v;       /* owned: the added in order of name, then the removed */
	size_t n;
	size_t added, removed;
	size_t same;          /* entries of self exactly as in the parent */
} EnvDiff;

/* The views name the removed one by one up to this many, count them beyond. */
enum { ENV_REMOVED_LISTED = 4 };

/* Compares self with parent (both NULL-terminated; NULL is empty). The
 * items borrow the strings of both: keep them while the diff is used. */
void EnvDiff_compute(EnvDiff *diff, char *const *self, char *const *parent);
void EnvDiff_done(EnvDiff *diff);

#endif
