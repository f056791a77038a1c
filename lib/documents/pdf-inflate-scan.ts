import { inflateSync } from "node:zlib";
import { ForemanError } from "../engine/errors";
import { decoderFor, type StreamDecoder } from "./pdf-stream-decoders";

/**
 * Measures what a PDF's compressed streams inflate to *before* pdf.js sees the file, and refuses
 * the file (`document_too_large`, HTTP 413) once one stream, or all of them together, pass
 * `maxInflatedBytes` — so a flate bomb never gets its buffers allocated. Every stream is decoded
 * piece by piece with its output counted and dropped (memory held: one piece of ≤ ~11 MB, see
 * SLICE_BYTES), yielding to the event loop every few milliseconds so other requests keep being
 * answered; the work is bounded by the cap.
 *
 * Covered: every stream whose /Filter chain (a name, an array, or an indirect reference to
 * either; names with `#xx` escapes decoded) consists of FlateDecode, LZWDecode, RunLengthDecode,
 * ASCIIHexDecode and ASCII85Decode — the filters pdf.js decodes that can expand data
 * (ISO 32000-1 §7.4). That includes object streams and cross-reference streams, which are
 * ordinary FlateDecode streams. Streams are found the way pdf.js's xref reconstruction finds
 * objects (every `N G obj` in the file, so an xref cannot point at one this scan skipped), and
 * each is decoded from its data start until the filter's own end-of-data marker, never by
 * /Length, which may lie or be indirect. Images count too: a stream marked as an image can still
 * be referenced as page content.
 *
 * Bounded otherwise (by the parser's memory watch, RSS_SAMPLE_MS in parser-pool.ts, and its
 * deadline): the image codecs (DCTDecode, JPXDecode, JBIG2Decode, CCITTFaxDecode), which pdf.js's
 * text extraction does not decode; streams of encrypted documents (they cannot be decoded
 * without decrypting); data a decoder here rejects as corrupt but pdf.js decodes leniently
 * (counted up to the error); stream dictionaries longer than MAX_DICTIONARY_BYTES.
 *
 * Streams that inflate to at most 1 MB are decoded at once by Node's zlib (the common case: it
 * is native and fast); larger, truncated or corrupt ones take the piecewise path.
 *
 * @param input.deadlineMs how long the scan may take (the parser's deadline), else `document_parse_timeout`
 * @returns the number of streams decoded and the bytes they inflate to
 * @throws ForemanError `document_too_large` past the cap; `document_parse_timeout` past the
 *   deadline; `document_corrupt` when the file's
 *   objects overlap so much that finding its streams would cost more than SCAN_BUDGET allows
 */
export async function checkInflatedSize(input: { bytes: Uint8Array; fileName: string; maxInflatedBytes: number; deadlineMs?: number }): Promise<{ streams: number; inflatedBytes: number }> {
  const { bytes, fileName, maxInflatedBytes } = input;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  let budget = bytes.length * SCAN_BUDGET_PER_BYTE + SCAN_BUDGET_BASE;
  let total = 0;
  let streams = 0;
  const started = performance.now();
  let lastYield = started;
  const deadlineMs = input.deadlineMs ?? Number.POSITIVE_INFINITY;
  const pause = async () => {
    if (performance.now() - lastYield <= YIELD_EVERY_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    lastYield = performance.now();
    if (lastYield - started > deadlineMs) {
      throw new ForemanError("document_parse_timeout", `"${fileName}" took longer than ${formatSeconds(deadlineMs)} to check and was not read. Try a smaller or simpler file.`);
    }
  };
  const tooLarge = (what: string) =>
    new ForemanError("document_too_large", `"${fileName}" was not read: ${what} past ${formatMb(maxInflatedBytes)} MB, more than this server unpacks for one document. A file this compressed is usually built to exhaust memory; if it is genuine, ask the administrator to raise FOREMAN_MAX_INFLATED_MB.`);

  for (const header of text.matchAll(OBJECT_HEADER)) {
    await pause();
    const found = readStreamDictionary(bytes, header.index + header[0].length);
    budget -= found.scanned;
    if (budget < 0) throw new ForemanError("document_corrupt", `"${fileName}" could not be read: its objects overlap too much to be checked safely.`);
    if (!found.stream) continue;
    const filters = resolveFilters(found.stream.filter, text);
    let streamBytes = 0;
    const count = (length: number) => {
      streamBytes += length;
      total += length;
      if (streamBytes > maxInflatedBytes) throw tooLarge(`a compressed stream (object ${header[1]} ${header[2]}) inflates`);
      if (total > maxInflatedBytes) throw tooLarge("its compressed streams inflate in total");
    };
    const data = bytes.subarray(found.stream.dataStart);
    const small = filters.length === 1 && (filters[0] === "FlateDecode" || filters[0] === "Fl") ? inflateSmall(data) : undefined;
    if (small !== undefined) {
      streams++;
      count(small);
      continue;
    }
    const chain = decoderChain(filters, found.stream.earlyChange, count);
    if (chain.length === 0) continue;
    streams++;
    const first = chain[0] as StreamDecoder;
    try {
      for (let at = 0; at < data.length && !first.done; at += SLICE_BYTES) {
        first.push(data.subarray(at, at + SLICE_BYTES));
        await pause();
      }
    } catch (error) {
      if (error instanceof ForemanError) throw error; // the cap or the deadline
      // A corrupt or truncated stream: what it decoded to so far is counted; pdf.js judges the rest.
    }
  }
  return { streams, inflatedBytes: total };
}

/** Output of one stream inflated at once by zlib (native, much faster than the piecewise path for the many small streams of a real PDF). */
const SMALL_STREAM_BYTES = 1024 * 1024;

/**
 * What a zlib stream at the start of `data` inflates to, when that is at most SMALL_STREAM_BYTES
 * and it decodes cleanly; undefined otherwise (larger, truncated or corrupt: the piecewise path
 * decides). zlib stops at the stream's end, so the bytes after it are never read as part of it.
 */
function inflateSmall(data: Uint8Array): number | undefined {
  try {
    return inflateSync(data, { maxOutputLength: SMALL_STREAM_BYTES }).length;
  } catch {
    return undefined;
  }
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

/** Raw and intermediate bytes pushed into a decoder at once: DEFLATE expands ≤ 1032:1 and 12-bit LZW ≤ ~2730:1, so one push yields ≤ ~11 MB. */
const SLICE_BYTES = 4096;
const YIELD_EVERY_MS = 8;
/** A stream's dictionary is read this far at most (real ones are a few hundred bytes). */
const MAX_DICTIONARY_BYTES = 64 * 1024;
/** Dictionary bytes read over the whole file: each real object is read once, so a few times the file's size only overlapping fakes reach. */
const SCAN_BUDGET_PER_BYTE = 4;
const SCAN_BUDGET_BASE = 16 * 1024 * 1024;
/** `N G obj`, as pdf.js's XRef.indexObjects finds objects when it rebuilds a broken xref. */
const OBJECT_HEADER = /(\d{1,10})\s+(\d{1,5})\s+obj(?![A-Za-z0-9])/g;

function formatMb(bytes: number): string {
  return String(Math.round((bytes / (1024 * 1024)) * 10) / 10);
}

/** Decoders for the chain's leading known filters, each feeding the next in SLICE_BYTES pieces; the last one's output is counted. */
function decoderChain(filters: string[], earlyChange: boolean, count: (length: number) => void): StreamDecoder[] {
  const chain: StreamDecoder[] = [];
  let emit = (piece: Uint8Array) => count(piece.length);
  for (let i = filters.length - 1; i >= 0; i--) {
    const decoder = decoderFor(filters[i] ?? "", emit, { earlyChange });
    if (!decoder) {
      // An image codec or an unknown filter: what reaches it is counted, what it makes is not (see above).
      chain.length = 0;
      emit = (piece) => count(piece.length);
      continue;
    }
    chain.unshift(decoder);
    emit = (piece) => {
      for (let at = 0; at < piece.length && !decoder.done; at += SLICE_BYTES) decoder.push(piece.subarray(at, at + SLICE_BYTES));
    };
  }
  return chain;
}

type Token = { kind: "name"; value: string } | { kind: "word"; value: string } | { kind: "[" } | { kind: "]" } | { kind: "other" };
type StreamDictionary = { filter: Token[]; earlyChange: boolean; dataStart: number };

const LF = 0x0a;
const CR = 0x0d;
const isWhite = (byte: number | undefined) => byte === 0x20 || byte === LF || byte === CR || byte === 0x09 || byte === 0x0c || byte === 0x00;
const isDelimiter = (byte: number | undefined) => byte !== undefined && "()<>[]{}/%".includes(String.fromCharCode(byte));

/** Skips white space and comments. */
function skipSpace(bytes: Uint8Array, at: number): number {
  while (at < bytes.length) {
    if (isWhite(bytes[at])) at++;
    else if (bytes[at] === 0x25) while (at < bytes.length && bytes[at] !== LF && bytes[at] !== CR) at++;
    else break;
  }
  return at;
}

/** The dictionary after an object header, when a stream follows it; `scanned`: bytes read. */
function readStreamDictionary(bytes: Uint8Array, from: number): { stream?: StreamDictionary; scanned: number } {
  let at = skipSpace(bytes, from);
  if (bytes[at] !== 0x3c || bytes[at + 1] !== 0x3c) return { scanned: at - from };
  const start = at;
  const limit = Math.min(bytes.length, start + MAX_DICTIONARY_BYTES);
  const tokens: Token[] = [];
  let depth = 0;
  while (at < limit) {
    const byte = bytes[at] as number;
    if (isWhite(byte)) at++;
    else if (byte === 0x25) at = skipSpace(bytes, at);
    else if (byte === 0x28) {
      at = skipLiteralString(bytes, at, limit);
      if (depth === 1) tokens.push({ kind: "other" });
    } else if (byte === 0x3c && bytes[at + 1] === 0x3c) {
      if (depth === 1) tokens.push({ kind: "other" });
      depth++;
      at += 2;
    } else if (byte === 0x3c) {
      while (at < limit && bytes[at] !== 0x3e) at++;
      at++;
      if (depth === 1) tokens.push({ kind: "other" });
    } else if (byte === 0x3e && bytes[at + 1] === 0x3e) {
      depth--;
      at += 2;
      if (depth === 0) break;
    } else if (byte === 0x5b || byte === 0x5d) {
      if (depth === 1) tokens.push({ kind: byte === 0x5b ? "[" : "]" });
      at++;
    } else {
      const name = byte === 0x2f;
      let end = at + 1;
      while (end < limit && !isWhite(bytes[end]) && !isDelimiter(bytes[end])) end++;
      if (depth === 1) {
        const raw = Buffer.from(bytes.subarray(name ? at + 1 : at, end)).toString("latin1");
        tokens.push(name ? { kind: "name", value: decodeName(raw) } : { kind: "word", value: raw });
      }
      at = end;
    }
  }
  const scanned = at - from;
  if (depth !== 0) return { scanned };
  let keyword = skipSpace(bytes, at);
  if (Buffer.from(bytes.subarray(keyword, keyword + 6)).toString("latin1") !== "stream") return { scanned };
  // As pdf.js's Lexer.skipToNextLine: the data starts after the end of the `stream` line.
  for (keyword += 6; keyword < bytes.length; keyword++) {
    if (bytes[keyword] === LF) break;
    if (bytes[keyword] === CR) {
      if (bytes[keyword + 1] === LF) keyword++;
      break;
    }
  }
  const dictionaryText = Buffer.from(bytes.subarray(start, at)).toString("latin1");
  return { stream: { filter: entryValue(tokens, "Filter"), earlyChange: !/\/EarlyChange\s+0(?![0-9.])/.test(dictionaryText), dataStart: keyword + 1 }, scanned };
}

/** Skips a `( … )` string: balanced parentheses, backslash escapes. */
function skipLiteralString(bytes: Uint8Array, at: number, limit: number): number {
  let depth = 0;
  for (; at < limit; at++) {
    const byte = bytes[at];
    if (byte === 0x5c) at++;
    else if (byte === 0x28) depth++;
    else if (byte === 0x29 && --depth === 0) return at + 1;
  }
  return at;
}

/** `#xx` in a name is the byte xx (ISO 32000-1 §7.3.5): `/Fl#61teDecode` is FlateDecode. */
function decodeName(raw: string): string {
  return raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The tokens of a top-level entry's value (a name, `[ … ]`, or `N G R`). */
function entryValue(tokens: Token[], key: string): Token[] {
  for (let i = 0; i < tokens.length; ) {
    const keyToken = tokens[i];
    const valueLength = lengthOfValue(tokens, i + 1);
    if (keyToken?.kind === "name" && keyToken.value === key) return tokens.slice(i + 1, i + 1 + valueLength);
    i += 1 + Math.max(valueLength, 1);
  }
  return [];
}

function lengthOfValue(tokens: Token[], at: number): number {
  const first = tokens[at];
  if (first?.kind === "[") {
    let depth = 0;
    for (let i = at; i < tokens.length; i++) {
      const kind = tokens[i]?.kind;
      if (kind === "[") depth++;
      else if (kind === "]" && --depth === 0) return i - at + 1;
    }
    return tokens.length - at;
  }
  const [second, third] = [tokens[at + 1], tokens[at + 2]];
  if (first?.kind === "word" && second?.kind === "word" && third?.kind === "word" && third.value === "R") return 3;
  return first ? 1 : 0;
}

/** Filter names of a /Filter value; an indirect one is looked up in the file (its last definition wins, as with incremental updates). */
function resolveFilters(value: Token[], text: string): string[] {
  const [first, second, third] = value;
  if (first?.kind === "word" && second?.kind === "word" && third?.kind === "word" && third.value === "R" && /^\d+$/.test(first.value) && /^\d+$/.test(second.value)) {
    const definition = new RegExp(`(?<![0-9])${first.value}\\s+${second.value}\\s+obj\\s*(\\[[^\\]]*\\]|/[^\\s/\\[\\]<>()%{}]+)`, "g");
    const last = [...text.matchAll(definition)].pop()?.[1];
    // Not found (e.g. inside an object stream): assume Flate, the usual filter; a wrong guess fails at once and counts nothing.
    if (last === undefined) return ["FlateDecode"];
    return [...last.matchAll(/\/([^\s/[\]<>()%{}]+)/g)].map((name) => decodeName(name[1] ?? ""));
  }
  return value.filter((token): token is Extract<Token, { kind: "name" }> => token.kind === "name").map((token) => token.value);
}
