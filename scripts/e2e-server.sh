#!/usr/bin/env bash
# The production server for end-to-end tests: a fresh database in a temp dir, the offline engine
# slowed (about 2 s a run) so a run can be watched, reloaded and canceled while it is live.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${1:-3100}"
DIR="$(mktemp -d)"
export NEXT_TELEMETRY_DISABLED=1
export DATABASE_URL="file:$DIR/e2e.db"
export FOREMAN_BACKEND="${FOREMAN_BACKEND:-offline}"
export FOREMAN_OFFLINE_DELAY_MS="${FOREMAN_OFFLINE_DELAY_MS:-100}"
# A small upload limit, so the oversize case needs only a small test file.
export FOREMAN_MAX_UPLOAD_MB="${FOREMAN_MAX_UPLOAD_MB:-1}"
unset ANTHROPIC_API_KEY FOREMAN_ACCESS_TOKEN
export NODE_OPTIONS="--import ./scripts/http-timeouts.mjs ${NODE_OPTIONS:-}"
exec npx next start --hostname 127.0.0.1 --port "$PORT"
