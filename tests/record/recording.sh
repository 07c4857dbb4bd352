#!/bin/bash
# Recordings against real runs: a scenario and a watched command are
# recorded in batch (--record) and replayed in batch (--replay): the event
# lines are those the live run printed, in the same order (a watched
# command's whole output is, exec records included). A replay needs
# no privilege (it runs as nobody here, when root can switch to it). A
# recording cut in the middle of its last line (a killed run) is read up to
# its last complete line and says so; a damaged line, another version, a
# file that is no recording or not there: refused, naming the file and
# line, exit 1, nothing printed on stdout. A recording of a screen run
# opens on the screen at its end, and [ moves back through it.
set -u

: "${FORKSCOPE:?recording.sh needs FORKSCOPE (the built program) in the environment}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
export LC_ALL=C.UTF-8 LANG=C.UTF-8
failed=0

problem() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}

# The event lines of a batch output: a time, a pid, a kind, the words.
event_lines() {
	grep -E '^ *[0-9]+\.[0-9]{6} +[0-9]+  ' "$1"
}

# record NAME ARGS...: a live batch run recorded, then its replay; the two
# event line lists must be the same.
record() {
	local name=$1
	shift
	"$FORKSCOPE" --batch --record "$work/$name.jsonl" "$@" >"$work/$name.live" 2>"$work/$name.err" ||
		problem "$name: the live run failed: $(cat "$work/$name.err")"
	"$FORKSCOPE" --batch --replay "$work/$name.jsonl" >"$work/$name.replay" 2>"$work/$name.rerr" ||
		problem "$name: the replay failed: $(cat "$work/$name.rerr")"
	event_lines "$work/$name.live" >"$work/$name.a"
	event_lines "$work/$name.replay" >"$work/$name.b"
	[ -s "$work/$name.a" ] || problem "$name: no event lines in the live output"
	cmp -s "$work/$name.a" "$work/$name.b" ||
		problem "$name: the replay's events differ: $(diff "$work/$name.a" "$work/$name.b" | head -5)"
	head -1 "$work/$name.jsonl" | grep -q '"format":"forkscope-recording","version":1' ||
		problem "$name: no versioned header"
}

record fork --scenario fork
grep -q '"type":"snapshot"' "$work/fork.jsonl" || problem "fork: no snapshot recorded"
record command -- sh -c 'env X=1 ls / >/dev/null; true'
# A watched command's whole output, what each exec received included (the
# command prints nothing of its own here: in batch that goes to our stdout,
# which a recording does not hold).
cmp -s "$work/command.live" "$work/command.replay" ||
	problem "command: the replay's output differs: $(diff "$work/command.live" "$work/command.replay" | head -5)"
grep -q '+X=1' "$work/command.replay" || problem "command: the replay lost the exec record (+X=1)"

# Without privilege: the replay reads a file, nothing else.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	chmod 644 "$work/fork.jsonl"
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$FORKSCOPE" --batch --replay "$work/fork.jsonl" >"$work/nobody.out" 2>&1 ||
		problem "a replay as nobody failed: $(head -3 "$work/nobody.out")"
	cmp -s <(event_lines "$work/nobody.out") "$work/fork.b" || problem "a replay as nobody differs"
fi

# A killed run: its last line cut in the middle.
lines=$(wc -l <"$work/fork.jsonl")
head -n $((lines - 1)) "$work/fork.jsonl" >"$work/cut.jsonl"
tail -n 1 "$work/fork.jsonl" | head -c 40 >>"$work/cut.jsonl"
"$FORKSCOPE" --batch --replay "$work/cut.jsonl" >"$work/cut.out" 2>"$work/cut.err" ||
	problem "a cut recording is refused: $(cat "$work/cut.err")"
grep -q "last line is cut short.*first $((lines - 1)) lines" "$work/cut.err" ||
	problem "a cut recording does not say where it was read to: $(cat "$work/cut.err")"

# Refused, naming the line.
refused() {
	local what=$1 file=$2 pattern=$3
	if "$FORKSCOPE" --batch --replay "$file" >"$work/ref.out" 2>"$work/ref.err"; then
		problem "$what: accepted"
	fi
	grep -Eq -- "$pattern" "$work/ref.err" || problem "$what: the message is '$(cat "$work/ref.err")'"
	[ ! -s "$work/ref.out" ] || problem "$what: printed something on stdout"
}
{ head -n 3 "$work/fork.jsonl"; echo '{"type":"event","kind":'; tail -n +4 "$work/fork.jsonl"; } >"$work/bad.jsonl"
refused "a damaged line" "$work/bad.jsonl" "bad\.jsonl:4: not a JSON object"
{ head -n 2 "$work/fork.jsonl"; echo '{"type":"wormhole"}'; } >"$work/odd.jsonl"
refused "an unknown object" "$work/odd.jsonl" 'odd\.jsonl:3: not an object a version 1 recording holds'
sed '1s/"version":1/"version":7/' "$work/fork.jsonl" >"$work/v7.jsonl"
refused "another version" "$work/v7.jsonl" 'v7\.jsonl:1: a recording of format version 7; this forkscope reads version 1'
echo '{"hello": "world"}' >"$work/other.jsonl"
refused "another file" "$work/other.jsonl" 'other\.jsonl:1: not a forkscope recording'
: >"$work/empty.jsonl"
refused "an empty file" "$work/empty.jsonl" 'empty\.jsonl: empty'
refused "a missing file" "$work/missing.jsonl" 'cannot read the recording .*missing\.jsonl: No such file'
if "$FORKSCOPE" --batch --record "$work/no/such/dir/r.jsonl" --scenario fork >/dev/null 2>"$work/nodir.err"; then
	problem "a recording that cannot be written: accepted"
fi
grep -q "cannot write the recording" "$work/nodir.err" || problem "no message for an unwritable recording"

# The screen: a recording of a screen run opens at its end; [ goes back.
if command -v tmux >/dev/null; then
	. "${srcdir:-.}/tests/screen/lib.sh"
	fs_start --no-config --record "$work/screen.jsonl" --scenario fork
	wait_for "Step 1 of 3"
	send Space; wait_for "Step 2 of 3"
	send Space; wait_for "Step 3 of 3"
	send Space; wait_for "the demo ended"
	send q
	wait_exit 0
	fs_stop_server
	head -1 "$work/screen.jsonl" | grep -q '"what":"fork"' || problem "the screen's recording names no run"
	fs_start --no-config --replay "$work/screen.jsonl"
	wait_for "event ([0-9]+) of \\1 "
	send '['
	wait_for "event [0-9]+ of [0-9]+ "
	screen | grep -Eq 'finished · replay' || problem "the replay's status does not say replay"
	send q
	wait_exit 0
fi

[ "$failed" = 0 ] || exit 1
echo "ok: recorded and replayed (scenario, command), as nobody, cut, refused"
