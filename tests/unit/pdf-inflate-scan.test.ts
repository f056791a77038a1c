import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ForemanError } from "@/lib/engine/errors";
import { ingestDocument } from "@/lib/documents/ingest";
import { checkInflatedSize } from "@/lib/documents/pdf-inflate-scan";
import { deflatedSpaces, flateBombPdf, pdfWithStreams } from "@/tests/support/hostile-pdf";

const MB = 1024 * 1024;
const scan = (bytes: Uint8Array, maxInflatedBytes = 16 * MB) => checkInflatedSize({ bytes, fileName: "x.pdf", maxInflatedBytes });

async function refusal(promise: Promise<unknown>): Promise<ForemanError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ForemanError);
  return error as ForemanError;
}

/** LZW codes for one table's worth of ever longer runs of zero bytes (code n = n − 256 zeros), then EOD. */
function lzwZeroRuns(): { data: Uint8Array; inflated: number } {
  const out: number[] = [];
  let bits = 0;
  let count = 0;
  let codeLength = 9;
  const write = (code: number) => {
    bits = (bits << codeLength) | code;
    count += codeLength;
    while (count >= 8) {
      count -= 8;
      out.push((bits >>> count) & 0xff);
    }
    bits &= (1 << count) - 1;
  };
  write(0);
  let inflated = 1;
  for (let code = 258; code < 4096; code++) {
    write(code);
    inflated += code - 256;
    // The decoder (EarlyChange 1) widens its codes once its next free code + 1 reaches 2^length.
    if (code + 2 >= 1 << codeLength && codeLength < 12) codeLength++;
  }
  write(257);
  if (count > 0) out.push((bits << (8 - count)) & 0xff);
  return { data: Uint8Array.from(out), inflated };
}

function ascii85(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 4) {
    const group = [0, 1, 2, 3].map((k) => bytes[i + k] ?? 0);
    const take = Math.min(4, bytes.length - i);
    let value = ((group[0]! << 24) | (group[1]! << 16) | (group[2]! << 8) | group[3]!) >>> 0;
    const digits: string[] = [];
    for (let k = 0; k < 5; k++) {
      digits.unshift(String.fromCharCode(33 + (value % 85)));
      value = Math.floor(value / 85);
    }
    text += digits.slice(0, take + 1).join("");
  }
  return `${text}~>`;
}

describe("checkInflatedSize: refuses before inflating past the cap", () => {
  it("refuses a flate bomb, naming the stream and the limit", async () => {
    const error = await refusal(scan(await flateBombPdf(64)));
    expect(error.code).toBe("document_too_large");
    expect(error.message).toContain('"x.pdf" was not read: a compressed stream (object 4 0) inflates past 16 MB');
  });

  it("refuses streams that pass the cap only together", async () => {
    const six = await deflatedSpaces(6);
    const pdf = pdfWithStreams([1, 2, 3].map(() => ({ dictionary: "/Filter /FlateDecode", data: six })));
    const error = await refusal(scan(pdf));
    expect(error.message).toContain("its compressed streams inflate in total past 16 MB");
    await expect(scan(pdf, 18 * MB + 1)).resolves.toEqual({ streams: 3, inflatedBytes: 18 * MB });
    // The same with many small streams, each inflated at once.
    const small = deflateSync(Buffer.alloc(900 * 1024, 32));
    const many = pdfWithStreams(Array.from({ length: 20 }, () => ({ dictionary: "/Filter /FlateDecode", data: small })));
    expect((await refusal(scan(many))).message).toContain("its compressed streams inflate in total past 16 MB");
  });

  it("counts a normal stream exactly and stops at its end, not at the end of the file", async () => {
    const pdf = pdfWithStreams([{ dictionary: "/Filter /FlateDecode", data: await deflatedSpaces(3) }, { dictionary: "", data: Buffer.alloc(100_000, 7) }]);
    await expect(scan(pdf)).resolves.toEqual({ streams: 1, inflatedBytes: 3 * MB });
  });

  it("counts small streams (inflated at once) exactly too, whatever follows them", async () => {
    const small = deflateSync(Buffer.alloc(100_000, 65));
    const pdf = pdfWithStreams([{ dictionary: "/Filter /FlateDecode", data: small }, { dictionary: "/Filter /Fl", data: deflateSync("q Q") }, { dictionary: "", data: Buffer.alloc(50_000, 7) }]);
    await expect(scan(pdf)).resolves.toEqual({ streams: 2, inflatedBytes: 100_003 });
  });

  it("gives up past its deadline with document_parse_timeout", async () => {
    const error = await refusal(checkInflatedSize({ bytes: await flateBombPdf(200), fileName: "slow.pdf", maxInflatedBytes: 256 * MB, deadlineMs: 1 }));
    expect(error.code).toBe("document_parse_timeout");
    expect(error.message).toBe('"slow.pdf" took longer than 1 ms to check and was not read. Try a smaller or simpler file.');
  });

  it("ignores a lying or indirect /Length: the data is read to the filter's own end", async () => {
    const bomb = await deflatedSpaces(64);
    const lying = pdfWithStreams([{ dictionary: "/Filter /FlateDecode", data: bomb, length: "10" }]);
    expect((await refusal(scan(lying))).message).toContain("inflates past 16 MB");
    const indirect = pdfWithStreams([{ dictionary: "/Filter /FlateDecode", data: bomb, length: "5 0 R" }], ["10"]);
    expect((await refusal(scan(indirect))).message).toContain("inflates past 16 MB");
  });

  it("follows an indirect /Filter and #-escaped filter names", async () => {
    const bomb = await deflatedSpaces(64);
    const indirect = pdfWithStreams([{ dictionary: "/Filter 5 0 R", data: bomb }], ["[/FlateDecode]"]);
    expect((await refusal(scan(indirect))).message).toContain("(object 4 0) inflates past");
    const escaped = pdfWithStreams([{ dictionary: "/Filter /Fl#61teDecode", data: bomb }]);
    expect((await refusal(scan(escaped))).message).toContain("(object 4 0) inflates past");
  });

  it("decodes filter chains: Flate twice, ASCIIHex then Flate, ASCII85 then Flate", async () => {
    const twice = deflateSync(await deflatedSpaces(64));
    expect(twice.length).toBeLessThan(4096);
    const double = pdfWithStreams([{ dictionary: "/Filter [/FlateDecode /FlateDecode]", data: twice }]);
    expect((await refusal(scan(double))).message).toContain("inflates past 16 MB");

    const two = await deflatedSpaces(2);
    const hex = pdfWithStreams([{ dictionary: "/Filter [/AHx /Fl]", data: Buffer.from(`${two.toString("hex").replace(/(.{64})/g, "$1\n")}>`) }]);
    await expect(scan(hex)).resolves.toEqual({ streams: 1, inflatedBytes: 2 * MB });
    const a85 = pdfWithStreams([{ dictionary: "/Filter [/ASCII85Decode /FlateDecode]", data: Buffer.from(ascii85(two)) }]);
    await expect(scan(a85)).resolves.toEqual({ streams: 1, inflatedBytes: 2 * MB });
  });

  it("decodes LZW (code widths 9–12 with EarlyChange) and RunLength", async () => {
    const lzw = lzwZeroRuns();
    expect(lzw.inflated).toBe((3839 * 3840) / 2);
    const pdf = pdfWithStreams([{ dictionary: "/Filter /LZWDecode", data: lzw.data }]);
    await expect(scan(pdf)).resolves.toEqual({ streams: 1, inflatedBytes: lzw.inflated });
    expect((await refusal(scan(pdf, 4 * MB))).message).toContain("inflates past 4 MB");

    const runs = Buffer.alloc(2 * 256 * 1024);
    for (let i = 0; i < runs.length; i += 2) runs[i] = 0x81; // repeat the next byte 128 times
    const runLength = pdfWithStreams([{ dictionary: "/Filter /RunLengthDecode", data: Buffer.concat([runs, Buffer.of(0x80)]) }]);
    expect((await refusal(scan(runLength))).message).toContain("inflates past 16 MB");
    await expect(scan(runLength, 64 * MB)).resolves.toEqual({ streams: 1, inflatedBytes: 32 * MB });
  });

  it("accepts truncated and corrupt streams, counting what they decode to", async () => {
    const full = await deflatedSpaces(8);
    const truncated = pdfWithStreams([{ dictionary: "/Filter /FlateDecode", data: full.subarray(0, full.length / 2) }]);
    const result = await scan(truncated);
    expect(result.streams).toBe(1);
    expect(result.inflatedBytes).toBeGreaterThan(0);
    expect(result.inflatedBytes).toBeLessThan(8 * MB);
    const garbage = pdfWithStreams([{ dictionary: "/Filter /FlateDecode", data: Buffer.concat([Buffer.of(0x78, 0x9c), Buffer.alloc(5000, 0xff)]) }]);
    await expect(scan(garbage)).resolves.toEqual({ streams: 1, inflatedBytes: 0 });
    const cutFile = (await flateBombPdf(8)).subarray(0, 3000);
    expect((await scan(cutFile)).inflatedBytes).toBeLessThan(8 * MB);
  });

  it("leaves streams in image codecs and unfiltered streams uncounted, but counts a Flate stage before an image codec", async () => {
    const four = await deflatedSpaces(4);
    const pdf = pdfWithStreams([
      { dictionary: "/Filter /DCTDecode", data: four },
      { dictionary: "", data: Buffer.alloc(1000, 32) },
      { dictionary: "/Filter [/FlateDecode /DCTDecode]", data: four },
    ]);
    await expect(scan(pdf)).resolves.toEqual({ streams: 1, inflatedBytes: 4 * MB });
  });

  it("does not read stream dictionaries past 64 KB (such a bomb is left to the parser's memory watch)", async () => {
    await expect(scan(await flateBombPdf(64, { hiddenFromScan: true }))).resolves.toEqual({ streams: 0, inflatedBytes: 0 });
  });

  it("yields to the event loop while it inflates", async () => {
    let fired = false;
    setTimeout(() => (fired = true), 0);
    await scan(await flateBombPdf(200), 256 * MB);
    expect(fired).toBe(true);
  });

  it("accepts every PDF fixture", async () => {
    const root = path.join(process.cwd(), "tests", "fixtures");
    const pdfs = (readdirSync(root, { recursive: true }) as string[]).filter((name) => name.endsWith(".pdf"));
    expect(pdfs.length).toBeGreaterThanOrEqual(8);
    for (const name of pdfs) {
      const result = await checkInflatedSize({ bytes: readFileSync(path.join(root, name)), fileName: name, maxInflatedBytes: 256 * MB });
      expect(result.inflatedBytes, name).toBeLessThan(256 * MB);
    }
    const contract = await scan(readFileSync(path.join(root, "contract.pdf")));
    expect(contract.streams).toBeGreaterThan(0);
    expect(contract.inflatedBytes).toBeGreaterThan(0);
  });

  it("is applied by ingestDocument before the parser", async () => {
    const error = await refusal(ingestDocument({ bytes: await flateBombPdf(64), fileName: "bomb.pdf" }, { maxInflatedBytes: 16 * MB }));
    expect(error.code).toBe("document_too_large");
    expect(error.message).toContain('"bomb.pdf" was not read: a compressed stream (object 4 0) inflates past 16 MB');
    const fine = await ingestDocument({ bytes: pdfWithStreams([{ dictionary: "/Filter /FlateDecode", data: deflateSync("BT /F1 12 Tf 72 700 Td (Hello there) Tj ET") }]), fileName: "ok.pdf" });
    expect(fine.text).toContain("Hello there");
  });
});
