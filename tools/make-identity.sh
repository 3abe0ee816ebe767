#!/usr/bin/env bash
# Throwaway service identity for a development machine or a test run (docs/operations.md "Service
# identity"): Ed25519 token keys for the three issuers and a CA with one certificate for mutual
# TLS between the processes on this machine (127.0.0.1, localhost). Uses only Debian's openssl.
#
#   tools/make-identity.sh DIR [HOST...]
#       makes DIR/{gateway,service,staff}.{key,pub}, DIR/oauth.key and DIR/{ca.crt,tls.crt,tls.key}; keeps what
#       is already there. The certificate names 127.0.0.1, localhost and each HOST (e.g. the
#       compose service names registrations allocation monitoring gateway).
# Production takes the same files from secrets (helm/, deploy/compose).
set -euo pipefail
dir=${1:?usage: make-identity.sh DIR [HOST...]}
shift
sans="IP:127.0.0.1,DNS:localhost"
for host in "$@"; do sans+=",DNS:$host"; done
mkdir -p "$dir"
chmod 700 "$dir"
cd "$dir"
for issuer in gateway service staff; do
  if [[ ! -s $issuer.key ]]; then
    openssl genpkey -algorithm ed25519 -out "$issuer.key" 2>/dev/null
    openssl pkey -in "$issuer.key" -pubout -out "$issuer.pub" 2>/dev/null
  fi
done
# The key that signs the gateway's OAuth access tokens (RS256, docs/oauth.md).
if [[ ! -s oauth.key ]]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out oauth.key 2>/dev/null
fi
if [[ ! -s tls.crt ]]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 400 \
    -subj "/CN=swv throwaway CA" -keyout ca.key -out ca.crt 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -subj "/CN=swv-internal" -keyout tls.key -out tls.csr 2>/dev/null
  printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth,clientAuth\n' "$sans" >tls.ext
  openssl x509 -req -in tls.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 400 \
    -extfile tls.ext -out tls.crt 2>/dev/null
  rm -f tls.csr tls.ext ca.srl
fi
chmod 600 ./*.key
