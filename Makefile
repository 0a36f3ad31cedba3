# iamquiz: the two set-up commands are `make run` (quiz on the built-in bank) and `make test`.
SWIFT ?= swift
ARGS ?=
# apt-get needs root: use sudo when we are not root and sudo exists.
SUDO := $(shell if [ "$$(id -u)" != 0 ] && command -v sudo >/dev/null; then echo sudo; fi)

.PHONY: run test build release deps clean

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

## Build and run every test.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

release: deps
	$(SWIFT) build -c release --product iamquiz

clean:
	rm -rf .build
