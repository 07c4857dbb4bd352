/*
 * Roles to pids (see step_focus.h). The session's records are in order of
 * first appearance, and the tracer announces a child at its creator's
 * fork, vfork or clone stop, so that order is the order of creation.
 */
#include "scenario/step_focus.h"

#include "base/i18n.h"

pid_t role_nth_child(const Session *s, pid_t parent, int nth)
{
	if (parent <= 0)
		return 0;
	for (size_t i = 0; i < s->nprocs; i++) {
		const ProcRecord *r = &s->procs[i];
		if (r->creator != parent || r->how == HOW_THREAD || r->pid == parent)
			continue;
		if (nth-- == 0)
			return r->pid;
	}
	return 0;
}

pid_t role_pid(const Session *s, FocusWho who, int nth, int sub, pid_t step_pid)
{
	switch (who) {
	case WHO_STEP:
		return step_pid;
	case WHO_HELPER:
		return s->root;
	case WHO_CHILD:
		return role_nth_child(s, s->root, nth);
	case WHO_GRANDCHILD:
		return role_nth_child(s, role_nth_child(s, s->root, 0), nth);
	case WHO_GRANDCHILD_OF:
		return role_nth_child(s, role_nth_child(s, s->root, nth), sub);
	case WHO_GREATGRANDCHILD:
		return role_nth_child(s, role_nth_child(s, role_nth_child(s, s->root, 0), 0), nth);
	}
	return 0;
}

const char *StepFocus_label(const StepFocus *f, const Session *s, pid_t focus_pid)
{
	if (f != NULL && f->label != NULL)
		return f->label;
	return focus_pid == s->root ? N_("the parent") : N_("the child");
}
