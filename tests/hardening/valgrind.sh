#!/bin/bash
# Valgrind memcheck on forkscope's batch mode: every scenario of the
# catalogue with --step-all (small sizes, as in test_kill.c), -- COMMAND,
# -p PID, --system, inspect, --list and headless screenshots. A run fails on
# any invalid access, use of uninitialised memory, or a definite or indirect
# leak (--error-exitcode), and on a non-zero exit of forkscope itself.
#
# Only forkscope runs under valgrind (--trace-children=no): it is a ptrace
# tracer, and its demos are traced by it, not by valgrind. Valgrind does
# not know pidfd_open (it says so in the log); forkscope then takes the path
# it takes on kernels without it, so that path is the one checked here.
set -u

: "${FORKSCOPE:?valgrind.sh needs FORKSCOPE (the built program) in the environment}"
if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind is not installed (Debian package valgrind): memcheck skipped"
	exit 77
fi
if grep -aq __asan_init "$FORKSCOPE"; then
	echo "this forkscope is built with AddressSanitizer, which valgrind cannot run: memcheck skipped (the plain build runs it)"
	exit 77
fi

work=$(mktemp -d)
watched=
cleanup() {
	[ -n "$watched" ] && kill -KILL "$watched" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
# A home of its own: no theme of the user's changes what is drawn.
export HOME="$work" LC_ALL=C.UTF-8
unset XDG_CONFIG_HOME

runs=0 errors=0 failed=0

# memcheck LABEL ARGS...: one run of forkscope under memcheck.
memcheck() {
	local label=$1 log="$work/vg.log" rc count
	shift
	runs=$((runs + 1))
	timeout 300 valgrind --log-file="$log" --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect --trace-children=no \
		"$FORKSCOPE" "$@" >"$work/out" 2>"$work/err" </dev/null
	rc=$?
	count=$(sed -n 's/^==[0-9]*== ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$log" | tail -1)
	if [ -z "$count" ]; then
		echo "FAIL $label: valgrind gave no error summary (exit $rc)"
		tail -20 "$log" "$work/err"
		failed=$((failed + 1))
		return
	fi
	errors=$((errors + count))
	if [ "$count" -gt 0 ]; then
		echo "FAIL $label: $count errors"
		grep -v -e 'unhandled amd64-linux syscall' "$log" | head -80
		failed=$((failed + 1))
	elif [ "$rc" -ne 0 ]; then
		echo "FAIL $label: forkscope exited with $rc"
		tail -20 "$work/err"
		failed=$((failed + 1))
	else
		echo "ok   $label"
	fi
}

# Kept small so each run is quick, like test_kill.c's small_options.
small_options() {
	case $1 in
	fork | vfork) echo "size=4" ;;
	cow) echo "size=8" ;;
	spawn-cost) echo "max_mib=4 reps=3" ;;
	scale) echo "workers=4 units=64" ;;
	mmap-shared) echo "workers=2 size=2" ;;
	esac
}

ids=$("$FORKSCOPE" --list --json | sed -n 's/^ *"id": *"\([^"]*\)".*/\1/p')
nids=$(printf '%s\n' "$ids" | grep -c .)
ntext=$("$FORKSCOPE" --list | grep -c '^[a-z]')
if [ "$nids" -eq 0 ] || [ "$nids" -ne "$ntext" ]; then
	echo "FAIL: --list --json names $nids scenarios, --list $ntext"
	exit 1
fi

for id in $ids; do
	# small_options is split into words on purpose.
	if [ "$id" = custom ]; then
		memcheck "scenario $id" --batch --step-all --scenario custom -- sh -c 'true'
	else
		memcheck "scenario $id" --batch --step-all --scenario "$id" $(small_options "$id")
	fi
done

memcheck "batch json" --batch --json --step-all --scenario cow size=8
memcheck "batch -- COMMAND" --batch -- sh -c 'true'
memcheck "batch --json -- COMMAND" --batch --json -- sh -c 'true'
memcheck "batch poll -- COMMAND" --batch --events=poll --duration 1 -- sh -c 'true'
sleep 600 &
watched=$!
memcheck "batch -p PID" --batch -p "$watched" --duration 1
kill -KILL "$watched"
wait "$watched" 2>/dev/null
watched=
memcheck "batch --system" --batch --system --duration 1
memcheck "inspect self --json" inspect $$ --json
memcheck "inspect 1" inspect 1
memcheck "list --json" --list --json
memcheck "list --markdown" --list --markdown
memcheck "screenshot svg" --screenshot "$work/shot.svg" --scenario fork size=4 --step 2
memcheck "screenshot html" --screenshot "$work/shot.html" --scenario cow size=8 --step 3
memcheck "screenshot txt help" --screenshot "$work/shot.txt" --step -1

echo "valgrind: $runs runs ($nids scenarios), $errors errors, $failed failed"
[ "$failed" -eq 0 ]
