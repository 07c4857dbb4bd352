/*
 * fork: one call, two returns. The parent writes a region first, so the
 * memory panes have private pages to show being shared by fork; the child
 * announces the step right after fork, while the parent waits in waitpid.
 */
#include "scenario/demo/demo.h"
#include "scenario/demo/family.h"

#include <sys/mman.h>
#include <unistd.h>

int demo_fork(int argc, char **argv);

int demo_fork(int argc, char **argv)
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
	demo_step(1);

	child = family_fork(true);
	if (child < 0)
		return 1;
	if (child == 0) {
		demo_step(2);
		_exit(7);
	}
	if (family_wait(child) < 0)
		return 1;
	demo_step(3);
	munmap(region, bytes);
	return 0;
}
