import { describe, expect, it } from "vitest";
import { DEFAULT_REQUEST } from "@/lib/engine/plan";
import { loadFixture, runOfflinePipeline } from "../support/offline-pipeline";

/** The offline report reads as written English: "1 more info point", "3 more info points", never "point(s)". */
const FILES = ["contract.txt", "apache-2.0.txt", "gpl-3.0.txt", "mpl-2.0.txt", "news.html", "report.md", "injection.txt", "kinds/manual.md", "kinds/privacy-policy.md"];

/** The report's own words: quoted document passages ("> …" lines and “…” quotes) may say "License(s)" themselves. */
const ownWords = (narrative: string): string =>
  narrative
    .split("\n")
    .filter((l) => !l.startsWith(">"))
    .join("\n")
    .replace(/“[^”]*”/g, "“…”");

describe("offline report wording", () => {
  it.each(FILES)("%s: no “(s)” plural in the synthesis", async (file) => {
    const { narrative } = runOfflinePipeline(await loadFixture(file), DEFAULT_REQUEST);
    expect(ownWords(narrative)).not.toMatch(/\w\(s\)/);
  });

  it("counts the points it leaves out in the singular and the plural", async () => {
    const narratives = await Promise.all(FILES.map(async (f) => runOfflinePipeline(await loadFixture(f), DEFAULT_REQUEST).narrative));
    const more = narratives.flatMap((n) => [...n.matchAll(/…and (\d+) more (?:critical|warning|info) (\w+) in the task outputs/g)]).map((m) => [Number(m[1]), m[2]] as const);
    expect(more.some(([n]) => n === 1)).toBe(true);
    expect(more.some(([n]) => n > 1)).toBe(true);
    for (const [n, noun] of more) expect(noun).toBe(n === 1 ? "point" : "points");
  });
});
