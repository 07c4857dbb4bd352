#!/bin/bash
# The mouse past column 223, where an X10 report's column byte runs out: in
# a window 300 columns wide, forkscope asks the terminal (tmux) for SGR
# reports (mode 1006, tmux's mouse_sgr_flag), a click typed as SGR reports
# it (press "ESC [ < 0 ; X ; Y M", release "... m") at column 250 selects
# the tree row under it, the wheel's reports are read too (none is typed
# into the filter prompt), and quitting gives the mode back.
. "${srcdir:-.}/tests/ui/watch_lib.sh"

# sgr_click X Y: a left click at column X, row Y (from 0), as SGR reports.
sgr_click() {
	send -l "$(printf '\033[<0;%d;%dM\033[<0;%d;%dm' $(($1 + 1)) $(($2 + 1)) $(($1 + 1)) $(($2 + 1)))"
}

sgr_flag() {
	[ "$(tm display -p '#{mouse_sgr_flag}')" = "$1" ]
}

# 300x35: the medium layout; with the terminal pane hidden (T), the tree
# across the whole width.
fs_start_size 300 35 -- sh -c "$WATCHED" "$TAG"
wait_for "╭─ Processes "
forkscope_keys
send T
wait_for_not "╭─ terminal "
wait_for "[├└]─ sleep $TAG\\.1"
wait_for "[├└]─ sleep $TAG\\.2"
wait_check "tmux was asked for SGR mouse reports" sgr_flag 1
for n in 1 2; do
	pid=$(row_pid "[├└]─ sleep $TAG\\.$n")
	y=$(row_of "[├└]─ sleep $TAG\\.$n")
	[ -n "$pid" ] && [ -n "$y" ] || fail "no row for sleep $TAG.$n"
	sgr_click 250 "$y"
	wait_for "Memory ─ pid $pid "
	wait_for "▸.? +$pid "
done

# Wheel reports in the filter prompt: read, not typed.
send /
wait_for "Filter: "
send -l "$(printf '\033[<65;250;5M\033[<64;250;5M')"
send -l "x"
wait_for "Filter: x "
screen | grep -q "Filter: x[0-9;<M]" && fail "a mouse report was typed into the filter"
send Escape
wait_for_not "Filter: "

quit_command
wait_check "the SGR mode was given back at the end" sgr_flag 0
exit 0
