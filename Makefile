# Two commands do all the set-up on a fresh Debian 12 machine (as root): `make demo` and `make test`.
BUILD_DIR ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo
FUZZ_SECONDS ?= 60

.PHONY: all deps build test unit-test integration-test demo docs fuzz bench clean

all: build

deps:
	bash scripts/install-deps

$(BUILD_DIR)/CMakeCache.txt:
	cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS)

build: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Every test: unit tests and the integration tests that drive the real binary with real clients.
test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j 2 --timeout 900

unit-test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -LE integration

integration-test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -L integration

# The merger demo (docs/demo.md): Kinesis payments and company B's rides merged into one log, live
# SQL metrics tables, the console on :8080. Ctrl-C stops everything it started.
demo: build
	bash scripts/demo

docs: build
	$(BUILD_DIR)/tributary config-docs -o docs/config.md

# libFuzzer targets (clang): each runs for FUZZ_SECONDS.
fuzz: deps
	bash scripts/fuzz $(FUZZ_SECONDS)

bench: build
	BUILD_DIR=$(BUILD_DIR) bash bench/run

clean:
	rm -rf $(BUILD_DIR)
