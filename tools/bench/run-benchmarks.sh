#!/usr/bin/env bash
# Every benchmark in one command (docs/benchmarks.md): builds service_bench and allocation_bench,
# starts a throwaway MariaDB (tools/mariadb-test-server.sh) with durable commits
# (innodb_flush_log_at_trx_commit=1), runs them, prints every ratio, stops MariaDB and removes its
# files; then the load test (tools/load/run-load.sh) with 1,000 keep-alive clients. Exits non-zero
# when a benchmark fails or a line of the summary is missing.
#
#   tools/bench/run-benchmarks.sh [--scale=full|small] [--build-dir=DIR] [--no-build]
#                                 [--bulk-dialects=mysql|sqlite|sqlite,mysql]
#
# --scale=small is a smoke run (about a minute; the ctest benchmark_smoke): every section, tiny
# sizes, numbers meaningless. The full run takes about 5 minutes on an idle 2-core machine.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
scale=full
build_dir=$src/build
build=1
bulk_dialects=mysql
for arg in "$@"; do
  case $arg in
    --scale=*) scale=${arg#*=} ;;
    --build-dir=*) build_dir=${arg#*=} ;;
    --no-build) build=0 ;;
    --bulk-dialects=*) bulk_dialects=${arg#*=} ;;
    *) echo "run-benchmarks: unknown argument $arg (see the header of $0)" >&2; exit 2 ;;
  esac
done
case $scale in full | small) ;; *) echo "run-benchmarks: --scale must be full or small" >&2; exit 2 ;; esac
case $bulk_dialects in mysql | sqlite | sqlite,mysql | mysql,sqlite) ;;
  *) echo "run-benchmarks: --bulk-dialects must be mysql, sqlite or both" >&2; exit 2 ;;
esac

if [[ $build == 1 ]]; then
  cmake -S "$src" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build_dir" -j"$(nproc)" --target service_bench allocation_bench \
    swv-registrations swv-allocation swv-monitoring swv-gateway swv-admin swvctl swv-load
fi
service_bench=$build_dir/tools/bench/service_bench
allocation_bench=$build_dir/tools/bench/allocation_bench
for binary in "$service_bench" "$allocation_bench"; do
  [[ -x $binary ]] || { echo "run-benchmarks: $binary is missing (build it, or drop --no-build)" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/swv-bench.XXXXXX")
cleanup() {
  bash "$src/tools/mariadb-test-server.sh" stop "$work/mariadb" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
SWV_TEST_MYSQL_URL=$(bash "$src/tools/mariadb-test-server.sh" start "$work/mariadb" 2>"$work/mariadb-start.log") ||
  { cat "$work/mariadb-start.log" >&2; exit 1; }
export SWV_TEST_MYSQL_URL
# Durable commits, and a buffer pool that holds the 1.5-million-row count table as a production
# server's would (the test server's 64 MB makes both the import and its LOAD DATA baseline
# page to disk, and the full run then takes far longer).
mariadb --no-defaults --protocol=socket --socket="$(<"$work/mariadb/socket")" -uroot \
  -e "SET GLOBAL innodb_flush_log_at_trx_commit = 1; SET GLOBAL innodb_buffer_pool_size = 536870912"

echo "== swv benchmarks, scale $scale, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "   machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg); MariaDB $(mariadb --version | sed -n 's/.*Distrib \([^,]*\).*/\1/p')"

if [[ $scale == small ]]; then
  service_args=(--scale=small)
  monitoring_args=(--scale=small --pupils=3000 --years=2)
  allocation_args=(--schools=120 --boards=15 --wijken=12 --rows=6000)
else
  service_args=(--scale=full)
  monitoring_args=(--scale=full)
  allocation_args=()
fi
status=0
out=$work/out
"$service_bench" "${service_args[@]}" --sections=grpc,identity,gateway,durable --source-dir="$src" | tee -a "$out" ||
  status=1
# Its own process, so its peak RSS is its own.
"$service_bench" "${monitoring_args[@]}" --sections=monitoring --source-dir="$src" | tee -a "$out" || status=1
"$allocation_bench" "${allocation_args[@]}" --dialects="$bulk_dialects" | tee -a "$out" || status=1
# The whole system under many keep-alive clients (the load tool's mix; its own MariaDB-free run on
# SQLite), with each process's idle and peak memory.
if [[ $scale == full ]]; then
  load_args=(--rate=500 --workers=1000 --duration=20s)
else
  load_args=(--rate=50 --workers=100 --duration=3s)
fi
echo "== load: ${load_args[*]}"
bash "$src/tools/load/run-load.sh" --no-build --build-dir="$build_dir" "${load_args[@]}" |
  tee -a "$out" || status=1

echo
echo "== summary"
grep -E '^RATIO|^MONITORING|\] calculate:|^\[gateway\] flood|^all |^idle memory|^peak memory' "$out" || true
missing=0
for expected in 'RATIO grpc create / empty method' 'RATIO grpc get / empty method' \
  'RATIO grpc get mTLS / grpc get plaintext' 'RATIO principal token sign+verify / grpc get' \
  'RATIO principal token kept / grpc get' \
  'RATIO gateway rest get / grpc get' 'RATIO durable create / bare insert (MariaDB)' \
  'RATIO bulk import / LOAD DATA' 'RATIO bulk import / bare batched insert' 'MONITORING all goals' \
  '] calculate:' 'RATIO grpc get / empty method on a callback server' 'RATIO gateway new request with' \
  'idle memory (VmRSS)' 'peak memory (VmHWM)'; do
  if ! grep -qF "$expected" "$out"; then
    echo "run-benchmarks: missing from the output: $expected" >&2
    missing=1
  fi
done
if [[ $status != 0 || $missing != 0 ]]; then
  echo "run-benchmarks: FAILED" >&2
  exit 1
fi
