#!/bin/bash
# The layout follows the window: 120x40 (a grid), 60x20 (the tree and one
# detail pane, with tabs), 200x60 (events in a column of their own), below
# the minimum (a message with the size needed), and back.
. "${srcdir:-.}/tests/screen/lib.sh"

# no_line_wider N: every screen line fits in N columns.
no_line_wider() {
	local line
	while IFS= read -r line; do
		[ "${#line}" -le "$1" ] || fail "a line is wider than $1 columns: $line"
	done < <(screen)
}

fs_start
choose_scenario fork
wait_for "Step 1 of 3"
for title in Processes Memory "Page map" "File descriptors" Process Events; do
	wait_for "╭─ $title "
done

# small_layout_shows TITLE: the small layout with the detail pane TITLE and
# no other detail pane in one capture (a capture can catch a frame half
# taken in; a wait for one thing then a look for another can see two).
small_layout_shows() {
	local text title
	text=$(screen)
	grep -q "╭─ Processes " <<<"$text" && grep -q "╭─ $1 " <<<"$text" || return 1
	for title in Memory "Page map" "File descriptors" Process Events; do
		[ "$title" = "$1" ] && continue
		grep -q "╭─ $title " <<<"$text" && return 1
	done
	return 0
}

tm resize-window -x 60 -y 20
wait_for "Tab → Pages FDs Process Events"
wait_check "60x20: the tree and the memory pane, no other detail pane beside them" small_layout_shows Memory
[ "$(screen | wc -l)" -le 20 ] || fail "more than 20 lines at 60x20"
no_line_wider 60
# Tab brings the next detail pane into the one slot.
send Tab Tab
wait_for "╭─ Page map "
wait_check "60x20 after Tab Tab: the page map alone in the detail slot" small_layout_shows "Page map"

tm resize-window -x 200 -y 60
wait_for "╭─ Processes .*╭─ Events "
for title in Memory "Page map" "File descriptors" Process; do
	wait_for "╭─ $title "
done
wait_for "Step 1 of 3"
no_line_wider 200

tm resize-window -x 40 -y 12
wait_for "needs at least 50x16"
wait_for "this window is 40x12"

tm resize-window -x 120 -y 40
wait_for "╭─ Events "
wait_for "Step 1 of 3"
send q
wait_exit 0
exit 0
