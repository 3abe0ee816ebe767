#!/usr/bin/env bash
# Validates the gateway's OpenAPI document with a real validator (@apidevtools/swagger-parser,
# pinned in tools/openapi-lint/package-lock.json) and checks that every route is in it.
#   openapi_validation_test.sh PATH/TO/swv-gateway PATH/TO/tools/openapi-lint
# Installs the validator with `npm ci` into tools/openapi-lint/node_modules when it is missing
# (test time only, never at build time).
set -euo pipefail
gateway=$1
lint_dir=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/swv-openapi.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [[ ! -d "$lint_dir/node_modules/@apidevtools/swagger-parser" ]]; then
  npm ci --prefix "$lint_dir" --no-audit --no-fund --ignore-scripts >/dev/null
fi
"$gateway" --print-openapi >"$work/openapi.json"
"$gateway" --print-routes >"$work/routes.txt"
test -s "$work/routes.txt"
node "$lint_dir/validate.js" "$work/openapi.json" --expect-routes "$work/routes.txt"

# The validator must be able to fail: a parameter "in" a place OpenAPI does not know (schema
# check), and a path with an undeclared parameter (semantic check), are both refused.
sed '0,/"in":"query"/s//"in":"nowhere"/' "$work/openapi.json" >"$work/broken-schema.json"
sed 's#"/swvs/{swv}/thuiszitters"#"/swvs/{swv}/thuiszitterz/{undeclared}"#' \
  "$work/openapi.json" >"$work/broken-path.json"
for broken in "$work/broken-schema.json" "$work/broken-path.json"; do
  if cmp -s "$broken" "$work/openapi.json"; then
    echo "test setup: $broken did not change the document" >&2
    exit 1
  fi
  if node "$lint_dir/validate.js" "$broken" >/dev/null 2>&1; then
    echo "the validator accepted a broken document ($broken)" >&2
    exit 1
  fi
done
echo "openapi validation: ok"
