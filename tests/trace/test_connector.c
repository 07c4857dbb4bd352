/*
 * The proc connector: the decoder on crafted and broken datagrams, and the
 * listener against the real kernel where it is permitted (CI runs as
 * root): a storm of 20,000 vforks made while the reader is not read at all
 * must arrive whole, and a refused open must say why.
 */
#include <check.h>
#include <errno.h>
#include <linux/cn_proc.h>
#include <linux/connector.h>
#include <linux/netlink.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/clock.h"
#include "trace/cn_decode.h"
#include "trace/connector.h"
#include "base/pidmap.h"
#include "trace_test.h"

/* ---- the decoder ---- */

typedef struct Datagram {
	struct nlmsghdr nlh;
	struct cn_msg cn;
	struct proc_event pe;
} __attribute__((packed)) Datagram;

static Datagram make_event(unsigned what, uint32_t cpu, uint32_t seq)
{
	Datagram d;

	memset(&d, 0, sizeof d);
	d.nlh.nlmsg_len = sizeof d;
	d.nlh.nlmsg_type = NLMSG_DONE;
	d.cn.id.idx = CN_IDX_PROC;
	d.cn.id.val = CN_VAL_PROC;
	d.cn.seq = seq;
	d.cn.len = sizeof d.pe;
	d.pe.what = what;
	d.pe.cpu = cpu;
	d.pe.timestamp_ns = 5000000;
	return d;
}

START_TEST(test_decode_fork_exit_thread)
{
	CnSequence seq;
	EventQueue q;
	Datagram d = make_event(PROC_EVENT_FORK, 0, 10);
	Event ev;
	CnDecoded r;

	CnSequence_init(&seq);
	EventQueue_init(&q);
	d.pe.event_data.fork.parent_pid = d.pe.event_data.fork.parent_tgid = 100;
	d.pe.event_data.fork.child_pid = d.pe.event_data.fork.child_tgid = 101;
	r = cn_decode(&d, sizeof d, &seq, &q);
	ck_assert_uint_eq(r.events, 1);
	ck_assert(EventQueue_pop(&q, &ev));
	ck_assert_int_eq(ev.kind, EV_FORK);
	ck_assert_int_eq(ev.pid, 101);
	ck_assert_int_eq(ev.ppid, 100);
	ck_assert_uint_eq(ev.t_us, 5000);

	d = make_event(PROC_EVENT_FORK, 0, 11);
	d.pe.event_data.fork.child_pid = 102;
	d.pe.event_data.fork.child_tgid = 101;
	cn_decode(&d, sizeof d, &seq, &q);
	ck_assert(EventQueue_pop(&q, &ev));
	ck_assert_int_eq(ev.kind, EV_THREAD);
	ck_assert_int_eq(ev.ppid, 101);

	d = make_event(PROC_EVENT_EXIT, 0, 12);
	d.pe.event_data.exit.process_pid = d.pe.event_data.exit.process_tgid = 101;
	d.pe.event_data.exit.exit_code = 3 << 8;
	d.pe.event_data.exit.parent_tgid = 100;
	cn_decode(&d, sizeof d, &seq, &q);
	ck_assert(EventQueue_pop(&q, &ev));
	ck_assert_int_eq(ev.kind, EV_EXIT);
	ck_assert_int_eq(ev.status, 3 << 8);
	ck_assert_int_eq(ev.ppid, 100);
	ck_assert(!EventQueue_pop(&q, &ev));
	EventQueue_done(&q);
	CnSequence_done(&seq);
}
END_TEST

START_TEST(test_decode_counts_gaps_per_cpu)
{
	CnSequence seq;
	EventQueue q;
	Event ev;
	Datagram d;
	CnDecoded r;

	CnSequence_init(&seq);
	EventQueue_init(&q);
	d = make_event(PROC_EVENT_SID, 3, 7);
	cn_decode(&d, sizeof d, &seq, &q);
	d = make_event(PROC_EVENT_SID, 1, 1000); /* another CPU: its own numbers */
	cn_decode(&d, sizeof d, &seq, &q);
	d = make_event(PROC_EVENT_SID, 3, 8);
	r = cn_decode(&d, sizeof d, &seq, &q);
	ck_assert_uint_eq(r.lost, 0);
	d = make_event(PROC_EVENT_SID, 3, 20); /* 9..19 missing */
	r = cn_decode(&d, sizeof d, &seq, &q);
	ck_assert_uint_eq(r.lost, 11);
	while (EventQueue_pop(&q, &ev) && ev.kind != EV_LOST)
		;
	ck_assert_int_eq(ev.kind, EV_LOST);
	ck_assert_int_eq(ev.status, 11);
	d = make_event(PROC_EVENT_SID, 3, 15); /* from the past: no loss */
	r = cn_decode(&d, sizeof d, &seq, &q);
	ck_assert_uint_eq(r.lost, 0);
	/* An ack to another listener takes a number of its CPU: no gap. */
	d = make_event(PROC_EVENT_SID, 2, 40);
	cn_decode(&d, sizeof d, &seq, &q);
	d = make_event(PROC_EVENT_NONE, 2, 41);
	r = cn_decode(&d, sizeof d, &seq, &q);
	ck_assert_int_eq(r.ack_err, 0);
	d = make_event(PROC_EVENT_SID, 2, 42);
	r = cn_decode(&d, sizeof d, &seq, &q);
	ck_assert_uint_eq(r.lost, 0);
	EventQueue_done(&q);
	CnSequence_done(&seq);
}
END_TEST

START_TEST(test_decode_ack_and_broken_input)
{
	CnSequence seq;
	EventQueue q;
	Datagram d = make_event(PROC_EVENT_NONE, 0, 0);
	unsigned char bytes[sizeof(Datagram) * 2];
	CnDecoded r;

	CnSequence_init(&seq);
	EventQueue_init(&q);
	d.pe.event_data.ack.err = EPERM;
	r = cn_decode(&d, sizeof d, &seq, &q);
	ck_assert_int_eq(r.ack_err, EPERM);
	ck_assert_uint_eq(r.events, 0);

	/* Every truncation of a valid message, and of its declared lengths. */
	d = make_event(PROC_EVENT_EXEC, 0, 1);
	d.pe.event_data.exec.process_pid = d.pe.event_data.exec.process_tgid = 5;
	for (size_t len = 0; len < sizeof d; len++) {
		r = cn_decode(&d, len, &seq, &q);
		ck_assert_uint_eq(r.events, 0);
	}
	for (uint32_t len = 0; len < sizeof d.pe; len++) {
		Datagram short_cn = d;
		short_cn.cn.len = (uint16_t)len;
		r = cn_decode(&short_cn, sizeof short_cn, &seq, &q);
		ck_assert_uint_le(r.events, 1);
	}
	/* Lengths that lie, another connector, noise. */
	d.nlh.nlmsg_len = 0xffffff;
	ck_assert_uint_eq(cn_decode(&d, sizeof d, &seq, &q).events, 0);
	d = make_event(PROC_EVENT_EXEC, 0, 2);
	d.cn.id.idx = CN_IDX_PROC + 1;
	ck_assert_uint_eq(cn_decode(&d, sizeof d, &seq, &q).events, 0);
	d = make_event(PROC_EVENT_EXEC, 0, 3);
	d.cn.len = 0xffff;
	ck_assert_uint_eq(cn_decode(&d, sizeof d, &seq, &q).events, 0);
	srand(4);
	for (int round = 0; round < 2000; round++) {
		for (size_t i = 0; i < sizeof bytes; i++)
			bytes[i] = (unsigned char)rand();
		cn_decode(bytes, (size_t)rand() % sizeof bytes, &seq, &q);
	}
	/* Two messages in one datagram. */
	d = make_event(PROC_EVENT_SID, 9, 1);
	memcpy(bytes, &d, sizeof d);
	d.cn.seq = 2;
	memcpy(bytes + NLMSG_ALIGN(sizeof d), &d, sizeof d);
	r = cn_decode(bytes, NLMSG_ALIGN(sizeof d) + sizeof d, &seq, &q);
	ck_assert_uint_eq(r.events, 2);
	EventQueue_done(&q);
	CnSequence_done(&seq);
}
END_TEST

/* ---- the kernel ---- */

static Connector *open_or_skip(void)
{
	char err[256];
	Connector *c = Connector_open(err, sizeof err);

	if (c == NULL)
		fprintf(stderr, "connector test skipped: %s\n", err);
	return c;
}

/* Dispatches until an event of kind about pid arrives; counts along. */
static bool drain_until(Connector *c, EventKind kind, pid_t pid, void (*each)(const Event *, void *), void *arg)
{
	uint64_t deadline = clock_now_us() + FAILSAFE_US;
	Event ev;

	while (clock_now_us() < deadline) {
		Connector_dispatch(c, 100);
		while (Connector_pop(c, &ev)) {
			if (each != NULL)
				each(&ev, arg);
			if (ev.kind == kind && ev.pid == pid)
				return true;
		}
	}
	return false;
}

typedef struct StormCount {
	pid_t stormer;
	long forks, exits, lost;
	PidMap children;     /* born, not yet exited */
} StormCount;

/* An exit names its parent only if the parent has not reaped it yet when
 * the kernel sends the event: children are known by their fork instead. */
static void count_storm(const Event *ev, void *arg)
{
	StormCount *sc = arg;

	if (ev->kind == EV_FORK && ev->ppid == sc->stormer) {
		sc->forks++;
		PidMap_put(&sc->children, ev->pid, sc);
	} else if (ev->kind == EV_EXIT && ev->how != HOW_THREAD && PidMap_remove(&sc->children, ev->pid)) {
		sc->exits++;
	} else if (ev->kind == EV_LOST) {
		sc->lost += ev->status;
	}
}

START_TEST(test_storm_nothing_lost_while_busy)
{
	const long n = 20000;
	Connector *c = open_or_skip();
	StormCount sc = { 0 };
	int st;

	if (c == NULL)
		return;
	PidMap_init(&sc.children);
	sc.stormer = fork();
	if (sc.stormer == 0) {
		/* vfork: no page tables to copy, so the storm takes a second or
		 * two even in a sanitizer build, not a minute. The connector
		 * hears every process of the machine; the longer the storm, the
		 * more of the others' events pile up in the reader's bounded
		 * queue meanwhile, and on a busy machine they overflowed it. */
		for (long i = 0; i < n; i++) {
			pid_t pid = vfork();
			if (pid == 0)
				_exit(0);
			if (pid < 0 || waitpid(pid, NULL, 0) != pid)
				_exit(1);
		}
		_exit(0);
	}
	/* Busy the whole storm long: not one dispatch until it is over. */
	ck_assert_int_eq(waitpid(sc.stormer, &st, 0), sc.stormer);
	ck_assert_int_eq(st, 0);
	ck_assert(drain_until(c, EV_EXIT, sc.stormer, count_storm, &sc));
	ck_assert_int_eq(sc.lost, 0);
	ck_assert_uint_eq(Connector_lost(c), 0);
	ck_assert_int_eq(sc.forks, n);
	ck_assert_int_eq(sc.exits, n);
	ck_assert(!Connector_take_rescan(c));
	PidMap_done(&sc.children);
	Connector_close(c);
}
END_TEST

START_TEST(test_exec_and_exit_of_one_process)
{
	Connector *c = open_or_skip();
	uint64_t before = clock_now_us(), after;
	pid_t pid;
	Event ev;
	bool fork_seen = false, exec_seen = false;
	uint64_t deadline = clock_now_us() + FAILSAFE_US;

	if (c == NULL)
		return;
	pid = start_waiter();
	after = clock_now_us();
	while (!exec_seen && clock_now_us() < deadline) {
		Connector_dispatch(c, 100);
		while (Connector_pop(c, &ev)) {
			if (ev.kind == EV_FORK && ev.pid == pid) {
				fork_seen = true;
				ck_assert_int_eq(ev.ppid, getpid());
				ck_assert(ev.t_us >= before && ev.t_us <= after);
			}
			if (ev.kind == EV_EXEC && ev.pid == pid) {
				exec_seen = true;
				ck_assert_str_eq(ev.detail, trace_helper());
				ck_assert_str_eq(ev.comm, "trace-helper");
			}
		}
	}
	ck_assert(fork_seen && exec_seen);
	kill(pid, SIGTERM);
	ck_assert_int_eq(waitpid(pid, NULL, 0), pid);
	deadline = clock_now_us() + FAILSAFE_US;
	for (bool exit_seen = false; !exit_seen;) {
		ck_assert(clock_now_us() < deadline);
		Connector_dispatch(c, 100);
		while (Connector_pop(c, &ev))
			if (ev.kind == EV_EXIT && ev.pid == pid) {
				exit_seen = true;
				ck_assert(WIFSIGNALED(ev.status) && WTERMSIG(ev.status) == SIGTERM);
			}
	}
	Connector_close(c);
}
END_TEST

/* The connector lives in the initial network namespace only: elsewhere the
 * open is refused, and says why. */
START_TEST(test_refused_says_why)
{
	pid_t pid;
	int st, p[2];
	char msg[256] = "";

	ck_assert_int_eq(pipe(p), 0);
	pid = fork();
	if (pid == 0) {
		char err[256] = "";
		Connector *c;
		if (unshare(CLONE_NEWUSER | CLONE_NEWNET) < 0 && unshare(CLONE_NEWNET) < 0)
			_exit(4); /* no way to leave the namespace here */
		c = Connector_open(err, sizeof err);
		if (write(p[1], err, strlen(err)) < 0)
			_exit(3);
		_exit(c == NULL ? 0 : 1);
	}
	close(p[1]);
	ck_assert_int_ge(read(p[0], msg, sizeof msg - 1), 0);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFEXITED(st));
	if (WEXITSTATUS(st) == 4) {
		fprintf(stderr, "refusal test skipped: cannot make a network namespace\n");
		return;
	}
	ck_assert_msg(WEXITSTATUS(st) == 0, "opened in another network namespace");
	ck_assert_ptr_nonnull(strstr(msg, "connector"));
	ck_assert_uint_gt(strlen(msg), 20);
	close(p[0]);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("connector");
	TCase *decode = tcase_create("decode"), *kernel = tcase_create("kernel");
	SRunner *sr;
	int failed;

	ADD_TEST(decode, test_decode_fork_exit_thread);
	ADD_TEST(decode, test_decode_counts_gaps_per_cpu);
	ADD_TEST(decode, test_decode_ack_and_broken_input);
	tcase_set_timeout(kernel, 120);
	ADD_TEST(kernel, test_storm_nothing_lost_while_busy);
	ADD_TEST(kernel, test_exec_and_exit_of_one_process);
	ADD_TEST(kernel, test_refused_says_why);
	suite_add_tcase(s, decode);
	suite_add_tcase(s, kernel);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
