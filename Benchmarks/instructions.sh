#!/bin/sh
# Instructions per evaluation of a benchmark case, counted by callgrind: repeatable to a few instructions
# where the wall clock of a shared machine varies by a quarter. Only what `evaluateAll` runs is counted
# (the evaluations, not the set-up), over 1 + 5 x BATCHES batches of the case.
#
#   sh Benchmarks/instructions.sh IAMQUIZ-BENCH [CASE [BATCHES]]     CASE: small (default), large, wildcard
set -eu
if [ $# -lt 1 ]; then
    echo "usage: instructions.sh IAMQUIZ-BENCH [small|large|wildcard [BATCHES]]" >&2
    exit 2
fi
bin=$1
case=${2:-small}
batches=${3:-100}
command -v valgrind >/dev/null || { echo "instructions: valgrind is not installed" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
valgrind --tool=callgrind --callgrind-out-file="$work/out" --toggle-collect='*evaluateAll*' \
    "$bin" --only "$case" --batches "$batches" --runs 5 --output "$work/results.json" >"$work/stdout" 2>"$work/stderr"
collected=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/stderr")
# Each row of the case reports its evaluations per run (BATCHES batches); there is one more batch to warm up.
evaluations=0
for n in $(sed -n 's/.*; \([0-9][0-9]*\) evaluations per run.*/\1/p' "$work/stdout"); do
    evaluations=$((evaluations + n / batches * (1 + 5 * batches)))
done
if [ -z "$collected" ] || [ "$evaluations" -eq 0 ]; then
    echo "instructions: no count from callgrind" >&2
    cat "$work/stderr" >&2
    exit 1
fi
echo "$case: $((collected / evaluations)) instructions per evaluation ($collected over $evaluations evaluations)"
