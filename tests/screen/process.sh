#!/bin/bash
# The evidence a caption cites is on the screen. exec-family: at step 4 the
# Process pane shows the child's environ, exactly what execle passed (both
# variables, the parent's others absent); at step 2 the events pane's
# cursor goes up to execl's ENOENT line and Enter shows it in full, with
# the value returned and errno; Esc closes that, and only that.
# clone3-pidfd: the pidfd's target in the FD pane carries fdinfo's Pid.
. "${srcdir:-.}/tests/screen/lib.sh"

# The demo's cwd is ours: a deep build directory (make distcheck's) would
# take two lines of the Process pane and push the environ below its edge.
cd /

fs_start
choose_scenario exec-family
step_until "Step 2 of"
# Tab to the events pane: tree, memory, page map, FDs, process, events.
for i in 1 2 3 4 5; do
	send Tab
done
# The cursor is on the newest line (the step's rule); up to execl's.
wait_for "▸─ step 2 "
cursor_row='▸(─ step [0-9]+ .{8}| +[0-9.]+ +[0-9]+  .{12})'
for ((i = 0; i < 40; i++)); do
	screen | grep -Eq '▸ +[0-9.]+ +[0-9]+  execl\("true"' && break
	before=$(screen | grep -Eo "$cursor_row" | head -1)
	send Up
	wait_moved "$cursor_row" "$before"
done
wait_for '▸ +[0-9.]+ +[0-9]+  execl\("true"'
send Enter
wait_pane Event 'call +execl\("true", "true", .*NULL\)'
wait_pane Event 'returned +-1'
wait_pane Event 'errno +ENOENT \(2\)'
send Escape
wait_for_not "Enter or Esc closes"
wait_for "╭─ Processes "
step_until "Step 4 of"
wait_pane Process 'environ 2 vars'
wait_pane Process '\+FORKSCOPE_LESSON=passed-by-the-caller'
wait_pane Process '\+PATH=/usr/bin:/bin'
wait_pane Process "[0-9]+ of the parent's absent|-[A-Z_]+"
send q
wait_exit 0

fs_cleanup
fs_start
choose_scenario clone3-pidfd
step_until "Step 1 of"
wait_pane "File descriptors" 'pidfd .*\[pidfd\] Pid: [0-9]+'
send q
wait_exit 0
exit 0
