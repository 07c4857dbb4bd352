# Shared by the screen tests of tests/ui that watch a command of their own
# (tree_watch.sh, signal.sh, mouse_sgr.sh): tests/screen/lib.sh's tmux
# harness, a tag that names this test's processes, and their end.
#
# The watched commands are sleeps named by the tag (sleep TAG.1, sleep
# TAG.2: long sleeps no other process has), run by a shell that names
# them from its $0, so that the shell's own command line has the tag but
# not "TAG." and a filter for "TAG." finds the sleeps only.
. "${srcdir:-.}/tests/screen/lib.sh"

TAG="43$$"
# sh -c "$WATCHED" "$TAG": two sleeps and a wait.
WATCHED='t=$0; sleep $t.1 & sleep $t.2 & wait'

# Processes carrying this test's marker whose command line has the tag.
tagged_pids() {
	local d pid
	for d in /proc/[0-9]*; do
		pid=${d#/proc/}
		[ "$pid" = "$$" ] && continue
		if tr '\0' '\n' 2>/dev/null <"$d/environ" | grep -qx "$FS_MARK" &&
		   tr '\0' ' ' 2>/dev/null <"$d/cmdline" | grep -q -- "$TAG"; then
			echo "$pid"
		fi
	done
}

# Whatever this test watched goes with it, whether quitting forkscope
# ended it or left it running.
ui_cleanup() {
	local pid
	fs_cleanup
	for pid in $(tagged_pids); do
		kill -KILL "$pid" 2>/dev/null
	done
}
trap ui_cleanup EXIT

# fs_start_size COLS ROWS ARGS...: fs_start in a window of that size.
fs_start_size() {
	local cols=$1 rows=$2 cmd
	shift 2
	cmd="$(printf '%q ' "$FORKSCOPE" "$@"); echo FORKSCOPE-EXIT=\$?; exec sleep 600"
	tm new-session -d -x "$cols" -y "$rows" "env $FS_MARK sh -c '$cmd'" ||
		fail "tmux could not start"
}

# row_pid REGEX: the pid of the first tree row that matches (the first
# number after the left border and the marks).
row_pid() {
	screen | grep -E -- "^│.*$1" | head -1 | sed -E 's/^│[^0-9]*([0-9]+) .*/\1/'
}

# row_of REGEX: the screen row (from 0) of the first line that matches.
row_of() {
	screen | grep -En -- "$1" | head -1 | cut -d: -f1 | awk '{ print $1 - 1 }'
}

# above A B: the first row matching A is above the first matching B.
above() {
	local a b
	a=$(row_of "$1")
	b=$(row_of "$2")
	[ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]
}

# dead PID: gone, or a zombie nobody reaped yet (it has died).
dead() {
	[ ! -e "/proc/$1" ] || [ "$(sed -E 's/.*\) (.).*/\1/' "/proc/$1/stat" 2>/dev/null)" = Z ]
}
