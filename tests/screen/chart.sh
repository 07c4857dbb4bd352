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
# Each check polls the screen (a capture can catch a frame half taken in).
chart_alone() {
	local text
	text=$(screen)
	grep -q "╭─ Chart " <<<"$text" && ! grep -q "╭─ Page map " <<<"$text"
}
all_sizes_and_markers() {
	local chart marker
	chart=$(pane_text "Chart") || return 1
	grep -Eq "^ +0 +1 +4 *$" <<<"$chart" || return 1
	for marker in "●" "■" "▲" "◆"; do
		grep -v "fork+exec" <<<"$chart" | grep -q "$marker" || return 1
	done
}
wait_check "the chart in the page map's place, no page map beside it" chart_alone
step_until "Step 4 of"
wait_for "Chart ─ latest: [a-z+_]+ with a 4 MiB parent"
wait_check "the x axis lists 0, 1 and 4 MiB and each method has a point (● ■ ▲ ◆) in the plot" all_sizes_and_markers
send q
wait_exit 0
exit 0
