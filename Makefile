# quotelens: the only task runner. `make demo` and `make test` are the two
# commands a fresh clone needs; both install what is missing.

CARGO ?= cargo
PAN_DIR ?= ../shared/pan13-train

.PHONY: demo test setup lint unit pan bench fmt clean

## demo: build the CLI and compare the built-in sample pairs (English, Japanese)
demo:
	$(CARGO) build --release --bin quotelens
	./target/release/quotelens --sample en
	@echo
	./target/release/quotelens --sample ja

## test: every check: format, lints, unit/integration/property/corpus tests, PAN floors
test: setup lint unit pan

## setup: install what the tests need and is not there
setup:
	@command -v $(CARGO) >/dev/null || { echo "cargo is required (https://rustup.rs)"; exit 1; }
	@rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets -- -D warnings

unit:
	$(CARGO) test

## pan: score the PAN 2013 corpus and fail below the regression floors
pan:
	@if [ -d "$(PAN_DIR)" ]; then \
		$(CARGO) run --release --example pan_eval -- "$(PAN_DIR)" --check; \
	elif [ "$$QUOTELENS_REQUIRE_CORPUS" = 1 ]; then \
		echo "PAN corpus missing at $(PAN_DIR) and QUOTELENS_REQUIRE_CORPUS=1"; exit 1; \
	else \
		echo "skipped: PAN corpus not found at $(PAN_DIR)"; \
	fi

## bench: criterion timings, then a throughput and memory table
bench:
	$(CARGO) bench --bench compare

fmt:
	$(CARGO) fmt

clean:
	$(CARGO) clean
