#!/bin/sh
# Times `iamquiz scenario run` on scenarios that alternate `as user` and `assume` N times (issue 9, point 14:
# this grew quadratically). Prints the median of 3 runs per size and the time per pair; the run is linear
# when the time per pair stays flat as N grows.
#
#   Benchmarks/scenario-scaling.sh PATH-TO-RELEASE-IAMQUIZ [SIZES...]
set -eu
iamquiz=$1
shift
sizes=${*:-4000 8000 16000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

generate() {
    cat <<HEAD
scenario: alternating-$1
start: 2026-01-01T00:00:00Z

account 111111111111 prod

user prod/alice
  policy assume: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}

role prod/Worker
  trust: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": "sts:AssumeRole"}]}

HEAD
    awk -v n="$1" 'BEGIN { for (i = 1; i <= n; i++) printf "step u%d: as user prod/alice\nstep a%d: assume prod/Worker\n  expect: ok\n", i, i }'
}

now_ms() { date +%s%N | cut -c1-13; }

echo "scenario run, alternating as user / assume (median of 3 runs):"
for n in $sizes; do
    generate "$n" > "$work/alt.iqs"
    times=""
    for run in 1 2 3; do
        start=$(now_ms)
        "$iamquiz" scenario run "$work/alt.iqs" > /dev/null
        times="$times $(( $(now_ms) - start ))"
    done
    median=$(echo $times | tr ' ' '\n' | sort -n | sed -n 2p)
    echo "  $n pairs: $median ms, $(( median * 1000 / n )) µs per pair"
done
