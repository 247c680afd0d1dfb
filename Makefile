# The two commands: `make run` and `make test`. Both start with scripts/setup.sh, which installs
# only what is missing. `make dev` is a convenience for day-to-day work.

.PHONY: run test bench dev setup spa server fmt clean

# Trunk must use the tools installed by setup.sh and never download its own.
TRUNK := PATH="$(CURDIR)/end2end/node_modules/.bin:$$PATH" TRUNK_OFFLINE=true TRUNK_SKIP_VERSION_CHECK=true trunk

run: setup spa server
	PORTAL_DEMO_DATA=true ./target/release/portal-server

test: setup
	scripts/test.sh

# The benchmarks (minutes; not part of `make test`). README, "Performance".
bench: setup
	scripts/bench.sh

# API on :8080 (debug build) and `trunk serve` on :8081 with live reload, proxying /v1 to it.
dev: setup
	cargo build -p portal-server
	PORTAL_DEMO_DATA=true ./target/debug/portal-server & server=$$!; \
	trap 'kill $$server' EXIT INT TERM; \
	$(TRUNK) serve

setup:
	scripts/setup.sh

spa:
	$(TRUNK) build --release

server:
	cargo build --release -p portal-server

fmt:
	leptosfmt --config-file leptosfmt.toml --quiet src
	cargo fmt --all

clean:
	cargo clean
	rm -rf dist .test-results end2end/test-results
