/*
 * Exec records in batch output. The text names every byte visibly
 * (text_escape: a newline in a file name is \n); the JSON keeps the bytes
 * as they are, through json-c.
 */
#include "print/exec_record.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "probe/environ.h"
#include "probe/textscan.h"
#include "trace/event_text.h"

/* Under the event line's text column. */
#define INDENT "                                "

static void print_escaped(FILE *out, const char *s)
{
	char buf[4096];

	text_escape(s != NULL ? s : "", buf, sizeof buf);
	fputs(buf, out);
}

static void print_env(FILE *out, const ExecRecord *rec)
{
	size_t same;

	fprintf(out, INDENT "%s", _("environment:"));
	if (rec->env_state != READ_OK) {
		fprintf(out, " %s\n", _(ReadState_explain(rec->env_state)));
		return;
	}
	if (!rec->env_compared) {
		fputc(' ', out);
		fprintf(out, _("%zu variables (nothing earlier to compare with)"), environ_len(rec->env));
		fputc('\n', out);
		return;
	}
	same = environ_len(rec->env) - environ_len(rec->env_added);
	if (rec->env_added[0] == NULL && rec->env_removed[0] == NULL) {
		fputc(' ', out);
		fprintf(out, _("%zu variables, as before the exec"), same);
		fputc('\n', out);
		return;
	}
	fputc('\n', out);
	for (size_t i = 0; rec->env_added[i] != NULL; i++) {
		fputs(INDENT "  +", out);
		print_escaped(out, rec->env_added[i]);
		fputc('\n', out);
	}
	for (size_t i = 0; rec->env_removed[i] != NULL; i++) {
		char name[512];
		size_t n = environ_name_len(rec->env_removed[i]);
		snprintf(name, sizeof name, "%.*s", (int)(n < sizeof name ? n : sizeof name - 1),
			 rec->env_removed[i]);
		fputs(INDENT "  -", out);
		print_escaped(out, name);
		fputc('\n', out);
	}
	fprintf(out, INDENT "  ");
	fprintf(out, _("%zu others as before the exec"), same);
	fputc('\n', out);
}

void exec_record_print(FILE *out, const ExecRecord *rec)
{
	char name[24];

	for (size_t i = 0; i < rec->nattempts; i++) {
		fprintf(out, INDENT "%s ", _("tried first:"));
		print_escaped(out, rec->attempts[i].path);
		fprintf(out, " (%s)\n", errno_name(rec->attempts[i].err, name, sizeof name));
	}
	if (rec->state != READ_OK && (rec->state != READ_GONE || rec->argv[0] == NULL)) {
		fprintf(out, INDENT "%s %s\n", _("record:"), ReadState_explain(rec->state));
		return;
	}
	if (rec->late)
		fprintf(out, INDENT "%s\n", _("(read after the exec: the program may have changed it)"));
	fprintf(out, INDENT "%s ", _("file name passed:"));
	print_escaped(out, rec->filename != NULL ? rec->filename : "?");
	fprintf(out, "   %s ", _("cwd:"));
	print_escaped(out, rec->cwd != NULL ? rec->cwd : "?");
	fputc('\n', out);
	{
		char argv[8192];
		strv_shell_text(rec->argv, argv, sizeof argv);
		fprintf(out, INDENT "argv: %s\n", argv);
	}
	print_env(out, rec);
	fprintf(out, INDENT "%s", _("fds:"));
	for (size_t i = 0; i < rec->nfds; i++) {
		fprintf(out, "%s%d ", i == 0 ? " " : ", ", rec->fds[i].fd);
		print_escaped(out, rec->fds[i].target);
		if (ExecFd_inherited(&rec->fds[i]))
			fprintf(out, " %s", _("(inherited)"));
	}
	fputc('\n', out);
}

static json_object *strv_json(char *const *v)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; v != NULL && v[i] != NULL; i++)
		json_object_array_add(a, json_object_new_string(v[i]));
	return a;
}

/* "NAME=value" entries as an object of names; removed ones keep their old value. */
static json_object *env_json(char *const *v)
{
	json_object *o = json_object_new_object();

	for (size_t i = 0; v != NULL && v[i] != NULL; i++) {
		size_t n = environ_name_len(v[i]);
		char *name = strndup(v[i], n);
		json_object_object_add(o, name, json_object_new_string(v[i][n] == '=' ? v[i] + n + 1 : ""));
		free(name);
	}
	return o;
}

static json_object *string_or_null(const char *s)
{
	return s != NULL ? json_object_new_string(s) : NULL;
}

json_object *exec_record_json(const ExecRecord *rec)
{
	json_object *j = json_object_new_object(), *fds = json_object_new_array();
	json_object *tries = json_object_new_array();
	char name[24];

	json_object_object_add(j, "state", json_object_new_string(ReadState_name(rec->state)));
	json_object_object_add(j, "late", json_object_new_boolean(rec->late));
	json_object_object_add(j, "filename", string_or_null(rec->filename));
	json_object_object_add(j, "cwd", string_or_null(rec->cwd));
	json_object_object_add(j, "argv", strv_json(rec->argv));
	json_object_object_add(j, "env", strv_json(rec->env));
	if (rec->env_compared) {
		json_object_object_add(j, "env_added", env_json(rec->env_added));
		json_object_object_add(j, "env_removed", env_json(rec->env_removed));
	}
	for (size_t i = 0; i < rec->nfds; i++) {
		json_object *f = json_object_new_object();
		json_object_object_add(f, "fd", json_object_new_int(rec->fds[i].fd));
		json_object_object_add(f, "target", json_object_new_string(rec->fds[i].target));
		json_object_object_add(f, "inherited", json_object_new_boolean(ExecFd_inherited(&rec->fds[i])));
		json_object_array_add(fds, f);
	}
	json_object_object_add(j, "fds", fds);
	for (size_t i = 0; i < rec->nattempts; i++) {
		json_object *a = json_object_new_object();
		json_object_object_add(a, "path", json_object_new_string(rec->attempts[i].path));
		json_object_object_add(a, "err", json_object_new_int(rec->attempts[i].err));
		json_object_object_add(a, "errno", json_object_new_string(errno_name(rec->attempts[i].err, name, sizeof name)));
		json_object_array_add(tries, a);
	}
	json_object_object_add(j, "failed_attempts", tries);
	return j;
}
