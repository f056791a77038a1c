#!/usr/bin/env bash
# Makes sure a throw-away PostgreSQL server runs for the tests, and prints its URL. Idempotent:
# reuses a server already listening, otherwise installs Debian's PostgreSQL (the `postgresql`
# package: whichever major version the release ships; the highest one installed is used) and
# starts a cluster under /tmp without systemd (the server refuses to run as root, so as root it
# runs as the `postgres` user). Only for tests: it trusts every local connection.
#
#   FOREMAN_TEST_PG_PORT   port of the test server (default 55432)
set -euo pipefail
PORT="${FOREMAN_TEST_PG_PORT:-55432}"
# The highest major version installed (empty when none is).
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
PGBIN="$(pg_bin)"
DIR="/tmp/foreman-test-pg-$PORT"
URL="postgresql://postgres@localhost:$PORT/postgres"

# Test files that start it at the same moment take turns: one starts the server, the others find it.
exec 9>"/tmp/foreman-test-pg-$PORT.lock"
flock 9

if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  if command -v apt-get >/dev/null; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
    PGBIN="$(pg_bin)"
  else
    echo "PostgreSQL is missing: install Debian's postgresql package (/usr/lib/postgresql/*/bin)." >&2
    exit 1
  fi
fi

# From /tmp: the postgres user may not be able to read the caller's working directory.
as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "cd /tmp && $1"; else sh -c "cd /tmp && $1"; fi; }

if ! "$PGBIN/pg_isready" -q -h localhost -p "$PORT"; then
  # An interrupted initdb leaves a data directory without PG_VERSION, which initdb refuses: start over.
  if [ -d "$DIR/data" ] && [ ! -f "$DIR/data/PG_VERSION" ]; then rm -rf "$DIR/data"; fi
  mkdir -p "$DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DIR"
  [ -f "$DIR/data/PG_VERSION" ] || as_pg "$PGBIN/initdb -D $DIR/data -A trust -U postgres" >/dev/null
  # Many test processes (web + workers, each with a pool and a LISTEN connection) share it.
  as_pg "$PGBIN/pg_ctl -D $DIR/data -l $DIR/log -o '-p $PORT -k $DIR -c max_connections=400 -c fsync=off' -w start" >&2 9>&-   # the server must not inherit the lock
fi
echo "$URL"
