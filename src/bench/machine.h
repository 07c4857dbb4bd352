/*
 * The machine a measurement runs on: how many CPUs this process may use,
 * how much RAM there is, and pinning the calling thread to one CPU.
 *
 * A CpuPin is embedded in its user: CpuPin_pin saves the thread's affinity
 * mask and pins it to the CPU it is running on (so a parent and the child it
 * creates, which inherits the mask, share one CPU and never migrate);
 * CpuPin_restore puts the saved mask back. Pinning is best effort: where
 * sched_setaffinity is refused, cpu stays -1 and nothing else changes.
 */
#ifndef FORKSCOPE_BENCH_MACHINE_H
#define FORKSCOPE_BENCH_MACHINE_H

#include <sched.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct CpuPin {
	cpu_set_t saved;  /* the mask before pinning */
	bool pinned;
	int cpu;          /* the CPU pinned to, -1 when not pinned */
} CpuPin;

/* CPUs in this process's affinity mask (at least 1). */
int machine_cpus(void);
/* Total RAM in MiB, 0 when unknown. */
unsigned long machine_ram_mib(void);
/* "Linux 6.1.0 x86_64" into buf: the kernel, never the host name. */
void machine_kernel(char *buf, size_t len);

void CpuPin_pin(CpuPin *pin);
void CpuPin_restore(CpuPin *pin);

#endif
