# Every target goes through scripts/setup.sh, which installs the pinned
# Debian packages (scripts/deps.txt) when they are missing.
BUILD ?= build
SHARED ?= ../shared
JOBS ?= $(shell nproc)

.PHONY: all setup build test eval bench run fuzz format clean

all: build

setup:
	@scripts/setup.sh

$(BUILD)/build.ninja: CMakeLists.txt
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

eval: build
	@scripts/eval.sh $(BUILD) $(SHARED)

bench: build
	@scripts/bench.sh $(BUILD) $(SHARED)

run: build
	@scripts/run.sh $(BUILD)

fuzz: setup
	cmake -S . -B $(BUILD)-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCRONISTA_FUZZ=ON -DCRONISTA_TESTS=OFF -DCRONISTA_BENCH=OFF
	cmake --build $(BUILD)-fuzz -j $(JOBS)
	@echo "fuzzers built in $(BUILD)-fuzz; run e.g. $(BUILD)-fuzz/plain_text_fuzzer -max_total_time=60"

format:
	@scripts/format.sh

clean:
	rm -rf $(BUILD) $(BUILD)-fuzz
