#!/bin/sh
# Writes Tools/startup-order.txt: the functions of iamquiz that a quiz runs, one linker section a line, so
# that the release build (`make release`) places them together at the start of the binary's code.
#
# Why: the kernel maps a program's code into memory in blocks of 64 KB around each page it runs (fault-
# around). The code a quiz runs is about 0.5 MB, spread over 7 MB of code: unordered, a quiz maps about
# 4.5 MB of it. Each function has its own section (`-function-sections`), and gold lays out the sections this
# file names first, in its order (`--section-ordering-file`); the others follow as before.
#
# Usage: sh Tools/startup-order.sh [IAMQUIZ]   (default: the release build; needs valgrind)
# It runs, under callgrind, what the benchmark times (`make bench-banks`): a quiz on the built-in bank in a
# new profile and in one whose store exists, and a quiz on a cached `--bank`, each answering one question.
# Functions renamed since the file was written are simply not found by the linker: the build stays right,
# only less compact. Run it again after large changes to what a quiz runs.
set -eu
cd "$(dirname "$0")/.."
iamquiz="$(readlink -f "${1:-.build/release/iamquiz}")"
command -v valgrind >/dev/null || { echo "startup-order: valgrind is needed (apt-get install -y valgrind)" >&2; exit 1; }
[ -x "$iamquiz" ] || { echo "startup-order: no $iamquiz; run \`make release\` first" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
home="$work/home"
bank="$work/bank.iqb"
# A small bank of its own (two built-in files): enough to run the cache's code.
cat QuestionBank/federation.iqb QuestionBank/abac.iqb > "$bank"

profile() { # NAME ARGS...: one quiz under callgrind, answering one question
    name="$1"; shift
    printf 'a\nq\n' | IAMQUIZ_HOME="$home" valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/$name.out" \
        "$iamquiz" --count 1 --seed 1 "$@" >/dev/null 2>&1
}
profile new-profile
profile existing-profile
IAMQUIZ_HOME="$home" "$iamquiz" --bank "$bank" --count 1 --seed 1 </dev/null >/dev/null 2>&1 || true
profile cached-bank --bank "$bank"

binary="$(basename "$iamquiz")"
for out in "$work"/*.out; do
    callgrind_annotate --threshold=100 "$out" 2>/dev/null
done | grep -F "[$iamquiz]" \
    | sed -E 's/^ *[0-9,]+ +\([ 0-9.]+%\) +//; s/ \[[^]]*\]$//; s/^[^:]*://; s/'"'"'[0-9]+$//' \
    | grep -v '^0x' | LC_ALL=C sort -u | sed 's/^/.text./' > Tools/startup-order.txt
echo "startup-order: $(wc -l < Tools/startup-order.txt) functions of $binary written to Tools/startup-order.txt"
