import type { RawFinding } from "../../../engine/findings";
import { blockStyle, scanLoops, type LoopHit, type LoopScan } from "../code";
import { count, finding, renderResult } from "../output";
import type { Line } from "../text";
import type { Analyzer } from "./types";

const IO_IN_LOOP =
  /\.(?:execute|executemany|query|fetchone|fetchall|commit|save)\s*\(|\b(?:requests|axios|http|session|client)\.(?:get|post|put|patch|delete)\s*\(|(?<![.\w])fetch\s*\(|(?<![.\w])open\s*\(|\breadFile(?:Sync)?\s*\(|\bawait\s+[\w.]+\(/;
const LINEAR_LOOKUP = /\.(?:index|count)\s*\(|\.(?:includes|indexOf|find|findIndex)\s*\(|\bnot\s+in\s+\w+\b|\bif\s+\w+\s+in\s+\w+\s*:/;
const BLOCKING = /\btime\.sleep\s*\(|\b\w+Sync\s*\(|\brequests\.(?:get|post)\s*\(/;

const power = (depth: number): string => (depth === 2 ? "²" : depth === 3 ? "³" : `^${depth}`);

/** One finding per loop nest (grouped by its outermost loop), at the nest's deepest level. */
function nestedFindings(scan: LoopScan): RawFinding[] {
  const deepest = new Map<Line, LoopHit>();
  for (const hit of scan.loops) {
    const outer = hit.enclosing[0];
    if (!outer) continue;
    const known = deepest.get(outer);
    if (!known || hit.enclosing.length > known.enclosing.length) deepest.set(outer, hit);
  }
  return [...deepest.values()].slice(0, 6).map((hit) => {
    const comprehension = hit.enclosing.length === 1 && hit.enclosing[0] === hit.line;
    const chain = comprehension ? [hit.line] : [...hit.enclosing, hit.line];
    const depth = comprehension ? 2 : chain.length;
    return finding({
      severity: "warning",
      title: `Nested loop (O(n${power(depth)}))`,
      detail: comprehension
        ? `Line ${hit.line.number} nests two loops in one comprehension; the work grows with the product of the collection sizes.`
        : `${depth} loops nest on lines ${chain.map((l) => l.number).join(", ")}; the work grows with the product of the collection sizes.`,
      recommendation: "Index one collection in a dict/set (or Map) first, or sort and merge, to make the inner lookup O(1).",
      spans: chain,
    });
  });
}

/** HTTP calls whose argument list (up to ten lines) never mentions a timeout. */
function timeoutFindings(lines: readonly Line[]): RawFinding[] {
  const out: RawFinding[] = [];
  lines.forEach((line, i) => {
    if (!/\b(?:requests|httpx|session)\.(?:get|post|put|patch|delete|request)\s*\(/.test(line.quote)) return;
    let depth = 0;
    let call = "";
    for (const l of lines.slice(i, i + 10)) {
      call += `${l.raw}\n`;
      depth += (l.raw.match(/\(/g)?.length ?? 0) - (l.raw.match(/\)/g)?.length ?? 0);
      if (depth <= 0) break;
    }
    if (/\btimeout\s*=/.test(call)) return;
    out.push(
      finding({
        severity: "warning",
        title: "HTTP request without a timeout",
        detail: `Line ${line.number} makes a network call that can hang indefinitely if the server does not answer.`,
        recommendation: "Pass an explicit timeout (e.g. timeout=10) and handle the timeout error.",
        spans: [line],
      }),
    );
  });
  return out.slice(0, 4);
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
  const findings = [...nestedFindings(scan), ...insideLoopFindings(scan), ...timeoutFindings(index.lines), ...blockingFindings(index.lines)];
  const result = renderResult({
    title: "code performance",
    lead: `Read the block structure by ${style === "indent" ? "indentation" : "braces"}: ${count(scan.loops.length, "loop")}, ${scan.loops.filter((l) => l.enclosing.length > 0).length} nested; ${count(findings.length, "issue")}.`,
    sections: [{ heading: "Loops", lines: scan.loops.slice(0, 20).map((l) => `line ${l.line.number}${l.enclosing.length > 0 ? " (nested)" : ""}: \`${l.line.quote.slice(0, 80)}\``), empty: "No loops found." }],
    findings,
  });
  return { status: "success", result, findings };
};
