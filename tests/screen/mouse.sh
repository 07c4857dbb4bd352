#!/bin/bash
# The mouse: a click on a key hint in the status line presses the key
# (help), a click anywhere closes the help; a click on a scenario selects it
# and a second click runs it; a click on a mapping in the memory pane shows
# it in the page map; a click on a process shows it in the detail panes. Clicks are typed as the terminal sends
# them (X10 mouse reports: press, then release).
. "${srcdir:-.}/tests/screen/lib.sh"

# click X Y: a left click at column X, row Y (from 0).
click() {
	local press release
	press=$(printf '\033[M%b%b%b' '\040' "\\$(printf %03o $((33 + $1)))" "\\$(printf %03o $((33 + $2)))")
	release=$(printf '\033[M%b%b%b' '\043' "\\$(printf %03o $((33 + $1)))" "\\$(printf %03o $((33 + $2)))")
	send -l "$press$release"
}

# row_of PATTERN: the screen row of the first line matching.
row_of() {
	screen | grep -En -- "$1" | head -1 | cut -d: -f1 | awk '{ print $1 - 1 }'
}

# column_of TEXT ROW: the column where TEXT starts in that row, or nothing.
column_of() {
	local line prefix
	line=$(screen | sed -n "$(($2 + 1))p")
	case $line in *"$1"*) ;; *) return 0 ;; esac
	prefix=${line%%"$1"*}
	echo "${#prefix}"
}

fs_start
wait_for "╭─ Scenarios "

# The help hint in the status line, then a click anywhere to close it.
# Positions are read once what they are read from is on the screen: the
# status line is the last row a frame draws.
wait_for "\\?/F1"
x=$(column_of "?/F1" 39)
[ -n "$x" ] || fail "no help hint in the status line"
click "$((x + 1))" 39
wait_for "╭─ Help "
click 10 10
wait_for_not "╭─ Help "

wait_for "│  cow "
y=$(row_of "│  cow ")
[ -n "$y" ] || fail "no cow row in the list"
click 5 "$y"
wait_for "▸ cow "
wait_for "╭─ About ─ cow "
click 5 "$y"
wait_for "╭─ Processes ─ cow "
step_until "Step 2 of"
wait_for "╭─ Page map ─ \[anon\] 64M"

# The first libc mapping in the memory pane, by a click on its row.
wait_for "│  libc\.so\.6 "
y=$(row_of "│  libc\.so\.6 ")
[ -n "$y" ] || fail "no libc row in the memory pane"
click 5 "$y"
wait_for "╭─ Page map ─ libc\.so\.6 "
wait_for "▸ libc\.so\.6 "

# A click on the tree's parent row shows the parent in the detail panes.
y=$(row_of "fork\+exec ")
[ -n "$y" ] || fail "no fork+exec row in the tree"
pid=$(screen | sed -n "$((y + 1))p" | grep -Eo '[0-9]+' | head -1)
[ -n "$pid" ] || fail "no pid in the tree's fork+exec row"
click 10 "$y"
wait_for "╭─ Memory ─ pid $pid "
send q
wait_exit 0
exit 0
