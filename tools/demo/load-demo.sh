#!/usr/bin/env bash
# Loads the demo SWV PO 22.03 into a running system through its public interfaces, the way an LVS
# or the SWV office would: a handful of thuiszitter cases reported by schools with swvctl, and with
# the gateway and an office credential a mid-size SWV through the REST API (docs/dashboard.md,
# "The demo SWV"): about 30,000 pupils at 135 locations of 8 boards in 5 municipal networks, a year
# of TLVs, arrangements, OPDC placements, thuiszitters, exemptions and monitorkinderen, this year's
# configuration, pupil counts and calculation, last year's spending accounts and the figures the
# office reports. All of it is invented (tools/demo/generate-demo.awk, a fixed seed); dates are
# counted back from today, so the dashboard's statuses mean something whenever it runs.
#
#   tools/demo/load-demo.sh SWVCTL TARGET [GATEWAY_URL OFFICE_SECRET]
#
# Safe to run again: every create carries a fixed request id (Idempotency-Key), a step on a record
# (completion, decision, extension, closure, plan) is only sent while the record still awaits it,
# and the year configuration, spending accounts and measurements only when they are missing.
# SWV_DEMO=small loads only the directory and seven thuiszitter cases.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
swvctl=$1
target=$2
gateway=${3:-}
office_secret=${4:-}
ctl() { "$swvctl" --target="$target" --swv=PO2203 "$@" >/dev/null; }
ago() { date -d "-$1 days" +%F; }
die() { echo "load-demo: $*" >&2; exit 1; }

ctl --actor=office:PO2203 settings --report-within-days=2

# args: request-id actor school pupil municipality kind absence-days-ago reported-days-ago cause
report() {
  ctl --actor="$2" report --request-id="$1" --school="$3" --pupil="$4" --municipality="$5" \
    --kind="$6" --absence-start="$(ago "$7")" --reported-on="$(ago "$8")" --cause="$9"
}
if [[ -n "$gateway" ]]; then
  work=$(mktemp -d "${TMPDIR:-/tmp}/swv-demo.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  today=$(date +%F)
  year=${today:0:4}
  awk -v today="$today" -v out="$work" -f "$here/generate-demo.awk"
  api="$gateway/api/v1"
  swv="$api/swvs/PO2203"
  # call METHOD URL [BODY]: one request with the office credential; prints the body, fails on
  # anything but 2xx with the problem document.
  call() {
    local code
    code=$(curl -sS -o "$work/reply" -w '%{http_code}' -X "$1" \
      -H "Authorization: Bearer $office_secret" -H "Content-Type: application/json" \
      ${3:+--data-binary "$3"} "$2") || die "$1 $2: curl failed"
    [[ $code == 2* ]] || die "$1 $2: HTTP $code: $(cat "$work/reply")"
    cat "$work/reply"
  }
  push() {  # push COLLECTION FILE: a batch upsert; fails on any rejected row
    local reply
    reply=$(call POST "$swv/$1/_batch" "@$2")
    if grep -q '"rejected": *[1-9]' <<<"$reply"; then die "$1 rejected: $reply"; fi
  }
  push boards "$work/boards.json"
  push wijken "$work/wijken.json"
  push schools "$work/schools.json"
fi

report demo-1 school:21AB00 21AB00 LVS-1001 GM0119 relative 45 15 waiting_for_care
report demo-2 school:21AB00 21AB00 LVS-1002 GM0119 relative 130 100 no_suitable_school_place
report demo-3 school:22CD01 22CD01 LVS-2001 GM0118 relative 60 25 school_refusal
report demo-4 school:22CD01 22CD01 LVS-2002 GM0118 absolute 40 10 home_situation
report demo-5 school:23EF00 23EF00 LVS-3001 GM1690 relative 35 6 behaviour_or_suspension
report demo-6 school:23EF00 23EF00 LVS-3002 GM1896 relative 100 70 conflict_with_school

# One case that ended: the pupil is back at school. Closing twice is refused, so only close it
# when it is still open.
case_name=$("$swvctl" --target="$target" --swv=PO2203 --actor=school:22CD01 report \
  --request-id=demo-7 --school=22CD01 --pupil=LVS-2003 --municipality=GM0118 --kind=relative \
  --absence-start="$(ago 90)" --reported-on="$(ago 60)" --cause=waiting_for_care |
  sed -n 's/.*"name": "\(.*\)".*/\1/p' | head -n 1)
if "$swvctl" --target="$target" --swv=PO2203 get "$case_name" | grep -q CASE_STATUS_OPEN; then
  ctl --actor=office:PO2203 close "$case_name" --closed-on="$(ago 5)" \
    --reason="school resumed at 22CD01 with an arrangement"
fi

# SWV_DEMO=small stops here: the directory and the seven cases above, for tests that count what
# the demo did by hand (tests/deploy/prometheus_scrape_test.sh).
[[ -n "$gateway" && ${SWV_DEMO:-full} != small ]] || exit 0

# ---- the records: one curl per phase, over one connection (records.tsv, generate-demo.awk) ----
# run_phase N: sends the phase's requests whose guard matches the record's state, with {KEY}
# replaced by the record's name, and fails on the first refusal.
run_phase() {
  local phase=$1 config=$work/phase-$1.curl
  mkdir -p "$work/out-$phase"
  awk -F '\t' -v phase="$phase" -v api="$api" -v swv="swvs/PO2203" -v secret="$office_secret" \
    -v outdir="$work/out-$phase" -v names="$work/names.tsv" '
    function subst(s,    key) {
      while (match(s, /\{[a-z]+-[0-9]+\}/)) {
        key = substr(s, RSTART + 1, RLENGTH - 2)
        if (!(key in name)) { print "load-demo: no record " key > "/dev/stderr"; exit 1 }
        s = substr(s, 1, RSTART - 1) name[key] substr(s, RSTART + RLENGTH)
      }
      return s
    }
    BEGIN { while ((getline line < names) > 0) { split(line, f, "\t"); name[f[1]] = f[2]; state[f[1]] = f[3] } }
    $1 != phase { next }
    $3 != "*" && index("|" $3 "|", "|" state[$2] "|") == 0 { next }
    {
      path = $5 ~ /^\{/ ? subst($5) : swv "/" $5
      body = outdir "/" NR ".body"
      printf "%s\n", subst($7) > body
      close(body)
      if (n++) print "next"
      printf "url = \"%s/%s\"\nrequest = \"%s\"\n", api, path, $4
      printf "header = \"Authorization: Bearer %s\"\nheader = \"Content-Type: application/json\"\n", secret
      if ($6 != "") printf "header = \"Idempotency-Key: %s\"\n", $6
      printf "data-binary = \"@%s\"\noutput = \"%s/%d.json\"\n", body, outdir, NR
      printf "write-out = \"%%{http_code} %d %s\\n\"\n", NR, $2
    }' "$work/records.tsv" >"$config"
  [[ -s "$config" ]] || return 0
  # The gateway allows an office credential 50 requests a second (docs/gateway.md); stay below it,
  # and wait as told should it still answer 429.
  curl -sS --rate 45/s --retry 5 -K "$config" >"$work/codes-$phase" || die "phase $phase: curl failed"
  local code line key
  while read -r code line key; do
    [[ $code == 2* ]] || die "phase $phase, $key (records.tsv line $line): HTTP $code: $(cat "$work/out-$phase/$line.json")"
  done <"$work/codes-$phase"
}
# collect_names N: the names of the records phase N created (or found by their request id) and
# their states before this run's steps, for the later phases' paths and guards.
collect_names() {
  awk -F '\t' -v phase="$1" -v outdir="$work/out-$1" '$1 == phase && $5 !~ /^\{/ {
    file = outdir "/" NR ".json"; json = ""
    while ((getline line < file) > 0) json = json line
    close(file)
    if (!match(json, /"name":"[^"]*"/)) { print "load-demo: no name for " $2 > "/dev/stderr"; exit 1 }
    name = substr(json, RSTART + 8, RLENGTH - 9)
    state = match(json, /"status":"[A-Z_]*"/) ? substr(json, RSTART + 10, RLENGTH - 11) : ""
    if (json ~ /"extended":true/) state = state "+ext"
    if (json ~ /"plan":\{/) state = state "+plan"
    if (json ~ /"bindingDecision":\{/) state = state "+bd"
    else if (json ~ /"currentLevel":"ESCALATION_LEVEL_DOORZETTINGSMACHT"/) state = state "+dm"
    else if (json ~ /"currentLevel":"ESCALATION_LEVEL_DOORZETTINGSKRACHT"/) state = state "+dk"
    printf "%s\t%s\t%s\n", $2, name, state
  }' "$work/records.tsv" >>"$work/names.tsv"
}
: >"$work/names.tsv"
for phase in $(cut -f1 "$work/records.tsv" | sort -un); do
  run_phase "$phase"
  collect_names "$phase"
done

# ---- allocation: this year's configuration, the counts, the calculation --------------------------
config_url="$swv/years/$year/config"
status=$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $office_secret" "$config_url")
if [[ $status == 404 ]]; then
  call PATCH "$config_url" "@$work/config.json" >/dev/null
elif [[ $status != 200 ]]; then
  die "GET $config_url: HTTP $status"
fi
count_date=$(sed -n 's/.*"countDate": "\([0-9-]*\)".*/\1/p' "$work/config.json")
call POST "$swv/count-dates/$count_date/counts/_import" "@$work/counts.json" >/dev/null
call POST "$swv/years/$year/calculations" "{\"requestId\": \"demo-calculation-$year\"}" >/dev/null

# Last year's spending accounts, for the boards that have none yet.
accounts=$(call GET "$swv/years/$((year - 1))/spending-accounts")
while IFS=$'\t' read -r board received basis extra; do
  grep -q "\"board\":\"$board\",\"receivedOn\":\"[0-9]" <<<"$accounts" && continue
  call POST "$swv/years/$((year - 1))/spending-accounts" "{\"spendingAccount\": {\"board\": \"$board\",
    \"receivedOn\": \"$received\", \"basisSpentCents\": \"$basis\", \"extraSpentCents\": \"$extra\",
    \"note\": \"jaarverantwoording (demo)\"}}" >/dev/null
done <"$work/accounts.tsv"

# ---- monitoring: the figures the office reports, for this year, where none is reported yet -----
while IFS=$'\t' read -r goal level level_id value; do
  [[ $level_id == - ]] && level_id=""
  reported=$(call GET "$swv/goals/$goal/measurements")
  grep -q "\"period\":\"$year\",\"level\":\"$level\",\"levelId\":\"$level_id\"" <<<"$reported" && continue
  call POST "$swv/goals/$goal/measurements" "{\"period\": \"$year\", \"level\": \"$level\",
    \"levelId\": \"$level_id\", \"valueE4\": \"$value\", \"note\": \"demo\"}" >/dev/null
done <"$work/measurements.tsv"
