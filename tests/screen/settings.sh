#!/bin/bash
# forkscope.conf: read at start (a bad line named with its file and line,
# the rest applied), written when t changes the theme, so the next start
# has it; --no-config neither reads nor writes it. Themes are in the order
# t cycles them: default, high-contrast, light, monochrome, solarized-dark.
. "${srcdir:-.}/tests/screen/lib.sh"

conf="$XDG_CONFIG_HOME/forkscope/forkscope.conf"
mkdir -p "$XDG_CONFIG_HOME/forkscope"
printf 'theme = light\nfoo = 1\n' >"$conf"

fs_start
wait_for "forkscope.conf:2: unknown key"
# light was read: t goes on to the one after it, and writes it down.
send t
wait_for "theme monochrome \\(4 of 5\\)"
wait_check "the file says monochrome" grep -qx "theme = monochrome" "$conf"
ls "$XDG_CONFIG_HOME/forkscope" | grep -qv "^forkscope.conf$" && fail "a temporary file was left: $(ls "$XDG_CONFIG_HOME/forkscope")"
send q
wait_exit 0
fs_stop_server

# The next start has it.
fs_start
wait_for "╭─ Scenarios "
send t
wait_for "theme solarized-dark \\(5 of 5\\)"
send q
wait_exit 0
fs_stop_server

# --no-config: starts from the default theme and leaves the file alone.
fs_start --no-config
wait_for "╭─ Scenarios "
send t
wait_for "theme high-contrast \\(2 of 5\\)"
send q
wait_exit 0
grep -qx "theme = solarized-dark" "$conf" || fail "--no-config wrote the file: $(cat "$conf")"
exit 0
