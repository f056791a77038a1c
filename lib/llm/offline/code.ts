import type { Document } from "../../documents/document";
import type { Line, TextIndex } from "./text";

/**
 * Light structural reading of source code shared by the three code analysers: which lines are
 * code, where loops nest, where functions start and end. Block structure comes from indentation
 * (Python-like) or braces (C-like); no parser, so strings containing braces can confuse it.
 */
export type BlockStyle = "indent" | "braces";

export function blockStyle(document: Document, index: TextIndex): BlockStyle {
  const lang = (document.language ?? "").toLowerCase();
  if (/python|^py$/.test(lang) || /\.py$/i.test(document.fileName)) return "indent";
  if (lang) return "braces";
  const pythonic = index.lines.filter((l) => /^(?:def|class|for|while|if|elif|else|try|except|with)\b.*:$/.test(l.quote)).length;
  const braces = index.lines.filter((l) => /[{}]$/.test(l.quote)).length;
  return pythonic > braces ? "indent" : "braces";
}

export function isComment(line: Line): boolean {
  return /^(?:#|\/\/|\/\*|\*|--|;)/.test(line.quote) && !/^#include|^#!|^#\[/.test(line.quote);
}

/** Non-blank, non-comment lines. */
export function codeLines(index: TextIndex): Line[] {
  return index.lines.filter((l) => l.quote.length > 0 && !isComment(l));
}

const LOOP_INDENT = /^(?:async\s+)?(?:for|while)\b.*:\s*(?:#.*)?$/;
const LOOP_BRACES = /^(?:for|while|do)\b\s*[({]?|\.(?:forEach|map|filter|reduce|some|every|flatMap)\s*\(|^foreach\b/;
const COMPREHENSION = /\bfor\b[^\]\n)]*\bin\b[^\]\n)]*\bfor\b[^\]\n)]*\bin\b/;

export type LoopHit = { line: Line; enclosing: Line[] };
export type LoopScan = { loops: LoopHit[]; inLoop: { line: Line; loop: Line }[] };

function braceDelta(line: string): number {
  const bare = line.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, "").replace(/\/\/.*$/, "");
  return (bare.match(/\{/g)?.length ?? 0) - (bare.match(/\}/g)?.length ?? 0);
}

/** Every loop with the loops that enclose it, and every code line inside a loop body. */
export function scanLoops(index: TextIndex, style: BlockStyle): LoopScan {
  const loops: LoopHit[] = [];
  const inLoop: { line: Line; loop: Line }[] = [];
  const stack: { line: Line; level: number }[] = [];
  let depth = 0;
  for (const line of codeLines(index)) {
    const level = style === "indent" ? line.indent : depth;
    // Leaving a body: indentation back to the loop's level, or braces closed below the body.
    while (stack.length > 0 && (style === "indent" ? level <= (stack.at(-1)?.level ?? -1) : level < (stack.at(-1)?.level ?? 0))) stack.pop();
    const innermost = stack.at(-1);
    if (innermost) inLoop.push({ line, loop: innermost.line });
    const isLoop = style === "indent" ? LOOP_INDENT.test(line.quote) : LOOP_BRACES.test(line.quote);
    if (isLoop) {
      loops.push({ line, enclosing: stack.map((s) => s.line) });
      const delta = braceDelta(line.raw);
      if (style === "indent") stack.push({ line, level });
      else if (delta > 0) stack.push({ line, level: depth + 1 });
    } else if (COMPREHENSION.test(line.quote)) {
      loops.push({ line, enclosing: [line] });
    }
    if (style === "braces") depth = Math.max(0, depth + braceDelta(line.raw));
  }
  return { loops, inLoop };
}

export type FunctionInfo = { header: Line; name: string; documented: boolean; bodyLines: number };

const PY_DEF = /^(?:async\s+)?def\s+(\w+)\s*\(/;
const C_FUNCTION =
  /^(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*(\w+)|^(?:export\s+)?(?:const|let)\s+(\w+)\s*=\s*(?:async\s*)?(?:\([^)]*\)|\w+)\s*=>|^(?:public|private|protected|static|func|fn|def)\s+(?:[\w<>[\],\s]+\s+)?(\w+)\s*\(/;
const DOCSTRING = /^[rRuUbBfF]{0,2}("""|'''|"|')/;

/** Index of the first non-blank line after `from` (or -1). */
export function nextCodeLine(all: readonly Line[], from: number): number {
  for (let i = from; i < all.length; i++) if (all[i]?.quote) return i;
  return -1;
}

function pythonFunctions(index: TextIndex): FunctionInfo[] {
  const all = index.lines;
  const out: FunctionInfo[] = [];
  all.forEach((line, i) => {
    const m = PY_DEF.exec(line.quote);
    if (!m?.[1]) return;
    let headerEnd = i;
    while (headerEnd < all.length - 1 && !/:\s*(?:#.*)?$/.test(all[headerEnd]?.quote ?? "")) headerEnd++;
    const first = all[nextCodeLine(all, headerEnd + 1)];
    let bodyLines = 0;
    for (let j = headerEnd + 1; j < all.length; j++) {
      const l = all[j] as Line;
      if (!l.quote) continue;
      if (l.indent <= line.indent) break;
      bodyLines++;
    }
    out.push({ header: line, name: m[1], documented: first !== undefined && first.indent > line.indent && DOCSTRING.test(first.quote), bodyLines });
  });
  return out;
}

function braceFunctions(index: TextIndex): FunctionInfo[] {
  const all = index.lines;
  const out: FunctionInfo[] = [];
  let previous: Line | undefined;
  all.forEach((line, i) => {
    const before = previous;
    if (line.quote) previous = line;
    const m = C_FUNCTION.exec(line.quote);
    const name = m?.[1] ?? m?.[2] ?? m?.[3];
    if (!name || /^(?:if|for|while|switch|catch|return)$/.test(name)) return;
    const documented = before !== undefined && (/\*\/$/.test(before.quote) || /^(?:\/\/\/|\/\/|#)/.test(before.quote) || /^@/.test(before.quote));
    let depth = 0;
    let j = i;
    for (; j < all.length; j++) {
      depth += braceDelta(all[j]?.raw ?? "");
      if (j > i && depth <= 0) break;
    }
    out.push({ header: line, name, documented, bodyLines: Math.max(0, j - i - 1) });
  });
  return out;
}

export function functionsOf(index: TextIndex, style: BlockStyle): FunctionInfo[] {
  return style === "indent" ? pythonFunctions(index) : braceFunctions(index);
}
