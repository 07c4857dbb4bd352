#!/bin/bash
# Choose the cloexec scenario with the keyboard, step to the moment after the
# child's exec, and read the FD pane: the plain FD (/etc/passwd) is there and
# kept, the two close-on-exec ones (/etc/group, /etc) are gone.
. "${srcdir:-.}/tests/screen/lib.sh"

fs_start
choose_scenario cloexec
wait_for "Step 1 of"
# Each check polls the pane: the tree is drawn before the panes below it,
# and a capture can catch a frame half taken in.
before_exec() {
	local fds
	fds=$(pane_text "File descriptors") || return 1
	grep -Eq " close +.*/etc/group" <<<"$fds" && grep -Eq " keep +.*/etc/passwd" <<<"$fds"
}
after_exec() {
	local fds
	fds=$(pane_text "File descriptors") || return 1
	# The row may start with the ▸ that marks the FD the step is about.
	grep -Eq "^(▸| ) *[0-9]+ +file .* keep .*/etc/passwd" <<<"$fds" &&
		! grep -Eq "/etc/group|/etc +$| close " <<<"$fds"
}
# Before the exec the child has all three, two of them marked close.
step_until "Step 2 of"
wait_check "before the exec, /etc/group marked close and /etc/passwd keep in the FD pane" before_exec
# After the exec (the child is held there: the tree says so).
step_until "ls .*\\[held\\]"
wait_check "after the exec, the plain FD (/etc/passwd) kept and no close-on-exec FD left in the FD pane" after_exec
send q
wait_exit 0
exit 0
