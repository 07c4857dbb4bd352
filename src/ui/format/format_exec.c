/*
 * An exec record as fields of the event shown in full (Enter on an exec
 * event): what the program was given, the way tracexec lists it. The
 * failed attempts come first (they happened first), then the file name
 * as passed, the arguments, the working directory, what changed in the
 * environment, and every FD, those past 0-2 marked as inherited.
 */
#include "ui/format/format.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "probe/environ.h"
#include "probe/textscan.h"
#include "trace/event_text.h"

/* The entries of v, each with a prefix, on one field's text. */
static void join(char *const *v, const char *prefix, bool names_only, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; v != NULL && v[i] != NULL && used + 1 < len; i++) {
		char entry[512];
		size_t cut = names_only ? environ_name_len(v[i]) : strlen(v[i]);
		char name[512];

		snprintf(name, sizeof name, "%.*s", (int)(cut < sizeof name ? cut : sizeof name - 1), v[i]);
		text_escape(name, entry, sizeof entry);
		used += (size_t)snprintf(buf + used, len - used, "%s%s%s", i > 0 ? "  " : "", prefix, entry);
		if (used >= len)
			used = len - 1;
	}
}

static size_t env_fields(const ExecRecord *rec, EventField *out, size_t n, size_t max)
{
	char text[sizeof out->text];
	size_t total = environ_len(rec->env);

	if (rec->env_state != READ_OK)
		return event_field_add(out, n, max, _("environment"), ROLE_DIM, "%s", _(ReadState_explain(rec->env_state)));
	if (!rec->env_compared)
		return event_field_add(out, n, max, _("environment"), ROLE_NORMAL, _("%zu variables (nothing earlier to compare with)"), total);
	if (rec->env_added[0] == NULL && rec->env_removed[0] == NULL)
		return event_field_add(out, n, max, _("environment"), ROLE_NORMAL, _("%zu variables, as before the exec"), total);
	if (rec->env_added[0] != NULL) {
		join(rec->env_added, "+", false, text, sizeof text);
		n = event_field_add(out, n, max, _("env added"), ROLE_EVENT_EXEC, "%s", text);
	}
	if (rec->env_removed[0] != NULL) {
		join(rec->env_removed, "-", true, text, sizeof text);
		n = event_field_add(out, n, max, _("env removed"), ROLE_WARNING, "%s", text);
	}
	return event_field_add(out, n, max, _("environment"), ROLE_DIM, _("%zu others as before the exec"),
		   total - environ_len(rec->env_added));
}

size_t exec_record_fields(const ExecRecord *rec, StableIds *ids, EventField *out, size_t n, size_t max)
{
	char text[sizeof out->text], esc[sizeof out->text], name[24];

	for (size_t i = 0; i < rec->nattempts; i++) {
		text_escape(rec->attempts[i].path, esc, sizeof esc);
		n = event_field_add(out, n, max, _("tried first"), ROLE_WARNING, "%s (%s)",
			StableIds_path(ids, esc, text, sizeof text),
			errno_name(rec->attempts[i].err, name, sizeof name));
	}
	if (rec->state != READ_OK && rec->argv[0] == NULL)
		return event_field_add(out, n, max, _("record"), ROLE_DIM, "%s", _(ReadState_explain(rec->state)));
	if (rec->late)
		n = event_field_add(out, n, max, _("read"), ROLE_WARNING, "%s",
			_("after the exec: the program may have changed it since"));
	if (rec->filename != NULL) {
		text_escape(rec->filename, esc, sizeof esc);
		n = event_field_add(out, n, max, _("file name"), ROLE_NORMAL, "%s", StableIds_path(ids, esc, text, sizeof text));
	}
	strv_shell_text(rec->argv, esc, sizeof esc);
	n = event_field_add(out, n, max, "argv", ROLE_NORMAL, "%s", StableIds_text(ids, esc, text, sizeof text));
	if (rec->cwd != NULL) {
		text_escape(rec->cwd, esc, sizeof esc);
		n = event_field_add(out, n, max, "cwd", ROLE_NORMAL, "%s", StableIds_path(ids, esc, text, sizeof text));
	}
	n = env_fields(rec, out, n, max);
	for (size_t i = 0; i < rec->nfds; i++) {
		bool inherited = ExecFd_inherited(&rec->fds[i]);

		text_escape(rec->fds[i].target, esc, sizeof esc);
		n = event_field_add(out, n, max, "fd", inherited ? ROLE_WARNING : ROLE_NORMAL, "%d  %s%s",
			rec->fds[i].fd, StableIds_path(ids, esc, text, sizeof text),
			inherited ? _("  (inherited: past 0-2, not close-on-exec)") : "");
	}
	return n;
}
