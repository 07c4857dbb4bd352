/*
 * One thing that happened to a process, from whichever source saw it: the
 * ptrace tracer, the proc connector, /proc polling, or the scenario helper's
 * report of an API call. Events are plain values (no pointers) so they can
 * be queued, copied into the model's log and written out as they are.
 */
#ifndef FORKSCOPE_TRACE_EVENT_H
#define FORKSCOPE_TRACE_EVENT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

typedef enum EventKind {
	EV_FORK,        /* pid = new child, ppid = parent; how = fork */
	EV_VFORK,       /* pid = new child, ppid = parent (posix_spawn shows as this) */
	EV_VFORK_DONE,  /* pid = the vfork parent, released: child = the child */
	EV_CLONE,       /* pid = new process made by clone/clone3, ppid = parent */
	EV_THREAD,      /* pid = new thread's tid, ppid = its thread group leader */
	EV_EXEC,        /* pid; detail = program path; comm = new comm; former_tid set if a non-leader thread execed */
	EV_EXIT,        /* pid; status = wait status (code or signal, core), -1 unknown; how = HOW_THREAD for a thread */
	EV_REAP,        /* pid reaped by ppid (the reaper) */
	EV_SIGNAL,      /* pid received signo (signal-delivery stop) */
	EV_STOP,        /* pid entered group stop, signo */
	EV_CONT,        /* pid resumed by SIGCONT */
	EV_COMM,        /* connector: comm changed; comm */
	EV_UID,         /* connector: ids changed */
	EV_SID,         /* connector: setsid */
	EV_REPARENT,    /* pid's parent became ppid (orphan adopted) */
	EV_LOST,        /* events were lost (connector ENOBUFS); count in status */
	EV_API,         /* the scenario helper's report: api, ret, detail */
	EV_STEP,        /* a scenario step began: status = step number, detail = caption */
	EV_NOTE,        /* a message of forkscope's own (source fell back, ...) */
	EV_OUTPUT,      /* a line the demo printed on its stdout or stderr; detail = the line */
	EV_EXEC_FAILED, /* an execve/execveat of pid returned an error: detail = the path
	                 * passed, err = errno (ptrace with the exec filter only) */
	EV_BREAK,       /* a breakpoint held pid at the event just before this one:
	                 * detail = the breakpoint as written ("exec:hostname"); for a
	                 * creation pid is the parent and child the new process (both
	                 * held); ptrace only */
	EV_KIND_COUNT
} EventKind;

/* How a process was made, as the kernel and the helper tell it. */
typedef enum CreateHow {
	HOW_UNKNOWN = 0,
	HOW_FORK,
	HOW_VFORK,       /* vfork-style: CLONE_VFORK (glibc's posix_spawn too) */
	HOW_CLONE,
	HOW_THREAD,
	HOW_EXISTING,    /* already there when forkscope looked */
	HOW_COUNT
} CreateHow;

typedef struct Event {
	uint64_t t_us;        /* CLOCK_MONOTONIC, microseconds */
	EventKind kind;
	pid_t pid;
	pid_t ppid;           /* parent, reaper or sender: see EventKind */
	pid_t child;          /* EV_VFORK_DONE: the child that exec'd or exited; EV_BREAK: see there */
	pid_t former_tid;     /* EV_EXEC: the thread that exec'd when it was not the leader, else 0 */
	CreateHow how;
	int status;           /* wait status for EV_EXIT; step for EV_STEP; count for EV_LOST */
	int signo;
	long long ret;        /* EV_API: the return value the program saw */
	int err;              /* EV_API: errno value (or posix_spawn's return) */
	char api[16];         /* "fork", "posix_spawn", "system", "popen", ...; "" if none */
	char comm[16];
	char detail[240];     /* exec path, caption, or the API call as text */
	char argv[240];       /* EV_EXEC: the new program's arguments joined by spaces, read
	                       * at the exec (cut to fit); "" when it was gone before */
	bool polled;          /* seen by /proc polling: time, order and kind are approximate */
	uint32_t record;      /* EV_EXEC: its exec record's id in the session (0 none) */
} Event;

const char *EventKind_name(EventKind kind);
const char *CreateHow_name(CreateHow how);
/* "exit 0", "killed by SIGTERM", "killed by SIGSEGV (core dumped)";
 * a negative status is "status unknown" (polling cannot see it). */
void wait_status_format(int status, char *buf, unsigned buflen);
/* The same in the user's language, for the screen and the text reports. */
void wait_status_format_local(int status, char *buf, unsigned buflen);

#endif
