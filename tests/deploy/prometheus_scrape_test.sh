#!/usr/bin/env bash
# A real Prometheus (Debian's `prometheus`) scrapes a running swv-registrations on loopback with
# the project's alert rules loaded; after known calls, the expected series and values must be in
# Prometheus, asked through its HTTP query API.
#
#   prometheus_scrape_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1
build=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/swv-prometheus.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  tail -n 20 "$work"/*.log >&2 || true
  exit 1
}
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  fail "no free port"
}
wait_http() {
  for _ in $(seq 1 100); do
    curl -fsS "$1" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  fail "$1 did not answer"
}

grpc_port=$(free_port); http_port=$(free_port); prom_port=$(free_port)
"$build/services/registrations/swv-registrations" --grpc-address="127.0.0.1:$grpc_port" \
  --http-address="127.0.0.1:$http_port" --database-url="sqlite:$work/registrations.db" \
  --business-metrics-max-age=1s \
  2>"$work/registrations.log" &
pids+=($!)
wait_http "http://127.0.0.1:$http_port/readyz"

# The project's rules, and a scrape config like deploy/prometheus/prometheus.yml but on loopback.
cp "$src/deploy/prometheus/alerts.yml" "$work/alerts.yml"
cat >"$work/prometheus.yml" <<CONFIG
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files: [alerts.yml]
scrape_configs:
  - job_name: swv-registrations
    static_configs:
      - targets: ["127.0.0.1:$http_port"]
CONFIG
promtool check config "$work/prometheus.yml" >/dev/null || fail "generated config invalid"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" 2>"$work/prometheus.log" &
pids+=($!)
wait_http "http://127.0.0.1:$prom_port/-/ready"

ctl() { "$build/tools/swvctl/swvctl" --target="127.0.0.1:$grpc_port" --actor=school:21AB00 "$@" >/dev/null; }
for i in 1 2 3; do
  ctl report --request-id="p-$i" --school=21AB00 --pupil="LVS-$i" --municipality=GM0119 \
    --kind=relative --absence-start="$(date -d '-40 days' +%F)" --cause=waiting_for_care
done
ctl report --school=21AB00 --pupil=LVS-9 --municipality=GM0119 --kind=relative \
  --absence-start="$(date -d '-3 days' +%F)" --cause=other 2>/dev/null && fail "short absence accepted"

# value QUERY: the single value Prometheus returns for an instant query ("" when none).
value() {
  curl -fsS "http://127.0.0.1:$prom_port/api/v1/query" --data-urlencode "query=$1" |
    jq -r '.data.result[0].value[1] // ""'
}
expect() {  # expect QUERY WANT: waits up to 30 s for the scraped value to be WANT
  local got=""
  for _ in $(seq 1 60); do
    got=$(value "$1")
    [[ "$got" == "$2" ]] && { echo "ok: $1 = $got"; return 0; }
    sleep 0.5
  done
  fail "$1: want $2, got '${got}'"
}

expect 'up{job="swv-registrations"}' 1
expect 'sum(grpc_server_handled_total{job="swv-registrations",grpc_method="ReportThuiszitter",grpc_code="OK"})' 3
expect 'sum(grpc_server_handled_total{job="swv-registrations",grpc_method="ReportThuiszitter",grpc_code="INVALID_ARGUMENT"})' 1
expect 'sum(grpc_server_handling_seconds_count{job="swv-registrations",grpc_method="ReportThuiszitter"})' 4
expect 'swv_ready{job="swv-registrations"}' 1
expect 'count(swv_build_info{job="swv-registrations",service="swv-registrations"})' 1
expect 'process_resident_memory_bytes{job="swv-registrations"} > 1000000' \
  "$(value 'process_resident_memory_bytes{job="swv-registrations"}')"
expect 'count(swv_db_statement_duration_seconds_count{job="swv-registrations",operation="insert thuiszitter_cases"})' 1
# Business gauges: the three reports are open, relative, 40 days of absence (4 weeks-3 months).
expect 'swv_thuiszitter_cases_open{job="swv-registrations",swv="PO2203",category="relative_4w_3m"}' 3
expect 'swv_thuiszitter_cases_open{job="swv-registrations",swv="PO2203",category="absolute"}' 0
expect 'swv_thuiszitter_cases_past_three_months{job="swv-registrations",swv="PO2203"}' 0
expect 'swv_tlv_applications_overdue{job="swv-registrations",swv="PO2203"}' 0
expect 'swv_tlv_lead_time_seconds_count{job="swv-registrations",swv="PO2203",phase="complete_to_decision"}' 0
# No id ever becomes a label: no series carries a case, pupil or request id.
[[ -z "$(value 'count({job="swv-registrations",__name__=~".+"} and {case_id=~".+"})')" ]] || fail "id label"

# The project's alert rules are loaded and healthy in a real Prometheus.
rules=$(curl -fsS "http://127.0.0.1:$prom_port/api/v1/rules" | jq -r '[.data.groups[].rules[] | select(.health == "ok")] | length')
[[ "$rules" -ge 6 ]] || fail "alert rules not loaded: $rules"
echo "prometheus scrape test: ok"
