#!/usr/bin/env bash
# Sets up forkscope on a fresh Debian 12 machine and starts it or tests it.
#   ./setup.sh run [ARGS...]   install what is missing, build, start forkscope ARGS
#   ./setup.sh build           install what is missing, build
#   ./setup.sh test            install what is missing, build, run the whole test
#                              suite: unit and screen tests, the sanitizer build,
#                              make distcheck and a short fuzz run
# Packages are installed with apt-get when run as root; otherwise the exact
# apt-get line is printed and the script stops.
set -euo pipefail

top=$(cd "$(dirname "$0")" && pwd)
cd "$top"
jobs=$(nproc 2>/dev/null || echo 2)

# What building and running need; the tests need the rest (a terminal to
# drive, the sanitizers' and fuzzers' compiler, valgrind, SVG to PNG with
# fonts for Latin and Korean, xz for make distcheck).
run_packages=(build-essential autoconf automake libtool autopoint pkg-config gettext
	libncurses-dev libproc2-dev libvterm-dev libjson-c-dev locales)
test_packages=(check tmux librsvg2-bin clang libclang-rt-14-dev valgrind fonts-dejavu-core strace
	fonts-nanum xz-utils libxml2-utils)

say() { printf '== %s\n' "$*"; }

# install_packages PACKAGE...: installs the ones that are missing.
install_packages() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
		say "installing ${missing[*]}"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	else
		echo "forkscope needs these Debian packages; install them with:" >&2
		echo "  sudo apt-get install ${missing[*]}" >&2
		exit 1
	fi
}

# The Korean translation is shown, and tested, in the ko_KR.UTF-8 locale:
# generate it with Debian's localedef when it is missing.
korean_locale() {
	locale -a 2>/dev/null | grep -qi '^ko_KR\.utf-\?8$' && return 0
	if [ "$(id -u)" -eq 0 ] && command -v localedef >/dev/null; then
		say "generating the ko_KR.UTF-8 locale"
		localedef -i ko_KR -f UTF-8 ko_KR.UTF-8 ||
			echo "localedef failed: forkscope will speak English" >&2
	else
		echo "forkscope's Korean translation needs the ko_KR.UTF-8 locale; generate it with:" >&2
		echo "  sudo localedef -i ko_KR -f UTF-8 ko_KR.UTF-8" >&2
	fi
}

# configure_in DIR [configure options]: an out-of-tree build in DIR.
configure_in() {
	local dir=$1; shift
	[ -x configure ] || autoreconf -fi >/dev/null
	mkdir -p "$dir"
	if [ ! -f "$dir/Makefile" ] || [ "$dir/config.status" -ot configure ] ||
	   tests_off_but_check_here "$dir"; then
		(cd "$dir" && ../configure -q "$@")
	fi
}

# A build configured before Check was installed (./setup.sh run first) has
# its tests off: configure again once Check is there.
tests_off_but_check_here() {
	grep -q '^S\["HAVE_CHECK_TRUE"\]="#"' "$1/config.status" 2>/dev/null &&
		pkg-config --exists check 2>/dev/null
}

build() {
	install_packages "${run_packages[@]}"
	korean_locale
	[ -x configure ] && [ configure -nt configure.ac ] || autoreconf -fi >/dev/null
	configure_in build
	make -C build -j"$jobs" -s
}

# Counts Automake's test results in a build directory's test-suite.log.
count_results() {
	local log=$1/test-suite.log
	[ -f "$log" ] || { echo "0 0"; return; }
	local pass fail
	pass=$(sed -n 's/^# PASS: *//p' "$log" | head -1)
	fail=$(($(sed -n 's/^# FAIL: *//p' "$log" | head -1) + $(sed -n 's/^# ERROR: *//p' "$log" | head -1)))
	echo "${pass:-0} ${fail:-0}"
}

run_suite() {
	local dir=$1 label=$2 status=0
	say "$label: make check in $dir"
	make -C "$dir" -j"$jobs" -s check || status=$?
	if [ $status -ne 0 ]; then
		# Show what failed: the logs of the failing tests.
		for f in $(grep -l -E '^(FAIL|ERROR)' "$dir"/tests/*/*.log 2>/dev/null || true); do
			echo "--- $f"; tail -40 "$f"
		done
	fi
	read -r p f < <(count_results "$dir")
	total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
	echo "$label: $p passed, $f failed"
	return $status
}

test_all() {
	local status=0
	total_pass=0; total_fail=0
	install_packages "${test_packages[@]}"
	build
	run_suite build "unit and screen tests" || status=1

	say "sanitizers: AddressSanitizer + UndefinedBehaviorSanitizer"
	configure_in build-asan --enable-asan
	make -C build-asan -j"$jobs" -s
	ASAN_OPTIONS=detect_leaks=1 run_suite build-asan "sanitizer build" || status=1

	if [ -f tests/fuzz/run.sh ]; then
		say "short fuzz run"
		configure_in build-fuzz --enable-fuzzing CC=clang
		make -C build-fuzz -j"$jobs" -s fuzz
		if bash tests/fuzz/run.sh build-fuzz; then total_pass=$((total_pass + 1));
		else total_fail=$((total_fail + 1)); status=1; fi
	fi

	say "make distcheck"
	if make -C build -j"$jobs" -s distcheck >build/distcheck.log 2>&1; then
		total_pass=$((total_pass + 1)); echo "distcheck: passed"
	else
		total_fail=$((total_fail + 1)); status=1; tail -40 build/distcheck.log
	fi
	echo
	echo "$total_pass passed, $total_fail failed"
	return $status
}

cmd=${1:-run}
[ $# -gt 0 ] && shift
case "$cmd" in
	run)   build
	       # A build-tree forkscope finds the build tree's catalogue itself.
	       exec ./build/src/forkscope "$@" ;;
	build) build ;;
	test)  test_all ;;
	*)     echo "usage: ./setup.sh run [ARGS...] | build | test" >&2; exit 2 ;;
esac
