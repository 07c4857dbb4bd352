#!/bin/bash
# Choose the cow scenario, step to right after fork: parent and child page
# maps side by side, every page shared; step until the child has written
# half the region: half of the pages copied, in both maps.
. "${srcdir:-.}/tests/screen/lib.sh"

fs_start
choose_scenario cow
step_until "Step 2 of"
wait_pane "Page map" "parent [0-9]+ +child [0-9]+"
pages=$(pane_text "Page map")
[ "$(echo "$pages" | grep -Eo 'shared 100%' | wc -l)" -eq 2 ] ||
	fail "right after fork the page map is not all shared in both processes"
# The grid (legend line aside) has light cells only.
echo "$pages" | grep -v "shared ▒▓" | grep -q "█" &&
	fail "right after fork a page is shown copied"
step_until "copied 50%"
pages=$(pane_text "Page map")
[ "$(echo "$pages" | grep -Eo 'shared 50% . copied 50%' | wc -l)" -eq 2 ] ||
	fail "half written: the page map does not show half copied in both processes"
echo "$pages" | grep -v "shared ▒▓" | grep -q "█" ||
	fail "half written: no copied cell in the grid"
echo "$pages" | grep -v "shared ▒▓" | grep -q "░" ||
	fail "half written: no shared cell left in the grid"
send q
wait_exit 0
exit 0
