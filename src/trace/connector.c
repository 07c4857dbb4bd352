/*
 * The proc connector listener: see connector.h. Two queues: the reader
 * thread appends to `shared` under the mutex and bumps the eventfd;
 * Connector_dispatch moves `shared` into `ready`, which only the caller's
 * thread touches. The reader blocks every signal, so SIGCHLD (read through
 * the tracer's signalfd) and the ui's signals never land on it, and it
 * stops when `stop_fd` becomes readable.
 */
#include "trace/connector.h"

#include <errno.h>
#include <linux/cn_proc.h>
#include <linux/connector.h>
#include <linux/netlink.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "trace/cn_decode.h"
#include "trace/event_queue.h"
#include "probe/brief.h"
#include "probe/procfs.h"

#define RCVBUF_WANTED (16 << 20)
/* Past this many events waiting for the caller, new ones are dropped and
 * counted as lost (about 40 MiB of Events). */
#define SHARED_MAX (1u << 17)
#define ACK_WAIT_MS 2000
/* One recv: netlink datagrams of the connector are small; many fit. */
#define RECV_BUF (1 << 17)

struct Connector {
	int sock;
	int event_fd;          /* Connector_fd: the reader signals it */
	int stop_fd;           /* the reader stops when this is readable */
	int rcvbuf;
	pthread_t reader;
	bool reader_running;
	pthread_mutex_t lock;  /* guards shared and rescan */
	EventQueue shared;
	unsigned long lost;    /* atomic: read without the lock */
	bool rescan;
	char *buf;             /* owned: RECV_BUF bytes, the reader's once it runs */
	EventQueue ready;      /* the caller's */
	CnSequence seq;        /* the reader's */
};

static int set_rcvbuf(Connector *c)
{
	int size = RCVBUF_WANTED;
	socklen_t len = sizeof c->rcvbuf;

	/* FORCE passes rmem_max but needs CAP_NET_ADMIN; the plain one is capped. */
	if (setsockopt(c->sock, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) < 0)
		setsockopt(c->sock, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
	return getsockopt(c->sock, SOL_SOCKET, SO_RCVBUF, &c->rcvbuf, &len);
}

static int send_listen(Connector *c, enum proc_cn_mcast_op op)
{
	union {
		char bytes[NLMSG_SPACE(sizeof(struct cn_msg) + sizeof(enum proc_cn_mcast_op))];
		struct nlmsghdr align;
	} msg;
	struct nlmsghdr *nlh = &msg.align;
	struct cn_msg *cn = NLMSG_DATA(nlh);

	memset(&msg, 0, sizeof msg);
	nlh->nlmsg_len = NLMSG_LENGTH(sizeof *cn + sizeof op);
	nlh->nlmsg_type = NLMSG_DONE;
	nlh->nlmsg_pid = 0;
	cn->id.idx = CN_IDX_PROC;
	cn->id.val = CN_VAL_PROC;
	cn->len = sizeof op;
	memcpy(cn->data, &op, sizeof op);
	return send(c->sock, nlh, nlh->nlmsg_len, 0) < 0 ? -1 : 0;
}

/* Reads until the kernel answers the listen request (events that come
 * first are kept). 0, or an errno value. */
static int await_ack(Connector *c)
{
	for (;;) {
		struct pollfd pfd = { .fd = c->sock, .events = POLLIN };
		CnDecoded d;
		ssize_t n;
		int r = poll(&pfd, 1, ACK_WAIT_MS);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r == 0 ? ETIMEDOUT : errno;
		n = recv(c->sock, c->buf, RECV_BUF, 0);
		if (n < 0 && errno == ENOBUFS) {
			c->rescan = true; /* the answer may come yet: read on */
			continue;
		}
		if (n < 0)
			return errno;
		d = cn_decode(c->buf, (size_t)n, &c->seq, &c->shared);
		if (d.ack_err >= 0)
			return d.ack_err;
	}
}

/* Exec events: the program and comm, read while the process most likely
 * still is what it just became. */
static void add_exec_details(EventQueue *q, size_t from)
{
	for (size_t i = from; i < q->count; i++) {
		Event *ev = &q->ring[(q->head + i) & (q->cap - 1)];
		if (ev->kind == EV_EXEC) {
			brief_exe(ev->pid, ev->detail, sizeof ev->detail);
			brief_comm(ev->pid, ev->comm, sizeof ev->comm);
			brief_cmdline(ev->pid, ev->argv, sizeof ev->argv);
		}
	}
}

/* Hands a batch to the caller's side; over the cap, drops and counts. */
static void publish(Connector *c, EventQueue *batch, unsigned long lost, bool overran)
{
	Event ev;
	bool any;

	pthread_mutex_lock(&c->lock);
	while (EventQueue_pop(batch, &ev)) {
		if (c->shared.count >= SHARED_MAX) {
			lost++;
			continue;
		}
		EventQueue_push(&c->shared, &ev);
	}
	if (overran && c->shared.count < SHARED_MAX) {
		Event note = { .t_us = clock_now_us(), .kind = EV_LOST, .status = 0 };
		snprintf(note.detail, sizeof note.detail, "receive buffer overran: rescan /proc");
		EventQueue_push(&c->shared, &note);
	}
	__atomic_fetch_add(&c->lost, lost, __ATOMIC_RELAXED);
	c->rescan |= lost > 0 || overran;
	any = c->shared.count > 0;
	pthread_mutex_unlock(&c->lock);
	if (any) {
		uint64_t one = 1;
		ssize_t w = write(c->event_fd, &one, sizeof one);
		(void)w; /* a saturated eventfd is readable anyway */
	}
}

static void *reader_main(void *arg)
{
	Connector *c = arg;
	EventQueue batch;
	struct pollfd fds[2] = { { .fd = c->sock, .events = POLLIN }, { .fd = c->stop_fd, .events = POLLIN } };

	EventQueue_init(&batch);
	for (;;) {
		unsigned long lost = 0;
		bool overran = false;

		if (poll(fds, 2, -1) < 0 && errno != EINTR)
			break;
		if (fds[1].revents & POLLIN)
			break;
		for (int drained = 0; drained < 4096; drained++) {
			ssize_t n = recv(c->sock, c->buf, RECV_BUF, MSG_DONTWAIT);
			size_t before = batch.count;
			CnDecoded d;

			if (n < 0) {
				if (errno == ENOBUFS) {
					overran = true; /* the gaps will say how many */
					continue;
				}
				break; /* EAGAIN: drained */
			}
			d = cn_decode(c->buf, (size_t)n, &c->seq, &batch);
			lost += d.lost;
			add_exec_details(&batch, before);
		}
		publish(c, &batch, lost, overran);
	}
	EventQueue_done(&batch);
	return NULL;
}

static void close_fds(Connector *c)
{
	if (c->sock >= 0)
		close(c->sock);
	if (c->event_fd >= 0)
		close(c->event_fd);
	if (c->stop_fd >= 0)
		close(c->stop_fd);
}

static void free_connector(Connector *c)
{
	close_fds(c);
	pthread_mutex_destroy(&c->lock);
	EventQueue_done(&c->shared);
	EventQueue_done(&c->ready);
	CnSequence_done(&c->seq);
	free(c->buf);
	free(c);
}

static int start_reader(Connector *c)
{
	sigset_t all, old;
	int rc;

	/* The thread inherits this mask: no signal ever runs on it. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&c->reader, NULL, reader_main, c);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	c->reader_running = rc == 0;
	return rc;
}

/* Its words may land in a JSON note (watch): L_, see i18n.h. */
static void refused(char *err, size_t errlen, int e, bool for_lack_of_cap)
{
	if (for_lack_of_cap)
		snprintf(err, errlen, L_("proc connector refused: %s (it needs CAP_NET_ADMIN)"),
			 i18n_log_strerror(e));
	else
		snprintf(err, errlen, L_("proc connector refused: %s"), i18n_log_strerror(e));
}

Connector *Connector_open(char *err, size_t errlen)
{
	Connector *c = xcalloc(1, sizeof *c);
	struct sockaddr_nl addr = { .nl_family = AF_NETLINK, .nl_groups = CN_IDX_PROC };
	int e;

	c->sock = c->event_fd = c->stop_fd = -1;
	c->buf = xmalloc(RECV_BUF);
	pthread_mutex_init(&c->lock, NULL);
	EventQueue_init(&c->shared);
	EventQueue_init(&c->ready);
	CnSequence_init(&c->seq);
	c->sock = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_CONNECTOR);
	if (c->sock < 0) {
		e = errno;
		if (e == EPROTONOSUPPORT)
			snprintf(err, errlen, L_("no proc connector: %s (outside the initial network "
						 "namespace, or a kernel without CONFIG_PROC_EVENTS)"),
				 i18n_log_strerror(e));
		else
			snprintf(err, errlen, L_("no proc connector: %s"), i18n_log_strerror(e));
		goto fail;
	}
	set_rcvbuf(c);
	if (bind(c->sock, (struct sockaddr *)&addr, sizeof addr) < 0 || send_listen(c, PROC_CN_MCAST_LISTEN) < 0) {
		e = errno;
		refused(err, errlen, e, e == EPERM || e == EACCES);
		goto fail;
	}
	e = await_ack(c);
	if (e != 0) {
		refused(err, errlen, e, e == EPERM);
		goto fail;
	}
	c->event_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	c->stop_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (c->event_fd < 0 || c->stop_fd < 0 || (e = start_reader(c)) != 0) {
		snprintf(err, errlen, L_("cannot start the connector's reader: %s"),
			 i18n_log_strerror(c->event_fd < 0 || c->stop_fd < 0 ? errno : e));
		goto fail;
	}
	if (c->shared.count > 0) {
		uint64_t one = 1;
		ssize_t w = write(c->event_fd, &one, sizeof one);
		(void)w;
	}
	return c;
fail:
	free_connector(c);
	return NULL;
}

void Connector_close(Connector *c)
{
	if (c == NULL)
		return;
	if (c->reader_running) {
		uint64_t one = 1;
		ssize_t w = write(c->stop_fd, &one, sizeof one);
		(void)w;
		pthread_join(c->reader, NULL);
	}
	send_listen(c, PROC_CN_MCAST_IGNORE);
	free_connector(c);
}

int Connector_fd(const Connector *c)
{
	return c->event_fd;
}

int Connector_dispatch(Connector *c, int timeout_ms)
{
	uint64_t count;

	if (timeout_ms != 0 && c->ready.count == 0) {
		struct pollfd pfd = { .fd = c->event_fd, .events = POLLIN };
		if (poll(&pfd, 1, timeout_ms) < 0 && errno != EINTR)
			return -1;
	}
	if (read(c->event_fd, &count, sizeof count) < 0 && errno != EAGAIN)
		return -1;
	pthread_mutex_lock(&c->lock);
	EventQueue_move_all(&c->ready, &c->shared);
	pthread_mutex_unlock(&c->lock);
	return (int)(c->ready.count > INT32_MAX ? INT32_MAX : c->ready.count);
}

bool Connector_pop(Connector *c, Event *ev)
{
	return EventQueue_pop(&c->ready, ev);
}

bool Connector_take_rescan(Connector *c)
{
	bool rescan;

	pthread_mutex_lock(&c->lock);
	rescan = c->rescan;
	c->rescan = false;
	pthread_mutex_unlock(&c->lock);
	return rescan;
}

unsigned long Connector_lost(const Connector *c)
{
	return __atomic_load_n(&c->lost, __ATOMIC_RELAXED);
}

int Connector_rcvbuf(const Connector *c)
{
	return c->rcvbuf / 2; /* getsockopt counts the kernel's bookkeeping: half is ours */
}
