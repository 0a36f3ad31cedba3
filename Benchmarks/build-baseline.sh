#!/bin/sh
# Builds iamquiz-bench from the evaluator of another commit, for `make bench BASELINE=<commit>`, and
# prints the path of the binary. The benchmark's own code (Sources/iamquiz-bench) is taken from the
# working tree, so that both binaries time the same requests the same way and only the IAMPolicy
# library differs. Everything goes under .build-baseline/ (ignored by git); a built commit is reused.
#
#   sh Benchmarks/build-baseline.sh COMMIT [SWIFT]
set -eu
if [ $# -lt 1 ]; then
    echo "usage: build-baseline.sh COMMIT [SWIFT]" >&2
    exit 2
fi
swift=${2:-swift}
commit=$(git rev-parse --verify --quiet "$1^{commit}") || {
    echo "build-baseline: \`$1\` is not a commit of this repository" >&2
    exit 2
}
root=.build-baseline
# A build is reused for the same commit and the same benchmark code.
bench=$(cat Sources/iamquiz-bench/*.swift | cksum | cut -d ' ' -f 1)
bin="$root/bin/$commit-$bench/iamquiz-bench"
if [ ! -x "$bin" ]; then
    src="$root/src"
    rm -rf "$src"
    mkdir -p "$src" "$(dirname "$bin")"
    # A plain export of the commit: no second worktree to register and prune.
    git archive "$commit" | tar -x -C "$src"
    if [ ! -d "$src/Sources/iamquiz-bench" ]; then
        echo "build-baseline: commit $commit has no iamquiz-bench to build" >&2
        exit 1
    fi
    rm -rf "$src/Sources/iamquiz-bench"
    cp -R Sources/iamquiz-bench "$src/Sources/iamquiz-bench"
    # The same dependency versions as the working tree, when it has resolved them.
    if [ -f Package.resolved ]; then cp Package.resolved "$src/"; fi
    echo "build-baseline: building iamquiz-bench of $(git rev-parse --short "$commit") in $root/ (release)" >&2
    "$swift" build -c release --product iamquiz-bench --package-path "$src" --scratch-path "$root/build" >&2
    cp "$("$swift" build -c release --package-path "$src" --scratch-path "$root/build" --show-bin-path)/iamquiz-bench" "$bin"
fi
echo "$bin"
