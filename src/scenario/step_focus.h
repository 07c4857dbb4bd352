/*
 * A step's focus and its claims name processes by role (the parent, the
 * helper's second child...); this turns a role into the pid it has in one
 * run, from the session's records: children in order of creation, by the
 * parent they were born to (an orphan re-parented later keeps its place).
 */
#ifndef FORKSCOPE_SCENARIO_STEP_FOCUS_H
#define FORKSCOPE_SCENARIO_STEP_FOCUS_H

#include <sys/types.h>

#include "model/session.h"
#include "scenario/catalog.h"

/* The pid of who/nth/sub in s, or 0 when there is no such process (yet).
 * step_pid: the process the boundary named (WHO_STEP). */
pid_t role_pid(const Session *s, FocusWho who, int nth, int sub, pid_t step_pid);
/* The nth (0-based) process born to parent, threads not counted; or 0. */
pid_t role_nth_child(const Session *s, pid_t parent, int nth);
/* The focus's role in words, untranslated (N_ strings of the catalogue):
 * its label, else "the parent" for the helper and "the child" otherwise. */
const char *StepFocus_label(const StepFocus *f, const Session *s, pid_t focus_pid);

#endif
