/*
 * The inherit scenario's row: what fork keeps and what it drops, one thing
 * per step. The helper's half is demo/inherit.c; the steps here match its
 * boundaries. Roles: the helper (the parent) and its one child. The
 * kernel-truth test reads each thing in both processes (fdinfo, status,
 * /proc/locks, /proc/PID/timers, /proc/sysvipc/shm, /proc/PID/mem).
 */
#include "base/i18n.h"
#include "scenario/catalog.h"

static const StepClaim made[] = {
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 3, .text = "memfd:inherit-file" },
	{ .kind = CLAIM_SIG, .who = WHO_HELPER, .key = "SigPnd", .text = "SIGUSR1" },
	{ .kind = CLAIM_SIG, .who = WHO_HELPER, .key = "SigBlk", .text = "SIGUSR1" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "fcntl" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "timer_settime" },
	{ 0 },
};
static const StepClaim offset[] = {
	{ .kind = CLAIM_FD, .who = WHO_CHILD, .num = 3, .text = "memfd:inherit-file" },
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD },
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .key = "read" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "lseek" },
	{ 0 },
};
static const StepClaim signals[] = {
	{ .kind = CLAIM_SIG, .who = WHO_CHILD, .key = "SigBlk", .text = "SIGUSR1" },
	{ .kind = CLAIM_SIG, .who = WHO_CHILD, .key = "SigIgn", .text = "SIGINT" },
	{ .kind = CLAIM_SIG, .who = WHO_CHILD, .key = "SigCgt", .text = "SIGUSR2" },
	{ .kind = CLAIM_NO_SIG, .who = WHO_CHILD, .key = "SigPnd", .text = "SIGUSR1" },
	{ .kind = CLAIM_SIG, .who = WHO_HELPER, .key = "SigPnd", .text = "SIGUSR1" },
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .key = "sigpending" },
	{ 0 },
};
static const StepClaim lock[] = {
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .key = "fcntl", .text = "EAGAIN" },
	{ .kind = CLAIM_FD, .who = WHO_CHILD, .num = 3, .text = "memfd:inherit-file" },
	{ .kind = CLAIM_FD, .who = WHO_HELPER, .num = 3, .text = "memfd:inherit-file" },
	{ 0 },
};
static const StepClaim timers[] = {
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .key = "timer_gettime", .text = "EINVAL" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "timer_settime" },
	{ 0 },
};
static const StepClaim segment[] = {
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .key = "memcpy" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "shmat" },
	{ .kind = CLAIM_PPID_HELPER, .who = WHO_CHILD },
	{ 0 },
};
static const StepClaim shared[] = {
	{ .kind = CLAIM_EVENT, .who = WHO_CHILD, .key = "memcpy" },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "memcpy" },
	{ .kind = CLAIM_STATE, .who = WHO_CHILD, .text = "S" },
	{ 0 },
};
/* The private region, 128 KiB, all written by the child: its largest anonymous mapping. */
static const StepClaim copied[] = {
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_CHILD, .key = "Private_Dirty", .num = 120 },
	{ .kind = CLAIM_SMAPS_MIN, .who = WHO_HELPER, .key = "Private_Dirty", .num = 120 },
	{ .kind = CLAIM_EVENT, .who = WHO_HELPER, .key = "memcpy" },
	{ 0 },
};

static const ScenarioStep steps[] = {
	{ N_("The parent made one of each thing fork has a rule for (the calls in the events): FD 3, "
	     "a memfd holding 64 bytes, its offset back at 0, with a write lock over it (fcntl "
	     "F_SETLK); SIGUSR1 blocked and sent to itself, so pending, SIGUSR2 caught and SIGINT "
	     "ignored (the Process pane's sets); a POSIX timer due in an hour; a SysV shared memory "
	     "segment, already marked for removal with its last attachment; two anonymous regions "
	     "of 128 KiB, one MAP_SHARED and one MAP_PRIVATE, every page written. Next it forks."),
	  .focus = { WHO_HELPER, 0, N_("the parent"), FOCUS_FD(3) }, .claims = made },
	{ N_("The child read 16 bytes from its FD 3 (its read in the events), and the parent's "
	     "lseek(3, 0, SEEK_CUR) then said 16: the parent's offset moved too (where the screen is "
	     "wide enough, the FD pane's OFFSET column says 16). fork copied the FD table, not the open "
	     "files: each FD of the child refers to the open file description of the same FD in the "
	     "parent (PARENT says shared), and the offset and the status flags live there, so a read "
	     "by either moves both. A file the child opened by itself would have an offset of its "
	     "own."),
	  .focus = { WHO_CHILD, 0, N_("the child"), FOCUS_FD(3) }, .claims = offset },
	{ N_("The child's signal sets in the Process pane: SIGUSR1 blocked and SIGINT ignored, as in "
	     "the parent, SIGUSR2 caught (the handler's address is good in the copy of memory), and "
	     "nothing pending: a new process starts with an empty pending set, and SIGUSR1 stays "
	     "pending in the parent alone (the child's sigpending and sigprocmask reports). The mask "
	     "and the dispositions are copied by fork; a signal sent to the parent was sent to the "
	     "parent."),
	  .focus = { WHO_CHILD, 0, N_("the child"), .sigset = FOCUS_SIG_PENDING }, .claims = signals },
	{ N_("Record locks are not inherited. Through the same open file description, the child's "
	     "fcntl(F_GETLK) finds a write lock held by the parent's pid, someone else's lock, and "
	     "its own F_SETLK for a write lock fails with EAGAIN. A POSIX record lock belongs to a "
	     "process and a file; flock() locks and open file description locks (F_OFD_SETLK) "
	     "belong to the open file description instead, and fork shares those."),
	  .focus = { WHO_CHILD, 0, N_("the child"), FOCUS_FD(3) }, .claims = lock },
	{ N_("Timers are not inherited. The parent's timer is still armed (its timer_settime in the "
	     "events), but the child's timer_gettime on the same timer id fails with EINVAL: there "
	     "is no such timer in the child. alarm() and setitimer() are the same: a new process "
	     "has none pending."),
	  .focus = { WHO_HELPER, 0, N_("the parent") }, .claims = timers },
	{ N_("SysV shared memory attachments are inherited: the child has the segment mapped at the "
	     "same address without calling shmat (the SYSV row of its Memory pane, rw-s). The child "
	     "wrote its words into it and the parent read them back (memcpy from the SysV segment = "
	     "\"written by the child\"): one segment, attached twice."),
	  .focus = { WHO_CHILD, 0, N_("the child"), .mapping = "SYSV" }, .claims = segment },
	{ N_("A MAP_SHARED region stays shared after fork: the child wrote its words on every page "
	     "and the parent reads them (memcpy from MAP_SHARED = \"written by the child\"). In the "
	     "parent's Memory pane the region's row (zero (deleted), rw-s: a shared anonymous "
	     "mapping is backed by an unnamed file) is all Shared_Dirty, its Pss half its Rss: the "
	     "same pages are mapped by both processes."),
	  .focus = { WHO_HELPER, 0, N_("the parent"), .mapping = "zero" }, .claims = shared },
	{ N_("A MAP_PRIVATE region is copied on write: the child wrote every page, each write "
	     "faulted and gave the child a copy, and the parent still reads its own words (memcpy "
	     "from MAP_PRIVATE = \"written by the parent\"). The child's [anon] row of 128 KiB is "
	     "all Private_Dirty now, and the page map shows every page exclusive, in the child and in "
	     "the parent: the same addresses, two copies."),
	  .focus = { WHO_CHILD, 0, N_("the child") }, .claims = copied },
};

const Scenario scenario_inherit = {
	.id = "inherit",
	.title = N_("What fork keeps and what it drops"),
	.explanation = N_(
		"fork makes the child a copy of the parent, but not everything is copied the same "
		"way. Memory is copied (lazily: a page at its first write), except MAP_SHARED "
		"mappings and SysV shared memory segments, which stay shared. The FD table is "
		"copied, and each FD refers to the parent's open file description: the offset and "
		"the status flags are shared. The signal mask and the dispositions are copied; "
		"pending signals are not, the child starts with none. Record locks (fcntl F_SETLK), "
		"timers (alarm, setitimer, timer_create), memory locks, semaphore adjustments and "
		"pending asynchronous I/O belong to the parent and are not inherited. Each step reads "
		"one of them from the kernel, in the parent and in the child."),
	.steps = steps,
	.nsteps = (int)(sizeof steps / sizeof steps[0]),
	.max_procs = 2,
};
