import { Inflate } from "fflate";

/** One file recorded in a ZIP archive's central directory. Sizes are as declared, not verified. */
export type ZipEntry = {
  name: string;
  method: number;
  compressedSize: number;
  /** `Infinity` when the archive uses ZIP64 sizes, which no legitimate .docx needs. */
  uncompressedSize: number;
  localHeaderOffset: number;
};

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const ZIP64_MARKER = 0xffffffff;
// Inflating in small slices bounds the memory one step can allocate (deflate tops out near
// 1032:1), so a bomb is caught after a few MB of overshoot instead of after all of it.
const INFLATE_SLICE = 4096;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}

/**
 * Reads the central directory without decompressing anything, so the caller can judge an
 * archive (what it holds, how big it claims to be) before handing it to a real parser.
 * Returns `undefined` when the directory is missing or damaged.
 */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  if (eocd === undefined) return undefined;
  const count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (offset === ZIP64_MARKER) return undefined;
  const names = new TextDecoder("utf-8");
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > view.byteLength || view.getUint32(offset, true) !== CENTRAL_SIGNATURE) return undefined;
    const compressedSize = view.getUint32(offset + 20, true);
    const uncompressedSize = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength > view.byteLength) return undefined;
    entries.push({
      name: names.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
      method: view.getUint16(offset + 10, true),
      compressedSize,
      uncompressedSize: uncompressedSize === ZIP64_MARKER || compressedSize === ZIP64_MARKER ? Infinity : uncompressedSize,
      localHeaderOffset: view.getUint32(offset + 42, true),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEndOfCentralDirectory(view: DataView): number | undefined {
  // The record is 22 bytes plus a comment of up to 65535 bytes, so it sits near the end.
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) return at;
  }
  return undefined;
}

export function declaredUncompressedSize(entries: readonly ZipEntry[]): number {
  return entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
}

/**
 * Really inflates every entry, counting bytes and stopping as soon as the total passes
 * `limit`. Declared sizes are attacker-controlled; this catches a bomb that lies about them
 * without ever holding more than one slice's output in memory. Returns the bytes counted
 * (at most a little over `limit`). Throws on data that is not valid deflate.
 */
export function measureInflatedSize(bytes: Uint8Array, entries: readonly ZipEntry[], limit: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (const entry of entries) {
    const header = entry.localHeaderOffset;
    if (header + 30 > view.byteLength || view.getUint32(header, true) !== LOCAL_SIGNATURE) {
      throw new Error(`zip entry ${entry.name} has no local header`);
    }
    const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
    const data = bytes.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) {
      total += data.length;
    } else if (entry.method === 8) {
      const inflate = new Inflate((chunk) => {
        total += chunk.length;
      });
      for (let at = 0; at < data.length && total <= limit; at += INFLATE_SLICE) {
        inflate.push(data.subarray(at, at + INFLATE_SLICE), at + INFLATE_SLICE >= data.length);
      }
    } else {
      throw new Error(`zip entry ${entry.name} uses unsupported compression method ${entry.method}`);
    }
    if (total > limit) return total;
  }
  return total;
}
