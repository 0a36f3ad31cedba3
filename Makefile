# iamquiz: the two set-up commands are `make run` (quiz on the built-in bank) and `make test`.
SWIFT ?= swift
ARGS ?=
# apt-get needs root: use sudo when we are not root and sudo exists.
SUDO := $(shell if [ "$$(id -u)" != 0 ] && command -v sudo >/dev/null; then echo sudo; fi)

.PHONY: run test audit build release release-flags deps clean bench bench-evaluator bench-drills bench-banks install install-files uninstall

## Install libedit-dev (line editing) when its header is missing.
deps:
	@if [ ! -f /usr/include/histedit.h ] || ! pkg-config --exists libedit 2>/dev/null; then \
		echo "Installing libedit-dev with apt-get..."; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libedit-dev pkg-config; \
	fi

build: deps
	$(SWIFT) build --product iamquiz

## Build and start a quiz on the built-in bank; pass options with ARGS="--level professional".
run: build
	@"$$($(SWIFT) build --show-bin-path)/iamquiz" $(ARGS)

## Build and run every test. generate-manual (from swift-argument-parser) is built too: the install test
## installs the debug build with its man pages. Then a drill audit on the debug build: 2,000 generated
## questions of every drill family, each key computed again from what its stem shows. `make audit` runs the
## full one (10,000 a family, release build), which adds about six minutes.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) build --product generate-manual
	$(SWIFT) test --skip-build
	"$$($(SWIFT) build --show-bin-path)/drill-bench" --audit 2000

## The full drill audit: 10,000 generated questions of every drill family (release build).
audit: deps release-flags
	$(SWIFT) build $(RELEASE) --product drill-bench
	"$$($(SWIFT) build $(RELEASE) --show-bin-path)/drill-bench" --audit 10000

## Release builds put each function in a section of its own, and lay out first the functions a quiz runs
## (Tools/startup-order.txt, written by Tools/startup-order.sh, read by gold's --section-ordering-file):
## the kernel maps code in 64 KB blocks around each page run, so a quiz then maps about 2 MB less of the
## binary. SwiftPM neither compiles again when -Xfrontend flags change nor links again when -Xlinker flags
## or the order file do: a release folder built with other flags is removed first (the flags are kept in
## .build/release-flags), and iamquiz is always linked again (a few seconds).
RELEASE := -c release -Xswiftc -Xfrontend -Xswiftc -function-sections -Xlinker --section-ordering-file=$(CURDIR)/Tools/startup-order.txt
release: deps release-flags
	@rm -f "$$($(SWIFT) build $(RELEASE) --show-bin-path)/iamquiz"
	$(SWIFT) build $(RELEASE) --product iamquiz

release-flags:
	@if [ "$$(cat .build/release-flags 2>/dev/null)" != '$(RELEASE)' ]; then \
		rm -rf .build/*/release; mkdir -p .build; printf '%s\n' '$(RELEASE)' > .build/release-flags; \
	fi

## Install the release build, its man pages and bash/zsh/fish completions: make install PREFIX=$$HOME/.local
## (DESTDIR is prepended, for packaging). Tools/install.sh does the copying.
PREFIX ?= /usr/local
DESTDIR ?=
install: release
	$(SWIFT) build $(RELEASE) --product generate-manual
	@$(MAKE) --no-print-directory install-files BIN="$$($(SWIFT) build $(RELEASE) --show-bin-path)"

## The copying half of install, from the binaries in BIN (the install test uses it on the debug build).
install-files:
	@if [ -z "$(BIN)" ]; then echo "install-files: set BIN to the folder of the built iamquiz"; exit 2; fi
	@sh Tools/install.sh "$(BIN)" "$(DESTDIR)$(PREFIX)"

uninstall:
	@sh Tools/install.sh --uninstall "$(DESTDIR)$(PREFIX)"

## Benchmark the policy evaluator (release build, in process), then compare case (a) with PMapper.
## PMapper goes into a virtualenv under .build-bench/; without PyPI the comparison is skipped.
## BASELINE=<commit> also times that commit's evaluator, case by case in the same run (see bench-evaluator).
BENCH_PYTHON ?= python3
BENCH_VENV := .build-bench/venv
bench: bench-evaluator bench-banks release
	$(SWIFT) build $(RELEASE) --product progress-bench
	@bin="$$($(SWIFT) build $(RELEASE) --show-bin-path)"; "$$bin/progress-bench" --iamquiz "$$bin/iamquiz"
	$(SWIFT) build $(RELEASE) --product drill-bench
	@bin="$$($(SWIFT) build $(RELEASE) --show-bin-path)"; "$$bin/drill-bench" --output Benchmarks/drills.json
	@bin="$$($(SWIFT) build $(RELEASE) --show-bin-path)"; sh Benchmarks/scenario-scaling.sh "$$bin/iamquiz"
	@if ! $(BENCH_VENV)/bin/python -c 'import principalmapper' >/dev/null 2>&1; then \
		echo "Installing principalmapper into $(BENCH_VENV)..."; \
		rm -rf $(BENCH_VENV); \
		if ! { $(BENCH_PYTHON) -m venv $(BENCH_VENV) && $(BENCH_VENV)/bin/pip install -q principalmapper; }; then \
			echo "bench: could not install principalmapper with pip: skipping the PMapper comparison"; \
			rm -rf $(BENCH_VENV); \
		fi; \
	fi; \
	if [ -x $(BENCH_VENV)/bin/python ]; then \
		echo; $(BENCH_VENV)/bin/python Benchmarks/pmapper_bench.py \
			--requests Benchmarks/small-requests.json --swift-results Benchmarks/results.json \
			--output Benchmarks/pmapper-results.json \
		|| echo "bench: the PMapper comparison failed (see above); iamquiz figures are in Benchmarks/results.json"; \
	fi

## The drill generation benchmark alone: median time to generate and key one drill, per family and level.
bench-drills: release-flags
	$(SWIFT) build $(RELEASE) --product drill-bench
	@bin="$$($(SWIFT) build $(RELEASE) --show-bin-path)"; "$$bin/drill-bench" --output Benchmarks/drills.json

## The evaluator benchmark alone (iamquiz-bench). With BASELINE=<commit> (any commit name git knows), the
## benchmark is also built against that commit's IAMPolicy under .build-baseline/ (ignored by git, kept
## for the next run) and the table shows both medians and the speed-up.
BASELINE ?=
bench-evaluator: release-flags
	$(SWIFT) build $(RELEASE) --product iamquiz-bench
	@bin="$$($(SWIFT) build $(RELEASE) --show-bin-path)"; baseline=""; \
	if [ -n "$(BASELINE)" ]; then baseline="$$(sh Benchmarks/build-baseline.sh '$(BASELINE)' '$(SWIFT)')" || exit 1; fi; \
	"$$bin/iamquiz-bench" --export-small Benchmarks/small-requests.json && \
	"$$bin/iamquiz-bench" --output Benchmarks/results.json $${baseline:+--baseline "$$baseline"}

## Banks at scale (issue 16): the parser's MB/s, `iamquiz check` and the first question on generated banks of
## 5,000 and 1,000 questions, with peak memory, each against its target; written to Benchmarks/banks.json.
## BASELINE=<commit> also builds that commit's iamquiz and parser under .build-baseline/ and shows both.
bench-banks: release
	$(SWIFT) build $(RELEASE) --product bank-bench
	@bin="$$($(SWIFT) build $(RELEASE) --show-bin-path)"; baseline=""; \
	if [ -n "$(BASELINE)" ]; then \
		baseline="$$(sh Benchmarks/build-baseline.sh --product bank-bench --depends BenchSupport,QuizBank --also iamquiz '$(BASELINE)' '$(SWIFT)')" || exit 1; \
	fi; \
	"$$bin/bank-bench" --iamquiz "$$bin/iamquiz" --output Benchmarks/banks.json $${baseline:+--baseline "$$baseline"}

clean:
	rm -rf .build .build-baseline
