#!/usr/bin/env bash
# Builds one libFuzzer target of FuzzTesting/ with the fuzzer and address sanitizers, seeds a scratch corpus from
# the real-hardware vectors and OPA's conformance suite, and fuzzes for a given time. Usage: scripts/fuzz.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
    cat <<'EOF'
Usage: scripts/fuzz.sh --list            the fuzz targets, one per line (nothing is built)
       scripts/fuzz.sh TARGET SECONDS    build TARGET (incrementally) and fuzz it for SECONDS
       scripts/fuzz.sh --help

Each target feeds libFuzzer's inputs to one parser of untrusted bytes (Sources/FuzzEntryPoints). A run builds
FuzzTesting/.build/<config>/fuzz-TARGET with -sanitize=fuzzer,address (release by default; set
ASSAY_FUZZ_CONFIGURATION=debug for a debug build), writes the seed corpus from $ASSAY_VECTORS (default
../shared/vectors) and $ASSAY_OPA_CONFORMANCE (default ../shared/opa-conformance) into
FuzzTesting/.build/fuzz/TARGET/seeds, keeps what libFuzzer finds in FuzzTesting/.build/fuzz/TARGET/corpus,
and prints libFuzzer's final statistics (executions, executions per second).

Exit status: 0 when the time ran out without a finding; 1 when libFuzzer found a crash, timeout (10 s per input)
or out-of-memory (2048 MB): the input is kept under FuzzTesting/.build/fuzz/TARGET/artifacts/ and the commands to
reproduce and minimise it are printed; 2 for bad arguments or missing seed data in CI (CI=true).
Regression inputs go to Tests/FuzzRegressions/TARGET/ (see its README).
EOF
}

targets() {
    for folder in FuzzTesting/Sources/fuzz-*/; do
        folder=${folder%/}
        echo "${folder##*/fuzz-}"
    done
}

# Longest input libFuzzer makes, per target: above the largest real seed of its kind.
max_len() {
    case "$1" in
        cc-eventlog | tpm-evidence | hcl-report) echo 65536 ;;
        intel-collateral | json | attest-request | attested-certificate | nvidia-rim | nvidia-evidence-list) echo 32768 ;;
        snp-report | dcap-quote | x509 | nitro-document | spdm-report | corim) echo 16384 ;;
        rego | tpm-enrollment) echo 8192 ;;
        *) echo 4096 ;;
    esac
}

case "${1:-}" in
    --list) targets; exit 0 ;;
    -h | --help) usage; exit 0 ;;
esac
if [ $# -ne 2 ] || ! targets | grep -qx -- "$1" || ! [[ "$2" =~ ^[1-9][0-9]*$ ]]; then
    echo "error: expected TARGET SECONDS, with TARGET one of: $(targets | tr '\n' ' ')and SECONDS a positive integer" >&2
    echo "(scripts/fuzz.sh --help)" >&2
    exit 2
fi
target=$1
seconds=$2
configuration=${ASSAY_FUZZ_CONFIGURATION:-release}
vectors=${ASSAY_VECTORS:-$(pwd)/../shared/vectors}
opa=${ASSAY_OPA_CONFORMANCE:-$(pwd)/../shared/opa-conformance}
work=FuzzTesting/.build/fuzz/$target

# Where the seeds come from: OPA's suite for Rego, the vectors for every other target.
if [ "$target" = rego ]; then source=$opa variable=ASSAY_OPA_CONFORMANCE; else source=$vectors variable=ASSAY_VECTORS; fi
if [ ! -d "$source" ]; then
    if [ "${CI:-}" = "true" ]; then
        echo "error: the seed data is missing at $source (CI=true requires it; set $variable)" >&2
        exit 2
    fi
    echo "warning: no seed data at $source (set $variable): fuzzing $target from an empty corpus" >&2
fi

echo "== building fuzz-$target ($configuration, -sanitize=fuzzer,address)"
# The manifest lists one executable per folder of FuzzTesting/Sources: it is evaluated afresh each time (no
# manifest cache), or SwiftPM's shared cache, keyed by the manifest's text, would hide a target added since.
build=(swift build --package-path FuzzTesting -c "$configuration" --product "fuzz-$target" --manifest-cache none
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)
"${build[@]}"
binary="$("${build[@]}" --show-bin-path)/fuzz-$target"

rm -rf "$work/seeds"
mkdir -p "$work/seeds" "$work/corpus" "$work/artifacts"
seeds=0
if [ -d "$source" ]; then
    seeds=$(python3 scripts/fuzz-seeds.py "$target" "$vectors" "$opa" "$work/seeds")
fi
echo "== fuzzing $target for ${seconds}s: $seeds seeds, $(find "$work/corpus" -type f | wc -l) inputs kept from earlier runs"

log=$work/fuzz.log
before=$(find "$work/artifacts" -type f | wc -l)
status=0
# libFuzzer and ASan print a symbolised trace of a crash; Swift's own backtracer is slow under ASan.
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}
"$binary" "$work/corpus" "$work/seeds" -max_total_time="$seconds" -max_len="$(max_len "$target")" \
    -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 -artifact_prefix="$work/artifacts/" 2>&1 | tee "$log" \
    || status=$?

echo "== $target: $(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}') executions," \
    "$(grep -E '^stat::average_exec_per_sec' "$log" | awk '{print $2}') per second," \
    "peak RSS $(grep -E '^stat::peak_rss_mb' "$log" | awk '{print $2}') MB, corpus $(find "$work/corpus" -type f | wc -l) inputs"
if [ "$status" -ne 0 ] || [ "$(find "$work/artifacts" -type f | wc -l)" -gt "$before" ]; then
    artifact=$(ls -t "$work/artifacts"/* 2>/dev/null | head -1 || true)
    echo "== FAILED: libFuzzer exited with $status; the input is ${artifact:-not saved (see $log)}" >&2
    if [ -n "$artifact" ]; then
        cat >&2 <<EOF
Reproduce:  SWIFT_BACKTRACE=enable=no $binary $artifact
Minimise:   $binary -minimize_crash=1 -runs=100000 -exact_artifact_path=$work/minimised $artifact
Then add the minimised input to Tests/FuzzRegressions/$target/ (see its README) with the fix.
EOF
    fi
    exit 1
fi
