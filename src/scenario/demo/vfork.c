/*
 * vfork: the child borrows the parent's address space until it execs, and
 * the parent is suspended until then. The child announces step 1 from
 * inside vfork (the parent is stopped in the kernel meanwhile), then its
 * exec of true is held: by then the exec has released the parent.
 *
 * POSIX allows a vfork child only _exit and the exec functions. This child
 * also reports and waits for the go-ahead, which on Linux is safe as long
 * as it does not return from the function that called vfork; the variable
 * it sets is there to show that the parent sees the write.
 */
#include "scenario/demo/demo.h"
#include "scenario/demo/family.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <signal.h>
#include <unistd.h>

#include "base/i18n.h"

int demo_vfork(int argc, char **argv);

/* Written by the child, read by the parent: one memory, two processes. */
static volatile pid_t written_by_child;

int demo_vfork(int argc, char **argv)
{
	long mib = demo_option("size");
	unsigned char *region;
	size_t bytes;
	pid_t child;

	if (mib < 1 || mib > 256)
		mib = 16;
	region = family_region(mib, &bytes);
	if (region == NULL)
		return 1;

	child = vfork();
	if (child == 0) {
		/* Harmless here: the parent cannot run before the child execs. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		written_by_child = getpid();
		demo_api("vfork", 0, 0, 0, "%s", _("vfork() = 0 in the child"));
		demo_step(1);
		demo_hold(2, "exec");
		execl("/bin/true", "true", "vfork-child", (char *)NULL);
		family_exec_failed("execl", "execl(\"/bin/true\", \"true\", \"vfork-child\", NULL)");
	}
	if (child < 0) {
		int err = errno;
		demo_api("vfork", -1, err, 0, "vfork() = -1: %s", strerror(err));
		return 1;
	}
	demo_api("vfork", child, 0, child, _("vfork() = %d in the parent, after the child's exec"), (int)child);
	demo_note(_("the variable the child set before its exec reads %d here: the child wrote the "
		    "parent's memory"), (int)written_by_child);
	if (family_wait(child) < 0)
		return 1;
	demo_step(3);
	munmap(region, bytes);
	return 0;
}
