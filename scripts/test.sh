#!/usr/bin/env bash
# Runs Assay's whole test suite on a fresh machine: installs what the tests need, builds, runs the Swift tests
# and the independent interoperability checks. Usage: scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

export ASSAY_VECTORS="${ASSAY_VECTORS:-$(pwd)/../shared/vectors}"
export ASSAY_OPA_CONFORMANCE="${ASSAY_OPA_CONFORMANCE:-$(pwd)/../shared/opa-conformance}"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# SQLite's headers and library: the Storage module links the system libsqlite3 (Debian's libsqlite3-dev).
if [ ! -f /usr/include/sqlite3.h ]; then
    echo "== installing libsqlite3-dev (the embedded store links the system SQLite)"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq libsqlite3-dev
fi

# RE2's headers and library: the Rego regex built-ins link the system libre2 (Debian's libre2-dev) through CRE2.
if [ ! -f /usr/include/re2/re2.h ]; then
    echo "== installing libre2-dev (the Rego regex built-ins link the system RE2)"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq libre2-dev
fi

# xmlsec's headers and library with its OpenSSL engine: NVIDIA RIMs' XML signatures go through CXMLSec, which
# finds them with pkg-config (xmlsec1-openssl).
if [ ! -f /usr/include/xmlsec1/xmlsec/xmlsec.h ] || ! command -v pkg-config >/dev/null 2>&1; then
    echo "== installing libxmlsec1-dev and pkg-config (NVIDIA RIM signatures link the system xmlsec)"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq libxmlsec1-dev pkg-config
fi

# Python libraries for the independent cross-checks (PyPI).
if ! python3 -c 'import jwt, jwcrypto, cryptography, cbor2' 2>/dev/null; then
    echo "== installing PyJWT, jwcrypto, cryptography and cbor2 for the interop checks"
    # PyPI first; a Debian python3 marked externally managed (PEP 668) or without pip gets Debian's packages.
    python3 -m pip install --quiet --disable-pip-version-check pyjwt jwcrypto cryptography cbor2 2>/dev/null || {
        as_root apt-get update -qq
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq python3-jwt python3-jwcrypto python3-cryptography python3-cbor2
    }
    python3 -c 'import jwt, jwcrypto, cryptography, cbor2' || {
        echo "error: python3 cannot import jwt, jwcrypto, cryptography and cbor2 (PyJWT, jwcrypto, cryptography, cbor2);" \
             "install them for $(command -v python3) and run again" >&2
        exit 1
    }
fi

# OpenSSL's command line: the attested-TLS tests read certificates with s_client and run s_server as a relay.
if ! command -v openssl >/dev/null 2>&1; then
    echo "== installing openssl for the attested TLS tests"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq openssl
fi

# sev-snp-measure (PyPI) is the independent oracle for SEV-SNP launch digests; Debian's OVMF.fd (package ovmf,
# extracted, not installed) is the full firmware image the cross-check measures. The same image carries TDVF
# metadata: the TDX MRTD tests measure it and compare with scripts/interop/tdx_measure_reference.py.
if ! python3 -c 'import sevsnpmeasure' 2>/dev/null; then
    echo "== installing sev-snp-measure for the launch-digest cross-check"
    python3 -m pip install --quiet --disable-pip-version-check sev-snp-measure 2>/dev/null \
        || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages sev-snp-measure
    python3 -c 'import sevsnpmeasure' || { echo "error: python3 cannot import sevsnpmeasure (pip install sev-snp-measure)" >&2; exit 1; }
fi
firmware_dir="$(pwd)/.build/test-firmware"
export ASSAY_OVMF="${ASSAY_OVMF:-${firmware_dir}/usr/share/ovmf/OVMF.fd}"
if [ ! -f "$ASSAY_OVMF" ]; then
    echo "== extracting Debian's OVMF.fd for the launch-digest cross-check"
    mkdir -p "$firmware_dir/download"
    ( cd "$firmware_dir/download" && { apt-get download ovmf 2>/dev/null || { as_root apt-get update -qq && apt-get download ovmf; }; } )
    dpkg -x "$firmware_dir"/download/ovmf_*.deb "$firmware_dir"
    [ -f "$ASSAY_OVMF" ] || { echo "error: no OVMF.fd at $ASSAY_OVMF after extracting Debian's ovmf package" >&2; exit 1; }
fi

# schemathesis (PyPI) checks the API against its own OpenAPI document.
if ! command -v st >/dev/null 2>&1; then
    echo "== installing schemathesis for the API contract test"
    python3 -m pip install --quiet --disable-pip-version-check schemathesis 2>/dev/null \
        || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages schemathesis
    command -v st >/dev/null 2>&1 || {
        echo "error: schemathesis installed but 'st' is not on PATH; add $(python3 -m site --user-base)/bin to PATH" >&2
        exit 1
    }
fi

# TPM tests run a real software TPM (swtpm, with EK certificates from a local CA) and the reference client
# (tpm2-tools), from Debian; the swtpm tests fail rather than skip in CI (CI=true) when they are missing.
tpm_packages=()
for program_package in swtpm:swtpm swtpm_setup:swtpm-tools swtpm_localca:swtpm-tools tpm2_quote:tpm2-tools; do
    command -v "${program_package%%:*}" >/dev/null 2>&1 || tpm_packages+=("${program_package##*:}")
done
if [ ${#tpm_packages[@]} -gt 0 ]; then
    packages=$(printf '%s\n' "${tpm_packages[@]}" | sort -u | tr '\n' ' ')
    echo "== installing ${packages}for the TPM tests (apt-get)"
    as_root apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq $packages
fi

# A throwaway PostgreSQL for the store suite and the scale-out tests (installed from Debian when missing).
echo "== PostgreSQL for the store and replica tests"
ASSAY_TEST_POSTGRES_URL="$(scripts/postgres-for-tests.sh)"
export ASSAY_TEST_POSTGRES_URL

echo "== Package.swift names every module the targets import, and nothing else"
scripts/check-package.py
echo "== swift build"
swift build --build-tests
echo "== swift test"
swift test --skip-build
# Every fuzz target briefly (a debug build with the fuzzer and address sanitizers, seeded from the vectors): a
# parser that crashes on what a few thousand mutations reach fails the run. Long runs: scripts/fuzz.sh TARGET 600.
echo "== fuzzing: each target for ${ASSAY_FUZZ_SECONDS:=10} s"
fuzz_log="$(mktemp)"
for target in $(scripts/fuzz.sh --list); do
    if ! ASSAY_FUZZ_CONFIGURATION="${ASSAY_FUZZ_CONFIGURATION:-debug}" scripts/fuzz.sh "$target" "$ASSAY_FUZZ_SECONDS" \
        > "$fuzz_log" 2>&1; then
        tail -80 "$fuzz_log" >&2
        echo "error: fuzz target $target failed (its output above; the input is kept as it says)" >&2
        exit 1
    fi
    grep -E '^== ' "$fuzz_log"
done
rm -f "$fuzz_log"
echo "== API contract: schemathesis against assay serve"
scripts/schemathesis.sh
echo "== interop: EAR tokens with PyJWT/jwcrypto"
python3 scripts/interop/verify_ear_with_pyjwt.py "$(swift build --show-bin-path)/assay"
echo "== all tests passed"
