#!/bin/bash
# Choose the cloexec scenario with the keyboard, step to the moment after the
# child's exec, and read the FD pane: the plain FD (/etc/passwd) is there and
# kept, the two close-on-exec ones (/etc/group, /etc) are gone.
. "${srcdir:-.}/tests/screen/lib.sh"

fs_start
choose_scenario cloexec
wait_for "Step 1 of"
# Before the exec the child has all three, two of them marked close.
step_until "Step 2 of"
wait_pane "File descriptors" "/etc/group"
pane_text "File descriptors" | grep -E " close +.*/etc/group" >/dev/null ||
	fail "/etc/group is not marked close before the exec"
pane_text "File descriptors" | grep -E " keep +.*/etc/passwd" >/dev/null ||
	fail "/etc/passwd is not marked keep before the exec"
# After the exec (the child is held there: the tree says so).
step_until "ls .*\\[held\\]"
wait_pane "File descriptors" "/etc/passwd"
fds=$(pane_text "File descriptors")
echo "$fds" | grep -E "^ +[0-9]+ +file .* keep .*/etc/passwd" >/dev/null ||
	fail "the plain FD (/etc/passwd) is not in the FD pane after exec"
if echo "$fds" | grep -E "/etc/group|/etc +$| close " >/dev/null; then
	echo "$fds"
	fail "a close-on-exec FD is still in the FD pane after exec"
fi
send q
wait_exit 0
exit 0
