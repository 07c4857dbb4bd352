#!/usr/bin/env bash
# make bench: what the screen costs. forkscope --system runs in tmux while
# 1,000 extra sleeping processes exist; measured from outside:
#   CPU per refresh (utime+stime of forkscope over 10 refreshes of 1 s),
#   bytes written to the terminal per frame (tmux pipe-pane), resident memory,
#   the bytes of a frame when nothing changes (a scenario waiting at a step),
#   and the time to the first frame.
# A benchmark, not a test: it prints figures and asserts nothing.
set -u
forkscope=${FORKSCOPE:-./src/forkscope}
n=${BENCH_UI_PROCESSES:-1000}
work=$(mktemp -d)
sock=
hz=$(getconf CLK_TCK)
pids=()
panes=0

cleanup() {
	[ -n "$sock" ] && tmux -L "$sock" kill-server 2>/dev/null
	[ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null
	wait 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT

command -v tmux >/dev/null || { echo "bench-ui: tmux is not installed"; exit 0; }
for ((i = 0; i < n; i++)); do sleep 600 & pids+=($!); done

ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
bytes() { stat -c %s "$work/out" 2>/dev/null || echo 0; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# forkscope inside a pane whose output goes to a file as well
start_pane() {
	# A server of its own each time: reusing a name just killed can race.
	sock=fs-bench-ui-$$-$((++panes))
	: > "$work/out"
	tmux -L "$sock" -f /dev/null new-session -d -x 160 -y 48 "sleep 0.3; exec $forkscope $*"
	tmux -L "$sock" pipe-pane -o "cat >> $work/out"
	for _ in $(seq 100); do
		pid=$(tmux -L "$sock" list-panes -F '#{pane_pid}' 2>/dev/null)
		[ -n "$pid" ] && [ "$(cat /proc/$pid/comm 2>/dev/null)" = forkscope ] && break
		sleep 0.02
	done
	if [ -z "$pid" ] || [ ! -d "/proc/$pid" ]; then
		echo "bench-ui: forkscope $* did not start in tmux"
		exit 1
	fi
	started=$(now_ms)
	for _ in $(seq 500); do
		[ "$(bytes)" -gt 1000 ] && break
		sleep 0.005
	done
	first_frame_ms=$(( $(now_ms) - started ))
}

start_pane --system -d 10
sleep 2
b0=$(bytes); t0=$(ticks "$pid")
sleep 10
b1=$(bytes); t1=$(ticks "$pid")
rows=$(ls /proc | grep -c '^[0-9]')
cpu_ms=$(( (t1 - t0) * 1000 / hz / 10 ))
echo "forkscope --system with $rows processes on the machine:"
echo "  CPU per refresh:        ${cpu_ms} ms (10 refreshes of 1 s; clock ticks of 10 ms)"
echo "  written per frame:      $(( (b1 - b0) / 10 )) bytes"
echo "  resident memory:        $(( $(rss_kb "$pid") / 1024 )) MiB ($(rss_kb "$pid") kB)"
echo "  first frame after exec: ~${first_frame_ms} ms (polled every 5 ms)"
tmux -L "$sock" kill-server

start_pane --scenario fork
sleep 2
b0=$(bytes); sleep 5; b1=$(bytes)
echo "a scenario waiting at a step (nothing changes):"
echo "  written per second:     $(( (b1 - b0) / 5 )) bytes"
echo "  resident memory:        $(( $(rss_kb "$pid") / 1024 )) MiB"
