#!/bin/bash
# Breakpoints on the screen. --break exec:hostname -- sh -c 'hostname;
# touch FILE': the processes that match (the shell's own argv names
# hostname, then hostname) are held in turn; FILE does not appear while
# one is held, and does after Ctrl-] and C for each. The b list adds one
# while running. D with --on-break leaves the held process stopped and
# untraced and runs the command with its pid. Killed with SIGKILL while a
# breakpoint holds, forkscope leaves no process behind.
. "${srcdir:-.}/tests/screen/lib.sh"
FS_EXIT_OK=1

tag=$$$RANDOM
# Whatever way this test ends, its sleeps (a detached one too) go.
trap 'pkill -KILL -f "^sleep $tag\\."; fs_cleanup' EXIT
file="$FS_CONFIG/made-$tag"

# The processes started by this test's forkscope (its marker), but itself.
marked() {
	local d
	for d in /proc/[0-9]*; do
		tr '\0' '\n' 2>/dev/null <"$d/environ" | grep -qx "$FS_MARK" || continue
		case "$(tr '\0' ' ' 2>/dev/null <"$d/cmdline")" in
		"$FORKSCOPE "*|sh\ -c\ *FORKSCOPE-EXIT*|sleep\ 600*) ;;
		*) echo "${d#/proc/}" ;;
		esac
	done
}

fs_start --no-config --break exec:hostname -- sh -c "hostname; touch $file; exec sleep $tag.5"
wait_for 'breakpoint exec:hostname: pid [0-9]+ held'
send C-]
wait_for_not 'keys: terminal  typing'
first=$(screen | grep -Eo 'breakpoint exec:hostname: pid [0-9]+' | head -1)
[ ! -e "$file" ] || fail "FILE was made while the shell is held"
send C
wait_moved 'breakpoint exec:hostname: pid [0-9]+' "$first"
[ ! -e "$file" ] || fail "FILE was made while hostname is held"
send C
wait_check "FILE made once nothing is held" test -e "$file"
wait_pane Processes "sleep $tag\\.5"
# The b list: two hits (the shell, whose argv names hostname, then
# hostname itself); add exit:sleep while the command runs, close the list.
send b
wait_for '╭─ Breakpoints '
wait_for '\[x\] exec:hostname +2 hits'
send a
wait_for 'Breakpoint: '
send "exit:sleep $tag" Enter
wait_for "\\[x\\] exit:sleep $tag"
send Escape
wait_for_not '╭─ Breakpoints '
kill "$(pgrep -f "^sleep $tag\\.5$")"
wait_for "breakpoint exit:sleep $tag: pid [0-9]+ held"
send C
send q
wait_for 'Quit: |FORKSCOPE-EXIT='
screen | grep -q 'Quit: ' && send e
wait_exit 0
fs_stop_server

# D: the held process is left stopped and untraced; --on-break gets its pid.
out="$FS_CONFIG/on-break-$tag"
fs_start --no-config --break "exec~^sleep $tag" --on-break "echo {pid} > $out" -- \
	sh -c "sleep $tag.7; echo back"

wait_for "breakpoint exec~\\^sleep $tag: pid [0-9]+ held"
send C-]
wait_for_not 'keys: terminal  typing'
send D
wait_for 'stopped and untraced for a debugger'
wait_check "the --on-break command ran" test -s "$out"
pid=$(cat "$out")
[ "$(tr '\0' ' ' <"/proc/$pid/cmdline")" = "sleep $tag.7 " ] || fail "--on-break got pid $pid, not the held sleep"
[ "$(awk '{ print $3 }' "/proc/$pid/stat")" = T ] || fail "the detached process is not stopped"
grep -q '^TracerPid:[[:space:]]*0$' "/proc/$pid/status" || fail "the detached process is still traced"
kill -KILL "$pid"
send q
wait_for 'Quit: |FORKSCOPE-EXIT='
screen | grep -q 'Quit: ' && send e
wait_exit 0
fs_stop_server

# SIGKILL while a breakpoint holds: nothing of the command is left.
fs_start --no-config --break fork -- sh -c "sleep $tag.9 & wait"
wait_for 'breakpoint fork: pid [0-9]+ held'
fspid=$(pgrep -f "^$FORKSCOPE --no-config --break fork")
[ -n "$fspid" ] || fail "cannot find forkscope"
kill -KILL "$fspid"
end=$((SECONDS + FS_TIMEOUT))
while [ -n "$(marked)" ] && [ "$SECONDS" -le "$end" ]; do sleep 0.1; done
[ -z "$(marked)" ] || fail "left behind after SIGKILL: $(marked)"
echo "ok: held in turn, b list, D with --on-break, SIGKILL"
