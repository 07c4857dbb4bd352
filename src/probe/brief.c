/* Brief reads of a process for the event sources: see brief.h. */
#include "probe/brief.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe/procfs.h"
#include "probe/status.h"

ReadState ProcBrief_parse(const char *text, size_t len, ProcBrief *out)
{
	ProcStat st;
	ReadState rs = stat_parse(text, len, &st);

	memset(out, 0, sizeof *out);
	if (rs != READ_OK)
		return rs;
	out->pid = st.pid;
	out->ppid = st.ppid;
	out->state = st.task_state;
	out->kthread = (st.flags & STAT_PF_KTHREAD) != 0;
	memcpy(out->comm, st.comm, strnlen(st.comm, sizeof out->comm - 1)); /* zeroed above */
	out->start_ticks = st.start_ticks;
	out->image = st.image;
	return READ_OK;
}

ReadState ProcBrief_read(pid_t pid, ProcBrief *out)
{
	FileText text;
	ReadState rs = procfs_read(pid, "stat", PROCFS_SMALL_MAX, &text);

	if (rs != READ_OK) {
		memset(out, 0, sizeof *out);
		return rs;
	}
	rs = ProcBrief_parse(text.text, text.len, out);
	FileText_done(&text);
	/* A zombie reaped between open and read gives an empty read. */
	return rs == READ_MALFORMED && text.len == 0 ? READ_GONE : rs;
}

ReadState brief_exe(pid_t pid, char *buf, size_t buflen)
{
	char *target;
	ReadState rs;

	if (buflen == 0)
		return READ_ERROR;
	buf[0] = '\0';
	rs = procfs_readlink(pid, "exe", &target);
	if (rs == READ_OK) {
		snprintf(buf, buflen, "%s", target);
		free(target);
	}
	return rs;
}

/* A short file of pid's into buf, cut to fit: its length, or -1. */
static long read_short(pid_t pid, const char *name, char *buf, size_t buflen, ReadState *rs)
{
	FileText text;
	size_t n;

	*rs = procfs_read(pid, name, PROCFS_SMALL_MAX, &text);
	if (*rs != READ_OK)
		return -1;
	n = text.len < buflen - 1 ? text.len : buflen - 1;
	memcpy(buf, text.text, n);
	buf[n] = '\0';
	FileText_done(&text);
	return (long)n;
}

ReadState brief_comm(pid_t pid, char *buf, size_t buflen)
{
	ReadState rs;
	long n;

	if (buflen == 0)
		return READ_ERROR;
	buf[0] = '\0';
	n = read_short(pid, "comm", buf, buflen, &rs);
	while (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	return rs;
}

ReadState brief_cmdline(pid_t pid, char *buf, size_t buflen)
{
	ReadState rs;
	long n;

	if (buflen == 0)
		return READ_ERROR;
	buf[0] = '\0';
	n = read_short(pid, "cmdline", buf, buflen, &rs);
	if (n > 0) {
		char *joined = cmdline_join(buf, (size_t)n);
		snprintf(buf, buflen, "%s", joined);
		free(joined);
	}
	return rs;
}
