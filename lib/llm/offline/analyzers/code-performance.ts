import type { RawFinding } from "../../../engine/findings";
import { blockStyle, scanLoops, type LoopScan } from "../code";
import { count, finding, renderResult } from "../output";
import type { Line } from "../text";
import type { Analyzer } from "./types";

const IO_IN_LOOP =
  /\.(?:execute|executemany|query|fetchone|fetchall|commit|save)\s*\(|\b(?:requests|axios|http|session|client)\.(?:get|post|put|patch|delete)\s*\(|(?<![.\w])fetch\s*\(|(?<![.\w])open\s*\(|\breadFile(?:Sync)?\s*\(|\bawait\s+[\w.]+\(/;
const LINEAR_LOOKUP = /\.(?:index|count)\s*\(|\.(?:includes|indexOf|find|findIndex)\s*\(|\bnot\s+in\s+\w+\b|\bif\s+\w+\s+in\s+\w+\s*:/;
const BLOCKING = /\btime\.sleep\s*\(|\b\w+Sync\s*\(|\brequests\.(?:get|post)\s*\(/;

function nestedFindings(scan: LoopScan): RawFinding[] {
  return scan.loops
    .filter((l) => l.enclosing.length > 0)
    .slice(0, 6)
    .map((l) => {
      const self = l.enclosing.length === 1 && l.enclosing[0] === l.line;
      const depth = self ? 2 : l.enclosing.length + 1;
      const spans: Line[] = self ? [l.line] : [l.enclosing[0] ?? l.line, l.line];
      return finding({
        severity: "warning",
        title: `Nested loop (O(n${depth === 2 ? "²" : depth === 3 ? "³" : `^${depth}`}))`,
        detail: `Line ${l.line.number} loops inside ${self ? "another loop on the same line (comprehension)" : `the loop on line ${l.enclosing[0]?.number ?? "?"}`}; the work grows with the product of the collection sizes.`,
        recommendation: "Index one collection in a dict/set (or Map) first, or sort and merge, to make the inner lookup O(1).",
        spans,
      });
    });
}

function insideLoopFindings(scan: LoopScan): RawFinding[] {
  const io = scan.inLoop.filter((x) => IO_IN_LOOP.test(x.line.quote)).slice(0, 4);
  const lookups = scan.inLoop.filter((x) => LINEAR_LOOKUP.test(x.line.quote) && !IO_IN_LOOP.test(x.line.quote)).slice(0, 3);
  return [
    ...io.map((x) =>
      finding({
        severity: "warning",
        title: "Query or I/O inside a loop",
        detail: `Line ${x.line.number} performs a query, request, file access or await on every iteration of the loop on line ${x.loop.number} (N+1 pattern).`,
        recommendation: "Batch the work: fetch everything in one query/request before the loop, or run requests concurrently.",
        spans: [x.loop, x.line],
      }),
    ),
    ...lookups.map((x) =>
      finding({
        severity: "info",
        title: "Linear search inside a loop",
        detail: `Line ${x.line.number} searches a sequence on every iteration of the loop on line ${x.loop.number}.`,
        recommendation: "Build a set or dict once before the loop for O(1) membership tests.",
        spans: [x.line],
      }),
    ),
  ];
}

function blockingFindings(lines: readonly Line[]): RawFinding[] {
  const asyncCode = lines.some((l) => /\basync\s+(?:def|function)\b|\basync\s*\(/.test(l.quote));
  if (!asyncCode) return [];
  return lines
    .filter((l) => BLOCKING.test(l.quote))
    .slice(0, 3)
    .map((l) =>
      finding({
        severity: "info",
        title: "Blocking call in async code",
        detail: `Line ${l.number} blocks the event loop while other tasks wait.`,
        recommendation: "Use the asynchronous equivalent (asyncio.sleep, fs/promises, an async HTTP client).",
        spans: [l],
      }),
    );
}

export const codePerformance: Analyzer = ({ document, index }) => {
  const style = blockStyle(document, index);
  const scan = scanLoops(index, style);
  const findings = [...nestedFindings(scan), ...insideLoopFindings(scan), ...blockingFindings(index.lines)];
  const result = renderResult({
    title: "code performance",
    lead: `Read the block structure by ${style === "indent" ? "indentation" : "braces"}: ${count(scan.loops.length, "loop")}, ${scan.loops.filter((l) => l.enclosing.length > 0).length} nested; ${count(findings.length, "issue")}.`,
    sections: [{ heading: "Loops", lines: scan.loops.slice(0, 20).map((l) => `line ${l.line.number}${l.enclosing.length > 0 ? " (nested)" : ""}: \`${l.line.quote.slice(0, 80)}\``), empty: "No loops found." }],
    findings,
  });
  return { status: "success", result, findings };
};
