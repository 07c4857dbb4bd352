# tests/screen
# The screen in a real terminal: forkscope inside a private tmux server,
# keys with send-keys, the screen read with capture-pane (lib.sh).
TESTS += tests/screen/cloexec.sh tests/screen/cow.sh tests/screen/resize.sh \
	tests/screen/quit.sh tests/screen/mouse.sh tests/screen/chart.sh tests/screen/watch.sh \
	tests/screen/focus.sh tests/screen/process.sh tests/screen/ghosts.sh tests/screen/settings.sh \
	tests/screen/terminal.sh tests/screen/breaks.sh tests/screen/travel.sh
EXTRA_DIST += tests/screen/lib.sh tests/screen/cloexec.sh tests/screen/cow.sh \
	tests/screen/resize.sh tests/screen/quit.sh tests/screen/mouse.sh tests/screen/chart.sh \
	tests/screen/watch.sh tests/screen/focus.sh tests/screen/process.sh tests/screen/ghosts.sh \
	tests/screen/settings.sh tests/screen/terminal.sh tests/screen/breaks.sh tests/screen/travel.sh
