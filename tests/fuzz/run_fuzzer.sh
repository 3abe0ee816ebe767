#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time (ctest calls it; see tests/fuzz/CMakeLists.txt).
#
#   run_fuzzer.sh FUZZER SEED_CORPUS WORK_DIR SECONDS
#
# The committed seeds are read, never written: new inputs go to WORK_DIR/corpus (kept between
# runs, so a developer's runs build on each other). Exits non-zero when libFuzzer finds a crash,
# leak, sanitizer report, broken invariant or an input slower than 10 s; the input is then
# WORK_DIR/crash-* (or leak-*, timeout-*), replayed with: FUZZER WORK_DIR/crash-<hash>
set -euo pipefail
fuzzer=$1 seeds=$2 work=$3 seconds=$4
mkdir -p "$work/corpus"
# Inputs over 4 KiB add little to line-oriented formats and slow every run down.
exec "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
  -print_final_stats=1 -artifact_prefix="$work/" "$work/corpus" "$seeds"
