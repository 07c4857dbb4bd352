#!/bin/bash
# Watching what already runs. --system: a process started before forkscope
# is in the first look at the machine, one started after it shows while it
# runs (the proc connector as root, polling otherwise); the tree's filter
# finds both among all the machine's processes. -p PID: the subtree of PID
# with its children, and quitting leaves PID running (forkscope only watched).
. "${srcdir:-.}/tests/screen/lib.sh"

tag="42$$"
started=()
# Our own processes go with the test, after lib.sh's cleanup.
stop_started() {
	fs_cleanup
	local pid
	for pid in "${started[@]}"; do
		pkill -P "$pid" 2>/dev/null # the watched shell's sleeps
		kill "$pid" 2>/dev/null
	done
	wait 2>/dev/null
}
trap stop_started EXIT

# shown_at_end PATTERN: End until the tree's last rows show PATTERN (a row
# that arrives later lands below what End showed before).
shown_at_end() {
	local end=$((SECONDS + FS_TIMEOUT))
	while [ "$SECONDS" -le "$end" ]; do
		send End
		screen | grep -Eq -- "$1" && return 0
		alive
		sleep 0.1
	done
	fail "waited ${FS_TIMEOUT}s for /$1/ at the end of the tree"
}

sleep "$tag.1" &
first=$!
started+=($first)

fs_start --system
wait_for "╭─ Processes ─ the whole machine"
send /
send -l "$tag"
send Enter
# The matches hang under this test's shells, at the bottom of the tree.
wait_for "matching $tag"
# Found by its row (pid, then this shell as parent): in a deep tree the
# command column may be cut.
shown_at_end " $first +$$ "
# Started while forkscope runs: seen without a key pressed.
sleep "$tag.2" &
second=$!
started+=($second)
shown_at_end " $second +$$ "
send q
wait_exit 0
fs_stop_server

# -p: a shell with two children.
sh -c "sleep $tag.3 & sleep $tag.4 & wait" &
watched=$!
started+=($watched)
fs_start -p "$watched"
wait_for "╭─ Processes ─ pid $watched"
wait_for "sleep $tag\\.3"
wait_for "sleep $tag\\.4"
# Esc asks before it ends a watch; a second Esc goes to the list.
send Escape
wait_for "Esc again ends this watch"
screen | grep -q "╭─ Processes ─ pid $watched" || fail "one Esc ended the watch"
send Escape
wait_for "╭─ Scenarios "
send q
wait_exit 0
kill -0 "$watched" 2>/dev/null || fail "quitting ended the watched process $watched"
[ "$(awk '{ print $3 }' "/proc/$watched/stat")" != T ] || fail "the watched process was left stopped"
grep -q '^TracerPid:[[:space:]]*0$' "/proc/$watched/status" || fail "the watched process is still traced"
fs_stop_server

# -- COMMAND with --events=connector (poll where the connector is refused):
# the live engine starts it untraced on the terminal pane (its output there,
# never on forkscope's terminal); quitting asks, and e ends it.
fs_start --events=connector -- sh -c "echo said-$tag; exec sleep $tag.5"
wait_pane terminal "^said-$tag"
screen | grep -Eq "running · (connector|poll)" || fail "the status line does not say connector or poll"
wait_for "sleep $tag\\.5"
send C-]
wait_for_not 'keys: terminal  typing'
send q
wait_for 'Quit: .* still runs'
send e
wait_exit 0
for _ in $(seq 50); do pgrep -f "sleep $tag\\.5" >/dev/null || break; sleep 0.1; done
! pgrep -f "sleep $tag\\.5" >/dev/null || fail "quitting left the command running"
