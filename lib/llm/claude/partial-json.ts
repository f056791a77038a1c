/**
 * Streams the value of one top-level string field out of a JSON object that arrives in chunks
 * (structured output streamed as text deltas). Each `push` returns only the newly decoded text, so
 * a worker's `result` can be shown while the rest of its JSON (findings) is still being written.
 *
 * A single left-to-right state machine: O(total length), no re-parsing of the growing buffer.
 * Nested objects/arrays and other fields are skipped; only a field at depth 1 is captured. Escape
 * sequences split across chunks are held until complete, and a UTF-16 high surrogate (`\ud83d`) is
 * held until its low half arrives so no delta ever carries half a character.
 */
export type StringFieldExtractor = {
  /** Feeds the next chunk of JSON text; returns the field's newly decoded characters ("" if none). */
  push(chunk: string): string;
  /** Everything decoded so far. */
  readonly value: string;
  /** True once the field's closing quote was seen. */
  readonly done: boolean;
};

type Mode =
  | "outside" // between tokens
  | "key" // inside a key string at depth 1
  | "skip-string" // inside a string we do not capture
  | "capture"; // inside the target field's value

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

export function createStringFieldExtractor(field: string): StringFieldExtractor {
  let mode: Mode = "outside";
  let depth = 0;
  /** At depth 1: true after `{` or `,` (a key comes next), false after `:`. */
  let expectKey = false;
  let key = "";
  let lastKey: string | undefined;
  /** Pending escape text (starts with a backslash) while inside a string. */
  let escape = "";
  /** A decoded high surrogate waiting for its low half. */
  let pendingHigh = "";
  let value = "";
  let done = false;

  const decodeEscape = (seq: string): string | undefined => {
    // seq is "\x" or "\uXXXX"; undefined = incomplete
    const kind = seq[1];
    if (kind === undefined) return undefined;
    if (kind !== "u") return SIMPLE_ESCAPES[kind] ?? kind;
    if (seq.length < 6) return undefined;
    const code = Number.parseInt(seq.slice(2, 6), 16);
    return Number.isNaN(code) ? "" : String.fromCharCode(code);
  };

  /** Appends decoded text to the captured value, holding back an unpaired high surrogate. */
  const emit = (text: string, out: string[]): void => {
    let s = pendingHigh + text;
    pendingHigh = "";
    const last = s.charCodeAt(s.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      pendingHigh = s.slice(-1);
      s = s.slice(0, -1);
    }
    if (s) {
      value += s;
      out.push(s);
    }
  };

  const push = (chunk: string): string => {
    const out: string[] = [];
    if (done) return "";
    for (const ch of chunk) {
      if (mode === "outside") {
        if (ch === '"') {
          if (depth === 1 && expectKey) {
            mode = "key";
            key = "";
          } else if (depth === 1 && lastKey === field && !done) mode = "capture";
          else mode = "skip-string";
        } else if (ch === "{" || ch === "[") {
          depth++;
          expectKey = depth === 1 && ch === "{";
        } else if (ch === "}" || ch === "]") depth--;
        else if (ch === "," && depth === 1) expectKey = true;
        else if (ch === ":" && depth === 1) expectKey = false;
        continue;
      }
      // Inside a string (key, skipped or captured).
      if (escape) {
        escape += ch;
        const decoded = decodeEscape(escape);
        if (decoded === undefined) continue;
        escape = "";
        if (mode === "key") key += decoded;
        else if (mode === "capture") emit(decoded, out);
        continue;
      }
      if (ch === "\\") {
        escape = ch;
        continue;
      }
      if (ch === '"') {
        if (mode === "key") lastKey = key;
        if (mode === "capture") {
          done = true;
          // A lone high surrogate at the very end has nothing left to pair with: let it out.
          if (pendingHigh) {
            value += pendingHigh;
            out.push(pendingHigh);
            pendingHigh = "";
          }
          break;
        }
        mode = "outside";
        continue;
      }
      if (mode === "key") key += ch;
      else if (mode === "capture") emit(ch, out);
    }
    return out.join("");
  };

  return {
    push,
    get value() {
      return value;
    },
    get done() {
      return done;
    },
  };
}
