/*
 * The "_hold" role: a program for posix_spawn to start that stays alive,
 * quiet, until its parent lets it go, without touching forkscope's protocol
 * (the spawned child's FD table must show only what the parent arranged).
 *
 *   forkscope-demo _hold [ready=FD] [hold=FD]
 *
 * It writes one byte to the ready FD (default 1) once it is running, so the
 * parent announces its step only after the dynamic loader has finished (the
 * loader opens and closes libraries: an FD table read earlier could show
 * them), then reads the hold FD (default 0) until end of file and exits 0.
 * It never returns to main(), which would send a DONE report.
 */
#include "scenario/demo/demo.h"

#include <errno.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

int demo_role_hold(int argc, char **argv);

int demo_role_hold(int argc, char **argv)
{
	int ready = (int)demo_param("ready", STDOUT_FILENO);
	int hold = (int)demo_param("hold", STDIN_FILENO);
	char buf[64];
	ssize_t n;

	/* The protocol fds were closed by exec, so main() did not arm this. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		_exit(111);
	do
		n = write(ready, "r", 1);
	while (n < 0 && errno == EINTR);
	do
		n = read(hold, buf, sizeof buf);
	while (n > 0 || (n < 0 && errno == EINTR));
	_exit(n == 0 ? 0 : 1);
}
