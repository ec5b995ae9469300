#!/usr/bin/env bash
# Service benchmark: Sample-TEE challenge+attest round trips per second and latency on loopback, SQLite embedded
# default, both sides built in release mode. Usage: scripts/bench-serve.sh [SECONDS] [CONCURRENCY]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-15}"
concurrency="${2:-16}"
swift build -c release --product assay >&2
assay="$(swift build -c release --show-bin-path)/assay"
work="$(mktemp -d)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ASSAY_KEK="$(head -c 32 /dev/urandom | base64)" "$assay" serve --port "$port" --database "sqlite:$work/bench.sqlite" --enable-tee sample \
    --log-level warning > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
"$assay" loadtest --server "http://127.0.0.1:$port" --duration "$seconds" --concurrency "$concurrency"
