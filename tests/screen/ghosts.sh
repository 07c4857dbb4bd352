#!/bin/bash
# Watching a command: x hides the processes that have exited and shows
# them again. The exited one here is a zombie whose parent (the shell,
# replaced by sleep) never reaps it, so it stays for as long as the test
# needs; a live process under it would keep it shown (the tree stays whole).
. "${srcdir:-.}/tests/screen/lib.sh"

# q (and e at its question) ends the command too, so nothing of it
# outlives the test.
fs_start -- sh -c "/bin/true & exec sleep 600"
wait_for "true +<defunct"
forkscope_keys
send x
wait_for "exited processes hidden"
wait_for_not "true +<defunct"
screen | grep -q "sleep 600" || fail "x hid the live sleep too"
send x
wait_for "true +<defunct"
quit_command
exit 0
