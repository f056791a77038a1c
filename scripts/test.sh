#!/usr/bin/env bash
# npm test: every check and test — types, lint, unit + integration (Vitest), end-to-end (Playwright
# against the production build in Debian's Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

[ -d node_modules ] || npm ci
bash scripts/ensure-chromium.sh
bash scripts/ensure-poppler.sh   # pdftotext: the reading-order reference for PDF tests
# PostgreSQL for the scale-out tests: a throw-away server, started (and installed) when missing.
FOREMAN_TEST_PG_URL="$(bash scripts/ensure-postgres.sh)"; export FOREMAN_TEST_PG_URL
# Redis for the test of the Redis queue backend: a throw-away server, started (and installed) when missing.
FOREMAN_TEST_REDIS_URL="$(bash scripts/ensure-redis.sh)"; export FOREMAN_TEST_REDIS_URL
npm run postinstall >/dev/null

# Each phase names itself with the seconds since the start, so a slow phase is visible in CI logs.
phase() { echo "== $1 (at ${SECONDS} s)"; }
phase "typecheck"; npx tsc --noEmit
phase "lint"; npx eslint . --max-warnings 0
phase "unit + integration"; npx vitest run
phase "build"; npx next build >/dev/null
phase "system (crash and restart of the built server)"; FOREMAN_TEST_SUITE=system npx vitest run
phase "end to end"; npx playwright test
phase "done"
