/*
 * cow: copy-on-write, a quarter at a time. The parent writes a region of
 * `size` MiB and forks; the child then writes one byte in each page of the
 * next quarter of the region per step, and each written page is copied.
 * The child announces every step while the parent waits in waitpid and
 * touches nothing, so the page counts are exact.
 */
#include "scenario/demo/demo.h"
#include "scenario/demo/family.h"

#include <sys/mman.h>
#include <unistd.h>

#include "base/i18n.h"

int demo_cow(int argc, char **argv);

enum { COW_QUARTERS = 4 };

/* Writes pages [from, to) of the region: each write faults and copies. */
static void write_pages(unsigned char *region, size_t from, size_t to, size_t page)
{
	for (size_t i = from; i < to; i++)
		region[i * page] = 2;
}

static void child_writes(unsigned char *region, size_t bytes)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t npages = bytes / page, done = 0;

	demo_step(2);
	for (int q = 1; q <= COW_QUARTERS; q++) {
		size_t upto = npages * (size_t)q / COW_QUARTERS;

		write_pages(region, done, upto, page);
		demo_api("write", (long long)(upto - done), 0, 0,
			 _("wrote one byte in pages %zu to %zu of %zu (%d%%)"), done, upto - 1, npages,
			 q * 100 / COW_QUARTERS);
		done = upto;
		demo_step(2 + q);
	}
}

int demo_cow(int argc, char **argv)
{
	long mib = demo_option("size");
	unsigned char *region;
	size_t bytes;
	pid_t child;

	if (mib < 1 || mib > 1024)
		mib = 64;
	region = family_region(mib, &bytes);
	if (region == NULL)
		return 1;
	demo_step(1);

	child = family_fork(true);
	if (child < 0)
		return 1;
	if (child == 0) {
		child_writes(region, bytes);
		_exit(0);
	}
	if (family_wait(child) < 0)
		return 1;
	munmap(region, bytes);
	return 0;
}
