/**
 * Writes prisma/schema.prisma (SQLite) and prisma/postgres/schema.prisma (PostgreSQL) from the one
 * source of truth, prisma/models.prisma.txt: a schema has one datasource and its provider cannot
 * come from the environment, so each provider gets its own file with the same models.
 *
 *   npx tsx scripts/generate-schemas.ts          # write both
 *   npx tsx scripts/generate-schemas.ts --check  # exit 1 if either is out of date
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const models = readFileSync(path.join(root, "prisma/models.prisma.txt"), "utf8");

const HEADER = `// GENERATED from prisma/models.prisma.txt by scripts/generate-schemas.ts: edit that file, then run
// \`npx tsx scripts/generate-schemas.ts\` and create a migration for each provider (README: Database).
//
// Foreman's store. The run event log (RunEvent) is the source of truth; Run and Task rows are
// projections of it kept in the same transaction, for listing and searching without replay.
// JSON columns are strings validated with zod when read back (lib/server/json-columns.ts).
`;

export const SCHEMAS = [
  { file: "prisma/schema.prisma", provider: "sqlite", output: "../lib/generated/prisma" },
  { file: "prisma/postgres/schema.prisma", provider: "postgresql", output: "../../lib/generated/prisma-postgres" },
] as const;

export function schemaText(provider: string, output: string): string {
  return `${HEADER}
generator client {
  provider = "prisma-client"
  output   = "${output}"
}

datasource db {
  provider = "${provider}"
}

${models}`;
}

const check = process.argv.includes("--check");
let stale = false;
for (const { file, provider, output } of SCHEMAS) {
  const target = path.join(root, file);
  const text = schemaText(provider, output);
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {
    // missing: written below, or reported as stale
  }
  if (current === text) continue;
  if (check) {
    console.error(`${file} is out of date: run npx tsx scripts/generate-schemas.ts`);
    stale = true;
  } else writeFileSync(target, text);
}
if (stale) process.exit(1);
