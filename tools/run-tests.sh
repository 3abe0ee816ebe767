#!/usr/bin/env bash
# The test command: installs what the tests need (Debian packages), builds everything, starts a
# throwaway MariaDB on loopback, runs every test (SQLite and MariaDB), and stops MariaDB again.
#
#   tools/run-tests.sh            # everything
#   tools/run-tests.sh -R Server  # extra arguments go to ctest
#
# Environment: SWV_BUILD_DIR (default build), SWV_JOBS (parallel build/test jobs, default nproc).
# Hardening stages after the suite (docs/hardening.md): SWV_SANITIZE_BUILD_DIR (default
# build-asan), SWV_FUZZ_BUILD_DIR (default build-fuzz), SWV_FUZZ_SECONDS (per fuzz target,
# default 20), SWV_HARDENING=0 skips both.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

bash tools/install-deps.sh

build_dir=${SWV_BUILD_DIR:-build}
jobs=${SWV_JOBS:-$(nproc)}
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" -j"$jobs"

# Test-time npm packages, pinned by their lockfiles: the OpenAPI validator and the browser driver
# (playwright-core, which drives Debian's chromium; it never downloads a browser).
npm ci --prefix tools/openapi-lint --no-audit --no-fund --ignore-scripts --loglevel=error
npm ci --prefix tools/browser-test --no-audit --no-fund --ignore-scripts --loglevel=error

work=$(mktemp -d "${TMPDIR:-/tmp}/swv-tests.XXXXXX")
cleanup() {
  "$repo/tools/mariadb-test-server.sh" stop "$work/mariadb" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "run-tests: starting MariaDB for the tests"
export SWV_TEST_MYSQL_DIR="$work/mariadb"
SWV_TEST_MYSQL_URL=$("$repo/tools/mariadb-test-server.sh" start "$SWV_TEST_MYSQL_DIR")
export SWV_TEST_MYSQL_URL
echo "run-tests: MariaDB at ${SWV_TEST_MYSQL_URL/swv:swv@/swv:***@}"

(cd "$build_dir" && ctest --output-on-failure --timeout 300 -j"$jobs" "$@")

# ---- Hardening (docs/hardening.md) ----------------------------------------------------------------
# A subset of the suite under AddressSanitizer + UndefinedBehaviorSanitizer (ctest label
# "sanitize"; SQLite only, the MariaDB instances excluded), then every libFuzzer target for a
# bounded time. Both build dirs use ccache when it is installed, so a re-run rebuilds little.
if [[ "${SWV_HARDENING:-1}" != 0 && $# -eq 0 ]]; then
  launcher=()
  command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  export ASAN_OPTIONS="detect_leaks=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  export LSAN_OPTIONS="suppressions=$repo/tests/sanitizers/lsan.supp:print_suppressions=0"

  echo "run-tests: sanitizer build (ASan + UBSan) and its subset of the suite"
  asan_dir=${SWV_SANITIZE_BUILD_DIR:-build-asan}
  started=$SECONDS
  cmake -S . -B "$asan_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSWV_SANITIZE=ON "${launcher[@]}" >/dev/null
  cmake --build "$asan_dir" -j"$jobs" --target $(cmake -P cmake/print-sanitizer-suite.cmake)
  (cd "$asan_dir" && ctest --output-on-failure --timeout 300 -j"$jobs" -L sanitize -E '/mysql$')
  echo "run-tests: sanitizer stage took $((SECONDS - started)) s"

  echo "run-tests: fuzz build (clang, libFuzzer) and ${SWV_FUZZ_SECONDS:-20} s per target"
  fuzz_dir=${SWV_FUZZ_BUILD_DIR:-build-fuzz}
  started=$SECONDS
  cmake -S . -B "$fuzz_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DSWV_FUZZ=ON \
    -DSWV_FUZZ_SECONDS="${SWV_FUZZ_SECONDS:-20}" "${launcher[@]}" >/dev/null
  cmake --build "$fuzz_dir" -j"$jobs" --target swv_fuzzers
  (cd "$fuzz_dir" && ctest --output-on-failure -j"$jobs" -L fuzz)
  echo "run-tests: fuzz stage took $((SECONDS - started)) s"
fi
