/*
 * Batch output of events: the words come from event_describe, so a batch
 * line says what the timeline pane says; JSON adds the raw fields.
 */
#include "print/event_json.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "probe/sigset.h"

static const char *pid_of(const EventOutput *o, pid_t pid, char *buf, size_t len)
{
	if (o->pid_text != NULL)
		return o->pid_text(o->ctx, pid, buf, len);
	snprintf(buf, len, "%d", (int)pid);
	return buf;
}

/* A pid as a JSON number, numbered as the text numbers it. */
static json_object *pid_json(const EventOutput *o, pid_t pid)
{
	return json_object_new_int(o->pid_number != NULL ? o->pid_number(o->ctx, pid) : (int)pid);
}

/* Seconds as a number with six decimals, microseconds exactly: a double
 * printed as it is would read 0.0069490000000000003. */
static json_object *seconds_json(double seconds)
{
	char text[32];

	snprintf(text, sizeof text, "%.6f", seconds);
	return json_object_new_double_s(seconds, text);
}

static double seconds_since(const EventOutput *o, uint64_t t_us)
{
	return o->stable || t_us < o->t0_us ? 0.0 : (double)(t_us - o->t0_us) / 1e6;
}

/* With stable output, the pids inside the text get their stable numbers
 * too: a run of digits standing alone (not in a word, a hex number or an
 * inode's brackets) that the run knows as a pid. */
static void stable_text(const EventOutput *o, char *text, size_t len)
{
	char out[512], num[24];
	size_t i = 0, k = 0;

	if (!o->stable || o->is_pid == NULL || o->pid_text == NULL)
		return;
	while (text[i] != '\0' && k + 1 < sizeof out) {
		size_t j = i;
		bool alone;

		if (!isdigit((unsigned char)text[i])) {
			out[k++] = text[i++];
			continue;
		}
		while (isdigit((unsigned char)text[j]))
			j++;
		alone = (i == 0 || (!isalnum((unsigned char)text[i - 1]) && text[i - 1] != '[' &&
				    text[i - 1] != '.' && text[i - 1] != '_')) &&
			!isalnum((unsigned char)text[j]) && text[j] != '.' && j - i < 10;
		if (alone && o->is_pid(o->ctx, strtol(text + i, NULL, 10))) {
			o->pid_text(o->ctx, (pid_t)strtol(text + i, NULL, 10), num, sizeof num);
			for (size_t n = 0; num[n] != '\0' && k + 1 < sizeof out; n++)
				out[k++] = num[n];
		} else {
			for (size_t n = i; n < j && k + 1 < sizeof out; n++)
				out[k++] = text[n];
		}
		i = j;
	}
	out[k] = '\0';
	snprintf(text, len, "%s", out);
}

void event_print_line(FILE *out, const Event *ev, const EventOutput *o)
{
	char text[512], pid[24];

	event_describe(ev, o->pid_text, o->ctx, text, sizeof text);
	stable_text(o, text, sizeof text);
	fprintf(out, "%11.6f %7s  %-10s %s\n", seconds_since(o, ev->t_us), pid_of(o, ev->pid, pid, sizeof pid),
		ev->kind == EV_API ? ev->api : EventKind_name(ev->kind), text);
}

json_object *event_json(const Event *ev, const EventOutput *o)
{
	json_object *j = json_object_new_object();
	char text[512];

	event_describe(ev, o->pid_text, o->ctx, text, sizeof text);
	stable_text(o, text, sizeof text);
	json_object_object_add(j, "t", seconds_json(seconds_since(o, ev->t_us)));
	json_object_object_add(j, "event", json_object_new_string(EventKind_name(ev->kind)));
	json_object_object_add(j, "pid", pid_json(o, ev->pid));
	if (ev->ppid > 0)
		json_object_object_add(j, "ppid", pid_json(o, ev->ppid));
	if (ev->kind == EV_FORK || ev->kind == EV_VFORK || ev->kind == EV_CLONE || ev->kind == EV_THREAD)
		json_object_object_add(j, "how", json_object_new_string(CreateHow_name(ev->how)));
	if (ev->kind == EV_API) {
		json_object_object_add(j, "api", json_object_new_string(ev->api));
		json_object_object_add(j, "ret", json_object_new_int64(ev->ret));
		json_object_object_add(j, "err", json_object_new_int(ev->err));
		if (ev->child > 0)
			json_object_object_add(j, "child", pid_json(o, ev->child));
	}
	if (ev->kind == EV_EXIT) {
		char status[64];
		wait_status_format(ev->status, status, sizeof status);
		json_object_object_add(j, "status", json_object_new_string(status));
		json_object_object_add(j, "wait_status", json_object_new_int(ev->status));
	}
	if (ev->kind == EV_SIGNAL || ev->kind == EV_STOP)
		json_object_object_add(j, "signal", json_object_new_string(signal_name(ev->signo)));
	if (ev->kind == EV_EXEC) {
		json_object_object_add(j, "path", json_object_new_string(ev->detail));
		json_object_object_add(j, "comm", json_object_new_string(ev->comm));
		json_object_object_add(j, "argv", json_object_new_string(ev->argv));
	}
	if (ev->kind == EV_EXEC_FAILED) {
		char name[24];
		json_object_object_add(j, "path", json_object_new_string(ev->detail));
		json_object_object_add(j, "err", json_object_new_int(ev->err));
		json_object_object_add(j, "errno", json_object_new_string(errno_name(ev->err, name, sizeof name)));
	}
	if (ev->kind == EV_BREAK) {
		json_object_object_add(j, "breakpoint", json_object_new_string(ev->detail));
		if (ev->child > 0)
			json_object_object_add(j, "child", pid_json(o, ev->child));
	}
	json_object_object_add(j, "text", json_object_new_string(text));
	return j;
}
