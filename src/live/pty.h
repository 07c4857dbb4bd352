/*
 * A pseudo-terminal for a command forkscope starts: the command gets the
 * terminal end (its controlling terminal, see TracerSpawn.tty_fd), the
 * screen keeps the other end and emulates what the command draws.
 */
#ifndef FORKSCOPE_LIVE_PTY_H
#define FORKSCOPE_LIVE_PTY_H

#include <stdbool.h>

typedef struct Pty {
	int master;     /* forkscope's end, O_NONBLOCK and close-on-exec; -1 none */
	int tty;        /* the command's end, close-on-exec; -1 once handed over */
} Pty;

/* Opens a pair sized rows x cols. 0, or -errno with both ends -1. */
int Pty_open(Pty *p, int rows, int cols);
/* The window size of the terminal: the kernel sends SIGWINCH to its
 * foreground process group when it changes. */
void Pty_resize(const Pty *p, int rows, int cols);
/* Closes forkscope's copy of the terminal end (the command has its own). */
void Pty_close_tty(Pty *p);
void Pty_close(Pty *p);

#endif
