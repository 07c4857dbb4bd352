#!/bin/bash
# k sends a signal to the selected process, as htop's does: the status line
# offers TERM, KILL, INT, HUP, STOP, CONT, USR1 and USR2, Enter asks, y
# sends. Esc, or any key but y at the question, sends nothing; y kills a
# watched sleep (the kernel says so: kill -0). forkscope refuses pid 1 and
# itself, saying why.
. "${srcdir:-.}/tests/ui/watch_lib.sh"

fs_start -- sh -c "$WATCHED" "$TAG"
wait_for "╭─ Processes "
forkscope_keys
wait_for "[├└]─ sleep $TAG\\.1"
wait_for "[├└]─ sleep $TAG\\.2"
victim=$(row_pid "[├└]─ sleep $TAG\\.1")
other=$(row_pid "[├└]─ sleep $TAG\\.2")
[ -n "$victim" ] && [ -n "$other" ] || fail "no rows for the sleeps"
# Selected through the filter, so whatever the order of the rows.
send /
send -l "$TAG.1"
send Enter
send n
wait_for "match 1 of 1: pid $victim "

# Asked, then let go: nothing sent.
send k
wait_for "Signal to pid $victim \\(sleep\\): +1 TERM +2 KILL +3 INT +4 HUP +5 STOP +6 CONT +7 USR1 +8 USR2"
send Escape
wait_for "no signal sent"
send k
wait_for "Signal to pid $victim "
send Enter
wait_for "Send SIGTERM to pid $victim \\(sleep\\)\\?"
send n
wait_for "no signal sent"
kill -0 "$victim" 2>/dev/null && ! dead "$victim" || fail "pid $victim died with no signal sent"

# Chosen by its number, confirmed: SIGKILL.
send k
wait_for "Signal to pid $victim "
send 2
wait_for "Send SIGKILL to pid $victim \\(sleep\\)\\?"
send y
wait_for "SIGKILL sent to pid $victim"
wait_check "pid $victim killed" dead "$victim"
kill -0 "$other" 2>/dev/null || fail "the other sleep $other died too"
quit_command
fs_stop_server

# --system: pid 1 and forkscope itself are refused.
fs_start --system
wait_for "╭─ Processes ─ the whole machine"
wait_for "^│ .* 1 .* existing "
send Home
wait_for "Memory ─ pid 1 "
send k
wait_for "pid 1 is init: forkscope does not signal it"
self=""
for child in $(cat "/proc/$(tm display -p '#{pane_pid}')/task/"*/children 2>/dev/null); do
	[ "$(cat "/proc/$child/comm" 2>/dev/null)" = forkscope ] && self=$child
done
[ -n "$self" ] || fail "forkscope's pid not found"
send /
send -l "$self"
send Enter
wait_for "matching $self"
# n until forkscope's own row (another command line may have its digits).
send n
wait_for "match [0-9]+ of [0-9]+: pid [0-9]+ "
for ((i = 0; i < 20; i++)); do
	cur=$(screen | grep -Eo "match [0-9]+ of [0-9]+: pid [0-9]+ " | head -1)
	case $cur in *"pid $self ") break ;; esac
	send n
	wait_moved "match [0-9]+ of [0-9]+: pid [0-9]+ " "$cur"
done
wait_for "match [0-9]+ of [0-9]+: pid $self "
send k
wait_for "forkscope does not signal itself"
kill -0 "$self" || fail "forkscope died"
send q
wait_exit 0
exit 0
