#!/usr/bin/env bash
# The test command: installs what the tests need (Debian packages), builds everything, starts a
# throwaway MariaDB on loopback, runs every test (SQLite and MariaDB), and stops MariaDB again.
#
#   tools/run-tests.sh            # everything
#   tools/run-tests.sh -R Server  # extra arguments go to ctest
#
# Environment: SWV_BUILD_DIR (default build), SWV_JOBS (parallel build/test jobs, default nproc).
# SWV_HARDENING=0 skips the hardening stages (tools/run-hardening.sh, which has its own settings).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

bash tools/install-deps.sh --tests

# The code is as clang-format writes it (Google style, 100 columns), before anything is built.
bash tools/check-format.sh

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
SWV_TEST_MYSQL_RUNTIME_URL=$("$repo/tools/mariadb-test-server.sh" runtime-url "$SWV_TEST_MYSQL_DIR")
export SWV_TEST_MYSQL_RUNTIME_URL
echo "run-tests: MariaDB at ${SWV_TEST_MYSQL_URL/swv:swv@/swv:***@}"

(cd "$build_dir" && ctest --output-on-failure --timeout 300 -j"$jobs" "$@")

# Hardening stages (docs/hardening.md): a subset of the suite under ASan + UBSan, then every fuzz
# target for a bounded time. Only for a full run (no ctest arguments); SWV_HARDENING=0 skips them.
if [[ "${SWV_HARDENING:-1}" != 0 && $# -eq 0 ]]; then
  bash tools/run-hardening.sh
fi
