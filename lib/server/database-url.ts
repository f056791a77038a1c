import path from "node:path";

/**
 * What a DATABASE_URL points at. Table-driven by scheme so another store (PostgreSQL, #14) is one
 * more entry here plus a check in database-check.ts.
 */
export type DatabaseTarget = { kind: "sqlite"; file: string } | { kind: "postgresql"; url: string };

export const DATABASE_URL_HELP =
  "expected a SQLite file URL such as file:./data/foreman.db (relative paths start from the folder the server runs in), or a PostgreSQL URL such as postgresql://user:password@host:5432/foreman";

/** `postgresql://user:password@host:port/database`: a host and a database name are required. */
const postgres = (url: string): DatabaseTarget | undefined => {
  try {
    const parsed = new URL(url);
    return parsed.hostname && parsed.pathname.length > 1 ? { kind: "postgresql", url } : undefined;
  } catch {
    return undefined;
  }
};

const SCHEMES: Record<string, (url: string) => DatabaseTarget | undefined> = {
  "file:": (url) => {
    const file = url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    // libsql takes only a path after `file:`; query options and `:memory:` would lose every run on restart.
    if (file === "" || file.includes("?") || file.includes("#") || file === ":memory:") return undefined;
    return { kind: "sqlite", file: path.resolve(/*turbopackIgnore: true*/ process.cwd(), file) };
  },
  "postgresql:": postgres,
  "postgres:": postgres,
};

/** The database a URL names, or undefined when Foreman cannot use that URL. */
export function databaseTarget(url: string): DatabaseTarget | undefined {
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0].toLowerCase();
  const parse = scheme ? SCHEMES[scheme] : undefined;
  return parse?.(url);
}
