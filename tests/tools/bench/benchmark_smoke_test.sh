#!/usr/bin/env bash
# Runs tools/bench/run-benchmarks.sh --scale=small and checks that every ratio line is printed with
# a positive number, and the monitoring and allocation lines are there. Numbers are not judged.
#
#   benchmark_smoke_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1
build=$2
out=$(mktemp "${TMPDIR:-/tmp}/swv-bench-smoke.XXXXXX")
trap 'rm -f "$out"' EXIT
fail() { echo "FAIL: $*" >&2; tail -n 40 "$out" >&2; exit 1; }

bash "$src/tools/bench/run-benchmarks.sh" --scale=small --build-dir="$build" --no-build >"$out" 2>&1 ||
  fail "run-benchmarks.sh exited non-zero"
for label in 'grpc create / empty method' 'grpc get / empty method' 'gateway rest get / grpc get' \
  'grpc get mTLS / grpc get plaintext' 'principal token sign+verify / grpc get' \
  'durable create / bare insert (MariaDB)' 'bulk import / bare batched insert (mysql)' \
  'grpc get / empty method on a callback server' 'gateway new request with'; do
  line=$(grep -F "RATIO $label" "$out" | head -n 1) || fail "no ratio line for: $label"
  value=$(sed -n 's/^RATIO .* = *\([0-9.]*\) .*/\1/p' <<<"$line")
  awk -v v="$value" 'BEGIN { exit !(v > 0) }' || fail "ratio for $label is not a positive number: $line"
done
grep -qE '^MONITORING all goals, all levels, 2 years: [1-9][0-9]* statuses in [0-9.]+ s; peak RSS \(VmHWM\) [1-9][0-9]* kB' \
  "$out" || fail "no monitoring line with statuses and peak RSS"
grep -qE '^\[mysql\] calculate: .*VmHWM [1-9][0-9]* kB' "$out" || fail "no allocation calculation line"
grep -q 'innodb_flush_log_at_trx_commit=1 ' "$out" || fail "the durable section did not run with durable commits"
grep -qE 'machine: [0-9]+ cores' "$out" || fail "no machine line"
grep -qE '^idle memory \(VmRSS\): .*[0-9.]+ MB' "$out" || fail "no idle memory line of the load test"
grep -qE '^all +[0-9]+ +[0-9]+ +0 ' "$out" || fail "the load test had errors or did not run"
echo "benchmark smoke: every ratio printed"
