#!/usr/bin/env bash
# Loads the demo data set into a running registrations service through its public API (swvctl),
# the way an LVS or the SWV office would. Safe to run again: every report carries a fixed
# request_id, so a second run returns the existing cases instead of adding duplicates.
#
#   tools/demo/load-demo.sh SWVCTL TARGET [GATEWAY_URL OFFICE_SECRET]
#
# With a gateway and an SWV-office credential it first pushes the organisation directory (boards,
# wijken, schools) through the REST API, as an SWV office or an LVS would.
#
# The demo SWV is PO 22.03 (Meppel/Hoogeveen region, seed 004). Schools and pupil numbers are
# invented; municipalities are real CBS codes of the region. Dates are relative to today, so the
# cases fall in each category (4 weeks-3 months, over 3 months, absolute) whenever it runs.
set -euo pipefail
swvctl=$1
target=$2
gateway=${3:-}
office_secret=${4:-}
ctl() { "$swvctl" --target="$target" --swv=PO2203 "$@" >/dev/null; }
ago() { date -d "-$1 days" +%F; }

ctl --actor=office:PO2203 settings --report-within-days=2

if [[ -n "$gateway" ]]; then
  push() {  # push COLLECTION JSON: a batch upsert through the gateway; fails on any rejected row
    local reply
    reply=$(curl -fsS -X POST -H "Authorization: Bearer $office_secret" \
      -H "Content-Type: application/json" --data "$2" \
      "$gateway/api/v1/swvs/PO2203/$1/_batch")
    if grep -q '"rejected": *[1-9]' <<<"$reply"; then
      echo "load-demo: $1 rejected: $reply" >&2
      exit 1
    fi
  }
  push boards '{"boards": [
    {"code": "41234", "displayName": "Stichting Primair Onderwijs Meppel (demo)"},
    {"code": "41235", "displayName": "Stichting Scholen Hoogeveen (demo)"}]}'
  push wijken '{"wijken": [
    {"code": "MEPPEL", "displayName": "Netwerk Meppel", "municipality": "GM0119"},
    {"code": "HOOGEVEEN", "displayName": "Netwerk Hoogeveen", "municipality": "GM0118"},
    {"code": "DE-WOLDEN", "displayName": "Netwerk De Wolden", "municipality": "GM1690"}]}'
  push schools '{"schools": [
    {"code": "21AB00", "displayName": "De Regenboog", "board": "41234", "wijk": "MEPPEL",
     "municipality": "GM0119", "kind": "SCHOOL_KIND_REGULAR", "insideRegion": true},
    {"code": "22CD01", "displayName": "De Wissel", "board": "41235", "wijk": "HOOGEVEEN",
     "municipality": "GM0118", "kind": "SCHOOL_KIND_REGULAR", "insideRegion": true},
    {"code": "23EF00", "displayName": "Het Palet", "board": "41234", "wijk": "DE-WOLDEN",
     "municipality": "GM1690", "kind": "SCHOOL_KIND_REGULAR", "insideRegion": true},
    {"code": "24GH00", "displayName": "SBO De Sprong", "board": "41234", "wijk": "MEPPEL",
     "municipality": "GM0119", "kind": "SCHOOL_KIND_SBO", "insideRegion": true},
    {"code": "25JK00", "displayName": "SO De Twine", "board": "41235", "wijk": "HOOGEVEEN",
     "municipality": "GM0118", "kind": "SCHOOL_KIND_SO", "insideRegion": true}]}'
fi

# args: request-id actor school pupil municipality kind absence-days-ago reported-days-ago cause
report() {
  ctl --actor="$2" report --request-id="$1" --school="$3" --pupil="$4" --municipality="$5" \
    --kind="$6" --absence-start="$(ago "$7")" --reported-on="$(ago "$8")" --cause="$9"
}
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
