#!/usr/bin/env bash
# A real Prometheus (Debian's `prometheus`) scrapes the four running services (started by the
# quickstart) on loopback with the project's scrape config and alert rules; after known calls, the
# expected series and values must be in Prometheus, asked through its HTTP query API.
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
# shellcheck source=tests/testing/ports.sh
source "$src/tests/testing/ports.sh"
free_port() { swv_free_port_base 1 || fail "no free port"; }
wait_http() {
  for _ in $(seq 1 100); do
    curl -fsS "$1" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  fail "$1 did not answer"
}

# The whole system as the quickstart starts it, on free ports, with the small demo (the directory
# and seven cases), whose metrics are counted by hand below.
base=$(swv_free_port_base 10) || fail "no free ports"
grpc_port=$base prom_port=$((base + 9))
SWV_BUILD_DIR=$build SWV_DATA_DIR=$work/var SWV_PORT_BASE=$base SWV_BUSINESS_METRICS_MAX_AGE=1s SWV_DEMO=small \
  bash "$src/tools/quickstart.sh" >"$work/quickstart.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 600); do
  grep -q "Ctrl-C stops it" "$work/quickstart.log" && break
  sleep 0.5
done
grep -q "Ctrl-C stops it" "$work/quickstart.log" || fail "the quickstart did not come up"

# The project's rules, and the scrape config of deploy/prometheus/prometheus.yml with its targets
# pointed at this machine's ports.
cp "$src/deploy/prometheus/alerts.yml" "$work/alerts.yml"
sed -e "s/registrations:9464/127.0.0.1:$((base + 1))/" -e "s/allocation:9464/127.0.0.1:$((base + 3))/" \
    -e "s/gateway:9464/127.0.0.1:$((base + 6))/" -e "s/monitoring:9464/127.0.0.1:$((base + 8))/" \
    -e "s/scrape_interval: 15s/scrape_interval: 1s/" -e "s/evaluation_interval: 15s/evaluation_interval: 1s/" \
    "$src/deploy/prometheus/prometheus.yml" >"$work/prometheus.yml"
grep -q "127.0.0.1:$((base + 8))" "$work/prometheus.yml" || fail "scrape config not rewritten"
promtool check config "$work/prometheus.yml" >/dev/null || fail "generated config invalid"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" 2>"$work/prometheus.log" &
pids+=($!)
wait_http "http://127.0.0.1:$prom_port/-/ready"

# swvctl signs as staff with the quickstart's throwaway identity, over mutual TLS.
identity=$work/var/identity
export SWV_STAFF_KEY=$identity/staff.key SWV_GRPC_TLS_CERT=$identity/tls.crt \
  SWV_GRPC_TLS_KEY=$identity/tls.key SWV_GRPC_TLS_CA=$identity/ca.crt
ctl() { "$build/tools/swvctl/swvctl" --target="127.0.0.1:$grpc_port" --actor=school:21AB00 "$@" >/dev/null; }
for i in 1 2 3; do
  ctl report --request-id="p-$i" --school=21AB00 --pupil="LVS-P$i" --municipality=GM0119 \
    --kind=relative --absence-start="$(date -d '-40 days' +%F)" --cause=waiting_for_care
done
# A report dated before the absence began is refused; a 3-day absence is a potential thuiszitter.
ctl report --school=21AB00 --pupil=LVS-9 --municipality=GM0119 --kind=relative \
  --absence-start="$(date -d '-3 days' +%F)" --reported-on="$(date -d '-4 days' +%F)" \
  --cause=other 2>/dev/null && fail "a report before the absence was accepted"
ctl report --request-id=p-potential --school=21AB00 --pupil=LVS-10 --municipality=GM0119 \
  --kind=relative --absence-start="$(date -d '-3 days' +%F)" --cause=other >/dev/null
# One REST request through the gateway, with the demo office credential.
office=$(awk '$1 == "office" {print $2}' "$work/var/demo-credentials.txt")
curl -fsS -H "Authorization: Bearer $office" "http://127.0.0.1:$((base + 4))/api/v1/swvs/PO2203/schools" \
  >/dev/null || fail "gateway request"

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

for job in swv-registrations swv-allocation swv-monitoring swv-gateway; do
  expect "up{job=\"$job\"}" 1
  expect "swv_ready{job=\"$job\"}" 1
  expect "count(process_resident_memory_bytes{job=\"$job\"})" 1
done
expect 'sum(http_requests_total{job="swv-gateway",route=~".*/schools",method="GET",code_class="2xx"})' 1
# The demo reports 7 cases (tools/demo/load-demo.sh), this test 4 more and one rejected.
expect 'sum(grpc_server_handled_total{job="swv-registrations",grpc_method="ReportThuiszitter",grpc_code="OK"})' 11
expect 'sum(grpc_server_handled_total{job="swv-registrations",grpc_method="ReportThuiszitter",grpc_code="INVALID_ARGUMENT"})' 1
expect 'sum(grpc_server_handling_seconds_count{job="swv-registrations",grpc_method="ReportThuiszitter"})' 12
expect 'count(swv_build_info{job="swv-registrations",service="swv-registrations"})' 1
expect 'count(swv_db_statement_duration_seconds_count{job="swv-registrations",operation="insert thuiszitter_cases"})' 1
expect 'count(swv_db_statement_duration_seconds_count{job="swv-gateway"}) > 0' \
  "$(value 'count(swv_db_statement_duration_seconds_count{job="swv-gateway"})')"
# Business gauges, counted by hand from tools/demo/load-demo.sh plus the three reports above
# (all relative, 40 days) and the potential one (3 days, category potential): open relative
# 4w-3m = demo-1, -3, -5 + 3 = 6; over 3 months = demo-2
# (130 days) and demo-6 (100 days); absolute = demo-4; demo-7 is closed. Reported more than a
# month ago: demo-2 (100 days) and demo-6 (70); more than three months at home (counted from the
# absence start, like the category): demo-2 and demo-6.
expect 'swv_thuiszitter_cases_open{job="swv-registrations",swv="PO2203",category="relative_4w_3m"}' 6
expect 'swv_thuiszitter_cases_open{job="swv-registrations",swv="PO2203",category="relative_over_3m"}' 2
expect 'swv_thuiszitter_cases_open{job="swv-registrations",swv="PO2203",category="absolute"}' 1
expect 'swv_thuiszitter_cases_open{job="swv-registrations",swv="PO2203",category="potential"}' 1
expect 'swv_thuiszitter_cases_past_one_month{job="swv-registrations",swv="PO2203"}' 2
expect 'swv_thuiszitter_cases_past_three_months{job="swv-registrations",swv="PO2203"}' 2
expect 'swv_tlv_applications_overdue{job="swv-registrations",swv="PO2203"}' 0
expect 'swv_tlv_lead_time_seconds_count{job="swv-registrations",swv="PO2203",phase="complete_to_decision"}' 0
# No id ever becomes a label: no series carries a case, pupil or request id.
[[ -z "$(value 'count({job="swv-registrations",__name__=~".+"} and {case_id=~".+"})')" ]] || fail "id label"

# The project's alert rules are loaded and healthy in a real Prometheus.
rules=$(curl -fsS "http://127.0.0.1:$prom_port/api/v1/rules" | jq -r '[.data.groups[].rules[] | select(.health == "ok")] | length')
[[ "$rules" -ge 6 ]] || fail "alert rules not loaded: $rules"
echo "prometheus scrape test: ok"
