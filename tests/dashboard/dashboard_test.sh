#!/usr/bin/env bash
# Starts the quickstart (temporary data dir, free ports) and runs the dashboard's browser test
# (dashboard_test.mjs) against it with the printed demo credentials. Screenshots go to
# BUILD_DIR/artifacts/dashboard*.png.
#
#   dashboard_test.sh SOURCE_DIR BUILD_DIR [CHROMIUM]
set -euo pipefail
src=$1
build=$(cd "$2" && pwd)
chromium=${3:-/usr/bin/chromium}
work=$(mktemp -d "${TMPDIR:-/tmp}/swv-dashboard.XXXXXX")
pid=""
cleanup() {
  [[ -n "$pid" ]] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [[ -f "$work/out" ]] && tail -n 30 "$work/out" >&2; exit 1; }

# playwright-core from the pinned lockfile; no install scripts, never a browser download.
if [[ ! -f "$src/tools/browser-test/node_modules/playwright-core/package.json" ]]; then
  npm ci --prefix "$src/tools/browser-test" --ignore-scripts --no-audit --no-fund >/dev/null \
    || fail "npm ci in tools/browser-test"
fi

# shellcheck source=tests/testing/ports.sh
source "$src/tests/testing/ports.sh"
base=$(swv_free_port_base 9) || fail "no free ports"
gateway_port=$((base + 4))
export SWV_BUILD_DIR=$build SWV_DATA_DIR=$work/var SWV_PORT_BASE=$base

bash "$src/tools/quickstart.sh" >"$work/out" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  grep -q "Ctrl-C stops it" "$work/out" && break
  kill -0 "$pid" 2>/dev/null || fail "quickstart exited early"
  sleep 0.5
done
grep -q "Ctrl-C stops it" "$work/out" || fail "quickstart did not come up"
grep -q "http://127.0.0.1:$gateway_port/dashboard/" "$work/out" || fail "quickstart does not print the dashboard URL"

mkdir -p "$build/artifacts"
SWV_CHROMIUM=$chromium SWV_BROWSER_TEST_DIR="$src/tools/browser-test" \
  node "$src/tests/dashboard/dashboard_test.mjs" "http://127.0.0.1:$gateway_port" \
  "$work/var/demo-credentials.txt" "$build/artifacts" "$work/profile" \
  || fail "browser test"
echo "dashboard browser test: ok (screenshots in $build/artifacts/)"
