#!/usr/bin/env bash
# Runs tools/load/run-load.sh for a few seconds and checks the table: every kind of request was
# sent and none failed, throughput is reported, and the peak memory of the four services is shown.
#
#   load_smoke_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1
build=$2
out=$(mktemp "${TMPDIR:-/tmp}/swv-load-smoke.XXXXXX")
trap 'rm -f "$out"' EXIT
fail() { echo "FAIL: $*" >&2; tail -n 40 "$out" >&2; exit 1; }

bash "$src/tools/load/run-load.sh" --build-dir="$build" --no-build --rate=40 --duration=5s \
  --max-error-percent=0 >"$out" 2>&1 || fail "run-load.sh exited non-zero"
for kind in 'school report' 'school close' 'partner status' 'office reads' 'all'; do
  # kind, sent, ok, errors: sent > 0, errors 0.
  awk -v kind="$kind" 'index($0, kind) == 1 {
      split(substr($0, length(kind) + 1), f, " ")
      found = 1; if (!(f[1] > 0 && f[3] == 0 && f[1] == f[2])) bad = 1 }
    END { exit !(found && !bad) }' "$out" || fail "row \"$kind\": nothing sent or errors"
done
grep -qE '^all +200 ' "$out" || fail "expected 200 requests (40/s for 5 s)"
grep -q '^errors by status: none$' "$out" || fail "errors reported"
grep -qE '^throughput: [0-9.]+ req/s' "$out" || fail "no throughput line"
for service in swv-registratio swv-allocation swv-monitoring swv-gateway; do
  grep -qE "^peak memory \(VmHWM\):.* $service\[[0-9]+\] [0-9.]+ MB" "$out" || fail "no peak memory of $service"
done
echo "load smoke: $(grep '^throughput' "$out")"
