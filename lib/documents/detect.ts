import { decodeText, isMostlyBinary } from "./decode-text";
import type { TextEncoding } from "./document";
import { extensionOf } from "./text";
import { isZip, readZipDirectory, type ZipEntry } from "./zip";

/** What the bytes are, judged from content: names and declared types are only hints. */
export type Sniffed =
  | { kind: "pdf" }
  | { kind: "docx"; entries: ZipEntry[] }
  /** Starts like a ZIP (and is named or declared .docx) but its directory is unreadable. */
  | { kind: "damaged-docx" }
  | { kind: "text"; text: string; encoding: TextEncoding }
  /** Not something Foreman reads; `looksLike` completes "this looks like …". */
  | { kind: "unsupported"; looksLike: string };

export const DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

type Signature = { at: number; bytes: readonly number[]; looksLike: string };

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

// Only consulted once the bytes have failed as PDF, DOCX and text, to name the rejection.
const SIGNATURES: readonly Signature[] = [
  { at: 0, bytes: [0x89, 0x50, 0x4e, 0x47], looksLike: "a PNG image" },
  { at: 0, bytes: [0xff, 0xd8, 0xff], looksLike: "a JPEG image" },
  { at: 0, bytes: ascii("GIF8"), looksLike: "a GIF image" },
  { at: 8, bytes: ascii("WEBP"), looksLike: "a WebP image" },
  { at: 0, bytes: ascii("II*\u0000"), looksLike: "a TIFF image" },
  { at: 0, bytes: ascii("MM\u0000*"), looksLike: "a TIFF image" },
  { at: 0, bytes: [0x7f, 0x45, 0x4c, 0x46], looksLike: "an ELF executable" },
  { at: 0, bytes: ascii("MZ"), looksLike: "a Windows executable" },
  { at: 0, bytes: [0xcf, 0xfa, 0xed, 0xfe], looksLike: "a macOS executable" },
  { at: 0, bytes: [0x00, 0x61, 0x73, 0x6d], looksLike: "a WebAssembly module" },
  { at: 0, bytes: [0xd0, 0xcf, 0x11, 0xe0], looksLike: "a legacy Microsoft Office file (.doc/.xls/.ppt); save it as .docx or PDF" },
  { at: 0, bytes: [0x1f, 0x8b], looksLike: "a gzip archive" },
  { at: 0, bytes: ascii("7z\u00bc\u00af"), looksLike: "a 7-Zip archive" },
  { at: 0, bytes: ascii("Rar!"), looksLike: "a RAR archive" },
  { at: 0, bytes: ascii("SQLite format 3"), looksLike: "an SQLite database" },
  { at: 4, bytes: ascii("ftyp"), looksLike: "a video (MP4/MOV)" },
  { at: 0, bytes: ascii("ID3"), looksLike: "an MP3 audio file" },
  { at: 0, bytes: ascii("OggS"), looksLike: "an Ogg audio file" },
  { at: 8, bytes: ascii("WAVE"), looksLike: "a WAV audio file" },
];

function startsWith(bytes: Uint8Array, signature: Signature): boolean {
  return signature.bytes.every((b, i) => bytes[signature.at + i] === b);
}

function isPdf(bytes: Uint8Array): boolean {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  const at = head.indexOf("%PDF-");
  if (at === 0) return true;
  // Readers accept junk before the header (some mail gateways add it), but a text file that
  // merely mentions "%PDF-" must stay text: require the trailer marker too.
  return at > 0 && new TextDecoder("latin1").decode(bytes.subarray(-1024)).includes("%%EOF");
}

function describeZip(entries: readonly ZipEntry[]): string {
  const names = new Set(entries.map((entry) => entry.name));
  if (names.has("xl/workbook.xml")) return "an Excel workbook (.xlsx); export it as PDF or CSV";
  if (names.has("ppt/presentation.xml")) return "a PowerPoint presentation (.pptx); export it as PDF";
  if (names.has("mimetype") && names.has("content.xml")) return "an OpenDocument file; save it as .docx or PDF";
  if (names.has("META-INF/container.xml")) return "an EPUB e-book";
  return "a ZIP archive";
}

function describeBinary(bytes: Uint8Array): string {
  return SIGNATURES.find((candidate) => startsWith(bytes, candidate))?.looksLike ?? "binary data";
}

export function sniff(input: { bytes: Uint8Array; fileName: string; declaredMediaType?: string }): Sniffed {
  const { bytes } = input;
  if (isPdf(bytes)) return { kind: "pdf" };
  if (isZip(bytes)) {
    const entries = readZipDirectory(bytes);
    if (entries?.some((entry) => entry.name === "word/document.xml")) return { kind: "docx", entries };
    const claimsDocx = extensionOf(input.fileName) === "docx" || input.declaredMediaType === DOCX_MEDIA_TYPE;
    if (entries === undefined && claimsDocx) return { kind: "damaged-docx" };
    return { kind: "unsupported", looksLike: entries ? describeZip(entries) : "a damaged ZIP archive" };
  }
  const decoded = decodeText(bytes, input.declaredMediaType);
  if (isMostlyBinary(decoded.text)) return { kind: "unsupported", looksLike: describeBinary(bytes) };
  if (/^\s*\{\\rtf/.test(decoded.text)) return { kind: "unsupported", looksLike: "an RTF document; save it as .docx or PDF" };
  return { kind: "text", text: decoded.text, encoding: { name: decoded.encoding, source: decoded.source } };
}
