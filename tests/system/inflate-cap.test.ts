import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type ServerProcess } from "@/scripts/server-process";
import { flateBombPdf } from "@/tests/support/hostile-pdf";
import { groupRss, samplePeakRss } from "@/tests/support/process-memory";

/**
 * The inflate pre-scan (lib/documents/pdf-inflate-scan.ts) against the built server: a 1.5 MB PDF
 * whose page content inflates to 1.5 GB is refused before pdf.js sees it, and the server's
 * resident memory barely moves (the memory watch behind it: parse-memory.test.ts).
 */
const MB = 1024 * 1024;
const INFLATE_CAP_MB = 64;

let server: ServerProcess;

beforeAll(async () => {
  server = await startServer({ env: { FOREMAN_BACKEND: "scripted", FOREMAN_MAX_INFLATED_MB: String(INFLATE_CAP_MB) } });
});
afterAll(() => server?.kill());

async function upload(pdf: Buffer): Promise<{ status: number; message: string }> {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(pdf)], { type: "application/pdf" }), "bomb.pdf");
  const res = await fetch(`${server.url}/api/runs`, { method: "POST", body: form, headers: { authorization: "Bearer script" } });
  const body = (await res.json()) as { error?: { message: string } };
  return { status: res.status, message: body.error?.message ?? JSON.stringify(body) };
}

describe("inflated size capped before allocation", () => {
  it("refuses a flate bomb with a 413 naming the cap, while the server's resident memory barely moves", async () => {
    // The same path once with a small bomb, so the route's code is loaded before measuring.
    expect((await upload(await flateBombPdf(INFLATE_CAP_MB + 1))).status).toBe(413);
    const bomb = await flateBombPdf(1536);
    expect(bomb.length).toBeLessThan(2 * MB);
    const pgid = server.child.pid as number;
    const before = groupRss(pgid);
    const sampler = samplePeakRss(pgid);
    const answer = await upload(bomb);
    const peak = await sampler.stop();
    expect(answer.status, answer.message).toBe(413);
    expect(answer.message).toContain(`"bomb.pdf" was not read: a compressed stream (object 4 0) inflates past ${INFLATE_CAP_MB} MB`);
    const grewMb = (peak - before) / MB;
    console.log(`[inflate-cap] server RSS before ${(before / MB).toFixed(0)} MB, peak +${grewMb.toFixed(1)} MB (bomb inflates to 1536 MB, cap ${INFLATE_CAP_MB} MB)`);
    // The upload's own copies and the decoder's pieces: far below the cap, let alone the bomb.
    expect(grewMb).toBeLessThan(INFLATE_CAP_MB / 2);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
