/* The pseudo-terminal pair of a command: see pty.h. */
#include "live/pty.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static void set_size(int fd, int rows, int cols)
{
	struct winsize ws = { .ws_row = (unsigned short)(rows > 0 ? rows : 24),
			      .ws_col = (unsigned short)(cols > 0 ? cols : 80) };

	ioctl(fd, TIOCSWINSZ, &ws);
}

int Pty_open(Pty *p, int rows, int cols)
{
	int err;

	p->master = p->tty = -1;
	p->master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (p->master < 0)
		return -errno;
	/* ptsname_r: ptsname's buffer is shared by the whole process. */
	char name[64];
	if (grantpt(p->master) < 0 || unlockpt(p->master) < 0 ||
	    ptsname_r(p->master, name, sizeof name) != 0)
		goto fail;
	p->tty = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (p->tty < 0)
		goto fail;
	fcntl(p->master, F_SETFL, O_NONBLOCK);
	set_size(p->master, rows, cols);
	return 0;
fail:
	err = errno;
	Pty_close(p);
	return -err;
}

void Pty_resize(const Pty *p, int rows, int cols)
{
	if (p->master >= 0)
		set_size(p->master, rows, cols);
}

void Pty_close_tty(Pty *p)
{
	if (p->tty >= 0)
		close(p->tty);
	p->tty = -1;
}

void Pty_close(Pty *p)
{
	Pty_close_tty(p);
	if (p->master >= 0)
		close(p->master);
	p->master = -1;
}
