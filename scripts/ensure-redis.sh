#!/usr/bin/env bash
# Makes sure a throw-away Redis server runs for the tests of the Redis queue backend, and prints
# its URL. Idempotent: reuses a server already answering on the port, otherwise installs Debian's
# redis-server when missing and starts it without systemd (in the background, nothing saved to
# disk, listening on 127.0.0.1 only). Only for tests: no password.
#
#   FOREMAN_TEST_REDIS_PORT   port of the test server (default 56379)
set -euo pipefail
PORT="${FOREMAN_TEST_REDIS_PORT:-56379}"
URL="redis://127.0.0.1:$PORT"

# Test files that start it at the same moment take turns: one starts the server, the others find it.
exec 9>"/tmp/foreman-test-redis-$PORT.lock"
flock 9

if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
  if command -v apt-get >/dev/null; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    # Without systemd the package's own service start fails harmlessly; we start our own below.
    $SUDO apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server >&2 || command -v redis-server >/dev/null
  else
    echo "Redis is missing: install Debian's redis-server package." >&2
    exit 1
  fi
fi

if ! redis-cli -h 127.0.0.1 -p "$PORT" ping >/dev/null 2>&1; then
  redis-server --port "$PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --dir /tmp --pidfile "/tmp/foreman-test-redis-$PORT.pid" --logfile "/tmp/foreman-test-redis-$PORT.log" 9>&-   # must not inherit the lock
  for _ in $(seq 1 100); do
    redis-cli -h 127.0.0.1 -p "$PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  redis-cli -h 127.0.0.1 -p "$PORT" ping >/dev/null || { echo "Redis did not start on port $PORT (see /tmp/foreman-test-redis-$PORT.log)" >&2; exit 1; }
fi
echo "$URL"
