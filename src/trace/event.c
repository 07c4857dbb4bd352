/*
 * Names of event kinds and creation methods, and the wait status as words.
 * The names are the ones batch output and JSON use: stable, lower case,
 * one word each, so scripts can match them. The wait status reads the
 * same in English (batch lines, JSON) or, for the screen and the text
 * reports, in the user's language.
 */
#include "trace/event.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "base/i18n.h"

#define T(s) (local ? gettext(s) : (s))

static const char *const kind_names[EV_KIND_COUNT] = {
	[EV_FORK] = "fork",
	[EV_VFORK] = "vfork",
	[EV_VFORK_DONE] = "vfork-done",
	[EV_CLONE] = "clone",
	[EV_THREAD] = "thread",
	[EV_EXEC] = "exec",
	[EV_EXIT] = "exit",
	[EV_REAP] = "reap",
	[EV_SIGNAL] = "signal",
	[EV_STOP] = "stop",
	[EV_CONT] = "cont",
	[EV_COMM] = "comm",
	[EV_UID] = "uid",
	[EV_SID] = "sid",
	[EV_REPARENT] = "reparent",
	[EV_LOST] = "lost",
	[EV_API] = "api",
	[EV_STEP] = "step",
	[EV_NOTE] = "note",
	[EV_OUTPUT] = "output",
	[EV_EXEC_FAILED] = "exec-failed",
	[EV_BREAK] = "break",
};

static const char *const how_names[HOW_COUNT] = {
	[HOW_UNKNOWN] = "unknown",
	[HOW_FORK] = "fork",
	[HOW_VFORK] = "vfork",
	[HOW_CLONE] = "clone",
	[HOW_THREAD] = "thread",
	[HOW_EXISTING] = "existing",
};

const char *EventKind_name(EventKind kind)
{
	if ((unsigned)kind >= EV_KIND_COUNT || kind_names[kind] == NULL)
		return "?";
	return kind_names[kind];
}

const char *CreateHow_name(CreateHow how)
{
	if ((unsigned)how >= HOW_COUNT || how_names[how] == NULL)
		return "?";
	return how_names[how];
}

/* "SIGTERM", or "signal 42" for one without a name (real-time signals). */
static void signal_format(int sig, char *buf, size_t buflen, bool local)
{
	const char *abbrev = sig > 0 && sig < NSIG ? sigabbrev_np(sig) : NULL;

	if (abbrev != NULL)
		snprintf(buf, buflen, "SIG%s", abbrev);
	else
		snprintf(buf, buflen, T(N_("signal %d")), sig);
}

static void status_format(int status, char *buf, unsigned buflen, bool local)
{
	char sig[48];

	if (buflen == 0)
		return;
	if (status < 0) {
		snprintf(buf, buflen, "%s", T(N_("status unknown")));
	} else if (WIFEXITED(status)) {
		snprintf(buf, buflen, T(N_("exit %d")), WEXITSTATUS(status));
	} else if (WIFSIGNALED(status)) {
		signal_format(WTERMSIG(status), sig, sizeof sig, local);
		if (WCOREDUMP(status))
			snprintf(buf, buflen, T(N_("killed by %s (core dumped)")), sig);
		else
			snprintf(buf, buflen, T(N_("killed by %s")), sig);
	} else if (WIFSTOPPED(status)) {
		signal_format(WSTOPSIG(status), sig, sizeof sig, local);
		snprintf(buf, buflen, T(N_("stopped by %s")), sig);
	} else if (WIFCONTINUED(status)) {
		snprintf(buf, buflen, "%s", T(N_("continued")));
	} else {
		snprintf(buf, buflen, T(N_("status 0x%x")), (unsigned)status);
	}
}

void wait_status_format(int status, char *buf, unsigned buflen)
{
	status_format(status, buf, buflen, false);
}

void wait_status_format_local(int status, char *buf, unsigned buflen)
{
	status_format(status, buf, buflen, true);
}
