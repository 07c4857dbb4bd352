#!/bin/bash
# A demo cannot exceed its caps, even when asked to.
#
# Processes: the custom scenario (max_procs 256) is given commands that make
# far more: 400 background sleeps, an endless loop of them, and a chain of
# orphans that each leave their parent. The runner must end the demo at the
# cap with a note saying so; every sleep that ends after that note must
# have been killed (none may run on to its natural end, which one born
# while the others were being killed once did); and, once forkscope
# has exited, no process of the run is left. The sleeps last longer than
# the scenario's timeout, so a demo the cap missed ends by timeout instead,
# and is reported as such.
#
# Memory and workers: out-of-range options are refused by forkscope
# (bad_input.sh); the helper, started alone with them, keeps to its
# defaults, so no way round forkscope's checks raises a cap.
set -u

: "${FORKSCOPE:?limits.sh needs FORKSCOPE (the built program) in the environment}"
: "${FORKSCOPE_DEMO:?limits.sh needs FORKSCOPE_DEMO (the helper) in the environment}"

work=$(mktemp -d)
MARK="FORKSCOPE_LIMITS_TEST=$$-$RANDOM"

# Processes of this test (its marker in their environment), but not itself.
marked() {
	local d
	for d in /proc/[0-9]*; do
		[ "${d#/proc/}" = "$$" ] && continue
		tr '\0' '\n' 2>/dev/null <"$d/environ" | grep -qx "$MARK" && echo "${d#/proc/}"
	done
}

cleanup() {
	local pid
	for pid in $(marked); do kill -KILL "$pid" 2>/dev/null; done
	rm -rf "$work"
}
trap cleanup EXIT

runs=0 failed=0 left_total=0

problem() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}

# no_process_left LABEL: polls (30 s at most: a sanitizer build on a loaded
# machine) until no marked process is left.
no_process_left() {
	local left end=$((SECONDS + 30))
	while :; do
		left=$(marked)
		[ -z "$left" ] && return 0
		[ "$SECONDS" -ge "$end" ] && break
		sleep 0.1
	done
	left_total=$((left_total + $(echo "$left" | wc -w)))
	problem "$1: processes left after forkscope exited: $(echo "$left" | tr '\n' ' ')"
	for pid in $left; do
		echo "  $pid: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)"
		kill -KILL "$pid" 2>/dev/null
	done
}

# capped LABEL SCRIPT: forkscope --batch --scenario custom -- sh -c SCRIPT
# must hit the cap, kill everything after it, and leave nothing.
capped() {
	local label=$1 script=$2 out="$work/out" rc note
	runs=$((runs + 1))
	env "$MARK" timeout 90 "$FORKSCOPE" --batch --scenario custom timeout=20 -- sh -c "$script" \
		>"$out" 2>"$work/err" </dev/null
	rc=$?
	if [ "$rc" -eq 124 ]; then
		problem "$label: forkscope did not end within 90 s"
		no_process_left "$label"
		return
	fi
	note=$(grep -n 'more than its cap of 256: it was ended' "$out" | head -1)
	if [ -z "$note" ]; then
		problem "$label: no note that the cap was hit (exit $rc)"
		grep -E 'note|timeout' "$out" | tail -5
	else
		# Every sleep that ends after the note was killed (a shell may
		# still finish on its own: it was exiting already).
		sleepers=$(awk '$3 == "exec" && $5 ~ /\/sleep$/ { printf "%s|", $2 }' "$out")
		survivors=$(tail -n +"${note%%:*}" "$out" |
			awk -v p="|$sleepers" '$3 == "exit" && index(p, "|" $2 "|") && !/killed by SIGKILL/')
		if [ -n "$survivors" ]; then
			problem "$label: $(echo "$survivors" | wc -l) sleeps ran on after the cap was hit, as:"
			echo "$survivors" | head -3
		fi
		grep -q 'ran past timeout' "$out" && problem "$label: the demo ran to its timeout"
	fi
	[ "$rc" -eq 1 ] || problem "$label: forkscope exited with $rc, not 1 (the demo was ended)"
	no_process_left "$label"
}

# The race of a fork under way while the others are killed is not every
# run's: the plain case runs several times.
for i in 1 2 3 4 5; do
	capped "400 sleeps ($i)" 'for i in $(seq 400); do sleep 30 & done; wait'
done
for i in 1 2; do
	capped "endless sleeps ($i)" 'while :; do sleep 30 & done'
	capped "chain of orphans ($i)" 'f() { [ "$1" -lt 600 ] && (f $(($1 + 1)) &); sleep 30; }; f 0'
done

# A scenario within its cap is not touched by it.
runs=$((runs + 1))
env "$MARK" timeout 120 "$FORKSCOPE" --batch --scenario custom -- sh -c 'for i in $(seq 100); do sleep 0.2 & done; wait' \
	>"$work/out" 2>&1 </dev/null
rc=$?
[ "$rc" -eq 0 ] || problem "100 processes (under the cap): forkscope exited with $rc"
grep -q 'more than its cap' "$work/out" && problem "100 processes (under the cap): the cap note appeared"
no_process_left "100 processes"

# helper_keeps LABEL PATTERN ARGS...: the helper alone, asked for more than
# its cap, reports PATTERN (its default) on stderr.
helper_keeps() {
	local label=$1 pattern=$2
	shift 2
	runs=$((runs + 1))
	env "$MARK" timeout 60 "$FORKSCOPE_DEMO" "$@" </dev/null >/dev/null 2>"$work/helper"
	grep -Eq -- "$pattern" "$work/helper" ||
		problem "$label: the helper did not keep to its cap: $(grep -m2 -E 'MiB|workers' "$work/helper")"
	no_process_left "$label"
}
helper_keeps "fork size=99999" 'mmap\(NULL, 16 MiB' fork size=99999
helper_keeps "vfork size=99999" 'mmap\(NULL, 16 MiB' vfork size=99999
helper_keeps "cow size=99999" 'mmap\(NULL, 64 MiB' cow size=99999
helper_keeps "mmap-shared size=99999" 'write: 16 MiB of data' mmap-shared size=99999 workers=2
# Workers are numbered from 1 in the helper's reports.
helper_keeps "mmap-shared workers=99" 'worker 4:' mmap-shared size=1 workers=99
grep -q 'worker 5:' "$work/helper" && problem "mmap-shared workers=99: more than its 4 default workers"
helper_keeps "scale workers=99999" 'split among 1 to ([1-9]|[1-5][0-9]|6[0-4]) workers' scale workers=99999 units=16

echo "limits: $runs runs, $failed failed, $left_total processes left"
[ "$failed" -eq 0 ]
