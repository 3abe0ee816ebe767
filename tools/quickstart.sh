#!/usr/bin/env bash
# The quickstart: installs the Debian packages, builds, and starts the system on the embedded
# database (SQLite, data under var/), loads the demo data and prints where everything listens.
# Runs in the foreground; Ctrl-C (or SIGTERM) stops it gracefully.
#
# Environment: SWV_BUILD_DIR (default build), SWV_DATA_DIR (default var),
#   SWV_GRPC_ADDRESS (default 127.0.0.1:50051), SWV_HTTP_ADDRESS (default 127.0.0.1:9464).
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/install-deps.sh
build_dir=${SWV_BUILD_DIR:-build}
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" -j"$(nproc)" --target swv-registrations swvctl

data_dir=${SWV_DATA_DIR:-var}
mkdir -p "$data_dir"
export SWV_GRPC_ADDRESS=${SWV_GRPC_ADDRESS:-127.0.0.1:50051}
export SWV_HTTP_ADDRESS=${SWV_HTTP_ADDRESS:-127.0.0.1:9464}
export SWV_DATABASE_URL=${SWV_DATABASE_URL:-sqlite:$data_dir/registrations.db}

"$build_dir/services/registrations/swv-registrations" 2>>"$data_dir/registrations.log" &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server; exit $?' INT TERM

for _ in $(seq 1 100); do
  if curl -fsS "http://$SWV_HTTP_ADDRESS/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 $server 2>/dev/null; then
    echo "quickstart: swv-registrations did not start; see $data_dir/registrations.log" >&2
    tail -n 5 "$data_dir/registrations.log" >&2
    exit 1
  fi
  sleep 0.1
done
curl -fsS "http://$SWV_HTTP_ADDRESS/readyz" >/dev/null

swvctl="$build_dir/tools/swvctl/swvctl"
bash tools/demo/load-demo.sh "$swvctl" "$SWV_GRPC_ADDRESS"

cat <<INFO

  swv-registrations is running on SQLite ($SWV_DATABASE_URL), demo SWV PO 22.03 loaded.
    gRPC (health, reflection):  $SWV_GRPC_ADDRESS
    metrics and health:         http://$SWV_HTTP_ADDRESS/metrics  /healthz  /readyz
    logs:                       $data_dir/registrations.log

  Try it in another terminal:
    $swvctl list --status=open
    $swvctl --actor=school:21AB00 report --school=21AB00 --pupil=LVS-1009 \\
        --municipality=GM0119 --kind=relative --absence-start=$(date -d '-30 days' +%F) \\
        --cause=waiting_for_care
    $swvctl --actor=office:PO2203 close CASE_ID --closed-on=$(date +%F) --reason="school resumed"
    $swvctl history CASE_ID

  Ctrl-C stops it.
INFO
wait $server
