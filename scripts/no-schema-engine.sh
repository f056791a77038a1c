#!/bin/sh
# Placeholder for Prisma's native schema engine, which cannot be downloaded here. `prisma generate`
# only checks that it exists; migrations are applied by lib/server/migrate.ts at start-up.
echo "schema engine not available offline; use ../shared/tools/prisma-offline" >&2
exit 1
