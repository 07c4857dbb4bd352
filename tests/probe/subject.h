/*
 * A test subject: a child process with a known state (FDs, signal sets,
 * touched private memory, identity), driven over pipes so that tests wait
 * for conditions and never sleep. The subject can fork a copy of itself
 * (the "twin") which shares its memory copy-on-write and can be told to
 * write part of it. Tests read both with the probe and assert what the
 * kernel shows.
 *
 * The test process becomes a child subreaper, so the twin is reaped by the
 * test too; Subject_stop kills and reaps both on every path.
 */
#ifndef FORKSCOPE_TESTS_PROBE_SUBJECT_H
#define FORKSCOPE_TESTS_PROBE_SUBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

enum {
	SUBJECT_FDS     = 1 << 0, /* the known FD set below */
	SUBJECT_SIGNALS = 1 << 1, /* SIGUSR1 and SIGRTMIN+2 blocked, SIGUSR2 ignored,
	                           * SIGTERM caught, SIGUSR1 pending */
	SUBJECT_MEMORY  = 1 << 2, /* mib MiB private anonymous, every page written */
	SUBJECT_IDENTITY = 1 << 3, /* own session, 2 extra threads, SCHED_BATCH,
	                           * nice 5, comm "fs-subject"; as root also
	                           * distinct real/effective/saved ids */
};

/* What the subject reports once set up. */
typedef struct SubjectReady {
	unsigned long region;     /* start of the memory region, 0 without SUBJECT_MEMORY */
	size_t region_bytes;
	int fd_cloexec;           /* /dev/null, O_RDONLY | O_CLOEXEC */
	int fd_plain;             /* the fixture file, O_RDONLY, offset 10 */
	int fd_append;            /* /dev/null, O_WRONLY | O_APPEND */
	int fd_pipe_read;         /* a pipe's read end, O_NONBLOCK */
	int fd_pipe_write;        /* its write end */
	int fd_socket;            /* one end of a socketpair(AF_UNIX) */
	int fd_socket_peer;       /* its other end */
	unsigned long socket_ino, socket_peer_ino; /* their inodes, by the subject's fstat */
	int fd_eventfd;           /* eventfd, initial count 7 */
	int fd_pidfd;             /* pidfd of the test process, or -1 */
} SubjectReady;

typedef struct Subject {
	pid_t pid, twin;          /* twin: 0 until Subject_fork */
	SubjectReady ready;
	int cmd, twin_cmd, reply; /* our ends of the pipes */
} Subject;

/* Starts a subject; mib is used with SUBJECT_MEMORY. Returns 0 or -1. */
int Subject_start(Subject *s, unsigned flags, size_t mib, const char *plain_file);
/* Forks the twin; returns its pid, or -1. */
pid_t Subject_fork(Subject *s);
/* Tells the twin to write the first `bytes` of the region; waits until it did. */
int Subject_twin_write(Subject *s, size_t bytes);
void Subject_stop(Subject *s);

/* Raises uids/gids used with SUBJECT_IDENTITY when running as root. */
#define SUBJECT_UID_REAL  2001
#define SUBJECT_UID_EFF   2002
#define SUBJECT_UID_SAVED 2003
#define SUBJECT_GID_REAL  3001
#define SUBJECT_GID_EFF   3002
#define SUBJECT_GID_SAVED 3003

#endif
