#!/usr/bin/env bash
# npm start: build if needed, then serve the production app (SQLite + offline engine by default).
# The database is created and migrated by the app itself at start-up (instrumentation.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

[ -d node_modules ] || npm ci
[ -f lib/generated/prisma/client.ts ] && [ -f lib/generated/prisma-postgres/client.ts ] || npm run postinstall >/dev/null

# Rebuild when there is no build or a source file is newer than it.
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib instrumentation.ts next.config.mjs tailwind.config.ts -newer .next/BUILD_ID -type f -print -quit 2>/dev/null)" ]; then
  npx next build
fi

# FOREMAN_ROLE=worker (npm run worker) listens on 3001 unless PORT is set, for its /api/health.
DEFAULT_PORT=3000; [ "${FOREMAN_ROLE:-all}" = worker ] && DEFAULT_PORT=3001
# The header timeout (FOREMAN_HEADER_TIMEOUT_MS) is set on the server Next creates by this preload.
export NODE_OPTIONS="--import ./scripts/http-timeouts.mjs ${NODE_OPTIONS:-}"
exec npx next start --hostname "${HOST:-127.0.0.1}" --port "${PORT:-$DEFAULT_PORT}"
