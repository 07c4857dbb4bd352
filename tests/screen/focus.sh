#!/bin/bash
# A step selects what its caption is about: in the fork scenario's step 2
# the child is the focus, its row carries the ▸ and the detail panes are
# its. Moving the tree's selection moves the panes with it (the bar and the
# ▸ are one selection); f brings the step's focus back.
. "${srcdir:-.}/tests/screen/lib.sh"

fs_start
choose_scenario fork
step_until "Step 2 of"
wait_for "focus: the child, pid [0-9]+"
child=$(screen | grep -Eo "focus: the child, pid [0-9]+" | grep -Eo "[0-9]+$" | head -1)
# The ▸ is on the child's row, and the panes are titled with its pid.
marked_is() {
	screen | grep -Eq "▸.? +$1 " && pane_text "File descriptors" >/dev/null &&
		screen | grep -Eq "File descriptors ─ pid $1 "
}
wait_check "the child $child marked ▸ in the tree and shown in the FD pane" marked_is "$child"
# The tree is the active pane at the start: Up moves the selection up, to
# the parent, and the ▸ and the panes go with it.
send Up
wait_for "your choice: pid [0-9]+"
parent=$(screen | grep -Eo "your choice: pid [0-9]+" | grep -Eo "[0-9]+$" | head -1)
[ "$parent" != "$child" ] || fail "Up did not move the selection off the child"
wait_check "the parent $parent marked ▸ and shown in the FD pane after Up" marked_is "$parent"
send f
wait_for "focus: the child, pid $child"
wait_check "f: the child $child marked ▸ again" marked_is "$child"
# + and - set run mode's pace: the status line says the reading speed.
send -
wait_for "captions read at 180 words a minute"
send +
wait_for "captions read at 240 words a minute"
send q
wait_exit 0
exit 0
