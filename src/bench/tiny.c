/*
 * forkscope-tiny: the smallest program the spawn benchmark can start.
 *
 * It is linked statically so that exec costs only the kernel's work (no
 * dynamic loader, no shared libraries to map), and it does nothing but exit
 * with status 0: the benchmark checks that status to know the exec worked.
 */
int main(void)
{
	return 0;
}
