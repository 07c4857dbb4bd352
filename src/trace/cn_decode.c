/*
 * cn_decode: see cn_decode.h. Every length is checked against what is left
 * of the datagram before a field is read; a message that is short or of
 * another connector is skipped, never half-read. Fields are copied out with
 * memcpy: the netlink payload carries no alignment promise for our reads.
 */
#include "trace/cn_decode.h"

#include <linux/cn_proc.h>
#include <linux/connector.h>
#include <linux/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

/* More CPUs than this and the numbers are not tracked (never seen yet). */
#define MAX_CPUS 8192

void CnSequence_init(CnSequence *seq)
{
	memset(seq, 0, sizeof *seq);
}

void CnSequence_done(CnSequence *seq)
{
	free(seq->next);
	free(seq->seen);
	memset(seq, 0, sizeof *seq);
}

/* The number of messages missing before seqno on cpu. */
static unsigned long sequence_gap(CnSequence *seq, uint32_t cpu, uint32_t seqno)
{
	uint32_t gap;

	if (cpu >= MAX_CPUS)
		return 0;
	if (cpu >= seq->ncpus) {
		size_t n = cpu + 1 > seq->ncpus * 2 ? cpu + 1 : seq->ncpus * 2;
		seq->next = xreallocarray(seq->next, n, sizeof *seq->next);
		seq->seen = xreallocarray(seq->seen, n, sizeof *seq->seen);
		memset(seq->seen + seq->ncpus, 0, n - seq->ncpus);
		seq->ncpus = n;
	}
	gap = seq->seen[cpu] ? seqno - seq->next[cpu] : 0;
	seq->seen[cpu] = 1;
	seq->next[cpu] = seqno + 1;
	/* A number from the past (wrapped or reordered) is no loss. */
	return gap < 0x80000000u ? gap : 0;
}

static void copy_comm(char dst[16], const char *src)
{
	size_t n = strnlen(src, 15);

	for (size_t i = 0; i < n; i++)
		dst[i] = (unsigned char)src[i] < 0x20 ? '?' : src[i];
	dst[n] = '\0';
}

/* One proc_event, len bytes of it available; false if too short. */
static bool decode_event(const struct proc_event *pe_raw, size_t len, Event *ev, int *ack_err)
{
	struct proc_event pe;
	size_t head = offsetof(struct proc_event, event_data);

	if (len < head)
		return false;
	memset(&pe, 0, sizeof pe);
	memcpy(&pe, pe_raw, len < sizeof pe ? len : sizeof pe);
	memset(ev, 0, sizeof *ev);
	ev->t_us = pe.timestamp_ns / 1000;
	switch (pe.what) {
	case PROC_EVENT_NONE:
		if (len < head + sizeof pe.event_data.ack)
			return false;
		*ack_err = (int)pe.event_data.ack.err;
		return false;
	case PROC_EVENT_FORK: {
		const struct fork_proc_event *f = &pe.event_data.fork;
		if (len < head + sizeof *f)
			return false;
		if (f->child_pid != f->child_tgid) {
			ev->kind = EV_THREAD;
			ev->how = HOW_THREAD;
			ev->pid = f->child_pid;
			ev->ppid = f->child_tgid;
		} else {
			ev->kind = EV_FORK;
			ev->pid = f->child_tgid;
			ev->ppid = f->parent_tgid;
		}
		return true;
	}
	case PROC_EVENT_EXEC:
		if (len < head + sizeof pe.event_data.exec)
			return false;
		ev->kind = EV_EXEC;
		ev->pid = pe.event_data.exec.process_tgid;
		return true;
	case PROC_EVENT_EXIT: {
		const struct exit_proc_event *x = &pe.event_data.exit;
		/* Kernels before 4.18 end the exit event before the parent. */
		if (len < head + offsetof(struct exit_proc_event, parent_pid))
			return false;
		ev->kind = EV_EXIT;
		ev->status = (int)x->exit_code;
		if (x->process_pid != x->process_tgid) {
			ev->how = HOW_THREAD;
			ev->pid = x->process_pid;
			ev->ppid = x->process_tgid;
		} else {
			ev->pid = x->process_tgid;
			ev->ppid = len >= head + sizeof *x ? x->parent_tgid : 0;
		}
		return true;
	}
	case PROC_EVENT_COMM:
		if (len < head + sizeof pe.event_data.comm)
			return false;
		ev->kind = EV_COMM;
		ev->pid = pe.event_data.comm.process_pid;
		copy_comm(ev->comm, pe.event_data.comm.comm);
		return true;
	case PROC_EVENT_UID:
	case PROC_EVENT_GID:
		if (len < head + sizeof pe.event_data.id)
			return false;
		ev->kind = EV_UID;
		ev->pid = pe.event_data.id.process_tgid;
		snprintf(ev->detail, sizeof ev->detail, "%s %u e%s %u",
			 pe.what == PROC_EVENT_UID ? "uid" : "gid", pe.event_data.id.r.ruid,
			 pe.what == PROC_EVENT_UID ? "uid" : "gid", pe.event_data.id.e.euid);
		return true;
	case PROC_EVENT_SID:
		if (len < head + sizeof pe.event_data.sid)
			return false;
		ev->kind = EV_SID;
		ev->pid = pe.event_data.sid.process_tgid;
		return true;
	default:
		return false; /* ptrace, coredump: the other sources say more */
	}
}

static void push_lost(EventQueue *out, unsigned long gap, uint32_t cpu, uint64_t t_us)
{
	Event ev = { .t_us = t_us, .kind = EV_LOST, .status = (int)(gap > 0x7fffffff ? 0x7fffffff : gap) };

	snprintf(ev.detail, sizeof ev.detail, "%lu events lost (sequence gap on cpu %u)", gap, cpu);
	EventQueue_push(out, &ev);
}

CnDecoded cn_decode(const void *buf, size_t len, CnSequence *seq, EventQueue *out)
{
	CnDecoded res = { .ack_err = -1 };
	const unsigned char *p = buf;

	while (len >= sizeof(struct nlmsghdr)) {
		struct nlmsghdr nlh;
		struct cn_msg cn;
		size_t msg_len, payload, step;
		Event ev;
		int ack = -1;

		memcpy(&nlh, p, sizeof nlh);
		msg_len = nlh.nlmsg_len;
		if (msg_len < sizeof nlh || msg_len > len)
			break;
		payload = msg_len - NLMSG_HDRLEN;
		if (nlh.nlmsg_type != NLMSG_ERROR && nlh.nlmsg_type != NLMSG_NOOP && msg_len >= NLMSG_HDRLEN &&
		    payload >= sizeof cn) {
			memcpy(&cn, p + NLMSG_HDRLEN, sizeof cn);
			if (cn.id.idx == CN_IDX_PROC && cn.id.val == CN_VAL_PROC && cn.len <= payload - sizeof cn) {
				const struct proc_event *pe = (const void *)(p + NLMSG_HDRLEN + sizeof cn);
				bool is_event = decode_event(pe, cn.len, &ev, &ack);
				if (ack >= 0)
					res.ack_err = ack;
				/* Acks (to anyone's listen) take a number too, on current
				 * kernels; older ones say cpu -1 and are not counted. */
				if (cn.len >= offsetof(struct proc_event, timestamp_ns)) {
					uint32_t cpu;
					unsigned long gap;
					memcpy(&cpu, (const unsigned char *)pe + offsetof(struct proc_event, cpu), sizeof cpu);
					gap = sequence_gap(seq, cpu, cn.seq);
					if (gap > 0) {
						push_lost(out, gap, cpu, is_event ? ev.t_us : 0);
						res.lost += gap;
						res.events++;
					}
				}
				if (is_event) {
					EventQueue_push(out, &ev);
					res.events++;
				}
			}
		}
		step = NLMSG_ALIGN(msg_len);
		if (step >= len)
			break;
		p += step;
		len -= step;
	}
	return res;
}
