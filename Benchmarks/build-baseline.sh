#!/bin/sh
# Builds a benchmark against another commit's libraries, for `make bench-evaluator BASELINE=<commit>` and
# `make bench-banks BASELINE=<commit>`, and prints the path of the binary. The benchmark's own code
# (Sources/PRODUCT, and Sources/BenchSupport that the benchmarks share) is taken from the working tree, so
# that both binaries time the same work the same way and only the commit's libraries differ. Everything
# goes under .build-baseline/ (ignored by git); a built commit is reused.
#
#   sh Benchmarks/build-baseline.sh [--product NAME] [--depends TARGET,...] [--also PRODUCT] COMMIT [SWIFT]
#
# --product   the benchmark to build (default iamquiz-bench)
# --depends   its dependencies, for a commit whose Package.swift does not declare it: the target (and
#             BenchSupport) are then added to that commit's Package.swift
# --also      a product of the commit itself to build too (iamquiz), copied beside the benchmark
set -eu
product=iamquiz-bench
depends=""
also=""
while [ $# -gt 0 ]; do
    case "$1" in
        --product) product=$2; shift 2 ;;
        --depends) depends=$2; shift 2 ;;
        --also) also=$2; shift 2 ;;
        *) break ;;
    esac
done
if [ $# -lt 1 ]; then
    echo "usage: build-baseline.sh [--product NAME] [--depends TARGET,...] [--also PRODUCT] COMMIT [SWIFT]" >&2
    exit 2
fi
swift=${2:-swift}
commit=$(git rev-parse --verify --quiet "$1^{commit}") || {
    echo "build-baseline: \`$1\` is not a commit of this repository" >&2
    exit 2
}
root=.build-baseline
shared=""
if [ -d Sources/BenchSupport ]; then shared=Sources/BenchSupport; fi
# A build is reused for the same commit and the same benchmark code.
bench=$(cat "Sources/$product"/*.swift ${shared:+"$shared"/*.swift} | cksum | cut -d ' ' -f 1)
bin="$root/bin/$commit-$bench/$product"
if [ ! -x "$bin" ] || { [ -n "$also" ] && [ ! -x "$(dirname "$bin")/$also" ]; }; then
    src="$root/src"
    rm -rf "$src"
    mkdir -p "$src" "$(dirname "$bin")"
    # A plain export of the commit: no second worktree to register and prune.
    git archive "$commit" | tar -x -C "$src"
    if ! grep -q "name: \"$product\"" "$src/Package.swift"; then
        if [ -z "$depends" ]; then
            echo "build-baseline: commit $commit has no $product to build" >&2
            exit 1
        fi
        # Declared for this build only, with the dependencies given (a list such as "QuizBank").
        list=$(printf '%s' "$depends" | sed 's/[^,][^,]*/"&"/g')
        {
            echo
            if ! grep -q 'name: "BenchSupport"' "$src/Package.swift"; then
                echo 'package.targets.append(.target(name: "BenchSupport"))'
            fi
            echo "package.targets.append(.executableTarget(name: \"$product\", dependencies: [$list]))"
        } >> "$src/Package.swift"
    fi
    rm -rf "$src/Sources/$product"
    cp -R "Sources/$product" "$src/Sources/$product"
    if [ -n "$shared" ]; then
        rm -rf "$src/$shared"
        cp -R "$shared" "$src/$shared"
    fi
    # The same dependency versions as the working tree, when it has resolved them.
    if [ -f Package.resolved ]; then cp Package.resolved "$src/"; fi
    out=$("$swift" build -c release --package-path "$src" --scratch-path "$root/build" --show-bin-path)
    for name in "$product" $also; do
        echo "build-baseline: building $name of $(git rev-parse --short "$commit") in $root/ (release)" >&2
        "$swift" build -c release --product "$name" --package-path "$src" --scratch-path "$root/build" >&2
        cp "$out/$name" "$(dirname "$bin")/$name"
    done
fi
echo "$bin"
