#!/bin/bash
# Run spawn-cost: the chart takes the page map's place, its legend names
# the four methods once the first size is measured, with the axis titles;
# at the last step the x axis has every size (0, 1 and 4 MiB for
# max_mib=4) and each method has a marker.
. "${srcdir:-.}/tests/screen/lib.sh"

fs_start --scenario spawn-cost max_mib=4 reps=3
wait_for "╭─ Processes "
step_until "Step 1 of"
for method in "fork\+exec" "vfork\+exec" "posix_spawn" "clone\+exec"; do
	wait_pane "Chart" "$method"
done
wait_pane "Chart" "median µs"
wait_pane "Chart" "parent MiB"
screen | grep -q "╭─ Page map " && fail "the page map is drawn beside the chart"
step_until "Step 4 of"
wait_for "Chart ─ latest: [a-z+_]+ with a 4 MiB parent"
chart=$(pane_text "Chart")
echo "$chart" | grep -Eq "^ +0 +1 +4 *$" || fail "the x axis does not list 0, 1 and 4 MiB"
for marker in "●" "■" "▲" "◆"; do
	echo "$chart" | grep -v "fork+exec" | grep -q "$marker" ||
		fail "no $marker point in the plot"
done
send q
wait_exit 0
exit 0
