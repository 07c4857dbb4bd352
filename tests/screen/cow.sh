#!/bin/bash
# Choose the cow scenario, step to right after fork: parent and child page
# maps side by side, every page shared; step until the child has written
# half the region: half of the pages copied, in both maps.
. "${srcdir:-.}/tests/screen/lib.sh"

fs_start
choose_scenario cow
# Each check polls the pane (a capture can catch a frame half taken in).
# The grid is the pane without its legend line.
all_shared() {
	local pages
	pages=$(pane_text "Page map") || return 1
	[ "$(grep -Eo 'shared 100%' <<<"$pages" | wc -l)" -eq 2 ] &&
		! grep -v "shared ▒▓" <<<"$pages" | grep -q "█"
}
half_copied() {
	local pages
	pages=$(pane_text "Page map") || return 1
	[ "$(grep -Eo 'shared 50% . copied 50%' <<<"$pages" | wc -l)" -eq 2 ] &&
		grep -v "shared ▒▓" <<<"$pages" | grep -q "█" &&
		grep -v "shared ▒▓" <<<"$pages" | grep -q "░"
}
step_until "Step 2 of"
wait_pane "Page map" "parent [0-9]+ +child [0-9]+"
wait_check "right after fork, both page maps all shared and no cell shown copied" all_shared
step_until "copied 50%"
wait_check "half written, both page maps half copied, with copied and shared cells in the grid" half_copied
send q
wait_exit 0
exit 0
