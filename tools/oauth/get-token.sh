#!/usr/bin/env bash
# Gets an OAuth access token from the gateway with private_key_jwt (docs/oauth.md), the way a
# machine client does: a client assertion (iss = sub = client id, aud = the token endpoint, one
# minute, a fresh jti) signed RS256 with the client's private key, posted with the client
# credentials grant. Prints the token response (JSON). Needs only openssl and curl.
#
#   tools/oauth/get-token.sh CLIENT_ID CLIENT_KEY.pem TOKEN_ENDPOINT [SCOPE]
#   e.g. tools/oauth/get-token.sh cr-0123456789abcdef client.key http://127.0.0.1:8080/oauth/token
set -euo pipefail
client=${1:?usage: get-token.sh CLIENT_ID CLIENT_KEY.pem TOKEN_ENDPOINT [SCOPE]}
key=${2:?client private key (PEM)}
endpoint=${3:?token endpoint URL}
scope=${4:-}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
claims=$(printf '{"iss":"%s","sub":"%s","aud":"%s","iat":%d,"exp":%d,"jti":"%s"}' \
  "$client" "$client" "$endpoint" "$now" $((now + 60)) "$(openssl rand -hex 16)" | b64url)
signature=$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$key" -binary | b64url)

args=(--data-urlencode grant_type=client_credentials
  --data-urlencode "client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
  --data-urlencode "client_assertion=$header.$claims.$signature")
[[ -n "$scope" ]] && args+=(--data-urlencode "scope=$scope")
curl -sS "${args[@]}" "$endpoint"
echo
