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

# Python libraries for the independent cross-checks (PyPI).
if ! python3 -c 'import jwt, jwcrypto, cryptography' 2>/dev/null; then
    echo "== installing PyJWT, jwcrypto and cryptography for the interop checks"
    python3 -m pip install --quiet --disable-pip-version-check pyjwt jwcrypto cryptography
fi

# A throwaway PostgreSQL for the store suite and the scale-out tests (installed from Debian when missing).
echo "== PostgreSQL for the store and replica tests"
ASSAY_TEST_POSTGRES_URL="$(scripts/postgres-for-tests.sh)"
export ASSAY_TEST_POSTGRES_URL

echo "== swift build"
swift build --build-tests
echo "== swift test"
swift test --skip-build
echo "== interop: EAR tokens with PyJWT/jwcrypto"
python3 scripts/interop/verify_ear_with_pyjwt.py "$(swift build --show-bin-path)/assay"
echo "== all tests passed"
