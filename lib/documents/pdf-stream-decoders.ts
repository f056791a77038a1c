import { Unzlib } from "fflate";

/**
 * Streaming decoders for the PDF stream filters that can expand data (ISO 32000-1 §7.4), used by
 * pdf-inflate-scan.ts to measure what a stream inflates to without holding it: each decoder
 * takes its input in small pieces and hands its output on piece by piece, so memory stays at
 * one piece whatever the ratio.
 *
 * `done` is set once the decoder has seen its own end of data (Flate's final block, LZW's EOD
 * code 257, RunLength's 128, ASCIIHex's `>`, ASCII85's `~>`): the caller stops feeding it there,
 * so a stream's extent never depends on its (possibly lying or indirect) /Length.
 * A decoding error is thrown as is (fflate's, or an Error from here).
 */
export interface StreamDecoder {
  /** Decodes `input` (any length), calling `emit` with output pieces as they are produced. */
  push(input: Uint8Array): void;
  readonly done: boolean;
}

export type Emit = (piece: Uint8Array) => void;

/** The standard filter names and their abbreviations (ISO 32000-1 Table 94), as decoders. */
export function decoderFor(filter: string, emit: Emit, options: { earlyChange: boolean }): StreamDecoder | undefined {
  switch (filter) {
    case "FlateDecode":
    case "Fl":
      return new FlateDecoder(emit);
    case "LZWDecode":
    case "LZW":
      return new LzwDecoder(emit, options.earlyChange);
    case "RunLengthDecode":
    case "RL":
      return new RunLengthDecoder(emit);
    case "ASCIIHexDecode":
    case "AHx":
      return new AsciiHexDecoder(emit);
    case "ASCII85Decode":
    case "A85":
      return new Ascii85Decoder(emit);
    default:
      return undefined;
  }
}

/** zlib-wrapped DEFLATE (pdf.js's FlateStream also requires the zlib header), via fflate. */
class FlateDecoder implements StreamDecoder {
  private readonly inflater: Unzlib;

  constructor(emit: Emit) {
    this.inflater = new Unzlib((piece) => {
      if (piece.length > 0) emit(piece);
    });
  }

  push(input: Uint8Array): void {
    this.inflater.push(input, false);
  }

  /**
   * fflate 0.8 keeps its inflate state in `s`: `f` = the final block was reached, `l` = a block is
   * still open. `f && !l` is the very test fflate uses to ignore further input, read here because
   * fflate exposes no "ended" event (pdf-inflate-scan.test.ts fails if that changes).
   */
  get done(): boolean {
    const state = (this.inflater as unknown as { s?: { f?: number; l?: unknown } }).s;
    return Boolean(state?.f) && !state?.l;
  }
}

const LZW_CLEAR = 256;
const LZW_EOD = 257;
const LZW_MAX_CODES = 4096;

/** LZW with 9–12 bit codes, as pdf.js's LZWStream (EarlyChange 1 unless the stream sets 0). */
class LzwDecoder implements StreamDecoder {
  done = false;
  private readonly prefix = new Int16Array(LZW_MAX_CODES);
  private readonly suffix = new Uint8Array(LZW_MAX_CODES);
  private readonly lengths = new Uint16Array(LZW_MAX_CODES);
  private nextCode = 258;
  private codeLength = 9;
  private previous = -1;
  private bits = 0;
  private bitCount = 0;

  constructor(
    private readonly emit: Emit,
    private readonly earlyChange: boolean,
  ) {
    for (let code = 0; code < 256; code++) {
      this.suffix[code] = code;
      this.lengths[code] = 1;
      this.prefix[code] = -1;
    }
  }

  push(input: Uint8Array): void {
    for (const byte of input) {
      if (this.done) return;
      this.bits = ((this.bits << 8) | byte) & 0xffffff;
      this.bitCount += 8;
      while (this.bitCount >= this.codeLength && !this.done) {
        this.bitCount -= this.codeLength;
        this.code((this.bits >>> this.bitCount) & ((1 << this.codeLength) - 1));
      }
    }
  }

  private code(code: number): void {
    if (code === LZW_CLEAR) {
      this.nextCode = 258;
      this.codeLength = 9;
      this.previous = -1;
      return;
    }
    if (code === LZW_EOD) {
      this.done = true;
      return;
    }
    if (this.previous === -1) {
      if (code > 255) throw new Error("LZW: the first code after a clear is not a byte");
      this.emit(Uint8Array.of(code));
      this.previous = code;
      return;
    }
    let output: Uint8Array;
    if (code < this.nextCode) output = this.string(code, 0);
    else if (code === this.nextCode) {
      output = this.string(this.previous, 1);
      output[output.length - 1] = output[0] ?? 0;
    } else throw new Error(`LZW: code ${code} is past the table (${this.nextCode})`);
    if (this.nextCode < LZW_MAX_CODES) {
      this.prefix[this.nextCode] = this.previous;
      this.suffix[this.nextCode] = output[0] ?? 0;
      this.lengths[this.nextCode] = Math.min((this.lengths[this.previous] ?? 0) + 1, LZW_MAX_CODES - 1);
      this.nextCode++;
      const threshold = this.nextCode + (this.earlyChange ? 1 : 0);
      if (threshold >= 1 << this.codeLength && this.codeLength < 12) this.codeLength++;
    }
    this.emit(output);
    this.previous = code;
  }

  /** The bytes of `code`'s entry, plus `extra` bytes of room at the end. */
  private string(code: number, extra: number): Uint8Array {
    const length = this.lengths[code] ?? 0;
    const out = new Uint8Array(length + extra);
    let at = code;
    for (let i = length - 1; i >= 0 && at >= 0; i--) {
      out[i] = this.suffix[at] ?? 0;
      at = this.prefix[at] ?? -1;
    }
    return out;
  }
}

/** RunLengthDecode: a length byte 0–127 copies that many + 1 bytes, 129–255 repeats the next byte 257 − n times, 128 ends. */
class RunLengthDecoder implements StreamDecoder {
  done = false;
  private literal = 0;
  private repeat = 0;

  constructor(private readonly emit: Emit) {}

  push(input: Uint8Array): void {
    let i = 0;
    while (i < input.length && !this.done) {
      if (this.literal > 0) {
        const piece = input.subarray(i, i + this.literal);
        this.emit(piece);
        this.literal -= piece.length;
        i += piece.length;
      } else if (this.repeat > 0) {
        this.emit(new Uint8Array(this.repeat).fill(input[i] ?? 0));
        this.repeat = 0;
        i++;
      } else {
        const length = input[i++] ?? 128;
        if (length === 128) this.done = true;
        else if (length < 128) this.literal = length + 1;
        else this.repeat = 257 - length;
      }
    }
  }
}

const isWhite = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0c || byte === 0x00;

/** ASCIIHexDecode: pairs of hex digits, white space and other bytes skipped (as pdf.js does), `>` ends. */
class AsciiHexDecoder implements StreamDecoder {
  done = false;
  private high = -1;

  constructor(private readonly emit: Emit) {}

  push(input: Uint8Array): void {
    const out: number[] = [];
    for (const byte of input) {
      if (byte === 0x3e) {
        if (this.high >= 0) out.push(this.high << 4);
        this.done = true;
        break;
      }
      const digit = byte >= 0x30 && byte <= 0x39 ? byte - 0x30 : byte >= 0x41 && byte <= 0x46 ? byte - 0x37 : byte >= 0x61 && byte <= 0x66 ? byte - 0x57 : -1;
      if (digit < 0) continue;
      if (this.high < 0) this.high = digit;
      else {
        out.push((this.high << 4) | digit);
        this.high = -1;
      }
    }
    if (out.length > 0) this.emit(Uint8Array.from(out));
  }
}

/** ASCII85Decode: groups of five `!`–`u` → four bytes, `z` → four zeros, white space skipped, `~` ends. */
class Ascii85Decoder implements StreamDecoder {
  done = false;
  private readonly group: number[] = [];

  constructor(private readonly emit: Emit) {}

  push(input: Uint8Array): void {
    const out: number[] = [];
    for (const byte of input) {
      if (byte === 0x7e) {
        this.flushPartial(out);
        this.done = true;
        break;
      }
      if (isWhite(byte)) continue;
      if (byte === 0x7a && this.group.length === 0) {
        out.push(0, 0, 0, 0);
        continue;
      }
      if (byte < 0x21 || byte > 0x75) throw new Error(`ASCII85: byte ${byte} is not a base-85 digit`);
      this.group.push(byte - 0x21);
      if (this.group.length === 5) {
        out.push(...bytesOf(this.group, 4));
        this.group.length = 0;
      }
    }
    if (out.length > 0) this.emit(Uint8Array.from(out));
  }

  private flushPartial(out: number[]): void {
    const count = this.group.length;
    if (count < 2) return;
    while (this.group.length < 5) this.group.push(84);
    out.push(...bytesOf(this.group, count - 1));
    this.group.length = 0;
  }
}

function bytesOf(digits: number[], take: number): number[] {
  const value = digits.reduce((sum, digit) => sum * 85 + digit, 0) >>> 0;
  return [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff].slice(0, take);
}
