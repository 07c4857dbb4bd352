/*
 * threads-fork: fork in a multi-threaded process. The helper's half is
 * demo/threads_fork.c; the steps here match its boundaries. Child 0 is the
 * fork without handlers, child 1 the fork with pthread_atfork handlers;
 * threads are not children (the tree counts processes).
 */
#include "base/i18n.h"
#include "scenario/catalog.h"

static const StepClaim threads[] = {
	{ .kind = CLAIM_STATUS, .who = WHO_HELPER, .key = "Threads", .text = "3" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "pthread_create" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "mutex_lock" },
	{ 0 },
};
static const StepClaim forked_locked[] = {
	{ .kind = CLAIM_STATUS, .who = WHO_CHILD, .nth = 0, .key = "Threads", .text = "1" },
	{ .kind = CLAIM_STATUS, .who = WHO_HELPER, .key = "Threads", .text = "3" },
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .nth = 0, .key = "mutex_timedlock", .text = "ETIMEDOUT" },
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD, .nth = 0 },
	{ 0 },
};
static const StepClaim fork_waits[] = {
	{ .kind = CLAIM_GONE, .who = WHO_CHILD, .nth = 0 },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "pthread_atfork" },
	{ .kind = CLAIM_STATUS, .who = WHO_HELPER, .key = "Threads", .text = "3" },
	{ .kind = CLAIM_STATE, .who = WHO_HELPER, .text = "S" },
	{ 0 },
};
static const StepClaim forked_usable[] = {
	{ .kind = CLAIM_STATUS, .who = WHO_CHILD, .nth = 1, .key = "Threads", .text = "1" },
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .nth = 1, .key = "mutex_unlock" },
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .nth = 1, .key = "mutex_timedlock" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "mutex_unlock" },
	{ 0 },
};

static const ScenarioStep steps[] = {
	{ N_("The parent started two threads with pthread_create. Each is a clone with "
	     "CLONE_VM|CLONE_THREAD (and the other sharing flags): the timeline's 'thread by' "
	     "events, not forks; they share the parent's pid, memory, FDs and signal handlers, "
	     "so the tree has no row for them, and its row says threads 3 (status: Threads: 3). "
	     "The worker thread locked the mutex m and holds it; the idle thread waits."),
	  .focus = { WHO_HELPER, 0, N_("the parent") }, .claims = threads },
	{ N_("The main thread called fork while the worker held m. The child copies all the "
	     "memory but only the thread that called fork: its row has no thread count (Threads: "
	     "1), the parent's still says threads 3. The child's m is locked by a thread that does "
	     "not exist there and will never unlock it: pthread_mutex_timedlock gave ETIMEDOUT "
	     "after 500 ms, where pthread_mutex_lock would hang. Any lock another thread held "
	     "(malloc's, stdio's) is in the same state: until it execs, such a child may call "
	     "only async-signal-safe functions."),
	  .focus = { WHO_CHILD, 0, N_("the child") }, .claims = forked_locked },
	{ N_("That child exited and was reaped. The parent registered pthread_atfork(prepare, "
	     "parent, child) handlers and called fork again: fork runs prepare first, and prepare "
	     "locks m, so the main thread is now blocked (state S) waiting for the worker to let "
	     "go of m, and there is no child yet. The worker, which watches m, saw the waiter; it "
	     "lets go next."),
	  .focus = { WHO_HELPER, 0, N_("the parent") }, .claims = fork_waits },
	{ N_("The worker unlocked m; prepare took it, and the fork happened with m held by the "
	     "forking thread, so no other thread held it at that instant. The parent handler "
	     "unlocked it in the parent, the child handler in the child. The child, again with "
	     "one thread (Threads: 1), took its copy of m at once (pthread_mutex_timedlock = 0) "
	     "and holds it: in a threaded program, handlers that take every lock before fork and "
	     "release it on both sides make the child's copies usable."),
	  .focus = { WHO_CHILD, 1, N_("the second child") }, .claims = forked_usable },
};

const Scenario scenario_threads_fork = {
	.id = "threads-fork",
	.title = N_("fork in a multi-threaded process"),
	.explanation = N_(
		"A thread is a task that shares its process's memory, FDs and signal handlers: "
		"pthread_create makes one with clone(CLONE_VM|CLONE_THREAD|...), and the kernel "
		"counts it in the process's Threads. fork copies the whole memory of a "
		"multi-threaded process but only the thread that called it: the child starts with "
		"one thread. Whatever the other threads were doing at that instant stops half "
		"done in the child, and a mutex one of them held stays locked there for ever. "
		"POSIX therefore allows a child of a threaded program only async-signal-safe calls "
		"until it execs; pthread_atfork registers handlers that run around fork (prepare "
		"in the parent before it, then one in the parent and one in the child after it) "
		"and can take each lock before the fork and release it on both sides."),
	.steps = steps,
	.nsteps = (int)(sizeof steps / sizeof steps[0]),
	.max_procs = 2,
};
