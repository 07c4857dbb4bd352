#!/usr/bin/env bash
# A short, bounded fuzz run of every parser target in a --enable-fuzzing
# build: each target runs for FUZZ_SECONDS (default 15) on a copy of its seed
# corpus. Prints the executions of each and the total; fails on any crash.
set -u
build=${1:?usage: run.sh BUILD_DIR}
seconds=${FUZZ_SECONDS:-15}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
total=0
status=0
for target in "$build"/tests/fuzz/fuzz_*; do
	[ -x "$target" ] || continue
	name=$(basename "$target"); name=${name#fuzz_}
	mkdir -p "$work/$name"
	[ -d "$here/corpus/$name" ] && cp -r "$here/corpus/$name/." "$work/$name/"
	log="$work/$name.log"
	if "$target" -max_total_time="$seconds" -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$work/$name-" "$work/$name" >"$log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
		echo "fuzz $name: ${runs:-0} executions, no crash"
		total=$((total + ${runs:-0}))
	else
		echo "fuzz $name: FAILED"; tail -30 "$log"
		for a in "$work/$name"-*; do [ -f "$a" ] && { echo "crash input:"; od -c "$a" | head -20; }; done
		status=1
	fi
done
echo "fuzz total: $total executions"
exit $status
