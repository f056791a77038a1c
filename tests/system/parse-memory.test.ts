import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type ServerProcess } from "@/scripts/server-process";
import { flateBombPdf } from "@/tests/support/hostile-pdf";
import { groupRss, samplePeakRss } from "@/tests/support/process-memory";

/**
 * The second line behind the inflate pre-scan (inflate-cap.test.ts): a PDF whose page content
 * inflates to 1.5 GB, its stream dictionary padded past what the scan reads, reaches pdf.js; the
 * parser's memory cap must hold for the server's resident memory (ArrayBuffers are outside the JS
 * heap), not only its heap.
 */
const MB = 1024 * 1024;
const CAP_MB = 256;

let server: ServerProcess;
let bomb: Buffer;

beforeAll(async () => {
  bomb = await flateBombPdf(1536, { hiddenFromScan: true });
  server = await startServer({ env: { FOREMAN_BACKEND: "scripted", FOREMAN_PARSE_MEMORY_MB: String(CAP_MB) } });
});
afterAll(() => server?.kill());

describe("parser memory", () => {
  it("stops a flate bomb at the memory cap, measured by the server's resident memory", async () => {
    expect(bomb.length).toBeLessThan(5 * MB);
    const pgid = server.child.pid as number;
    const before = groupRss(pgid);
    const sampler = samplePeakRss(pgid);
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(bomb)], { type: "application/pdf" }), "bomb.pdf");
    const res = await fetch(`${server.url}/api/runs`, { method: "POST", body: form, headers: { authorization: "Bearer script" } });
    const peak = await sampler.stop();
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(res.status, JSON.stringify(body)).toBe(413);
    expect(body.error.message).toContain(`needed more than ${CAP_MB} MB of memory`);
    const grewMb = (peak - before) / MB;
    console.log(`[parse-memory] server RSS before ${(before / MB).toFixed(0)} MB, peak +${grewMb.toFixed(0)} MB (cap ${CAP_MB} MB, bomb inflates to 1536 MB)`);
    // The cap plus the worker's own start-up (pdf.js loaded) and the upload's copies.
    expect(grewMb).toBeLessThan(CAP_MB + 250);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
