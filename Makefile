# quotelens: the only task runner. `make demo` and `make test` are the two
# commands a fresh clone needs; both install what is missing.

SHELL := /bin/bash
CARGO  ?= cargo
PORT   ?= 8080
PAN_DIR ?= ../shared/pan13-train
# the real interpreter, not the pyenv shim, so a server's PID is its own
PYTHON := $(shell python3 -c 'import sys; print(sys.executable)' 2>/dev/null || command -v python3)
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/"/, "", $$3); print $$3 }' Cargo.lock)

.PHONY: demo test setup setup-rust setup-wasm setup-browser setup-npm www package standalone lint unit wasm-test e2e pan bench fuzz fuzz-smoke fmt clean

FUZZ_TARGETS := compare2 compare3 structured options
# seconds per fuzz target: `make fuzz` (the real run) and `make test` (a smoke run)
FUZZ_SECONDS ?= 600
FUZZ_SMOKE_SECONDS ?= 30

## demo: build everything and serve the page with its built-in sample at http://127.0.0.1:8080
demo: setup-rust setup-wasm setup-npm www
	@echo "quotelens: serving www/ at http://127.0.0.1:$(PORT) (Ctrl-C to stop)"
	$(PYTHON) -m http.server $(PORT) --bind 127.0.0.1 --directory www

## test: every check: fmt, clippy, Rust tests, wasm tests and page tests in headless Chromium, PAN floors
test: setup lint unit wasm-test www e2e pan fuzz-smoke

## setup: install what the tests need and is not there
setup: setup-rust setup-wasm setup-browser setup-npm

setup-rust:
	@command -v $(CARGO) >/dev/null || { echo "cargo is required (rustup)"; exit 1; }
	@rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt

setup-wasm:
	@rustup target list --installed | grep -q '^wasm32-unknown-unknown$$' || rustup target add wasm32-unknown-unknown
	@if [ "$$(wasm-bindgen --version 2>/dev/null | awk '{print $$2}')" != "$(WASM_BINDGEN_VERSION)" ]; then \
		echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION)"; \
		$(CARGO) install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); \
	fi

setup-browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! fc-list 2>/dev/null | grep -qi ipa; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-ipafont-gothic hugo >/dev/null; \
		else \
			echo "install Debian's chromium, chromium-driver and fonts-ipafont-gothic (as root)"; exit 1; \
		fi; \
	fi
	@# hugo builds README's Hugo recipe in the tests (skipped, saying so, without it)
	@if ! command -v hugo >/dev/null && [ "$$(id -u)" = 0 ]; then \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo >/dev/null 2>&1 || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo >/dev/null; } || echo "hugo could not be installed"; \
	fi

setup-npm:
	@command -v npm >/dev/null || { echo "node and npm are required"; exit 1; }
	@if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/pdfjs-dist ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
		npm ci --no-audit --no-fund; \
	fi

## www: the wasm package (as wasm-pack.toml says) and the sample reports for the embed demo
www: setup-wasm setup-npm
	node tools/build-wasm.mjs
	node tools/vendor.mjs
	$(CARGO) build --release --bin quotelens
	cd www/samples && ../../target/release/quotelens --json wire-en.txt post-en.txt > ../pkg/sample-en.report.json
	cd www/samples && ../../target/release/quotelens --json wire-ja.txt post-ja.txt > ../pkg/sample-ja.report.json

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets --all-features -- -D warnings
	$(CARGO) clippy --target wasm32-unknown-unknown --lib --test wasm --features wasm-compare,wasm-decode -- -D warnings
	$(CARGO) clippy --target wasm32-unknown-unknown --lib --no-default-features --features wasm-compare -- -D warnings
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --no-deps --document-private-items

unit:
	$(CARGO) test

## wasm-test: the wasm API in headless Chromium (wasm-bindgen-test)
wasm-test: setup-wasm setup-browser
	CHROMEDRIVER=$$(command -v chromedriver) $(CARGO) test --target wasm32-unknown-unknown --test wasm --features wasm-compare,wasm-decode

## package: the npm package quotelens in dist/package, packed to dist/quotelens-VERSION.tgz
package: www
	node tools/package.mjs

## standalone: dist/quotelens.html, the page in one file that works from file:// (no server, no network)
standalone: www
	node tools/standalone.mjs

## e2e: the page, the element, the package, the single file and README's site recipes (Eleventy, Hugo) in headless Chromium (Playwright); screenshots in tests/e2e/artifacts
e2e: www package standalone setup-browser
	PYTHON=$(PYTHON) node --test --test-concurrency=1 tests/e2e/

## pan: score the PAN 2013 corpus and fail below the regression floors
pan:
	@if [ -d "$(PAN_DIR)" ]; then \
		$(CARGO) run --release --example pan_eval -- "$(PAN_DIR)" --check; \
	elif [ "$$QUOTELENS_REQUIRE_CORPUS" = 1 ]; then \
		echo "PAN corpus missing at $(PAN_DIR) and QUOTELENS_REQUIRE_CORPUS=1"; exit 1; \
	else \
		echo "skipped: PAN corpus not found at $(PAN_DIR)"; \
	fi

## fuzz: run every cargo-fuzz target for FUZZ_SECONDS (nightly; installs cargo-fuzz)
fuzz:
	@cargo +nightly --version >/dev/null 2>&1 || { echo "make fuzz needs the nightly toolchain"; exit 1; }
	@command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz
	cd fuzz && for t in $(FUZZ_TARGETS); do \
		cargo +nightly fuzz run $$t -- -max_total_time=$(FUZZ_SECONDS) || exit 1; \
	done

## fuzz-smoke: each fuzz target for FUZZ_SMOKE_SECONDS, when nightly and cargo-fuzz can be had
fuzz-smoke:
	@if ! cargo +nightly --version >/dev/null 2>&1; then \
		echo "skipped: fuzzing needs the nightly toolchain, which is not installed"; \
	elif ! command -v cargo-fuzz >/dev/null && ! $(CARGO) install cargo-fuzz >/dev/null 2>&1; then \
		echo "skipped: cargo-fuzz could not be installed"; \
	else \
		cd fuzz && for t in $(FUZZ_TARGETS); do \
			cargo +nightly fuzz run $$t -- -max_total_time=$(FUZZ_SMOKE_SECONDS) 2>&1 | grep -E "^Done|ERROR|panicked" ; \
			test $${PIPESTATUS[0]} -eq 0 || exit 1; \
		done; \
	fi

## bench: criterion timings, then one table: native stages, end to end, the floor ratio, wasm in Chromium, peak heap
bench: www setup-browser
	$(CARGO) bench --features stage-timing --bench compare
	node tools/bench-wasm.mjs

fmt:
	$(CARGO) fmt

clean:
	$(CARGO) clean
	rm -rf www/pkg www/vendor dist tests/e2e/artifacts fuzz/target
