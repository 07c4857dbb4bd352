#!/usr/bin/env bash
# make bench: what watching costs.
# 1. The cost of -p on its target. The target is a bash loop running
#    /bin/true N times (BENCH_WATCH_LOOPS, 200); it waits on a fifo so that
#    the watcher is attached first, and times itself ($EPOCHREALTIME, no
#    fork). Timed untraced, then under forkscope --batch -p and the screen
#    forkscope -p (in tmux; the loop starts once the screen shows the
#    target's pid and, with ptrace, /proc says it is traced), each with
#    ptrace (the default) and --events=connector; strace -f -p for reference
#    when it is installed, and strace --seccomp-bpf where it applies (on a
#    target strace starts: it is not enabled for -p). BENCH_WATCH_ROUNDS
#    rounds (5), the modes taking turns in each round so that a burst of
#    other load does not fall on one mode only. Compared to untraced: the
#    medians, and the minima (other load only ever adds time). Each run also
#    gives the target's CPU, the watcher's CPU during the loop (schedstat)
#    and the forks of other programs meanwhile, to tell a slow run from a
#    busy machine.
# 2. forkscope --system -d 5 against procps-ng top -d 0.5, side by side, both
#    in a tmux pane of the same size, for the same BENCH_WATCH_SECONDS (10),
#    while BENCH_WATCH_PROCESSES (1,000) extra sleeping processes exist: CPU
#    per refresh of each, from utime+stime in /proc/PID/stat. Interactive
#    top rather than top -b > /dev/null: both then read /proc and draw one
#    screen for a terminal; top -b would format every process each time (a
#    different job) and write to no terminal.
# A benchmark, not a test: it prints figures and asserts nothing. Whatever
# it started ends with it (its tmux servers are -L fs-bench-watch-PID-N).
set -u
forkscope=${FORKSCOPE:-./src/forkscope}
loops=${BENCH_WATCH_LOOPS:-200}
rounds=${BENCH_WATCH_ROUNDS:-5}
n=${BENCH_WATCH_PROCESSES:-1000}
secs=${BENCH_WATCH_SECONDS:-10}
work=$(mktemp -d)
hz=$(getconf CLK_TCK)
socks=()	# the tmux servers started (-L names)
sleepers=	# the process group of the sleeping processes
pids=()		# everything else started: targets, watchers, panes
servers=0
targets=0

cleanup() {
	trap - EXIT INT TERM HUP
	local s p left live=() dir=${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)
	[ -n "$sleepers" ] && kill -- -"$sleepers" 2>/dev/null
	for s in "${socks[@]}"; do
		p=$(tmux -L "$s" display-message -p '#{pid}' 2>/dev/null) && pids+=("$p")
		tmux -L "$s" kill-server 2>/dev/null
	done
	for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && live+=("$p"); done
	[ ${#live[@]} -gt 0 ] && kill "${live[@]}" 2>/dev/null
	# A target may sit in a ptrace stop: what is left after a second gets
	# SIGKILL.
	for _ in $(seq 50); do
		left=("${live[@]}")
		live=()
		for p in "${left[@]}"; do kill -0 "$p" 2>/dev/null && live+=("$p"); done
		[ ${#live[@]} -eq 0 ] && break
		sleep 0.02
	done
	[ ${#live[@]} -gt 0 ] && kill -9 "${live[@]}" 2>/dev/null
	# Anything else still holding a file of ours (a target strace started,
	# whose pid was not known yet) ends too.
	[ -n "${go_fd:-}" ] && exec {go_fd}>&- {res_fd}<&-
	for p in $(find /proc/[0-9]*/fd -maxdepth 1 -lname "$work/*" 2>/dev/null | cut -d/ -f3 | sort -u); do
		[ "$p" != $$ ] && kill -9 "$p" 2>/dev/null
	done
	wait 2>/dev/null
	# a tmux server leaves its socket behind
	for s in "${socks[@]}"; do rm -f "$dir/$s"; done
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

command -v tmux >/dev/null || { echo "bench-watch: tmux is not installed"; exit 0; }
[ -x "$forkscope" ] || { echo "bench-watch: no $forkscope"; exit 1; }

ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# on-CPU nanoseconds of all the threads of a process (/proc/PID/schedstat
# is its main thread only)
cpu_ns() {
	cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'
}

# ---- 1. -p on its target -------------------------------------------------

# The target: waits for a line on fd 3 (the fifo $1), runs /bin/true $2 times, then
# writes to fd 4: start and end ($EPOCHREALTIME), its own utime+stime and its
# children's cutime+cstime in clock ticks at the start and at the end; then
# waits for a second line before it exits, so that a watcher which ends with
# its target is still there to be measured.
target_script='
read -r _ <&3
read -r -a a < /proc/$$/stat
s=$EPOCHREALTIME
for ((i = 0; i < $2; i++)); do /bin/true; done
e=$EPOCHREALTIME
read -r -a b < /proc/$$/stat
echo "$s $e $((a[13] + a[14])) $((a[15] + a[16])) $((b[13] + b[14])) $((b[15] + b[16]))" >&4
read -r _ <&3
'

# Start a target: sets tpid, go_fd (write a line to start it), res_fd (its
# figures). Both fifos are opened read-write here so that neither side
# blocks in open() and a dead target cannot hang the script. With arguments,
# they are a command that starts the target (strace): lpid is its pid, and
# tpid its child's.
start_target() {
	local k=$((++targets))
	[ -n "${go_fd:-}" ] && exec {go_fd}>&- {res_fd}<&-
	go_fd= res_fd=
	mkfifo "$work/go.$k" "$work/res.$k"
	exec {go_fd}<>"$work/go.$k" {res_fd}<>"$work/res.$k"
	"$@" bash -c "$target_script" bench-target "$work/go.$k" "$loops" \
		3<"$work/go.$k" 4>"$work/res.$k" &
	tpid=$! lpid=
	pids+=("$tpid")
	if [ $# -gt 0 ]; then
		lpid=$tpid
		# strace forks short-lived probes of the kernel's features first
		wait_for 10 bash_child_of "$lpid" || return 1
		pids+=("$tpid")
	fi
}
bash_child_of() {
	local c
	for c in $(cat "/proc/$1/task/$1/children" 2>/dev/null); do
		[ "$(cat "/proc/$c/comm" 2>/dev/null)" = bash ] && { tpid=$c; return 0; }
	done
	return 1
}

# forkscope inside a tmux server of its own (reusing a name just killed can
# race); sets pane_pid, the pid of the program in the pane, checked to be $1.
start_pane() {
	local comm=$1 cmd=$2 sock
	sock=fs-bench-watch-$$-$((++servers))
	socks+=("$sock")
	pane_sock=$sock
	tmux -L "$sock" -f /dev/null new-session -d -x 160 -y 48 "exec $cmd"
	pane_pid=
	for _ in $(seq 250); do
		pane_pid=$(tmux -L "$sock" list-panes -F '#{pane_pid}' 2>/dev/null)
		[ -n "$pane_pid" ] && [ "$(cat "/proc/$pane_pid/comm" 2>/dev/null)" = "$comm" ] && break
		sleep 0.02
	done
	if [ -z "$pane_pid" ] || [ "$(cat "/proc/$pane_pid/comm" 2>/dev/null)" != "$comm" ]; then
		echo "bench-watch: $cmd did not start in tmux"
		return 1
	fi
	pids+=("$pane_pid")
}

# wait until a command succeeds, at most $1 seconds (polled every 20 ms)
wait_for() {
	local limit=$(( $1 * 50 )) i
	shift
	for ((i = 0; i < limit; i++)); do
		"$@" && return 0
		sleep 0.02
	done
	return 1
}
traced() { awk '/^TracerPid:/ { exit !($2 != 0) }' "/proc/$1/status" 2>/dev/null; }
noted() { grep -q 'note .*events:' "$1" 2>/dev/null; }
shows_pid() { tmux -L "$1" capture-pane -p 2>/dev/null | grep -qw "$2"; }
screen_events() {
	tmux -L "$1" capture-pane -p 2>/dev/null | sed -n 's/.*─ Events ─ \([0-9]*\) .*/\1/p' | head -n 1
}
shown_events() { [ "$(screen_events "$1")" -ge "$2" ] 2>/dev/null; }
# nforks: processes created on the machine since boot (without a fork)
forks() {
	local k v
	while read -r k v _; do
		[ "$k" = processes ] && { nforks=$v; return; }
	done < /proc/stat
}
sleeping() { [ "$(pgrep -c -g "$1")" -ge "$2" ]; }
gone() { ! kill -0 "$1" 2>/dev/null; }

# A run that went wrong: say so and end what it started (run_mode's locals).
give_up() {
	echo "bench-watch: $mode: $1"
	[ -f "$out" ] && sed 's/^/  | /' "$out" | head -n 5
	[ -n "$pane_sock" ] && tmux -L "$pane_sock" kill-server 2>/dev/null
	kill -9 "$tpid" ${lpid:+"$lpid"} ${wpid:+"$wpid"} 2>/dev/null
	wait "$tpid" ${lpid:+"$lpid"} ${wpid:+"$wpid"} 2>/dev/null
}

# One timed run of the target under mode $1. Appends to $work/runs:
#   mode wall_ms target_cpu_ms children_cpu_ms watcher_cpu_ms events
# and sets run_ok.
run_mode() {
	local mode=$1 wpid= out=$work/out.$1 s e a0 c0 a1 c1 w0=0 w1=0 ev=-
	run_ok=0 pane_sock=
	rm -f "$out"
	if [ "$mode" = strace-seccomp ]; then
		start_target strace -f -qq -o /dev/null --seccomp-bpf -e trace=process ||
			{ tpid=$lpid; give_up "strace started no target"; return; }
		wpid=$lpid
	else
		start_target
	fi
	case $mode in
	untraced) ;;
	batch-ptrace|batch-connector)
		"$forkscope" --batch --events="${mode#batch-}" -p "$tpid" > "$out" 2>&1 &
		wpid=$!
		pids+=("$wpid")
		wait_for 10 noted "$out" || { give_up "did not start"; return; }
		;;
	screen-ptrace|screen-connector)
		start_pane forkscope "$forkscope --no-config --events=${mode#screen-} -p $tpid" ||
			{ give_up "no screen"; return; }
		wpid=$pane_pid
		wait_for 10 shows_pid "$pane_sock" "$tpid" || { give_up "the screen never showed $tpid"; return; }
		;;
	strace)
		strace -f -qq -o /dev/null -p "$tpid" &
		wpid=$!
		pids+=("$wpid")
		;;
	esac
	case $mode in
	*ptrace|strace*)
		wait_for 10 traced "$tpid" || { give_up "did not attach"; return; } ;;
	esac
	[ -n "$wpid" ] && w0=$(cpu_ns "$wpid")
	forks; p0=$nforks
	echo go >&"$go_fd"
	if ! read -r -t 120 s e a0 c0 a1 c1 <&"$res_fd"; then
		give_up "the target did not finish in 120 s"
		return
	fi
	forks; p1=$nforks
	[ -n "$wpid" ] && w1=$(cpu_ns "$wpid")
	echo exit >&"$go_fd"
	exec {go_fd}>&- {res_fd}<&-
	go_fd= res_fd=
	wait "$tpid" 2>/dev/null
	case $mode in
	batch-*)
		# it ends with its target; the events it printed (not their detail lines)
		wait_for 10 gone "$wpid" || kill "$wpid" 2>/dev/null
		wait "$wpid" 2>/dev/null
		ev=$(awk '$1 ~ /^[0-9.]+$/ && $2 ~ /^[0-9]+$/ && $3 != "note" { n++ } END { print n + 0 }' "$out")
		;;
	screen-*)
		# the screen may show them at its next refresh only
		wait_for 3 shown_events "$pane_sock" $((3 * loops))
		ev=$(screen_events "$pane_sock")
		tmux -L "$pane_sock" kill-server 2>/dev/null
		wait_for 5 gone "$wpid" || kill -9 "$wpid" 2>/dev/null
		;;
	strace*)
		wait_for 10 gone "$wpid" || kill "$wpid" 2>/dev/null
		wait "$wpid" 2>/dev/null
		;;
	esac
	awk -v m="$mode" -v s="$s" -v e="$e" -v a="$((a1 - a0))" -v c="$((c1 - c0))" \
		-v w="$((w1 - w0))" -v hz="$hz" -v ev="${ev:--}" -v o="$((p1 - p0 - loops))" 'BEGIN {
		printf "%s %.1f %d %d %.1f %s %d\n", m, (e - s) * 1000, a * 1000 / hz, c * 1000 / hz, w / 1e6, ev, o
	}' >> "$work/runs"
	run_ok=1
}

modes=(untraced batch-ptrace screen-ptrace batch-connector screen-connector)
if [ -x "$(command -v strace)" ]; then
	modes+=(strace strace-seccomp)
	strace_note=
else
	strace_note="strace is not installed: no strace reference"
fi

: > "$work/runs"
echo "-p on its target: bash running /bin/true $loops times, $rounds rounds, $(nproc) CPUs"
echo "(one row per run: wall time of the loop; CPU of the target itself, of its children"
echo " and of the watcher during the loop; events the watcher shows; forks on the machine"
echo " during the loop besides the target's: a sign of other load)"
printf '  %-17s %9s %8s %8s %9s %7s %7s\n' mode wall_ms self_ms child_ms watch_ms events others
for ((r = 1; r <= rounds; r++)); do
	for m in "${modes[@]}"; do
		run_mode "$m"
		[ "$run_ok" = 1 ] && tail -n 1 "$work/runs" |
			awk '{ printf "  %-17s %9.1f %8d %8d %9.1f %7s %7s\n", $1, $2, $3, $4, $5, $6, $7 }'
	done
done
[ -n "$strace_note" ] && echo "  $strace_note"
[ -z "$strace_note" ] && {
	echo "  strace:         strace -f -qq -o /dev/null -p PID (every system call stops the target)"
	echo "  strace-seccomp: strace -f -qq -o /dev/null --seccomp-bpf -e trace=process starting the target"
	echo "                  itself: strace does not enable --seccomp-bpf for processes attached with -p"
}
echo
echo "summary of the wall times (ms) over the rounds; ratio: to untraced's median, and"
echo "best: minimum to untraced's minimum (other load on the machine only ever adds time)"
printf '  %-17s %9s %9s %9s %7s %7s %12s\n' mode median min max ratio best watch_cpu_ms
awk '
	{ n[$1]++; w[$1, n[$1]] = $2; c[$1] += $5; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
	function median(m,    i, j, t, v, cnt) {
		cnt = n[m]
		for (i = 1; i <= cnt; i++) v[i] = w[m, i]
		for (i = 2; i <= cnt; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
		lo[m] = v[1]; hi[m] = v[cnt]
		return cnt % 2 ? v[(cnt + 1) / 2] : (v[cnt / 2] + v[cnt / 2 + 1]) / 2
	}
	END {
		for (i = 1; i <= k; i++) med[order[i]] = median(order[i])
		base = med["untraced"]; best = lo["untraced"]
		for (i = 1; i <= k; i++) {
			m = order[i]
			printf "  %-17s %9.1f %9.1f %9.1f %7.2f %7.2f %12.1f\n", m, med[m], lo[m], hi[m],
				(base > 0 ? med[m] / base : 0), (best > 0 ? lo[m] / best : 0), c[m] / n[m]
		}
	}' "$work/runs"

# ---- 2. --system against top ---------------------------------------------

echo
# The sleepers: a process group of their own (setsid, not being a group
# leader, does not fork: $! is the group), so that one kill ends them all.
if [ "$n" -gt 0 ]; then
	setsid bash -c 'for ((i = 1; i < $1; i++)); do sleep 600 & done; exec sleep 600' \
		bench-sleepers "$n" < /dev/null > /dev/null 2>&1 &
	sleepers=$!
	wait_for 30 sleeping "$sleepers" "$n" || echo "bench-watch: only $(pgrep -c -g "$sleepers") of $n sleepers"
fi
start_pane forkscope "$forkscope --no-config --system -d 5" || exit 1
fs_pid=$pane_pid
# top with its defaults: a toprc of the user's would change what it shows
start_pane top "env HOME=$work top -d 0.5" || exit 1
top_pid=$pane_pid
sleep 2
f0=$(ticks "$fs_pid") t0=$(ticks "$top_pid") fn0=$(cpu_ns "$fs_pid") tn0=$(cpu_ns "$top_pid")
forks; p0=$nforks
sleep "$secs"
f1=$(ticks "$fs_pid") t1=$(ticks "$top_pid") fn1=$(cpu_ns "$fs_pid") tn1=$(cpu_ns "$top_pid")
forks; p1=$nforks
rows=$(ls /proc | grep -c '^[0-9]')
refreshes=$(( secs * 2 ))
echo "--system -d 5 against top -d 0.5 (procps-ng $(top -V 2>/dev/null | awk '{ print $NF }')), side by side for ${secs} s,"
echo "$rows processes on the machine, each in a 160x48 tmux pane ($refreshes refreshes of 0.5 s);"
echo "$((p1 - p0)) processes created meanwhile (forkscope sees each, top does not):"
awk -v f="$((f1 - f0))" -v t="$((t1 - t0))" -v fn="$((fn1 - fn0))" -v tn="$((tn1 - tn0))" \
	-v hz="$hz" -v r="$refreshes" 'BEGIN {
	fms = f * 1000 / hz / r; tms = t * 1000 / hz / r
	printf "  forkscope --system -d 5: %6.1f ms CPU per refresh (schedstat: %.1f ms)\n", fms, fn / 1e6 / r
	printf "  top -d 0.5:              %6.1f ms CPU per refresh (schedstat: %.1f ms)\n", tms, tn / 1e6 / r
	if (t > 0) printf "  ratio forkscope/top:     %6.2f (schedstat: %.2f)\n", f / t, (tn > 0 ? fn / tn : 0)
	else print "  ratio forkscope/top:     top used less than a clock tick"
	printf "  (utime+stime in clock ticks of %d ms)\n", 1000 / hz
}'
