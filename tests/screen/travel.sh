#!/bin/bash
# The time cursor: after the end of fork (the child exited and was
# reaped), [ goes back event by event until the child is alive again in
# the tree, with the status line saying which event; ] goes forward to the
# live moment, where the child is gone (exited) again. The detail panes
# show the child as it was at its fork, from a snapshot.
. "${srcdir:-.}/tests/screen/lib.sh"

# The child's row: dead (x) or alive.
child_row() { screen | grep -E '└─ forkscope-demo fork' | head -1; }
child_dead() { child_row | grep -Eq '^│.x '; }
child_alive() { child_row | grep -Eq '^│.[^x] '; }

fs_start --no-config --scenario fork
wait_for "Step 1 of 3"
send Space
wait_for "Step 2 of 3"
send Space
wait_for "Step 3 of 3"
send Space
wait_for "the demo ended"
wait_check "the child shown exited at the end" child_dead

for i in $(seq 30); do
	before=$(screen | grep -Eo 'event [0-9]+ of [0-9]+' | head -1)
	send '['
	wait_moved 'event [0-9]+ of [0-9]+' "$before"
	child_alive && break
done
child_alive || fail "[ never showed the child alive"
echo "alive again at: $MOVED_TO"
# The panes show it at that moment: its pid in the memory pane's title.
cpid=$(child_row | grep -Eo '[0-9]{2,}' | head -1)
wait_for "Memory ─ pid $cpid"
# A snapshot or an honest 'none kept', never today's state.
screen | grep -q "pid $cpid, exited" && fail "the panes show the child's exit while looking back"

for i in $(seq 40); do
	screen | grep -q 'live again' && break
	before=$(screen | grep -Eo 'event [0-9]+ of [0-9]+' | head -1)
	send ']'
	wait_check "] moved" sh -c "tmux -L $FS_SOCKET -f /dev/null capture-pane -p | grep -q 'live again' || ! tmux -L $FS_SOCKET -f /dev/null capture-pane -p | grep -qF '$before'"
done
wait_for 'live again'
wait_check "the child exited again at the live moment" child_dead
echo "ok: back to the child alive, forward to live"
