import path from "node:path";

/**
 * What a DATABASE_URL points at. Table-driven by scheme so another store (PostgreSQL, #14) is one
 * more entry here plus a check in database-check.ts.
 */
export type DatabaseTarget = { kind: "sqlite"; file: string };

export const DATABASE_URL_HELP = "expected a SQLite file URL such as file:./data/foreman.db (relative paths start from the folder the server runs in)";

const SCHEMES: Record<string, (url: string) => DatabaseTarget | undefined> = {
  "file:": (url) => {
    const file = url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    // libsql takes only a path after `file:`; query options and `:memory:` would lose every run on restart.
    if (file === "" || file.includes("?") || file.includes("#") || file === ":memory:") return undefined;
    return { kind: "sqlite", file: path.resolve(/*turbopackIgnore: true*/ process.cwd(), file) };
  },
};

/** The database a URL names, or undefined when Foreman cannot use that URL. */
export function databaseTarget(url: string): DatabaseTarget | undefined {
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0].toLowerCase();
  const parse = scheme ? SCHEMES[scheme] : undefined;
  return parse?.(url);
}
