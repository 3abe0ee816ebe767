#!/usr/bin/env bash
# The load test in one command (docs/benchmarks.md): builds what it needs, starts the four services
# like tools/quickstart.sh (in a temporary directory, on loopback ports the kernel picks, SQLite or with
# --mysql a throwaway MariaDB), loads the demo data, issues a school, a partner and an office
# credential, runs swv-load against the gateway, prints its table with the services' peak memory,
# and stops everything.
#
#   tools/load/run-load.sh [--mysql] [--build-dir=DIR] [--no-build] [swv-load flags, e.g.
#                          --rate=100 --duration=60s]
#
# The gateway's per-credential rate limit is switched off (--rate-per-second=0): the test measures
# capacity, not the limiter. Exits with swv-load's status.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=$src/build
build=1
mysql=0
load_args=()
for arg in "$@"; do
  case $arg in
    --mysql) mysql=1 ;;
    --build-dir=*) build_dir=${arg#*=} ;;
    --no-build) build=0 ;;
    *) load_args+=("$arg") ;;
  esac
done
if [[ $build == 1 ]]; then
  cmake -S "$src" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build_dir" -j"$(nproc)" --target swv-registrations swv-allocation swv-monitoring \
    swv-gateway swv-admin swvctl swv-load
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/swv-load.XXXXXX")
pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
  if [[ $mysql == 1 ]]; then bash "$src/tools/mariadb-test-server.sh" stop "$work/mariadb" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap stop_all EXIT
fail() { echo "run-load: $*" >&2; exit 1; }

host=127.0.0.1
unset SWV_GRPC_ADDRESS SWV_HTTP_ADDRESS SWV_DATABASE_URL

declare -A db_url
if [[ $mysql == 1 ]]; then
  url=$(bash "$src/tools/mariadb-test-server.sh" start "$work/mariadb" 2>"$work/mariadb.log") ||
    { cat "$work/mariadb.log" >&2; fail "MariaDB did not start"; }
  for name in registrations allocation monitoring gateway; do
    mariadb --no-defaults --protocol=socket --socket="$(<"$work/mariadb/socket")" -uroot \
      -e "CREATE DATABASE swv_load_$name CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    db_url[$name]=${url%/*}/swv_load_$name
  done
  # Durable commits, as in production (the test server runs with 2: flushed once a second).
  mariadb --no-defaults --protocol=socket --socket="$(<"$work/mariadb/socket")" -uroot \
    -e "SET GLOBAL innodb_flush_log_at_trx_commit = 1"
  database="MariaDB"
else
  for name in registrations allocation monitoring gateway; do db_url[$name]=sqlite:$work/$name.db; done
  database="SQLite"
fi

# Every process binds port 0; the ports it got are read back from its "started" log line, so
# nothing races for a port with other processes on the machine.
start() {  # start NAME BINARY ARGS...: runs it in the background on port 0, then waits for it
  local name=$1; shift
  "$@" --grpc-address=$host:0 --http-address=$host:0 2>>"$work/$name.log" &
  pids+=($!)
  for _ in $(seq 1 300); do
    if grep -q '"msg":"started"' "$work/$name.log"; then
      grpc_port[$name]=$(sed -n 's/.*"msg":"started".*"grpc_port":"\([0-9]*\)".*/\1/p' "$work/$name.log" | head -n 1)
      http_port[$name]=$(sed -n 's/.*"msg":"started".*"http_port":"\([0-9]*\)".*/\1/p' "$work/$name.log" | head -n 1)
      return 0
    fi
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  tail -n 5 "$work/$name.log" >&2
  fail "$name did not start"
}
wait_ready() {  # wait_ready NAME
  for _ in $(seq 1 300); do
    if curl -fsS "http://$host:${http_port[$1]}/readyz" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  tail -n 5 "$work/$1.log" >&2
  fail "$1 did not become ready"
}
declare -A grpc_port http_port
bin=$build_dir/services
# A throwaway service identity, as the quickstart makes one: signed principals and mutual TLS.
identity=$work/identity
bash "$src/tools/make-identity.sh" "$identity"
trust=(--trusted-keys="gateway=$identity/gateway.pub,service=$identity/service.pub,staff=$identity/staff.pub")
tls=(--grpc-tls-cert="$identity/tls.crt" --grpc-tls-key="$identity/tls.key"
  --grpc-tls-ca="$identity/ca.crt")
export SWV_STAFF_KEY=$identity/staff.key SWV_GRPC_TLS_CERT=$identity/tls.crt \
  SWV_GRPC_TLS_KEY=$identity/tls.key SWV_GRPC_TLS_CA=$identity/ca.crt
start registrations "$bin/registrations/swv-registrations" --database-url="${db_url[registrations]}" \
  "${trust[@]}" "${tls[@]}"
wait_ready registrations
registrations=$host:${grpc_port[registrations]}
start allocation "$bin/allocation/swv-allocation" --database-url="${db_url[allocation]}" \
  --registrations-target="$registrations" "${trust[@]}" "${tls[@]}" --signing-key="$identity/service.key"
start monitoring "$bin/monitoring/swv-monitoring" --database-url="${db_url[monitoring]}" \
  "${trust[@]}" "${tls[@]}" --signing-key="$identity/service.key" \
  --registrations-target="$registrations" --allocation-target=$host:${grpc_port[allocation]} \
  --goal-files=PO2203="$src/data/goals/po2203/2026-2029.goals" \
  --national-figures="$src/data/goals/national-participation.goals"
start gateway "$bin/gateway/swv-gateway" --listen-address=$host:0 --database-url="${db_url[gateway]}" \
  --rate-per-second=0 --registrations-target="$registrations" "${tls[@]}" \
  --signing-key="$identity/gateway.key" \
  --allocation-target=$host:${grpc_port[allocation]} --monitoring-target=$host:${grpc_port[monitoring]}
for name in allocation monitoring gateway; do wait_ready $name; done
gateway_port=
for _ in $(seq 1 100); do
  gateway_port=$(sed -n 's/.*"msg":"gateway listening".*"port":"\([0-9]*\)".*/\1/p' "$work/gateway.log" | head -n 1)
  [[ -n $gateway_port ]] && break
  sleep 0.1
done
[[ -n $gateway_port ]] || fail "the gateway's REST port is not in its log"
gateway=http://$host:$gateway_port

issue() {  # issue ARGS...: prints the secret
  "$build_dir/tools/admin/swv-admin" --database-url="${db_url[gateway]}" issue --swv=PO2203 \
    --expires="$(date -d '+1 day' +%F)" "$@" | tail -n 1
}
office=$(issue --kind=office --name="load test office")
SWV_LOAD_SCHOOL_SECRET=$(issue --kind=school --schools=21AB00 --name="load test LVS")
SWV_LOAD_PARTNER_SECRET=$(issue --kind=partner --municipalities=GM0119 \
  --legal-ground="Leerplichtwet 1969 art. 16 (load test)" --name="load test leerplicht")
SWV_LOAD_OFFICE_SECRET=$office
export SWV_LOAD_SCHOOL_SECRET SWV_LOAD_PARTNER_SECRET SWV_LOAD_OFFICE_SECRET
# The small demo (the directory and seven cases), as the figures in docs/benchmarks.md were measured.
SWV_DEMO=small bash "$src/tools/demo/load-demo.sh" "$build_dir/tools/swvctl/swvctl" "$registrations" "$gateway" "$office" || fail "loading the demo data failed"

echo "run-load: system on $database (registrations, allocation, monitoring, gateway: pids ${pids[*]})"
# Each process at rest, demo data loaded, before the load (the goal: under 30 MB each).
idle="idle memory (VmRSS):"
for pid in "${pids[@]}"; do
  idle+=" $(sed -n 's/^Name:[[:space:]]*//p' "/proc/$pid/status")[$pid]"
  idle+=" $(awk '/^VmRSS:/ {printf "%.1f MB", $2 / 1024}' "/proc/$pid/status")"
done
echo "$idle"
status=0
"$build_dir/tools/load/swv-load" --gateway="$gateway" --pids="$(IFS=,; echo "${pids[*]}")" \
  "${load_args[@]}" || status=$?
exit $status
