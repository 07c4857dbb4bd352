#!/bin/bash
# forkscope does its main job without privilege and never raises its own:
#  - forkscope and its helper carry no set-uid or set-gid bit and no file
#    capabilities, and the build installs none;
#  - run as an unprivileged user (nobody, through setpriv, when the test is
#    root), inspect and a scenario work; what cannot be read is named, with
#    the privilege that would show it; forkscope, its helper and the demo's
#    command all run with that user's ids and no capability;
#  - as root the same inspect shows more and says so;
#  - the sources: no system() or popen() in forkscope itself (the helper's
#    system and popen scenarios run fixed strings; the spawn bench measures
#    them on the quoted path of forkscope-tiny), no sh -c, and no call that
#    changes ids or capabilities outside the helper (whose spawn-attrs
#    scenario shows POSIX_SPAWN_RESETIDS).
set -u

: "${FORKSCOPE:?privilege.sh needs FORKSCOPE (the built program) in the environment}"
: "${FORKSCOPE_DEMO:?privilege.sh needs FORKSCOPE_DEMO (the helper) in the environment}"
top=${srcdir:-.}

work=$(mktemp -d)
sleeper=
cleanup() {
	[ -n "$sleeper" ] && kill -KILL "$sleeper" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
chmod 755 "$work"
export HOME="$work" LC_ALL=C.UTF-8
unset XDG_CONFIG_HOME

checks=0 failed=0
check() {
	checks=$((checks + 1))
}
problem() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}

# ---- No privilege in the files.
for f in "$FORKSCOPE" "$FORKSCOPE_DEMO"; do
	check
	[ -u "$f" ] && problem "$f is set-uid"
	[ -g "$f" ] && problem "$f is set-gid"
	if command -v getcap >/dev/null 2>&1; then
		caps=$(getcap "$f" 2>/dev/null)
		[ -n "$caps" ] && problem "$f has file capabilities: $caps"
	fi
done
check
if grep -nE 'chmod.*([ugoa]*\+[rwx]*s|\b[2-7][0-7]{3}\b)|setcap' "$top/Makefile.am" "$top"/src/*/local.mk "$top"/src/local.mk; then
	problem "the build sets a set-id bit or a capability (above)"
fi

# ---- The sources.
# Code only: string literals, comment lines and comments at the end of a
# line removed.
code_of() {
	sed -E -e 's/"([^"\\]|\\.)*"/""/g' -e '/^[[:space:]]*(\*|\/\*|\/\/)/d' \
		-e 's|/\*.*\*/||g' -e 's|//.*$||' "$@"
}
check
hits=$(cd "$top" && for f in $(find src -name '*.c' -o -name '*.h' | sort); do
	case $f in src/scenario/demo/*) continue ;; esac
	code_of "$f" | grep -nE '\b(system|popen)[[:space:]]*\(' | sed "s|^|$f:|"
done)
expected='src/bench/spawn.c:[0-9]+:	int status = system\(b->shell_command\);
src/bench/spawn.c:[0-9]+:	FILE \*child = popen\(b->shell_command, ""\);'
if ! printf '%s\n' "$hits" | grep -cEx "$expected" | grep -qx 2 ||
   [ "$(printf '%s\n' "$hits" | grep -c .)" -ne 2 ]; then
	problem "system() or popen() in forkscope beyond the spawn bench's two:"
	printf '%s\n' "$hits"
fi
check
if grep -n 'shell_command =' "$top/src/bench/spawn.c" | grep -v 'shell_command = shell_quote(tiny_path);'; then
	problem "the spawn bench's shell command is made from something else than the quoted tiny path"
fi
check
# One exception: --on-break's command, which the user wrote on their own
# command line (every {pid} becomes a number forkscope prints), run by
# src/live/on_break.c and made there from nothing else.
on_break_sh='src/live/on_break.c:[0-9]+:	char \*argv\[\] = \{ "/bin/sh", "-c", command, NULL \};'
hits=$(cd "$top" && grep -rnE --include='*.c' '"-c"|"/bin/sh"' src | grep -v '^src/scenario/demo/' |
	grep -vxE "$on_break_sh")
[ -n "$hits" ] && problem "a shell command line in forkscope itself: $hits"
check
grep -q '^	char \*command = on_break_expand(template_text, pid);$' "$top/src/live/on_break.c" ||
	problem "the --on-break shell line is made from something else than the user's template"
check
hits=$(cd "$top" && for f in $(find src -name '*.c' | sort); do
	case $f in src/scenario/demo/*) continue ;; esac
	code_of "$f" | grep -nE '\b(setuid|seteuid|setreuid|setresuid|setgid|setegid|setregid|setresgid|setgroups|capset|cap_set_proc|PR_SET_KEEPCAPS)\b' |
		sed "s|^|$f:|"
done)
[ -n "$hits" ] && problem "forkscope changes its ids or capabilities: $hits"

# ---- Unprivileged runs.
if [ "$(id -u)" -eq 0 ]; then
	if ! command -v setpriv >/dev/null 2>&1; then
		echo "setpriv (util-linux) is not installed: the unprivileged runs are skipped"
		exit 77
	fi
	as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	if ! "${as_user[@]}" test -x "$FORKSCOPE" || ! "${as_user[@]}" test -x "$FORKSCOPE_DEMO"; then
		echo "nobody cannot reach the build tree: the unprivileged runs are skipped"
		exit 77
	fi
	user_id=65534 user_gid=65534
else
	as_user=()
	user_id=$(id -u) user_gid=$(id -g)
	if ! grep -qE '^CapEff:[[:space:]]*0+$' /proc/self/status; then
		echo "this user holds capabilities and cannot drop them without root: the unprivileged runs are skipped"
		exit 77
	fi
fi

# A process of another user's for the unprivileged one to look at: pid 1,
# and, as root, a sleep of root's (pid 1 may refuse even root, in a container).
check
"${as_user[@]}" "$FORKSCOPE" inspect 1 >"$work/out" 2>"$work/err" </dev/null
rc=$?
[ "$rc" -eq 0 ] || problem "inspect 1 as uid $user_id exited with $rc: $(head -3 "$work/err")"
grep -q '^Process 1 ' "$work/out" || problem "inspect 1 as uid $user_id: no report"
denied=$(grep -c 'denied' "$work/out")
[ "$denied" -gt 0 ] || problem "inspect 1 as uid $user_id: nothing denied (not unprivileged?)"
if grep 'denied' "$work/out" | grep -vqE 'CAP_SYS_PTRACE|root'; then
	problem "inspect 1 as uid $user_id: a denied part without the privilege that would show it:"
	grep 'denied' "$work/out" | grep -vE 'CAP_SYS_PTRACE|root' | head -3
fi
for part in "exe: denied" "FDs: denied" "mappings: denied"; do
	grep -qF "$part" "$work/out" || problem "inspect 1 as uid $user_id: '$part' is not said"
done
check
"${as_user[@]}" "$FORKSCOPE" inspect 1 --json >"$work/json" 2>/dev/null </dev/null
# One object on one line (--pretty would indent it).
[ "$(wc -l <"$work/json")" -eq 1 ] || problem "inspect 1 --json: not one line"
grep -q "\"euid\":$user_id" "$work/json" || problem "inspect 1 --json: the viewer's euid $user_id is not given"
grep -q '"cap_sys_ptrace":false' "$work/json" || problem "inspect 1 --json: cap_sys_ptrace is not false"
grep -q '"state":"denied"' "$work/json" || problem "inspect 1 --json: no part is denied"

if [ "$(id -u)" -eq 0 ]; then
	# A process of nobody's: nobody reads all of it but the frame numbers,
	# root those too. nobody reads little of root's (this shell).
	"${as_user[@]}" sleep 600 &
	sleeper=$!
	end=$((SECONDS + 30))
	until grep -qE '^Uid:[[:space:]]+65534' "/proc/$sleeper/status" 2>/dev/null &&
	      [ "$(cat "/proc/$sleeper/comm" 2>/dev/null)" = sleep ]; do
		[ "$SECONDS" -ge "$end" ] && { problem "nobody's sleep did not start"; break; }
		sleep 0.05
	done
	check
	"${as_user[@]}" "$FORKSCOPE" inspect "$sleeper" >"$work/user" 2>&1 </dev/null
	"$FORKSCOPE" inspect "$sleeper" >"$work/root" 2>&1 </dev/null
	"${as_user[@]}" "$FORKSCOPE" inspect $$ >"$work/other" 2>&1 </dev/null
	grep -q 'denied' "$work/user" && problem "nobody inspecting its own sleep: $(grep -m1 denied "$work/user")"
	grep -q 'denied' "$work/root" && problem "root inspecting nobody's sleep: $(grep -m1 denied "$work/root")"
	grep -q 'frame numbers.*need root (CAP_SYS_ADMIN)' "$work/user" ||
		problem "as nobody, inspect does not say frame numbers need CAP_SYS_ADMIN"
	grep -q 'frame numbers.*visible (CAP_SYS_ADMIN)' "$work/root" ||
		problem "as root, inspect does not say frame numbers are visible"
	grep -q 'FDs: denied.*CAP_SYS_PTRACE' "$work/other" ||
		problem "nobody inspecting root's shell: FDs not denied with CAP_SYS_PTRACE named"
	kill -KILL "$sleeper"
	wait "$sleeper" 2>/dev/null
	sleeper=
fi

# A scenario as the unprivileged user: it runs, and every process of it
# has that user's ids.
check
"${as_user[@]}" "$FORKSCOPE" --batch --step-all --scenario fork size=4 >"$work/out" 2>"$work/err" </dev/null
rc=$?
[ "$rc" -eq 0 ] || problem "--scenario fork as uid $user_id exited with $rc: $(head -3 "$work/err")"
grep -q 'scenario finished with status 0' "$work/out" || problem "--scenario fork as uid $user_id did not finish"
procs=$(grep -cE "^  pid [0-9]+ .* uid $user_id euid $user_id " "$work/out")
others=$(grep -E '^  pid [0-9]+ ' "$work/out" | grep -cvE " uid $user_id euid $user_id ")
[ "$procs" -gt 0 ] || problem "--scenario fork as uid $user_id: no process shown with uid $user_id"
[ "$others" -eq 0 ] || problem "--scenario fork as uid $user_id: $others processes with other ids"

# forkscope, its helper and the command: the ids and capabilities the
# kernel gives them while they run (the command reads all three).
cat >"$work/ids.sh" <<'EOF'
helper=$PPID
forkscope=$(sed -n 's/^PPid:[[:space:]]*//p' /proc/$helper/status)
for p in $$ $helper $forkscope; do
	sed -n 's/^\(Name\|Uid\|Gid\|Groups\|CapPrm\|CapEff\):[[:space:]]*/\1 /p' /proc/$p/status | tr '\t\n' '  '
	echo
done
EOF
chmod 644 "$work/ids.sh"
check
"${as_user[@]}" "$FORKSCOPE" --batch --scenario custom -- sh "$work/ids.sh" >"$work/out" 2>"$work/err" </dev/null
rc=$?
[ "$rc" -eq 0 ] || problem "custom as uid $user_id exited with $rc: $(head -3 "$work/err")"
for name in sh forkscope-demo forkscope; do
	line=$(grep -E "output +Name $name Uid " "$work/out")
	if [ -z "$line" ]; then
		problem "the ids of $name were not read"
		continue
	fi
	echo "$line" | grep -qE "Uid $user_id $user_id $user_id $user_id " ||
		problem "$name runs with other uids: $line"
	echo "$line" | grep -qE "Gid $user_gid $user_gid $user_gid $user_gid " ||
		problem "$name runs with other gids: $line"
	echo "$line" | grep -qE 'CapPrm 0+ CapEff 0+ ' || problem "$name holds capabilities: $line"
done

echo "privilege: $checks checks as uid $(id -u) and $user_id, $failed failed"
[ "$failed" -eq 0 ]
