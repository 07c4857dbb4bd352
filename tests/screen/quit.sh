#!/bin/bash
# Leaving: q with a demo held at a step, and SIGTERM while a demo runs. Each
# time the shell gets its terminal back as it was (normal screen, cursor
# shown, echo and canonical mode on) and no forkscope-demo of this test is
# left. q in the scenario list asks nothing. --export-trace writes the run
# at q, or says why it could not.
. "${srcdir:-.}/tests/screen/lib.sh"
# forkscope exits several times here, on purpose.
FS_EXIT_OK=1

terminal_restored() {
	[ "$(tm display -p '#{alternate_on}')" = 0 ] || fail "still on the alternate screen"
	[ "$(tm display -p '#{cursor_flag}')" = 1 ] || fail "the cursor is still hidden"
	restored=$((${restored:-0} + 1))
	tty_sane "restored-$restored"
}

# The forkscope this test started (its marker, not a demo).
forkscope_pid() {
	marked_with_cmdline "$FORKSCOPE "
}

no_demo_left() {
	local left end=$((SECONDS + FS_TIMEOUT))
	while [ "$SECONDS" -le "$end" ]; do
		left=$(demo_leftovers)
		[ -z "$left" ] && return 0
		sleep 0.1
	done
	fail "forkscope-demo still running after forkscope ended: $left"
}

fs_start_shell
wait_for '^\$'
cmd="$(printf '%q' "$FORKSCOPE"); echo FORKSCOPE-EXIT=\$?"

# q from the list.
send "$cmd" Enter
wait_for "╭─ Scenarios "
send q
wait_exit 0
terminal_restored

# q while a demo waits at a step.
send "clear; $cmd" Enter
choose_scenario fork
wait_for "Step 1 of 3"
[ -n "$(demo_leftovers)" ] || fail "the demo is not running at step 1"
send q
wait_exit 0
no_demo_left
terminal_restored

# SIGTERM while a demo runs.
send "clear; $cmd" Enter
choose_scenario cow
wait_for "Step 1 of"
fspid=$(forkscope_pid)
[ -n "$fspid" ] || fail "cannot find forkscope's pid"
kill -TERM "$fspid"
wait_exit 143
no_demo_left
terminal_restored

# q with --export-trace: the run on the screen is written as a Chrome trace;
# a path that cannot be written says so, exits 1 and leaves no file.
trace="$FS_CONFIG/run.json"
shell_run trace-ok "$(printf '%q' "$FORKSCOPE") --export-trace $trace --scenario fork"
wait_for "Step 1 of 3"
send q
wait_exit 0
terminal_restored
grep -q '"traceEvents"' "$trace" || fail "no trace written at quit"
grep -q '"process_name"' "$trace" || fail "the trace names no process"
shell_run trace-bad "$(printf '%q' "$FORKSCOPE") --export-trace $FS_CONFIG/missing/run.json --scenario fork"
wait_for "Step 1 of 3"
send q
wait_exit 1
wait_for "cannot write the trace $FS_CONFIG/missing/run.json"
[ ! -e "$FS_CONFIG/missing" ] || fail "a trace that could not be written left something"
terminal_restored
exit 0
