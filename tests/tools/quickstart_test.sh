#!/usr/bin/env bash
# Runs the README's quickstart for real (in a temporary data dir, on free ports) and checks what a
# newcomer would: health answers, demo data is there, swvctl round-trips a case, /metrics passes
# promtool and shows the calls just made, and SIGTERM stops the system cleanly.
#
#   quickstart_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1
build=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/swv-quickstart.XXXXXX")
pid=""
cleanup() {
  [[ -n "$pid" ]] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [[ -f "$work/out" ]] && tail -n 30 "$work/out" >&2; exit 1; }

# shellcheck source=tests/testing/ports.sh
source "$src/tests/testing/ports.sh"
base=$(swv_free_port_base 9) || fail "no free ports"
grpc_port=$base http_port=$((base + 1)) gateway_port=$((base + 4))
export SWV_BUILD_DIR=$build SWV_DATA_DIR=$work/var SWV_PORT_BASE=$base

bash "$src/tools/quickstart.sh" >"$work/out" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  grep -q "Ctrl-C stops it" "$work/out" && break
  kill -0 "$pid" 2>/dev/null || fail "quickstart exited early"
  sleep 0.5
done
grep -q "Ctrl-C stops it" "$work/out" || fail "quickstart did not come up"
grep -q "running on SQLite (data in $work/var/)" "$work/out" || fail "quickstart is not on SQLite"

curl -fsS "http://127.0.0.1:$http_port/healthz" >/dev/null || fail "/healthz"
curl -fsS "http://127.0.0.1:$http_port/readyz" >/dev/null || fail "/readyz"

# swvctl signs as staff with the quickstart's throwaway identity, over mutual TLS.
identity=$work/var/identity
export SWV_STAFF_KEY=$identity/staff.key SWV_GRPC_TLS_CERT=$identity/tls.crt \
  SWV_GRPC_TLS_KEY=$identity/tls.key SWV_GRPC_TLS_CA=$identity/ca.crt
ctl() { "$build/tools/swvctl/swvctl" --target="127.0.0.1:$grpc_port" "$@"; }
open_cases=$(ctl list --status=open | grep -c '"name"') || true
[[ "$open_cases" -ge 6 ]] || fail "expected the demo's 6 open cases, saw $open_cases"
closed_cases=$(ctl list --status=closed | grep -c '"name"') || true
[[ "$closed_cases" -ge 1 ]] || fail "expected the demo's closed cases, saw $closed_cases"

name=$(ctl --actor=school:21AB00 report --school=21ab00 --pupil=LVS-9 --municipality=gm0119 \
  --kind=relative --absence-start="$(date -d '-40 days' +%F)" --cause=waiting_for_care \
  | sed -n 's/.*"name": "\(.*\)".*/\1/p')
[[ "$name" == swvs/PO2203/thuiszitters/tz-* ]] || fail "report returned no case name"
ctl get "$name" | grep -q '"school": "21AB00"' || fail "get did not return the normalised case"
ctl --actor=office:PO2203 close "$name" --closed-on="$(date +%F)" --reason="school resumed" \
  | grep -q CASE_STATUS_CLOSED || fail "close"
ctl history "$name" | grep -q '"action": "closed"' || fail "history"
# A 10-day absence is a potential thuiszitter (it becomes one on the 4-week mark); a report dated
# before the absence began is refused, naming the rule.
ctl report --school=21AB00 --pupil=LVS-9 --municipality=GM0119 --kind=relative \
  --absence-start="$(date -d '-10 days' +%F)" --cause=other --request-id=quickstart-potential \
  >"$work/potential" || fail "a potential thuiszitter was refused"
grep -q THUISZITTER_CATEGORY_POTENTIAL "$work/potential" || fail "not potential: $(cat "$work/potential")"
# Closed again, so that the demo's count of open cases below stays as the demo made it.
pname=$(sed -n 's/.*"name": "\(.*\)".*/\1/p' "$work/potential" | head -n 1)
ctl --actor=office:PO2203 close "$pname" --closed-on="$(date +%F)" --reason="back at school" \
  >/dev/null || fail "closing the potential case"
if ctl report --school=21AB00 --pupil=LVS-9 --municipality=GM0119 --kind=relative \
    --absence-start="$(date -d '-10 days' +%F)" --reported-on="$(date -d '-11 days' +%F)" \
    --cause=other 2>"$work/err"; then
  fail "a report before the absence was accepted"
fi
grep -q "REPORT_BEFORE_ABSENCE" "$work/err" || fail "report before absence not explained: $(cat "$work/err")"
# Every RPC is a command: the directory (registrations process) and monitoring's goals (its own
# process and port), generic commands from the descriptors; a typo names the field and exits 2.
# (Output to a file first: grep -q would close the pipe early and pipefail fail the line.)
ctl --actor=office:PO2203 directory list-schools --kind=sbo >"$work/schools" \
  && grep -q '"code"' "$work/schools" || fail "swvctl directory list-schools"
ctl --monitoring-target="127.0.0.1:$((base + 7))" --actor=office:PO2203 monitoring list-goals \
  >"$work/goals" && grep -q '"goals"' "$work/goals" || fail "swvctl monitoring list-goals"
status=0
ctl tlvs list-tlvs --stauts=granted 2>"$work/err" || status=$?
[[ $status -eq 2 ]] && grep -q -- "--stauts" "$work/err" || fail "a misspelt field: $(cat "$work/err")"

curl -fsS "http://127.0.0.1:$http_port/metrics" >"$work/metrics" || fail "/metrics"
promtool check metrics <"$work/metrics" || fail "promtool check metrics"
grep -q 'grpc_server_handled_total{grpc_code="OK",grpc_method="CloseThuiszitter"' "$work/metrics" \
  || fail "metrics do not show the close call"
grep -q 'grpc_code="INVALID_ARGUMENT",grpc_method="ReportThuiszitter"' "$work/metrics" \
  || fail "metrics do not show the rejected report"

# The gateway with the printed demo credentials: a leerplicht partner of Meppel (GM0119) sees only
# Meppel's cases and only the minimal fields; a school sees its own; no credential gets 401.
secret() { awk -v role="$1" '$1 == role {print $2}' "$work/var/demo-credentials.txt"; }
grep -q "$(secret partner)" "$work/out" || fail "the partner credential was not printed"
api() { curl -sS -o "$work/body" -w '%{http_code}' -H "Authorization: Bearer $1" "http://127.0.0.1:$gateway_port$2"; }
[[ $(api "$(secret partner)" /api/v1/swvs/PO2203/thuiszitters) == 200 ]] || fail "partner list: $(cat "$work/body")"
grep -q '"residenceMunicipality": *"GM0119"' "$work/body" || fail "partner sees no Meppel case"
! grep -q 'GM0118' "$work/body" || fail "partner sees another municipality's case"
! grep -q '"cause"' "$work/body" || fail "partner sees the cause"
! grep -q 'lvsPupilNumber' "$work/body" || fail "partner sees pupil numbers"
[[ $(api "$(secret school)" /api/v1/swvs/PO2203/thuiszitters) == 200 ]] || fail "school list"
! grep -q '"school": *"22CD01"' "$work/body" || fail "school 21AB00 sees another school's case"
[[ $(api "not-a-token" /api/v1/swvs/PO2203/thuiszitters) == 401 ]] || fail "bad token not 401"
grep -q '"status": *401' "$work/body" || fail "401 without a problem body"
[[ $(api "$(secret office)" /api/v1/swvs/PO2203/schools) == 200 ]] || fail "office reads the directory"
grep -q '"24GH00"' "$work/body" || fail "demo directory not loaded"
[[ $(api "" /api/v1/openapi.json) == 200 ]] || fail "openapi.json"
# The demo OAuth client (private_key_jwt) gets a token with the documented script and reads its
# school's cases with it; a token in the query string is refused.
client_id=$(awk '$1 == "oauth-client" {print $2}' "$work/var/demo-credentials.txt")
[[ $client_id == cr-* ]] || fail "no demo OAuth client"
curl -fsS "http://127.0.0.1:$gateway_port/.well-known/oauth-authorization-server" >"$work/metadata" \
  || fail "OAuth metadata"
grep -q "\"token_endpoint\":\"http://127.0.0.1:$gateway_port/oauth/token\"" "$work/metadata" \
  || fail "metadata names no token endpoint: $(cat "$work/metadata")"
bash "$src/tools/oauth/get-token.sh" "$client_id" "$work/var/identity/demo-client.key" \
  "http://127.0.0.1:$gateway_port/oauth/token" swv:read >"$work/token" || fail "get-token.sh"
access_token=$(sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' "$work/token")
[[ -n $access_token ]] || fail "no access token: $(cat "$work/token")"
[[ $(api "$access_token" /api/v1/swvs/PO2203/thuiszitters) == 200 ]] \
  || fail "OAuth read: $(cat "$work/body")"
! grep -q '"school": *"22CD01"' "$work/body" || fail "the OAuth client sees another school's case"
[[ $(api "" "/api/v1/swvs/PO2203/thuiszitters?access_token=$access_token") == 400 ]] \
  || fail "a token in the query string was not refused"
# Monitoring through the gateway: the PO 22.03 goal set is loaded and every goal has a status.
[[ $(api "$(secret office)" "/api/v1/swvs/PO2203/goal-statuses?year=2026") == 200 ]] \
  || fail "goal statuses: $(cat "$work/body")"
grep -q '"goal"' "$work/body" || fail "no goal statuses: $(head -c 300 "$work/body")"

# Every process's /metrics passes promtool and carries the shared families.
for port in $((base + 1)) $((base + 3)) $((base + 6)) $((base + 8)); do
  curl -fsS "http://127.0.0.1:$port/metrics" >"$work/m-$port" || fail "/metrics on $port"
  promtool check metrics <"$work/m-$port" || fail "promtool check metrics on port $port"
  for family in process_resident_memory_bytes swv_build_info swv_ready \
      swv_db_statement_duration_seconds; do
    grep -q "^# TYPE $family " "$work/m-$port" || fail "$family missing on port $port"
  done
done
# The three services have served gRPC calls by now; the gateway serves REST (its own gRPC port
# only carries health, which nobody has called here).
for port in $((base + 1)) $((base + 3)) $((base + 8)); do
  grep -q "^# TYPE grpc_server_handled_total " "$work/m-$port" || fail "gRPC metrics missing on $port"
done
grep -q '^http_requests_total{' "$work/m-$((base + 6))" || fail "gateway HTTP metrics missing"
! grep -q 'route="/api/v1/swvs/PO2203' "$work/m-$((base + 6))" || fail "a raw path became a label"

# Each binary applies its migrations and exits with --migrate-only (the chart's Job).
for binary in services/registrations/swv-registrations services/allocation/swv-allocation \
    services/monitoring/swv-monitoring services/gateway/swv-gateway; do
  "$build/$binary" --migrate-only --database-url="sqlite:$work/migrate-$(basename "$binary").db" \
    2>"$work/migrate.log" || fail "$binary --migrate-only: $(cat "$work/migrate.log")"
done

# The demo SWV is mid-size: TLVs, and every goal of this year with a value at SWV level.
tlvs() { ctl tlvs list-tlvs --pageSize=500 >"$work/tlvs" && grep -c '"referringSchool"' "$work/tlvs"; }
tlv_count=$(tlvs) || true
[[ "$tlv_count" -ge 200 ]] || fail "expected the demo's TLVs, saw $tlv_count"
[[ $(api "$(secret office)" "/api/v1/swvs/PO2203/goal-statuses?year=$(date +%Y)") == 200 ]] \
  || fail "goal statuses this year: $(cat "$work/body")"
! grep -q 'GOAL_STATUS_VALUE_NO_DATA' "$work/body" || fail "a goal without data: $(cat "$work/body")"

# Running the demo load again must not duplicate anything (fixed request ids, steps only where
# still due).
bash "$src/tools/demo/load-demo.sh" "$build/tools/swvctl/swvctl" "127.0.0.1:$grpc_port" \
  "http://127.0.0.1:$gateway_port" "$(secret office)"
again=$(ctl list --status=open | grep -c '"name"') || true
[[ "$again" -eq "$open_cases" ]] || fail "reloading the demo changed the open cases: $open_cases -> $again"
[[ $(tlvs) -eq "$tlv_count" ]] || fail "reloading the demo changed the TLVs: $tlv_count -> $(tlvs)"

kill -TERM "$pid"
wait "$pid" || fail "quickstart did not stop cleanly on SIGTERM"
pid=""
grep -q '"msg":"stopped"\|"msg":"shutdown complete"\|stopp' "$work/var/registrations.log" \
  || fail "no stop logged"
echo "quickstart test: ok"
