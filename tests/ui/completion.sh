#!/bin/bash
# The bash completion: options, scenario ids, a scenario's name= options,
# theme names and event sources, completed from the built program.
set -u
: "${FORKSCOPE:?completion.sh needs FORKSCOPE (the built program) in the environment}"
script="${COMPLETION:-$(dirname "$FORKSCOPE")/../completion/forkscope}"
[ -f "$script" ] || { echo "no completion script at $script"; exit 1; }
complete() { :; }   # the script registers itself; not needed here
compopt() { :; }
. "$script"
failed=0

# complete WORDS... : COMPREPLY for the last word, one per line.
complete_words() {
	COMP_WORDS=("$FORKSCOPE" "$@")
	COMP_CWORD=$#
	_forkscope
	printf '%s\n' "${COMPREPLY[@]}"
}
expect() {
	local want=$1; shift
	if ! complete_words "$@" | grep -qx -- "$want"; then
		echo "FAIL: completing '$*' does not offer '$want': $(complete_words "$@" | tr '\n' ' ')"
		failed=1
	fi
}
expect "--scenario" --sce
expect "--no-config" --no-c
expect "--export-trace" --export-t
expect "--animate" --anim
expect "cow" --scenario co
expect "clone3-pidfd" -s clone
expect "size=" --scenario cow si
expect "max_mib=" --scenario spawn-cost ma
expect "connector" --events con
expect "solarized-dark" --theme sol
expect "inspect" ins
[ "$failed" -eq 0 ] && echo "completion: all offered"
exit "$failed"
