/*
 * A command left running when forkscope quits keeps a reader of its
 * output: its pipe (a write to a pipe with no reader kills with SIGPIPE) or
 * its terminal (a pty whose other end closes hangs its session up).
 */
#ifndef FORKSCOPE_LIVE_HAND_OVER_H
#define FORKSCOPE_LIVE_HAND_OVER_H

/* Forks a small child that reads fd until every writer has closed it and
 * copies what it reads to `to` (-1: drops it), then exits. It keeps no
 * other descriptor of forkscope's and ignores SIGHUP. */
void fd_hand_over(int fd, int to, const char *name);

#endif
