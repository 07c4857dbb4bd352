#!/bin/bash
# The tree of a watch (forkscope -- CMD): - folds the selected process's
# subtree into its row ("[+2]" and its children gone), + shows it again;
# o orders siblings (a busy child goes above an idle one by CPU%, below it
# by pid, and the pids then rise), with the CPU% column shown; the order
# and c's columns are written to forkscope.conf and read at the next
# start; n and N go from match to match of the filter (unfolding a fold
# that hides one), and Esc clears the filter.
. "${srcdir:-.}/tests/ui/watch_lib.sh"

conf="$XDG_CONFIG_HOME/forkscope/forkscope.conf"
# A sleep, then a busy child: older and lower pid, but idle.
busy_cmd='t=$0; sleep $t.1 & (while :; do :; done) & sleep $t.2 & wait'
idle="[├└]─ sleep $TAG\\.1"
fs_start -d 3 -- sh -c "$busy_cmd" "$TAG"
wait_for "╭─ Processes "
forkscope_keys
# The tree across the whole width: its rows whole (T hides the terminal).
send T
wait_for_not "╭─ terminal "
wait_for "$idle"
wait_for "[├└]─ sleep $TAG\\.2"
sh_pid=$(row_pid "[^─] sh -c t=")
[ -n "$sh_pid" ] || fail "no row for the watched shell"
busy_pid=$(row_pid "[├└]─ sh -c t=")
[ -n "$busy_pid" ] || fail "no row for the busy subshell"

# Fold the shell's subtree, then show it again.
send Home
wait_for "Memory ─ pid $sh_pid "
send -- -
wait_for "\\[\\+3\\] sh -c t="
wait_for_not "$idle"
wait_for "pid $sh_pid folded"
send +
wait_for "$idle"
wait_for_not "\\[\\+3\\]"
# A leaf has nothing to fold.
send End
wait_for "Memory ─ pid [0-9]+ "
send -- -
wait_for "has no children shown: nothing to fold"

# The order of siblings: pid, start time, CPU% (the column shows).
above "$idle" "[├└]─ sh -c t=" || fail "the idle sleep, older, is not above the busy child"
send o
wait_for "siblings sorted by pid "
wait_check "by pid: the idle sleep (lower pid) above the busy child" above "$idle" "[├└]─ sh -c t="
pids_rise() {
	local a b c
	a=$(row_pid "$idle")
	b=$(row_pid "[├└]─ sh -c t=")
	c=$(row_pid "[├└]─ sleep $TAG\\.2")
	[ -n "$a" ] && [ -n "$b" ] && [ -n "$c" ] && [ "$a" -lt "$b" ] && [ "$b" -lt "$c" ]
}
wait_check "by pid: the children's pids rise" pids_rise
send o
wait_for "siblings sorted by start time"
send o
wait_for "siblings sorted by CPU%"
wait_for "MADE BY +CPU% +COMMAND"
wait_check "by CPU%: the busy child above the idle sleep" above "[├└]─ sh -c t=" "$idle"
wait_check "forkscope.conf says sort = cpu" grep -qx "sort = cpu" "$conf"
# % shows both columns; the setting stays.
send %
wait_for "CPU% and RSS shown"
wait_for "CPU% +RSS +COMMAND"
wait_check "forkscope.conf says columns = cpu,rss" grep -qx "columns = cpu,rss" "$conf"

# n and N: the filter "TAG." matches the two sleeps, not the shells.
send Home
wait_for "Memory ─ pid $sh_pid "
send /
send -l "$TAG."
send Enter
wait_for "3 shown matching"
wait_for "n/N: next match, Esc: no filter"
idle_pid=$(row_pid "$idle")
late_pid=$(row_pid "[├└]─ sleep $TAG\\.2")
[ -n "$idle_pid" ] && [ -n "$late_pid" ] || fail "no rows for the sleeps"
# Sorted by CPU%, both sleeps idle: they stay in the order they came.
send n
wait_for "match 1 of 2: pid $idle_pid "
wait_for "Memory ─ pid $idle_pid "
send n
wait_for "match 2 of 2: pid $late_pid "
send n
wait_for "match 1 of 2: pid $idle_pid "
send N
wait_for "match 2 of 2: pid $late_pid "
# A match inside a fold: n unfolds it.
send Home
wait_for "Memory ─ pid $sh_pid "
send -- -
wait_for "\\[\\+2\\] sh -c t="
send n
wait_for "match 1 of 2: pid $idle_pid "
wait_for_not "\\[\\+2\\]"
# Esc clears the filter first (the watch goes on).
send Escape
wait_for "filter cleared"
wait_for_not "shown matching"
screen | grep -q "╭─ Processes " || fail "Esc left the watch"
quit_command

# The next start reads the order and the columns.
fs_stop_server
fs_start -d 3 -- sh -c "$WATCHED" "$TAG"
wait_for "╭─ Processes "
forkscope_keys
send T
wait_for_not "╭─ terminal "
wait_for "· by CPU"
wait_for "CPU% +RSS +COMMAND"
quit_command
exit 0
