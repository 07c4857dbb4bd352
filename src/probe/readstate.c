/*
 * Names and explanations for ReadState, and the one mapping from an errno
 * of open/read/readlink on /proc to a state. ENOENT and ESRCH both mean the
 * process is gone: /proc/PID vanishes (ENOENT) once it is reaped, and a
 * file already opened, or opened through a directory fd that outlived the
 * process, fails with ESRCH.
 */
#include "probe/readstate.h"

#include <errno.h>

#include "base/i18n.h"

const char *ReadState_name(ReadState state)
{
	switch (state) {
	case READ_NOT_ASKED: return "not_asked";
	case READ_OK:        return "ok";
	case READ_GONE:      return "gone";
	case READ_DENIED:    return "denied";
	case READ_MALFORMED: return "malformed";
	case READ_ERROR:     return "error";
	case READ_ABSENT:    return "absent";
	case READ_NOT_KEPT:  return "not_kept";
	}
	return "unknown";
}

/* N_(): the English sentence, for JSON; the screen and the text reports
 * translate it where they show it. */
const char *ReadState_explain(ReadState state)
{
	switch (state) {
	case READ_NOT_ASKED:
		return N_("not read: nobody asked for it");
	case READ_OK:
		return N_("read");
	case READ_GONE:
		return N_("the process exited while it was being read");
	case READ_DENIED:
		return N_("permission denied: reading it needs ptrace read access to the "
			  "process (run as the user that owns it, or as root with "
			  "CAP_SYS_PTRACE); a process that is not dumpable or lives in "
			  "another user namespace can stay hidden even from root");
	case READ_MALFORMED:
		return N_("the kernel's text did not have the expected form");
	case READ_ERROR:
		return N_("the read failed with an I/O error");
	case READ_ABSENT:
		return N_("the process has none: a kernel thread has no program file, "
			  "a zombie no memory, FDs or environment");
	case READ_NOT_KEPT:
		return N_("no snapshot of it at or before this event: looking back shows only "
			  "what was read while the tracer held a process at an event");
	}
	return N_("unknown state");
}

ReadState ReadState_from_errno(int err)
{
	switch (err) {
	case ENOENT:
	case ESRCH:
		return READ_GONE;
	case EACCES:
	case EPERM:
		return READ_DENIED;
	default:
		return READ_ERROR;
	}
}
