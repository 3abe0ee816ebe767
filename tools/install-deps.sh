#!/usr/bin/env bash
# Installs every Debian 12 package the project needs to build, run and test, by name.
# Idempotent: when all packages are already present it does nothing (no apt-get call at all).
# Uses sudo when not run as root. Called by both README commands (quickstart and tests).
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler grpc-proto
  libabsl-dev
  libmysqlcppconn-dev libboost-dev
  libsqlite3-dev sqlite3
  libgtest-dev libgmock-dev
  mariadb-server mariadb-client
  prometheus-cpp-dev prometheus
  libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev
  curl yamllint jq
  nodejs chromium
  # The fuzz build (docs/hardening.md): clang and its runtime with libFuzzer and the sanitizers.
  clang libclang-rt-14-dev
)
# npm comes with NodeSource's nodejs but is a separate package in Debian; ask for it only when
# the command is missing, since installing Debian's npm next to NodeSource's nodejs conflicts.
command -v npm >/dev/null 2>&1 || PACKAGES+=(npm)

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=()
if [[ $(id -u) -ne 0 ]]; then SUDO=(sudo); fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
# Do not let the package start services: the project starts its own MariaDB and Prometheus.
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee /usr/sbin/policy-rc.d >/dev/null
  "${SUDO[@]}" chmod +x /usr/sbin/policy-rc.d
  trap '"${SUDO[@]}" rm -f /usr/sbin/policy-rc.d' EXIT
fi
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
