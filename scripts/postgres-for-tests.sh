#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for Assay's tests and prints its URL on stdout.
# Installs Debian's postgresql package when missing. The cluster lives in $ASSAY_PG_DIR (default
# /tmp/assay-test-pg), listens on 127.0.0.1:$ASSAY_PG_PORT (default 55432) with trust auth, and is reused when
# already running. Stop it with: scripts/postgres-for-tests.sh stop
set -euo pipefail
dir="${ASSAY_PG_DIR:-/tmp/assay-test-pg}"
port="${ASSAY_PG_PORT:-55432}"
url="postgres://assay@127.0.0.1:${port}/assay_test?sslmode=disable"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "installing postgresql (Debian package) for the store tests" >&2
    as_root apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >&2
    bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# PostgreSQL refuses to run as root: run it as the 'postgres' user when we are root.
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ "${1:-}" = "stop" ]; then
    run_pg "$bindir/pg_ctl" -D "$dir" -m fast stop >&2 || true
    exit 0
fi

if ! run_pg "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    if [ ! -f "$dir/PG_VERSION" ]; then
        as_root mkdir -p "$dir"
        [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
        run_pg "$bindir/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 >/dev/null
    fi
    run_pg "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on" start >&2
fi
psql_as() { "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
psql_as -c "SELECT 1 FROM pg_roles WHERE rolname='assay'" | grep -q 1 || psql_as -c "CREATE ROLE assay LOGIN CREATEDB"
psql_as -c "ALTER ROLE assay CREATEDB"
psql_as -c "SELECT 1 FROM pg_database WHERE datname='assay_test'" | grep -q 1 || psql_as -c "CREATE DATABASE assay_test OWNER assay"
echo "$url"
