/*
 * The machine a measurement runs on: see machine.h. Counts come from the
 * kernel (sched_getaffinity, sysinfo, uname), so a container or a cpuset
 * that limits this process is what the numbers describe.
 */
#include "bench/machine.h"

#include <stdio.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>

#include "base/i18n.h"

int machine_cpus(void)
{
	cpu_set_t set;
	int n;

	if (sched_getaffinity(0, sizeof set, &set) != 0)
		return 1;
	n = CPU_COUNT(&set);
	return n > 0 ? n : 1;
}

unsigned long machine_ram_mib(void)
{
	struct sysinfo si;

	if (sysinfo(&si) != 0)
		return 0;
	return (unsigned long)((unsigned long long)si.totalram * si.mem_unit >> 20);
}

void machine_kernel(char *buf, size_t len)
{
	struct utsname u;

	if (uname(&u) != 0)
		snprintf(buf, len, "%s", _("unknown kernel"));
	else
		snprintf(buf, len, "%s %s %s", u.sysname, u.release, u.machine);
}

void CpuPin_pin(CpuPin *pin)
{
	cpu_set_t one;
	int cpu = sched_getcpu();

	pin->pinned = false;
	pin->cpu = -1;
	if (cpu < 0 || sched_getaffinity(0, sizeof pin->saved, &pin->saved) != 0)
		return;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	if (sched_setaffinity(0, sizeof one, &one) != 0)
		return;
	pin->pinned = true;
	pin->cpu = cpu;
}

void CpuPin_restore(CpuPin *pin)
{
	if (!pin->pinned)
		return;
	sched_setaffinity(0, sizeof pin->saved, &pin->saved);
	pin->pinned = false;
	pin->cpu = -1;
}
