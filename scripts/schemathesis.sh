#!/usr/bin/env bash
# The API's contract test: runs schemathesis (PyPI) against a fresh `assay serve` with its own OpenAPI document and
# the admin token, every phase, a bounded number of examples per operation. Fails on any failure: a 5xx, an
# undocumented status, a response that breaks its schema, a schema-violating request accepted, a schema-valid one
# refused (except where scripts/schemathesis.toml says why), an undeclared method not answered 405.
# Usage: scripts/schemathesis.sh [ASSAY_BINARY] [EXAMPLES]   (default: the debug build, 20 examples)
set -euo pipefail
cd "$(dirname "$0")/.."
assay="${1:-$(swift build --show-bin-path)/assay}"
examples="${2:-20}"
work=$(mktemp -d)
token="schemathesis-admin-token-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
head -c 32 /dev/urandom | base64 > "$work/kek"
chmod 600 "$work/kek"
(cd "$work" && ASSAY_ADMIN_TOKEN="$token" exec "$assay" serve --port 0 --database "sqlite:$work/st.sqlite" \
    --kek-file "$work/kek" --enable-tee sample --log-level notice) > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
port=""
for _ in $(seq 1 300); do
    port=$(sed -n 's/.*port=\([0-9]*\).* listening$/\1/p' "$work/serve.log" | head -n 1)
    [ -n "$port" ] && break
    kill -0 $server 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
    sleep 0.1
done
[ -n "$port" ] || { echo "assay serve did not start" >&2; cat "$work/serve.log" >&2; exit 1; }
st --config-file scripts/schemathesis.toml run "http://127.0.0.1:$port/openapi.json" \
    -H "Authorization: Bearer $token" --max-examples "$examples" --workers 1 --no-color
