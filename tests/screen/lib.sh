# Shared by the screen tests: forkscope runs inside a private tmux server,
# keys go in with send-keys, the screen comes back with capture-pane. Every
# wait polls for a condition with a deadline; nothing sleeps a fixed time
# hoping the program got there.
#
# A test sources this file, then calls fs_start [ARGS...] (forkscope alone
# in a 120x40 window) or fs_start_shell (a shell to run it from), and uses
# wait_for, pane_text, send. Cleanup on exit kills the tmux server and
# whatever forkscope-demo this test started (found by its marker variable).

set -u

: "${FORKSCOPE:?the screen tests need FORKSCOPE (the built program) in the environment}"
if ! command -v tmux >/dev/null 2>&1; then
	echo "tmux is not installed (Debian package tmux): screen test skipped"
	exit 77
fi

export LANG=C.UTF-8 LC_ALL=C.UTF-8
FS_SOCKET="fs-$$"
# Every process this test starts carries it, so leftovers can be found.
FS_MARK="FORKSCOPE_SCREEN_TEST=$$-$RANDOM"
FS_TIMEOUT="${FS_TIMEOUT:-20}"
# Settings (forkscope.conf) of this test's own: no user's choices steer it,
# and what it changes is written nowhere else.
FS_CONFIG=$(mktemp -d)
export XDG_CONFIG_HOME="$FS_CONFIG"

tm() {
	tmux -L "$FS_SOCKET" -f /dev/null "$@"
}

# Processes carrying this test's marker whose command is the demo helper.
demo_leftovers() {
	local d pid
	for d in /proc/[0-9]*; do
		pid=${d#/proc/}
		[ "$pid" = "$$" ] && continue
		if tr '\0' '\n' 2>/dev/null <"$d/environ" | grep -qx "$FS_MARK" &&
		   tr '\0' ' ' 2>/dev/null <"$d/cmdline" | grep -q 'forkscope-demo'; then
			echo "$pid"
		fi
	done
}

fs_cleanup() {
	local pid
	tm kill-server 2>/dev/null
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$FS_SOCKET"
	for pid in $(demo_leftovers); do
		kill -KILL "$pid" 2>/dev/null
	done
	rm -rf "$FS_CONFIG"
}
trap fs_cleanup EXIT

# fs_stop_server: ends this test's tmux server and waits until its socket
# is gone, so that the next fs_start does not meet the dying one.
fs_stop_server() {
	local sock="${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$FS_SOCKET" end=$((SECONDS + FS_TIMEOUT))
	tm kill-server 2>/dev/null
	while [ -S "$sock" ] && tm has-session 2>/dev/null && [ "$SECONDS" -le "$end" ]; do
		sleep 0.05
	done
	rm -f "$sock"
}

fail() {
	echo "FAIL: $*"
	echo "---- screen ----"
	tm capture-pane -p 2>/dev/null
	echo "----------------"
	exit 1
}

screen() {
	tm capture-pane -p 2>/dev/null
}

# Fails at once when the window is gone or forkscope has exited, unless an
# exit is what the caller waits for (FS_EXIT_OK=1).
alive() {
	local text
	tm has-session 2>/dev/null || fail "the tmux session ended"
	if [ "${FS_EXIT_OK:-0}" != 1 ]; then
		text=$(screen | grep -Eo 'FORKSCOPE-EXIT=[0-9]+')
		[ -z "$text" ] || fail "forkscope exited: $text"
	fi
}

# fs_start [ARGS...]: forkscope alone in a 120x40 window. A shell around it
# waits for it (tmux's own notice of a pane's exit is not always on time)
# and then says FORKSCOPE-EXIT=status on the restored screen.
fs_start() {
	local cmd
	cmd="$(printf '%q ' "$FORKSCOPE" "$@"); echo FORKSCOPE-EXIT=\$?; exec sleep 600"
	tm new-session -d -x 120 -y 40 "env $FS_MARK sh -c '$cmd'" ||
		fail "tmux could not start"
}

# fs_start_shell: a plain shell in a 120x40 window, to run forkscope from.
fs_start_shell() {
	tm new-session -d -x 120 -y 40 "env $FS_MARK PS1='$ ' bash --norc --noprofile" ||
		fail "tmux could not start"
}

send() {
	tm send-keys "$@"
}

# wait_for PATTERN [SECONDS]: until the screen matches the extended regex.
wait_for() {
	local pattern=$1 limit=${2:-$FS_TIMEOUT} end
	end=$((SECONDS + limit))
	while [ "$SECONDS" -le "$end" ]; do
		screen | grep -Eq -- "$pattern" && return 0
		alive
		sleep 0.1
	done
	fail "waited ${limit}s for /$pattern/"
}

# wait_for_not PATTERN [SECONDS]: until the screen no longer matches.
wait_for_not() {
	local pattern=$1 limit=${2:-$FS_TIMEOUT} end
	end=$((SECONDS + limit))
	while [ "$SECONDS" -le "$end" ]; do
		screen | grep -Eq -- "$pattern" || return 0
		alive
		sleep 0.1
	done
	fail "waited ${limit}s for /$pattern/ to go"
}

# wait_check WHAT COMMAND...: until COMMAND, a check of what the screen
# shows now, succeeds; fails saying WHAT. A check made once, right after a
# wait for something else, can read a frame tmux has only partly taken in
# (a frame is drawn top to bottom), or one drawn just before the change.
wait_check() {
	local what=$1 end
	shift
	end=$((SECONDS + FS_TIMEOUT))
	while [ "$SECONDS" -le "$end" ]; do
		"$@" && return 0
		alive
		sleep 0.1
	done
	fail "waited ${FS_TIMEOUT}s: $what"
}

# wait_exit STATUS: until forkscope has exited with that status.
wait_exit() {
	FS_EXIT_OK=1 wait_for "FORKSCOPE-EXIT=$1\$"
}

# shell_run MARK COMMAND: types "clear; echo MARK; COMMAND; echo
# FORKSCOPE-EXIT=$?" into the shell (fs_start_shell) and returns once the
# clear has happened: MARK stands on the screen, or no exit line does (the
# command has taken the alternate screen). Until then the previous command's
# exit line may still be there, and a wait_exit could take it for this one's.
shell_run() {
	local mark=$1 end text
	send "clear; echo $mark; $2; echo FORKSCOPE-EXIT=\$?" Enter
	end=$((SECONDS + FS_TIMEOUT))
	while [ "$SECONDS" -le "$end" ]; do
		text=$(screen)
		grep -qx -- "$mark" <<<"$text" && return 0
		grep -Eq 'FORKSCOPE-EXIT=[0-9]+$' <<<"$text" || return 0
		sleep 0.05
	done
	fail "waited ${FS_TIMEOUT}s for the shell to run: $2"
}

# tty_sane MARK: the shell's line discipline is in canonical mode with echo.
# The answer line carries MARK, so an older answer cannot stand for it.
tty_sane() {
	send "echo $1-modes=\$(stty -a | tr ' ;' '\\n\\n' | grep -cx -e echo -e icanon)" Enter
	FS_EXIT_OK=1 wait_for "^$1-modes=2\$"
}

# pane_text TITLE: the inside of the box whose top border starts with
# "╭─ TITLE", one line per row (bash counts characters, not bytes, in a
# UTF-8 locale, so the columns line up).
pane_text() {
	local title=$1 lines line prefix rest c0 c1 r r0=-1
	mapfile -t lines < <(screen)
	for r in "${!lines[@]}"; do
		line=${lines[$r]}
		case $line in *"╭─ $title "*) ;; *) continue ;; esac
		prefix=${line%%"╭─ $title "*}
		c0=${#prefix}
		rest=${line:$c0+1}
		rest=${rest%%╮*}
		c1=$((c0 + 1 + ${#rest}))
		r0=$r
		break
	done
	[ "$r0" -ge 0 ] || return 1
	for ((r = r0 + 1; r < ${#lines[@]}; r++)); do
		line=${lines[$r]}
		[ "${line:$c0:1}" = "╰" ] && break
		printf '%s\n' "${line:$c0+1:$c1-$c0-1}"
	done
}

# wait_pane TITLE PATTERN [SECONDS]: until that pane shows the pattern.
wait_pane() {
	local title=$1 pattern=$2 limit=${3:-$FS_TIMEOUT} end
	end=$((SECONDS + limit))
	while [ "$SECONDS" -le "$end" ]; do
		pane_text "$title" | grep -Eq -- "$pattern" && return 0
		alive
		sleep 0.1
	done
	echo "---- pane $title ----"
	pane_text "$title"
	fail "waited ${limit}s for /$pattern/ in the $title pane"
}

# wait_moved REGEX BEFORE: until the first text on the screen that matches
# REGEX is there and is not BEFORE; MOVED_TO gets it. Waiting for BEFORE to
# go is not enough: a redraw caught half-way can show neither the old text
# nor the new for a moment, and a key sent then goes ahead of the program.
wait_moved() {
	local regex=$1 before=$2 end
	end=$((SECONDS + FS_TIMEOUT))
	while [ "$SECONDS" -le "$end" ]; do
		MOVED_TO=$(screen | grep -Eo -- "$regex" | head -1)
		[ -n "$MOVED_TO" ] && [ "$MOVED_TO" != "$before" ] && return 0
		alive
		sleep 0.1
	done
	fail "waited ${FS_TIMEOUT}s for /$regex/ to show something else than '$before'"
}

# choose_scenario ID: moves the list's cursor to ID (from the top) and runs it.
choose_scenario() {
	local id=$1 i cur
	wait_for "╭─ Scenarios "
	send g
	wait_for "▸ [a-z]"
	cur=$(screen | grep -Eo '▸ [a-z0-9-]+ ' | head -1)
	for ((i = 0; i < 40; i++)); do
		if [ "$cur" = "▸ $id " ]; then
			send Enter
			wait_for "╭─ Processes "
			return 0
		fi
		send j
		wait_moved '▸ [a-z0-9-]+ ' "$cur"
		cur=$MOVED_TO
	done
	fail "scenario $id is not in the list"
}

# step_until PATTERN: Space until the screen shows the pattern (each Space
# waits for the caption to show the next step first). The pattern and the
# step number are read from one capture: read twice, the step could arrive
# in between, and Space would go past the step that shows it.
step_until() {
	local pattern=$1 i text before
	for ((i = 0; i < 20; i++)); do
		text=$(screen)
		grep -Eq -- "$pattern" <<<"$text" && return 0
		before=$(grep -Eo 'Step [0-9]+ of [0-9]+' <<<"$text" | head -1)
		if [ -z "$before" ]; then
			# Not at a step yet (a slow first step, a busy machine): wait
			# for it rather than press ahead, or the presses queue up.
			wait_for 'Step [0-9]+ of [0-9]+'
			continue
		fi
		send Space
		wait_moved 'Step [0-9]+ of [0-9]+|Finished' "$before"
	done
	fail "never reached /$pattern/"
}

# forkscope_keys: a command run with forkscope -- CMD starts with the
# keyboard in its terminal pane; Ctrl-] gives it to forkscope's keys.
forkscope_keys() {
	wait_for 'keys: terminal  typing'
	send C-]
	wait_for_not 'keys: terminal  typing'
}

# quit_command: q while a command forkscope started runs asks whether to
# end it; e ends it (a command that already ended asks nothing).
quit_command() {
	send q
	wait_for 'Quit: .* still runs|FORKSCOPE-EXIT='
	screen | grep -q 'Quit: .* still runs' && send e
	wait_exit 0
}

# marked_with_cmdline "ARGV ": the pids of this test's processes (its
# marker in their environment) whose command line, NULs as spaces, is that.
marked_with_cmdline() {
	local d
	for d in /proc/[0-9]*; do
		tr '\0' '\n' 2>/dev/null <"$d/environ" | grep -qx "$FS_MARK" || continue
		[ "$(tr '\0' ' ' 2>/dev/null <"$d/cmdline")" = "$1" ] && echo "${d#/proc/}"
	done
}
