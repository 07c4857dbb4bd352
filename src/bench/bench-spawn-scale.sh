#!/bin/sh
# make bench: the real spawn and scale benchmarks with their default sizes,
# run from the build tree (the forkscope and forkscope-tiny beside this
# script's directory). Figures go to stdout, progress to stderr.
set -e
here=$(dirname "$0")
bin=$here/..
FORKSCOPE_TINY=${FORKSCOPE_TINY:-$bin/forkscope-tiny}
export FORKSCOPE_TINY
"$bin/forkscope" bench spawn
echo
"$bin/forkscope" bench scale
