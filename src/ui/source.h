/*
 * A live source: whatever feeds the session while the panes show it. A
 * scenario run (the Runner) is one; watching a pid or the whole machine is
 * another shape of the same thing. The main loop knows only this
 * interface: it polls the source's descriptors, pumps it, asks for a
 * refresh of the session once per refresh interval, and steps it.
 *
 * Sources without steps report step 0 and SOURCE_RUNNING until they end;
 * operations a source does not have are NULL in its ops.
 */
#ifndef FORKSCOPE_UI_SOURCE_H
#define FORKSCOPE_UI_SOURCE_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "live/breakpoint.h"
#include "model/session.h"
#include "scenario/catalog.h"

typedef enum SourceState {
	SOURCE_RUNNING,      /* going on (towards the next step, if it has steps) */
	SOURCE_AT_STEP,      /* quiet at a step boundary, waiting for go */
	SOURCE_FINISHED,     /* nothing more will happen */
} SourceState;

typedef struct LiveSourceOps {
	size_t (*pollfds)(const void *impl, struct pollfd *fds, size_t max);
	/* Handles what is ready, waiting at most timeout_ms. */
	SourceState (*pump)(void *impl, int timeout_ms);
	SourceState (*state)(const void *impl);
	/* Re-reads what events do not tell (identities), once per refresh. */
	void (*resync)(void *impl);
	int (*step)(const void *impl);          /* 1-based, 0 before the first */
	pid_t (*step_pid)(const void *impl);    /* the process the step is about, or 0 */
	/* what the step is about in the catalogue (role, FD, signal set); NULL: none */
	const StepFocus *(*step_focus)(const void *impl);
	void (*go)(void *impl);                 /* NULL: no steps */
	void (*set_step_mode)(void *impl, bool step_mode);
	/* run mode's stay at a step: at least pace_ms, ms_per_word of caption; NULL: no steps */
	void (*set_pace)(void *impl, int pace_ms, int ms_per_word);
	void (*set_hold_all)(void *impl, bool hold);  /* NULL: cannot hold */
	int (*exit_status)(const void *impl);   /* the root's wait status, -1 if unknown */
	/* On quit: what runs is left running (a user's command); NULL: always ended. */
	void (*detach_on_delete)(void *impl);
	/* Breakpoints; every one NULL where the source cannot hold (connector,
	 * poll). The list is borrowed, NULL for none, and counts from the next
	 * event on; the list's own API (live/breakpoint.h) edits it. */
	void (*set_breaks)(void *impl, BreakList *breaks);
	size_t (*held_count)(const void *impl);       /* tasks a breakpoint holds */
	bool (*is_held)(const void *impl, pid_t pid); /* held by a breakpoint or a step */
	int (*release)(void *impl, pid_t pid);        /* 0, or -ESRCH: not held */
	void (*release_breaks)(void *impl);           /* every breakpoint's hold; steps stay */
	/* Leaves held pid stopped and untraced (then run live/on_break.h's
	 * on_break_run for it): 0, or -1 with the reason in err. */
	int (*detach_stopped)(void *impl, pid_t pid, char *err, size_t errlen);
	void (*delete)(void *impl);
} LiveSourceOps;

typedef struct LiveSource {
	const LiveSourceOps *ops;
	void *impl;              /* owned, freed by ops->delete */
	const Scenario *scenario;/* borrowed; NULL when the source has no catalogue row */
	char label[96];          /* what is shown: "cow", "make -j4", "pid 1234" */
} LiveSource;

/* Starts a scenario (or args->command when args->scenario is a custom
 * command) feeding session (borrowed). NULL with a message in err. */
LiveSource *LiveSource_scenario(const ScenarioArgs *args, Session *session, char *err,
				size_t errlen);
/* Watches pid and its descendants (pid 0: the whole machine) with events
 * from "ptrace", "connector" or "poll" (NULL: the best permitted), falling
 * back and saying so in the session. NULL with a message in err. */
LiveSource *LiveSource_watch(pid_t pid, const char *events, Session *session, char *err,
			     size_t errlen);
/* Starts command untraced and watches it with the connector or polling
 * (events: "connector" or "poll"), on the terminal tty_fd when > 0, else
 * its output read into the session. */
LiveSource *LiveSource_watch_command(char *const *command, const char *events, int tty_fd,
				     Session *session, char *err, size_t errlen);
/* Reads the recording at path into session: a source that has nothing
 * more to say, for the time cursor. NULL with a message naming the line. */
LiveSource *LiveSource_replay(const char *path, Session *session, char *err, size_t errlen);
/* Ends what is left of the source (the demo is killed and reaped) and frees it. */
void LiveSource_delete(LiveSource *src);

#endif
