#!/usr/bin/env bash
# Installs the Debian 12 packages the project needs, by name.
#
#   tools/install-deps.sh           what building and running the system needs (the quickstart)
#   tools/install-deps.sh --tests   that, plus what the tests need (tools/run-tests.sh): GoogleTest,
#                                   MariaDB and Galera, Prometheus, yamllint, Node.js and Chromium for the
#                                   browser and OpenAPI checks, clang for the fuzz stage, lld,
#                                   clang-format for the format check
#
# Idempotent: when all packages are already present it does nothing (no apt-get call at all).
# Uses sudo when not run as root.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler grpc-proto
  libabsl-dev
  libmysqlcppconn-dev libboost-dev
  libsqlite3-dev libxml2-dev
  prometheus-cpp-dev
  libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev
  curl
)
if [[ "${1:-}" == --tests ]]; then
  PACKAGES+=(
    libgtest-dev libgmock-dev sqlite3
    mariadb-server mariadb-client
    # The cluster fault test: a three-node Galera cluster whose joining nodes copy data with rsync.
    galera-4 rsync
    prometheus yamllint jq
    # Debian 12's own Node.js (18) runs the pinned test tools (docs/dashboard.md says which).
    nodejs chromium
    # The fuzz build (docs/hardening.md): clang and its runtime with libFuzzer and the sanitizers.
    clang libclang-rt-14-dev
    # lld links the test binaries faster than the default linker (CMakeLists.txt uses it if present).
    lld
    # The format check (tools/check-format.sh).
    clang-format
  )
  # npm is a separate package in Debian but comes with other builds of nodejs; ask for it only
  # when the command is missing, since installing Debian's npm next to such a nodejs conflicts.
  command -v npm >/dev/null 2>&1 || PACKAGES+=(npm)
elif [[ $# -gt 0 ]]; then
  echo "usage: $0 [--tests]" >&2
  exit 2
fi

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
