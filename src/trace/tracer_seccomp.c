/*
 * The tracer's seccomp stops (TracerSpawn.exec_attempts): the filter stops
 * each execve and execveat at its entry, and each write and writev to FD 1
 * and 2 when output_writers is on. An exec is followed to its syscall exit,
 * reached only when it fails (EV_EXEC_FAILED with the path and errno); a
 * write to the output pipe leaves its writer and bytes for the pipe's
 * reader (Tracer_pop_write). Part of the tracer: see tracer_internal.h.
 */
#include "trace/tracer.h"

#include <stdint.h>
#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "base/xalloc.h"
#include "probe/procfs.h"
#include "trace/tracer_internal.h"
#include "trace/tracer_log.h"

/* The string at addr in the tracee, cut to len - 1 bytes. */
static void read_tracee_string(pid_t pid, unsigned long long addr, char *buf, size_t len)
{
	struct iovec local = { buf, len - 1 }, remote = { (void *)(uintptr_t)addr, len - 1 };
	ssize_t n;

	/* A short read is normal: the string may end just before an unmapped page. */
	n = addr != 0 ? process_vm_readv(pid, &local, 1, &remote, 1, 0) : -1;
	if (n <= 0) {
		/* Across a page boundary the whole read fails: byte by byte up to it. */
		size_t i = 0;
		for (; i < len - 1; i++) {
			struct iovec l1 = { buf + i, 1 }, r1 = { (void *)(uintptr_t)(addr + i), 1 };
			if (addr == 0 || process_vm_readv(pid, &l1, 1, &r1, 1, 0) != 1 || buf[i] == '\0')
				break;
		}
		n = (ssize_t)i;
	}
	buf[n] = '\0';
}

/* Is FD fd of pid the output pipe? */
static bool writes_to_output(const Tracer *t, pid_t pid, int fd)
{
	char name[32];
	struct stat st;

	snprintf(name, sizeof name, "fd/%d", fd);
	return t->output_ino != 0 && procfs_stat(pid, name, &st) == READ_OK && S_ISFIFO(st.st_mode) &&
	       st.st_ino == t->output_ino;
}

/* The bytes a write or writev is about to write, up to TRACER_WRITE_MAX. */
static size_t read_write_bytes(pid_t pid, const struct __ptrace_syscall_info *info, char *buf)
{
	struct iovec local = { buf, 0 }, remote[64];
	size_t want = 0;
	ssize_t n;

	if (info->seccomp.nr == SYS_write) {
		want = info->seccomp.args[2] < TRACER_WRITE_MAX ? info->seccomp.args[2] : TRACER_WRITE_MAX;
		remote[0] = (struct iovec){ (void *)(uintptr_t)info->seccomp.args[1], want };
		local.iov_len = want;
		n = want > 0 ? process_vm_readv(pid, &local, 1, remote, 1, 0) : 0;
		return n > 0 ? (size_t)n : 0;
	}
	/* writev: its iovec array first, then what it points at. */
	size_t cnt = info->seccomp.args[2] < 64 ? info->seccomp.args[2] : 64;
	struct iovec arr = { remote, cnt * sizeof remote[0] },
		     from = { (void *)(uintptr_t)info->seccomp.args[1], cnt * sizeof remote[0] };
	if (cnt == 0 || process_vm_readv(pid, &arr, 1, &from, 1, 0) != (ssize_t)(cnt * sizeof remote[0]))
		return 0;
	for (size_t i = 0; i < cnt; i++) {
		if (want + remote[i].iov_len > TRACER_WRITE_MAX)
			remote[i].iov_len = TRACER_WRITE_MAX - want;
		want += remote[i].iov_len;
	}
	local.iov_len = want;
	n = want > 0 ? process_vm_readv(pid, &local, 1, remote, cnt, 0) : 0;
	return n > 0 ? (size_t)n : 0;
}

/* A write to FD 1 or 2 is about to run: if it goes to the output pipe,
 * keep its writer and bytes for the pipe's reader. */
static void on_write_entry(Tracer *t, Tracee *tr, const struct __ptrace_syscall_info *info)
{
	char buf[TRACER_WRITE_MAX];
	size_t len;

	if (writes_to_output(t, tr->pid, (int)info->seccomp.args[0]) &&
	    (len = read_write_bytes(tr->pid, info, buf)) > 0) {
		if (t->nwrites == t->writes_cap) {
			t->writes_cap = t->writes_cap ? t->writes_cap * 2 : 16;
			t->writes = xreallocarray(t->writes, t->writes_cap, sizeof *t->writes);
		}
		t->writes[t->nwrites++] = (TracerWrite){ .pid = tr->tgid, .data = xmemdup(buf, len),
							 .len = len };
	}
	tracer_resume(t, tr);
}

/* An execve or execveat is about to run: note its path, and follow it to
 * the syscall's exit, which is reached only if it fails. */
void tracer_on_seccomp(Tracer *t, Tracee *tr)
{
	struct __ptrace_syscall_info info = { 0 };

	if (ptrace(PTRACE_GET_SYSCALL_INFO, tr->pid, sizeof info, &info) > 0 &&
	    info.op == PTRACE_SYSCALL_INFO_SECCOMP && info.seccomp.ret_data == TRACER_STOP_WRITE) {
		on_write_entry(t, tr, &info);
		return;
	}
	if (info.op == PTRACE_SYSCALL_INFO_SECCOMP) {
		bool at = info.seccomp.nr == SYS_execveat;
		read_tracee_string(tr->pid, info.seccomp.args[at ? 1 : 0], tr->exec_path,
				   sizeof tr->exec_path);
		tr->exec_trying = true;
		tracer_log("exec entry %d: %s", (int)tr->pid, tr->exec_path);
	}
	tracer_resume(t, tr);
}

void tracer_on_syscall_exit(Tracer *t, Tracee *tr)
{
	struct __ptrace_syscall_info info = { 0 };

	if (tr->exec_trying && ptrace(PTRACE_GET_SYSCALL_INFO, tr->pid, sizeof info, &info) > 0 &&
	    info.op == PTRACE_SYSCALL_INFO_EXIT && info.exit.is_error) {
		Event ev = tracer_event(tr, EV_EXEC_FAILED);
		ev.err = (int)-info.exit.rval;
		ev.ret = -1;
		snprintf(ev.api, sizeof ev.api, "%s", "execve");
		snprintf(ev.detail, sizeof ev.detail, "%s", tr->exec_path);
		tracer_emit(t, &ev);
	}
	tr->exec_trying = false;
	tracer_resume(t, tr);
}

