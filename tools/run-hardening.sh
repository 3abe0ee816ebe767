#!/usr/bin/env bash
# The hardening stages of the test command (docs/hardening.md); tools/run-tests.sh runs this after
# the suite, and it runs alone as well (it needs no MariaDB):
#   1. a subset of the suite under AddressSanitizer + UndefinedBehaviorSanitizer: the binaries of
#      cmake/sanitizer-suite.cmake (ctest label "sanitize"), SQLite only (the MariaDB instances of
#      parameterised tests are excluded);
#   2. every libFuzzer target (tests/fuzz) for SWV_FUZZ_SECONDS each.
# Either fails the run on any report. Both build dirs use ccache when it is installed.
#
# Environment: SWV_SANITIZE_BUILD_DIR (default build-asan), SWV_FUZZ_BUILD_DIR (default
# build-fuzz), SWV_FUZZ_SECONDS (default 30), SWV_JOBS (default nproc).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
jobs=${SWV_JOBS:-$(nproc)}

launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
export ASAN_OPTIONS="detect_leaks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$repo/tests/sanitizers/lsan.supp:print_suppressions=0"

echo "run-hardening: sanitizer build (ASan + UBSan, gcc) and its subset of the suite"
asan_dir=${SWV_SANITIZE_BUILD_DIR:-build-asan}
started=$SECONDS
cmake -S . -B "$asan_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSWV_SANITIZE=ON "${launcher[@]}" >/dev/null
# shellcheck disable=SC2046  # one target name per word
cmake --build "$asan_dir" -j"$jobs" --target $(cmake -P cmake/print-sanitizer-suite.cmake)
(cd "$asan_dir" && ctest --output-on-failure --timeout 300 -j"$jobs" -L sanitize -E '/mysql( |$)')
echo "run-hardening: sanitizer stage took $((SECONDS - started)) s"

seconds=${SWV_FUZZ_SECONDS:-30}
echo "run-hardening: fuzz build (clang, libFuzzer) and ${seconds} s per target"
fuzz_dir=${SWV_FUZZ_BUILD_DIR:-build-fuzz}
started=$SECONDS
cmake -S . -B "$fuzz_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DSWV_FUZZ=ON \
  -DSWV_FUZZ_SECONDS="$seconds" "${launcher[@]}" >/dev/null
cmake --build "$fuzz_dir" -j"$jobs" --target swv_fuzzers
(cd "$fuzz_dir" && ctest --output-on-failure -j"$jobs" -L fuzz)
echo "run-hardening: fuzz stage took $((SECONDS - started)) s"
