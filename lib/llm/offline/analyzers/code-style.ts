import type { RawFinding } from "../../../engine/findings";
import { blockStyle, functionsOf, isComment, nextCodeLine, type FunctionInfo } from "../code";
import { count, finding, renderResult } from "../output";
import type { Line, TextIndex } from "../text";
import type { Analyzer } from "./types";

const LONG_FUNCTION = 50;
const MARKER = /\b(?:TODO|FIXME|HACK|XXX)\b/;

function docstringFindings(fns: readonly FunctionInfo[]): RawFinding[] {
  return fns
    .filter((f) => !f.documented && !f.name.startsWith("_"))
    .slice(0, 8)
    .map((f) =>
      finding({
        severity: "info",
        title: "Function without a docstring",
        detail: `\`${f.name}\` (line ${f.header.number}) is public but has no docstring or doc comment.`,
        recommendation: "Add a short docstring: what it does, its arguments, what it returns or raises.",
        spans: [f.header],
      }),
    );
}

function longFindings(fns: readonly FunctionInfo[]): RawFinding[] {
  return fns
    .filter((f) => f.bodyLines > LONG_FUNCTION)
    .map((f) =>
      finding({
        severity: "info",
        title: "Long function",
        detail: `\`${f.name}\` has ${f.bodyLines} lines of body; long functions are hard to test and review.`,
        recommendation: "Split it into smaller functions with one responsibility each.",
        spans: [f.header],
      }),
    );
}

function markerFindings(lines: readonly Line[]): RawFinding[] {
  return lines
    .filter((l) => MARKER.test(l.quote))
    .slice(0, 6)
    .map((l) =>
      finding({
        severity: "info",
        title: `${MARKER.exec(l.quote)?.[0] ?? "TODO"} left in code`,
        detail: `Line ${l.number} marks unfinished or known-bad code.`,
        recommendation: "Resolve it or track it in the issue tracker with a link.",
        spans: [l],
      }),
    );
}

/** `except:` / `except Exception: pass` / empty `catch {}`: errors disappear silently. */
function swallowedFindings(index: TextIndex): RawFinding[] {
  const out: RawFinding[] = [];
  index.lines.forEach((l, i) => {
    if (isComment(l)) return;
    const next = index.lines[nextCodeLine(index.lines, i + 1)];
    const bare = /^except\s*:/.test(l.quote);
    const broadPass = /^except\s+(?:Exception|BaseException)\b[^:]*:\s*(?:pass)?$/.test(l.quote) && (/:\s*pass$/.test(l.quote) || next?.quote === "pass");
    const emptyCatch = /\bcatch\s*(?:\([^)]*\))?\s*\{\s*\}/.test(l.quote) || (/\bcatch\s*(?:\([^)]*\))?\s*\{$/.test(l.quote) && next?.quote === "}");
    if (!bare && !broadPass && !emptyCatch) return;
    out.push(
      finding({
        severity: "warning",
        title: bare ? "Bare except" : "Exception swallowed",
        detail: `Line ${l.number} ${bare ? "catches every exception, including KeyboardInterrupt and SystemExit" : "catches errors and discards them"}, hiding failures.`,
        recommendation: "Catch the specific exceptions you expect and log or re-raise the rest.",
        spans: [l],
      }),
    );
  });
  return out.slice(0, 6);
}

export const codeStyle: Analyzer = ({ document, index }) => {
  const style = blockStyle(document, index);
  const fns = functionsOf(index, style);
  const findings = [...swallowedFindings(index), ...docstringFindings(fns), ...longFindings(fns), ...markerFindings(index.lines)];
  const documented = fns.filter((f) => f.documented).length;
  const result = renderResult({
    title: "code style & docs",
    lead: `Found ${count(fns.length, "function")} (${documented} documented); ${count(findings.length, "issue")}.`,
    sections: [{ heading: "Functions", lines: fns.slice(0, 25).map((f) => `\`${f.name}\` — line ${f.header.number}, ${count(f.bodyLines, "line")}${f.documented ? "" : ", no docstring"}`), empty: "No functions found." }],
    findings,
  });
  return { status: "success", result, findings };
};
