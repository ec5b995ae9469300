#!/usr/bin/env bash
# The main job on embedded defaults: build Assay, attest a workload with the Sample TEE, verify the evidence,
# and print the signed EAR attestation result with its trust vector. Usage: scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product assay >&2
assay="$(swift build -c release --show-bin-path)/assay"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

printf 'print("hello from the workload")\n' > "$work/app.py"
printf '{"nonce":"%s"}' "$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')" > "$work/runtime-data.json"
"$assay" keys generate --out "$work/signing-key.pem" >/dev/null
"$assay" attest --tee sample --workload "$work/app.py" --runtime-data "$work/runtime-data.json" --out "$work/evidence.bin"
"$assay" verify --tee sample --evidence "$work/evidence.bin" --runtime-data "$work/runtime-data.json" \
    --signing-key "$work/signing-key.pem"
