#!/bin/bash
# SIGTERM, SIGHUP and Ctrl-C while forkscope runs a demo, in batch and on
# the screen. Each time: forkscope ends with the status it documents, no
# process of the run is left (demo, command, or forkscope itself), and on
# the screen the terminal comes back as it was: the shell's own screen with
# the line printed before forkscope started, cursor shown, echo and
# canonical mode on. The terminal closing under forkscope (its tmux window
# killed) ends it too, with nothing left. tests/screen/quit.sh covers q.
set -u

: "${FORKSCOPE:?signals.sh needs FORKSCOPE (the built program) in the environment}"

work=$(mktemp -d)
MARK="FORKSCOPE_SIGNALS_TEST=$$-$RANDOM"
cleanup_marked() {
	local pid
	for pid in $(marked); do kill -KILL "$pid" 2>/dev/null; done
}
trap 'cleanup_marked; rm -rf "$work"' EXIT
export LC_ALL=C.UTF-8 LANG=C.UTF-8 HOME="$work"
unset XDG_CONFIG_HOME

cases=0 failed=0 left_total=0
problem() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}

# Processes carrying this test's marker (not the test itself, nor the
# shell in the tmux window: $shell_pid).
shell_pid=
marked() {
	local d
	for d in /proc/[0-9]*; do
		[ "${d#/proc/}" = "$$" ] || [ "${d#/proc/}" = "$shell_pid" ] && continue
		tr '\0' '\n' 2>/dev/null <"$d/environ" | grep -qx "$MARK" && echo "${d#/proc/}"
	done
}

# Marked processes whose command is NAME (comm).
marked_named() {
	local pid
	for pid in $(marked); do
		[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$1" ] && echo "$pid"
	done
}

# wait_until SECONDS COMMAND...: polls COMMAND until it succeeds.
wait_until() {
	local end=$((SECONDS + $1))
	shift
	until "$@"; do
		[ "$SECONDS" -ge "$end" ] && return 1
		sleep 0.05
	done
}

two_sleeps() {
	[ "$(marked_named sleep | wc -l)" -ge 2 ]
}
nothing_marked() {
	[ -z "$(marked)" ]
}

# nothing_left LABEL: within 30 s no marked process is left (it returns as
# soon as none is: the bound is for a sanitizer build on a loaded machine).
nothing_left() {
	local left
	wait_until 30 nothing_marked && return 0
	left=$(marked)
	left_total=$((left_total + $(echo "$left" | wc -w)))
	problem "$1: left behind: $(for p in $left; do printf '%s(%s) ' "$p" "$(cat "/proc/$p/comm" 2>/dev/null)"; done)"
	cleanup_marked
}

sig_number() {
	kill -l "$1"
}

# batch_signal SIG STATUS MESSAGE ARGS...: forkscope --batch ARGS runs a
# command that starts two sleeps; SIG once both run; forkscope must exit
# with STATUS, say MESSAGE (if any) and leave nothing.
batch_signal() {
	local sig=$1 status=$2 message=$3 pid rc label
	shift 3
	label="batch $* (SIG$sig)"
	cases=$((cases + 1))
	env "$MARK" "$FORKSCOPE" --batch "$@" >"$work/out" 2>"$work/err" </dev/null &
	pid=$!
	if ! wait_until 30 two_sleeps; then
		problem "$label: the command's sleeps did not start"
		kill -KILL "$pid" 2>/dev/null
		wait "$pid"
		nothing_left "$label"
		return
	fi
	kill -"$sig" "$pid"
	wait "$pid"
	rc=$?
	[ "$rc" -eq "$status" ] || problem "$label: exited with $rc, not $status"
	if [ -n "$message" ] && ! grep -qF "$message" "$work/err"; then
		problem "$label: does not say '$message': $(head -3 "$work/err")"
	fi
	grep -qE 'AddressSanitizer|runtime error:' "$work/err" && problem "$label: a sanitizer report"
	nothing_left "$label"
}

sleeps='sleep 300 & sleep 300; true'
for sig in TERM HUP INT; do
	# A scenario: the runner kills and reaps the demo, and says so.
	batch_signal "$sig" 1 "interrupted; the demo was ended" --scenario custom -- sh -c "$sleeps"
	# A command: killed with its subtree, and the status of a signal.
	batch_signal "$sig" $((128 + $(sig_number "$sig"))) "" -- sh -c "$sleeps"
done
echo "batch: $cases cases, $failed failed"

# ---- On the screen (tmux).
if ! command -v tmux >/dev/null 2>&1; then
	echo "tmux is not installed (Debian package tmux): the screen cases are skipped"
	echo "signals: $cases cases, $failed failed, $left_total processes left"
	[ "$failed" -eq 0 ]
	exit
fi
. "${srcdir:-.}/tests/screen/lib.sh"
# lib.sh's marker, so its demo_leftovers and ours agree.
MARK=$FS_MARK
trap 'fs_cleanup; cleanup_marked; rm -rf "$work"' EXIT
FS_EXIT_OK=1

fs=$(printf '%q' "$FORKSCOPE")

# The forkscope this test runs on the screen (the one marked process
# whose program is forkscope).
forkscope_exe=$(readlink -f "$FORKSCOPE")
forkscope_pid() {
	local pid
	for pid in $(marked); do
		[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$forkscope_exe" ] && echo "$pid"
	done
}
forkscope_and_demo() {
	[ -n "$(forkscope_pid)" ] && [ -n "$(demo_leftovers)" ]
}

terminal_restored() {
	screen | grep -qx "$1" || fail "the shell's screen is not back (no '$1')"
	[ "$(tm display -p '#{alternate_on}')" = 0 ] || fail "still on the alternate screen"
	[ "$(tm display -p '#{cursor_flag}')" = 1 ] || fail "the cursor is still hidden"
	tty_sane "$1"
}

fs_start_shell
wait_for '^\$'
shell_pid=$(tm display -p '#{pane_pid}')

# screen_signal HOW STATUS ARGS...: forkscope ARGS (typed into the shell
# as they are) on the screen, at step 1 of its scenario or, for a command,
# once its sleeps run; HOW (a signal name, or C-c typed) ends it.
screen_signal() {
	local how=$1 status=$2 mark pid
	shift 2
	cases=$((cases + 1))
	mark="before-$cases-$RANDOM"
	shell_run "$mark" "$fs $*"
	case " $* " in
	*" --scenario "*)
		wait_for "Step 1 of"
		[ -n "$(demo_leftovers)" ] || fail "no demo runs at step 1 ($*)" ;;
	*)
		wait_until 30 two_sleeps || fail "the command's sleeps did not start ($*)" ;;
	esac
	if [ "$how" = C-c ]; then
		send C-c
	else
		pid=$(forkscope_pid)
		[ -n "$pid" ] || fail "cannot find forkscope's pid ($*)"
		kill -"$how" "$pid"
	fi
	wait_exit "$status"
	nothing_left "screen $* ($how)"
	terminal_restored "$mark"
}

screen_signal TERM 143 --scenario cow size=8
screen_signal HUP 129 --scenario cow size=8
screen_signal INT 130 --scenario fork size=4
screen_signal C-c 130 --scenario zombie-orphan
# A command: ended with its subtree.
screen_signal TERM 143 -- sh -c "'$sleeps'"

# Ctrl-C in the terminal during a batch run: the terminal untouched.
cases=$((cases + 1))
shell_run before-batch "$fs --batch --scenario custom -- sh -c '$sleeps'"
wait_until 30 two_sleeps || fail "the batch run's sleeps did not start"
send C-c
wait_exit 1
nothing_left "batch in the terminal (C-c)"
terminal_restored before-batch

# The terminal closes under forkscope: its window is killed.
cases=$((cases + 1))
tm new-window -d -n closing "env $FS_MARK $fs --scenario cow size=8" || fail "no second window"
wait_until 20 forkscope_and_demo || fail "forkscope did not start a demo in the second window"
tm kill-window -t closing
# nothing_left counts forkscope too: it must have ended.
nothing_left "terminal closed"

echo "signals: $cases cases, $failed failed, $left_total processes left"
[ "$failed" -eq 0 ]
