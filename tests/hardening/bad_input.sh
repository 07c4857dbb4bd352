#!/bin/bash
# Bad input, each refused with a message that names the problem and no
# crash: exit status 2 for bad usage, 1 for a failure. Command-line cases
# run without a terminal; terminal cases (TERM=dumb or unset, stdout or
# stdin not a terminal, no UTF-8 locale, a window too small, a bad theme on
# the screen) run in a private tmux server (tests/screen/lib.sh).
#
# Every case asserts the exit status and key words of the message, that
# no sanitizer report appeared, and where a file could be left half-written
# (screenshots) that neither FILE nor FILE.tmp exists afterwards.
set -u

: "${FORKSCOPE:?bad_input.sh needs FORKSCOPE (the built program) in the environment}"

work=$(mktemp -d)
# Removed last, after lib.sh's cleanup (if the terminal cases ran).
remove_work() {
	chmod -R u+w "$work" 2>/dev/null
	rm -rf "$work"
}
trap remove_work EXIT
export LC_ALL=C.UTF-8 LANG=C.UTF-8 HOME="$work/home"
unset XDG_CONFIG_HOME NO_COLOR
mkdir -p "$HOME"

tried=0 failed=0

problem() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}

# refused STATUS 'KEY|KEY...' ARGS...: forkscope ARGS, with no terminal,
# exits with STATUS and says on stderr "forkscope: ..." with each key word
# (case-blind, fixed strings). A usage error prints nothing on stdout.
refused() {
	local status=$1 keys=$2 rc key
	local -a words
	shift 2
	tried=$((tried + 1))
	(cd "$work" && timeout 120 "$FORKSCOPE" "$@") </dev/null >"$work/out" 2>"$work/err"
	rc=$?
	if [ "$rc" -ne "$status" ]; then
		problem "forkscope $* exited with $rc, not $status"
		sed 's/^/  stderr: /' "$work/err" | head -5
		return 1
	fi
	if ! grep -q '^forkscope' "$work/err"; then
		problem "forkscope $*: no message on stderr"
		return 1
	fi
	IFS='|' read -ra words <<<"$keys"
	for key in "${words[@]}"; do
		if ! grep -qiF -- "$key" "$work/err"; then
			problem "forkscope $*: the message does not say '$key'"
			sed 's/^/  stderr: /' "$work/err" | head -5
			return 1
		fi
	done
	if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' "$work/err"; then
		problem "forkscope $*: a sanitizer report"
		head -20 "$work/err"
		return 1
	fi
	if [ "$status" -eq 2 ] && [ -s "$work/out" ]; then
		problem "forkscope $*: a usage error printed on stdout"
		return 1
	fi
	return 0
}

summary() {
	if [ "$failed" -eq 0 ]; then
		echo "bad input: $tried inputs tried, all refused cleanly"
		exit 0
	fi
	echo "bad input: $tried inputs tried, $failed not refused cleanly"
	exit 1
}

# no_file PATH: neither PATH nor PATH.tmp exists.
no_file() {
	[ -e "$1" ] && problem "$1 was written"
	[ -e "$1.tmp" ] && problem "$1.tmp was left behind"
	return 0
}

# A pid that exists nowhere: the highest free one, and one above pid_max.
pid_max=$(cat /proc/sys/kernel/pid_max)
free_pid=$((pid_max - 1))
while [ -e "/proc/$free_pid" ]; do free_pid=$((free_pid - 1)); done

# ---- Options and words forkscope does not know.
refused 2 "unknown option|--nosuch" --nosuch
refused 2 "unknown option|-x" -x
refused 2 "unknown option|--nosuch=3" --nosuch=3
refused 2 "--batch|takes no value" --batch=yes
refused 2 "--scenario|needs a value" --scenario
refused 2 "--theme|needs a value" --theme
refused 2 "unexpected|frobnicate" frobnicate
refused 2 "nothing after '--'" --
refused 2 "--batch|needs something to run" --batch
refused 2 "--events|bogus|ptrace, connector or poll" --batch --events=bogus -- true
refused 2 "choose one of" --batch --scenario fork -p 1
refused 2 "belong to a scenario" size=4

# ---- Scenario names.
refused 2 "no scenario 'nosuch'|--list" --scenario nosuch
refused 2 "no scenario 'nosuch'" --batch --scenario nosuch
refused 2 "no scenario ''" --scenario ''
refused 2 "no scenario|fork;rm -rf" --batch --scenario 'fork;rm -rf'
refused 2 "custom|needs a command" --batch --scenario custom

# ---- Scenario options: out of range and malformed.
refused 2 "size=99999|out of range|1 to 256" --batch --scenario fork size=99999
refused 2 "size=0|out of range" --batch --scenario fork size=0
refused 2 "size=-1|out of range" --batch --scenario fork size=-1
refused 2 "size=99999999999999999999|out of range" --batch --scenario fork size=99999999999999999999
refused 2 "size|abc|not a whole number" --batch --scenario fork size=abc
refused 2 "size|12k|not a whole number" --batch --scenario fork size=12k
refused 2 "size|not a whole number" --batch --scenario fork size=
refused 2 "no option 'nosuch'|fork" --batch --scenario fork nosuch=1
refused 2 "'=3'|name=value" --batch --scenario fork =3
refused 2 "size=1025|out of range|1024" --batch --scenario cow size=1025
refused 2 "size=257|out of range" --batch --scenario vfork size=257
refused 2 "workers=65|out of range|64" --batch --scenario scale workers=65
refused 2 "units=15|out of range" --batch --scenario scale units=15
refused 2 "max_mib=2000|out of range|1024" --batch --scenario spawn-cost max_mib=2000
refused 2 "reps=2|out of range" --batch --scenario spawn-cost reps=2
refused 2 "workers=9|out of range" --batch --scenario mmap-shared workers=9
refused 2 "timeout=0|out of range" --batch --scenario custom timeout=0 -- true
refused 2 "no option 'size'" --batch --scenario system size=4

# ---- --delay, --size, --step, --duration out of range or malformed.
refused 2 "--delay '0'|1 to 600" --delay 0
refused 2 "--delay '601'|1 to 600" --delay 601
refused 2 "--delay 'x'|tenths of a second" --delay x
refused 2 "--size '10x5'|20x8 to 500x300" --screenshot shot.svg --size 10x5
refused 2 "--size '99999x99999'|20x8 to 500x300" --screenshot shot.svg --size 99999x99999
refused 2 "--size 'abc'|COLSxROWS" --screenshot shot.svg --size abc
refused 2 "--step '5000'|step number" --screenshot shot.svg --step 5000
refused 2 "--step '-2'|step number" --screenshot shot.svg --step -2
refused 2 "--step 'x'|step number" --screenshot shot.svg --step x
refused 2 "--duration '0'|more than 0" --batch --system --duration 0
refused 2 "--duration '-1'|seconds" --batch --system --duration -1
refused 2 "--duration '1e9'|at most 86400" --batch --system --duration 1e9
refused 2 "--duration 'nan'|seconds" --batch --system --duration nan
refused 2 "--duration 'abc'|seconds" --batch --system --duration abc
no_file "$work/shot.svg"

# ---- Processes that do not exist, and pids that are not pids.
refused 1 "no process $free_pid" inspect "$free_pid"
refused 1 "no process $((pid_max + 1))" inspect $((pid_max + 1)) --json
refused 2 "inspect|unexpected 'abc'" inspect abc
refused 2 "inspect|unexpected '0'" inspect 0
refused 2 "inspect|unexpected '-5'" inspect -5
refused 2 "inspect|unexpected '12abc'" inspect 12abc
refused 2 "inspect|which process" inspect
refused 1 "no process $free_pid" --batch -p "$free_pid"
refused 2 "-p 'abc'|process id" --batch -p abc
refused 2 "-p '0'|process id" --batch -p 0

# ---- Themes: a name that does not exist, files with bad lines, a huge
# file, a binary file, things that are not files. A screenshot refuses a
# theme it cannot load; the screen (below) goes on with the default.
shot="$work/shot.txt"
printf 'normal = #d0d0d0\nfoo = bar\n' >"$work/bad.theme"
printf 'border = #4e4e4e\ntree.new = #12g45f bold\n' >"$work/bad-colour.theme"
printf 'title = #ffffff blink\n' >"$work/bad-attr.theme"
printf 'warning #ff5f5f\n' >"$work/no-equals.theme"
printf 'border = #12' >"$work/truncated.theme"
head -c 200000 /dev/zero | tr '\0' '#' >"$work/huge.theme"
head -c 4096 "$FORKSCOPE" >"$work/binary.theme"
mkdir -p "$work/dir.theme"
refused 1 "theme 'nosuch' not found|looked in" --screenshot "$shot" --theme nosuch
no_file "$shot"
refused 1 "bad theme name" --screenshot "$shot" --theme 'no such!'
no_file "$shot"
refused 1 "./bad.theme:2|unknown key 'foo'" --screenshot "$shot" --theme ./bad.theme
no_file "$shot"
refused 1 "bad-colour.theme:2|bad colour '#12g45f'" --screenshot "$shot" --theme ./bad-colour.theme
no_file "$shot"
refused 1 "bad-attr.theme:1|unknown attribute 'blink'" --screenshot "$shot" --theme ./bad-attr.theme
no_file "$shot"
refused 1 "no-equals.theme:1|missing '='" --screenshot "$shot" --theme ./no-equals.theme
no_file "$shot"
refused 1 "truncated.theme:1|bad colour '#12'" --screenshot "$shot" --theme ./truncated.theme
no_file "$shot"
refused 1 "huge.theme|larger than 64 KiB" --screenshot "$shot" --theme ./huge.theme
no_file "$shot"
refused 1 "binary.theme|binary data" --screenshot "$shot" --theme ./binary.theme
no_file "$shot"
refused 1 "dir.theme|directory" --screenshot "$shot" --theme ./dir.theme
no_file "$shot"
refused 1 "/dev/zero|not a regular file" --screenshot "$shot" --theme /dev/zero
no_file "$shot"
refused 1 "nothere.theme|No such file" --screenshot "$shot" --theme ./nothere.theme
no_file "$shot"

# ---- Screenshots that cannot be written: nothing half-written is left.
refused 1 "shot.png|.svg, .html or .txt" --screenshot "$work/shot.png"
no_file "$work/shot.png"
refused 1 "shot|.svg, .html or .txt" --screenshot "$work/shot"
no_file "$work/shot"
refused 1 "nodir/shot.svg|No such file" --screenshot "$work/nodir/shot.svg"
mkdir -p "$work/taken.svg"
refused 1 "taken.svg|directory" --screenshot "$work/taken.svg"
[ -z "$(ls -A "$work/taken.svg")" ] || problem "something was written into taken.svg/"
[ -e "$work/taken.svg.tmp" ] && problem "taken.svg.tmp was left behind"
# A directory forkscope may not write in: its own mode for a user, and for
# root (who writes anywhere) the same run as nobody.
mkdir -p "$work/readonly"
chmod 555 "$work/readonly"
as_user=()
if [ "$(id -u)" -eq 0 ]; then
	chmod 755 "$work" "$HOME"
	if command -v setpriv >/dev/null 2>&1 &&
	   setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$FORKSCOPE"; then
		as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	fi
fi
if [ "$(id -u)" -ne 0 ] || [ ${#as_user[@]} -gt 0 ]; then
	tried=$((tried + 1))
	"${as_user[@]}" "$FORKSCOPE" --screenshot "$work/readonly/shot.svg" </dev/null \
		>"$work/out" 2>"$work/err"
	rc=$?
	[ "$rc" -eq 1 ] || problem "a screenshot into a read-only directory exited with $rc, not 1"
	grep -qF "readonly/shot.svg: Permission denied" "$work/err" ||
		problem "a screenshot into a read-only directory: $(cat "$work/err")"
	no_file "$work/readonly/shot.svg"
else
	echo "root without setpriv: the read-only directory case is skipped"
fi

# ---- The tracer's debug log: a file that cannot be opened is said, and a
# run with one writes the tracer's decisions there.
refused 2 "debug log|nodir/trace.log|No such file" --debug "$work/nodir/trace.log" --batch -- true
tried=$((tried + 1))
(cd "$work" && FORKSCOPE_DEBUG="$work/trace.log" timeout 120 "$FORKSCOPE" --batch -- sh -c true) \
	</dev/null >"$work/out" 2>"$work/err" || problem "a run with FORKSCOPE_DEBUG failed"
grep -q ' emit exec pid ' "$work/trace.log" 2>/dev/null && grep -q ' resume ' "$work/trace.log" ||
	problem "FORKSCOPE_DEBUG: no exec or resume in the tracer's log"

# ---- The interactive program without a terminal at all.
refused 2 "needs a terminal|--batch" --scenario fork
refused 2 "needs a terminal" --theme nosuch

echo "command line: $tried inputs tried, $failed refused wrongly"

# ---- In a terminal (tmux).
if ! command -v tmux >/dev/null 2>&1; then
	echo "tmux is not installed (Debian package tmux): the terminal cases are skipped"
	summary
fi
# The build tree's program finds the source tree's themes by itself.
tried=$((tried + 1))
if ! (cd "$work" && env -u FORKSCOPE_THEMES "$FORKSCOPE" --theme light --screenshot light.txt \
	--step 0) >/dev/null 2>"$work/err"; then
	problem "--theme light without FORKSCOPE_THEMES: $(head -1 "$work/err")"
fi

# lib.sh's fail() ends the test at the first problem on the screen.
. "${srcdir:-.}/tests/screen/lib.sh"
# The user's directory here is $HOME/.config (its themes are tried below).
unset XDG_CONFIG_HOME
trap 'fs_cleanup; remove_work' EXIT
FS_EXIT_OK=1

fs_start_shell
wait_for '^\$'
send "cd $(printf '%q' "$work")" Enter
fs=$(printf '%q' "$FORKSCOPE")

# terminal_untouched MARK: the shell's screen is as forkscope found it: the
# line printed before is still there, normal screen, cursor shown, and the
# line discipline in canonical mode with echo.
terminal_untouched() {
	screen | grep -q "^$1\$" || fail "the screen was cleared or redrawn (no '$1')"
	[ "$(tm display -p '#{alternate_on}')" = 0 ] || fail "left on the alternate screen"
	[ "$(tm display -p '#{cursor_flag}')" = 1 ] || fail "the cursor is hidden"
	tty_sane "$1"
}

# in_terminal STATUS 'KEY|...' PREFIX: runs "PREFIX forkscope" in the shell;
# it must exit with STATUS and show each key word, leaving the terminal as it was.
in_terminal() {
	local status=$1 keys=$2 prefix=$3 mark key
	local -a words
	tried=$((tried + 1))
	mark="before-$tried-$RANDOM"
	shell_run "$mark" "$prefix $fs"
	wait_exit "$status"
	IFS='|' read -ra words <<<"$keys"
	for key in "${words[@]}"; do
		screen | grep -qF -- "$key" || fail "$prefix forkscope: the message does not say '$key'"
	done
	terminal_untouched "$mark"
}

in_terminal 2 "TERM is 'dumb'|TERM=" "TERM=dumb"
in_terminal 2 "TERM is not set" "env -u TERM"
in_terminal 2 "TERM is not set" "TERM="
in_terminal 2 "needs a terminal|--batch" "</dev/null"

# On the screen as in batch: a pid that does not exist, or a command that
# cannot start, is an error on the terminal and the status batch gives,
# not the scenario list.
tried=$((tried + 1))
shell_run before-nopid "$fs -p 999999"
wait_exit 1
screen | grep -qF "no process 999999" || fail "-p 999999: no message"
terminal_untouched before-nopid
tried=$((tried + 1))
shell_run before-nocmd "$fs -- no-such-command-$$"
wait_exit 127
screen | grep -qF "cannot start no-such-command-$$" || fail "-- no-such-command: no message"
terminal_untouched before-nocmd

# stdout a file: refused, and not one byte of screen drawing in the file.
tried=$((tried + 1))
shell_run before-file "$fs --scenario fork >out.txt"
wait_exit 2
screen | grep -qF "needs a terminal" || fail "stdout to a file: no message"
[ -s "$work/out.txt" ] && fail "stdout to a file: forkscope wrote $(wc -c <"$work/out.txt") bytes into it"
terminal_untouched before-file

# No UTF-8 locale: ASCII line drawing, not one byte outside ASCII on the
# screen. The same screen in C.UTF-8 draws boxes (so the check can fail).
tried=$((tried + 1))
shell_run before-ascii "LANG=C LC_ALL=C $fs"
wait_for "Scenarios"
wait_for "fork-exec"
if screen | LC_ALL=C grep -q $'[\x80-\xff]'; then
	fail "LANG=C: bytes outside ASCII on the screen: $(screen | LC_ALL=C grep -o $'[\x80-\xff]\\+' | head -3 | tr '\n' ' ')"
fi
send q
wait_exit 0
shell_run before-utf8 "LANG=C.UTF-8 LC_ALL=C.UTF-8 $fs"
wait_for "╭─ Scenarios "
send q
wait_exit 0

# A window too small: the screen says the size it needs and the size it has.
tried=$((tried + 1))
tm resize-window -x 30 -y 10
shell_run before-small "$fs"
wait_for "50x16"
wait_for "30x10"
send q
wait_exit 0
tm resize-window -x 120 -y 40

# A theme file with bad lines on the screen: the line named, the program
# runs with the default theme.
tried=$((tried + 1))
shell_run before-bad-theme "$fs --theme ./bad.theme"
wait_for "bad.theme:2: unknown key 'foo'"
wait_for "using the default theme"
wait_for "╭─ Scenarios "
send q
wait_exit 0
tried=$((tried + 1))
shell_run before-no-theme "$fs --theme nosuch"
wait_for "theme 'nosuch' not found"
wait_for "╭─ Scenarios "
send q
wait_exit 0

# A broken theme in the user's directory: t passes over it, says so once,
# and reaches the good ones after it.
tried=$((tried + 1))
mkdir -p "$HOME/.config/forkscope/themes"
printf 'foo = red\n' >"$HOME/.config/forkscope/themes/a-broken.theme"
shell_run before-cycle "$fs"
wait_for "╭─ Scenarios "
send t
wait_for "theme high-contrast \\([0-9]+ of [0-9]+\\); skipped: .*a-broken"
send t
wait_for "theme light \\([0-9]+ of [0-9]+\\)"
send q
wait_exit 0
rm -r "$HOME/.config/forkscope/themes"

summary
