#!/usr/bin/env bash
# The main job on embedded defaults: build Assay, start `assay serve` (SQLite file in its working directory,
# key-encryption key created on first start), then attest a workload with the Sample TEE against it:
# challenge -> evidence bound to the nonce -> attest -> signed EAR token and trust vector.
# Everything lives in a temporary directory that is removed afterwards. Usage: scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product assay >&2
assay="$(swift build --show-bin-path)/assay"
work="$(mktemp -d)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

(cd "$work" && XDG_CONFIG_HOME="$work/config" exec "$assay" serve --port "$port" --enable-tee sample) > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    kill -0 $server 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
    sleep 0.1
done
echo "== assay serve is up on http://127.0.0.1:$port (database $work/assay.sqlite)" >&2

printf 'print("hello from the workload")\n' > "$work/app.py"
echo "== attesting the Sample TEE workload $work/app.py" >&2
"$assay" attest --tee sample --workload "$work/app.py" --server "http://127.0.0.1:$port"
echo "== verify the token yourself: GET http://127.0.0.1:$port/.well-known/jwks.json" >&2
