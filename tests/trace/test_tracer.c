/*
 * The ptrace tracer against the real kernel: what each way of making a
 * process looks like, the orderings it puts right, holding, signals as if
 * untraced, reaps seen from outside, detaching and attaching.
 */
#include <check.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/pidmap.h"
#include "probe/brief.h"
#include "probe/procfs.h"
#include "trace/tracer.h"
#include "trace_test.h"

static Tracer *tracer;
static EventLog elog;

static void setup(void)
{
	tracer = Tracer_new();
	ck_assert_ptr_nonnull(tracer);
	memset(&elog, 0, sizeof elog);
}

static void teardown(void)
{
	Tracer_delete(tracer);
	log_free(&elog);
}

static pid_t spawn(char **argv, const int *keep, size_t nkeep)
{
	TracerSpawn spec = { .argv = argv, .keep_fds = keep, .nkeep = nkeep };
	pid_t pid = 0;
	int rc = Tracer_spawn(tracer, &spec, &pid);

	ck_assert_msg(rc == 0, "Tracer_spawn: %s", strerror(-rc));
	free(argv);
	return pid;
}

static void assert_quiet(void)
{
	bool ok = log_until_quiet(tracer, &elog);
	if (!ok)
		log_dump(&elog);
	ck_assert_msg(ok, "the workload never finished (%zu live, %zu unreaped)",
		      Tracer_count(tracer), Tracer_unreaped_count(tracer));
}

/* Reads the helper's "ready" byte while dispatching: a tracee goes on only
 * when its stops are handled. */
static void read_ready(int fd)
{
	struct pollfd fds[2] = { { .fd = fd, .events = POLLIN }, { .fd = Tracer_fd(tracer), .events = POLLIN } };
	Event ev;
	char c;

	for (;;) {
		ck_assert_int_ge(poll(fds, 2, -1), 0);
		if (fds[0].revents & POLLIN)
			break;
		Tracer_dispatch(tracer, 0);
		while (Tracer_pop(tracer, &ev))
			log_push(&elog, &ev);
	}
	ck_assert_int_eq(read(fd, &c, 1), 1);
}

START_TEST(test_spawn_missing_program)
{
	char *argv[] = { "/nonexistent/forkscope-no-such-program", NULL };
	TracerSpawn spec = { .argv = argv };
	pid_t pid = 0;

	ck_assert_int_eq(Tracer_spawn(tracer, &spec, &pid), -ENOENT);
	ck_assert_uint_eq(Tracer_count(tracer), 0);
	Tracer_dispatch(tracer, 0);
	ck_assert(!Tracer_pop(tracer, &(Event){ 0 }));
}
END_TEST

START_TEST(test_exec_exit_reap)
{
	pid_t root = spawn(helper_argv("forks", "0", NULL, NULL), NULL, 0);
	long exec, exit, reap;

	assert_quiet();
	exec = log_find(&elog, 0, EV_EXEC, root);
	exit = log_find(&elog, 0, EV_EXIT, root);
	reap = log_find(&elog, 0, EV_REAP, root);
	if (!(exec >= 0 && exec < exit && exit < reap))
		log_dump(&elog); /* what came, for the rare run that fails here */
	ck_assert_msg(exec >= 0 && exec < exit && exit < reap, "exec at %ld, exit at %ld, reap at %ld",
		      exec, exit, reap);
	ck_assert_str_eq(elog.ev[exec].detail, trace_helper());
	ck_assert_str_eq(elog.ev[exec].comm, "trace-helper");
	ck_assert_int_eq(elog.ev[exit].status, 0);
	ck_assert_int_eq(elog.ev[reap].ppid, getpid());
	ck_assert_uint_eq(elog.n, 3);
}
END_TEST

/* One life of a pid in the storm: pids are reused, so a fork starts anew. */
typedef struct Life {
	int forks, execs, exits, reaps;
	bool bad_order;
} Life;

START_TEST(test_storm_counts_exact)
{
	const int n = 10000, sh_every = 20, sh = n / sh_every, direct_exec = n / sh_every;
	pid_t root = spawn(helper_argv("storm", "10000", "20", "4"), NULL, 0);
	long forks = 0, execs = 0, exits = 0, reaps = 0, bad = 0, root_status = -1;
	Event ev;
	PidMap lives;

	PidMap_init(&lives);
	while (Tracer_count(tracer) > 0 || Tracer_unreaped_count(tracer) > 0) {
		Tracer_dispatch(tracer, 1000);
		while (Tracer_pop(tracer, &ev)) {
			Life *l = PidMap_get(&lives, ev.pid);
			switch (ev.kind) {
			case EV_FORK:
			case EV_VFORK:
			case EV_CLONE:
				if (l != NULL) {
					bad += l->exits != 1 || l->reaps != 1; /* the old life ended fully */
					free(PidMap_remove(&lives, ev.pid));
				}
				l = calloc(1, sizeof *l);
				l->forks = 1;
				PidMap_put(&lives, ev.pid, l);
				forks++;
				break;
			case EV_EXEC:
				execs++;
				if (l != NULL)
					l->bad_order |= l->exits > 0, l->execs++;
				else
					bad += ev.pid != root;
				break;
			case EV_EXIT:
				exits++;
				if (ev.pid == root)
					root_status = ev.status;
				else if (ev.status != 0)
					bad++;
				if (l != NULL)
					l->exits++;
				break;
			case EV_REAP:
				reaps++;
				if (l != NULL)
					l->bad_order |= l->exits != 1, l->reaps++;
				break;
			case EV_SIGNAL: /* SIGCHLD to the helper and the shells */
				break;
			default:
				bad++;
				break;
			}
		}
	}
	for (size_t i = 0; i < PidMap_capacity(&lives); i++) {
		pid_t pid;
		Life *l = PidMap_slot(&lives, i, &pid);
		if (pid != 0) {
			bad += l->bad_order || l->exits != 1 || l->reaps != 1 || l->execs > 1;
			free(l);
		}
	}
	PidMap_done(&lives);
	ck_assert_int_eq(root_status, 0);
	ck_assert_int_eq(forks, n + 2 * sh);
	ck_assert_int_eq(execs, 1 + direct_exec + 3 * sh);
	ck_assert_int_eq(exits, 1 + n + 2 * sh);
	ck_assert_int_eq(reaps, exits);
	ck_assert_int_eq(bad, 0);
}
END_TEST

START_TEST(test_vfork_parent_held_until_exec)
{
	pid_t root, child;
	long vfork, exec, done;

	Tracer_hold_next(tracer, 0, EV_VFORK);
	root = spawn(helper_argv("vfork", NULL, NULL, NULL), NULL, 0);
	vfork = log_until_event(tracer, &elog, EV_VFORK, 0);
	ck_assert(vfork >= 0);
	child = elog.ev[vfork].pid;
	ck_assert_int_eq(elog.ev[vfork].ppid, root);
	ck_assert_int_eq(elog.ev[vfork].how, HOW_VFORK);
	/* Held at the instant after vfork: both stopped. */
	ck_assert(Tracer_is_held(tracer, root) && Tracer_is_held(tracer, child));
	ck_assert_int_eq(proc_state(root), 't');
	ck_assert_int_eq(proc_state(child), 't');
	/* The parent let go sleeps in the kernel until its child execs. */
	ck_assert_int_eq(Tracer_release(tracer, root), 0);
	ck_assert(wait_state(root, "D"));
	Tracer_dispatch(tracer, 0);
	ck_assert_int_eq(log_find(&elog, 0, EV_VFORK_DONE, root), -1);
	ck_assert_int_eq(Tracer_release(tracer, child), 0);
	assert_quiet();
	exec = log_find(&elog, 0, EV_EXEC, child);
	done = log_find(&elog, 0, EV_VFORK_DONE, root);
	ck_assert(exec > vfork && done > exec);
	ck_assert_int_eq(elog.ev[done].child, child);
	ck_assert_ptr_nonnull(strstr(elog.ev[exec].detail, "/true"));
	ck_assert_int_eq(elog.ev[log_find(&elog, 0, EV_EXIT, root)].status, 0);
}
END_TEST

START_TEST(test_posix_spawn_is_vfork_style)
{
	pid_t root = spawn(helper_argv("spawn", NULL, NULL, NULL), NULL, 0);
	long vfork, exec, done;

	assert_quiet();
	vfork = log_find(&elog, 0, EV_VFORK, 0);
	ck_assert(vfork >= 0);
	ck_assert_int_eq(elog.ev[vfork].ppid, root);
	ck_assert_int_eq(elog.ev[vfork].how, HOW_VFORK);
	exec = log_find(&elog, 0, EV_EXEC, elog.ev[vfork].pid);
	done = log_find(&elog, 0, EV_VFORK_DONE, root);
	ck_assert(exec > vfork && done > exec);
	ck_assert_uint_eq(log_count(&elog, EV_FORK, 0), 0);
}
END_TEST

START_TEST(test_clone_process)
{
	pid_t root = spawn(helper_argv("clone", NULL, NULL, NULL), NULL, 0);
	long clone, exit;
	pid_t child;

	assert_quiet();
	clone = log_find(&elog, 0, EV_CLONE, 0);
	ck_assert(clone >= 0);
	child = elog.ev[clone].pid;
	ck_assert_int_eq(elog.ev[clone].how, HOW_CLONE);
	ck_assert_int_eq(elog.ev[clone].ppid, root);
	exit = log_find(&elog, 0, EV_EXIT, child);
	ck_assert(exit > clone);
	ck_assert(WIFEXITED(elog.ev[exit].status) && WEXITSTATUS(elog.ev[exit].status) == 7);
	ck_assert_int_eq(elog.ev[log_find(&elog, 0, EV_REAP, child)].ppid, root);
	ck_assert_int_eq(elog.ev[log_find(&elog, 0, EV_EXIT, root)].status, 0);
}
END_TEST

START_TEST(test_threads_told_apart)
{
	pid_t root = spawn(helper_argv("threads", "3", NULL, NULL), NULL, 0);
	size_t thread_exits = 0, process_exits = 0;

	assert_quiet();
	ck_assert_uint_eq(log_count(&elog, EV_THREAD, 0), 3);
	ck_assert_uint_eq(log_count(&elog, EV_FORK, 0) + log_count(&elog, EV_CLONE, 0), 0);
	for (size_t i = 0; i < elog.n; i++) {
		const Event *e = &elog.ev[i];
		if (e->kind == EV_THREAD) {
			ck_assert_int_eq(e->ppid, root);
			ck_assert_int_eq(e->how, HOW_THREAD);
		}
		if (e->kind == EV_EXIT) {
			thread_exits += e->how == HOW_THREAD;
			process_exits += e->how != HOW_THREAD;
		}
	}
	ck_assert_uint_eq(thread_exits, 3);
	ck_assert_uint_eq(process_exits, 1);
	ck_assert_uint_eq(log_count(&elog, EV_REAP, 0), 1);
	ck_assert_int_eq(elog.ev[log_find(&elog, 0, EV_EXIT, root)].status, 0);
}
END_TEST

START_TEST(test_exec_from_a_thread)
{
	pid_t root = spawn(helper_argv("thread-exec", NULL, NULL, NULL), NULL, 0);
	long thread, exec;

	assert_quiet();
	thread = log_find(&elog, 0, EV_THREAD, 0);
	ck_assert(thread >= 0);
	exec = log_find(&elog, 1, EV_EXEC, root);
	if (exec < 0)
		log_dump(&elog);
	ck_assert(exec > thread);
	ck_assert_int_eq(elog.ev[exec].former_tid, elog.ev[thread].pid);
	ck_assert_ptr_nonnull(strstr(elog.ev[exec].detail, "/true"));
	/* The process went on in its new image: one process exit, after it. */
	ck_assert_uint_eq(log_count(&elog, EV_EXIT, root), 1);
	ck_assert(log_find(&elog, 0, EV_EXIT, root) > exec);
	ck_assert_int_eq(elog.ev[log_find(&elog, 0, EV_EXIT, root)].status, 0);
	ck_assert_uint_eq(log_count(&elog, EV_REAP, root), 1);
}
END_TEST

static pid_t spawn_with_pipe(const char *mode, int pipefd[2], int keep_end)
{
	char fdtext[16];

	ck_assert_int_eq(pipe(pipefd), 0);
	snprintf(fdtext, sizeof fdtext, "%d", pipefd[keep_end]);
	return spawn(helper_argv(mode, fdtext, NULL, NULL), &pipefd[keep_end], 1);
}

START_TEST(test_sigterm_kills_as_untraced)
{
	int p[2];
	pid_t root = spawn_with_pipe("wait", p, 1);
	long sig, exit;

	read_ready(p[0]);
	kill(root, SIGTERM);
	assert_quiet();
	sig = log_find(&elog, 0, EV_SIGNAL, root);
	exit = log_find(&elog, 0, EV_EXIT, root);
	ck_assert(sig >= 0 && exit > sig);
	ck_assert_int_eq(elog.ev[sig].signo, SIGTERM);
	ck_assert(WIFSIGNALED(elog.ev[exit].status) && WTERMSIG(elog.ev[exit].status) == SIGTERM);
	close(p[0]);
	close(p[1]);
}
END_TEST

/* Is sig pending for the whole process (ShdPnd)? */
static bool shared_pending(pid_t pid, int sig)
{
	char path[64], line[256];
	unsigned long long mask = 0;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	if (f == NULL)
		return false;
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "ShdPnd: %llx", &mask) == 1)
			break;
	fclose(f);
	return (mask >> (sig - 1)) & 1;
}

static long wait_stop(pid_t pid, int sig, size_t from)
{
	long i = log_until_event_from(tracer, &elog, from, EV_STOP, pid);

	ck_assert_msg(i >= 0, "no stop of %d", pid);
	ck_assert_int_eq(elog.ev[i].signo, sig);
	return i;
}

static long wait_kind_after(EventKind kind, pid_t pid, size_t from)
{
	long i = log_until_event_from(tracer, &elog, from, kind, pid);

	ck_assert_msg(i >= 0, "no %s of %d", EventKind_name(kind), pid);
	return i;
}

START_TEST(test_stop_cont_and_caught_signal)
{
	int p[2];
	pid_t root = spawn_with_pipe("catch", p, 1);
	long stop1, cont1, stop2, cont2, usr1, exit;

	read_ready(p[0]);
	kill(root, SIGTSTP);
	stop1 = wait_stop(root, SIGTSTP, 0);
	ck_assert(wait_state(root, "tT"));
	kill(root, SIGCONT);
	cont1 = wait_kind_after(EV_CONT, root, (size_t)stop1);
	kill(root, SIGSTOP);
	stop2 = wait_stop(root, SIGSTOP, (size_t)cont1);
	/* Stopped as if untraced: a caught signal waits for SIGCONT. */
	kill(root, SIGUSR1);
	ck_assert(shared_pending(root, SIGUSR1));
	Tracer_dispatch(tracer, 0);
	ck_assert_int_eq(log_find(&elog, 0, EV_EXIT, root), -1);
	ck_assert(wait_state(root, "tT"));
	kill(root, SIGCONT);
	assert_quiet();
	cont2 = log_find(&elog, (size_t)stop2, EV_CONT, root);
	usr1 = log_find(&elog, (size_t)stop2, EV_SIGNAL, root);
	while (usr1 >= 0 && elog.ev[usr1].signo != SIGUSR1)
		usr1 = log_find(&elog, (size_t)usr1 + 1, EV_SIGNAL, root);
	exit = log_find(&elog, 0, EV_EXIT, root);
	ck_assert(cont2 > stop2 && usr1 > cont2 && exit > usr1);
	ck_assert(WIFEXITED(elog.ev[exit].status) && WEXITSTATUS(elog.ev[exit].status) == 42);
	close(p[0]);
	close(p[1]);
}
END_TEST

START_TEST(test_reap_by_parent_seen)
{
	int p[2];
	pid_t root = spawn_with_pipe("zombie", p, 0);
	long fork, exit, reap;
	pid_t child;

	fork = log_until_event(tracer, &elog, EV_FORK, 0);
	ck_assert(fork >= 0);
	child = elog.ev[fork].pid;
	exit = log_until_event(tracer, &elog, EV_EXIT, child);
	ck_assert(exit >= 0);
	ck_assert_int_eq(elog.ev[exit].status >> 8, 3);
	/* A zombie until the parent waits: no reap yet. */
	ck_assert(wait_state(child, "Z"));
	Tracer_dispatch(tracer, 0);
	ck_assert_int_eq(log_find(&elog, 0, EV_REAP, child), -1);
	ck_assert_uint_ge(Tracer_unreaped_count(tracer), 1);
	ck_assert_int_eq(write(p[1], "x", 1), 1);
	assert_quiet();
	reap = log_find(&elog, 0, EV_REAP, child);
	ck_assert(reap > exit);
	ck_assert_int_eq(elog.ev[reap].ppid, root);
	ck_assert_int_eq(elog.ev[log_find(&elog, 0, EV_EXIT, root)].status, 0);
	close(p[0]);
	close(p[1]);
}
END_TEST

START_TEST(test_orphan_reparented_to_subreaper)
{
	int p[2];
	pid_t root, mid, grandchild;
	long fork1, fork2, reparent, reap;

	ck_assert_int_eq(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
	root = spawn_with_pipe("orphan", p, 0);
	fork1 = log_until_event(tracer, &elog, EV_FORK, 0);
	ck_assert(fork1 >= 0);
	mid = elog.ev[fork1].pid;
	fork2 = log_until_event_from(tracer, &elog, (size_t)fork1 + 1, EV_FORK, 0);
	ck_assert(fork2 >= 0);
	grandchild = elog.ev[fork2].pid;
	ck_assert_int_eq(elog.ev[fork2].ppid, mid);
	reparent = log_until_event(tracer, &elog, EV_REPARENT, grandchild);
	ck_assert(reparent >= 0);
	ck_assert_int_eq(elog.ev[reparent].ppid, getpid());
	ck_assert(reparent > log_find(&elog, 0, EV_EXIT, mid));
	ck_assert_int_eq(write(p[1], "x", 1), 1);
	assert_quiet();
	reap = log_find(&elog, 0, EV_REAP, grandchild);
	ck_assert(reap > reparent);
	ck_assert_int_eq(elog.ev[reap].ppid, getpid());
	ck_assert_int_eq(elog.ev[log_find(&elog, 0, EV_EXIT, grandchild)].status >> 8, 5);
	ck_assert_int_eq(elog.ev[log_find(&elog, 0, EV_REAP, mid)].ppid, root);
	close(p[0]);
	close(p[1]);
}
END_TEST

START_TEST(test_hold_all_shows_each_instant)
{
	pid_t root;
	size_t holds = 0;
	Event ev;

	Tracer_set_hold_all(tracer, true);
	root = spawn(helper_argv("forks", "3", NULL, NULL), NULL, 0);
	while (Tracer_count(tracer) > 0 || Tracer_unreaped_count(tracer) > 0) {
		Tracer_dispatch(tracer, 100);
		while (Tracer_pop(tracer, &ev)) {
			log_push(&elog, &ev);
			if (ev.kind != EV_EXEC && ev.kind != EV_FORK && ev.kind != EV_EXIT)
				continue;
			/* At the event the process is stopped, and stays so. */
			ck_assert_msg(Tracer_is_held(tracer, ev.pid), "%s of %d not held",
				      EventKind_name(ev.kind), ev.pid);
			ck_assert_int_eq(proc_state(ev.pid), 't');
			if (ev.kind == EV_FORK) {
				ck_assert(Tracer_is_held(tracer, ev.ppid));
				ck_assert_int_eq(proc_state(ev.ppid), 't');
			}
			holds++;
		}
		Tracer_release_all(tracer);
		ck_assert_uint_eq(Tracer_held_count(tracer), 0);
	}
	/* exec of the root, 3 forks, 3 child exits, the root's exit */
	ck_assert_uint_eq(holds, 8);
	ck_assert_int_eq(elog.ev[log_find(&elog, 0, EV_EXIT, root)].status, 0);
}
END_TEST

START_TEST(test_detach_leaves_running)
{
	int p[2], st;
	char fdtext[16];
	char **argv;
	TracerSpawn spec = { .nkeep = 1, .detachable = true };
	pid_t root;

	ck_assert_int_eq(pipe(p), 0);
	snprintf(fdtext, sizeof fdtext, "%d", p[1]);
	argv = helper_argv("wait", fdtext, NULL, NULL);
	spec.argv = argv;
	spec.keep_fds = &p[1];
	ck_assert_int_eq(Tracer_spawn(tracer, &spec, &root), 0);
	free(argv);
	read_ready(p[0]);
	kill(root, SIGSTOP);
	ck_assert(wait_stop(root, SIGSTOP, 0) >= 0);
	Tracer_detach_all(tracer);
	ck_assert_uint_eq(Tracer_count(tracer), 0);
	/* Untraced now, and still in its group-stop as a stopped process is. */
	ck_assert_int_eq(proc_tracer(root), 0);
	ck_assert(wait_state(root, "T"));
	kill(root, SIGCONT);
	ck_assert(wait_state(root, "S"));
	Tracer_delete(tracer);
	tracer = Tracer_new();
	ck_assert_int_eq(proc_state(root), 'S');
	kill(root, SIGTERM);
	ck_assert_int_eq(waitpid(root, &st, 0), root);
	ck_assert(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
	close(p[0]);
	close(p[1]);
}
END_TEST

/* Children of pid in /proc (one level). */
static pid_t child_of(pid_t parent)
{
	pid_t *pids = NULL, found = 0;
	size_t n = 0;

	procfs_pids(0, &pids, &n);
	for (size_t i = 0; i < n && found == 0; i++) {
		ProcBrief b;
		if (ProcBrief_read(pids[i], &b) == READ_OK && b.ppid == parent)
			found = pids[i];
	}
	free(pids);
	return found;
}

static pid_t wait_child_of(pid_t parent)
{
	pid_t pid;
	for (int i = 0; i < 100000 && (pid = child_of(parent)) == 0; i++)
		usleep(1000);
	return pid;
}

START_TEST(test_attach_to_running_subtree)
{
	pid_t root, mid, grandchild;
	long ev;
	char **argv = helper_argv("mark", NULL, NULL, NULL);

	ck_assert_int_eq(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
	root = fork();
	if (root == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	free(argv);
	mid = wait_child_of(root);
	ck_assert_int_gt(mid, 0);
	grandchild = wait_child_of(mid);
	ck_assert_int_gt(grandchild, 0);
	ck_assert_int_eq(Tracer_attach(tracer, root, true), 0);
	ck_assert_uint_eq(Tracer_count(tracer), 3);
	Tracer_dispatch(tracer, 0);
	Event e;
	while (Tracer_pop(tracer, &e))
		log_push(&elog, &e);
	ck_assert_uint_eq(log_count(&elog, EV_FORK, 0), 3);
	ev = log_find(&elog, 0, EV_FORK, grandchild);
	ck_assert(ev >= 0);
	ck_assert_int_eq(elog.ev[ev].how, HOW_EXISTING);
	ck_assert_int_eq(elog.ev[ev].ppid, mid);
	ck_assert_int_eq(proc_tracer(grandchild), getpid());
	kill(grandchild, SIGKILL);
	kill(mid, SIGKILL);
	kill(root, SIGKILL);
	assert_quiet();
	ck_assert_uint_eq(log_count(&elog, EV_EXIT, 0), 3);
	ck_assert_uint_eq(log_count(&elog, EV_REAP, 0), 3);
	ck_assert_int_eq(elog.ev[log_find(&elog, 0, EV_REAP, root)].ppid, getpid());
}
END_TEST

static Suite *tracer_suite(void)
{
	Suite *s = suite_create("tracer");
	TCase *tc = tcase_create("kernel");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	ADD_TEST(tc, test_spawn_missing_program);
	ADD_TEST(tc, test_exec_exit_reap);
	ADD_TEST(tc, test_storm_counts_exact);
	ADD_TEST(tc, test_vfork_parent_held_until_exec);
	ADD_TEST(tc, test_posix_spawn_is_vfork_style);
	ADD_TEST(tc, test_clone_process);
	ADD_TEST(tc, test_threads_told_apart);
	ADD_TEST(tc, test_exec_from_a_thread);
	ADD_TEST(tc, test_sigterm_kills_as_untraced);
	ADD_TEST(tc, test_stop_cont_and_caught_signal);
	ADD_TEST(tc, test_reap_by_parent_seen);
	ADD_TEST(tc, test_orphan_reparented_to_subreaper);
	ADD_TEST(tc, test_hold_all_shows_each_instant);
	ADD_TEST(tc, test_detach_leaves_running);
	ADD_TEST(tc, test_attach_to_running_subtree);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(tracer_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
