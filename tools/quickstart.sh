#!/usr/bin/env bash
# The quickstart: installs the Debian packages, builds, and starts the system on the embedded
# database (SQLite, data under var/): swv-registrations, swv-allocation, swv-monitoring (with the
# PO 22.03 goal set) and the REST gateway swv-gateway. Loads the demo data, issues demo credentials per role and prints where everything
# listens. Runs in the foreground; Ctrl-C (or SIGTERM) stops all of it gracefully.
#
# Environment: SWV_BUILD_DIR (default build), SWV_DATA_DIR (default var),
#   SWV_PORT_BASE: when set, the nine ports are PORT_BASE..PORT_BASE+8 instead of the defaults
#   (registrations gRPC 50051 / HTTP 9464, allocation 50052 / 9465, gateway REST 8080, gateway
#   gRPC 50060 / HTTP 9470, monitoring 50053 / 9466).
#   SWV_DEMO: "small" loads only the directory and seven thuiszitter cases instead of the whole
#   demo SWV (tools/demo/load-demo.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/install-deps.sh
build_dir=${SWV_BUILD_DIR:-build}
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" -j"$(nproc)" \
  --target swv-registrations swv-allocation swv-monitoring swv-gateway swv-admin swvctl

data_dir=${SWV_DATA_DIR:-var}
mkdir -p "$data_dir"
if [[ -n "${SWV_PORT_BASE:-}" ]]; then
  p=$SWV_PORT_BASE
  reg_grpc=$p reg_http=$((p + 1)) alloc_grpc=$((p + 2)) alloc_http=$((p + 3))
  gw_rest=$((p + 4)) gw_grpc=$((p + 5)) gw_http=$((p + 6)) mon_grpc=$((p + 7)) mon_http=$((p + 8))
else
  reg_grpc=50051 reg_http=9464 alloc_grpc=50052 alloc_http=9465
  gw_rest=8080 gw_grpc=50060 gw_http=9470 mon_grpc=50053 mon_http=9466
fi
host=127.0.0.1
# Every process gets its addresses as flags; generic SWV_* variables from the caller's shell must
# not leak into all three at once.
unset SWV_GRPC_ADDRESS SWV_HTTP_ADDRESS SWV_DATABASE_URL

# A throwaway service identity (made once, kept in $data_dir/identity): token keys and mutual TLS
# between the processes (docs/operations.md "Service identity").
identity=$data_dir/identity
bash tools/make-identity.sh "$identity"
trust="gateway=$identity/gateway.pub,service=$identity/service.pub,staff=$identity/staff.pub"
tls=(--grpc-tls-cert="$identity/tls.crt" --grpc-tls-key="$identity/tls.key"
  --grpc-tls-ca="$identity/ca.crt")
# swvctl (and the demo loader) sign as staff with the same identity.
export SWV_STAFF_KEY=$identity/staff.key SWV_GRPC_TLS_CERT=$identity/tls.crt \
  SWV_GRPC_TLS_KEY=$identity/tls.key SWV_GRPC_TLS_CA=$identity/ca.crt

pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  status=0
  for pid in "${pids[@]}"; do wait "$pid" || status=$?; done
  exit $status
}
trap stop_all INT TERM

start() {  # start NAME BINARY ARGS...: runs it in the background, logging to $data_dir/NAME.log
  local name=$1; shift
  "$@" 2>>"$data_dir/$name.log" &
  pids+=($!)
}
wait_ready() {  # wait_ready NAME URL
  for _ in $(seq 1 150); do
    if curl -fsS "$2" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "quickstart: $1 did not become ready; see $data_dir/$1.log" >&2
  tail -n 5 "$data_dir/$1.log" >&2
  stop_all
}

start registrations "$build_dir/services/registrations/swv-registrations" \
  --grpc-address=$host:$reg_grpc --http-address=$host:$reg_http \
  --database-url="sqlite:$data_dir/registrations.db" --trusted-keys="$trust" "${tls[@]}"
wait_ready registrations "http://$host:$reg_http/readyz"
start allocation "$build_dir/services/allocation/swv-allocation" \
  --grpc-address=$host:$alloc_grpc --http-address=$host:$alloc_http \
  --database-url="sqlite:$data_dir/allocation.db" --registrations-target=$host:$reg_grpc \
  --trusted-keys="$trust" --signing-key="$identity/service.key" "${tls[@]}"
start monitoring "$build_dir/services/monitoring/swv-monitoring" \
  --grpc-address=$host:$mon_grpc --http-address=$host:$mon_http \
  --database-url="sqlite:$data_dir/monitoring.db" --registrations-target=$host:$reg_grpc \
  --allocation-target=$host:$alloc_grpc --goal-files=PO2203=data/goals/po2203/2026-2029.goals \
  --trusted-keys="$trust" --signing-key="$identity/service.key" "${tls[@]}"
start gateway "$build_dir/services/gateway/swv-gateway" \
  --listen-address=$host:$gw_rest --grpc-address=$host:$gw_grpc --http-address=$host:$gw_http \
  --database-url="sqlite:$data_dir/gateway.db" \
  --registrations-target=$host:$reg_grpc --allocation-target=$host:$alloc_grpc \
  --monitoring-target=$host:$mon_grpc --signing-key="$identity/gateway.key" "${tls[@]}" \
  --oauth-issuer="http://$host:$gw_rest" --oauth-signing-key="$identity/oauth.key"
wait_ready allocation "http://$host:$alloc_http/readyz"
wait_ready monitoring "http://$host:$mon_http/readyz"
wait_ready gateway "http://$host:$gw_http/readyz"

# Demo credentials, one per role, valid for a year; new ones at every start.
admin="$build_dir/tools/admin/swv-admin"
expires=$(date -d '+1 year' +%F)
issue() {  # issue ROLE-LABEL ARGS...: prints "label secret"
  local label=$1; shift
  local secret
  secret=$("$admin" --database-url="sqlite:$data_dir/gateway.db" issue --swv=PO2203 \
    --expires="$expires" "$@" | tail -n 1)
  printf '%s %s\n' "$label" "$secret"
}
credentials=$(
  issue office --kind=office --name="demo SWV office PO 22.03"
  issue school --kind=school --schools=21AB00 --name="demo LVS of school 21AB00"
  issue board --kind=board --board=41234 --name="demo board 41234"
  issue partner --kind=partner --municipalities=GM0119 \
    --legal-ground="Leerplichtwet 1969 art. 16 (demo agreement)" --name="demo leerplicht Meppel"
  issue ops --kind=ops --name="demo ops reader"
)
# A demo OAuth machine client (private_key_jwt, docs/oauth.md): the LVS of school 21AB00 with
# its own key pair; tools/oauth/get-token.sh gets it a token.
[[ -s $identity/demo-client.key ]] ||
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$identity/demo-client.key" 2>/dev/null
openssl pkey -in "$identity/demo-client.key" -pubout -out "$identity/demo-client.pub" 2>/dev/null
oauth_client=$("$admin" --database-url="sqlite:$data_dir/gateway.db" register-client \
  --auth=private_key_jwt --public-key="$identity/demo-client.pub" --kind=school --schools=21AB00 \
  --swv=PO2203 --expires="$expires" --name="demo LVS of school 21AB00 (OAuth)" |
  awk '$1 == "client_id:" {print $2}')
credentials+=$'\n'"oauth-client $oauth_client (key $identity/demo-client.key)"
printf '%s\n' "$credentials" >"$data_dir/demo-credentials.txt"
chmod 600 "$data_dir/demo-credentials.txt"
office_secret=$(awk '$1 == "office" {print $2}' <<<"$credentials")

[[ ${SWV_DEMO:-full} == small ]] ||
  echo "quickstart: loading the demo SWV PO 22.03 through the REST API (about half a minute)"
if ! bash tools/demo/load-demo.sh "$build_dir/tools/swvctl/swvctl" "$host:$reg_grpc" \
    "http://$host:$gw_rest" "$office_secret"; then
  echo "quickstart: loading the demo failed (above); stopping" >&2
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait "${pids[@]}" || true
  exit 1
fi

cat <<INFO

  The system is running on SQLite (data in $data_dir/), demo SWV PO 22.03 loaded.
    REST API (gateway):        http://$host:$gw_rest/api/v1/   OpenAPI: http://$host:$gw_rest/api/v1/openapi.json
    dashboard:                 http://$host:$gw_rest/dashboard/   (sign in with SWV code PO2203 and the office, board or school secret below)
    registrations (gRPC):      $host:$reg_grpc        metrics/health: http://$host:$reg_http/metrics /healthz /readyz
    allocation (gRPC):         $host:$alloc_grpc        metrics/health: http://$host:$alloc_http/metrics
    monitoring (gRPC):         $host:$mon_grpc        metrics/health: http://$host:$mon_http/metrics
    gateway metrics/health:    http://$host:$gw_http/metrics
    logs:                      $data_dir/*.log

  Demo credentials (also in $data_dir/demo-credentials.txt; shown once, stored only as hashes):
$(sed 's/^/    /' <<<"$credentials")

  Try it in another terminal:
    curl -s -H "Authorization: Bearer <partner secret>" http://$host:$gw_rest/api/v1/swvs/PO2203/thuiszitters
    curl -s -H "Authorization: Bearer <school secret>" http://$host:$gw_rest/api/v1/swvs/PO2203/thuiszitters
    curl -s -H "Authorization: Bearer <office secret>" "http://$host:$gw_rest/api/v1/swvs/PO2203/goal-statuses?year=$(date +%Y)"
    tools/oauth/get-token.sh $oauth_client $identity/demo-client.key http://$host:$gw_rest/oauth/token
        # then: curl -H "Authorization: Bearer <access_token>" http://$host:$gw_rest/api/v1/swvs/PO2203/tlvs
    export SWV_STAFF_KEY=$identity/staff.key SWV_GRPC_TLS_CERT=$identity/tls.crt \\
      SWV_GRPC_TLS_KEY=$identity/tls.key SWV_GRPC_TLS_CA=$identity/ca.crt
    $build_dir/tools/swvctl/swvctl --target=$host:$reg_grpc list --status=open
    $build_dir/tools/swvctl/swvctl --target=$host:$reg_grpc --actor=school:21AB00 report --school=21AB00 \\
        --pupil=LVS-1009 --municipality=GM0119 --kind=relative --absence-start=$(date -d '-30 days' +%F) \\
        --cause=waiting_for_care

  Ctrl-C stops it.
INFO
wait "${pids[@]}"
