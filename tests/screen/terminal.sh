#!/bin/bash
# The terminal pane (forkscope -- CMD): a shell runs on a pty shown beside
# the tree. What is typed reaches it and its output shows in the pane; the
# processes it starts are in the tree; `stty size` gives the pane's inside,
# and a new size after the window is resized; job control works (Ctrl-Z
# stops the foreground job, fg brings it back, Ctrl-C ends it: the shell
# says 130). Ctrl-] gives the keys to forkscope, q asks whether to end the
# command, e ends it: the shell is gone with forkscope.
. "${srcdir:-.}/tests/screen/lib.sh"

# The inside of the terminal pane as "ROWS COLS", from the screen.
pane_size() {
	local text rows cols
	text=$(pane_text terminal) || return 1
	rows=$(printf '%s\n' "$text" | wc -l)
	cols=$(printf '%s\n' "$text" | head -1 | tr -d '\n' | wc -m)
	echo "$rows $cols"
}

# The shell this test started (forkscope's child: the marker is in its environment).
marked_shells() {
	marked_with_cmdline "bash --norc --noprofile "
}

fs_start --no-config -- bash --norc --noprofile
wait_pane terminal 'bash-[0-9.]+[#$]'
wait_for 'keys: terminal'

send 'echo typed-$((6*7))' Enter
wait_pane terminal '^typed-42 *$'

# Its size, then a resize.
send 'stty size' Enter
size=$(pane_size)
wait_pane terminal "^$size *\$"
tm resize-window -x 150 -y 46
resized() { new_size=$(pane_size) && [ "$new_size" != "$size" ]; }
wait_check "the pane to take the new size (was $size)" resized
send 'clear; stty size' Enter
wait_pane terminal "^$new_size *\$"

# A process typed into the shell is in the tree, by its own name.
send 'sleep 300' Enter
wait_pane Processes 'sleep 300'
# Ctrl-Z stops it (the shell says so), fg brings it back, Ctrl-C ends it.
send C-z
wait_pane terminal 'Stopped +sleep 300'
wait_pane Events 'stopped by SIGTSTP'
send 'fg' Enter
wait_pane Events 'continued'
send C-c
wait_pane Events 'killed by SIGINT'
send 'echo rc=$?' Enter
wait_pane terminal '^rc=130 *$'

# Ctrl-] gives the keys to forkscope; q asks, e ends the shell.
send C-]
wait_for_not 'keys: terminal  typing'
[ -n "$(marked_shells)" ] || fail "the shell is not running before quitting"
send q
wait_for 'Quit: .* still runs'
send e
wait_exit 0
end=$((SECONDS + FS_TIMEOUT))
while [ -n "$(marked_shells)" ] && [ "$SECONDS" -le "$end" ]; do
	sleep 0.1
done
[ -z "$(marked_shells)" ] || fail "the shell runs on after e: $(marked_shells)"
fs_stop_server

# Started with --detach it can be left: l leaves it running on its
# terminal, which a small child of forkscope's keeps reading.
tag=$$$RANDOM
# Whatever way this test ends, the command it leaves running goes too.
trap 'pkill -f "^sleep $tag\\.5$"; fs_cleanup' EXIT
fs_start --no-config --detach -- sh -c "echo left-$tag; exec sleep $tag.5"
wait_pane terminal "^left-$tag"
send C-]
wait_for_not 'keys: terminal  typing'
send q
wait_for 'l leave it running'
send l
wait_exit 0
pgrep -f "^sleep $tag\\.5$" >/dev/null || fail "l did not leave the command running"
grep -q '^TracerPid:[[:space:]]*0$' "/proc/$(pgrep -f "^sleep $tag\\.5$")/status" ||
	fail "the command left running is still traced"
pkill -f "^sleep $tag\\.5$"
echo "ok: typed, sized, resized, job control, quit, leave"
